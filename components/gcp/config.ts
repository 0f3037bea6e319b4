/** The `langsmith:gcp` config block (the GCP path is not built yet). */
import { z } from "zod";

export const gcpSchema = z.strictObject({});

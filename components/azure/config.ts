/** The `langsmith:azure` config block (the AZURE path is not built yet). */
import { z } from "zod";

export const azureSchema = z.strictObject({});

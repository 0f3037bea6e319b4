/** The inferred package schema, computed once per test run (the SDK's analysis takes ~20 s). */
import { inferSchema, type InferredSchema } from "../../tools/schema";
import { packPackage, REPO_ROOT } from "./pack";

let schema: InferredSchema | undefined;

export function packageSchema(): InferredSchema {
    if (!schema) {
        packPackage(); // the component provider host loads package.json `main`: lib/ must be built
        schema = inferSchema(REPO_ROOT);
    }
    return schema;
}

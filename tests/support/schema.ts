/**
 * The inferred package schema, computed once per test run. The SDK's analysis takes ~15 s of CPU, so
 * it runs in a child process (`node dist/tools/schema.js`, the same code) started by the root hook
 * at the beginning of the run: it overlaps the other tests on the second core.
 */
import { execFile } from "node:child_process";
import * as path from "node:path";
import { promisify } from "node:util";
import type { InferredSchema } from "../../tools/schema";
import { packPackage } from "./pack";

let schema: Promise<InferredSchema> | undefined;

export function packageSchema(): Promise<InferredSchema> {
    schema ??= (async () => {
        await packPackage(); // the component provider host loads package.json `main`: lib/ must be built
        const { stdout } = await promisify(execFile)(
            process.execPath,
            [path.join(__dirname, "..", "..", "tools", "schema.js")],
            { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
        );
        return JSON.parse(stdout) as InferredSchema;
    })();
    return schema;
}

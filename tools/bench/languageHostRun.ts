/**
 * Child process reproducing how `pulumi up` loads this program, to price item 2 of the benchmark:
 * `node dist/tools/bench/languageHostRun.js --mode <typecheck|transpile|compiled> --stack <name>`.
 *
 * typecheck / transpile: registers ts-node exactly as the Pulumi nodejs language host does
 * (@pulumi/pulumi/cmd/run/run.js: tsutils picks the project's `typescript` and the SDK's vendored
 * ts-node 7.0.1; `transpileOnly` from PULUMI_NODEJS_TRANSPILE_ONLY or tsconfig `noCheck`), then loads
 * `index.ts` under mocks. compiled: loads `dist/index.js` instead (a compiled entry point).
 * ts-node caches its output under TS_NODE_CACHE_DIRECTORY (default: a folder in the OS temp dir).
 */
import * as path from "node:path";
import { listStacks, loadStackConfig, projectName, projectRoot, stackFile, synthesize } from "../offline/synthesize";

export type LoadMode = "typecheck" | "transpile" | "compiled";
export const LOAD_MODES: readonly LoadMode[] = ["typecheck", "transpile", "compiled"];

/** The SDK's internal helpers the language host uses (no typings are published for them). */
interface TsUtils {
    loadTypeScriptCompilerOptions(tsConfigPath: string): Record<string, unknown>;
    typeScriptRequireStrings(): { tsnodeRequire: string; typescriptRequire: string };
}

/** Same options as run.js for a CommonJS project (not `type: module`) on TypeScript >= 4.7. */
function registerLikeLanguageHost(transpileOnly: boolean): void {
    const tsutils = require("@pulumi/pulumi/tsutils") as TsUtils;
    const tsConfigPath = "tsconfig.json";
    const compilerOptions = tsutils.loadTypeScriptCompilerOptions(tsConfigPath);
    const { tsnodeRequire, typescriptRequire } = tsutils.typeScriptRequireStrings();

    const tsn = require(tsnodeRequire) as { register(options: unknown): void };
    tsn.register({
        compiler: typescriptRequire,
        transpileOnly,
        project: tsConfigPath,
        skipProject: false,
        compilerOptions: {
            target: "ES2020",
            module: "nodenext",
            moduleResolution: "nodenext",
            sourceMap: "true",
            ...compilerOptions,
        },
    });
}

async function main() {
    const arg = (name: string) => {
        const i = process.argv.indexOf(name);
        return i >= 0 ? process.argv[i + 1] : undefined;
    };
    const mode = arg("--mode") as LoadMode | undefined;
    const stack = arg("--stack");
    if (!mode || !LOAD_MODES.includes(mode) || !stack || !listStacks().includes(stack)) {
        process.stderr.write(
            `usage: languageHostRun --mode <${LOAD_MODES.join("|")}> --stack <${listStacks().join("|")}>\n`,
        );
        process.exit(64);
    }
    const root = projectRoot();
    process.chdir(root); // the language host runs in the project directory
    if (mode !== "compiled") registerLikeLanguageHost(mode === "transpile");
    const entry = mode === "compiled" ? path.join(root, "dist", "index.js") : path.join(root, "index.ts");
    const { config, secretKeys } = loadStackConfig(stackFile(stack));
    // index.ts exports the program's outputs; requiring it runs the program.

    const result = await synthesize({
        project: projectName(root),
        stack,
        config,
        secretKeys,
        program: () => require(entry) as unknown,
    });
    process.stdout.write(JSON.stringify({ mode, stack, resources: result.resources.length }) + "\n");
}

if (require.main === module) {
    main().catch((err) => {
        process.stderr.write(`error: ${err instanceof Error ? err.stack : String(err)}\n`);
        process.exit(1);
    });
}

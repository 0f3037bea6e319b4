/**
 * Child process for the cloud-isolation check: `node dist/tools/bench/loadedModules.js --stack <name>`
 * runs the real program under mocks (like `synth`) and prints, as JSON, every module file the process
 * loaded. Run in a fresh process so nothing else has filled `require.cache`.
 */
import { runProgram } from "../../program";
import { listStacks, loadStackConfig, projectName, projectRoot, stackFile, synthesize } from "../offline/synthesize";

/** What the child prints. */
export interface LoadedModulesReport {
    stack: string;
    resources: number;
    modules: string[];
}

async function main() {
    const i = process.argv.indexOf("--stack");
    const stack = i >= 0 ? process.argv[i + 1] : undefined;
    if (!stack || !listStacks().includes(stack)) {
        process.stderr.write(`usage: loadedModules --stack <${listStacks().join("|")}>\n`);
        process.exit(64);
    }
    const { config, secretKeys } = loadStackConfig(stackFile(stack));
    const result = await synthesize({
        project: projectName(projectRoot()),
        stack,
        config,
        secretKeys,
        program: runProgram,
    });
    const report: LoadedModulesReport = {
        stack,
        resources: result.resources.length,
        modules: Object.keys(require.cache),
    };
    process.stdout.write(JSON.stringify(report) + "\n");
}

if (require.main === module) {
    main().catch((err) => {
        process.stderr.write(`error: ${err instanceof Error ? err.stack : String(err)}\n`);
        process.exit(1);
    });
}

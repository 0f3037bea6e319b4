/**
 * `npm run synth -- --stack <name> [--json | --mermaid] [--show-secrets]`: the offline preview. Runs the real
 * program under mocks with `stacks/Pulumi.<name>.yaml` and prints what `pulumi up` would create, the
 * generated Helm values and the stack outputs; `--mermaid` prints the resource graph as a Mermaid flowchart. Bad config: the message on stderr, exit code 2, no JSON.
 */
// First: before anything loads @pulumi/pulumi.
import "./offline/deferSdkInternals";
import { stringify as toYaml } from "yaml";
import { isConfigError } from "../program/config/errors";
import { runProgram } from "../program";
import { mermaidGraph } from "./docs/mermaid";
import {
    listStacks,
    loadStackConfig,
    projectName,
    projectRoot,
    stackFile,
    synthesize,
    type SynthResult,
} from "./offline/synthesize";
import * as fs from "node:fs";
import * as path from "node:path";

function usage(message: string): never {
    process.stderr.write(
        `${message}\nusage: npm run synth -- --stack <name> [--json | --mermaid] [--show-secrets] [--stack-dir <dir>]\nstacks: ${listStacks().join(", ")}\n`,
    );
    process.exit(64);
}

function parseArgs(argv: string[]) {
    const opts = { stack: "", json: false, mermaid: false, showSecrets: false, stackDir: "" };
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        if (arg === "--json") opts.json = true;
        else if (arg === "--mermaid") opts.mermaid = true;
        else if (arg === "--show-secrets") opts.showSecrets = true;
        else if (arg === "--stack") opts.stack = argv[++i] ?? "";
        else if (arg.startsWith("--stack=")) opts.stack = arg.slice("--stack=".length);
        else if (arg === "--stack-dir") opts.stackDir = argv[++i] ?? "";
        else usage(`unknown argument ${arg}`);
    }
    if (!opts.stack) usage("--stack is required");
    return opts;
}

/** A readable tree: component → children, with type, protect and the Helm values. */
export function renderTree(result: SynthResult): string {
    const children = new Map<string | null, SynthResult["resources"]>();
    const urns = new Set(result.resources.map((r) => r.urn));
    for (const r of result.resources) {
        const parent = r.parent && urns.has(r.parent) ? r.parent : null;
        children.set(parent, [...(children.get(parent) ?? []), r]);
    }
    const lines = [`${result.project}/${result.stack}: ${result.resources.length} resources`];
    const walk = (parent: string | null, indent: string) => {
        for (const r of children.get(parent) ?? []) {
            const flags = [r.protect ? "protected" : "", r.retainOnDelete ? "retained on delete" : ""]
                .filter(Boolean)
                .join(", ");
            lines.push(`${indent}+ ${r.type}  ${r.name}${flags ? `  [${flags}]` : ""}`);
            walk(r.urn, indent + "    ");
        }
    };
    walk(null, "  ");
    const release = result.resources.find((r) => r.type === "kubernetes:helm.sh/v3:Release");
    if (release) {
        lines.push(
            "",
            `Helm values for ${String(release.inputs.chart)} ${String(release.inputs.version)}:`,
            toYaml(release.inputs.values).trimEnd().replace(/^/gm, "  "),
        );
    }
    // When this run's database changes take effect (program/config/maintenance.ts).
    if (typeof result.outputs.databaseChangesLand === "string")
        lines.push("", `When database changes land: ${result.outputs.databaseChangesLand}`);
    lines.push("", "Stack outputs:", toYaml(result.outputs).trimEnd().replace(/^/gm, "  "));
    return lines.join("\n") + "\n";
}

async function main() {
    const opts = parseArgs(process.argv.slice(2));
    const file = opts.stackDir ? path.join(opts.stackDir, `Pulumi.${opts.stack}.yaml`) : stackFile(opts.stack);
    if (!fs.existsSync(file)) usage(`no stack file ${file}`);
    const { config, secretKeys } = loadStackConfig(file);
    try {
        const result = await synthesize({
            project: projectName(projectRoot()),
            stack: opts.stack,
            config,
            secretKeys,
            showSecrets: opts.showSecrets,
            program: runProgram,
        });
        process.stdout.write(
            opts.json
                ? JSON.stringify(result, null, 2) + "\n"
                : opts.mermaid
                  ? mermaidGraph(result)
                  : renderTree(result),
        );
    } catch (err) {
        if (isConfigError(err)) {
            process.stderr.write(`error: ${err.message}\n`);
            process.exit(2);
        }
        process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
        process.exit(1);
    }
}

process.on("unhandledRejection", (err) => {
    process.stderr.write(
        `error: ${isConfigError(err) ? err.message : err instanceof Error ? err.message : String(err)}\n`,
    );
    process.exit(isConfigError(err) ? 2 : 1);
});

if (require.main === module) void main();

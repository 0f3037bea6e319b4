/**
 * `npm run chart:render -- --chart-repo <langchain-ai/helm checkout or bare mirror> [--line main|v16-stable]...
 * [--stack <name>]... [--helm <path>] [--variant all|<name>]... [--config langsmith:<key>=<value>]... [--keep <dir>]
 * [--verbose]`
 *
 * Renders the real LangSmith chart with every stack's Helm values (the offline preview's, so no cloud
 * and no cluster) on both chart lines with `helm template`, and checks the manifests against what the
 * program creates: every pod that reads Postgres, managed Redis, blob storage or an agent database
 * runs under a service account holding the workload identity (Azure: with the pod label too), no
 * in-cluster Postgres/Redis the config did not ask for, every Secret key a pod needs exists, and no
 * password or storage key in values, Secrets or manifests. Prints a table; exit 1 on any problem.
 * A developer tool, not a test: the chart is LangChain's and no registry the CI reaches serves it.
 */
// First: before anything loads @pulumi/pulumi.
import "../offline/deferSdkInternals";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { parseAllDocuments } from "yaml";
import { runProgram } from "../../program";
import { isConfigError } from "../../program/config/errors";
import { OPTIONAL_SECRET_CONFIG_KEYS, SECRET_CONFIG_KEYS } from "../../program/config/fromPulumi";
import { listStacks, loadStackConfig, projectName, stackFile, synthesize } from "../offline/synthesize";
import { analyze, leakProblems, type Manifest } from "./analyze";
import { CHART_LINES, extractChart, type ChartCheckout } from "./chartSource";
import { helmVersion, resolveHelm } from "./helmBinary";
import { programView, type ProgramView } from "./programFacts";
import { formatTable, type RenderRow } from "./report";
import { selectVariants, VARIANTS, type Variant } from "./variants";

interface Options {
    chartRepo: string;
    lines: string[];
    stacks: string[];
    helm?: string;
    cacheDir: string;
    config: [string, string][];
    variants: string[];
    keep?: string;
    verbose: boolean;
}

function usage(message: string): never {
    process.stderr.write(
        `${message}\nusage: npm run chart:render -- --chart-repo <path> [--line ${CHART_LINES.join("|")}]... [--stack <name>]... ` +
            `[--helm <path>] [--cache-dir <dir>] [--variant all|<name>]... [--config langsmith:<key>=<value>]... ` +
            `[--keep <dir>] [--verbose]\nvariants: ${VARIANTS.map((v) => v.name).join(", ")}\n`,
    );
    process.exit(64);
}

function parseArgs(argv: string[]): Options {
    const o: Options = {
        chartRepo: process.env.LANGSMITH_CHART_REPO ?? "",
        lines: [],
        stacks: [],
        cacheDir: path.join(os.tmpdir(), "langsmith-iam-chart-render"),
        config: [],
        variants: [],
        verbose: false,
    };
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        const next = () => argv[++i] ?? usage(`${arg} needs a value`);
        if (arg === "--chart-repo") o.chartRepo = next();
        else if (arg === "--line") o.lines.push(next());
        else if (arg === "--stack") o.stacks.push(next());
        else if (arg === "--helm") o.helm = next();
        else if (arg === "--cache-dir") o.cacheDir = next();
        else if (arg === "--keep") o.keep = next();
        else if (arg === "--variant") o.variants.push(next());
        else if (arg === "--verbose") o.verbose = true;
        else if (arg === "--config") {
            const kv = next();
            const eq = kv.indexOf("=");
            if (eq < 1) usage(`--config takes langsmith:<key>=<value>, not ${kv}`);
            o.config.push([kv.slice(0, eq), kv.slice(eq + 1)]);
        } else usage(`unknown argument ${arg}`);
    }
    if (!o.chartRepo) usage("--chart-repo (or LANGSMITH_CHART_REPO) is required");
    if (o.lines.length === 0) o.lines = [...CHART_LINES];
    if (o.stacks.length === 0) o.stacks = listStacks();
    return o;
}

/** The stack's preview with secrets shown (kept in memory and in a private temp folder only). */
async function previewStack(
    stack: string,
    base: { config: Record<string, string>; secretKeys: string[] },
    overrides: [string, string][],
): Promise<ProgramView> {
    const config = { ...base.config };
    const secretKeys = [...base.secretKeys];
    for (const [key, value] of overrides) {
        config[key] = value;
        // A secret config key stays secret (the program refuses one in plain text).
        const secretKey = [...SECRET_CONFIG_KEYS, ...OPTIONAL_SECRET_CONFIG_KEYS].some((k) => `langsmith:${k}` === key);
        if (secretKey && !secretKeys.includes(key)) secretKeys.push(key);
    }
    const result = await synthesize({
        project: projectName(),
        stack,
        config,
        secretKeys,
        showSecrets: true,
        program: runProgram,
    });
    return programView(result, config, secretKeys);
}

/** The cases of one stack: as written, then each variant that applies; `--config` overrides last. */
function casesOf(
    stack: string,
    config: Record<string, string>,
    variants: Variant[],
    extra: [string, string][],
): { label: string; overrides: [string, string][] }[] {
    const cases = [{ label: stack, overrides: extra }];
    for (const v of variants) {
        const o = v.overrides(config);
        if (o) cases.push({ label: `${stack} +${v.name}`, overrides: [...Object.entries(o), ...extra] });
    }
    return cases;
}

interface Rendered {
    ok: boolean;
    ms: number;
    manifests: Manifest[];
    stderr: string;
}

function helmTemplate(helm: string, chart: ChartCheckout, view: ProgramView, workDir: string): Rendered {
    // JSON is YAML: the values go to helm exactly as the program sends them.
    const valuesFile = path.join(workDir, "values.json");
    fs.writeFileSync(valuesFile, JSON.stringify(view.release.values), { mode: 0o600 });
    const start = performance.now();
    const r = spawnSync(
        helm,
        ["template", view.release.releaseName, chart.dir, "--namespace", view.release.namespace, "-f", valuesFile],
        { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
    );
    const ms = performance.now() - start;
    fs.rmSync(valuesFile, { force: true });
    if (r.status !== 0) return { ok: false, ms, manifests: [], stderr: (r.stderr || r.error?.message || "").trim() };
    const manifests = parseAllDocuments(r.stdout)
        .map((d) => d.toJS() as Manifest | null)
        .filter((m): m is Manifest => m !== null && typeof m === "object");
    return { ok: true, ms, manifests, stderr: r.stderr };
}

async function main(): Promise<void> {
    const o = parseArgs(process.argv.slice(2));
    const log = (line: string) => process.stderr.write(`${line}\n`);
    const helm = resolveHelm(o.helm, o.cacheDir, log);
    const version = helmVersion(helm);
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "chart-render-"));
    const rows: RenderRow[] = [];
    const details: string[] = [];
    try {
        const charts = o.lines.map((line) => extractChart(o.chartRepo, line, path.join(work, line)));
        log(
            `helm ${version}; ${charts.map((c) => `${c.line}: chart ${c.version} (${c.commit.slice(0, 12)})`).join(", ")}`,
        );
        const variants = selectVariants(o.variants);
        const cases = o.stacks.flatMap((stack) => {
            const base = loadStackConfig(stackFile(stack));
            return casesOf(stack, base.config, variants, o.config).map((c) => ({ ...c, stack, base }));
        });
        for (const { stack: stackName, label: stack, base, overrides } of cases) {
            let view: ProgramView;
            try {
                view = await previewStack(stackName, base, overrides);
            } catch (err) {
                const message = isConfigError(err) || err instanceof Error ? err.message : String(err);
                for (const c of charts)
                    rows.push({
                        line: c.line,
                        chartVersion: c.version,
                        stack,
                        renderMs: 0,
                        problems: [`preview failed: ${message}`],
                    });
                continue;
            }
            for (const chart of charts) {
                const rendered = helmTemplate(helm, chart, view, work);
                const row: RenderRow = {
                    line: chart.line,
                    chartVersion: chart.version,
                    stack,
                    renderMs: rendered.ms,
                    problems: [],
                };
                rows.push(row);
                if (!rendered.ok) {
                    row.problems.push(`helm template failed: ${rendered.stderr}`);
                    continue;
                }
                if (o.keep) {
                    fs.mkdirSync(o.keep, { recursive: true });
                    fs.writeFileSync(
                        path.join(o.keep, `${stack.replace(/ \+/, "+")}.${chart.line}.json`),
                        JSON.stringify(rendered.manifests, null, 2),
                    );
                }
                const a = analyze(rendered.manifests, view.facts);
                const readers = a.workloads.filter((w) => w.identityStores.length > 0);
                row.workloads = a.workloads.length;
                row.readers = readers.length;
                row.withoutIdentity = readers.filter((w) => w.identityProblems.length > 0).length;
                row.inClusterStores = a.inClusterStores;
                row.problems.push(
                    ...a.problems,
                    ...leakProblems(view.release.values, rendered.manifests, view.facts, view.secretStrings, view.urls),
                );
                if (o.verbose)
                    details.push(
                        `${chart.line} ${stack}:`,
                        ...a.workloads.map(
                            (w) =>
                                `  ${w.workload} (sa ${w.serviceAccount}): ${w.stores.join(", ") || "no store"}` +
                                (w.identityProblems.length ? `  <- ${w.identityProblems.join("; ")}` : ""),
                        ),
                    );
            }
        }
    } finally {
        fs.rmSync(work, { recursive: true, force: true });
    }
    process.stdout.write(formatTable(rows));
    if (details.length) process.stdout.write(`\n${details.join("\n")}\n`);
    const problems = rows.flatMap((r) => r.problems.map((p) => `${r.line} ${r.stack}: ${p}`));
    if (problems.length) {
        process.stdout.write(`\n${problems.length} problem(s):\n${problems.map((p) => `- ${p}`).join("\n")}\n`);
        process.exitCode = 1;
    }
}

if (require.main === module)
    main().catch((err: unknown) => {
        process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
        process.exit(2);
    });

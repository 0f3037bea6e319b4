/**
 * tools/runTs.js, the loader of `npm run synth`: the same program output as the tsc build, and never a
 * stale file (an edit is seen by the very next run, through the cache).
 */
import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";

const ROOT = path.resolve(__dirname, "../../..");
const RUN_TS = path.join(ROOT, "tools", "runTs.js");
const run = promisify(execFile);

async function node(args: string[], env: Record<string, string> = {}): Promise<string> {
    return (await nodeWithStderr(args, env)).stdout;
}

async function nodeWithStderr(args: string[], env: Record<string, string> = {}) {
    return run(process.execPath, args, {
        cwd: ROOT,
        encoding: "utf8",
        maxBuffer: 64 * 1024 * 1024,
        env: { ...process.env, ...env },
    });
}

/** What the loader reports on stderr with RUN_TS_STATS=1. */
interface RunStats {
    transpiled: number;
    batched: number;
    esbuildApi: boolean;
    fromCache: number;
    codeCacheHits: number;
    codeCacheMisses: number;
    codeCacheMade: number;
    codeCacheWritten: boolean;
}

function runStats(stderr: string): RunStats {
    const line = /^run-ts: (.*)$/m.exec(stderr);
    assert.ok(line, `no stats in ${stderr}`);
    return JSON.parse(line[1]) as RunStats;
}

describe("tools/runTs.js (npm run synth's loader)", function () {
    this.timeout(60000);
    let scratch = "";
    before(function () {
        scratch = fs.mkdtempSync(path.join(os.tmpdir(), "run-ts-"));
    });
    after(function () {
        fs.rmSync(scratch, { recursive: true, force: true });
    });

    /** The tsc build's `--json` output per stack, kept by the first tests for the code cache test. */
    const builtJson = new Map<string, string>();

    // One stack per cloud: every cloud's code path, transpiled by esbuild from source vs emitted by tsc.
    for (const stack of ["aws-dev", "gcp-prod", "azure-dev"]) {
        it(`prints exactly what the tsc-built synth prints (${stack} --json)`, async function () {
            const cache = path.join(scratch, `cache-${stack}`);
            const [{ stdout: fromSource, stderr }, built] = await Promise.all([
                nodeWithStderr([RUN_TS, path.join("tools", "synth.ts"), "--stack", stack, "--json"], {
                    RUN_TS_CACHE_DIR: cache,
                    RUN_TS_STATS: "1",
                }),
                node([path.join("dist", "tools", "synth.js"), "--stack", stack, "--json"]),
            ]);
            assert.ok(fromSource.length > 1000);
            assert.equal(fromSource, built);
            builtJson.set(stack, built);
            // A cold run: every project source in one esbuild process, esbuild's JavaScript API never loaded.
            const stats = runStats(stderr);
            assert.ok(stats.transpiled > 50, `transpiled ${stats.transpiled}`);
            assert.equal(stats.batched, stats.transpiled);
            assert.equal(stats.transpiled, stats.fromCache, "each file it loaded, no other");
            assert.equal(stats.esbuildApi, false);
        });
    }

    it("sees an edit on the next run, and loads esbuild only for a file it has not transpiled yet", async function () {
        const dir = path.join(scratch, "edit");
        const cache = path.join(scratch, "cache-edit");
        fs.mkdirSync(dir);
        const entry = path.join(dir, "entry.ts");
        fs.writeFileSync(
            entry,
            [
                'import { value } from "./dep";',
                "const esbuildLoaded = Object.keys(require.cache).some((f) => f.includes(`${require('node:path').sep}esbuild${require('node:path').sep}`));",
                "console.log(JSON.stringify({ value, esbuildLoaded, main: require.main === module, argv: process.argv.slice(2) }));",
            ].join("\n"),
        );
        const dep = path.join(dir, "dep.ts");
        const result = async () =>
            JSON.parse(await node([RUN_TS, entry, "--flag", "x"], { RUN_TS_CACHE_DIR: cache })) as {
                value: number;
                esbuildLoaded: boolean;
                main: boolean;
                argv: string[];
            };

        fs.writeFileSync(dep, "export const value: number = 1;\n");
        assert.deepEqual(await result(), { value: 1, esbuildLoaded: true, main: true, argv: ["--flag", "x"] });
        assert.deepEqual(
            await result(),
            { value: 1, esbuildLoaded: false, main: true, argv: ["--flag", "x"] },
            "second run: everything from the cache",
        );
        // Same size, same mtime second: only the content differs.
        const { mtime } = fs.statSync(dep);
        fs.writeFileSync(dep, "export const value: number = 2;\n");
        fs.utimesSync(dep, mtime, mtime);
        assert.deepEqual(
            await result(),
            { value: 2, esbuildLoaded: true, main: true, argv: ["--flag", "x"] },
            "the edit is seen at once",
        );
    });

    it("--transpile (npm's prepare) writes exactly what the per-file transform makes, for what synth imports, and the code cache", async function () {
        const cache = path.join(scratch, "cache-prepare");
        const entry = path.join(ROOT, "tools", "synth.ts");
        const { stdout } = await nodeWithStderr([RUN_TS, "--transpile", entry], { RUN_TS_CACHE_DIR: cache });
        const loader = require(RUN_TS) as {
            transformOptions(): object;
            reachableSources(entries: string[], o: { lazy: boolean }): Map<string, string>;
        };
        const sources = loader.reachableSources([entry], { lazy: true });
        assert.ok(sources.has(path.join(ROOT, "program", "deploy", "azure.ts")), "every cloud's deploy");
        assert.match(stdout, new RegExp(`^run-ts: ${sources.size} sources transpiled`));
        // The batch (a build without bundling) against esbuild's per-file transform, text for text.
        const esbuild = require("esbuild") as typeof import("esbuild");
        const options = loader.transformOptions();
        const expected = [...sources].map(
            ([f, text]) => esbuild.transformSync(text, { ...options, sourcefile: f }).code,
        );
        const written = fs
            .readdirSync(cache)
            .filter((f) => f.endsWith(".js"))
            .map((f) => fs.readFileSync(path.join(cache, f), "utf8"));
        assert.deepEqual([...new Set(written)].sort(), [...new Set(expected)].sort());

        // Every file a cold run of each cloud transpiled (the first tests' caches) is there.
        for (const stack of ["aws-dev", "gcp-prod", "azure-dev"]) {
            const cold = path.join(scratch, `cache-${stack}`);
            if (!fs.existsSync(cold)) await node([RUN_TS, entry, "--stack", stack], { RUN_TS_CACHE_DIR: cold }); // run alone (--grep)
            const transpiled = fs.readdirSync(cold).filter((f) => f.endsWith(".js"));
            assert.ok(transpiled.length > 50, `${stack}: ${transpiled.length} files`);
            const notPrepared = transpiled.filter((f) => !fs.existsSync(path.join(cache, f)));
            assert.deepEqual(notPrepared, [], `${stack}: transpiled on its first run after --transpile`);
        }

        // The first run then also compiles the SDKs from the code cache --transpile made by loading
        // them, and prints what the tsc build prints.
        const { stdout: first, stderr } = await nodeWithStderr([RUN_TS, entry, "--stack", "aws-dev", "--json"], {
            RUN_TS_CACHE_DIR: cache,
            RUN_TS_STATS: "1",
        });
        const stats = runStats(stderr);
        assert.equal(stats.transpiled, 0);
        assert.ok(stats.codeCacheHits > 500 && stats.codeCacheHits > 5 * stats.codeCacheMisses, stderr);
        const built =
            builtJson.get("aws-dev") ??
            (await node([path.join("dist", "tools", "synth.js"), "--stack", "aws-dev", "--json"]));
        assert.equal(first, built);
    });

    it("in the project's folders: one esbuild process for what is missing, an edit seen at once, a broken file only its own", async function () {
        // A copy of the loader in a small project of its own (the loader's root is its parent folder).
        const project = path.join(scratch, "project");
        const cache = path.join(scratch, "cache-project");
        fs.mkdirSync(path.join(project, "tools"), { recursive: true });
        fs.mkdirSync(path.join(project, "components"));
        fs.copyFileSync(RUN_TS, path.join(project, "tools", "runTs.js"));
        fs.copyFileSync(path.join(ROOT, "tsconfig.json"), path.join(project, "tsconfig.json"));
        fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(project, "node_modules"), "dir");
        const entry = path.join(project, "tools", "entry.ts");
        const dep = path.join(project, "components", "dep.ts");
        fs.writeFileSync(
            entry,
            'import { value } from "../components/dep";\nconsole.log(JSON.stringify({ value }));\n',
        );
        fs.writeFileSync(dep, "export const value: number = 1;\n");
        const once = async () => {
            const { stdout, stderr } = await nodeWithStderr([path.join(project, "tools", "runTs.js"), entry], {
                RUN_TS_CACHE_DIR: cache,
                RUN_TS_STATS: "1",
            });
            const stats = runStats(stderr);
            return {
                value: (JSON.parse(stdout) as { value: number }).value,
                transpiled: stats.transpiled,
                batched: stats.batched,
                esbuildApi: stats.esbuildApi,
            };
        };

        assert.deepEqual(await once(), { value: 1, transpiled: 2, batched: 2, esbuildApi: false });
        assert.deepEqual(await once(), { value: 1, transpiled: 0, batched: 0, esbuildApi: false });
        // Same size, same mtime second: only the content differs.
        const { mtime } = fs.statSync(dep);
        fs.writeFileSync(dep, "export const value: number = 2;\n");
        fs.utimesSync(dep, mtime, mtime);
        assert.deepEqual(await once(), { value: 2, transpiled: 1, batched: 1, esbuildApi: false }, "edit seen");

        // An import used only as a type is never loaded: a syntax error there fails the batch, each
        // loaded file is then transformed on its own, and the run is still right.
        fs.writeFileSync(
            path.join(project, "components", "shape.ts"),
            "export type Shape = number;\nexport const = ;\n",
        );
        fs.writeFileSync(dep, 'import { Shape } from "./shape";\nexport const value: Shape = 3;\n');
        assert.deepEqual(await once(), { value: 3, transpiled: 1, batched: 0, esbuildApi: true }, "fallback");
    });

    it("compiles from V8's code cache once a run has made it, and never runs a stale entry", async function () {
        const dir = path.join(scratch, "code-cache");
        const cache = path.join(scratch, "cache-code-cache");
        fs.mkdirSync(dir);
        const entry = path.join(dir, "entry.ts");
        // A plain .js dependency: its code cache entry is the only thing that could go stale (a .ts
        // file's transpiled text changes with its source).
        const dep = path.join(dir, "dep.js");
        fs.writeFileSync(
            entry,
            'const value: number = require("./dep.js");\nconsole.log(JSON.stringify({ value }));\n',
        );
        fs.writeFileSync(dep, "module.exports = 1;\n");
        const once = async () => {
            const { stdout, stderr } = await nodeWithStderr([RUN_TS, entry], {
                RUN_TS_CACHE_DIR: cache,
                RUN_TS_STATS: "1",
            });
            return { value: (JSON.parse(stdout) as { value: number }).value, stats: runStats(stderr) };
        };

        const first = await once();
        assert.equal(first.value, 1);
        assert.ok(first.stats.transpiled > 0 && !first.stats.codeCacheWritten, "a run that transpiles writes none");
        const second = await once();
        assert.ok(second.stats.codeCacheMisses > 0 && second.stats.codeCacheWritten, "the next run makes it");
        const third = await once();
        assert.deepEqual(
            { value: third.value, misses: third.stats.codeCacheMisses, written: third.stats.codeCacheWritten },
            { value: 1, misses: 0, written: false },
        );
        assert.ok(third.stats.codeCacheHits >= 2, "the entry and its dependency come from the cache");

        // Same length (all V8 checks), same mtime: only the content differs.
        const { mtime } = fs.statSync(dep);
        fs.writeFileSync(dep, "module.exports = 2;\n");
        fs.utimesSync(dep, mtime, mtime);
        const edited = await once();
        assert.equal(edited.value, 2, "the edited file runs, not its cached code");
        assert.equal(edited.stats.codeCacheMisses, 1);

        // V8 refuses data made under other flags: a run with a flag keeps its own cache, and does not
        // throw away the one made without it.
        const flagged = async () => {
            const { stderr } = await run(process.execPath, ["--max-semi-space-size=16", RUN_TS, entry], {
                cwd: ROOT,
                encoding: "utf8",
                env: { ...process.env, RUN_TS_CACHE_DIR: cache, RUN_TS_STATS: "1" },
            });
            return runStats(stderr);
        };
        await once(); // makes the edited file's entry
        assert.equal((await flagged()).codeCacheHits, 0, "data made without the flag is not offered to V8");
        assert.ok((await flagged()).codeCacheHits >= 2, "the flagged run's own cache is kept");
        const after = await once();
        assert.deepEqual(
            { misses: after.stats.codeCacheMisses, allHits: after.stats.codeCacheHits >= 2 },
            {
                misses: 0,
                allHits: true,
            },
        );
    });

    it("synth's output is the same from a full code cache (aws-dev)", async function () {
        // The cache the first test filled with aws-dev's transpiled files.
        const cache = path.join(scratch, "cache-aws-dev");
        const args = [RUN_TS, path.join("tools", "synth.ts"), "--stack", "aws-dev", "--json"];
        const synth = async (budget?: string) => {
            const env = {
                RUN_TS_CACHE_DIR: cache,
                RUN_TS_STATS: "1",
                ...(budget && { RUN_TS_CODE_CACHE_BUDGET_MS: budget }),
            };
            const { stdout, stderr } = await nodeWithStderr(args, env);
            return { stdout, stats: runStats(stderr) };
        };
        const making = await synth("100000");
        assert.equal(making.stats.transpiled, 0, "the first test's run should have transpiled every file");
        assert.equal(making.stats.codeCacheMade, making.stats.codeCacheMisses, "no budget: every entry made");
        const full = await synth();
        assert.equal(full.stats.codeCacheMisses, 0);
        assert.ok(full.stats.codeCacheHits > 500, "the SDKs' modules come from the code cache");
        assert.equal(making.stdout, full.stdout);
        const built =
            builtJson.get("aws-dev") ??
            (await node([path.join("dist", "tools", "synth.js"), "--stack", "aws-dev", "--json"]));
        assert.equal(full.stdout, built);
    });
});

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
    const { stdout } = await run(process.execPath, args, {
        cwd: ROOT,
        encoding: "utf8",
        maxBuffer: 64 * 1024 * 1024,
        env: { ...process.env, ...env },
    });
    return stdout;
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

    // One stack per cloud: every cloud's code path, transpiled by esbuild from source vs emitted by tsc.
    for (const stack of ["aws-dev", "gcp-prod", "azure-dev"]) {
        it(`prints exactly what the tsc-built synth prints (${stack} --json)`, async function () {
            const cache = path.join(scratch, `cache-${stack}`);
            const [fromSource, built] = await Promise.all([
                node([RUN_TS, path.join("tools", "synth.ts"), "--stack", stack, "--json"], { RUN_TS_CACHE_DIR: cache }),
                node([path.join("dist", "tools", "synth.js"), "--stack", stack, "--json"]),
            ]);
            assert.ok(fromSource.length > 1000);
            assert.equal(fromSource, built);
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
});

/**
 * tools/offline/deferSdkInternals.ts, imported first by `npm run synth`: the Pulumi SDK starts without
 * loading its function serializer's TypeScript and npm dependencies, and a program that does serialise
 * a function still gets the real modules; zod starts without its translations. Each check runs in a fresh
 * Node process (a clean require cache).
 */
import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import * as path from "node:path";
import { promisify } from "node:util";

const DIST = path.resolve(__dirname, "../..");
const DEFER = path.join(DIST, "tools", "offline", "deferSdkInternals.js");

/** Runs `script` in a new process from dist/ (so @pulumi/pulumi resolves) and returns its JSON line. */
async function inFreshProcess(script: string): Promise<Record<string, unknown>> {
    const { stdout } = await promisify(execFile)(process.execPath, ["-e", script], { cwd: DIST, encoding: "utf8" });
    return JSON.parse(stdout) as Record<string, unknown>;
}

const LOADED = `const loaded = (m) => Object.keys(require.cache).some((f) => f.includes(require("node:path").join("node_modules", m, "")));`;

describe("tools/offline/deferSdkInternals (npm run synth starts the SDK without its closure serializer's dependencies)", function () {
    this.timeout(60000);

    it("the SDK loads neither typescript nor @npmcli/arborist at start-up (without it, it loads both)", async function () {
        const script = (defer: boolean) =>
            `${defer ? `require(${JSON.stringify(DEFER)});` : ""} require("@pulumi/pulumi"); ${LOADED}
            process.stdout.write(JSON.stringify({ ts: loaded("typescript"), arborist: loaded("@npmcli/arborist") }));`;
        const [deferred, eager] = await Promise.all([inFreshProcess(script(true)), inFreshProcess(script(false))]);
        assert.deepEqual(deferred, { ts: false, arborist: false });
        assert.deepEqual(
            eager,
            { ts: true, arborist: true },
            "the SDK no longer loads them eagerly: the module is moot",
        );
    });

    it("serialising a function still works: the real TypeScript loads on first use", async function () {
        const result = await inFreshProcess(
            `require(${JSON.stringify(DEFER)}); const pulumi = require("@pulumi/pulumi"); ${LOADED}
            pulumi.runtime.serializeFunction(function add(a, b) { return a + b; }).then((s) =>
                process.stdout.write(JSON.stringify({ body: s.text.includes("a + b"), ts: loaded("typescript"),
                    version: require("@pulumi/pulumi/typescript-shim").version === require("typescript").version })));`,
        );
        assert.deepEqual(result, { body: true, ts: true, version: true });
    });

    it("zod loads without its translated locales (without it, it loads all of them), and z.locales still works", async function () {
        const script = (defer: boolean) =>
            `${defer ? `require(${JSON.stringify(DEFER)});` : ""} const { z } = require("zod");
            const locales = () => Object.keys(require.cache).filter((f) => /[\\/]zod[\\/]v4[\\/]locales[\\/]/.test(f)).length;
            const atStart = locales();
            const r = z.string().safeParse(1);
            const english = r.error.issues[0].message;
            const afterParse = locales();
            z.config(z.locales.de());
            const german = z.string().safeParse(1).error.issues[0].message;
            process.stdout.write(JSON.stringify({ atStart, afterParse, english, german, after: locales() }));`;
        const [deferred, eager] = await Promise.all([inFreshProcess(script(true)), inFreshProcess(script(false))]);
        // Only English, the default, which zod's schemas load by themselves.
        assert.equal(deferred.atStart, 1);
        assert.equal(deferred.afterParse, 1);
        assert.ok((eager.atStart as number) > 40, "zod no longer loads every locale eagerly: the deferral is moot");
        assert.equal(deferred.english, eager.english);
        assert.equal(deferred.german, eager.german);
        assert.notEqual(deferred.german, deferred.english);
        assert.equal(deferred.after, eager.after);
    });
});

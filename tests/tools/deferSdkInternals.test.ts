/**
 * tools/offline/deferSdkInternals.ts, imported first by `npm run synth`: the Pulumi SDK starts without
 * loading its function serializer's TypeScript and npm dependencies, and a program that does serialise
 * a function still gets the real modules; zod starts without its translations. Each check runs in a fresh
 * Node process (a clean require cache).
 */
import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
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

    /** What the SDKs load at start-up only for work an offline preview never does (one module each). */
    const DEFERRED_PACKAGES = {
        ts: "typescript",
        arborist: "@npmcli/arborist",
        normalize: "normalize-package-data",
        fdir: "fdir",
        automation: "execa",
        semver: "semver",
        tracing: "@opentelemetry/api",
        glob: "glob",
        unusedApiGroup: "@pulumi/kubernetes/flowcontrol",
        grpc: "@grpc/grpc-js",
    };

    it("the SDKs load none of the deferred modules at start-up (without it, they load every one)", async function () {
        const script = (defer: boolean) =>
            `${defer ? `require(${JSON.stringify(DEFER)});` : ""} require("@pulumi/pulumi"); require("@pulumi/kubernetes"); ${LOADED}
            const names = ${JSON.stringify(DEFERRED_PACKAGES)};
            process.stdout.write(JSON.stringify(Object.fromEntries(Object.entries(names).map(([k, m]) => [k, loaded(m)]))));`;
        const [deferred, eager] = await Promise.all([inFreshProcess(script(true)), inFreshProcess(script(false))]);
        const all = (value: boolean) => Object.fromEntries(Object.keys(DEFERRED_PACKAGES).map((k) => [k, value]));
        assert.deepEqual(deferred, all(false));
        assert.deepEqual(eager, all(true), "the SDK no longer loads one of them eagerly: its deferral is moot");
    });

    it("each stand-in loads nothing until used, then reads as its parent's tsc helpers would read the real module", async function () {
        // Every deferred request, made as its parent makes it (a require bound to the parent's file).
        const result = await inFreshProcess(
            `const { DEFERRED } = require(${JSON.stringify(DEFER)}); const Module = require("node:module"); const path = require("node:path");
            const importDefault = (m) => (m && m.__esModule ? m : { default: m });
            const out = [];
            for (const { parent, request } of DEFERRED) {
                const parentFile = path.join(${JSON.stringify(path.resolve(DIST, ".."))}, parent);
                const load = Module.createRequire(parentFile);
                const before = Object.keys(require.cache).length;
                const standIn = load(request);
                const loadedEarly = Object.keys(require.cache).length !== before;
                const real = require(load.resolve(request));
                const sameKeys = JSON.stringify(Object.keys(standIn).sort()) === JSON.stringify(Object.keys(real).sort());
                const expectedDefault = real.__esModule ? real.default : real;
                out.push({ request, loadedEarly, sameKeys, sameDefault: importDefault(standIn).default === expectedDefault,
                    keys: Object.keys(real).length > 0 || typeof real === "function" });
            }
            process.stdout.write(JSON.stringify(out));`,
        );
        const entries = result as unknown as { request: string; loadedEarly: boolean; sameKeys: boolean }[];
        assert.ok(entries.length >= 10, `${entries.length} deferred requests`);
        for (const e of entries)
            assert.deepEqual(e, { ...e, loadedEarly: false, sameKeys: true, sameDefault: true, keys: true }, e.request);
    });

    it("the closure serializer's code paths are the same with the stand-ins (arborist, normalize-package-data, fdir)", async function () {
        // A small project with a workspace, so every one of the three is used.
        const project = fs.mkdtempSync(path.join(os.tmpdir(), "defer-code-paths-"));
        try {
            const write = (file: string, json: object) => {
                fs.mkdirSync(path.dirname(path.join(project, file)), { recursive: true });
                fs.writeFileSync(path.join(project, file), JSON.stringify(json));
            };
            write("package.json", {
                name: "p",
                version: "1.0.0",
                workspaces: ["pkgs/*"],
                dependencies: { a: "1.0.0" },
            });
            write("node_modules/a/package.json", { name: "a", version: "1.0.0", dependencies: { b: "1.0.0" } });
            write("node_modules/b/package.json", { name: "b", version: "1.0.0" });
            write("pkgs/w/package.json", { name: "w", version: "1.0.0" });
            const script = (defer: boolean) =>
                `${defer ? `require(${JSON.stringify(DEFER)});` : ""} const pulumi = require(${JSON.stringify(require.resolve("@pulumi/pulumi"))});
                pulumi.runtime.computeCodePaths({ extraIncludePackages: ["a"] }).then((m) => process.stdout.write(JSON.stringify({ paths: [...m.keys()].sort() })));`;
            const run = (defer: boolean) =>
                promisify(execFile)(process.execPath, ["-e", script(defer)], { cwd: project, encoding: "utf8" }).then(
                    ({ stdout }) => JSON.parse(stdout) as { paths: string[] },
                );
            const [deferred, eager] = await Promise.all([run(true), run(false)]);
            assert.deepEqual(deferred, eager);
            assert.ok(deferred.paths.includes("node_modules/b"), JSON.stringify(deferred));
        } finally {
            fs.rmSync(project, { recursive: true, force: true });
        }
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

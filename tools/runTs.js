#!/usr/bin/env node
/**
 * `node tools/runTs.js <entry.ts> [args...]`: runs a TypeScript entry point of this repository straight
 * from its sources, so `npm run synth` needs no `tsc` build first and can never run stale output.
 *
 * Each `.ts` file is transpiled (types stripped, no type check: that is `npm run check`) by esbuild
 * when it is `require`d. The result is cached under node_modules/.cache/run-ts, keyed by a hash of
 * the source text, the esbuild version and the options: an edited file gets a new key, so a cached
 * result is reused only for the exact same text. esbuild itself is loaded only on a cache miss.
 *
 * Plain JavaScript (not compiled) because it is what loads the TypeScript.
 */
"use strict";
const crypto = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");
const Module = require("node:module");

const root = path.resolve(__dirname, "..");
/** RUN_TS_CACHE_DIR: another cache (the bench's cold runs, the tests). */
const cacheDir = process.env.RUN_TS_CACHE_DIR || path.join(root, "node_modules", ".cache", "run-ts");

/**
 * The emit options that change what the code does, from tsconfig.json (what tsc uses for dist/ and
 * Pulumi's ts-node for `pulumi up`): `strict` emits "use strict", `target` ES2022 makes class fields
 * `define` semantics. esbuild reads these from `tsconfigRaw`.
 */
function transformOptions() {
    const { compilerOptions: c = {} } = JSON.parse(fs.readFileSync(path.join(root, "tsconfig.json"), "utf8"));
    const tsconfigRaw = {
        compilerOptions: {
            target: c.target,
            strict: c.strict,
            alwaysStrict: c.alwaysStrict,
            useDefineForClassFields: c.useDefineForClassFields,
            experimentalDecorators: c.experimentalDecorators,
            verbatimModuleSyntax: c.verbatimModuleSyntax,
        },
    };
    return {
        loader: "ts",
        format: "cjs",
        platform: "node",
        target: String(c.target ?? "es2022").toLowerCase(),
        tsconfigRaw,
    };
}

let esbuild;
let options;
let keyPrefix;

function transpile(source, filename) {
    const key = crypto.createHash("sha256").update(keyPrefix).update("\0").update(source).digest("hex");
    const cached = path.join(cacheDir, `${key}.js`);
    try {
        return fs.readFileSync(cached, "utf8");
    } catch {
        // not cached yet
    }
    esbuild ??= require("esbuild");
    const { code } = esbuild.transformSync(source, { ...options, sourcefile: filename });
    try {
        // Write then rename: a concurrent run never reads a half-written file.
        fs.mkdirSync(cacheDir, { recursive: true });
        const tmp = `${cached}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, code);
        fs.renameSync(tmp, cached);
    } catch {
        // A read-only checkout still runs, only without the cache.
    }
    return code;
}

/** Registers the `.ts` loader for this process; `require` of a `.ts` file then runs its transpiled code. */
function register() {
    options = transformOptions();
    // Read, not `require`d: a run served from the cache never loads anything of esbuild.
    const esbuildVersion = JSON.parse(fs.readFileSync(require.resolve("esbuild/package.json"), "utf8")).version;
    keyPrefix = JSON.stringify({ loader: 1, esbuild: esbuildVersion, options });
    Module._extensions[".ts"] = function (module, filename) {
        if (filename.includes(`${path.sep}node_modules${path.sep}`))
            throw new Error(`${filename}: TypeScript inside node_modules is not loaded from source`);
        module._compile(transpile(fs.readFileSync(filename, "utf8"), filename), filename);
    };
}

module.exports = { register, transformOptions };

if (require.main === module) {
    const [entry, ...args] = process.argv.slice(2);
    if (!entry) {
        process.stderr.write("usage: node tools/runTs.js <entry.ts> [args...]\n");
        process.exit(64);
    }
    register();
    const file = path.resolve(entry);
    process.argv = [process.argv[0], file, ...args];
    // Loaded as the main module, so the entry's `require.main === module` holds as under `node dist/...`.
    // (Node 20 sends a `.ts` main given on the command line to its ES module loader, which refuses it.)
    Module._load(file, null, true);
}

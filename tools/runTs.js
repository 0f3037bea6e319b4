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
 * Every module the run loads (the SDKs' JavaScript too) is compiled with V8's code cache, kept in one
 * file per entry point beside the transpiled files: most of a run's start-up is V8 compiling the SDKs,
 * and a cache made at the end of a run holds every function that run compiled. Each entry is used
 * only for the exact text it was made from (a SHA-1 of the text: V8's own check is only its length).
 *
 * Plain JavaScript (not compiled) because it is what loads the TypeScript.
 */
"use strict";
const crypto = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");
const Module = require("node:module");
const vm = require("node:vm");

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

/** What this run did, for the exit (and `RUN_TS_STATS=1`, which prints it on stderr). */
const stats = {
    transpiled: 0,
    fromCache: 0,
    codeCacheHits: 0,
    codeCacheMisses: 0,
    codeCacheMade: 0,
    codeCacheWritten: false,
};

function transpile(source, filename) {
    const key = crypto.createHash("sha256").update(keyPrefix).update("\0").update(source).digest("hex");
    const cached = path.join(cacheDir, `${key}.js`);
    try {
        const code = fs.readFileSync(cached, "utf8");
        stats.fromCache++;
        return code;
    } catch {
        // not cached yet
    }
    stats.transpiled++;
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

function sha1(text) {
    return crypto.createHash("sha1").update(text).digest("base64");
}

/**
 * The V8 code cache of one entry point: `<cacheDir>/v8-<hash>.bin` = a 4-byte length, a JSON index
 * `{ [filename]: [sha1 of its text, offset, length] }`, then the cached data. Keyed by Node's version
 * and architecture too (V8 refuses another's data anyway, and a refused entry is made again).
 */
function openCodeCache(entry) {
    const id = crypto
        .createHash("sha256")
        .update(JSON.stringify([process.version, process.arch, entry]))
        .digest("hex")
        .slice(0, 16);
    const file = path.join(cacheDir, `v8-${id}.bin`);
    let index = {};
    let data = Buffer.alloc(0);
    try {
        const bytes = fs.readFileSync(file);
        const length = bytes.readUInt32LE(0);
        index = JSON.parse(bytes.toString("utf8", 4, 4 + length));
        data = bytes.subarray(4 + length);
    } catch {
        // none yet (or unreadable: made again at exit)
    }
    return { file, index, data, loaded: new Map() };
}

/**
 * Compiles CommonJS modules with the code cache: what Node's own `Module.prototype._compile` does for
 * a CommonJS file (wrap, compile, call with `exports, require, module, __filename, __dirname`), but
 * through `vm.Script`, which takes and makes cached data. Anything else (an ES module loaded by
 * `require`, a syntax error to report) goes to Node's own.
 */
function useCodeCache(cache) {
    const compile = Module.prototype._compile;
    Module.prototype._compile = function (content, filename, format) {
        if (format === "module") return compile.call(this, content, filename, format);
        // Hashed only to check an entry, or to make one at exit: a first run hashes nothing.
        const known = cache.index[filename];
        const hash = known && sha1(content);
        const cachedData = known && known[0] === hash ? cache.data.subarray(known[1], known[1] + known[2]) : undefined;
        let script;
        try {
            // A hashbang is legal only at the very start of a script, which the wrapper no longer is.
            const body = content.startsWith("#!") ? `//${content.slice(2)}` : content;
            script = new vm.Script(Module.wrap(body), {
                filename,
                cachedData,
                importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
            });
        } catch {
            return compile.call(this, content, filename, format);
        }
        const hit = cachedData !== undefined && !script.cachedDataRejected;
        if (hit) stats.codeCacheHits++;
        else stats.codeCacheMisses++;
        cache.loaded.set(filename, hit ? { hash, data: cachedData } : { hash, content, script });
        const module = this;
        const require = (id) => module.require(id);
        require.resolve = (request, options) => Module._resolveFilename(request, module, false, options);
        require.resolve.paths = (request) => Module._resolveLookupPaths(request, module);
        require.main = process.mainModule;
        require.extensions = Module._extensions;
        require.cache = Module._cache;
        const fn = script.runInThisContext({ displayErrors: true });
        return fn.call(module.exports, module.exports, require, module, filename, path.dirname(filename));
    };
    process.on("exit", () => saveCodeCache(cache));
}

/**
 * How long one run may spend making cache entries at its exit. Making them all takes about what they
 * save in one run (0.1-0.3 s here), so it is spread over the first few runs instead of slowing one.
 * RUN_TS_CODE_CACHE_BUDGET_MS: another budget (the tests fill the cache in one run).
 */
const CODE_CACHE_BUDGET_MS = Number(process.env.RUN_TS_CODE_CACHE_BUDGET_MS || 50);

/**
 * At exit, when some module had no usable cache: writes the cache again, with new entries for this
 * run's misses (made now, so they hold every function the run compiled) as far as the budget goes,
 * and the old entries of files it did not load (another stack's modules). A run that transpiled
 * leaves this to the next run: a first run or one after an edit pays enough already.
 */
function saveCodeCache(cache) {
    if (stats.codeCacheMisses === 0 || stats.transpiled > 0) return;
    const start = performance.now();
    const index = {};
    const chunks = [];
    let offset = 0;
    const add = (filename, hash, data) => {
        index[filename] = [hash, offset, data.length];
        chunks.push(data);
        offset += data.length;
    };
    try {
        for (const [filename, entry] of cache.loaded) {
            if (entry.data) add(filename, entry.hash, entry.data);
            else if (performance.now() - start < CODE_CACHE_BUDGET_MS) {
                add(filename, entry.hash ?? sha1(entry.content), entry.script.createCachedData());
                stats.codeCacheMade++;
            }
        }
        for (const [filename, [hash, start, length]] of Object.entries(cache.index))
            if (!cache.loaded.has(filename)) add(filename, hash, cache.data.subarray(start, start + length));
        const header = Buffer.from(JSON.stringify(index));
        const size = Buffer.alloc(4);
        size.writeUInt32LE(header.length, 0);
        fs.mkdirSync(cacheDir, { recursive: true });
        const tmp = `${cache.file}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, Buffer.concat([size, header, ...chunks]));
        fs.renameSync(tmp, cache.file);
        stats.codeCacheWritten = true;
    } catch {
        // A read-only checkout still runs, only without the cache.
    }
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
    useCodeCache(openCodeCache(file));
    if (process.env.RUN_TS_STATS === "1")
        process.on("exit", () => process.stderr.write(`run-ts: ${JSON.stringify(stats)}\n`));
    process.argv = [process.argv[0], file, ...args];
    // Loaded as the main module, so the entry's `require.main === module` holds as under `node dist/...`.
    // (Node 20 sends a `.ts` main given on the command line to its ES module loader, which refuses it.)
    Module._load(file, null, true);
}

#!/usr/bin/env node
/**
 * `node tools/runTs.js <entry.ts> [args...]`: runs a TypeScript entry point of this repository straight
 * from its sources, so `npm run synth` needs no `tsc` build first and can never run stale output.
 * `node tools/runTs.js --transpile <entry.ts>` (npm's `prepare`, so after `npm ci`): fills both caches below
 * for that entry (its sources transpiled, its modules compiled), runs nothing.
 *
 * Each `.ts` file is transpiled (types stripped, no type check: that is `npm run check`) by esbuild
 * when it is `require`d. The result is cached under node_modules/.cache/run-ts, keyed by a hash of
 * the source text, the esbuild version and the options: an edited file gets a new key, so a cached
 * result is reused only for the exact same text. esbuild runs only on a cache miss, and then once for
 * the missed file and every missing project source it imports, not once per file.
 *
 * Every module the run loads (the SDKs' JavaScript too) is compiled with V8's code cache, kept in one
 * file per entry point beside the transpiled files: most of a run's start-up is V8 compiling the SDKs,
 * and a cache made at the end of a run holds every function that run compiled. Each entry is used
 * only for the exact text it was made from (a SHA-1 of the text: V8's own check is only its length).
 *
 * Plain JavaScript (not compiled) because it is what loads the TypeScript.
 */
"use strict";
const childProcess = require("node:child_process");
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
    /** Files esbuild transpiled in this run (in the batch or one by one). */
    transpiled: 0,
    /** Of those, how many in batches (the esbuild executable, once per miss for every missing file it imports). */
    batched: 0,
    /** Whether esbuild's JavaScript API was loaded (a file outside the batch, or no executable). */
    esbuildApi: false,
    fromCache: 0,
    codeCacheHits: 0,
    codeCacheMisses: 0,
    codeCacheMade: 0,
    codeCacheWritten: false,
};

/** `--transpile`: every entry made, whatever the budget, although this run transpiled. */
let preparing = false;

function cacheFile(source) {
    const key = crypto.createHash("sha256").update(keyPrefix).update("\0").update(source).digest("hex");
    return path.join(cacheDir, `${key}.js`);
}

function readCached(source) {
    try {
        return fs.readFileSync(cacheFile(source), "utf8");
    } catch {
        return undefined; // not cached yet
    }
}

function writeCached(source, code) {
    const cached = cacheFile(source);
    try {
        // Write then rename: a concurrent run never reads a half-written file.
        fs.mkdirSync(cacheDir, { recursive: true });
        const tmp = `${cached}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, code);
        fs.renameSync(tmp, cached);
    } catch {
        // A read-only checkout still runs, only without the cache.
    }
}

/** Project sources a batch has covered (or tried to): a file a failed batch left out is not tried again. */
const batched = new Set();

function transpile(source, filename) {
    let code = readCached(source);
    // A miss transpiles the file and every missing project source it imports at once: a cold run (a
    // fresh clone, a checkout of another branch) would otherwise pay one esbuild round trip per file.
    if (code === undefined && !batched.has(filename) && isProjectSource(filename)) {
        transpileBatch(reachableSources([filename]));
        code = readCached(source);
    }
    if (code !== undefined) {
        stats.fromCache++;
        return code;
    }
    stats.transpiled++;
    stats.esbuildApi = true;
    esbuild ??= require("esbuild");
    code = esbuild.transformSync(source, { ...options, sourcefile: filename }).code;
    writeCached(source, code);
    return code;
}

function isProjectSource(file) {
    const relative = path.relative(root, file);
    return (
        !relative.startsWith("..") &&
        !path.isAbsolute(relative) &&
        !relative.split(path.sep).includes("node_modules") &&
        file.endsWith(".ts") &&
        !file.endsWith(".d.ts")
    );
}

/** Relative imports loaded with the module: `import ... from "./x"`, `export ... from`, `import "./x"`, `import x = require("./x")`. */
const EAGER_IMPORT =
    /^[ \t]*(?:(?:import|export)[ \t]+(?!type\b)(?:[^"';]*?[\s}*]from[ \t]*)?|import[ \t]+\w+[ \t]*=[ \t]*require\([ \t]*)["'](\.{1,2}\/[^"']*)["']/gm;
/** Also `require("./x")` anywhere: a module loaded later, or only by some stacks (program.ts's clouds). */
const LAZY_IMPORT = /\brequire\([ \t]*["'](\.{1,2}\/[^"']*)["'][ \t]*\)/g;

const PACKAGE_NAME = /^(?:@[\w.-]+\/)?[\w.-]+(?:\/[\w.-]+)*$/;

/** The packages (not Node's own modules) that these sources import or require. */
function importedPackages(sources) {
    const found = new Set();
    for (const source of sources)
        for (const [, specifier] of source.matchAll(
            /(?:\bfrom|^[ \t]*import|\brequire\()[ \t]*["']([^."'][^"']*)["']/gm,
        ))
            if (PACKAGE_NAME.test(specifier) && !Module.isBuiltin(specifier)) found.add(specifier);
    return [...found].sort();
}

function resolveSource(from, specifier) {
    const base = path.resolve(path.dirname(from), specifier);
    for (const candidate of [`${base}.ts`, path.join(base, "index.ts"), base.replace(/\.js$/, ".ts")])
        if (candidate.endsWith(".ts") && fs.existsSync(candidate)) return candidate;
    return undefined;
}

/**
 * The project sources `entries` import, themselves included, found by reading their import lines
 * (a search, not a parse: a file it misses is transpiled when it is loaded, one it adds in vain costs
 * only its transform). `lazy` follows `require` calls too.
 */
function reachableSources(entries, { lazy = false } = {}) {
    const found = new Map();
    const queue = [...entries];
    while (queue.length > 0) {
        const file = queue.pop();
        if (found.has(file) || !isProjectSource(file)) continue;
        let source;
        try {
            source = fs.readFileSync(file, "utf8");
        } catch {
            continue;
        }
        found.set(file, source);
        for (const pattern of lazy ? [EAGER_IMPORT, LAZY_IMPORT] : [EAGER_IMPORT])
            for (const [, specifier] of source.matchAll(pattern)) {
                const target = resolveSource(file, specifier);
                if (target) queue.push(target);
            }
    }
    return found;
}

/**
 * The esbuild executable that esbuild's JavaScript API would start (its platform package), run
 * directly: the API's own start (its module, a worker thread, the service) costs more than
 * transpiling. Undefined where the package is laid out otherwise (Windows, ESBUILD_BINARY_PATH).
 */
function esbuildExecutable() {
    if (process.env.ESBUILD_BINARY_PATH) return undefined;
    try {
        return require.resolve(`@esbuild/${process.platform}-${process.arch}/bin/esbuild`);
    } catch {
        return undefined;
    }
}

/**
 * Transpiles the given sources (a Map of file to text) that the cache is missing, in ONE esbuild
 * process (a build without bundling: each file on its own, the per-file transform's options, the same
 * output; a test compares them), into a scratch folder inside the cache, then renamed to each text's
 * own key (a rename: atomic, and no copy). What it could not do (no executable, a syntax error in
 * some file: esbuild then writes nothing) is left to the per-file transform.
 */
function transpileBatch(sources) {
    const missing = [];
    for (const [file, source] of sources) {
        batched.add(file);
        if (!fs.existsSync(cacheFile(source))) missing.push({ file, source });
    }
    const executable = esbuildExecutable();
    if (missing.length === 0 || !executable) return;
    let out;
    try {
        fs.mkdirSync(cacheDir, { recursive: true });
        out = fs.mkdtempSync(path.join(cacheDir, "batch-"));
        childProcess.spawnSync(
            executable,
            [
                ...missing.map((m) => m.file),
                `--outdir=${out}`,
                `--outbase=${root}`,
                `--format=${options.format}`,
                `--platform=${options.platform}`,
                `--target=${options.target}`,
                `--tsconfig-raw=${JSON.stringify(options.tsconfigRaw)}`,
                "--log-level=silent",
            ],
            // Go's collector off for this short process: measured a third less CPU, a few MB more.
            { stdio: "ignore", env: { ...process.env, GOGC: "off" } },
        );
        for (const { file, source } of missing) {
            try {
                fs.renameSync(path.join(out, path.relative(root, file).replace(/\.ts$/, ".js")), cacheFile(source));
            } catch {
                continue; // not written (esbuild failed): transformed on its own if it is loaded
            }
            stats.transpiled++;
            stats.batched++;
        }
    } catch {
        // A read-only checkout, or no process: the per-file transform still works.
    } finally {
        if (out) fs.rmSync(out, { recursive: true, force: true });
    }
}

function sha1(text) {
    return crypto.createHash("sha1").update(text).digest("base64");
}

/**
 * The V8 code cache of one entry point: `<cacheDir>/v8-<hash>.bin` = a 4-byte length, a JSON index
 * `{ [filename]: [sha1 of its text, offset, length] }`, then the cached data. Keyed by Node's version,
 * architecture and flags too: V8 refuses data made under other flags (`--max-semi-space-size`,
 * `NODE_OPTIONS`...), so two ways of running would otherwise remake each other's cache on every run.
 */
function openCodeCache(entry) {
    const id = crypto
        .createHash("sha256")
        .update(
            JSON.stringify([process.version, process.arch, process.execArgv, process.env.NODE_OPTIONS ?? "", entry]),
        )
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
    if (!preparing && (stats.codeCacheMisses === 0 || stats.transpiled > 0)) return;
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
            else if (preparing || performance.now() - start < CODE_CACHE_BUDGET_MS) {
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

/**
 * `--transpile <entry.ts>` (npm's `prepare`): transpiles every project source the entry imports (the
 * lazily required ones too), then makes the entry's V8 code cache by loading, not running: the entry
 * as a module (its `require.main === module` part does not run), then every package its sources
 * import (a cloud SDK only some stacks load). So the README's first `npm run synth` after `npm ci`
 * compiles none of them again. A failure here only leaves that to the first run.
 */
function prepare([entry, ...rest]) {
    if (!entry || rest.length > 0) {
        process.stderr.write("usage: node tools/runTs.js --transpile <entry.ts>\n");
        process.exit(64);
    }
    const file = path.resolve(entry);
    const sources = reachableSources([file], { lazy: true });
    transpileBatch(sources);
    preparing = true;
    useCodeCache(openCodeCache(file));
    const load = Module.createRequire(file);
    let failed = "";
    for (const request of [file, ...importedPackages(sources.values())]) {
        try {
            load(request);
        } catch (err) {
            failed ||= `; ${request} not loaded (${err instanceof Error ? err.message.split("\n")[0] : err})`;
        }
    }
    process.stdout.write(
        `run-ts: ${stats.transpiled} sources transpiled, ${stats.codeCacheMisses} modules compiled into ` +
            `${path.relative(root, cacheDir)}${failed}\n`,
    );
}

module.exports = { register, transformOptions, reachableSources };

if (require.main === module) {
    const [entry, ...args] = process.argv.slice(2);
    if (!entry) {
        process.stderr.write("usage: node tools/runTs.js <entry.ts> [args...] | --transpile <entry.ts>\n");
        process.exit(64);
    }
    register();
    if (entry === "--transpile") {
        prepare(args);
        return;
    }
    const file = path.resolve(entry);
    useCodeCache(openCodeCache(file));
    if (process.env.RUN_TS_STATS === "1")
        process.on("exit", () => process.stderr.write(`run-ts: ${JSON.stringify(stats)}\n`));
    process.argv = [process.argv[0], file, ...args];
    // Loaded as the main module, so the entry's `require.main === module` holds as under `node dist/...`.
    // (Node 20 sends a `.ts` main given on the command line to its ES module loader, which refuses it.)
    Module._load(file, null, true);
}

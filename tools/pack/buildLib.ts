/**
 * `npm run build:pkg`: the component package's lib/ (JavaScript and declarations) from
 * tsconfig.build.json, with TypeScript 5.9's own compiler. Only the files its entry points reach are
 * emitted (their relative imports, followed), and none of the packages they import is read:
 * `isolatedDeclarations` (set in tsconfig.build.json, held by `npm run check`) lets every file's
 * declarations be written from that file alone, so the cloud SDKs' 2.3 million lines of declarations
 * are not parsed (about 2 s instead of 14). Then the bootstrap's credential script is copied beside
 * the module that reads it.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";

const root = path.resolve(__dirname, "..", "..");

/** The project files `entries` import (type-only imports too: declarations need them), themselves included. */
export function reachableFiles(entries: readonly string[]): string[] {
    const found = new Set<string>();
    const queue = [...entries];
    for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
        if (found.has(file)) continue;
        found.add(file);
        const { importedFiles } = ts.preProcessFile(fs.readFileSync(file, "utf8"), true, true);
        for (const { fileName } of importedFiles) {
            if (!fileName.startsWith(".")) continue;
            const base = path.resolve(path.dirname(file), fileName.replace(/\.js$/, ""));
            const target = [`${base}.ts`, path.join(base, "index.ts")].find((f) => fs.existsSync(f));
            if (!target) throw new Error(`${path.relative(root, file)}: cannot find ${fileName}`);
            queue.push(target);
        }
    }
    return [...found].sort();
}

/**
 * Emits the files the config's `files` reach into its `outDir` (emptied first), reading no package.
 * Refuses a config without `isolatedDeclarations`: without it a declaration may need a type from a
 * package, which this build does not read.
 */
export function buildLib(configFile: string): { outDir: string; files: string[] } {
    const parsed = ts.getParsedCommandLineOfConfigFile(
        configFile,
        {},
        {
            ...ts.sys,
            onUnRecoverableConfigFileDiagnostic: (d) => {
                throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
            },
        },
    );
    if (!parsed) throw new Error(`cannot read ${configFile}`);
    if (!parsed.options.isolatedDeclarations || !parsed.options.outDir)
        throw new Error(
            `${configFile}: set compilerOptions.isolatedDeclarations and outDir (see tools/pack/buildLib.ts)`,
        );
    const outDir = parsed.options.outDir;
    fs.rmSync(outDir, { recursive: true, force: true });
    const files = reachableFiles(parsed.fileNames);
    const program = ts.createProgram(files, { ...parsed.options, noResolve: true });
    const { diagnostics } = program.emit();
    const errors = [...program.getSyntacticDiagnostics(), ...diagnostics];
    if (errors.length > 0)
        throw new Error(
            ts.formatDiagnostics(errors, {
                getCanonicalFileName: (f) => f,
                getNewLine: () => "\n",
                getCurrentDirectory: () => path.dirname(configFile),
            }),
        );
    return { outDir, files };
}

function main(): void {
    const { outDir } = buildLib(path.join(root, "tsconfig.build.json"));
    fs.cpSync(path.join(root, "components", "postgres", "credential"), path.join(outDir, "postgres", "credential"), {
        recursive: true,
    });
}

if (require.main === module) {
    try {
        main();
    } catch (err) {
        process.stderr.write(`build:pkg: ${err instanceof Error ? err.message : String(err)}\n`);
        process.exit(1);
    }
}

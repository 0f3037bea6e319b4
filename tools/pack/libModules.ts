/** What the built library (lib/) loads and declares, read from the emitted files. */
import * as fs from "node:fs";
import * as path from "node:path";

function filesUnder(dir: string, suffix: string): string[] {
    return fs
        .readdirSync(dir, { recursive: true, encoding: "utf8" })
        .filter((f) => f.endsWith(suffix))
        .map((f) => path.join(dir, f));
}

/** Every bare specifier `require`d by any lib/**\/*.js (tsc's CommonJS output: `require("x")`). */
export function libRequires(libDir: string): Set<string> {
    const bare = new Set<string>();
    for (const file of filesUnder(libDir, ".js")) {
        for (const [, spec] of fs.readFileSync(file, "utf8").matchAll(/\brequire\("([^"]+)"\)/g))
            if (!spec.startsWith(".")) bare.add(spec);
    }
    return bare;
}

/** The files and bare modules reachable from one entry, following relative imports. */
export interface Closure {
    /** Paths relative to the library root, e.g. `aws/postgres.d.ts`. */
    files: string[];
    /** Bare specifier → the first file (relative) that imports it. */
    modules: Map<string, string>;
}

const IMPORT = {
    // `import ... from "x"`, `export ... from "x"`, `import("x")`, `import "x"` in declarations.
    ".d.ts": /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)"([^"]+)"/g,
    ".js": /\brequire\("([^"]+)"\)/g,
};

/** What a consumer's type checker (`.d.ts`) or Node (`.js`) reaches from `entry` (e.g. `aws/index`). */
export function closure(libDir: string, entry: string, kind: keyof typeof IMPORT): Closure {
    const seen = new Set<string>();
    const modules = new Map<string, string>();
    const visit = (file: string) => {
        if (seen.has(file)) return;
        seen.add(file);
        for (const [, spec] of fs.readFileSync(file, "utf8").matchAll(IMPORT[kind])) {
            if (!spec.startsWith(".")) {
                if (!modules.has(spec)) modules.set(spec, path.relative(libDir, file));
                continue;
            }
            const target = path.resolve(path.dirname(file), spec.replace(/\.js$/, ""));
            visit(fs.existsSync(target + kind) ? target + kind : path.join(target, `index${kind}`));
        }
    };
    visit(path.join(libDir, entry + kind));
    return { files: [...seen].map((f) => path.relative(libDir, f)).sort(), modules };
}

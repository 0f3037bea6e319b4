/**
 * Two layers, one direction: the package (components/) never imports the program (program/,
 * program.ts, index.ts), the tools or the tests, and a published cloud entry loads no config code.
 */
import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

const root = path.join(__dirname, "..", "..", "..");
const SPECIFIER = /(?:from|import|require)\s*\(?\s*["']([^"']+)["']/g;

function tsFiles(dir: string): string[] {
    return fs
        .readdirSync(dir, { withFileTypes: true })
        .flatMap((e) =>
            e.isDirectory() ? tsFiles(path.join(dir, e.name)) : e.name.endsWith(".ts") ? [path.join(dir, e.name)] : [],
        );
}

describe("layers: the package never imports the program", function () {
    const files = tsFiles(path.join(root, "components"));
    it("has package files to check", () => assert.ok(files.length > 20));

    it("no file under components/ imports program/, program.ts, index.ts, tools/ or tests/, nor zod", function () {
        const outside = ["program", "program.ts", "index.ts", "tools", "tests"].map((p) => path.join(root, p));
        const offenders: string[] = [];
        for (const file of files) {
            for (const [, spec] of fs.readFileSync(file, "utf8").matchAll(SPECIFIER)) {
                const rel = path.relative(root, file);
                if (spec === "zod" || spec.startsWith("zod/")) offenders.push(`${rel} -> ${spec}`);
                if (!spec.startsWith(".")) continue;
                const target = path.resolve(path.dirname(file), spec);
                if (
                    outside.some(
                        (o) => target === o || target === o.replace(/\.ts$/, "") || target.startsWith(o + path.sep),
                    )
                )
                    offenders.push(`${rel} -> ${spec}`);
            }
        }
        assert.deepEqual(offenders, []);
    });

    for (const entry of ["aws", "gcp", "azure"]) {
        it(`the ${entry} entry loads no program or config code (and no zod)`, function () {
            this.timeout(30000);
            const script = `require(${JSON.stringify(path.join(root, "dist", "components", entry, "index.js"))}); process.stdout.write(JSON.stringify(Object.keys(require.cache)));`;
            const loaded = JSON.parse(
                execFileSync(process.execPath, ["-e", script], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 }),
            ) as string[];
            assert.ok(
                loaded.some((m) => m.includes(`${path.sep}components${path.sep}${entry}${path.sep}`)),
                "the entry itself must be loaded",
            );
            const bad = loaded.filter(
                (m) =>
                    m.startsWith(path.join(root, "dist", "program")) ||
                    m.includes(`${path.sep}node_modules${path.sep}zod${path.sep}`),
            );
            assert.deepEqual(bad, []);
        });
    }
});

/**
 * tools/pack/buildLib.ts (`npm run build:pkg`): emits exactly the files the entry points reach,
 * JavaScript and declarations, without reading any package; refuses a config whose declarations might
 * need one.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { buildLib, reachableFiles } from "../../tools/pack/buildLib";

describe("tools/pack/buildLib (npm run build:pkg)", function () {
    let dir = "";
    const write = (file: string, text: string) => {
        fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        fs.writeFileSync(path.join(dir, file), text);
    };
    const config = (compilerOptions: object) => {
        write("tsconfig.json", JSON.stringify({ compilerOptions, files: ["src/index.ts"] }));
        return path.join(dir, "tsconfig.json");
    };
    const OPTIONS = {
        outDir: "lib",
        rootDir: "src",
        declaration: true,
        isolatedDeclarations: true,
        module: "node16",
        strict: true,
    };

    beforeEach(function () {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "build-lib-"));
        // A value import, a type-only import, a re-export from a folder's index, a `.js` specifier, an
        // import of a package (not read), and a file nothing imports.
        write(
            "src/index.ts",
            [
                'import { value } from "./a";',
                'import type { Shape } from "./types";',
                'export * from "./nested";',
                'export { helper } from "./helper.js";',
                'import type { Output } from "@pulumi/pulumi";',
                "export const doubled: number = value * 2;",
                "export function shape(size: number): Shape { return { size }; }",
                "export type Out = Output<string>;",
            ].join("\n"),
        );
        write("src/a.ts", "export const value: number = 21;\n");
        write("src/types.ts", "export interface Shape { size: number }\n");
        write("src/nested/index.ts", 'export const nested: string = "n";\n');
        write("src/helper.ts", "export function helper(): boolean { return true; }\n");
        write("src/unused.ts", "export const unused = 1;\n");
    });
    afterEach(function () {
        fs.rmSync(dir, { recursive: true, force: true });
    });

    it("follows every relative import (type-only too), not packages, not unreferenced files", function () {
        const files = reachableFiles([path.join(dir, "src", "index.ts")]).map((f) => path.relative(dir, f));
        assert.deepEqual(files, ["src/a.ts", "src/helper.ts", "src/index.ts", "src/nested/index.ts", "src/types.ts"]);
    });

    it("names the file whose relative import it cannot find", function () {
        write("src/a.ts", 'export { gone } from "./missing";\n');
        assert.throws(() => reachableFiles([path.join(dir, "src", "index.ts")]), /src\/a\.ts: cannot find \.\/missing/);
    });

    it("emits JavaScript and declarations for exactly those files, the package reference kept as written", function () {
        const { outDir } = buildLib(config(OPTIONS));
        const emitted = fs.readdirSync(outDir, { recursive: true }).map(String).sort();
        assert.deepEqual(emitted, [
            "a.d.ts",
            "a.js",
            "helper.d.ts",
            "helper.js",
            "index.d.ts",
            "index.js",
            "nested",
            "nested/index.d.ts",
            "nested/index.js",
            "types.d.ts",
            "types.js",
        ]);
        const declarations = fs.readFileSync(path.join(outDir, "index.d.ts"), "utf8");
        assert.match(declarations, /import type \{ Output \} from "@pulumi\/pulumi";/);
        assert.match(declarations, /export declare function shape\(size: number\): Shape;/);
        assert.match(declarations, /export type Out = Output<string>;/);
    });

    it("refuses a config without isolatedDeclarations (a declaration could need a package's types)", function () {
        assert.throws(
            () => buildLib(config({ ...OPTIONS, isolatedDeclarations: false })),
            /set compilerOptions\.isolatedDeclarations/,
        );
    });
});

/**
 * The packed package's types as an adopter's compiler sees them: a tiny consumer type-checks against
 * the installed tarball in the layouts Pulumi's TypeScript templates use (classic `commonjs` +
 * `moduleResolution: "node"`, which ignores `exports`, as in pulumi/templates aws-typescript/tsconfig.json)
 * and in `node16`. And what the public declarations reach: no library internals (zod) and not the
 * program's stack configuration.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { closure } from "../../tools/pack/libModules";
import { packageName } from "../../tools/pack/manifest";
import { consumerTypeCheck, LAYOUTS } from "../support/consumerBuilds";
import { packPackage } from "../support/pack";

const ENTRIES = ["index", "aws/index", "gcp/index", "azure/index", "postgres/index", "testing/index"];

const IMPORTS = { ".js": /\brequire\("([^"]+)"\)/g, ".d.ts": /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)"([^"]+)"/g };
const isConfig = (file: string) => /(^|\/)config\.(d\.ts|js)$/.test(file);

/** Imports of zod or of a config module, by the entry's modules that are not config modules. */
function leaks(libDir: string, entry: string, kind: ".d.ts" | ".js"): string[] {
    const found = new Set<string>();
    for (const file of closure(libDir, entry, kind).files.filter((f) => !isConfig(f))) {
        for (const [, spec] of fs.readFileSync(path.join(libDir, file), "utf8").matchAll(IMPORTS[kind])) {
            if (spec === "zod" || spec.startsWith("zod/") || /(^|\/)config$/.test(spec))
                found.add(`${file} imports ${spec}`);
        }
    }
    return [...found].sort();
}

describe("packed package: types in adopters' layouts, and what the public types reach", function () {
    this.timeout(180_000);
    let work: string;
    let errors: Record<string, string>;
    before(async function () {
        ({ work, errors } = await consumerTypeCheck());
    });
    after(() => work && fs.rmSync(work, { recursive: true, force: true }));

    it("type-checks a consumer of every entry point in both layouts", function () {
        assert.deepEqual(Object.keys(errors), Object.keys(LAYOUTS));
        for (const [layout, found] of Object.entries(errors)) assert.equal(found, "", `${layout}:\n${found}`);
    });

    it("no entry's declarations or modules reach zod or the program's stack configuration", function () {
        const lib = path.join(work, "node_modules", "langsmith-iam", "lib");
        for (const entry of ENTRIES) {
            for (const kind of [".d.ts", ".js"] as const) {
                assert.deepEqual(leaks(lib, entry, kind), [], `${entry}${kind}`);
            }
        }
    });

    it("the postgres entry (the pure SQL and URL builders) loads no Pulumi or cloud SDK", function () {
        const lib = path.join(work, "node_modules", "langsmith-iam", "lib");
        for (const kind of [".d.ts", ".js"] as const) {
            const modules = [...closure(lib, "postgres/index", kind).modules.keys()].map(packageName);
            assert.deepEqual(
                modules.filter((m) => m !== "pg" && !m.startsWith("node:")),
                [],
                `postgres/index${kind}`,
            );
        }
    });

    it("a cloud entry's declarations import only that cloud's SDK, the required peers and the package's dependencies", async function () {
        // skipLibCheck hides a declaration's unresolved import; a one-cloud adopter has no other cloud's SDK.
        const { manifest } = await packPackage();
        const lib = path.join(work, "node_modules", "langsmith-iam", "lib");
        const required = [
            ...Object.keys(manifest.dependencies),
            ...Object.keys(manifest.peerDependencies).filter((name) => !manifest.peerDependenciesMeta[name]),
        ];
        for (const [cloud, sdk] of Object.entries({
            aws: "@pulumi/aws",
            gcp: "@pulumi/gcp",
            azure: "@pulumi/azure-native",
        })) {
            const modules = [...closure(lib, `${cloud}/index`, ".d.ts").modules.keys()].map(packageName);
            assert.deepEqual(
                [...new Set(modules.filter((name) => name !== sdk && !required.includes(name)))],
                [],
                `langsmith-iam/${cloud} declarations import these`,
            );
        }
    });
});

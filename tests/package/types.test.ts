/**
 * The packed package's types as an adopter's compiler sees them: a tiny consumer type-checks against
 * the installed tarball in the layouts Pulumi's TypeScript templates use (classic `commonjs` +
 * `moduleResolution: "node"`, which ignores `exports`, as in pulumi/templates aws-typescript/tsconfig.json)
 * and in `node16`. And what the public declarations reach: no library internals (zod) and not the
 * program's stack configuration.
 */
import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { closure } from "../../tools/pack/libModules";
import { packageName } from "../../tools/pack/manifest";
import { extractPackage, packPackage, REPO_ROOT } from "../support/pack";

/** Uses every entry point; each `@ts-expect-error` fails the check if a type resolved to `any`. */
const CONSUMER = `import * as pulumi from "@pulumi/pulumi";
import { AwsPostgres, type AwsPostgresArgs } from "langsmith-iam/aws";
import { GcpPostgres, bootstrapSql, type SslMode } from "langsmith-iam/gcp";
import { AzurePostgres, type AzurePostgresArgs } from "langsmith-iam/azure";
import { DatabaseBootstrap, LangSmith } from "langsmith-iam";
import { setCloudMocks, type MockWorld } from "langsmith-iam/testing";
import { AZURE_IAM_ROLE_MODEL, bootstrapSql as buildSql, type IamRoleModel } from "langsmith-iam/postgres";

const mode: SslMode = "verify-full";
// @ts-expect-error: not a mode the package allows
const plaintext: SslMode = "disable";
declare const aws: AwsPostgresArgs;
// @ts-expect-error: not an argument of AwsPostgres
aws.notAnArgument;
declare const azure: AzurePostgresArgs;
// @ts-expect-error: not an argument of AzurePostgres
azure.notAnArgument;
declare const gcp: GcpPostgres;
const host: pulumi.Output<string> = gcp.host;
// @ts-expect-error: host is an Output, not a string
const hostText: string = gcp.host;
const model: IamRoleModel = AZURE_IAM_ROLE_MODEL;
// @ts-expect-error: not a way the bootstrap gets its privileges
const badModel: IamRoleModel = { ...model, privileges: "superuser" };
const script: string = buildSql({ model, database: "orders", schema: "public", iamUser: "orders_app" });
const world: Partial<MockWorld> = { awsRegion: "eu-west-1" };
// @ts-expect-error: not a field of the mocked world
const badWorld: Partial<MockWorld> = { notAField: 1 };
export const used = [mode, plaintext, host, hostText, AwsPostgres, AzurePostgres, DatabaseBootstrap, LangSmith, bootstrapSql];
export const usedToo = [setCloudMocks, world, badWorld, script, badModel];
`;

/**
 * Pulumi's template compiler options, and node16's. Both add noEmit and skipLibCheck: checking the
 * 3,000 declaration files of the cloud SDKs takes about a minute; the `@ts-expect-error` probes
 * catch a type that silently became `any`, and the test below the imports a declaration needs.
 */
const LAYOUTS: Record<string, Record<string, unknown>> = {
    "commonjs + moduleResolution node (Pulumi templates)": {
        strict: true,
        target: "es2020",
        module: "commonjs",
        moduleResolution: "node",
        experimentalDecorators: true,
        noFallthroughCasesInSwitch: true,
        noImplicitReturns: true,
        forceConsistentCasingInFileNames: true,
    },
    node16: { strict: true, target: "es2022", module: "node16", moduleResolution: "node16" },
};

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
    before(async function () {
        const { tarball } = await packPackage();
        // Under dist/ so @pulumi/* resolve from this repository's node_modules, offline.
        work = fs.mkdtempSync(path.join(REPO_ROOT, "dist", "consumer-types-"));
        fs.mkdirSync(path.join(work, "node_modules"));
        fs.renameSync(
            extractPackage(tarball, path.join(work, "node_modules")),
            path.join(work, "node_modules", "langsmith-iam"),
        );
    });
    after(() => work && fs.rmSync(work, { recursive: true, force: true }));

    it("type-checks a consumer of every entry point in both layouts", async function () {
        const tsc = require.resolve("typescript/bin/tsc");
        const results = await Promise.all(
            Object.entries(LAYOUTS).map(async ([layout, compilerOptions], i) => {
                const dir = path.join(work, `layout-${i}`);
                fs.mkdirSync(dir);
                fs.writeFileSync(path.join(dir, "index.ts"), CONSUMER);
                fs.writeFileSync(
                    path.join(dir, "tsconfig.json"),
                    JSON.stringify({
                        compilerOptions: { ...compilerOptions, noEmit: true, skipLibCheck: true, types: ["node"] },
                        files: ["index.ts"],
                    }),
                );
                // A consumer below the package: `langsmith-iam` resolves from work/node_modules.
                const run = await promisify(execFile)(process.execPath, [tsc, "-p", dir, "--pretty", "false"], {
                    encoding: "utf8",
                }).then(
                    () => "",
                    (e: Error & { stdout?: string }) => e.stdout || e.message,
                );
                return { layout, errors: run.trim() };
            }),
        );
        for (const { layout, errors } of results) assert.equal(errors, "", `${layout}:\n${errors}`);
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

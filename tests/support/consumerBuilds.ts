/**
 * The packed package as adopters compile it: the examples built with their own tsconfig, and a tiny
 * consumer type-checked in the layouts of types.test.ts. Each is one `tsc` process over the cloud
 * SDKs' declarations (seconds of CPU each), run once per test run in a child process: the root hook
 * starts them one after another as soon as the tarball exists, so they overlap the other tests on the
 * second core; the tests that use them await the same promises (and see their errors).
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { extractPackage, installPacked, packPackage, REPO_ROOT } from "./pack";

/** TypeScript 5.9, what adopters compile with today: the consumer's layouts. */
const TSC = require.resolve("typescript/bin/tsc");
/**
 * TypeScript 7's native compiler (`npm run check`'s): the examples' builds, about a quarter of tsc's
 * time here (1.4 s against 5.3 s for examples/orders-gcp on an idle core). It has no
 * `moduleResolution: "node"` any more, so the Pulumi-template layout stays on tsc.
 */
const TSGO = path.join(REPO_ROOT, "node_modules", "@typescript", "native-preview", "bin", "tsgo");

/** `<compiler> -p <project>`: "" when it passes, else what it printed. */
async function tsc(project: string, cwd: string, compiler = TSC): Promise<string> {
    return promisify(execFile)(process.execPath, [compiler, "-p", project, "--pretty", "false"], {
        cwd,
        encoding: "utf8",
        maxBuffer: 64 * 1024 * 1024,
    }).then(
        () => "",
        (e: Error & { stdout?: string }) => (e.stdout || e.message).trim(),
    );
}

/** Uses every entry point; each `@ts-expect-error` fails the check if a type resolved to `any`. */
export const CONSUMER = `import * as pulumi from "@pulumi/pulumi";
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
export const LAYOUTS: Record<string, Record<string, unknown>> = {
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

const examples = new Map<string, Promise<string>>();

/**
 * A copy of `examples/<example>` with the tarball installed (see installPacked), type-checked and
 * built into its bin/ with its own tsconfig by tsgo; resolves to the copy's folder, rejects with the
 * compiler's output.
 */
export function builtExample(example: string): Promise<string> {
    let built = examples.get(example);
    if (!built) {
        built = (async () => {
            const source = path.join(REPO_ROOT, "examples", example);
            const work = installPacked((await packPackage()).tarball, `example-${example}-`);
            for (const file of fs.readdirSync(source))
                if (!["node_modules", "bin"].includes(file))
                    fs.copyFileSync(path.join(source, file), path.join(work, file));
            const errors = await tsc(path.join(work, "tsconfig.json"), work, TSGO);
            if (errors) {
                fs.rmSync(work, { recursive: true, force: true }); // no test gets it to remove
                throw new Error(`examples/${example} does not build against the packed package:\n${errors}`);
            }
            return work;
        })();
        examples.set(example, built);
    }
    return built;
}

export interface ConsumerCheck {
    /** Where the tarball is installed (`<work>/node_modules/langsmith-iam`). */
    work: string;
    /** tsc's errors per layout ("" = none). */
    errors: Record<string, string>;
}

let consumer: Promise<ConsumerCheck> | undefined;

/**
 * CONSUMER type-checked against the extracted tarball once per layout of LAYOUTS, each layout its own
 * project below the package, so `langsmith-iam` resolves from `<work>/node_modules`.
 */
export function consumerTypeCheck(): Promise<ConsumerCheck> {
    consumer ??= (async () => {
        const { tarball } = await packPackage();
        // Under dist/ so @pulumi/* resolve from this repository's node_modules, offline.
        const work = fs.mkdtempSync(path.join(REPO_ROOT, "dist", "consumer-types-"));
        fs.mkdirSync(path.join(work, "node_modules"));
        fs.renameSync(
            extractPackage(tarball, path.join(work, "node_modules")),
            path.join(work, "node_modules", "langsmith-iam"),
        );
        const errors: Record<string, string> = {};
        for (const [i, [layout, compilerOptions]] of Object.entries(LAYOUTS).entries()) {
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
            errors[layout] = await tsc(dir, work);
        }
        return { work, errors };
    })();
    return consumer;
}

/** In the order the tests use them (examples/, then package/): one tsc at a time beside the tests. */
export async function startConsumerBuilds(): Promise<void> {
    for (const example of ["orders-gcp", "orders-azure", "orders"]) await builtExample(example).catch(() => undefined);
    await consumerTypeCheck().catch(() => undefined);
}

/**
 * The example another team would copy: examples/orders installs the PACKED package (the tarball
 * `npm pack` makes, not the sources), type-checks and builds against its .d.ts, and runs under the
 * same offline mocks as the LangSmith program.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { loadStackConfig, synthesize, type SynthResult } from "../../tools/offline/synthesize";
import { builtExample } from "../support/consumerBuilds";
import { REPO_ROOT } from "../support/pack";

const EXAMPLE = path.join(REPO_ROOT, "examples/orders");

describe("examples/orders: another service adopts the packed package", function () {
    this.timeout(180_000);
    let work: string;
    let result: SynthResult;

    before(async function () {
        // Type-checked and built with the example's own tsconfig (node16 resolution: package.json `exports`).
        work = await builtExample("orders");
        const { ordersDatabase } = require(path.join(work, "bin/program.js")) as { ordersDatabase: () => unknown };
        const { config, secretKeys } = loadStackConfig(path.join(work, "Pulumi.dev.yaml"));
        result = await synthesize({ project: "orders", stack: "dev", config, secretKeys, program: ordersDatabase });
    });
    after(() => work && fs.rmSync(work, { recursive: true, force: true }));

    it("depends on the package by name and imports it only through its public entry points", function () {
        const manifest = JSON.parse(fs.readFileSync(path.join(EXAMPLE, "package.json"), "utf8")) as {
            dependencies: Record<string, string>;
        };
        assert.match(manifest.dependencies["langsmith-iam"], /langsmith-iam-\d+\.\d+\.\d+\.tgz$/);
        for (const file of ["index.ts", "program.ts"]) {
            const source = fs.readFileSync(path.join(EXAMPLE, file), "utf8");
            const specifiers = [...source.matchAll(/from "([^"]+)"/g)].map((m) => m[1]);
            assert.ok(
                specifiers.every((s) => !s.includes("components") && (!s.startsWith(".") || s === "./program")),
                `${file} imports ${specifiers.join(", ")}`,
            );
        }
        assert.ok(fs.readFileSync(path.join(EXAMPLE, "program.ts"), "utf8").includes('from "langsmith-iam/aws"'));
    });

    it("loaded the package from the installed tarball", function () {
        // This example's install only: the other examples' tests load their own clouds' entries in this process.
        const loaded = Object.keys(require.cache).filter(
            (f) => f.startsWith(work) && f.includes(`${path.sep}node_modules${path.sep}langsmith-iam${path.sep}`),
        );
        assert.ok(
            loaded.some((f) => f.startsWith(work) && f.endsWith(path.join("lib", "aws", "index.js"))),
            "langsmith-iam/aws was not loaded from the installed tarball",
        );
        assert.ok(
            !loaded.some(
                (f) =>
                    f.includes(`${path.sep}lib${path.sep}gcp${path.sep}`) ||
                    f.includes(`${path.sep}lib${path.sep}azure${path.sep}`),
            ),
            "the AWS entry loaded another cloud's modules",
        );
    });

    it("carries no LangSmith names in what the generic components create", function () {
        // The package's annotation domain (`langsmith-iam/...`) and type tokens are its own name.
        const named = result.resources
            .filter((r) => /langsmith(?!-iam[/:])/i.test(JSON.stringify(r.inputs)))
            .map(
                (r) =>
                    `${r.type} ${r.name}: ${JSON.stringify(r.inputs).match(/.{0,40}langsmith(?!-iam[/:]).{0,40}/i)?.[0]}`,
            );
        assert.deepEqual(named, []);
    });

    it("gives the orders service its RDS database with IAM authentication", function () {
        const component = result.resources.filter((r) => r.type === "langsmith-iam:index:AwsPostgres");
        assert.equal(component.length, 1);
        const instance = result.resources.filter((r) => r.type === "aws:rds/instance:Instance");
        assert.equal(instance.length, 1);
        assert.equal(instance[0].parent, component[0].urn);
        assert.equal(instance[0].inputs.dbName, "orders");
        assert.equal(instance[0].inputs.iamDatabaseAuthenticationEnabled, true);
        assert.equal(instance[0].inputs.publiclyAccessible, false);
        assert.equal(result.outputs.databaseUser, "orders_app");
    });

    it("lets exactly the orders-api service account assume the role, allowed rds-db:connect as orders_app only", function () {
        const role = result.resources.find((r) => r.type === "aws:iam/role:Role" && r.name === "orders-identity-role");
        assert.ok(role);
        const trust = JSON.parse(String(role.inputs.assumeRolePolicy)) as {
            Statement: { Condition: Record<string, Record<string, unknown>> }[];
        };
        const subjects = Object.entries(trust.Statement[0].Condition.StringEquals).filter(([k]) => k.endsWith(":sub"));
        assert.deepEqual(
            subjects.map(([, v]) => v),
            [["system:serviceaccount:orders:orders-api"]],
        );
        assert.equal(trust.Statement.length, 1);
        const policy = result.resources.find(
            (r) => r.type === "aws:iam/rolePolicy:RolePolicy" && r.name === "orders-identity-rds-connect",
        );
        const statement = (
            JSON.parse(String(policy?.inputs.policy)) as { Statement: { Action: unknown; Resource: unknown }[] }
        ).Statement[0];
        assert.equal(statement.Action, "rds-db:connect");
        assert.match(String(statement.Resource), /:dbuser:[^/]+\/orders_app$/);
    });

    it("bootstraps the database user in the cluster and annotates the service account with the role", function () {
        const job = result.resources.find((r) => r.type === "kubernetes:batch/v1:Job");
        assert.ok(job, "no bootstrap Job");
        assert.ok(
            job.provider?.includes("pulumi:providers:kubernetes::platform-dev"),
            "the bootstrap Job must use the cluster from opts.providers",
        );
        const sql = result.resources.find((r) => r.type === "kubernetes:core/v1:ConfigMap")?.inputs.data as Record<
            string,
            string
        >;
        assert.match(sql["bootstrap.sql"], /^GRANT "rds_iam" TO "orders_app";$/m);
        assert.match(sql["bootstrap.sql"], /^ALTER DATABASE "orders" OWNER TO "orders_app";$/m);
        const sa = result.resources.find(
            (r) => r.type === "kubernetes:core/v1:ServiceAccount" && r.name === "orders-api",
        );
        assert.ok(sa?.dependencies.includes(job.urn), "the service account must wait for the bootstrap Job");
        const annotations = (sa?.inputs.metadata as { annotations: Record<string, string> }).annotations;
        const role = result.resources.find((r) => r.type === "aws:iam/role:Role");
        assert.equal(annotations["eks.amazonaws.com/role-arn"], role?.outputs.arn);
        assert.ok(!result.resources.some((r) => r.type === "kubernetes:helm.sh/v3:Release"), "no LangSmith here");
        // The bootstrap logs in with the password RDS keeps, read by its own role; no Secret anywhere.
        assert.equal(
            result.resources.find((r) => r.type === "aws:rds/instance:Instance")?.inputs.manageMasterUserPassword,
            true,
        );
        assert.ok(!result.resources.some((r) => r.type === "kubernetes:core/v1:Secret"), "no Secret");
        const own = result.resources.find(
            (r) => r.type === "kubernetes:core/v1:ServiceAccount" && r.name === "orders-db-bootstrap-sa",
        );
        const bootstrapRole = result.resources.find((r) => r.name === "orders-db-bootstrap-identity-role");
        assert.deepEqual((own?.inputs.metadata as { annotations: Record<string, string> }).annotations, {
            "eks.amazonaws.com/role-arn": bootstrapRole?.outputs.arn,
        });
    });
});

/**
 * `langsmith-iam/testing` as an adopter uses it: their own mocha tests, in their own process, require
 * the installed tarball by name (`langsmith-iam/testing`, `langsmith-iam/aws`) and nothing of this
 * repository. One suite must pass (answers shaped like the cloud's, recorded for assertions, own
 * mocks for own resources); the other must fail, loudly, on a resource and a look-up nobody mocked.
 */
import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { closure } from "../../tools/pack/libModules";
import { packageName } from "../../tools/pack/manifest";
import { installPacked, packPackage } from "../support/pack";

/** The adopter's passing suite: an AWS database and its workload identity under the package's mocks. */
const CONSUMER_TEST = `
const assert = require("node:assert/strict");
const aws = require("@pulumi/aws");
const { setCloudMocks, valueOf, MOCK_ACCOUNT_ID } = require("langsmith-iam/testing");
const { AwsPostgres, AwsWorkloadIdentity } = require("langsmith-iam/aws");

describe("the orders database", function () {
    let mocks, db, identity, queue;
    before(async function () {
        mocks = await setCloudMocks({
            world: { awsRegion: "eu-west-1" },
            // The adopter's own resource type: the package has no mock for it, so the adopter adds one.
            resources: { "aws:sqs/queue:Queue": (a) => ({ id: a.name + "-queue", state: { ...a.inputs, arn: "arn:aws:sqs:eu-west-1:" + MOCK_ACCOUNT_ID + ":" + a.name } }) },
        });
        db = new AwsPostgres("orders-db", {
            vpcId: "vpc-0a1b2c3d4e5f60718",
            subnetIds: mocks.world.privateSubnetIds,
            allowedSecurityGroupIds: ["sg-0c0c0c0c0c0c0c0c0"],
            database: "orders",
            iamUser: "orders_app",
        });
        identity = new AwsWorkloadIdentity("orders-identity", {
            mode: "pod-identity",
            namespace: "orders",
            serviceAccountNames: ["orders-api"],
            clusterName: mocks.world.eksClusterName,
            clusterArn: "arn:aws:eks:eu-west-1:" + MOCK_ACCOUNT_ID + ":cluster/" + mocks.world.eksClusterName,
            dbUserArn: db.iamUserArn,
        });
        queue = new aws.sqs.Queue("orders-exports", {});
        await mocks.settled();
    });

    it("connects to the endpoint the mocked instance reports", async function () {
        const instance = mocks.one("aws:rds/instance:Instance");
        assert.equal(await valueOf(db.host), instance.state.address);
        assert.equal(await valueOf(db.port), instance.state.port);
        assert.equal(instance.inputs.dbName, "orders");
        assert.equal(instance.inputs.iamDatabaseAuthenticationEnabled, true);
    });

    it("puts the database in the subnets it was given", function () {
        assert.deepEqual(mocks.one("aws:rds/subnetGroup:SubnetGroup").inputs.subnetIds, mocks.world.privateSubnetIds);
    });

    it("allows rds-db:connect on exactly the mocked instance's user, in the mocked world's region", async function () {
        const instance = mocks.one("aws:rds/instance:Instance");
        assert.equal(
            await valueOf(db.iamUserArn),
            "arn:aws:rds-db:eu-west-1:" + MOCK_ACCOUNT_ID + ":dbuser:" + instance.state.resourceId + "/orders_app",
        );
        const policy = JSON.parse(mocks.one("aws:iam/rolePolicy:RolePolicy").inputs.policy);
        assert.equal(policy.Statement[0].Resource, await valueOf(db.iamUserArn));
        assert.equal(await valueOf(identity.roleArn), mocks.one("aws:iam/role:Role").state.arn);
    });

    it("answers the adopter's own resource from the adopter's mock", async function () {
        assert.equal(await valueOf(queue.arn), "arn:aws:sqs:eu-west-1:" + MOCK_ACCOUNT_ID + ":orders-exports");
        assert.deepEqual(mocks.unexpected, []);
    });
});
`;

/** The adopter's suite that must fail: nothing mocks an SQS queue or the partition look-up. */
const UNEXPECTED_TEST = `
const aws = require("@pulumi/aws");
const { setCloudMocks } = require("langsmith-iam/testing");

describe("calls the package does not mock", function () {
    it("an unmocked resource type fails the test", async function () {
        const mocks = await setCloudMocks();
        new aws.sqs.Queue("assets", {});
        await mocks.settled();
    });
    it("an unmocked look-up fails the test", async function () {
        const mocks = await setCloudMocks();
        aws.getPartitionOutput({});
        await mocks.settled();
    });
});
`;

/** Runs mocha on one file of the adopter's folder, in its own process, as the adopter's `npm test` would. */
async function adopterMocha(work: string, file: string): Promise<{ code: number; output: string }> {
    const mocha = require.resolve("mocha/bin/mocha.js");
    return promisify(execFile)(process.execPath, [mocha, "--no-config", "--reporter", "spec", file], {
        cwd: work,
        encoding: "utf8",
    }).then(
        ({ stdout, stderr }) => ({ code: 0, output: stdout + stderr }),
        (e: Error & { code?: number; stdout?: string; stderr?: string }) => ({
            code: typeof e.code === "number" ? e.code : 1,
            output: `${e.stdout ?? ""}${e.stderr ?? ""}`,
        }),
    );
}

describe("langsmith-iam/testing: the offline mocks an adopter's tests use", function () {
    this.timeout(180_000);
    let work: string;
    before(async function () {
        work = installPacked((await packPackage()).tarball, "consumer-testing-");
        fs.writeFileSync(path.join(work, "orders.test.js"), CONSUMER_TEST);
        fs.writeFileSync(path.join(work, "unexpected.test.js"), UNEXPECTED_TEST);
    });
    after(() => work && fs.rmSync(work, { recursive: true, force: true }));

    it("lets an adopter's test assert on the components against the mocked world's values", async function () {
        const { code, output } = await adopterMocha(work, "orders.test.js");
        assert.equal(code, 0, output);
        assert.match(output, /4 passing/);
    });

    it("fails an adopter's test that makes a call nobody mocked, naming the call", async function () {
        const { code, output } = await adopterMocha(work, "unexpected.test.js");
        assert.notEqual(code, 0, output);
        assert.match(output, /2 failing/);
        assert.match(output, /had no mock:\s+resource aws:sqs\/queue:Queue \(assets\)/);
        assert.match(output, /had no mock:\s+invoke aws:index\/getPartition:getPartition/);
    });

    it("loads @pulumi/pulumi and no cloud SDK", function () {
        const lib = path.join(work, "node_modules", "langsmith-iam", "lib");
        for (const kind of [".js", ".d.ts"] as const) {
            const modules = new Set([...closure(lib, "testing/index", kind).modules.keys()].map(packageName));
            assert.ok(modules.has("@pulumi/pulumi"), kind);
            assert.deepEqual(
                [...modules].filter((m) => m !== "@pulumi/pulumi" && !m.startsWith("node:")),
                [],
                `${kind}: the testing entry reaches more than @pulumi/pulumi`,
            );
        }
    });
});

/**
 * Managed Redis on AWS (components/aws/redis.ts through the real program under the offline mocks):
 * ElastiCache for Valkey with TLS required, encryption at rest, one IAM user the workload role may
 * `elasticache:Connect` as (evaluated by the IAM policy evaluator), the same network sources as the
 * database, production protection, and the chart wired to it by a passwordless URL.
 */
import { strict as assert } from "node:assert";
import { runSimulation } from "@cloud-copilot/iam-simulate";
import { runProgram } from "../../program";
import { parseSettings } from "../../program/config/settings";
import { DEFAULT_WORLD, MOCK_ACCOUNT_ID } from "../../tools/offline/cloudMocks";
import { mockClusterSecurityGroupId, mockNodes } from "../../components/testing/mocks/aws";
import { awsDatabaseReachability, awsRedisReachability } from "../../tools/offline/reachability/aws";
import { projectName, synthesize, type SynthResult } from "../../tools/offline/synthesize";
import { at, helmValues, one, ofType, stackConfig, synthStack } from "../support/synth";
import { ConfigError } from "../../program/config/errors";

const CACHE = "aws:elasticache/replicationGroup:ReplicationGroup";
const USER = "aws:elasticache/user:User";

function redisOf(result: SynthResult) {
    const cache = one(result, CACHE);
    const iamUser = one(result, USER, "langsmith-redis-iam-user");
    const defaultUser = one(result, USER, "langsmith-redis-default-user");
    const group = one(result, "aws:elasticache/userGroup:UserGroup");
    const policy = one(result, "aws:iam/rolePolicy:RolePolicy", "langsmith-redis-connect");
    return { cache, iamUser, defaultUser, group, policy };
}

describe("AWS managed Redis (ElastiCache for Valkey by IAM)", function () {
    this.timeout(60000);

    it("aws-dev: one Valkey 8 node, TLS required, encrypted at rest, a day of snapshots, not protected", async function () {
        const { cache } = redisOf(await synthStack("aws-dev"));
        const i = cache.inputs;
        assert.equal(i.engine, "valkey");
        assert.equal(i.engineVersion, "8.0");
        assert.equal(i.nodeType, "cache.t4g.small");
        assert.equal(i.transitEncryptionEnabled, true);
        assert.equal(i.transitEncryptionMode, "required");
        assert.equal(i.atRestEncryptionEnabled, true);
        assert.equal(i.numCacheClusters, 1);
        assert.equal(i.automaticFailoverEnabled, false);
        assert.equal(i.snapshotRetentionLimit, 1);
        assert.equal(i.finalSnapshotIdentifier, undefined);
        assert.equal(i.authToken, undefined, "no password of any kind");
        assert.equal(cache.protect, false);
    });

    it("aws-prod: Multi-AZ with automatic failover, 7 days of snapshots, a final snapshot, Pulumi-protected", async function () {
        const { cache } = redisOf(await synthStack("aws-prod"));
        const i = cache.inputs;
        assert.equal(i.nodeType, "cache.m7g.large");
        assert.equal(i.numCacheClusters, 2);
        assert.equal(i.multiAzEnabled, true);
        assert.equal(i.automaticFailoverEnabled, true);
        assert.equal(i.snapshotRetentionLimit, 7);
        assert.equal(i.finalSnapshotIdentifier, "langsmith-redis-final-snapshot");
        assert.equal(i.applyImmediately, false);
        assert.equal(cache.protect, true);
    });

    it("the IAM user's name is its id, and the user group holds it and a switched-off default user", async function () {
        const result = await synthStack("aws-prod");
        const { cache, iamUser, defaultUser, group } = redisOf(result);
        assert.equal(iamUser.inputs.userName, iamUser.inputs.userId);
        assert.match(String(iamUser.inputs.userId), /^[a-zA-Z][a-zA-Z0-9-]*$/);
        assert.deepEqual(iamUser.inputs.authenticationMode, { type: "iam" });
        assert.equal(defaultUser.inputs.userName, "default");
        assert.match(String(defaultUser.inputs.accessString), /^off /);
        assert.deepEqual(group.inputs.userIds, [defaultUser.inputs.userId, iamUser.inputs.userId]);
        assert.deepEqual(cache.inputs.userGroupIds, [group.inputs.userGroupId]);
    });

    it("the chart reads a passwordless rediss:// URL naming the IAM user, from a Secret, with the aws provider", async function () {
        const result = await synthStack("aws-prod", { showSecrets: true });
        const { cache, iamUser } = redisOf(result);
        const secret = one(result, "kubernetes:core/v1:Secret", "langsmith-redis");
        const url = String(at(secret.inputs, ["stringData", "connection_url"]));
        assert.equal(
            url,
            `rediss://${String(iamUser.inputs.userId)}@${String(cache.outputs.primaryEndpointAddress)}:6379/0`,
        );
        assert.equal(new URL(url).password, "");
        const values = helmValues(result);
        assert.deepEqual(at(values, ["redis", "external"]), {
            enabled: true,
            existingSecretName: at(secret.outputs, ["metadata", "name"]),
            connectionUrlSecretKey: "connection_url",
            iamAuthProvider: "aws",
            clusterSafeMode: false,
        });
    });

    it("the release waits for the elasticache:Connect policy and the Redis Secret", async function () {
        for (const identityMode of ["irsa", "podIdentity"]) {
            const result = await synthStack("aws-dev", { override: { "langsmith:aws": { identityMode } } });
            const release = one(result, "kubernetes:helm.sh/v3:Release");
            assert.ok(release.dependencies.includes(redisOf(result).policy.urn), identityMode);
            assert.ok(release.dependencies.includes(one(result, "kubernetes:core/v1:Secret", "langsmith-redis").urn));
        }
    });

    it("the role may elasticache:Connect to exactly this cache as exactly this user (IAM evaluator)", async function () {
        const result = await synthStack("aws-prod");
        const { cache, iamUser, defaultUser, policy } = redisOf(result);
        const document = JSON.parse(String(policy.inputs.policy));
        const role = one(result, "aws:iam/role:Role", "langsmith-identity-role");
        assert.equal(policy.inputs.role, role.outputs.name, "the grant is on the workload role");
        const session = `arn:aws:sts::${MOCK_ACCOUNT_ID}:assumed-role/${String(role.outputs.name)}/botocore-session-1`;
        const decide = async (resource: string, action = "elasticache:Connect") => {
            const response = await runSimulation(
                {
                    request: {
                        principal: session,
                        action,
                        resource: { resource, accountId: MOCK_ACCOUNT_ID },
                        contextVariables: {},
                    },
                    identityPolicies: [{ name: "redis-connect", policy: document }],
                    serviceControlPolicies: [],
                    resourceControlPolicies: [],
                },
                {},
            );
            if (response.resultType === "error") assert.fail(JSON.stringify(response.errors));
            assert.equal(response.resultType, "single");
            return response.overallResult;
        };
        const groupArn = String(cache.outputs.arn);
        const userArn = String(iamUser.outputs.arn);
        const arn = (kind: string, id: string, region = "us-west-2") =>
            `arn:aws:elasticache:${region}:${MOCK_ACCOUNT_ID}:${kind}:${id}`;
        assert.equal(await decide(groupArn), "Allowed");
        assert.equal(await decide(userArn), "Allowed");
        const denied: [string, string, string?][] = [
            ["another replication group", arn("replicationgroup", "other-cache")],
            ["the switched-off default user", arn("user", String(defaultUser.inputs.userId))],
            ["the account's built-in default user", arn("user", "default")],
            ["a user whose id starts the same", arn("user", `${String(iamUser.inputs.userId)}2`)],
            ["a serverless cache", arn("serverlesscache", String(cache.outputs.replicationGroupId))],
            ["the same id in another region", groupArn.replace(":us-west-2:", ":us-east-1:")],
            ["another action", groupArn, "elasticache:DeleteReplicationGroup"],
        ];
        for (const [what, resource, action] of denied)
            assert.equal(await decide(resource, action), "ImplicitlyDenied", what);
    });

    for (const stack of ["aws-dev", "aws-prod"] as const) {
        it(`${stack}: every mocked node reaches Redis on 6379 exactly as it reaches the database`, async function () {
            const result = await synthStack(stack);
            const nodes = mockNodes(DEFAULT_WORLD, stack === "aws-dev" ? "platform-dev" : "platform-prod");
            const redis = awsRedisReachability(result, nodes);
            assert.deepEqual(
                redis.map((v) => v.reachable),
                awsDatabaseReachability(result, nodes).map((v) => v.reachable),
            );
            for (const v of redis) assert.ok(v.reachable, `${v.node}: ${v.reason}`);
            const ports = ofType(result, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")
                .filter((r) => r.name.startsWith("langsmith-redis-"))
                .map((r) => [r.inputs.fromPort, r.inputs.toPort, r.inputs.ipProtocol]);
            assert.ok(ports.length >= 2);
            for (const p of ports) assert.deepEqual(p, [6379, 6379, "tcp"]);
        });
    }

    it("explicit sources are the database's and Redis' alike: only the cluster security group admitted", async function () {
        const clusterSg = mockClusterSecurityGroupId("platform-dev");
        const { config, secretKeys } = stackConfig("aws-dev", {
            override: { "langsmith:aws": { allowedSecurityGroupIds: [clusterSg] } },
        });
        const result = await synthesize({
            project: projectName(),
            stack: "aws-dev",
            config,
            secretKeys,
            program: runProgram,
        });
        for (const v of awsRedisReachability(result, mockNodes(DEFAULT_WORLD, "platform-dev")))
            assert.ok(!v.reachable, `${v.node} should not reach Redis: ${v.reason}`);
        const carrier = {
            name: "managed",
            subnetId: DEFAULT_WORLD.privateSubnetIds[0],
            podIp: "10.0.1.99",
            securityGroupIds: [clusterSg],
        };
        assert.ok(awsRedisReachability(result, [carrier])[0].reachable);
    });

    it("a dev stack that says redis.mode inCluster keeps the chart's Redis: no ElastiCache, no redis values", async function () {
        const result = await synthStack("aws-dev", { override: { "langsmith:redis": { mode: "inCluster" } } });
        assert.equal(ofType(result, CACHE).length, 0);
        assert.deepEqual(
            ofType(result, "aws:iam/rolePolicy:RolePolicy").filter((p) => p.name.startsWith("langsmith-redis")),
            [],
        );
        assert.equal(at(helmValues(result), ["redis"]), undefined);
        assert.equal(result.outputs.redisEndpoint, "in-cluster (chart)");
    });

    it("a production stack refuses the in-cluster Redis", function () {
        const raw = {
            cloud: "aws",
            production: true,
            licenseKey: "lk",
            aws: { region: "us-west-2", clusterName: "platform-prod" },
            chart: { initialOrgAdminEmail: "a@example.com" },
            redis: { mode: "inCluster" },
        };
        assert.throws(
            () => parseSettings(raw),
            (e: unknown) => e instanceof ConfigError && /langsmith:redis\.mode/.test(e.message),
        );
    });
});

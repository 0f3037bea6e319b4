/**
 * Defect 5 (issue 11): RDS admitted 5432 only from the EKS cluster security group, which nodes from
 * custom launch templates and Karpenter do not carry. The mocked cluster has that shape; the
 * reachability model decides, from the preview, whether a pod on each node reaches the database.
 */
import { strict as assert } from "node:assert";
import { runProgram } from "../../program";
import { DEFAULT_WORLD, type MockWorld } from "../../tools/offline/cloudMocks";
import { mockClusterSecurityGroupId, mockNodes, mockNodeSecurityGroupId } from "../../components/testing/mocks/aws";
import type { AwsMockNode } from "../../components/testing/mocks/shared";
import { awsDatabaseReachability, cidrContains } from "../../tools/offline/reachability/aws";
import { projectName, synthesize, type SynthResult } from "../../tools/offline/synthesize";
import { stackConfig } from "../support/synth";

async function synthAws(
    stack: string,
    awsOverride: Record<string, unknown> = {},
    world: Partial<MockWorld> = {},
): Promise<SynthResult> {
    const { config, secretKeys } = stackConfig(stack, { override: { "langsmith:aws": awsOverride } });
    return synthesize({ project: projectName(), stack, config, secretKeys, world, program: runProgram });
}

const CLUSTER = { "aws-dev": "platform-dev", "aws-prod": "platform-prod" } as const;

describe("AWS reachability: pods to RDS on 5432", function () {
    it("cidrContains decides IPv4 block membership", function () {
        assert.ok(cidrContains("10.0.32.0/19", "10.0.63.255"));
        assert.ok(!cidrContains("10.0.32.0/19", "10.0.64.0"));
        assert.ok(cidrContains("0.0.0.0/0", "192.168.1.1"));
        assert.ok(!cidrContains("10.0.0.0/16", "not-an-ip"));
    });

    it("the default mocked nodes carry a node security group, not the cluster security group", function () {
        for (const node of mockNodes(DEFAULT_WORLD, "platform-dev")) {
            assert.deepEqual(node.securityGroupIds, [mockNodeSecurityGroupId("platform-dev")]);
            assert.ok(!node.securityGroupIds.includes(mockClusterSecurityGroupId("platform-dev")));
        }
    });

    for (const stack of ["aws-dev", "aws-prod"] as const) {
        it(`${stack}: a pod on every node of the default cluster reaches the database`, async function () {
            const result = await synthAws(stack);
            const verdicts = awsDatabaseReachability(result, mockNodes(DEFAULT_WORLD, CLUSTER[stack]));
            assert.equal(verdicts.length, 3);
            for (const v of verdicts) assert.ok(v.reachable, `${v.node}: ${v.reason}`);
        });
    }

    it("admitting only the cluster security group (the old default) leaves those pods unreachable", async function () {
        const clusterSg = mockClusterSecurityGroupId("platform-dev");
        const result = await synthAws("aws-dev", { allowedSecurityGroupIds: [clusterSg] });
        const verdicts = awsDatabaseReachability(result, mockNodes(DEFAULT_WORLD, "platform-dev"));
        for (const v of verdicts) assert.ok(!v.reachable, `${v.node} should not reach the database: ${v.reason}`);
        // A node that does carry the cluster security group gets through.
        const carrier: AwsMockNode = {
            name: "managed",
            subnetId: DEFAULT_WORLD.privateSubnetIds[0],
            podIp: "10.0.1.99",
            securityGroupIds: [clusterSg],
        };
        assert.ok(awsDatabaseReachability(result, [carrier])[0].reachable);
    });

    it("a node outside the cluster's subnets and security groups does not reach the database", async function () {
        const world: Partial<MockWorld> = {
            awsSubnets: {
                "subnet-0a1b2c3d4e5f60001": { cidrBlock: "10.0.0.0/19", availabilityZone: "us-east-1a" },
                "subnet-0a1b2c3d4e5f60002": { cidrBlock: "10.0.32.0/19", availabilityZone: "us-east-1b" },
                "subnet-0a1b2c3d4e5f60003": { cidrBlock: "10.0.64.0/19", availabilityZone: "us-east-1c" },
                "subnet-0a1b2c3d4e5f69999": { cidrBlock: "10.0.192.0/19", availabilityZone: "us-east-1a" },
            },
        };
        const result = await synthAws("aws-dev", {}, world);
        const outsider: AwsMockNode = {
            name: "other-team",
            subnetId: "subnet-0a1b2c3d4e5f69999",
            podIp: "10.0.200.7",
            securityGroupIds: ["sg-0123456789abcdef0"],
        };
        const [verdict] = awsDatabaseReachability(result, [outsider]);
        assert.equal(verdict.reachable, false, verdict.reason);
        assert.match(verdict.reason, /no ingress rule/);
    });

    it("explicit allowedCidrBlocks admit exactly those blocks (and no cluster security group)", async function () {
        const result = await synthAws("aws-dev", { allowedCidrBlocks: ["10.0.32.0/19"] });
        const verdicts = awsDatabaseReachability(result, mockNodes(DEFAULT_WORLD, "platform-dev"));
        assert.deepEqual(
            verdicts.map((v) => v.reachable),
            [false, true, false],
        );
        const clusterCarrier: AwsMockNode = {
            name: "managed",
            subnetId: "subnet-0a1b2c3d4e5f60001",
            podIp: "10.0.1.99",
            securityGroupIds: [mockClusterSecurityGroupId("platform-dev")],
        };
        assert.equal(awsDatabaseReachability(result, [clusterCarrier])[0].reachable, false);
        assert.deepEqual(result.outputs.databaseAllowedFrom, ["10.0.32.0/19 (langsmith:aws.allowedCidrBlocks)"]);
    });

    it("cluster subnets other than the database's subnets are admitted (nodes in public or separate node subnets)", async function () {
        const world: Partial<MockWorld> = {
            eksClusterSubnetIds: ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f6000a"],
        };
        const result = await synthAws("aws-dev", {}, world);
        const nodes = mockNodes({ ...DEFAULT_WORLD, ...world }, "platform-dev");
        assert.deepEqual(
            nodes.map((n) => n.subnetId),
            world.eksClusterSubnetIds,
        );
        for (const v of awsDatabaseReachability(result, nodes)) assert.ok(v.reachable, `${v.node}: ${v.reason}`);
    });
});

/**
 * LangSmith-managed ClickHouse on AWS through the real program under the offline mocks: a PrivateLink
 * interface endpoint to the service name LangChain provides (private DNS on, one subnet per zone), a
 * security group admitting the cluster on the two ClickHouse ports only, the release waiting for the
 * endpoint, and the chart switched to `hybrid` with blob storage on.
 */
import { strict as assert } from "node:assert";
import { oneSubnetPerZone } from "../../program/deploy/clickhouseAws";
import { mockClusterSecurityGroupId } from "../../components/testing/mocks/aws";
import type { SynthResult } from "../../tools/offline/synthesize";
import { at, helmValues, one, ofType, synthManagedClickHouse } from "../support/synth";

const SERVICE = "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0";
const HOST = "abc123xyz.us-east-1.aws.clickhouse.cloud";
const ENDPOINT = "aws:ec2/vpcEndpoint:VpcEndpoint";
const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
/** Two subnets in zone a, one in b: the endpoint may take only one per zone. */
const SUBNETS = {
    "subnet-0a1": { cidrBlock: "10.0.0.0/19", availabilityZone: "us-east-1a" },
    "subnet-0a2": { cidrBlock: "10.0.32.0/19", availabilityZone: "us-east-1a" },
    "subnet-0b1": { cidrBlock: "10.0.64.0/19", availabilityZone: "us-east-1b" },
};

async function managed(clickhouse: Record<string, unknown> = {}): Promise<SynthResult> {
    const world = { privateSubnetIds: Object.keys(SUBNETS), awsSubnets: SUBNETS };
    return synthManagedClickHouse(
        "aws-dev",
        { host: HOST, privateConnection: { serviceName: SERVICE }, ...clickhouse },
        world,
    );
}

describe("AWS: LangSmith-managed ClickHouse over PrivateLink", function () {
    this.timeout(60000);
    let result: SynthResult;
    before(async () => {
        result = await managed();
    });

    it("an interface endpoint to LangChain's service name, private DNS on, one subnet per zone", function () {
        const endpoint = ofType(result, ENDPOINT).find((r) => r.name === "langsmith-clickhouse-endpoint");
        assert.ok(endpoint, "no ClickHouse endpoint");
        assert.equal(endpoint.inputs.serviceName, SERVICE);
        assert.equal(endpoint.inputs.vpcEndpointType, "Interface");
        assert.equal(endpoint.inputs.privateDnsEnabled, true);
        assert.deepEqual(endpoint.inputs.subnetIds, ["subnet-0a1", "subnet-0b1"]);
        const sg = one(result, "aws:ec2/securityGroup:SecurityGroup", "langsmith-clickhouse-sg");
        assert.deepEqual(endpoint.inputs.securityGroupIds, [sg.outputs.id ?? sg.id]);
    });

    it("its security group admits the cluster on 8443 and 9440 only", function () {
        const sg = one(result, "aws:ec2/securityGroup:SecurityGroup", "langsmith-clickhouse-sg");
        const rules = ofType(result, INGRESS).filter((r) => r.inputs.securityGroupId === sg.id);
        assert.ok(rules.length > 0);
        assert.deepEqual([...new Set(rules.map((r) => r.inputs.fromPort))].sort(), [8443, 9440]);
        for (const r of rules) {
            assert.equal(r.inputs.toPort, r.inputs.fromPort);
            assert.equal(r.inputs.ipProtocol, "tcp");
            assert.equal(r.inputs.cidrIpv4, undefined, "no open CIDR");
        }
        const groups = rules.map((r) => r.inputs.referencedSecurityGroupId).filter(Boolean);
        assert.deepEqual([...new Set(groups)], [mockClusterSecurityGroupId("platform-dev")]);
    });

    it("the release waits for the endpoint, and the chart runs hybrid with blob storage", function () {
        const endpoint = ofType(result, ENDPOINT).find((r) => r.name === "langsmith-clickhouse-endpoint");
        const release = one(result, "kubernetes:helm.sh/v3:Release");
        assert.ok(endpoint && release.dependencies.includes(endpoint.urn), "the release depends on the endpoint");
        const values = helmValues(result);
        assert.equal(at(values, ["clickhouse", "external", "hybrid"]), true);
        assert.equal(at(values, ["config", "blobStorage", "enabled"]), true);
        assert.equal(at(values, ["clickhouse", "statefulSet"]), undefined);
    });

    it("no endpoint for the in-cluster or an external ClickHouse", async function () {
        const external = await managed({ mode: "external", privateConnection: undefined });
        assert.equal(ofType(external, ENDPOINT).filter((r) => r.name === "langsmith-clickhouse-endpoint").length, 0);
    });

    it("oneSubnetPerZone keeps the first subnet of each zone, in id order", function () {
        assert.deepEqual(
            oneSubnetPerZone([
                { id: "subnet-c", availabilityZone: "z1" },
                { id: "subnet-a", availabilityZone: "z2" },
                { id: "subnet-b", availabilityZone: "z1" },
            ]),
            ["subnet-a", "subnet-b"],
        );
    });
});

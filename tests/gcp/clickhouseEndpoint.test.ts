/**
 * LangSmith-managed ClickHouse on GCP through the real program under the offline mocks: a Private
 * Service Connect endpoint (an internal address in the cluster's node subnetwork and a forwarding rule
 * to the service attachment LangChain provides), a private Cloud DNS zone for exactly the ClickHouse
 * host name on the cluster's network with an A record to the endpoint, the release waiting for both,
 * and the chart switched to `hybrid` with blob storage on.
 */
import { strict as assert } from "node:assert";
import { clickhouseEndpointName } from "../../program/deploy/clickhouseGcp";
import { checkResources } from "../../tools/offline/rules";
import type { SynthResult } from "../../tools/offline/synthesize";
import { at, helmValues, one, ofType, synthManagedClickHouse } from "../support/synth";

const ATTACHMENT = "projects/langchain-ch-prod/regions/us-central1/serviceAttachments/clickhouse-us-central1";
const HOST = "abc123xyz.us-central1.gcp.clickhouse.cloud";
const ADDRESS = "gcp:compute/address:Address";
const RULE = "gcp:compute/forwardingRule:ForwardingRule";
const ZONE = "gcp:dns/managedZone:ManagedZone";
const RECORD = "gcp:dns/recordSet:RecordSet";

async function managed(clickhouse: Record<string, unknown> = {}): Promise<SynthResult> {
    return synthManagedClickHouse("gcp-dev", {
        host: HOST,
        privateConnection: { serviceName: ATTACHMENT },
        ...clickhouse,
    });
}

describe("GCP: LangSmith-managed ClickHouse over Private Service Connect", function () {
    this.timeout(60000);
    let result: SynthResult;
    before(async () => {
        result = await managed();
    });

    it("an internal address in the cluster's node subnetwork, in the attachment's region", function () {
        const address = one(result, ADDRESS, "langsmith-clickhouse-address");
        assert.equal(address.inputs.addressType, "INTERNAL");
        assert.equal(address.inputs.region, "us-central1");
        assert.equal(address.inputs.project, "acme-langsmith-dev");
        assert.equal(
            address.inputs.subnetwork,
            "projects/acme-langsmith-dev/regions/us-central1/subnetworks/platform-dev-nodes",
        );
        assert.equal(address.inputs.name, "langsmith-gcp-dev-clickhouse");
    });

    it("a forwarding rule to LangChain's service attachment, no scheme, on the cluster's network, at that address", function () {
        const rule = one(result, RULE, "langsmith-clickhouse-endpoint");
        const address = one(result, ADDRESS, "langsmith-clickhouse-address");
        assert.equal(rule.inputs.target, ATTACHMENT);
        assert.equal(rule.inputs.loadBalancingScheme, "");
        assert.equal(rule.inputs.network, "projects/acme-langsmith-dev/global/networks/platform-dev-vpc");
        assert.equal(rule.inputs.ipAddress, address.outputs.id ?? address.id);
        assert.equal(rule.inputs.region, "us-central1");
        assert.equal(rule.inputs.noAutomateDnsZone, true, "our zone answers for the host, no automatic one");
    });

    it("a private zone for exactly the host name on the cluster's network, with an A record to the endpoint", function () {
        const zone = one(result, ZONE, "langsmith-clickhouse-zone");
        assert.equal(zone.inputs.dnsName, `${HOST}.`);
        assert.equal(zone.inputs.visibility, "private");
        assert.deepEqual(zone.inputs.privateVisibilityConfig, {
            networks: [{ networkUrl: "projects/acme-langsmith-dev/global/networks/platform-dev-vpc" }],
        });
        const record = one(result, RECORD, "langsmith-clickhouse-a");
        const address = one(result, ADDRESS, "langsmith-clickhouse-address");
        assert.equal(record.inputs.name, `${HOST}.`);
        assert.equal(record.inputs.type, "A");
        assert.equal(record.inputs.managedZone, zone.outputs.name);
        assert.deepEqual(record.inputs.rrdatas, [address.outputs.address]);
    });

    it("the release waits for the endpoint and the record, and the chart runs hybrid with blob storage", function () {
        const release = one(result, "kubernetes:helm.sh/v3:Release");
        for (const [type, name] of [
            [RULE, "langsmith-clickhouse-endpoint"],
            [RECORD, "langsmith-clickhouse-a"],
        ]) {
            const r = one(result, type, name);
            assert.ok(release.dependencies.includes(r.urn), `the release depends on ${name}`);
        }
        const values = helmValues(result);
        assert.equal(at(values, ["clickhouse", "external", "hybrid"]), true);
        assert.equal(at(values, ["config", "blobStorage", "enabled"]), true);
    });

    it("no endpoint for an external ClickHouse", async function () {
        const external = await managed({ mode: "external", privateConnection: undefined });
        assert.equal(ofType(external, ADDRESS).length, 0);
        assert.equal(ofType(external, RULE).length, 0);
    });

    it("the rules refuse an endpoint with a load-balancing scheme or an address in another region", function () {
        const rule = one(result, RULE, "langsmith-clickhouse-endpoint");
        const address = one(result, ADDRESS, "langsmith-clickhouse-address");
        const withScheme = { ...rule, inputs: { ...rule.inputs, loadBalancingScheme: "INTERNAL" } };
        assert.deepEqual(
            checkResources([withScheme, address]).map((v) => v.rule),
            ["gcp.compute.forwarding-rule.psc-endpoint"],
        );
        const elsewhere = { ...address, inputs: { ...address.inputs, region: "us-east1" } };
        assert.deepEqual(
            checkResources([rule, elsewhere])
                .map((v) => v.rule)
                .sort(),
            ["gcp.compute.address.internal-subnetwork", "gcp.compute.forwarding-rule.psc-address-region"],
        );
    });

    it("names fit 63 characters and start with a letter", function () {
        assert.equal(
            clickhouseEndpointName({ project: "langsmith", stack: "gcp-dev" }),
            "langsmith-gcp-dev-clickhouse",
        );
        const long = clickhouseEndpointName({ project: "p".repeat(40), stack: "s".repeat(40) });
        assert.ok(long.length <= 63 && /^[a-z]([-a-z0-9]*[a-z0-9])?$/.test(long), long);
        assert.match(clickhouseEndpointName({ project: "9lives", stack: "dev" }), /^ls-/);
    });
});

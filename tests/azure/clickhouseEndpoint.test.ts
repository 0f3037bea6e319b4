/**
 * LangSmith-managed ClickHouse on Azure through the real program under the offline mocks: a private
 * endpoint with a manual request to the private link service alias LangChain provides, in the subnet
 * the blob storage's endpoint uses, a private DNS zone for exactly the ClickHouse host name linked to
 * the cluster's VNet with an A record to the endpoint's private IP, the release waiting for both, and
 * the chart switched to `hybrid` with blob storage on.
 */
import { strict as assert } from "node:assert";
import { dnsConfigPrivateIp, networkInterfaceOfId, nicPrivateIp } from "../../components/azure/clickhouseEndpoint";
import { privateEndpointIp } from "../../components/testing/mocks/azure";
import type { MockWorld } from "../../components/testing";
import { checkResources } from "../../tools/offline/rules";
import type { SynthResult } from "../../tools/offline/synthesize";
import { at, helmValues, one, ofType, synthManagedClickHouse } from "../support/synth";

const ALIAS = "clickhouse-eastus.00000000-1111-2222-3333-444444444444.eastus.azure.privatelinkservice";
const HOST = "abc123xyz.eastus.azure.clickhouse.cloud";
const ENDPOINT = "azure-native:network:PrivateEndpoint";
const ZONE = "azure-native:privatedns:PrivateZone";
const LINK = "azure-native:privatedns:VirtualNetworkLink";
const RECORD = "azure-native:privatedns:PrivateRecordSet";
const SUBNET =
    "/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/platform-dev/providers/Microsoft.Network/virtualNetworks/platform-dev-vnet/subnets/aks-nodes";

async function managed(clickhouse: Record<string, unknown> = {}, world?: Partial<MockWorld>): Promise<SynthResult> {
    return synthManagedClickHouse(
        "azure-dev",
        { host: HOST, privateConnection: { serviceName: ALIAS }, ...clickhouse },
        world,
    );
}

describe("Azure: LangSmith-managed ClickHouse over a private endpoint", function () {
    this.timeout(60000);
    let result: SynthResult;
    before(async () => {
        result = await managed();
    });

    it("a private endpoint in the blob endpoint's subnet, a manual request to LangChain's alias", function () {
        const endpoint = one(result, ENDPOINT, "langsmith-clickhouse-endpoint");
        const blob = ofType(result, ENDPOINT).find((e) => e.name !== "langsmith-clickhouse-endpoint");
        assert.ok(blob, "the blob storage's endpoint exists");
        assert.equal((endpoint.inputs.subnet as { id: string }).id, SUBNET);
        assert.equal((blob.inputs.subnet as { id: string }).id, SUBNET);
        assert.equal(endpoint.inputs.privateLinkServiceConnections, undefined, "no automatic connection");
        const connections = endpoint.inputs.manualPrivateLinkServiceConnections as Record<string, unknown>[];
        assert.equal(connections.length, 1);
        assert.equal(connections[0].privateLinkServiceId, ALIAS);
        assert.equal(connections[0].name, "clickhouse");
        assert.equal(typeof connections[0].requestMessage, "string");
        assert.equal(endpoint.inputs.location, "eastus");
    });

    it("a private zone for exactly the host name, linked to the cluster's VNet, with an A record to the endpoint's IP", function () {
        const zone = one(result, ZONE, "langsmith-clickhouse-dns");
        assert.equal(zone.inputs.privateZoneName, HOST);
        assert.equal(zone.inputs.location, "global");
        const links = ofType(result, LINK).filter((l) => l.name.startsWith("langsmith-clickhouse-dns-link-"));
        assert.deepEqual(
            links.map((l) => (l.inputs.virtualNetwork as { id: string }).id),
            [SUBNET.replace(/\/subnets\/[^/]+$/, "")],
        );
        const record = one(result, RECORD, "langsmith-clickhouse-a");
        const endpoint = one(result, ENDPOINT, "langsmith-clickhouse-endpoint");
        // The awkward shape: no DNS configuration for a private link service; the IP is on the NIC only.
        assert.deepEqual(endpoint.outputs.customDnsConfigs, []);
        const ip = privateEndpointIp(String(endpoint.outputs.name));
        assert.match(ip, /^10\.240\.0\.\d+$/);
        assert.equal(record.inputs.recordType, "A");
        assert.equal(record.inputs.relativeRecordSetName, "@");
        assert.equal(record.inputs.privateZoneName, zone.outputs.name);
        assert.deepEqual(record.inputs.aRecords, [{ ipv4Address: ip }]);
    });

    it("the release waits for the endpoint and the record, and the chart runs hybrid with blob storage", function () {
        const release = one(result, "kubernetes:helm.sh/v3:Release");
        for (const [type, name] of [
            [ENDPOINT, "langsmith-clickhouse-endpoint"],
            [RECORD, "langsmith-clickhouse-a"],
        ]) {
            const r = one(result, type, name);
            assert.ok(release.dependencies.includes(r.urn), `the release depends on ${name}`);
        }
        const values = helmValues(result);
        assert.equal(at(values, ["clickhouse", "external", "hybrid"]), true);
        assert.equal(at(values, ["config", "blobStorage", "enabled"]), true);
    });

    it("no endpoint, zone or record for an external ClickHouse", async function () {
        const external = await managed({ mode: "external", privateConnection: undefined });
        assert.equal(ofType(external, ENDPOINT).filter((e) => e.name === "langsmith-clickhouse-endpoint").length, 0);
        assert.equal(ofType(external, RECORD).length, 0);
    });

    it("the rules refuse a manual connection to something not a private link service, a second connection, and a bad A record", function () {
        const endpoint = one(result, ENDPOINT, "langsmith-clickhouse-endpoint");
        const record = one(result, RECORD, "langsmith-clickhouse-a");
        const zone = one(result, ZONE, "langsmith-clickhouse-dns");
        assert.deepEqual(checkResources([endpoint, record, zone]), []);
        const wrongTarget = {
            ...endpoint,
            inputs: {
                ...endpoint.inputs,
                manualPrivateLinkServiceConnections: [{ name: "clickhouse", privateLinkServiceId: HOST }],
            },
        };
        const twoConnections = {
            ...endpoint,
            inputs: {
                ...endpoint.inputs,
                privateLinkServiceConnections: [{ name: "x", privateLinkServiceId: ALIAS }],
            },
        };
        for (const bad of [wrongTarget, twoConnections])
            assert.deepEqual(
                checkResources([bad]).map((v) => v.rule),
                ["azure.network.private-endpoint.manual-connection"],
            );
        const badRecord = { ...record, inputs: { ...record.inputs, aRecords: [{ ipv4Address: "10.240.0.300" }] } };
        assert.deepEqual(
            checkResources([badRecord, zone]).map((v) => v.rule),
            ["azure.privatedns.record-set.a"],
        );
    });

    it("with a DNS configuration reported, the record takes the same IP", async function () {
        const filled = await managed({}, { azurePrivateLinkServiceDnsConfigs: true });
        const endpoint = one(filled, ENDPOINT, "langsmith-clickhouse-endpoint");
        const ip = (endpoint.outputs.customDnsConfigs as { ipAddresses: string[] }[])[0].ipAddresses[0];
        assert.deepEqual(one(filled, RECORD, "langsmith-clickhouse-a").inputs.aRecords, [{ ipv4Address: ip }]);
    });

    it("the IP comes from the DNS configuration when filled, else from the NIC's primary IP configuration", function () {
        assert.equal(dnsConfigPrivateIp([{ ipAddresses: ["10.1.2.3"] }]), "10.1.2.3");
        assert.equal(dnsConfigPrivateIp([]), undefined);
        assert.equal(dnsConfigPrivateIp(undefined), undefined);
        assert.deepEqual(
            networkInterfaceOfId(
                "/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg-1/providers/Microsoft.Network/networkInterfaces/pe.nic.0f0f0f0f-1111-2222-3333-444444444444",
            ),
            { resourceGroupName: "rg-1", networkInterfaceName: "pe.nic.0f0f0f0f-1111-2222-3333-444444444444" },
        );
        assert.throws(() =>
            networkInterfaceOfId("/subscriptions/x/resourceGroups/rg/providers/Microsoft.Network/privateEndpoints/pe"),
        );
        assert.equal(
            nicPrivateIp(
                [
                    { primary: false, privateIPAddress: "10.0.0.9" },
                    { primary: true, privateIPAddress: "10.0.0.5" },
                ],
                "pe",
            ),
            "10.0.0.5",
        );
        assert.equal(nicPrivateIp([{ privateIPAddress: "10.0.0.6" }], "pe"), "10.0.0.6");
        assert.throws(
            () => nicPrivateIp([], "pe-clickhouse"),
            /pe-clickhouse: its network interface reports no private IP/,
        );
    });

    it("the rules refuse a static IP on an endpoint to an alias, and one without GroupId and MemberName", function () {
        const endpoint = one(result, ENDPOINT, "langsmith-clickhouse-endpoint");
        const staticIp = (c: Record<string, unknown>) => ({
            ...endpoint,
            inputs: { ...endpoint.inputs, ipConfigurations: [c] },
        });
        const full = { name: "ip", privateIPAddress: "10.240.0.10", groupId: "g", memberName: "m" };
        const rules = (r: typeof endpoint) => checkResources([r]).map((v) => v.rule);
        assert.deepEqual(rules(staticIp(full)), ["azure.network.private-endpoint.static-ip"]);
        const byId = {
            ...endpoint,
            inputs: {
                ...endpoint.inputs,
                manualPrivateLinkServiceConnections: [
                    {
                        name: "clickhouse",
                        privateLinkServiceId:
                            "/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/x/providers/Microsoft.Network/privateLinkServices/ch",
                    },
                ],
            },
        };
        assert.deepEqual(rules({ ...byId, inputs: { ...byId.inputs, ipConfigurations: [full] } }), []);
        for (const bad of [
            { ...full, groupId: undefined },
            { ...full, memberName: "" },
            { ...full, privateIPAddress: "10.240.0" },
        ])
            assert.deepEqual(rules({ ...byId, inputs: { ...byId.inputs, ipConfigurations: [bad] } }), [
                "azure.network.private-endpoint.static-ip",
            ]);
    });
});

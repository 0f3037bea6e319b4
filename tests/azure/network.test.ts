/**
 * Azure private networking and what Azure changes by itself, under mocks whose AKS look-up returns
 * the shapes real clusters have: nodes on the database's VNet, on another (peered) VNet, or in a
 * VNet AKS manages (no `vnetSubnetID`). Reachability (tools/offline/reachability/azure.ts) decides
 * whether pods on the nodes resolve the server's private name and route to it.
 */
import { strict as assert } from "node:assert";
import { clusterVirtualNetworksToLink, virtualNetworkIdOfSubnet } from "../../components/azure/network";
import { requireClusterVirtualNetworksKnown } from "../../program/deploy/azure";
import { AZURE_SERVER_IGNORED_CHANGES, AZURE_SERVER_LEGACY_ADMIN_INPUTS } from "../../components/azure/postgres";
import { isConfigError } from "../../program/config/errors";
import { runProgram } from "../../program";
import { aksManagedVnetId } from "../../components/testing/mocks/azure";
import type { MockWorld } from "../../components/testing/mocks/shared";
import { azureReachability } from "../../tools/offline/reachability/azure";
import { loadStackConfig, projectName, stackFile, synthesize, type SynthResult } from "../../tools/offline/synthesize";

const SUB = "00000000-1111-2222-3333-444444444444";
const vnet = (rg: string, name: string) =>
    `/subscriptions/${SUB}/resourceGroups/${rg}/providers/Microsoft.Network/virtualNetworks/${name}`;
/** azure-dev: the stack creates the subnet and the zone in platform-dev-vnet; AKS is platform-dev in platform-dev. */
const DB_VNET = vnet("platform-dev", "platform-dev-vnet");
const HUB_VNET = vnet("platform-net", "aks-spoke");
const CLUSTER = { resourceGroupName: "platform-dev", clusterName: "platform-dev" };

async function synthDev(
    world: Partial<MockWorld>,
    azureOverride: Record<string, unknown> = {},
    extra: Record<string, string> = {},
): Promise<SynthResult> {
    const { config, secretKeys } = loadStackConfig(stackFile("azure-dev"));
    Object.assign(config, extra);
    const azure = JSON.parse(config["langsmith:azure"]) as Record<string, unknown>;
    config["langsmith:azure"] = JSON.stringify({ ...azure, ...azureOverride });
    return synthesize({ project: projectName(), stack: "azure-dev", config, secretKeys, world, program: runProgram });
}

/** The links of the database's zone (the blob storage's and Redis' privatelink zones have links of their own). */
const links = (r: SynthResult) =>
    r.resources.filter(
        (x) =>
            x.type === "azure-native:privatedns:VirtualNetworkLink" &&
            !["privatelink.blob.core.windows.net", "privatelink.redis.azure.net"].includes(
                String(x.inputs.privateZoneName),
            ),
    );
const linkedVnets = (r: SynthResult) => links(r).map((l) => String((l.inputs.virtualNetwork as { id: string }).id));

describe("Azure private network: the zone is linked where the pods resolve names", function () {
    this.timeout(60000);

    it("derives the cluster's VNets from its agent pools, drops duplicates and the database's VNet", function () {
        const pool = (vnetId: string, subnet = "nodes") => ({ vnetSubnetID: `${vnetId}/subnets/${subnet}` });
        assert.equal(virtualNetworkIdOfSubnet(`${HUB_VNET}/subnets/nodes`), HUB_VNET);
        assert.deepEqual(clusterVirtualNetworksToLink({ agentPoolProfiles: [pool(DB_VNET)] }, DB_VNET), []);
        assert.deepEqual(
            clusterVirtualNetworksToLink(
                { agentPoolProfiles: [pool(HUB_VNET), pool(HUB_VNET.toUpperCase(), "user")] },
                DB_VNET,
            ),
            [HUB_VNET],
        );
        assert.deepEqual(
            clusterVirtualNetworksToLink({ agentPoolProfiles: [pool(DB_VNET)] }, DB_VNET, [HUB_VNET, DB_VNET]),
            [HUB_VNET],
        );
    });

    it("a cluster on an AKS-managed VNet needs its VNet listed, unless the database's VNet is that VNet", function () {
        const managed = { agentPoolProfiles: [{ name: "system" }], nodeResourceGroup: "MC_rg_aks_eastus" };
        assert.throws(
            () => requireClusterVirtualNetworksKnown(managed, "aks", DB_VNET),
            (e: Error & { key?: string }) =>
                isConfigError(e) &&
                e.key === "langsmith:azure.createNetwork.linkedVirtualNetworkIds" &&
                /az network vnet list -g MC_rg_aks_eastus/.test(e.message),
        );
        const listed = vnet("MC_rg_aks_eastus", "aks-vnet-1");
        requireClusterVirtualNetworksKnown(managed, "aks", DB_VNET, [listed]);
        assert.deepEqual(clusterVirtualNetworksToLink(managed, DB_VNET, [listed]), [listed]);
        // The database's subnet in the AKS-managed VNet itself: nothing more to link.
        requireClusterVirtualNetworksKnown(managed, "aks", vnet("mc_RG_aks_eastus", "aks-vnet-1"));
        requireClusterVirtualNetworksKnown(
            { agentPoolProfiles: [{ vnetSubnetID: `${HUB_VNET}/subnets/n` }] },
            "aks",
            DB_VNET,
        );
    });

    it("AKS on the database's VNet (the default world): one link, reachable", async function () {
        const r = await synthDev({});
        assert.deepEqual(linkedVnets(r), [DB_VNET]);
        const reach = azureReachability(r, {} as MockWorld, CLUSTER);
        assert.deepEqual(reach.problems, []);
    });

    it("AKS on another, peered VNet: the zone is linked to it too, so pods resolve and reach the server", async function () {
        const world: Partial<MockWorld> = {
            aksAgentPoolSubnetIds: [`${HUB_VNET}/subnets/nodes`, `${HUB_VNET}/subnets/user-nodes`],
            azureVnetPeerings: [[HUB_VNET, DB_VNET]],
        };
        const r = await synthDev(world);
        assert.deepEqual(linkedVnets(r).sort(), [DB_VNET, HUB_VNET].sort());
        const reach = azureReachability(r, world as MockWorld, CLUSTER);
        assert.deepEqual(reach.nodeVnetIds, [HUB_VNET]);
        assert.equal(reach.resolvable, true, reach.problems.join("; "));
        assert.equal(reach.routable, true, reach.problems.join("; "));
        // The server waits for every link (it and its clients resolve through the zone).
        const db = r.resources.find((x) => x.type === "langsmith-iam:index:AzurePostgres");
        for (const l of links(r)) assert.ok(db?.dependencies.includes(l.urn), `the database must wait for ${l.name}`);
        // Without the cluster's link (the program before this fix), the name does not resolve.
        const before = {
            ...r,
            resources: r.resources.filter(
                (x) => !(x.type === "azure-native:privatedns:VirtualNetworkLink" && linkedVnetsOf(x) === HUB_VNET),
            ),
        };
        const unlinked = azureReachability(before, world as MockWorld, CLUSTER);
        assert.equal(unlinked.resolvable, false);
        assert.match(unlinked.problems.join("\n"), /DNS: zone .* is not linked to the nodes' VNet .*aks-spoke/);
    });

    it("AKS on another VNet that is not peered: linked, but the model says it cannot route", async function () {
        const world: Partial<MockWorld> = { aksAgentPoolSubnetIds: [`${HUB_VNET}/subnets/nodes`] };
        const reach = azureReachability(await synthDev(world), world as MockWorld, CLUSTER);
        assert.equal(reach.resolvable, true);
        assert.equal(reach.routable, false);
        assert.match(reach.problems.join("\n"), /neither the server's VNet .* nor peered/);
    });

    it("AKS on a managed VNet (no vnetSubnetID): refused naming the key, then linked once it is set", async function () {
        const world: Partial<MockWorld> = { aksAgentPoolSubnetIds: [null] };
        await assert.rejects(
            synthDev(world),
            (e: Error & { key?: string }) =>
                isConfigError(e) && e.key === "langsmith:azure.createNetwork.linkedVirtualNetworkIds",
        );
        const managedVnet = aksManagedVnetId({ ...world } as MockWorld, CLUSTER.resourceGroupName, CLUSTER.clusterName);
        const peeredWorld: Partial<MockWorld> = { ...world, azureVnetPeerings: [[managedVnet, DB_VNET]] };
        // Blob storage's and Redis' private endpoints need a subnet too; this cluster has none of its own (tests/azure/blobStorage.test.ts).
        const r = await synthDev(
            peeredWorld,
            { createNetwork: { ...createNetworkOfDev(), linkedVirtualNetworkIds: [managedVnet] } },
            {
                "langsmith:blobStorage": JSON.stringify({ enabled: false }),
                "langsmith:redis": JSON.stringify({ mode: "inCluster" }),
            },
        );
        assert.deepEqual(linkedVnets(r).sort(), [DB_VNET, managedVnet].sort());
        assert.deepEqual(azureReachability(r, peeredWorld as MockWorld, CLUSTER).problems, []);
    });

    it("existing zone (azure-prod): reachable only where the world links the zone to the nodes' VNet", async function () {
        const { config, secretKeys } = loadStackConfig(stackFile("azure-prod"));
        const azure = JSON.parse(config["langsmith:azure"]) as { privateDnsZoneId: string; delegatedSubnetId: string };
        const prodCluster = { resourceGroupName: "platform-prod", clusterName: "platform-prod" };
        const r = await synthesize({
            project: projectName(),
            stack: "azure-prod",
            config,
            secretKeys,
            program: runProgram,
        });
        const prodVnet = virtualNetworkIdOfSubnet(azure.delegatedSubnetId);
        assert.equal(azureReachability(r, {} as MockWorld, prodCluster).resolvable, false);
        const world = { azurePrivateDnsZoneLinks: { [azure.privateDnsZoneId]: [prodVnet] } } as unknown as MockWorld;
        assert.deepEqual(azureReachability(r, world, prodCluster).problems, []);
    });
});

describe("Azure tags on every resource", function () {
    this.timeout(60000);

    it("keep ARM's tag rules (no '/' or other refused character, no reserved prefix), with the user's tags and at most 15 on the DNS zone", async function () {
        const r = await synthDev({});
        const tagged = r.resources.filter((x) => x.type.startsWith("azure-native:") && x.inputs.tags !== undefined);
        assert.ok(tagged.length >= 4, `only ${tagged.length} tagged resources`);
        for (const res of tagged) {
            const tags = res.inputs.tags as Record<string, string>;
            for (const name of Object.keys(tags)) {
                // https://learn.microsoft.com/en-us/azure/azure-resource-manager/management/tag-resources#limitations
                assert.doesNotMatch(name, /[<>%&\\?/]/, `${res.name}: tag ${name}`);
                assert.doesNotMatch(name, /^(microsoft|azure|windows)/i, `${res.name}: tag ${name}`);
            }
            assert.equal(tags["part-of"], "langsmith");
            assert.equal(tags.environment, "dev");
            if (res.type === "azure-native:privatedns:PrivateZone") assert.ok(Object.keys(tags).length <= 15);
        }
    });
});

describe("Azure server: fields Azure changes by itself are left alone", function () {
    this.timeout(60000);

    it("ignores the auto-grown storage size and the zones an HA failover swaps", async function () {
        const r = await synthDev({});
        const server = r.resources.filter((x) => x.type === "azure-native:dbforpostgresql:Server");
        assert.equal(server.length, 1);
        assert.deepEqual([...server[0].ignoreChanges].sort(), [
            // A server from before keeps its password administrator: azure-native would replace it otherwise.
            "administratorLogin",
            "administratorLoginPassword",
            "availabilityZone",
            "highAvailability.standbyAvailabilityZone",
            "storage.storageSizeGB",
        ]);
        assert.deepEqual(
            [...AZURE_SERVER_IGNORED_CHANGES, ...AZURE_SERVER_LEGACY_ADMIN_INPUTS].sort(),
            [...server[0].ignoreChanges].sort(),
        );
        // Each path names an input the server really has (azure-native's Server args), and auto-grow is on.
        const inputs = server[0].inputs as {
            storage: { storageSizeGB: number; autoGrow: string };
            highAvailability: { mode: string };
        };
        assert.equal(inputs.storage.autoGrow, "Enabled");
        assert.equal(typeof inputs.storage.storageSizeGB, "number");
        assert.ok("mode" in inputs.highAvailability);
    });
});

function linkedVnetsOf(link: SynthResult["resources"][number]): string {
    return String((link.inputs.virtualNetwork as { id: string }).id);
}

function createNetworkOfDev(): Record<string, unknown> {
    const { config } = loadStackConfig(stackFile("azure-dev"));
    return (JSON.parse(config["langsmith:azure"]) as { createNetwork: Record<string, unknown> }).createNetwork;
}

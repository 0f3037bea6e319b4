/**
 * AKS pods → Azure Managed Redis, decided from the offline preview and the mocked world like the
 * Flexible Server (network.test.ts): the private endpoint's VNet is the nodes' or peered with it, and
 * its privatelink.redis.azure.net zone is linked to the nodes' VNet, so the cache's host name resolves.
 */
import { strict as assert } from "node:assert";
import type { MockWorld } from "../../components/testing/mocks/shared";
import { azureRedisReachability } from "../../tools/offline/reachability/azureRedis";
import { synthStack } from "../support/synth";

const SUB = "00000000-1111-2222-3333-444444444444";
const vnet = (rg: string, name: string) =>
    `/subscriptions/${SUB}/resourceGroups/${rg}/providers/Microsoft.Network/virtualNetworks/${name}`;
const DEV_VNET = vnet("platform-dev", "platform-dev-vnet");
const HUB_VNET = vnet("platform-net", "aks-spoke");
const DEV = { resourceGroupName: "platform-dev", clusterName: "platform-dev" };
const PROD = { resourceGroupName: "platform-prod", clusterName: "platform-prod" };
const REDIS_LINK = "azure-native:privatedns:VirtualNetworkLink";
/** The endpoint in a subnet of the dev VNet, while the nodes run elsewhere (by default it takes the nodes' subnet). */
const ENDPOINT_IN_DEV_VNET = {
    "langsmith:redis": { mode: "managed", privateEndpointSubnetId: `${DEV_VNET}/subnets/endpoints` },
};

describe("Azure reachability: AKS pods to Azure Managed Redis (offline)", function () {
    this.timeout(120000);

    for (const [stack, cluster] of [
        ["azure-dev", DEV],
        ["azure-prod", PROD],
    ] as const) {
        it(`${stack}: the endpoint in the nodes' VNet, its zone linked there, the URL names the cache`, async function () {
            const r = await synthStack(stack, { showSecrets: true });
            const reach = azureRedisReachability(r, {} as MockWorld, cluster);
            assert.deepEqual(reach.problems, []);
            assert.ok(reach.zoneLinkedVnetIds.length > 0);
        });
    }

    it("AKS on another, peered VNet than the endpoint's: the Redis zone is linked to it too; without that link the name does not resolve", async function () {
        const world: Partial<MockWorld> = {
            aksAgentPoolSubnetIds: [`${HUB_VNET}/subnets/nodes`],
            azureVnetPeerings: [[HUB_VNET, DEV_VNET]],
        };
        const r = await synthStack("azure-dev", { world, override: ENDPOINT_IN_DEV_VNET, showSecrets: true });
        const reach = azureRedisReachability(r, world as MockWorld, DEV);
        assert.deepEqual(reach.problems, []);
        assert.deepEqual(reach.nodeVnetIds, [HUB_VNET]);
        assert.equal(reach.endpointVnetId, DEV_VNET);
        const isHubRedisLink = (x: (typeof r.resources)[number]) =>
            x.type === REDIS_LINK &&
            x.inputs.privateZoneName === "privatelink.redis.azure.net" &&
            String((x.inputs.virtualNetwork as { id: string }).id).toLowerCase() === HUB_VNET.toLowerCase();
        assert.equal(r.resources.filter(isHubRedisLink).length, 1);
        const unlinked = azureRedisReachability(
            { ...r, resources: r.resources.filter((x) => !isHubRedisLink(x)) },
            world as MockWorld,
            DEV,
        );
        assert.equal(unlinked.reachable, false);
        assert.match(
            unlinked.problems.join("\n"),
            /DNS: zone .*privatelink\.redis\.azure\.net is not linked to the nodes' VNet .*aks-spoke/,
        );
    });

    it("AKS on another VNet that is not peered: linked, but no route to the endpoint", async function () {
        const world: Partial<MockWorld> = { aksAgentPoolSubnetIds: [`${HUB_VNET}/subnets/nodes`] };
        const reach = azureRedisReachability(
            await synthStack("azure-dev", { world, override: ENDPOINT_IN_DEV_VNET, showSecrets: true }),
            world as MockWorld,
            DEV,
        );
        assert.equal(reach.reachable, false);
        assert.deepEqual(
            reach.problems.filter((p) => p.startsWith("DNS:")),
            [],
        );
        assert.match(
            reach.problems.join("\n"),
            /route: .*aks-spoke is neither the private endpoint's VNet .* nor peered/,
        );
    });

    it("an existing zone (langsmith:redis.privateDnsZoneId): reachable only where the world links it to the nodes' VNet", async function () {
        const zone = `/subscriptions/${SUB}/resourceGroups/platform-dns/providers/Microsoft.Network/privateDnsZones/privatelink.redis.azure.net`;
        const r = await synthStack("azure-dev", {
            override: { "langsmith:redis": { mode: "managed", privateDnsZoneId: zone } },
            showSecrets: true,
        });
        assert.match(
            azureRedisReachability(r, {} as MockWorld, DEV).problems.join("\n"),
            /DNS: zone .*platform-dns.* is not linked to the nodes' VNet .*platform-dev-vnet/,
        );
        const world = { azurePrivateDnsZoneLinks: { [zone]: [DEV_VNET] } } as unknown as MockWorld;
        assert.deepEqual(azureRedisReachability(r, world, DEV).problems, []);
    });

    it("says unreachable when the URL names another host, or the cache is public", async function () {
        const r = structuredClone(await synthStack("azure-dev", { showSecrets: true }));
        const secret = r.resources.find((x) => x.type === "kubernetes:core/v1:Secret" && x.name === "langsmith-redis")!;
        (secret.inputs.stringData as Record<string, string>).connection_url = "rediss://someone@10.1.2.3:10000";
        const cache = r.resources.find((x) => x.type === "azure-native:redisenterprise:RedisEnterprise")!;
        cache.inputs.publicNetworkAccess = "Enabled";
        const problems = azureRedisReachability(r, {} as MockWorld, DEV).problems.join("\n");
        assert.match(problems, /Redis URL in Secret langsmith-redis names 10\.1\.2\.3, not the cache's /);
        assert.match(problems, /public network access/);
    });
});

/**
 * Can pods on the AKS nodes reach Azure Managed Redis? Decided like the Flexible Server (./azure.ts):
 * the app connects to `<cluster>.<region>.redis.azure.net`, which resolves to the private endpoint only
 * in VNets the `privatelink.redis.azure.net` zone of the endpoint's DNS zone group is linked to
 * (https://learn.microsoft.com/en-us/azure/private-link/private-endpoint-dns#databases), and packets
 * reach the endpoint's address only within its VNet or across a peering.
 */
import { aksNodeVnetIds } from "../../../components/testing/mocks/azure";
import type { MockWorld } from "../../../components/testing/mocks/shared";
import type { SynthResult } from "../synthesize";
import { peered, same, vnetOfSubnet, zoneLinks } from "./azure";

const T = {
    cache: "azure-native:redisenterprise:RedisEnterprise",
    endpoint: "azure-native:network:PrivateEndpoint",
    zoneGroup: "azure-native:network:PrivateDnsZoneGroup",
    secret: "kubernetes:core/v1:Secret",
};
const ZONE = "privatelink.redis.azure.net";
const GROUP_ID = "redisEnterprise";

type Obj = Record<string, unknown>;
const list = (v: unknown): Obj[] => (Array.isArray(v) ? (v as Obj[]) : []);
const text = (v: unknown): string => (typeof v === "string" ? v : "");

export interface AzureRedisReachability {
    /** The VNets of the AKS node subnets. */
    nodeVnetIds: string[];
    /** The VNet of the private endpoint's subnet. */
    endpointVnetId: string;
    /** The VNets the endpoint's zone is linked to. */
    zoneLinkedVnetIds: string[];
    reachable: boolean;
    /** Why not, one line per node VNet and missing piece. */
    problems: string[];
}

/** Reachability of the one Azure Managed Redis cluster in `result` from the nodes of the AKS cluster `cluster`. */
export function azureRedisReachability(
    result: SynthResult,
    world: MockWorld,
    cluster: { resourceGroupName: string; clusterName: string },
): AzureRedisReachability {
    const caches = result.resources.filter((r) => r.type === T.cache);
    if (caches.length !== 1) throw new Error(`reachability: expected one Azure Managed Redis, found ${caches.length}`);
    const cache = caches[0];
    const problems: string[] = [];
    if (cache.inputs.publicNetworkAccess !== "Disabled")
        problems.push("the cache accepts public network access: the path must be private");

    const endpoints = result.resources.filter(
        (r) =>
            r.type === T.endpoint &&
            list(r.inputs.privateLinkServiceConnections).some(
                (c) => same(String(c.privateLinkServiceId), cache.id) && list(c.groupIds).includes(GROUP_ID as never),
            ),
    );
    if (endpoints.length !== 1)
        throw new Error(`reachability: expected one private endpoint to the cache, found ${endpoints.length}`);
    const endpoint = endpoints[0];
    const endpointVnetId = vnetOfSubnet(text((endpoint.inputs.subnet as Obj | undefined)?.id));
    const group = result.resources.find(
        (r) => r.type === T.zoneGroup && r.inputs.privateEndpointName === endpoint.outputs.name,
    );
    const zoneId = text(list(group?.inputs.privateDnsZoneConfigs)[0]?.privateDnsZoneId);
    const nodeVnetIds = aksNodeVnetIds(world, cluster.resourceGroupName, cluster.clusterName);
    let zoneLinkedVnetIds: string[] = [];
    if (!group || zoneId === "") {
        problems.push(`DNS: private endpoint ${endpoint.name} has no DNS zone group, so no record for the cache`);
    } else if (!zoneId.toLowerCase().endsWith(`/privatednszones/${ZONE}`)) {
        problems.push(`DNS: the endpoint's records go to ${zoneId}, not a ${ZONE} zone`);
    } else {
        zoneLinkedVnetIds = zoneLinks(result, world, zoneId);
    }
    for (const node of nodeVnetIds) {
        if (zoneId !== "" && !zoneLinkedVnetIds.some((v) => same(v, node)))
            problems.push(`DNS: zone ${zoneId} is not linked to the nodes' VNet ${node}`);
        if (!same(node, endpointVnetId) && !peered(world, node, endpointVnetId))
            problems.push(
                `route: the nodes' VNet ${node} is neither the private endpoint's VNet ${endpointVnetId} nor peered with it`,
            );
    }
    // The app connects to the cache's host name (the name the privatelink CNAME answers for).
    for (const secret of result.resources.filter((r) => r.type === T.secret)) {
        const url = (secret.inputs.stringData as Obj | undefined)?.connection_url;
        if (typeof url !== "string" || !/^rediss?:\/\//.test(url)) continue;
        const host = new URL(url).hostname;
        if (!same(host, String(cache.outputs.hostName)))
            problems.push(
                `Redis URL in Secret ${secret.name} names ${host}, not the cache's ${String(cache.outputs.hostName)}`,
            );
    }
    return { nodeVnetIds, endpointVnetId, zoneLinkedVnetIds, reachable: problems.length === 0, problems };
}

/**
 * Can pods on the AKS nodes reach the Flexible Server? Decided from an offline preview and the
 * mocked world, as Azure would: the server's name resolves only in VNets its private DNS zone is
 * linked to (links the stack creates, or existing ones in the world), and packets route only
 * within a VNet or across a peering. Custom DNS servers and route tables are outside the model.
 */
import { aksNodeVnetIds } from "../../../components/testing/mocks/azure";
import type { MockWorld } from "../../../components/testing/mocks/shared";
import type { SynthResource, SynthResult } from "../synthesize";

export interface AzureReachability {
    /** The VNets of the AKS node subnets. */
    nodeVnetIds: string[];
    /** The VNet of the server's delegated subnet. */
    serverVnetId: string;
    /** The VNets the server's private DNS zone is linked to. */
    zoneLinkedVnetIds: string[];
    /** Every node VNet is linked to the zone: pods resolve the server's name. */
    resolvable: boolean;
    /** Every node VNet is the server's VNet or peered with it: pods route to its address. */
    routable: boolean;
    /** Why not, one line per node VNet and missing piece. */
    problems: string[];
}

export const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
export const vnetOfSubnet = (subnetId: string) => subnetId.replace(/\/subnets\/[^/]+$/i, "");

export function zoneLinks(result: SynthResult, world: MockWorld, zoneId: string): string[] {
    const m = /\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Network\/privateDnsZones\/([^/]+)$/i.exec(zoneId);
    if (!m) throw new Error(`reachability: ${zoneId} is not a private DNS zone id`);
    const created = result.resources
        .filter((r: SynthResource) => r.type === "azure-native:privatedns:VirtualNetworkLink")
        .filter((r) => same(String(r.inputs.resourceGroupName), m[1]) && same(String(r.inputs.privateZoneName), m[2]))
        .map((r) => String((r.inputs.virtualNetwork as { id?: unknown } | undefined)?.id));
    const existing = Object.entries(world.azurePrivateDnsZoneLinks ?? {}).flatMap(([zone, vnets]) =>
        same(zone, zoneId) ? vnets : [],
    );
    return [...created, ...existing];
}

export function peered(world: MockWorld, a: string, b: string): boolean {
    return (world.azureVnetPeerings ?? []).some(([x, y]) => (same(x, a) && same(y, b)) || (same(x, b) && same(y, a)));
}

/** Reachability of the one Flexible Server in `result` from the nodes of the AKS cluster `cluster`. */
export function azureReachability(
    result: SynthResult,
    world: MockWorld,
    cluster: { resourceGroupName: string; clusterName: string },
): AzureReachability {
    const servers = result.resources.filter((r) => r.type === "azure-native:dbforpostgresql:Server");
    if (servers.length !== 1) throw new Error(`reachability: expected one Flexible Server, found ${servers.length}`);
    const net = servers[0].inputs.network as
        { delegatedSubnetResourceId?: string; privateDnsZoneArmResourceId?: string } | undefined;
    if (!net?.delegatedSubnetResourceId || !net.privateDnsZoneArmResourceId)
        throw new Error("reachability: the server has no delegated subnet or private DNS zone");
    const serverVnetId = vnetOfSubnet(net.delegatedSubnetResourceId);
    const zoneLinkedVnetIds = zoneLinks(result, world, net.privateDnsZoneArmResourceId);
    const nodeVnetIds = aksNodeVnetIds(world, cluster.resourceGroupName, cluster.clusterName);

    const problems: string[] = [];
    for (const node of nodeVnetIds) {
        if (!zoneLinkedVnetIds.some((v) => same(v, node)))
            problems.push(`DNS: zone ${net.privateDnsZoneArmResourceId} is not linked to the nodes' VNet ${node}`);
        if (!same(node, serverVnetId) && !peered(world, node, serverVnetId))
            problems.push(
                `route: the nodes' VNet ${node} is neither the server's VNet ${serverVnetId} nor peered with it`,
            );
    }
    return {
        nodeVnetIds,
        serverVnetId,
        zoneLinkedVnetIds,
        resolvable: !problems.some((p) => p.startsWith("DNS:")),
        routable: !problems.some((p) => p.startsWith("route:")),
        problems,
    };
}

/**
 * One private endpoint for one Azure resource, its records in the service's `privatelink.*` zone,
 * and (when no existing zone is given) that zone linked to every VNet whose pods resolve the name.
 * Shared by the blob storage and Redis: same resource names under the caller's component.
 */
import * as network from "@pulumi/azure-native/network";
import * as privatedns from "@pulumi/azure-native/privatedns";
import * as pulumi from "@pulumi/pulumi";
import { createHash } from "node:crypto";

/** Arguments of {@link privateLinkWithDns}. */
export interface PrivateLinkArgs {
    resourceGroupName: string;
    location: string;
    /** Subnet of the endpoint (one the cluster's pods route to). */
    subnetId: pulumi.Input<string>;
    /** The resource the endpoint connects to. */
    targetId: pulumi.Input<string>;
    /** Its private-link sub-resource (`blob`, `redisEnterprise`, ...), also the connection's name. */
    groupId: string;
    /** The service's private DNS zone name (`privatelink.<service domain>`). */
    zoneName: string;
    /** An existing zone of that name; unset: one is created and linked to `linkedVirtualNetworkIds`. */
    privateDnsZoneId?: pulumi.Input<string>;
    /** VNets whose pods resolve the resource, when the zone is created here. */
    linkedVirtualNetworkIds?: pulumi.Input<string[]>;
    tags?: Record<string, string>;
}

/** The endpoint and its DNS zone group (the record exists once the group does). */
export interface PrivateLink {
    endpoint: network.PrivateEndpoint;
    zoneGroup: network.PrivateDnsZoneGroup;
}

/** Creates `<name>-endpoint`, `<name>-dns` (+ `<name>-dns-link-<hash>` per VNet) and `<name>-endpoint-dns`. */
export function privateLinkWithDns(
    name: string,
    args: PrivateLinkArgs,
    opts: { parent: pulumi.Resource },
): PrivateLink {
    const rg = args.resourceGroupName;
    const endpoint = new network.PrivateEndpoint(
        `${name}-endpoint`,
        {
            resourceGroupName: rg,
            location: args.location,
            subnet: { id: args.subnetId },
            privateLinkServiceConnections: [
                { name: args.groupId, privateLinkServiceId: args.targetId, groupIds: [args.groupId] },
            ],
            tags: args.tags,
        },
        opts,
    );
    let zoneId: pulumi.Input<string>;
    if (args.privateDnsZoneId) {
        zoneId = args.privateDnsZoneId;
    } else {
        const zone = new privatedns.PrivateZone(
            `${name}-dns`,
            { resourceGroupName: rg, privateZoneName: args.zoneName, location: "global", tags: args.tags },
            opts,
        );
        zoneId = zone.id;
        linkZoneToVirtualNetworks(name, zone.name, args.linkedVirtualNetworkIds ?? [], { rg, tags: args.tags }, opts);
    }
    const zoneGroup = new network.PrivateDnsZoneGroup(
        `${name}-endpoint-dns`,
        {
            resourceGroupName: rg,
            privateEndpointName: endpoint.name,
            privateDnsZoneGroupName: "default",
            privateDnsZoneConfigs: [{ name: args.groupId, privateDnsZoneId: zoneId }],
        },
        opts,
    );
    return { endpoint, zoneGroup };
}

/**
 * Links a private DNS zone to each VNet: one link per VNet (ids compared without case, as ARM does),
 * named `<name>-dns-link-<hash of the id>` so a list in another order moves nothing.
 */
export function linkZoneToVirtualNetworks(
    name: string,
    zoneName: pulumi.Input<string>,
    virtualNetworkIds: pulumi.Input<pulumi.Input<string>[]>,
    where: { rg: pulumi.Input<string>; tags?: Record<string, string> },
    opts: pulumi.CustomResourceOptions,
): void {
    pulumi.output(virtualNetworkIds).apply((ids) =>
        [...new Set(ids.map((id) => id.toLowerCase()))].map(
            (id) =>
                new privatedns.VirtualNetworkLink(
                    `${name}-dns-link-${createHash("sha256").update(id).digest("hex").slice(0, 8)}`,
                    {
                        resourceGroupName: where.rg,
                        privateZoneName: zoneName,
                        location: "global",
                        virtualNetwork: { id: ids.find((given) => given.toLowerCase() === id) },
                        registrationEnabled: false,
                        tags: where.tags,
                    },
                    opts,
                ),
        ),
    );
}

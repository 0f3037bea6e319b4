/**
 * The private network pieces of Flexible Server's private access, for a VNet that does not have them:
 * the delegated subnet, the private DNS zone, and its links to every VNet whose pods must resolve
 * the server: the subnet's VNet and the VNets of the AKS node subnets (often another, peered, VNet).
 */
import * as network from "@pulumi/azure-native/network";
import * as privatedns from "@pulumi/azure-native/privatedns";
import * as pulumi from "@pulumi/pulumi";
import { createHash } from "node:crypto";

/** ARM ids are case-insensitive. */
export const sameArmId = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** The VNet id of a subnet id (`.../virtualNetworks/<vnet>/subnets/<subnet>`). */
export function virtualNetworkIdOfSubnet(subnetId: string): string {
    const m =
        /^(\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Network\/virtualNetworks\/[^/]+)\/subnets\/[^/]+$/i.exec(
            subnetId,
        );
    if (!m) throw new Error(`${JSON.stringify(subnetId)} is not a subnet resource id`);
    return m[1];
}

/** Ids without duplicates (compared without case), first spelling kept, order kept. */
export function distinctArmIds(ids: readonly string[]): string[] {
    const out: string[] = [];
    for (const id of ids) if (!out.some((o) => sameArmId(o, id))) out.push(id);
    return out;
}

/** The parts of the AKS cluster look-up this needs. */
export interface AksNetworkView {
    agentPoolProfiles?: readonly { name?: string; vnetSubnetID?: string }[];
    nodeResourceGroup?: string;
}

/**
 * The VNets the private DNS zone must be linked to besides the database's: the VNets of the
 * cluster's node subnets (each agent pool's `vnetSubnetID`) and the listed ones.
 */
export function clusterVirtualNetworksToLink(
    cluster: AksNetworkView,
    databaseVirtualNetworkId: string,
    listed: readonly string[] = [],
): string[] {
    const fromPools = (cluster.agentPoolProfiles ?? []).flatMap((p) =>
        p.vnetSubnetID ? [virtualNetworkIdOfSubnet(p.vnetSubnetID)] : [],
    );
    return distinctArmIds([...fromPools, ...listed]).filter((id) => !sameArmId(id, databaseVirtualNetworkId));
}

/** The resource group and name of a VNet from its ARM id. */
export function parseVirtualNetworkId(id: string): { resourceGroupName: string; name: string } {
    const m =
        /^\/subscriptions\/[^/]+\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Network\/virtualNetworks\/([^/]+)$/i.exec(
            id,
        );
    if (!m) throw new Error(`${id} is not a virtual network id`);
    return { resourceGroupName: m[1], name: m[2] };
}

/** Arguments of {@link AzurePrivateNetwork}. */
export interface AzurePrivateNetworkArgs {
    /** Resource group of the private DNS zone. */
    resourceGroupName: string;
    /** Existing VNet of the delegated subnet (the zone is always linked to it). */
    virtualNetworkId: string;
    /** Name of the delegated subnet. */
    subnetName: string;
    /** Free range in the VNet, /28 or larger. */
    subnetAddressPrefix: string;
    /** Private DNS zone name, `<something>.postgres.database.azure.com`. */
    zoneName: string;
    /** More VNets to link the zone to (the cluster's); duplicates and `virtualNetworkId` are dropped. */
    linkedVirtualNetworkIds?: pulumi.Input<string[]>;
    /** Tags for the zone and its links. */
    tags?: Record<string, string>;
}

/**
 * A subnet delegated to `Microsoft.DBforPostgreSQL/flexibleServers`, a private DNS zone, and one
 * virtual network link per VNet whose pods must resolve the server. Resolving is not routing: a
 * VNet other than the subnet's must also be peered with it (docs/azure.md).
 */
export class AzurePrivateNetwork extends pulumi.ComponentResource {
    /** The delegated subnet. */
    public readonly subnet: network.Subnet;
    /** The private DNS zone. */
    public readonly zone: privatedns.PrivateZone;
    /** The zone's link to the subnet's VNet. */
    public readonly primaryLink: privatedns.VirtualNetworkLink;
    /** The zone's links to the other VNets (known once the cluster look-up returned). */
    public readonly extraLinks: pulumi.Output<privatedns.VirtualNetworkLink[]>;
    /** Every link: the server and its clients need them before the server is created. */
    public readonly links: pulumi.Output<privatedns.VirtualNetworkLink[]>;
    /** Id of the delegated subnet. */
    public readonly delegatedSubnetId: pulumi.Output<string>;
    /** Id of the private DNS zone. */
    public readonly privateDnsZoneId: pulumi.Output<string>;

    constructor(name: string, args: AzurePrivateNetworkArgs, opts?: pulumi.ComponentResourceOptions) {
        super("langsmith-iam:index:AzurePrivateNetwork", name, {}, opts);
        // These were stack children before this component existed: the alias keeps them in place.
        const moved = { parent: this, aliases: [{ parent: pulumi.rootStackResource }] };
        const vnet = parseVirtualNetworkId(args.virtualNetworkId);
        this.subnet = new network.Subnet(
            `${name}-subnet`,
            {
                resourceGroupName: vnet.resourceGroupName,
                virtualNetworkName: vnet.name,
                subnetName: args.subnetName,
                addressPrefix: args.subnetAddressPrefix,
                delegations: [{ name: "flexibleServers", serviceName: "Microsoft.DBforPostgreSQL/flexibleServers" }],
            },
            moved,
        );
        this.zone = new privatedns.PrivateZone(
            `${name}-dns`,
            {
                resourceGroupName: args.resourceGroupName,
                privateZoneName: args.zoneName,
                location: "global",
                tags: args.tags,
            },
            moved,
        );
        const link = (logicalName: string, virtualNetworkId: string, opts: pulumi.CustomResourceOptions) =>
            new privatedns.VirtualNetworkLink(
                logicalName,
                {
                    resourceGroupName: args.resourceGroupName,
                    privateZoneName: this.zone.name,
                    location: "global",
                    virtualNetwork: { id: virtualNetworkId },
                    registrationEnabled: false,
                    tags: args.tags,
                },
                opts,
            );
        this.primaryLink = link(`${name}-dns-link`, args.virtualNetworkId, moved);
        // One link per further VNet, named after its id so adding a VNet leaves the others alone.
        this.extraLinks = pulumi.output(args.linkedVirtualNetworkIds ?? []).apply((ids) =>
            distinctArmIds(ids)
                .filter((id) => !sameArmId(id, args.virtualNetworkId))
                .map((id) =>
                    link(
                        `${name}-dns-link-${createHash("sha256").update(id.toLowerCase()).digest("hex").slice(0, 8)}`,
                        id,
                        { parent: this },
                    ),
                ),
        );
        this.links = this.extraLinks.apply((extra) => [this.primaryLink, ...extra]);
        this.delegatedSubnetId = this.subnet.id;
        this.privateDnsZoneId = this.zone.id;
        this.registerOutputs({ delegatedSubnetId: this.delegatedSubnetId, privateDnsZoneId: this.privateDnsZoneId });
    }
}

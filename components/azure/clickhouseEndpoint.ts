/**
 * A private connection to a ClickHouse service another organisation publishes (LangSmith-managed
 * ClickHouse): a private endpoint with a manual connection request to the private link service alias
 * the provider hands over (the provider approves it; an alias is how a consumer names a service it
 * cannot see, https://learn.microsoft.com/en-us/azure/private-link/private-link-service-overview#alias).
 * The provider's host name then resolves to the endpoint's private IP through a private DNS zone for
 * exactly that name, linked to the VNets whose pods connect, so nothing else under the provider's
 * domain is shadowed.
 */
import * as network from "@pulumi/azure-native/network";
import * as privatedns from "@pulumi/azure-native/privatedns";
import * as pulumi from "@pulumi/pulumi";
import { linkZoneToVirtualNetworks } from "./privateLink";

/** Time-to-live of the A record: the endpoint's IP only changes when the endpoint is replaced. */
export const CLICKHOUSE_DNS_TTL = 300;

/** Arguments of {@link azureClickHouseEndpoint}. */
export interface AzureClickHouseEndpointArgs {
    resourceGroupName: string;
    location: string;
    /** Subnet of the endpoint (one the cluster's pods route to). */
    subnetId: pulumi.Input<string>;
    /** The private link service: its alias (`<name>.<guid>.<region>.azure.privatelinkservice`) or resource id. */
    privateLinkService: string;
    /** The service's host name, resolved to the endpoint's private IP in the linked VNets. */
    host: string;
    /** VNets whose pods resolve the host name. */
    linkedVirtualNetworkIds: pulumi.Input<string[]>;
    /**
     * Message the provider sees with the connection request.
     * @default "LangSmith Self-Hosted: ClickHouse connection"
     */
    requestMessage?: string;
    tags?: Record<string, string>;
}

export interface AzureClickHouseEndpoint {
    endpoint: network.PrivateEndpoint;
    zone: privatedns.PrivateZone;
    record: privatedns.PrivateRecordSet;
    /** The endpoint's private IP, as Azure reports it. */
    privateIp: pulumi.Output<string>;
}

/** The endpoint's private IP: the first address of its DNS configuration. */
export function endpointPrivateIp(
    configs: readonly { ipAddresses?: readonly string[] }[] | undefined,
    endpointName: string,
): string {
    const ip = (configs ?? []).flatMap((c) => c.ipAddresses ?? [])[0];
    if (!ip) throw new Error(`private endpoint ${endpointName} reports no private IP (customDnsConfigs is empty)`);
    return ip;
}

/** The endpoint (`<name>-endpoint`), the zone (`<name>-dns`, + `<name>-dns-link-<hash>` per VNet) and its A record (`<name>-a`). */
export function azureClickHouseEndpoint(
    name: string,
    args: AzureClickHouseEndpointArgs,
    opts: pulumi.CustomResourceOptions,
): AzureClickHouseEndpoint {
    const rg = args.resourceGroupName;
    const host = args.host.replace(/\.+$/, "").toLowerCase();
    const endpoint = new network.PrivateEndpoint(
        `${name}-endpoint`,
        {
            resourceGroupName: rg,
            location: args.location,
            subnet: { id: args.subnetId },
            // Another tenant's service: a manual request, which LangChain approves.
            manualPrivateLinkServiceConnections: [
                {
                    name: "clickhouse",
                    privateLinkServiceId: args.privateLinkService,
                    requestMessage: args.requestMessage ?? "LangSmith Self-Hosted: ClickHouse connection",
                },
            ],
            tags: args.tags,
        },
        opts,
    );
    // A zone for exactly the host name: the record at its apex.
    const zone = new privatedns.PrivateZone(
        `${name}-dns`,
        { resourceGroupName: rg, privateZoneName: host, location: "global", tags: args.tags },
        opts,
    );
    linkZoneToVirtualNetworks(name, zone.name, args.linkedVirtualNetworkIds, { rg, tags: args.tags }, opts);
    const privateIp = pulumi
        .all([endpoint.customDnsConfigs, endpoint.name])
        .apply(([configs, endpointName]) => endpointPrivateIp(configs, endpointName));
    const record = new privatedns.PrivateRecordSet(
        `${name}-a`,
        {
            resourceGroupName: rg,
            privateZoneName: zone.name,
            recordType: "A",
            relativeRecordSetName: "@",
            ttl: CLICKHOUSE_DNS_TTL,
            aRecords: [{ ipv4Address: privateIp }],
        },
        opts,
    );
    return { endpoint, zone, record, privateIp };
}

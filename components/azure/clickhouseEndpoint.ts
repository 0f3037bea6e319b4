/**
 * A private connection to a ClickHouse service another organisation publishes (LangSmith-managed
 * ClickHouse): a private endpoint with a manual connection request to the private link service alias
 * the provider hands over (the provider approves it; an alias is how a consumer names a service it
 * cannot see, https://learn.microsoft.com/en-us/azure/private-link/private-link-service-overview#alias).
 * The provider's host name then resolves to the endpoint's private IP through a private DNS zone for
 * exactly that name, linked to the VNets whose pods connect, so nothing else under the provider's
 * domain is shadowed.
 *
 * The A record's address: Azure fills the endpoint's `customDnsConfigs` for its own services, but a
 * connection to a private link service can leave it empty (no FQDN to report), so the address is then
 * read where it always is, on the endpoint's network interface (`networkInterfaces[].id`, the NIC's
 * `ipConfigurations[].privateIPAddress`). A static address (`ipConfigurations`) is not used: it needs
 * the GroupId and MemberName read from the target's Private Link resource, which a consumer who only
 * has another tenant's alias cannot query
 * (https://learn.microsoft.com/en-us/azure/private-link/manage-private-endpoint).
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
    /** The endpoint's private IP, as Azure reports it (DNS configuration, else network interface). */
    privateIp: pulumi.Output<string>;
}

/** The first address of the endpoint's DNS configuration, or undefined when Azure reports none. */
export function dnsConfigPrivateIp(
    configs: readonly { ipAddresses?: readonly string[] }[] | undefined,
): string | undefined {
    return (configs ?? []).flatMap((c) => c.ipAddresses ?? []).find((ip) => ip !== "");
}

/** Resource group and name of a network interface, from its ARM id. */
export function networkInterfaceOfId(id: string): { resourceGroupName: string; networkInterfaceName: string } {
    const m =
        /^\/subscriptions\/[^/]+\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Network\/networkInterfaces\/([^/]+)$/i.exec(
            id,
        );
    if (!m) throw new Error(`${JSON.stringify(id)} is not a network interface id`);
    return { resourceGroupName: m[1], networkInterfaceName: m[2] };
}

/** The private IP of the endpoint's network interface: its primary IP configuration's (else the first's). */
export function nicPrivateIp(
    ipConfigurations: readonly { primary?: boolean; privateIPAddress?: string }[] | undefined,
    endpointName: string,
): string {
    const withIp = (ipConfigurations ?? []).filter((c) => c.privateIPAddress);
    const ip = (withIp.find((c) => c.primary) ?? withIp[0])?.privateIPAddress;
    if (!ip) throw new Error(`private endpoint ${endpointName}: its network interface reports no private IP`);
    return ip;
}

/** The endpoint's private IP: from its DNS configuration when Azure filled it, else from its network interface. */
export function endpointPrivateIp(
    endpoint: network.PrivateEndpoint,
    opts: pulumi.InvokeOutputOptions = {},
): pulumi.Output<string> {
    return pulumi
        .all([endpoint.customDnsConfigs, endpoint.networkInterfaces, endpoint.name])
        .apply(([configs, nics, endpointName]) => {
            const fromDns = dnsConfigPrivateIp(configs);
            if (fromDns) return pulumi.output(fromDns);
            const nicId = (nics ?? []).map((n) => n.id).find((id): id is string => !!id);
            if (!nicId)
                throw new Error(
                    `private endpoint ${endpointName} reports neither a DNS configuration nor a network interface`,
                );
            return network
                .getNetworkInterfaceOutput(networkInterfaceOfId(nicId), opts)
                .apply((nic) => nicPrivateIp(nic.ipConfigurations, endpointName));
        });
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
    const privateIp = endpointPrivateIp(endpoint, opts.provider ? { provider: opts.provider } : {});
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

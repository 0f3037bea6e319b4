/**
 * A private connection to a ClickHouse service another organisation publishes (LangSmith-managed
 * ClickHouse): a Private Service Connect endpoint to the service attachment the provider hands over.
 * The endpoint is an internal address in one of the consumer's subnets and a forwarding rule whose
 * target is the service attachment; both must be in the attachment's region
 * (https://cloud.google.com/vpc/docs/configure-private-service-connect-services). The provider's host
 * name then resolves to that address inside the network through a private Cloud DNS zone for exactly
 * that name, so nothing else under the provider's domain is shadowed.
 */
import * as gcp from "@pulumi/gcp";
import type * as pulumi from "@pulumi/pulumi";
import { absoluteDnsName } from "./privateDns";

/** Time-to-live of the A record: the endpoint's address only changes when the endpoint is replaced. */
export const PSC_DNS_TTL = 300;

/** Arguments of {@link gcpClickHouseEndpoint}. */
export interface GcpClickHouseEndpointArgs {
    project: pulumi.Input<string>;
    /** The region of the service attachment (and so of the endpoint). */
    region: string;
    /** The service attachment: `projects/<p>/regions/<r>/serviceAttachments/<name>`. */
    serviceAttachment: string;
    /** The consumer network: `projects/<p>/global/networks/<n>`. */
    network: pulumi.Input<string>;
    /** A regular subnetwork of that network in `region`, for the endpoint's internal address. */
    subnetwork: pulumi.Input<string>;
    /** The service's host name, resolved to the endpoint's address inside `network`. */
    host: string;
    /** Name of the address and of the forwarding rule (RFC 1035, 1-63 characters). */
    endpointName: string;
    /** Name of the private zone (1-63 lower-case letters, digits and '-', a letter first). */
    zoneName: string;
    /** Project of the private zone (with a Shared VPC, the host project). */
    dnsProject: pulumi.Input<string>;
    labels?: Record<string, string>;
}

export interface GcpClickHouseEndpoint {
    address: gcp.compute.Address;
    forwardingRule: gcp.compute.ForwardingRule;
    zone: gcp.dns.ManagedZone;
    record: gcp.dns.RecordSet;
}

/** The internal address, the PSC forwarding rule, the private zone and its A record. */
export function gcpClickHouseEndpoint(
    name: string,
    args: GcpClickHouseEndpointArgs,
    opts: pulumi.CustomResourceOptions,
): GcpClickHouseEndpoint {
    const fqdn = absoluteDnsName(args.host);
    const address = new gcp.compute.Address(
        `${name}-address`,
        {
            project: args.project,
            region: args.region,
            name: args.endpointName,
            addressType: "INTERNAL",
            subnetwork: args.subnetwork,
            description: "Private Service Connect endpoint of LangSmith-managed ClickHouse",
            labels: args.labels,
        },
        opts,
    );
    const forwardingRule = new gcp.compute.ForwardingRule(
        `${name}-endpoint`,
        {
            project: args.project,
            region: args.region,
            name: args.endpointName,
            target: args.serviceAttachment,
            // A PSC endpoint to a published service has no load-balancing scheme.
            loadBalancingScheme: "",
            network: args.network,
            ipAddress: address.id,
            // The zone below answers for the host name; no second, automatic zone on the network.
            noAutomateDnsZone: true,
        },
        opts,
    );
    const zone = new gcp.dns.ManagedZone(
        `${name}-zone`,
        {
            project: args.dnsProject,
            name: args.zoneName,
            dnsName: fqdn,
            description: "Private DNS name of LangSmith-managed ClickHouse (Private Service Connect)",
            visibility: "private",
            privateVisibilityConfig: { networks: [{ networkUrl: args.network }] },
            labels: args.labels,
        },
        opts,
    );
    const record = new gcp.dns.RecordSet(
        `${name}-a`,
        {
            project: args.dnsProject,
            managedZone: zone.name,
            name: fqdn,
            type: "A",
            ttl: PSC_DNS_TTL,
            rrdatas: [address.address],
        },
        opts,
    );
    return { address, forwardingRule, zone, record };
}

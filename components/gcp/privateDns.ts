import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";

/**
 * Why a client needs this: with `serverCaMode: GOOGLE_MANAGED_CAS_CA` the server certificate names the
 * instance's DNS name (`<uid>.<project label>.<region>.sql.goog.`), not its private IP. For a name that
 * clients on a VPC connect with, Cloud SQL says to "create a DNS record in a private DNS zone in the
 * corresponding Virtual Private Cloud (VPC) network"
 * (https://cloud.google.com/sql/docs/postgres/custom-dns-name), as it does for Private Service
 * Connect, where the zone is private and bound to the network
 * (https://cloud.google.com/sql/docs/postgres/configure-dns, "Configure DNS manually"). A client that
 * can only be given a URL (no libpq `hostaddr`) must resolve the name itself.
 */

/** Time-to-live of the A record: a replaced instance's new address reaches clients within it. */
export const CLOUD_SQL_DNS_TTL = 300;

/** `name.` with exactly one trailing dot (Cloud DNS names are absolute). */
export function absoluteDnsName(name: string): string {
    const bare = name.replace(/\.+$/, "");
    if (!/^([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i.test(bare))
        throw new Error(`not a DNS name: ${JSON.stringify(name)}`);
    return `${bare.toLowerCase()}.`;
}

/** True when `name` is `zone` itself or inside it (both absolute or both relative). */
export function dnsNameInZone(name: string, zone: string): boolean {
    const n = absoluteDnsName(name);
    const z = absoluteDnsName(zone);
    return n === z || n.endsWith(`.${z}`);
}

/** Arguments of {@link GcpPostgresPrivateDns}. */
export interface GcpPostgresPrivateDnsArgs {
    /**
     * Project of the private zone. With a Shared VPC, the host project (the network's project);
     * the zone must be in a project that may bind the network.
     */
    project: pulumi.Input<string>;
    /** The VPC network the zone is visible from: `projects/<p>/global/networks/<n>` (the cluster's). */
    network: pulumi.Input<string>;
    /** The instance's DNS name as Cloud SQL reports it (`dnsName`, with or without the root's dot). */
    dnsName: pulumi.Input<string>;
    /** The instance's private IP address. */
    address: pulumi.Input<string>;
    /**
     * An existing private zone (its name, in `project`) to add the record to instead of creating
     * one: a zone that already covers the name on this network, for example a `<region>.sql.goog.`
     * zone of the platform team. Its DNS name must contain the instance's.
     */
    existingZoneName?: pulumi.Input<string>;
    /**
     * Name of the zone this component creates (unique in `project`; 1-63 lower-case letters, digits
     * and '-', starting with a letter).
     * @default auto-named by Pulumi
     */
    zoneName?: pulumi.Input<string>;
    /**
     * Description of the zone it creates.
     * @default "Private DNS name of a Cloud SQL instance (verify-full)"
     */
    description?: string;
    /** Labels of the zone it creates. */
    labels?: Record<string, string>;
    /**
     * Time-to-live of the A record, in seconds.
     * @default 300
     */
    ttl?: number;
}

/**
 * A Cloud SQL instance's own DNS name, resolvable from one VPC: a private Cloud DNS zone for exactly
 * that name (or an existing zone that covers it) and an A record pointing at the private IP. A zone
 * of the instance's name alone shadows nothing else: other instances' `*.sql.goog` names on the
 * network keep resolving as before, and two stacks never claim the same zone.
 */
export class GcpPostgresPrivateDns extends pulumi.ComponentResource {
    /** The private zone, when this component creates it. */
    public readonly zone?: gcp.dns.ManagedZone;
    /** The A record. */
    public readonly record: gcp.dns.RecordSet;
    /** The host name clients connect to (the instance's DNS name, without the root's dot). */
    public readonly host: pulumi.Output<string>;
    /** Name of the zone that holds the record. */
    public readonly zoneName: pulumi.Output<string>;

    constructor(name: string, args: GcpPostgresPrivateDnsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("langsmith-iam:index:GcpPostgresPrivateDns", name, {}, opts);
        const fqdn = pulumi.output(args.dnsName).apply(absoluteDnsName);

        if (args.existingZoneName === undefined) {
            this.zone = new gcp.dns.ManagedZone(
                `${name}-zone`,
                {
                    project: args.project,
                    name: args.zoneName,
                    dnsName: fqdn,
                    description: args.description ?? "Private DNS name of a Cloud SQL instance (verify-full)",
                    visibility: "private",
                    privateVisibilityConfig: { networks: [{ networkUrl: args.network }] },
                    labels: args.labels,
                },
                { parent: this },
            );
            this.zoneName = this.zone.name;
        } else {
            this.zoneName = pulumi.output(args.existingZoneName);
        }

        this.record = new gcp.dns.RecordSet(
            `${name}-a`,
            {
                project: args.project,
                managedZone: this.zoneName,
                name: fqdn,
                type: "A",
                ttl: args.ttl ?? CLOUD_SQL_DNS_TTL,
                rrdatas: [args.address],
            },
            { parent: this },
        );
        this.host = this.record.name.apply((n) => n.replace(/\.$/, ""));
        this.registerOutputs({ host: this.host, zoneName: this.zoneName });
    }
}

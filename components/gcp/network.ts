import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";

/**
 * `projects/<project>/global/networks/<name>`, the form Cloud SQL's `privateNetwork` takes, from a
 * bare name, that path, or a full Compute API URL (GKE reports the cluster's network either way).
 */
export function networkPath(project: string, network: string): string {
    const match = /projects\/([^/]+)\/global\/networks\/([^/]+)$/.exec(network);
    if (match) return `projects/${match[1]}/global/networks/${match[2]}`;
    if (/^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/.test(network)) return `projects/${project}/global/networks/${network}`;
    throw new Error(`not a VPC network name or path: ${JSON.stringify(network)}`);
}

/** The project a `projects/<project>/global/networks/<name>` path names (a Shared VPC's host project). */
export function networkProject(path: string): string {
    const match = /^projects\/([^/]+)\/global\/networks\/[^/]+$/.exec(path);
    if (!match) throw new Error(`not a projects/<project>/global/networks/<name> path: ${JSON.stringify(path)}`);
    return match[1];
}

/** Arguments of {@link GcpPrivateServiceAccess}. */
export interface GcpPrivateServiceAccessArgs {
    /** Project of a network given by bare name; a `projects/<p>/global/networks/<n>` path's own project wins (Shared VPC: the host project). */
    project: string;
    /** The VPC network: a name, `projects/<p>/global/networks/<n>`, or a Compute API URL. */
    network: pulumi.Input<string>;
    /** Prefix length of the reserved range (16-24). */
    prefixLength: number;
    /** Labels for the reserved range. */
    labels?: Record<string, string>;
    /**
     * Description of the reserved range (a change replaces the range: keep it stable).
     * @default "Private Service Access range (Cloud SQL)"
     */
    description?: string;
}

/**
 * Private Service Access for a VPC: a reserved internal range and the servicenetworking peering
 * Cloud SQL uses to give the instance a private IP in that VPC. Most VPCs that already run Cloud SQL
 * have one; create it only when the VPC has none. Both belong
 * to the network's project: with a Shared VPC, the host project, not the service project
 * (https://cloud.google.com/vpc/docs/configure-private-services-access, "Shared VPC scenario").
 */
export class GcpPrivateServiceAccess extends pulumi.ComponentResource {
    /** The reserved internal range. */
    public readonly range: gcp.compute.GlobalAddress;
    /** The servicenetworking peering (Cloud SQL waits for it). */
    public readonly connection: gcp.servicenetworking.Connection;
    /** Name of the reserved range (for `ipConfiguration.allocatedIpRange`). */
    public readonly rangeName: pulumi.Output<string>;

    constructor(name: string, args: GcpPrivateServiceAccessArgs, opts?: pulumi.ComponentResourceOptions) {
        super("langsmith-iam:index:GcpPrivateServiceAccess", name, {}, opts);
        const network = pulumi.output(args.network).apply((n) => networkPath(args.project, n));
        this.range = new gcp.compute.GlobalAddress(
            `${name}-range`,
            {
                project: network.apply(networkProject),
                network,
                purpose: "VPC_PEERING",
                addressType: "INTERNAL",
                prefixLength: args.prefixLength,
                description: args.description ?? "Private Service Access range (Cloud SQL)",
                labels: args.labels,
            },
            { parent: this },
        );
        this.connection = new gcp.servicenetworking.Connection(
            `${name}-peering`,
            // Other services may come to share the peering: destroy abandons it instead of breaking them.
            // The provider resolves the peering's project from the network path, so the host project here too.
            {
                network,
                service: "servicenetworking.googleapis.com",
                reservedPeeringRanges: [this.range.name],
                deletionPolicy: "ABANDON",
            },
            { parent: this },
        );
        this.rangeName = this.range.name;
        this.registerOutputs({ rangeName: this.rangeName });
    }
}

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

/** Arguments of {@link GcpPrivateServiceAccess}. */
export interface GcpPrivateServiceAccessArgs {
    /** Project of the VPC network. */
    project: string;
    /** The VPC network (`projects/<p>/global/networks/<n>`). */
    network: pulumi.Input<string>;
    /** Prefix length of the reserved range (16-24). */
    prefixLength: number;
    /** Labels for the reserved range. */
    labels?: Record<string, string>;
}

/**
 * Private Service Access for a VPC: a reserved internal range and the servicenetworking peering
 * Cloud SQL uses to give the instance a private IP in that VPC. Most VPCs that already run Cloud SQL
 * have one; create it only when asked (`langsmith:gcp.createPrivateServiceConnection`).
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
        this.range = new gcp.compute.GlobalAddress(
            `${name}-range`,
            {
                project: args.project,
                network: args.network,
                purpose: "VPC_PEERING",
                addressType: "INTERNAL",
                prefixLength: args.prefixLength,
                description: "Private Service Access range (Cloud SQL for LangSmith)",
                labels: args.labels,
            },
            { parent: this },
        );
        this.connection = new gcp.servicenetworking.Connection(
            `${name}-peering`,
            // Other services may come to share the peering: destroy abandons it instead of breaking them.
            { network: args.network, service: "servicenetworking.googleapis.com", reservedPeeringRanges: [this.range.name], deletionPolicy: "ABANDON" },
            { parent: this },
        );
        this.rangeName = this.range.name;
        this.registerOutputs({ rangeName: this.rangeName });
    }
}

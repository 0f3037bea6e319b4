/**
 * Managed Redis on GCP: Memorystore for Valkey in the cluster's region, its Private Service Connect
 * endpoints on the cluster's network (the same VPC the database's private IP is on, so every node
 * that reaches the database reaches Redis), and the app's service account allowed to connect to it.
 */
import type * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import type { GcpStackSettings } from "../config/settings";
import { GcpRedis } from "../../components/gcp/redis";
import { networkProject } from "../../components/gcp/network";
import { memorystoreInstanceIdFrom } from "../../components/gcp/redisNames";

/**
 * `projects/<p>/regions/<r>/subnetworks/<s>` from a name or that path. A bare name is a subnetwork of the
 * cluster's network, so of the network's project (a Shared VPC's subnets belong to the host project:
 * https://cloud.google.com/vpc/docs/shared-vpc), not of the stack's.
 */
export function subnetworkPath(project: string, region: string, subnetwork: string): string {
    const match = /projects\/([^/]+)\/regions\/([^/]+)\/subnetworks\/([^/]+)$/.exec(subnetwork);
    if (match) return `projects/${match[1]}/regions/${match[2]}/subnetworks/${match[3]}`;
    return `projects/${project}/regions/${region}/subnetworks/${subnetwork}`;
}

export interface GcpRedisContext {
    provider: gcp.Provider;
    /** The cluster's network (`projects/<p>/global/networks/<n>`). */
    network: pulumi.Input<string>;
    /** The cluster's node subnetwork, as GKE reports it (the default PSC subnetwork). */
    clusterSubnetwork: pulumi.Input<string>;
    serviceAccountEmail: pulumi.Input<string>;
    labels: Record<string, string>;
}

/** The Memorystore instance for a stack whose `langsmith:redis.mode` is managed; undefined otherwise. */
export function deployGcpRedis(settings: GcpStackSettings, ctx: GcpRedisContext): GcpRedis | undefined {
    const redis = settings.redis;
    if (redis.mode !== "managed") return undefined;
    const { project, region } = settings.gcp;
    const scope = `${pulumi.getProject()}-${pulumi.getStack()}`;
    const createPolicy = settings.gcp.createServiceConnectionPolicy;
    const subnetwork = settings.gcp.pscSubnetwork ?? ctx.clusterSubnetwork;
    return new GcpRedis(
        "langsmith-redis",
        {
            project,
            region,
            network: ctx.network,
            // A new resource: named after the stack whatever langsmith:names.legacy says (no earlier name to keep).
            instanceId: memorystoreInstanceIdFrom(scope),
            serviceAccountEmail: ctx.serviceAccountEmail,
            createServiceConnectionPolicy: createPolicy,
            serviceConnectionPolicyName: createPolicy ? memorystoreInstanceIdFrom(scope, "-memorystore") : undefined,
            pscSubnetworks: createPolicy
                ? [
                      pulumi
                          .all([ctx.network, subnetwork])
                          .apply(([n, s]) => subnetworkPath(networkProject(n), region, s)),
                  ]
                : undefined,
            nodeType: redis.nodeType,
            highAvailability: redis.highAvailability,
            backupRetentionDays: redis.snapshotRetentionDays,
            production: settings.production,
            labels: ctx.labels,
        },
        { providers: { gcp: ctx.provider } },
    );
}

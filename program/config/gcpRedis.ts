/**
 * The GCP side of `langsmith:redis` (Memorystore for Valkey) and of the network keys it uses: kept
 * apart from redis.ts so each cloud's rules stay in a file of their own.
 */
import { MEMORYSTORE_NODE_TYPES } from "../../components/gcp/redisNames";

/** A broken rule: the key (without `langsmith:`) and the problem with its fix. */
export interface GcpRedisProblem {
    path: string;
    problem: string;
}

/** The managed-Redis keys a GCP stack may not set, or sets to something Memorystore refuses. */
export function gcpRedisProblems(redis: { nodeType?: string; userId?: string }): GcpRedisProblem[] {
    const out: GcpRedisProblem[] = [];
    if (redis.userId !== undefined)
        out.push({
            path: "redis.userId",
            problem:
                "is the ElastiCache user id (AWS only); on GCP the IAM token always authenticates Memorystore's default user, remove it",
        });
    if (redis.nodeType !== undefined && !(MEMORYSTORE_NODE_TYPES as readonly string[]).includes(redis.nodeType))
        out.push({
            path: "redis.nodeType",
            problem: `${JSON.stringify(redis.nodeType)} is not a Memorystore for Valkey node type (https://cloud.google.com/memorystore/docs/valkey/instance-node-specification); set one of ${MEMORYSTORE_NODE_TYPES.join(", ")}`,
        });
    return out;
}

/** The network keys Memorystore's Private Service Connect uses, checked against each other and the region. */
export function gcpRedisNetworkProblems(gcp: {
    region: string;
    createServiceConnectionPolicy: boolean;
    pscSubnetwork?: string;
}): GcpRedisProblem[] {
    if (gcp.pscSubnetwork === undefined) return [];
    if (!gcp.createServiceConnectionPolicy)
        return [
            {
                path: "gcp.pscSubnetwork",
                problem:
                    "is only used to create the service connection policy; set langsmith:gcp.createServiceConnectionPolicy true, or remove it (the existing policy names its own subnetworks)",
            },
        ];
    const region = /\/regions\/([^/]+)\//.exec(gcp.pscSubnetwork)?.[1];
    if (region !== undefined && region !== gcp.region)
        return [
            {
                path: "gcp.pscSubnetwork",
                problem: `is in ${region}, but a service connection policy's subnetworks must be in its region ${gcp.region} (https://cloud.google.com/vpc/docs/about-service-connection-policies); set a subnetwork in ${gcp.region}`,
            },
        ];
    return [];
}

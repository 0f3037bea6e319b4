/**
 * The Azure part of `langsmith:redis`: Azure Managed Redis SKUs, persistence and the private endpoint's
 * subnet and DNS zone. Kept apart from redis.ts so each cloud's rules stay in a file of their own.
 */
import { z } from "zod";
import { managedRedisSkuProblem } from "../../components/azure/redisNames";
import { resolved, type KeyedProblem, type Resolved } from "./errors";
import { fitName, shortHash, stackScope, type StackIdentity } from "./stackNames";

/** Redis keys only Azure reads (the schema in redis.ts spreads them in). */
export const azureRedisKeys = {
    /** Azure: none, rdb (hourly snapshots) or aof (append-only file, every second); default aof in production, none otherwise. */
    persistence: z
        .enum(["none", "rdb", "aof"], { error: "is not a persistence mode; set none, rdb or aof" })
        .optional(),
    /** Azure: subnet of the cache's private endpoint (default: the subnet of the cluster's first node pool). */
    privateEndpointSubnetId: z
        .string()
        .regex(
            /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Network\/virtualNetworks\/[^/]+\/subnets\/[^/]+$/i,
            {
                error: "is not a subnet id; set /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.Network/virtualNetworks/<vnet>/subnets/<subnet>, or remove it to use the cluster's node subnet",
            },
        )
        .optional(),
    /** Azure: an existing privatelink.redis.azure.net zone (a second stack in the same resource group reuses the first's). */
    privateDnsZoneId: z
        .string()
        .regex(/\/providers\/Microsoft\.Network\/privateDnsZones\/privatelink\.redis\.azure\.net$/i, {
            error: "is not the id of a privatelink.redis.azure.net private DNS zone; set /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.Network/privateDnsZones/privatelink.redis.azure.net, or remove it to create the zone",
        })
        .optional(),
};

/** The keys above, as read from the config (all optional). */
export interface AzureRedisKeys {
    nodeType?: string;
    persistence?: "none" | "rdb" | "aof";
    privateEndpointSubnetId?: string;
    privateDnsZoneId?: string;
    snapshotRetentionDays?: number;
    userId?: string;
}

/** The Azure settings with defaults resolved (persistence: aof in production). */
export interface AzureRedisSettings {
    persistence: "none" | "rdb" | "aof";
    privateEndpointSubnetId?: string;
    privateDnsZoneId?: string;
}

/** The Azure settings of a managed-Redis block, or every problem it has. */
export function resolveAzureRedis(redis: AzureRedisKeys, production: boolean): Resolved<AzureRedisSettings> {
    const out: KeyedProblem[] = [];
    for (const key of ["snapshotRetentionDays", "userId"] as const)
        if (redis[key] !== undefined)
            out.push({
                path: `redis.${key}`,
                problem:
                    "is an ElastiCache setting; Azure Managed Redis has none (persistence: langsmith:redis.persistence; user: the identity's object id); remove it",
            });
    if (redis.nodeType !== undefined) {
        const problem = managedRedisSkuProblem(redis.nodeType);
        if (problem)
            out.push({
                path: "redis.nodeType",
                problem: `${JSON.stringify(redis.nodeType)} ${problem} (https://learn.microsoft.com/en-us/azure/redis/overview#choosing-the-right-tier); set one`,
            });
    }
    const persistence = redis.persistence ?? (production ? "aof" : "none");
    if (production && persistence === "none")
        out.push({
            path: "redis.persistence",
            problem: "is none on a production stack, which would lose queued work on a restart; set aof or rdb",
        });
    return resolved(
        {
            persistence,
            ...(redis.privateEndpointSubnetId !== undefined
                ? { privateEndpointSubnetId: redis.privateEndpointSubnetId }
                : {}),
            ...(redis.privateDnsZoneId !== undefined ? { privateDnsZoneId: redis.privateDnsZoneId } : {}),
        },
        out,
    );
}

/** Keys of this file that only a managed Redis on Azure reads. */
export const AZURE_ONLY_REDIS_KEYS = ["persistence", "privateEndpointSubnetId", "privateDnsZoneId"] as const;

/**
 * The default cluster name: `<project>-<stack>-<hash of subscription and resource group>`, cut to
 * Azure's 60 characters. The host name `<name>.<region>.redis.azure.net` is unique across Azure, so
 * the same stack in another subscription or resource group must not claim the same name.
 */
export function defaultManagedRedisClusterName(id: StackIdentity, scope: readonly string[]): string {
    const hash = shortHash(scope.map((s) => s.toLowerCase()).join("/"));
    return `${fitName(stackScope(id), 60 - hash.length - 1, id)}-${hash}`;
}

/**
 * The `langsmith:redis` config block: managed Redis reached by the workload identity (AWS: ElastiCache
 * for Valkey), or the chart's in-cluster Redis StatefulSet, which a stack gets only when its config
 * says `mode: inCluster` (and never in production on a cloud where managed Redis exists).
 */
import { z } from "zod";
import { elastiCacheUserIdProblem } from "../../components/aws/redisNames";
import { resolved, type Resolved } from "./errors";
import { gcpRedisProblems } from "./gcpRedis";
import { AZURE_ONLY_REDIS_KEYS, azureRedisKeys, resolveAzureRedis, type AzureRedisSettings } from "./redisAzure";

export const RedisMode = { Managed: "managed", InCluster: "inCluster" } as const;
export type RedisMode = (typeof RedisMode)[keyof typeof RedisMode];

/** Clouds where this program creates managed Redis (the others keep the chart's Redis for now). */
export const MANAGED_REDIS_CLOUDS: readonly string[] = ["aws", "gcp", "azure"];

export const redisSchema = z.strictObject({
    /** `managed` (the cloud's Redis, reached by the workload identity) or `inCluster` (the chart's StatefulSet). */
    mode: z.enum(RedisMode, { error: `is not a Redis mode; set ${Object.values(RedisMode).join(" or ")}` }).optional(),
    /** Node type in the cloud's own terms (AWS: an ElastiCache node type such as cache.m7g.large; Azure: an Azure Managed Redis SKU such as Balanced_B5). */
    nodeType: z.string().min(1).optional(),
    /** A replica in another zone with automatic failover (default: on in production; required there). */
    highAvailability: z.boolean({ error: "must be true or false; set true or false (no quotes)" }).optional(),
    /** Days of automatic snapshots, 0-35 (default 7 in production, 1 otherwise; production needs 7 or more). */
    snapshotRetentionDays: z
        .number()
        .int({ error: "must be a whole number of days; set 0 to 35" })
        .min(0, { error: "must be 0 (off) to 35 days; set 0 to 35" })
        .max(35, { error: "is above the 35 days ElastiCache keeps snapshots; set 35 or fewer" })
        .optional(),
    /** AWS: the ElastiCache IAM user's id (= its name), unique per account and region (default: derived from the stack). */
    userId: z.string().min(1).optional(),
    ...azureRedisKeys,
});

export type RedisConfig = z.output<typeof redisSchema>;

/** The Redis settings with every default resolved. */
export interface RedisSettings {
    mode: RedisMode;
    nodeType?: string;
    highAvailability: boolean;
    snapshotRetentionDays: number;
    userId?: string;
    /** Azure only: persistence and the private endpoint (program/config/redisAzure.ts). */
    azure?: AzureRedisSettings;
}

/** A broken Redis rule: the key (without `langsmith:`) and the problem with its fix. */
export interface RedisConfigProblem {
    path: string;
    problem: string;
}

/**
 * Resolves the defaults, or returns every problem found (a rule is skipped only where it reads what
 * an earlier one refused: the mode).
 */
export function resolveRedis(
    redis: RedisConfig,
    context: { cloud: string; production: boolean; helmValues?: Record<string, unknown> },
): Resolved<RedisSettings> {
    const out: RedisConfigProblem[] = [];
    const managedHere = MANAGED_REDIS_CLOUDS.includes(context.cloud);
    const mode = redis.mode ?? (managedHere ? RedisMode.Managed : RedisMode.InCluster);
    if (mode === RedisMode.Managed && !managedHere)
        return resolved({ mode, highAvailability: false, snapshotRetentionDays: 0 }, [
            {
                path: "redis.mode",
                problem: `managed Redis is not available on ${context.cloud} yet (only on ${MANAGED_REDIS_CLOUDS.join(", ")}); remove the key or set inCluster`,
            },
        ]);
    if (mode === RedisMode.InCluster) {
        if (managedHere && context.production)
            out.push({
                path: "redis.mode",
                problem:
                    "inCluster is for cheap dev stacks: a production stack keeps Redis on the managed service; remove the key or set managed",
            });
        for (const key of [
            "nodeType",
            "highAvailability",
            "snapshotRetentionDays",
            "userId",
            ...AZURE_ONLY_REDIS_KEYS,
        ] as const) {
            if (redis[key] !== undefined)
                out.push({
                    path: `redis.${key}`,
                    problem:
                        "configures managed Redis but langsmith:redis.mode is inCluster; remove it or set mode managed",
                });
        }
        return resolved({ mode, highAvailability: false, snapshotRetentionDays: 0 }, out);
    }
    const highAvailability = redis.highAvailability ?? context.production;
    if (context.production && !highAvailability)
        out.push({
            path: "redis.highAvailability",
            problem: "is false on a production stack; production Redis runs Multi-AZ with automatic failover, set true",
        });
    // Azure: the SKU, persistence and network keys; elsewhere those keys have no meaning.
    let azure: AzureRedisSettings | undefined;
    if (context.cloud === "azure") {
        const azureResult = resolveAzureRedis(redis, context.production);
        if (azureResult.ok) azure = azureResult.value;
        else out.push(...azureResult.problems);
    } else {
        for (const key of AZURE_ONLY_REDIS_KEYS)
            if (redis[key] !== undefined)
                out.push({ path: `redis.${key}`, problem: "is read on Azure only; remove it" });
    }
    const onAzure = context.cloud === "azure";
    const snapshotRetentionDays = onAzure ? 0 : (redis.snapshotRetentionDays ?? (context.production ? 7 : 1));
    if (!onAzure && context.production && snapshotRetentionDays < 7)
        out.push({
            path: "redis.snapshotRetentionDays",
            problem: `${snapshotRetentionDays} is below the 7 days a production stack keeps; set 7 or more`,
        });
    // GCP: Memorystore for Valkey's node types, and no ElastiCache user id.
    if (context.cloud === "gcp") out.push(...gcpRedisProblems(redis));
    if (
        context.cloud === "aws" &&
        redis.nodeType !== undefined &&
        !/^cache\.[a-z][a-z0-9-]*\.[a-z0-9]+$/.test(redis.nodeType)
    )
        out.push({
            path: "redis.nodeType",
            problem: `${JSON.stringify(redis.nodeType)} is not an ElastiCache node type like cache.m7g.large (cache.<family>.<size>: https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/CacheNodes.SupportedTypes.html); set one`,
        });
    if (context.cloud === "aws" && redis.userId !== undefined) {
        const problem = elastiCacheUserIdProblem(redis.userId);
        if (problem)
            out.push({
                path: "redis.userId",
                problem: `${JSON.stringify(redis.userId)} ${problem} (ElastiCache's UserId: https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CreateUser.html); choose e.g. "langsmith-prod"`,
            });
    }
    const external = (context.helmValues?.redis as Record<string, unknown> | undefined)?.external;
    if (external !== undefined)
        out.push({
            path: "helmValues.redis.external",
            problem: "is managed by this program with managed Redis (the URL Secret and IAM provider); remove it",
        });
    return resolved(
        {
            mode,
            highAvailability,
            snapshotRetentionDays,
            ...(azure ? { azure } : {}),
            ...(redis.nodeType !== undefined ? { nodeType: redis.nodeType } : {}),
            ...(redis.userId !== undefined ? { userId: redis.userId } : {}),
        },
        out,
    );
}

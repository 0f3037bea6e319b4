/**
 * Azure Managed Redis names and SKUs as pure functions (no SDK), so config validation checks them.
 * Rules: the cluster name in the REST API's clusterName parameter ("1-60 characters, letters, digits
 * and hyphens, no leading, trailing or consecutive hyphens":
 * https://learn.microsoft.com/en-us/rest/api/redis/redisenterprisecache/redis-enterprise/create),
 * access policy assignment names `^[A-Za-z0-9]{1,60}$` (same API, access-policy-assignment/create-update).
 */

/** The REST API's cluster name rule. */
const CLUSTER_NAME = /^(?=.{1,60}$)[A-Za-z0-9]+(-[A-Za-z0-9]+)*$/;
/** The REST API's access policy assignment name rule. */
export const ACCESS_POLICY_ASSIGNMENT_NAME: RegExp = /^[A-Za-z0-9]{1,60}$/;

/** Why Azure would refuse this cluster name, or undefined. */
export function managedRedisClusterNameProblem(name: string): string | undefined {
    if (name.length < 1 || name.length > 60) return `is ${name.length} characters; Azure allows 1 to 60`;
    if (!CLUSTER_NAME.test(name)) return "must be letters, digits and single hyphens, with no hyphen at either end";
    return undefined;
}

/**
 * The SKU families of Azure Managed Redis (the `Enterprise_*` / `EnterpriseFlash_*` names of the same
 * API are Azure Cache for Redis Enterprise, which is being retired). Sizes: the API's SkuName enum.
 * https://learn.microsoft.com/en-us/azure/redis/overview#choosing-the-right-tier
 */
export const MANAGED_REDIS_SKUS: readonly string[] = [
    ...["B0", "B1", "B3", "B5", "B10", "B20", "B50", "B100", "B150", "B250", "B350", "B500", "B700", "B1000"].map(
        (s) => `Balanced_${s}`,
    ),
    ...["M10", "M20", "M50", "M100", "M150", "M250", "M350", "M500", "M700", "M1000", "M1500", "M2000"].map(
        (s) => `MemoryOptimized_${s}`,
    ),
    ...["X3", "X5", "X10", "X20", "X50", "X100", "X150", "X250", "X350", "X500", "X700"].map(
        (s) => `ComputeOptimized_${s}`,
    ),
    ...["A250", "A500", "A700", "A1000", "A1500", "A2000", "A4500"].map((s) => `FlashOptimized_${s}`),
];

/** Why this is not an Azure Managed Redis SKU name, or undefined. */
export function managedRedisSkuProblem(sku: string): string | undefined {
    if (MANAGED_REDIS_SKUS.includes(sku)) return undefined;
    if (/^Enterprise(Flash)?_/.test(sku))
        return "is an Azure Cache for Redis Enterprise SKU (being retired); use an Azure Managed Redis SKU such as Balanced_B5";
    return "is not an Azure Managed Redis SKU such as Balanced_B0, Balanced_B5 or MemoryOptimized_M10";
}

/** Flexible Server SKU tiers, storage sizes and the extension allow-list: pure helpers of the package. */
import { LANGSMITH_EXTENSIONS } from "../postgres/bootstrapSql";

/** Flexible Server offers these storage sizes (GiB) only. */
export const AZURE_STORAGE_SIZES_GB = [32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32767] as const;

/** Flexible Server SKU tiers (an `as const` object: a schema enum). */
export const AzureSkuTier = {
    Burstable: "Burstable",
    GeneralPurpose: "GeneralPurpose",
    MemoryOptimized: "MemoryOptimized",
} as const;
export type AzureSkuTier = (typeof AzureSkuTier)[keyof typeof AzureSkuTier];

/** Standard_B* → Burstable, Standard_E* → MemoryOptimized, anything else → GeneralPurpose. */
export function skuTierFor(skuName: string): AzureSkuTier {
    if (/^Standard_B/i.test(skuName)) return "Burstable";
    if (/^Standard_E/i.test(skuName)) return "MemoryOptimized";
    return "GeneralPurpose";
}

/** `azure.extensions`: the given extensions (default LangSmith's) plus extra ones, upper case, sorted, no duplicates. */
export function extensionsAllowList(
    extra: readonly string[] = [],
    base: readonly string[] = LANGSMITH_EXTENSIONS,
): string {
    return [...new Set([...base, ...extra].map((e) => e.toUpperCase()))].sort().join(",");
}

import { createHash } from "node:crypto";

/** The node types gcp.memorystore.Instance accepts (its `nodeType`). */
export const MEMORYSTORE_NODE_TYPES = [
    "SHARED_CORE_NANO",
    "CUSTOM_PICO",
    "CUSTOM_MICRO",
    "CUSTOM_MINI",
    "HIGHMEM_MEDIUM",
    "HIGHCPU_MEDIUM",
    "HIGHMEM_XLARGE",
    "STANDARD_SMALL",
    "STANDARD_LARGE",
    "HIGHMEM_2XLARGE",
] as const;

/**
 * Memorystore for Valkey's instance id: the provider's "4-63 characters ... only lowercase letters,
 * digits, and hyphens ... must not end with a hyphen" (gcp.memorystore.Instance `instanceId`) and
 * gcloud's "must start with a lowercase letter" (https://cloud.google.com/memorystore/docs/valkey/manage-iam-auth).
 */
const MEMORYSTORE_INSTANCE_ID = /^[a-z][a-z0-9-]{2,61}[a-z0-9]$/;

/** Why Memorystore would refuse this instance id, or undefined. */
export function memorystoreInstanceIdProblem(id: string): string | undefined {
    if (id.length < 4 || id.length > 63) return `is ${id.length} characters, not 4 to 63`;
    if (!MEMORYSTORE_INSTANCE_ID.test(id))
        return "must be lower-case letters, digits and hyphens, starting with a letter and not ending with a hyphen";
    return undefined;
}

/**
 * `<text>-redis` as a Memorystore instance id (e.g. from `<project>-<stack>`): lower case, a letter
 * first, and, when it must be cut to 63, a hash of the whole text at the end so two long stack names
 * that share a prefix still get different ids.
 */
export function memorystoreInstanceIdFrom(text: string, suffix = "-redis"): string {
    let base = text
        .toLowerCase()
        .replace(/[^a-z0-9-]+/g, "-")
        .replace(/-{2,}/g, "-")
        .replace(/^-+|-+$/g, "");
    if (!/^[a-z]/.test(base)) base = `ls-${base}`.replace(/-+$/, "");
    const max = 63 - suffix.length;
    if (base.length > max) {
        const hash = createHash("sha256").update(text).digest("hex").slice(0, 8);
        base = `${base.slice(0, max - hash.length - 1).replace(/-+$/, "")}-${hash}`;
    }
    return `${base}${suffix}`;
}

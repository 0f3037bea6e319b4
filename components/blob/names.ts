/**
 * Blob storage names: the clouds' documented naming rules for buckets, storage accounts and
 * containers, and default names for the globally unique ones (a hash of project, stack and the
 * account or project they live in, so the same stack in another account never collides).
 */
import { createHash } from "node:crypto";

export const S3_NAMING = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html";
export const GCS_NAMING = "https://cloud.google.com/storage/docs/buckets#naming";
export const AZURE_ACCOUNT_NAMING =
    "https://learn.microsoft.com/en-us/azure/storage/common/storage-account-overview#storage-account-name";
export const AZURE_CONTAINER_NAMING =
    "https://learn.microsoft.com/en-us/rest/api/storageservices/naming-and-referencing-containers--blobs--and-metadata#container-names";

const IP_LIKE = /^\d+\.\d+\.\d+\.\d+$/;

/**
 * S3 general purpose bucket names: 3-63 characters of lower-case letters, digits, dots and
 * hyphens, a letter or digit at both ends, not an IP address, none of the reserved prefixes and
 * suffixes. Dots are refused here as well: the chart addresses buckets virtual-hosted style over
 * HTTPS, where a dotted name fails certificate validation (same page).
 */
export function s3BucketNameProblem(name: string): string | undefined {
    if (name.length < 3 || name.length > 63) return `is ${name.length} characters; S3 needs 3 to 63`;
    if (!/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/.test(name))
        return "may hold only lower-case letters, digits, '.' and '-', starting and ending with a letter or digit";
    if (name.includes(".")) return "contains '.', which breaks virtual-hosted-style HTTPS (the chart's addressing)";
    if (IP_LIKE.test(name)) return "looks like an IP address";
    for (const prefix of ["xn--", "sthree-", "amzn-s3-demo-"])
        if (name.startsWith(prefix)) return `starts with the reserved prefix ${prefix}`;
    for (const suffix of ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"])
        if (name.endsWith(suffix)) return `ends with the reserved suffix ${suffix}`;
    return undefined;
}

/**
 * Cloud Storage bucket names: 3-63 characters of lower-case letters, digits, '-' and '_' (dotted
 * names need a verified domain, refused here), a letter or digit at both ends, not starting with
 * "goog", not containing "google" or close misspellings.
 */
export function gcsBucketNameProblem(name: string): string | undefined {
    if (name.length < 3 || name.length > 63) return `is ${name.length} characters; Cloud Storage needs 3 to 63`;
    if (name.includes(".")) return "contains '.', which needs a verified domain in Cloud Storage";
    if (!/^[a-z0-9][a-z0-9_-]*[a-z0-9]$/.test(name))
        return "may hold only lower-case letters, digits, '-' and '_', starting and ending with a letter or digit";
    if (name.startsWith("goog")) return 'starts with "goog", which Cloud Storage reserves';
    if (/g[o0]{2}g[l1]e/.test(name)) return 'contains "google" or a close misspelling, which Cloud Storage refuses';
    return undefined;
}

/** Azure storage account names: 3-24 lower-case letters and digits. */
export function azureStorageAccountNameProblem(name: string): string | undefined {
    if (!/^[a-z0-9]{3,24}$/.test(name)) return "must be 3 to 24 lower-case letters and digits (nothing else)";
    return undefined;
}

/** Azure container names: 3-63 lower-case letters, digits and single hyphens, a letter or digit first. */
export function azureContainerNameProblem(name: string): string | undefined {
    if (name.length < 3 || name.length > 63) return `is ${name.length} characters; Azure needs 3 to 63`;
    if (!/^[a-z0-9](-?[a-z0-9])*$/.test(name))
        return "may hold only lower-case letters, digits and single hyphens, starting and ending with a letter or digit";
    return undefined;
}

/** Lower-case letters, digits and single hyphens of `text`, for a name. */
function slug(text: string): string {
    return text
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-+|-+$/g, "");
}

function shortHash(parts: readonly string[]): string {
    return createHash("sha256").update(parts.join("\n")).digest("hex").slice(0, 8);
}

/**
 * The default bucket name: `<project>-<stack>-blob-<hash>` within 63 characters, the hash over
 * project, stack and `scope` (the AWS account and region, or the GCP project), since bucket names
 * are global: the same project and stack in another account must not collide.
 */
export function defaultBucketName(project: string, stack: string, scope: readonly string[]): string {
    const hash = shortHash([project, stack, ...scope]);
    const stem = slug(`${project}-${stack}`)
        .slice(0, 63 - "-blob-".length - hash.length)
        .replace(/-+$/, "");
    return `${stem || "langsmith"}-blob-${hash}`;
}

/** The default storage account name: `ls<stack letters and digits>` + hash, within 24 characters. */
export function defaultStorageAccountName(project: string, stack: string, scope: readonly string[]): string {
    const hash = shortHash([project, stack, ...scope]);
    return `ls${stack.toLowerCase().replace(/[^a-z0-9]/g, "")}`.slice(0, 24 - hash.length) + hash;
}

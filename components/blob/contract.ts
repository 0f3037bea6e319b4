/**
 * What every cloud's blob storage component hands to the chart: the `config.blobStorage` settings
 * that reach LangSmith's pods, with no access key, key secret, account key or connection string: the
 * pods authenticate with the workload identity (IRSA / EKS Pod Identity on S3, Application Default
 * Credentials on GCS, DefaultAzureCredential on Azure Blob Storage).
 */
import type * as pulumi from "@pulumi/pulumi";

/** `config.blobStorage.engine`. */
export const BlobEngine = { S3: "S3", GCS: "GCS", Azure: "Azure" } as const;
export type BlobEngine = (typeof BlobEngine)[keyof typeof BlobEngine];

/** The keyless `config.blobStorage` settings one cloud's component produces. */
export interface BlobStorageChartSettings {
    engine: BlobEngine;
    /** S3 / GCS bucket. */
    bucketName?: string;
    /** S3 / GCS API endpoint (`https://s3.<region>.amazonaws.com`, `https://storage.googleapis.com`). */
    apiURL?: string;
    /** S3 with a customer-managed KMS key: the key the app names in its uploads. */
    kmsKeyArn?: string;
    /** Azure storage account. */
    azureStorageAccountName?: string;
    /** Azure container. */
    azureStorageContainerName?: string;
}

/** What a cloud's blob storage component returns. */
export interface BlobStorageBinding {
    /** The chart settings (known once the bucket or account exists). */
    chartSettings: pulumi.Output<BlobStorageChartSettings>;
    /** The grant to the workload identity: the release waits for it, or the first uploads fail. */
    grants: pulumi.Resource[];
}

/**
 * Prefixes LangSmith writes under (chart facts): `ttl_s/` for short-lived and `ttl_l/` for
 * long-lived traces; workspaces with custom retention write `ttl_<N>d/`.
 */
export const SHORT_TTL_PREFIX = "ttl_s/";
export const LONG_TTL_PREFIX = "ttl_l/";
export const DEFAULT_SHORT_TTL_DAYS = 14;
export const DEFAULT_LONG_TTL_DAYS = 400;

/** One expiry rule: objects under `prefix` are deleted `days` after they were written. */
export interface RetentionRule {
    prefix: string;
    days: number;
}

/** Retention settings of a blob storage component. */
export interface RetentionOptions {
    /**
     * Days kept under `ttl_s/`.
     * @default 14
     */
    shortTtlDays?: number;
    /**
     * Days kept under `ttl_l/`.
     * @default 400
     */
    longTtlDays?: number;
    /** Workspace-specific retentions: one rule `ttl_<N>d/` → N days each. */
    extraTtlDays?: number[];
}

/** The expiry rules for these options: `ttl_s/`, `ttl_l/`, then `ttl_<N>d/` in ascending N, no duplicates. */
export function retentionRules(options: RetentionOptions = {}): RetentionRule[] {
    const extra = [...new Set(options.extraTtlDays ?? [])].sort((a, b) => a - b);
    return [
        { prefix: SHORT_TTL_PREFIX, days: options.shortTtlDays ?? DEFAULT_SHORT_TTL_DAYS },
        { prefix: LONG_TTL_PREFIX, days: options.longTtlDays ?? DEFAULT_LONG_TTL_DAYS },
        ...extra.map((days) => ({ prefix: `ttl_${days}d/`, days })),
    ];
}

/** `config.blobStorage` chart values for these settings (keyless: no key field is ever set). */
export function blobStorageValues(settings: BlobStorageChartSettings): Record<string, unknown> {
    const values: Record<string, unknown> = { enabled: true, engine: settings.engine };
    if (settings.engine === BlobEngine.Azure) {
        values.azureStorageAccountName = settings.azureStorageAccountName;
        values.azureStorageContainerName = settings.azureStorageContainerName;
        return values;
    }
    values.bucketName = settings.bucketName;
    values.apiURL = settings.apiURL;
    if (settings.kmsKeyArn) {
        values.kmsEncryptionEnabled = true;
        values.kmsKeyArn = settings.kmsKeyArn;
    }
    return values;
}

/** Chart value keys that carry a storage credential: the program never sets them, nor lets helmValues set them. */
export const BLOB_STORAGE_KEY_FIELDS = [
    "accessKey",
    "accessKeySecret",
    "azureStorageAccountKey",
    "azureStorageConnectionString",
] as const;

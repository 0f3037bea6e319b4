/**
 * LangSmith's blob storage on Cloud Storage, reached natively (no HMAC keys) by the Google service
 * account the pods impersonate through Workload Identity: uniform bucket-level access, public access
 * prevention enforced, expiry rules for the prefixes LangSmith writes, and the account's object
 * role on exactly this bucket.
 */
import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import {
    BlobEngine,
    retentionRules,
    type BlobStorageBinding,
    type BlobStorageChartSettings,
    type RetentionOptions,
} from "../blob/contract";

/**
 * Create, read, overwrite, list and delete objects (and multipart uploads), nothing on the bucket
 * itself: the narrowest predefined role that lets LangSmith delete what it wrote
 * (https://cloud.google.com/storage/docs/access-control/iam-roles).
 */
export const GCS_OBJECT_ROLE = "roles/storage.objectUser";
/** The chart's `apiURL` for Cloud Storage. */
export const GCS_API_URL = "https://storage.googleapis.com";
/** Days after which incomplete multipart uploads are aborted. */
export const GCS_ABORT_MULTIPART_DAYS = 7;

/** Arguments of {@link GcpBlobBucket}. */
export interface GcpBlobBucketArgs {
    /** Project of the bucket. */
    project: string;
    /** Globally unique bucket name (no dots: dotted names need a verified domain). */
    bucketName: pulumi.Input<string>;
    /** Location: the cluster's region. */
    location: string;
    /** Email of the Google service account the pods use. */
    serviceAccountEmail: pulumi.Input<string>;
    /** Expiry of `ttl_s/`, `ttl_l/` and `ttl_<N>d/`. */
    retention?: RetentionOptions;
    /**
     * Production: Pulumi `protect`, no `forceDestroy`, deleted objects kept `softDeleteDays`.
     * @default false
     */
    production?: boolean;
    /**
     * Soft delete retention in production (Cloud Storage allows 7 to 90 days); dev turns soft delete off.
     * @default 30
     */
    softDeleteDays?: number;
    /** Labels of the bucket. */
    labels?: Record<string, string>;
}

/** A Cloud Storage bucket for LangSmith's blob storage and the service account's object role on it. */
export class GcpBlobBucket extends pulumi.ComponentResource implements BlobStorageBinding {
    /** The bucket (escape hatch). */
    public readonly bucket: gcp.storage.Bucket;
    /** The service account's object role on this bucket. */
    public readonly objectAccess: gcp.storage.BucketIAMMember;
    /** Bucket name. */
    public readonly bucketName: pulumi.Output<string>;
    /** Keyless `config.blobStorage` settings for the LangSmith chart. */
    public readonly chartSettings: pulumi.Output<BlobStorageChartSettings>;
    /** The identity's grant (and what pods need besides it): the release waits for these. */
    public readonly grants: pulumi.Resource[];

    constructor(name: string, args: GcpBlobBucketArgs, opts?: pulumi.ComponentResourceOptions) {
        super("langsmith-iam:index:GcpBlobBucket", name, {}, opts);
        const production = args.production ?? false;
        const softDeleteDays = args.softDeleteDays ?? 30;
        this.bucket = new gcp.storage.Bucket(
            name,
            {
                project: args.project,
                name: args.bucketName,
                location: args.location,
                uniformBucketLevelAccess: true,
                publicAccessPrevention: "enforced",
                forceDestroy: !production,
                softDeletePolicy: { retentionDurationSeconds: production ? softDeleteDays * 86400 : 0 },
                lifecycleRules: [
                    ...retentionRules(args.retention).map((rule) => ({
                        action: { type: "Delete" },
                        condition: { age: rule.days, matchesPrefixes: [rule.prefix] },
                    })),
                    {
                        action: { type: "AbortIncompleteMultipartUpload" },
                        condition: { age: GCS_ABORT_MULTIPART_DAYS },
                    },
                ],
                labels: args.labels,
            },
            { parent: this, protect: production },
        );
        this.objectAccess = new gcp.storage.BucketIAMMember(
            `${name}-object-user`,
            {
                bucket: this.bucket.name,
                role: GCS_OBJECT_ROLE,
                member: pulumi.interpolate`serviceAccount:${args.serviceAccountEmail}`,
            },
            { parent: this },
        );
        this.bucketName = this.bucket.name;
        this.chartSettings = this.bucket.name.apply((bucketName): BlobStorageChartSettings => ({
            engine: BlobEngine.GCS,
            bucketName,
            apiURL: GCS_API_URL,
        }));
        this.grants = [this.objectAccess];
        this.registerOutputs({ bucketName: this.bucketName });
    }
}

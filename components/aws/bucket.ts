/**
 * LangSmith's blob storage on S3, reached keylessly by the workload role: a private bucket
 * (every public access blocked), encrypted at rest (the stack's KMS key with an S3 bucket key when
 * given), TLS-only, optionally reachable for data only through a VPC endpoint, with expiry rules
 * for the prefixes LangSmith writes, and the role's grant on exactly this bucket.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
    BlobEngine,
    retentionRules,
    type BlobStorageBinding,
    type BlobStorageChartSettings,
    type RetentionOptions,
} from "../blob/contract";
import { blobAccessPolicy, blobBucketPolicy } from "./bucketPolicies";

/** Arguments of {@link AwsBlobBucket}. */
export interface AwsBlobBucketArgs {
    /** Globally unique bucket name (S3 naming rules; no dots, the chart uses virtual-hosted-style HTTPS). */
    bucketName: pulumi.Input<string>;
    /** Region of the bucket (the API URL the chart gets). */
    region: string;
    /** Name of the workload role that gets the grant. */
    roleName: pulumi.Input<string>;
    /** Customer-managed KMS key for SSE-KMS (default: SSE-S3). */
    kmsKeyArn?: string;
    /** VPC endpoint the bucket policy pins data access to (`aws:SourceVpce`). */
    vpcEndpointId?: pulumi.Input<string>;
    /** Expiry of `ttl_s/`, `ttl_l/` and `ttl_<N>d/`. */
    retention?: RetentionOptions;
    /**
     * Production: Pulumi `protect`, versioning (deleted and overwritten objects kept `noncurrentDays`),
     * no `forceDestroy`.
     * @default false
     */
    production?: boolean;
    /**
     * Days a deleted or overwritten object stays recoverable when versioning is on.
     * @default 30
     */
    noncurrentDays?: number;
    /** Tags of the bucket. */
    tags?: Record<string, string>;
}

/** Days after which incomplete multipart uploads are aborted (their parts are billed until then). */
export const ABORT_MULTIPART_DAYS = 7;

/** An S3 bucket for LangSmith's blob storage and the workload role's access to it. */
export class AwsBlobBucket extends pulumi.ComponentResource implements BlobStorageBinding {
    /** The bucket (escape hatch). */
    public readonly bucket: aws.s3.Bucket;
    /** The bucket policy (TLS only; pinned to the VPC endpoint when given). */
    public readonly bucketPolicy: aws.s3.BucketPolicy;
    /** The role's inline policy on this bucket (and key). */
    public readonly accessPolicy: aws.iam.RolePolicy;
    /** Bucket name. */
    public readonly bucketName: pulumi.Output<string>;
    /** Bucket ARN. */
    public readonly bucketArn: pulumi.Output<string>;
    /** Keyless `config.blobStorage` settings for the LangSmith chart. */
    public readonly chartSettings: pulumi.Output<BlobStorageChartSettings>;
    /** The identity's grant (and what pods need besides it): the release waits for these. */
    public readonly grants: pulumi.Resource[];

    constructor(name: string, args: AwsBlobBucketArgs, opts?: pulumi.ComponentResourceOptions) {
        super("langsmith-iam:index:AwsBlobBucket", name, {}, opts);
        const production = args.production ?? false;
        const child = { parent: this };
        this.bucket = new aws.s3.Bucket(
            `${name}`,
            {
                bucket: args.bucketName,
                // Dev buckets go away with the stack, payloads included; production never does.
                forceDestroy: !production,
                tags: args.tags,
            },
            { ...child, protect: production },
        );
        const bucket = this.bucket.id;
        const publicAccess = new aws.s3.BucketPublicAccessBlock(
            `${name}-public-access`,
            {
                bucket,
                blockPublicAcls: true,
                blockPublicPolicy: true,
                ignorePublicAcls: true,
                restrictPublicBuckets: true,
            },
            child,
        );
        new aws.s3.BucketServerSideEncryptionConfiguration(
            `${name}-encryption`,
            {
                bucket,
                rules: [
                    args.kmsKeyArn
                        ? {
                              applyServerSideEncryptionByDefault: {
                                  sseAlgorithm: "aws:kms",
                                  kmsMasterKeyId: args.kmsKeyArn,
                              },
                              // One data key per bucket instead of a KMS call per object.
                              bucketKeyEnabled: true,
                          }
                        : { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } },
                ],
            },
            child,
        );
        const versioning = production
            ? new aws.s3.BucketVersioning(
                  `${name}-versioning`,
                  { bucket, versioningConfiguration: { status: "Enabled" } },
                  child,
              )
            : undefined;
        const noncurrentDays = args.noncurrentDays ?? 30;
        new aws.s3.BucketLifecycleConfiguration(
            `${name}-lifecycle`,
            {
                bucket,
                rules: [
                    ...retentionRules(args.retention).map((rule) => ({
                        id: `expire-${rule.prefix.replace(/\/$/, "")}`,
                        status: "Enabled",
                        filter: { prefix: rule.prefix },
                        expiration: { days: rule.days },
                        ...(production ? { noncurrentVersionExpiration: { noncurrentDays } } : {}),
                    })),
                    {
                        id: "abort-incomplete-multipart-uploads",
                        status: "Enabled",
                        filter: {},
                        abortIncompleteMultipartUpload: { daysAfterInitiation: ABORT_MULTIPART_DAYS },
                        // Versioned buckets keep a delete marker per expired object: remove the markers left alone.
                        ...(production ? { expiration: { expiredObjectDeleteMarker: true } } : {}),
                    },
                ],
            },
            // S3 refuses lifecycle rules with noncurrent-version actions until versioning exists.
            { ...child, dependsOn: versioning ? [versioning] : [] },
        );
        this.bucketPolicy = new aws.s3.BucketPolicy(
            `${name}-policy`,
            {
                bucket,
                policy: pulumi
                    .all([this.bucket.arn, args.vpcEndpointId])
                    .apply(([bucketArn, vpcEndpointId]) =>
                        JSON.stringify(blobBucketPolicy({ bucketArn, vpcEndpointId })),
                    ),
            },
            // With BlockPublicPolicy on first, no policy of this bucket can ever be public.
            { ...child, dependsOn: [publicAccess] },
        );
        this.accessPolicy = new aws.iam.RolePolicy(
            `${name}-access`,
            {
                role: args.roleName,
                policy: this.bucket.arn.apply((bucketArn) =>
                    JSON.stringify(blobAccessPolicy({ bucketArn, kmsKeyArn: args.kmsKeyArn })),
                ),
            },
            child,
        );
        this.bucketName = this.bucket.bucket;
        this.bucketArn = this.bucket.arn;
        this.chartSettings = this.bucket.bucket.apply((bucketName): BlobStorageChartSettings => ({
            engine: BlobEngine.S3,
            bucketName,
            apiURL: `https://s3.${args.region}.amazonaws.com`,
            kmsKeyArn: args.kmsKeyArn,
        }));
        this.grants = [this.accessPolicy, this.bucketPolicy];
        this.registerOutputs({ bucketName: this.bucketName, bucketArn: this.bucketArn });
    }
}

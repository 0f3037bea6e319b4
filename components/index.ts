/**
 * `langsmith-iam`: every component of the package (public exports only). Importing this entry loads
 * all three cloud SDKs; a one-cloud program imports `langsmith-iam/aws`, `/gcp` or `/azure` instead.
 * `pulumi package add` reads this file to infer the schema (see PulumiPlugin.yaml).
 */
export * from "./shared";
export {
    AwsBlobBucket,
    AwsBootstrapIdentity,
    AwsPostgres,
    AwsRedis,
    AwsWorkloadIdentity,
    type AwsBlobBucketArgs,
    type AwsBootstrapIdentityArgs,
    type AwsPostgresArgs,
    type AwsRedisArgs,
    type AwsWorkloadIdentityArgs,
} from "./aws";
export {
    GcpBlobBucket,
    GcpPostgres,
    GcpPostgresPrivateDns,
    GcpPrivateServiceAccess,
    GcpRedis,
    GcpWorkloadIdentity,
    type GcpBlobBucketArgs,
    type GcpPostgresArgs,
    type GcpPostgresPrivateDnsArgs,
    type GcpPrivateServiceAccessArgs,
    type GcpRedisArgs,
    type GcpWorkloadIdentityArgs,
} from "./gcp";
export {
    AzureBlobStorage,
    AzurePostgres,
    AzurePrivateNetwork,
    AzureRedis,
    AzureWorkloadIdentity,
    type AzureBlobStorageArgs,
    type AzurePostgresArgs,
    type AzurePrivateNetworkArgs,
    type AzureRedisArgs,
    type AzureWorkloadIdentityArgs,
    type EntraAdministrator,
} from "./azure";

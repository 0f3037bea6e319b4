/** `langsmith-iam/aws`: the AWS components (loads `@pulumi/aws`, not the GCP or Azure SDKs). */
export * from "../shared";
export { AwsPostgres, type AwsPostgresArgs } from "./postgres";
export { AwsWorkloadIdentity, type AwsWorkloadIdentityArgs } from "./identity";
export { AwsRedis, elastiCacheConnectPolicy, type AwsRedisArgs } from "./redis";
export { AwsBlobBucket, type AwsBlobBucketArgs } from "./bucket";
export { blobAccessPolicy, blobBucketPolicy } from "./bucketPolicies";
export { AwsBootstrapIdentity, type AwsBootstrapIdentityArgs } from "./bootstrapIdentity";
export {
    bootstrapSecretPolicy,
    irsaTrustPolicy,
    podIdentityTrustPolicy,
    rdsConnectPolicy,
    rdsDbUserArn,
} from "./iamPolicies";
export { RDS_CA_IDENTIFIER, rdsCaBundle } from "./rdsCa";

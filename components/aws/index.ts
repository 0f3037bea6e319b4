/** `langsmith-iam/aws`: the AWS components (loads `@pulumi/aws`, not the GCP or Azure SDKs). */
export * from "../shared";
export { AwsPostgres, type AwsPostgresArgs } from "./postgres";
export { AwsWorkloadIdentity, type AwsWorkloadIdentityArgs } from "./identity";
export { AwsRedis, elastiCacheConnectPolicy, type AwsRedisArgs } from "./redis";
export { irsaTrustPolicy, podIdentityTrustPolicy, rdsConnectPolicy, rdsDbUserArn } from "./iamPolicies";

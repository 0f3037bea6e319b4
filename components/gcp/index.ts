/** `langsmith-iam/gcp`: the GCP components (loads `@pulumi/gcp`, not the AWS or Azure SDKs). */
export * from "../shared";
export {
    CLOUD_SQL_ADMIN_ROLE,
    CLOUD_SQL_SERVER_CA_MODE,
    cloudSqlSettings,
    GCP_DEFAULT_TIER,
    GcpPostgres,
    gcpPostgresDefaults,
    IAM_AUTH_FLAG,
    serverCaBundle,
    serverTlsName,
    type GcpPostgresArgs,
} from "./postgres";
export { gcpBootstrapLogin } from "./bootstrapLogin";
export {
    cloudSqlIamUserName,
    GcpWorkloadIdentity,
    GKE_SA_ANNOTATION,
    workloadIdentityMember,
    type GcpWorkloadIdentityArgs,
} from "./identity";
export {
    gcpRedisDefaults,
    GcpRedis,
    memorystoreInstanceCondition,
    MEMORYSTORE_CONNECT_ROLE,
    MEMORYSTORE_IAM_USER,
    type GcpRedisArgs,
} from "./redis";
export { memorystoreInstanceIdFrom, memorystoreInstanceIdProblem, MEMORYSTORE_NODE_TYPES } from "./redisNames";
export { GCS_OBJECT_ROLE, GcpBlobBucket, type GcpBlobBucketArgs } from "./bucket";
export { GcpPrivateServiceAccess, networkPath, type GcpPrivateServiceAccessArgs } from "./network";
export {
    absoluteDnsName,
    CLOUD_SQL_DNS_TTL,
    dnsNameInZone,
    GcpPostgresPrivateDns,
    type GcpPostgresPrivateDnsArgs,
} from "./privateDns";
export { CLOUD_SQL_LOGIN_ROLE, cloudSqlInstanceCondition, iamUserPrincipal, type IamCondition } from "./cloudSqlLogin";

/** `langsmith-iam/azure`: the Azure components (loads `@pulumi/azure-native`, not the AWS or GCP SDKs). */
export * from "../shared";
export {
    AZURE_SERVER_LEGACY_ADMIN_INPUTS,
    AzurePostgres,
    azurePostgresDefaults,
    type AzurePostgresArgs,
    type EntraAdministrator,
    type EntraPrincipal,
} from "./postgres";
export { azureBootstrapLogin } from "./bootstrapLogin";
export { AZURE_POSTGRES_CA_BUNDLE, AZURE_POSTGRES_ROOT_CA_FINGERPRINTS } from "./rootCas";
export { entraPrincipalSql, type EntraPrincipalSqlOptions } from "../postgres/bootstrapSql";
export {
    AZURE_TOKEN_EXCHANGE_AUDIENCE,
    AzureWorkloadIdentity,
    CLIENT_ID_ANNOTATION,
    federatedCredentialSpecs,
    USE_LABEL,
    type AzureWorkloadIdentityArgs,
} from "./identity";
export { AZURE_STORAGE_SIZES_GB, AzureSkuTier, extensionsAllowList, skuTierFor } from "./sku";
export { federatedCredentialName, MAX_FEDERATED_CREDENTIAL_NAME, MAX_FEDERATED_CREDENTIALS } from "./names";
export { AzureBlobStorage, STORAGE_BLOB_DATA_CONTRIBUTOR, type AzureBlobStorageArgs } from "./blobStorage";
export { AzurePrivateNetwork, clusterVirtualNetworksToLink, type AzurePrivateNetworkArgs } from "./network";
export {
    AzureRedis,
    azureRedisDefaults,
    MANAGED_REDIS_PORT,
    MANAGED_REDIS_PRIVATE_DNS_ZONE,
    type AzureRedisArgs,
} from "./redis";
export { managedRedisClusterNameProblem, managedRedisSkuProblem, MANAGED_REDIS_SKUS } from "./redisNames";

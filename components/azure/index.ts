/** `langsmith-iam/azure`: the Azure components (loads `@pulumi/azure-native`, not the AWS or GCP SDKs). */
export * from "../shared";
export { AzurePostgres, type AzurePostgresArgs, type EntraAdministrator } from "./postgres";
export { AZURE_TOKEN_EXCHANGE_AUDIENCE, AzureWorkloadIdentity, CLIENT_ID_ANNOTATION, federatedCredentialSpecs, USE_LABEL, type AzureWorkloadIdentityArgs } from "./identity";
export { extensionsAllowList, skuTierFor, type AzureSkuTier } from "./plan";
export { AzurePrivateNetwork, clusterVirtualNetworksToLink, type AzurePrivateNetworkArgs } from "./network";

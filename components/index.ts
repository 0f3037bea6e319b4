/**
 * `langsmith-iam`: every component of the package (public exports only). Importing this entry loads
 * all three cloud SDKs; a one-cloud program imports `langsmith-iam/aws`, `/gcp` or `/azure` instead.
 * `pulumi package add` reads this file to infer the schema (see PulumiPlugin.yaml).
 */
export * from "./shared";
export {
    AwsBootstrapIdentity,
    AwsPostgres,
    AwsWorkloadIdentity,
    type AwsBootstrapIdentityArgs,
    type AwsPostgresArgs,
    type AwsWorkloadIdentityArgs,
} from "./aws";
export {
    GcpPostgres,
    GcpPrivateServiceAccess,
    GcpWorkloadIdentity,
    type GcpPostgresArgs,
    type GcpPrivateServiceAccessArgs,
    type GcpWorkloadIdentityArgs,
} from "./gcp";
export {
    AzurePostgres,
    AzurePrivateNetwork,
    AzureWorkloadIdentity,
    type AzurePostgresArgs,
    type AzurePrivateNetworkArgs,
    type AzureWorkloadIdentityArgs,
    type EntraAdministrator,
} from "./azure";

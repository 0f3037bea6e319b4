/**
 * The cloud-agnostic part of the package: the contracts every cloud's components fulfil, the
 * database bootstrap Job, the LangSmith release and the pure helpers behind them. Every entry point
 * (`langsmith-iam`, `langsmith-iam/aws`, `/gcp`, `/azure`) re-exports this, so a one-cloud user
 * never needs the root entry (which loads every cloud's SDK).
 */
export type { IamAuthProvider, PostgresAdminLogin, PostgresConnection } from "./postgres/contract";
export { serviceAccountSubject, type WorkloadIdentityBinding } from "./identity/contract";
export { buildConnectionUrl, tlsParams, type ConnectionUrlParts } from "./postgres/connectionUrl";
export {
    AWS_IAM_ROLE_MODEL,
    AZURE_IAM_ROLE_MODEL,
    bootstrapSql,
    GCP_IAM_ROLE_MODEL,
    LANGSMITH_EXTENSIONS,
    ownerRoleName,
    createDatabasesSql,
    type BootstrapSqlOptions,
    type IamRoleModel,
} from "./postgres/bootstrapSql";
export type { BootstrapCredential, BootstrapLogin, BootstrapServiceAccount } from "./postgres/bootstrapLogin";
export { credentialScript } from "./postgres/credentialScript";
export {
    DatabaseBootstrap,
    sqlHash,
    type BootstrapDatabase,
    type BootstrapIamLogin,
    type BootstrapPreSql,
    type DatabaseBootstrapArgs,
} from "./postgres/bootstrapJob";
export { LangSmith, type AgentDatabaseNames, type LangSmithArgs } from "./langsmith/release";
export { langsmithHelmValues, type AgentStoresValues, type LangSmithValuesInput } from "./langsmith/values";
export { AGENT_FEATURES, AgentFeature, agentDatabaseName, type AgentFeatureSpec } from "./langsmith/agents";
export { postgresServiceAccounts, type PostgresServiceAccount, type WorkloadOptions } from "./langsmith/workloads";
export { clusterProvider, eksKubeconfig, gkeKubeconfig, type ClusterAccess } from "./kubernetes/provider";
export { SslMode } from "./postgres/sslMode";
export {
    blobStorageValues,
    retentionRules,
    BlobEngine,
    type BlobStorageBinding,
    type BlobStorageChartSettings,
    type RetentionOptions,
    type RetentionRule,
} from "./blob/contract";

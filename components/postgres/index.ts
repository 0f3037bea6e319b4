/**
 * `langsmith-iam/postgres`: the pure PostgreSQL builders, for a program that runs the bootstrap its
 * own way (its own Job, a migration tool, `psql` in CI) or tests what a cloud's script does. Loads no
 * Pulumi or cloud SDK (only node-postgres' identifier quoting).
 */
export {
    AWS_IAM_ROLE_MODEL,
    AZURE_IAM_ROLE_MODEL,
    bootstrapSql,
    createDatabasesSql,
    GCP_IAM_ROLE_MODEL,
    LANGSMITH_EXTENSIONS,
    ownerRoleName,
    type BootstrapSqlOptions,
    type IamRoleModel,
} from "./bootstrapSql";
export { buildConnectionUrl, tlsParams, type ConnectionUrlParts } from "./connectionUrl";
export { SslMode } from "./sslMode";

/**
 * Credentials written inline in `langsmith:helmValues` would land in the Helm release's values, the
 * Pulumi state and the chart's generated Secrets in plain text. The program's own secrets are kept
 * out by `RESERVED_HELM_VALUE_PATHS`; this check refuses the other stores' credentials (Redis,
 * ClickHouse, blob storage, agent and sandbox keys, any other password) wherever they appear, naming
 * the exact key and the Secret or identity to use instead. Key names are the chart's (values.yaml of
 * the v16-stable and main lines, /work/shared/reference/langsmith-chart).
 */

/** A credential found inline: the path under `helmValues` and what to do instead. */
export interface InlineCredentialProblem {
    path: string;
    problem: string;
}

/** Value keys that hold a credential whenever they are set (the chart's own names). */
const CREDENTIAL_KEYS = new Set([
    "password",
    "accessKey",
    "accessKeySecret",
    "azureStorageAccountKey",
    "azureStorageConnectionString",
    "apiKeySalt",
    "jwtSecret",
    "langsmithLicenseKey",
    "initialOrgAdminPassword",
    "oauthClientSecret",
    "encryptionKey",
    "encryptionKeyPrevious",
    "slackSigningSecret",
    "callbackSigningJwk",
    "signingJwks",
]);

/** `scheme://user:password@host` (user may be empty, as in Redis' `redis://:password@host`). */
const URL_WITH_PASSWORD = /^[a-z][a-z0-9+.-]*:\/\/[^/@\s:]*:[^/@\s]+@/i;
/** Azure Storage connection strings carry the account key or a SAS token. */
const AZURE_CONNECTION_STRING_SECRET = /(^|;)\s*(AccountKey|SharedAccessSignature)\s*=/i;

/** What to use instead, by the store the path belongs to. */
function insteadFor(path: string[]): string {
    const joined = path.join(".");
    if (/(^|\.)redis\./.test(joined) || path[0] === "redis")
        return "put the URL in a Secret and set redis.external.existingSecretName (key connection_url), or let the workload identity log in (redis.external.iamAuthProvider)";
    if (/(^|\.)clickhouse\./.test(joined) || path[0] === "clickhouse")
        return "put it in a Secret and set clickhouse.external.existingSecretName (key clickhouse_password)";
    if (joined.startsWith("config.blobStorage"))
        return "remove it: the workload identity reaches S3, GCS and Azure Blob Storage without keys (or put the keys in the Secret named by config.existingSecretName)";
    if (/(^|\.)postgres\./.test(joined) || path[0] === "postgres")
        return "put it in a Secret and reference it with the chart's existingSecretName for this database";
    return "put it in a Secret and reference it with the chart's existingSecretName / *SecretKey values";
}

/** Every inline credential in `values`, with its path from the top of `helmValues`. */
export function inlineCredentialProblems(values: unknown, path: string[] = []): InlineCredentialProblem[] {
    const out: InlineCredentialProblem[] = [];
    if (Array.isArray(values)) {
        values.forEach((item, i) => out.push(...inlineCredentialProblems(item, [...path, String(i)])));
        return out;
    }
    if (values === null || typeof values !== "object") {
        if (typeof values !== "string" || path.length === 0) return out;
        const key = path[path.length - 1];
        const where = path.join(".");
        if (CREDENTIAL_KEYS.has(key) && values !== "") {
            out.push({
                path: where,
                problem: `is a credential written inline, which would be stored in plain text in the release values and the state; ${insteadFor(path)}`,
            });
        } else if (URL_WITH_PASSWORD.test(values)) {
            out.push({
                path: where,
                problem: `holds a password in its URL, which would be stored in plain text in the release values and the state; ${insteadFor(path)}`,
            });
        } else if (AZURE_CONNECTION_STRING_SECRET.test(values)) {
            out.push({
                path: where,
                problem: `is a connection string with an account key or SAS token, which would be stored in plain text; ${insteadFor(path)}`,
            });
        }
        return out;
    }
    for (const [key, value] of Object.entries(values)) out.push(...inlineCredentialProblems(value, [...path, key]));
    return out;
}

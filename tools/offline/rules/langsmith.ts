/**
 * The LangSmith app's own rules: what the chart's validate.yaml checks only for inline values, and
 * what the app needs from the Secret named by `config.existingSecretName` (the chart skips its checks
 * then, and a wrong value surfaces only when the pods start). Messages never contain a secret value.
 */
import { get, isRecord, nameOf, problems, q, str } from "./common";
import type { CheckedResource, ServiceRule } from "./types";

const SECRET = "kubernetes:core/v1:Secret";
const RELEASE = "kubernetes:helm.sh/v3:Release";

const CHART = "https://github.com/langchain-ai/helm/blob/main/charts/langsmith";
const VALIDATE = `${CHART}/templates/validate.yaml`;
const VALUES = `${CHART}/values.yaml`;

/** The symbols the chart accepts in the initial admin password (one is required). */
export const ADMIN_PASSWORD_SYMBOLS = "!#$%()+,-./:?@[\\]^_{~}";
/** Secret keys holding Fernet keys. */
export const FERNET_KEYS = [
    "insights_encryption_key",
    "polly_encryption_key",
    "agent_builder_encryption_key",
    "engine_encryption_key",
];

/** A Secret's data as strings: `stringData` as is, `data` decoded from base64. */
export function secretData(inputs: Record<string, unknown>): Record<string, string> {
    const out: Record<string, string> = {};
    const data = get(inputs, "data");
    if (isRecord(data))
        for (const [k, v] of Object.entries(data))
            if (typeof v === "string") out[k] = Buffer.from(v, "base64").toString("utf8");
    const stringData = get(inputs, "stringData");
    if (isRecord(stringData)) for (const [k, v] of Object.entries(stringData)) if (typeof v === "string") out[k] = v;
    return out;
}

export function adminPasswordProblem(password: string): string | undefined {
    return problems([
        password.length < 12 && `the value has ${password.length} characters, fewer than 12`,
        !/[a-z]/.test(password) && "the value has no lower-case letter",
        !/[A-Z]/.test(password) && "the value has no upper-case letter",
        ![...password].some((c) => ADMIN_PASSWORD_SYMBOLS.includes(c)) &&
            `the value has no symbol from ${ADMIN_PASSWORD_SYMBOLS}`,
    ]);
}

/** A Fernet key: 32 bytes, URL-safe base64 with '=' padding (44 characters). */
export function fernetKeyProblem(key: string): string | undefined {
    if (!/^[A-Za-z0-9_-]{43}=$/.test(key)) return "the value is not 44 characters of URL-safe base64 ending in '='";
    return Buffer.from(key, "base64url").length === 32 ? undefined : "the value does not decode to 32 bytes";
}

/** The Secret of the stack with this name (set or auto-named). */
function secretNamed(name: unknown, all: readonly CheckedResource[]): CheckedResource | undefined {
    return typeof name !== "string"
        ? undefined
        : all.find((r) => r.type === SECRET && nameOf(r, "metadata.name")?.value === name);
}

export const LANGSMITH_RULES: ServiceRule[] = [
    {
        id: "langsmith.secret.initial-org-admin-password",
        resourceType: SECRET,
        property: "data.initial_org_admin_password",
        description: `The initial org admin password has at least 12 characters, a lower-case letter, an upper-case letter and a symbol from ${ADMIN_PASSWORD_SYMBOLS}.`,
        url: VALIDATE,
        check: (inputs) => {
            const password = secretData(inputs).initial_org_admin_password;
            return password === undefined ? undefined : adminPasswordProblem(password);
        },
    },
    {
        id: "langsmith.secret.fernet-keys",
        resourceType: SECRET,
        property: FERNET_KEYS.map((k) => `data.${k}`).join(", "),
        description:
            "Encryption keys (insights, polly, agent builder, engine) are Fernet keys: 32 random bytes, URL-safe base64 with '=' padding.",
        url: "https://github.com/fernet/spec/blob/master/Spec.md",
        check: (inputs) => {
            const data = secretData(inputs);
            return problems(
                FERNET_KEYS.filter((k) => data[k] !== undefined).map(
                    (k) => fernetKeyProblem(data[k]) && `${k}: ${fernetKeyProblem(data[k])}`,
                ),
            );
        },
    },
    {
        id: "langsmith.secret.salts",
        resourceType: SECRET,
        property: "data.api_key_salt, data.jwt_secret, data.langsmith_license_key",
        description:
            "api_key_salt and the license key are not empty; jwt_secret (an HMAC key) has at least 32 characters (256 bits for HS256).",
        url: "https://www.rfc-editor.org/rfc/rfc7518#section-3.2",
        check: (inputs) => {
            const data = secretData(inputs);
            return problems([
                data.api_key_salt !== undefined &&
                    data.api_key_salt.trim().length === 0 &&
                    "api_key_salt: the value is empty",
                data.langsmith_license_key !== undefined &&
                    data.langsmith_license_key.trim().length === 0 &&
                    "langsmith_license_key: the value is empty",
                data.jwt_secret !== undefined &&
                    data.jwt_secret.length < 32 &&
                    `jwt_secret: the value has ${data.jwt_secret.length} characters, fewer than 32`,
            ]);
        },
    },
    {
        id: "langsmith.release.existing-secrets",
        resourceType: RELEASE,
        property: "values.config.existingSecretName, values.postgres.external.existingSecretName",
        description:
            "A Secret named by config.existingSecretName holds langsmith_license_key, api_key_salt, jwt_secret, and the keys of what is on (initial_org_admin_password with basic auth, <feature>_encryption_key for insights/polly/agent builder); the Postgres Secret holds connectionUrlSecretKey.",
        url: VALUES,
        check: (inputs, _r, all) => {
            const values = get(inputs, "values");
            const configName = get(values, "config.existingSecretName");
            const configSecret = secretNamed(configName, all);
            const out: (string | false | undefined)[] = [];
            if (typeof configName === "string" && all.some((r) => r.type === SECRET)) {
                if (!configSecret) out.push(`config.existingSecretName ${q(configName)} names no Secret of this stack`);
                else {
                    const keys = Object.keys(secretData(configSecret.inputs));
                    const needed = ["langsmith_license_key", "api_key_salt", "jwt_secret"];
                    if (get(values, "config.basicAuth.enabled") === true) needed.push("initial_org_admin_password");
                    if (get(values, "insights.enabled") === true) needed.push("insights_encryption_key");
                    if (get(values, "polly.enabled") === true) needed.push("polly_encryption_key");
                    if (get(values, "config.agentBuilder.enabled") === true)
                        needed.push("agent_builder_encryption_key");
                    for (const key of needed) out.push(!keys.includes(key) && `the config Secret has no ${key}`);
                }
            }
            const pgName = get(values, "postgres.external.existingSecretName");
            if (typeof pgName === "string" && all.some((r) => r.type === SECRET)) {
                const pgSecret = secretNamed(pgName, all);
                const key = str(values, "postgres.external.connectionUrlSecretKey") ?? "connection_url";
                if (!pgSecret)
                    out.push(`postgres.external.existingSecretName ${q(pgName)} names no Secret of this stack`);
                else out.push(!(key in secretData(pgSecret.inputs)) && `the Postgres Secret has no ${key}`);
            }
            return problems(out);
        },
    },
    {
        id: "langsmith.release.iam-auth-provider",
        resourceType: RELEASE,
        property: "values.postgres.external.iamAuthProvider",
        description:
            "postgres.external.iamAuthProvider is aws, gcp, azure or empty (the chart passes it through unchecked).",
        url: VALUES,
        check: (inputs) => {
            const v = get(inputs, "values.postgres.external.iamAuthProvider");
            return v === undefined || (typeof v === "string" && ["aws", "gcp", "azure", ""].includes(v))
                ? undefined
                : `${q(JSON.stringify(v))} is not aws, gcp or azure`;
        },
    },
];

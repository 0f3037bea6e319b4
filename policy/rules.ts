/**
 * The security baseline as pure functions over resources (type + inputs), so the same rules run in
 * the CrossGuard policy pack (`policy/index.ts`, `pulumi up --policy-pack policy`) and in the tests
 * against every stack's `synth --json`. Each rule returns the violations it finds, as sentences that
 * say what is wrong and how to fix it.
 */

/** A resource as the policy engine and the offline preview both see it. */
export interface PolicyInput {
    type: string;
    name: string;
    inputs: Record<string, unknown>;
    /** Pulumi `protect`, when the caller knows it (stack-level rules). */
    protect?: boolean;
}

export interface ResourceRule {
    name: string;
    description: string;
    /** Checks one resource; `production` turns on the production-only rules. */
    check(resource: PolicyInput, production: boolean): string[];
}

export interface StackRule {
    name: string;
    description: string;
    check(resources: PolicyInput[], production: boolean): string[];
}

const RDS = "aws:rds/instance:Instance";
const RDS_PARAMS = "aws:rds/parameterGroup:ParameterGroup";
const SG_RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const IAM_ROLE = "aws:iam/role:Role";
const IAM_ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const CLOUD_SQL = "gcp:sql/databaseInstance:DatabaseInstance";
const AZURE_SERVER = "azure-native:dbforpostgresql:Server";
const AZURE_CONFIG = "azure-native:dbforpostgresql:Configuration";
const AZURE_FIC = "azure-native:managedidentity:FederatedIdentityCredential";
const AZURE_ENTRA_ADMIN = "azure-native:dbforpostgresql:AdministratorsMicrosoftEntra";
const CLOUD_SQL_USER = "gcp:sql/user:User";
const GCP_SA_IAM_MEMBER = "gcp:serviceaccount/iAMMember:IAMMember";
const AZURE_LOCK = "azure-native:authorization:ManagementLockByScope";
const HELM_RELEASE = "kubernetes:helm.sh/v3:Release";
const CACHE = "aws:elasticache/replicationGroup:ReplicationGroup";
const AZURE_REDIS = "azure-native:redisenterprise:RedisEnterprise";
const AZURE_REDIS_DB = "azure-native:redisenterprise:Database";
const K8S_SECRET = "kubernetes:core/v1:Secret";
const K8S_CONFIG_MAP = "kubernetes:core/v1:ConfigMap";
const K8S_SERVICE_ACCOUNT = "kubernetes:core/v1:ServiceAccount";
const K8S_JOB = "kubernetes:batch/v1:Job";
/** The label the database bootstrap Job carries (components/postgres/bootstrapJob.ts). */
const BOOTSTRAP_LABEL = "database-bootstrap";

const get = (obj: unknown, path: string): unknown =>
    path
        .split(".")
        .reduce<unknown>(
            (cur, key) => (cur !== null && typeof cur === "object" ? (cur as Record<string, unknown>)[key] : undefined),
            obj,
        );

const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);

function parseJson(text: unknown): { Statement?: unknown } | undefined {
    if (typeof text !== "string") return typeof text === "object" && text !== null ? text : undefined;
    try {
        return JSON.parse(text) as { Statement?: unknown };
    } catch {
        return undefined;
    }
}

const hasWildcard = (v: unknown): boolean => asArray(v).some((s) => typeof s === "string" && /[*?]/.test(s));

export const iamDatabaseAuth: ResourceRule = {
    name: "iam-database-auth",
    description: "The database accepts IAM / Entra logins (passwordless access for LangSmith).",
    check(r) {
        if (r.type === RDS && r.inputs.iamDatabaseAuthenticationEnabled !== true)
            return ["RDS instance: set iamDatabaseAuthenticationEnabled: true"];
        if (r.type === CLOUD_SQL) {
            const flags = asArray(get(r.inputs, "settings.databaseFlags")) as { name?: string; value?: string }[];
            if (!flags.some((f) => f.name === "cloudsql.iam_authentication" && f.value === "on"))
                return ["Cloud SQL instance: add the database flag cloudsql.iam_authentication=on"];
        }
        if (r.type === AZURE_SERVER && get(r.inputs, "authConfig.activeDirectoryAuth") !== "Enabled")
            return ["Flexible Server: set authConfig.activeDirectoryAuth: Enabled"];
        if (r.type === CACHE && (r.inputs.authToken !== undefined || asArray(r.inputs.userGroupIds).length === 0))
            return [
                "ElastiCache replication group: no auth token; attach the user group with the IAM user (userGroupIds)",
            ];
        if (r.type === AZURE_REDIS_DB && r.inputs.accessKeysAuthentication !== "Disabled")
            return ["Azure Managed Redis database: set accessKeysAuthentication: Disabled (Entra only)"];
        return [];
    },
};

export const tlsEnforced: ResourceRule = {
    name: "tls-enforced",
    description: "The server refuses connections without TLS.",
    check(r) {
        if (r.type === RDS_PARAMS && typeof r.inputs.family === "string" && r.inputs.family.startsWith("postgres")) {
            const params = asArray(r.inputs.parameters) as { name?: string; value?: string }[];
            if (!params.some((p) => p.name === "rds.force_ssl" && p.value === "1"))
                return ["RDS parameter group: set rds.force_ssl = 1"];
        }
        if (r.type === CLOUD_SQL) {
            const mode = get(r.inputs, "settings.ipConfiguration.sslMode");
            if (mode !== "ENCRYPTED_ONLY" && mode !== "TRUSTED_CLIENT_CERTIFICATE_REQUIRED")
                return ["Cloud SQL instance: set settings.ipConfiguration.sslMode to ENCRYPTED_ONLY"];
        }
        if (
            r.type === AZURE_CONFIG &&
            r.inputs.configurationName === "require_secure_transport" &&
            String(r.inputs.value).toLowerCase() !== "on"
        ) {
            return ["Flexible Server: set the parameter require_secure_transport to on"];
        }
        if (
            r.type === CACHE &&
            (r.inputs.transitEncryptionEnabled !== true || r.inputs.transitEncryptionMode === "preferred")
        )
            return [
                "ElastiCache replication group: set transitEncryptionEnabled: true and transitEncryptionMode: required",
            ];
        if (r.type === AZURE_REDIS_DB && r.inputs.clientProtocol !== "Encrypted")
            return ["Azure Managed Redis database: set clientProtocol: Encrypted"];
        if (r.type === AZURE_REDIS && r.inputs.minimumTlsVersion !== "1.2")
            return ["Azure Managed Redis: set minimumTlsVersion: 1.2"];
        return [];
    },
};

export const noPublicDatabase: ResourceRule = {
    name: "no-public-database",
    description: "The database has no public address and no rule admits the internet.",
    check(r) {
        if (r.type === RDS && r.inputs.publiclyAccessible === true)
            return ["RDS instance: set publiclyAccessible: false"];
        if (r.type === SG_RULE && (r.inputs.cidrIpv4 === "0.0.0.0/0" || r.inputs.cidrIpv6 === "::/0"))
            return ["security group rule: admit the cluster's security group, not the internet"];
        if (r.type === CLOUD_SQL && get(r.inputs, "settings.ipConfiguration.ipv4Enabled") !== false)
            return ["Cloud SQL instance: set settings.ipConfiguration.ipv4Enabled: false (private IP only)"];
        if (r.type === AZURE_SERVER && get(r.inputs, "network.publicNetworkAccess") !== "Disabled")
            return ["Flexible Server: set network.publicNetworkAccess: Disabled"];
        if (r.type === AZURE_REDIS && r.inputs.publicNetworkAccess !== "Disabled")
            return ["Azure Managed Redis: set publicNetworkAccess: Disabled (private endpoint only)"];
        return [];
    },
};

export const encryptionAtRest: ResourceRule = {
    name: "encryption-at-rest",
    description: "Database storage is encrypted (Cloud SQL and Flexible Server always encrypt).",
    check(r) {
        if (r.type === RDS && r.inputs.storageEncrypted !== true) return ["RDS instance: set storageEncrypted: true"];
        if (r.type === CACHE && r.inputs.atRestEncryptionEnabled !== true)
            return ["ElastiCache replication group: set atRestEncryptionEnabled: true"];
        return [];
    },
};

export const deletionProtection: ResourceRule = {
    name: "deletion-protection-in-production",
    description: "In production the database cannot be deleted by accident and keeps >= 7 days of backups.",
    check(r, production) {
        if (!production) return [];
        const out: string[] = [];
        if (r.type === RDS) {
            if (r.inputs.deletionProtection !== true) out.push("RDS instance: set deletionProtection: true");
            if (r.inputs.skipFinalSnapshot !== false)
                out.push("RDS instance: set skipFinalSnapshot: false with a finalSnapshotIdentifier");
            if (Number(r.inputs.backupRetentionPeriod ?? 0) < 7)
                out.push("RDS instance: keep backups for 7 days or more");
        }
        if (r.type === CLOUD_SQL) {
            if (r.inputs.deletionProtection !== true) out.push("Cloud SQL instance: set deletionProtection: true");
            if (get(r.inputs, "settings.deletionProtectionEnabled") !== true)
                out.push("Cloud SQL instance: set settings.deletionProtectionEnabled: true");
            if (get(r.inputs, "settings.backupConfiguration.pointInTimeRecoveryEnabled") !== true)
                out.push("Cloud SQL instance: enable point-in-time recovery");
        }
        if (r.type === AZURE_SERVER && Number(get(r.inputs, "backup.backupRetentionDays") ?? 0) < 7)
            out.push("Flexible Server: keep backups for 7 days or more");
        if (r.type === CACHE) {
            if (Number(r.inputs.snapshotRetentionLimit ?? 0) < 7)
                out.push("ElastiCache replication group: keep snapshots for 7 days or more");
            if (typeof r.inputs.finalSnapshotIdentifier !== "string")
                out.push("ElastiCache replication group: set a finalSnapshotIdentifier");
            if (r.inputs.multiAzEnabled !== true || r.inputs.automaticFailoverEnabled !== true)
                out.push("ElastiCache replication group: set multiAzEnabled and automaticFailoverEnabled");
        }
        if (r.type === AZURE_REDIS && r.inputs.highAvailability !== "Enabled")
            out.push("Azure Managed Redis: set highAvailability: Enabled");
        if (
            r.type === AZURE_REDIS_DB &&
            get(r.inputs, "persistence.aofEnabled") !== true &&
            get(r.inputs, "persistence.rdbEnabled") !== true
        )
            out.push("Azure Managed Redis database: enable AOF or RDB persistence");
        return out;
    },
};

/** Subjects that name exact service accounts: no `*`/`?`, no StringLike matching. */
export const noWildcardIdentitySubjects: ResourceRule = {
    name: "no-wildcard-identity-subjects",
    description: "Trust policies, workload identity bindings and federated credentials name exact service accounts.",
    check(r) {
        const out: string[] = [];
        if (r.type === IAM_ROLE) {
            for (const st of asArray(parseJson(r.inputs.assumeRolePolicy)?.Statement) as Record<string, unknown>[]) {
                if (st.Principal === "*" || hasWildcard(get(st, "Principal.AWS")))
                    out.push("IAM trust policy: the principal must not be '*'");
                const conditions = (st.Condition ?? {}) as Record<string, Record<string, unknown>>;
                for (const [op, block] of Object.entries(conditions)) {
                    for (const [key, value] of Object.entries(block)) {
                        const identityKey =
                            key.endsWith(":sub") ||
                            key.endsWith("kubernetes-service-account") ||
                            key.endsWith("kubernetes-namespace");
                        if (identityKey && (op.includes("Like") || hasWildcard(value)))
                            out.push(
                                `IAM trust policy: ${key} must list exact subjects with StringEquals, not ${op} ${JSON.stringify(value)}`,
                            );
                    }
                }
                if (
                    st.Action === "sts:AssumeRoleWithWebIdentity" &&
                    !Object.keys(conditions.StringEquals ?? {}).some((k) => k.endsWith(":sub"))
                ) {
                    out.push("IAM trust policy: a web identity statement must restrict :sub to exact service accounts");
                }
            }
        }
        if (r.type.startsWith("gcp:serviceaccount/iAM") && r.inputs.role === "roles/iam.workloadIdentityUser") {
            const members = [...asArray(r.inputs.member), ...asArray(r.inputs.members)];
            for (const m of members) {
                if (
                    typeof m !== "string" ||
                    !/^serviceAccount:[a-z0-9-]+\.svc\.id\.goog\[[a-z0-9-]+\/[a-z0-9-]+\]$/.test(m)
                )
                    out.push(
                        `workload identity binding: ${JSON.stringify(m)} is not one exact Kubernetes service account`,
                    );
            }
        }
        if (r.type === AZURE_FIC) {
            const subject = r.inputs.subject;
            if (typeof subject !== "string" || !/^system:serviceaccount:[a-z0-9-]+:[a-z0-9-]+$/.test(subject))
                out.push(`federated credential: subject ${JSON.stringify(subject)} is not one exact service account`);
        }
        return out;
    },
};

export const exactRdsConnect: ResourceRule = {
    name: "exact-rds-db-connect",
    description: "rds-db:connect is granted on one exact dbuser ARN.",
    check(r) {
        if (r.type !== IAM_ROLE_POLICY) return [];
        const out: string[] = [];
        for (const st of asArray(parseJson(r.inputs.policy)?.Statement) as Record<string, unknown>[]) {
            const actions = asArray(st.Action);
            if (
                !actions.some((a) => typeof a === "string" && (a === "rds-db:connect" || a === "rds-db:*" || a === "*"))
            )
                continue;
            if (actions.some((a) => a === "rds-db:*" || a === "*")) out.push("rds-db: grant only rds-db:connect");
            const resources = asArray(st.Resource);
            if (
                resources.length !== 1 ||
                typeof resources[0] !== "string" ||
                !/^arn:aws[a-z-]*:rds-db:[a-z0-9-]+:\d{12}:dbuser:db-[A-Z0-9]+\/[^*?/]+$/.test(resources[0])
            ) {
                out.push(
                    `rds-db:connect must name one exact arn:...:dbuser:<resource id>/<user>, not ${JSON.stringify(st.Resource)}`,
                );
            }
        }
        return out;
    },
};

/** `elasticache:Connect` on exactly one replication group and one user, nothing else, no wildcard. */
export const exactElastiCacheConnect: ResourceRule = {
    name: "exact-elasticache-connect",
    description: "elasticache:Connect is granted on one exact replication group and one exact user.",
    check(r) {
        if (r.type !== IAM_ROLE_POLICY) return [];
        const out: string[] = [];
        for (const st of asArray(parseJson(r.inputs.policy)?.Statement) as Record<string, unknown>[]) {
            const actions = asArray(st.Action);
            if (!actions.some((a) => typeof a === "string" && /^elasticache:(connect|\*)$/i.test(a))) continue;
            if (actions.some((a) => a === "elasticache:*")) out.push("elasticache: grant only elasticache:Connect");
            const resources = asArray(st.Resource).map(String);
            const group = resources.filter((x) =>
                /^arn:aws[a-z-]*:elasticache:[a-z0-9-]+:\d{12}:replicationgroup:[a-z][a-z0-9-]*$/.test(x),
            );
            const user = resources.filter((x) =>
                /^arn:aws[a-z-]*:elasticache:[a-z0-9-]+:\d{12}:user:[a-zA-Z][a-zA-Z0-9-]*$/.test(x),
            );
            if (resources.length !== 2 || group.length !== 1 || user.length !== 1)
                out.push(
                    `elasticache:Connect must name one exact replicationgroup ARN and one exact user ARN, not ${JSON.stringify(st.Resource)}`,
                );
        }
        return out;
    },
};

const GCP_PROJECT_IAM = ["gcp:projects/iAMMember:IAMMember", "gcp:projects/iAMBinding:IAMBinding"];
/** `resource.name == 'projects/<p>/instances/<i>' && resource.type == 'sqladmin.googleapis.com/Instance'`, exactly one instance. */
const ONE_CLOUD_SQL_INSTANCE =
    /^resource\.name == 'projects\/[a-z][a-z0-9-]{4,28}[a-z0-9]\/instances\/[a-z][a-z0-9-]*' && resource\.type == 'sqladmin\.googleapis\.com\/Instance'$/;
/** Managed Redis (Memorystore for Valkey): IAM AUTH to one instance, by its resource name and type. */
const ONE_MEMORYSTORE_INSTANCE =
    /^resource\.name == 'projects\/[a-z][a-z0-9-]{4,28}[a-z0-9]\/locations\/[a-z]+-[a-z]+\d+\/instances\/[a-z][a-z0-9-]{2,61}[a-z0-9]' && resource\.type == 'memorystore\.googleapis\.com\/Instance'$/;

/**
 * GCP: the only project-level grant LangSmith needs is IAM database login, `roles/cloudsql.instanceUser`
 * (https://cloud.google.com/sql/docs/postgres/iam-logins), bound with an IAM Condition on one instance
 * (https://cloud.google.com/sql/docs/postgres/iam-conditions). `roles/cloudsql.client` is for the Auth
 * Proxy and the connectors, which LangSmith does not use; any other project role is more than it needs.
 */
export const gcpCloudSqlLoginOnly: ResourceRule = {
    name: "gcp-cloudsql-login-on-one-instance",
    description:
        "GCP project grants: only roles/cloudsql.instanceUser conditioned on one Cloud SQL instance, and (managed Redis) roles/memorystore.dbConnectionUser conditioned on one Memorystore instance.",
    check(r) {
        if (!GCP_PROJECT_IAM.includes(r.type)) return [];
        const role = String(r.inputs.role);
        if (role === "roles/memorystore.dbConnectionUser") {
            const expression = get(r.inputs, "condition.expression");
            return typeof expression === "string" && ONE_MEMORYSTORE_INSTANCE.test(expression)
                ? []
                : [
                      `project IAM: roles/memorystore.dbConnectionUser must carry the condition resource.name == 'projects/<project>/locations/<region>/instances/<instance>' && resource.type == 'memorystore.googleapis.com/Instance', not ${JSON.stringify(expression ?? null)} (https://cloud.google.com/memorystore/docs/valkey/about-iam-auth)`,
                  ];
        }
        if (role !== "roles/cloudsql.instanceUser") {
            const why =
                role === "roles/cloudsql.client"
                    ? "it is for the Cloud SQL Auth Proxy and connectors; direct IAM login needs roles/cloudsql.instanceUser"
                    : "LangSmith needs no project role but roles/cloudsql.instanceUser";
            return [
                `project IAM: ${role} is more than the path uses (${why}; https://cloud.google.com/sql/docs/postgres/iam-logins)`,
            ];
        }
        const expression = get(r.inputs, "condition.expression");
        if (typeof expression !== "string" || !ONE_CLOUD_SQL_INSTANCE.test(expression)) {
            return [
                `project IAM: roles/cloudsql.instanceUser must carry the condition resource.name == 'projects/<project>/instances/<instance>' && resource.type == 'sqladmin.googleapis.com/Instance', not ${JSON.stringify(expression ?? null)} (https://cloud.google.com/sql/docs/postgres/iam-conditions)`,
            ];
        }
        return [];
    },
};

/**
 * GCP and Azure: no database password exists. Cloud SQL gets no root password and no built-in user
 * (https://cloud.google.com/sql/docs/postgres/users: a user without a password cannot log in);
 * Flexible Server has password authentication Disabled and no administrator password
 * (https://learn.microsoft.com/azure/postgresql/flexible-server/security-entra-configure). The
 * bootstrap logs in with its own workload identity's token.
 */
const gcpAzureNoDatabasePassword: ResourceRule = {
    name: "no-database-password",
    description:
        "Cloud SQL: no root password, no built-in user. Flexible Server: password authentication Disabled, no administrator login or password.",
    check(r) {
        const out: string[] = [];
        if (r.type === CLOUD_SQL && r.inputs.rootPassword !== undefined)
            out.push("Cloud SQL instance: remove rootPassword (the bootstrap logs in as an IAM user)");
        if (
            r.type === CLOUD_SQL_USER &&
            ((r.inputs.type ?? "BUILT_IN") === "BUILT_IN" || r.inputs.password !== undefined)
        )
            out.push(
                `Cloud SQL user ${r.name}: use a CLOUD_IAM_SERVICE_ACCOUNT user, not a built-in user with a password`,
            );
        if (r.type === AZURE_SERVER) {
            if (get(r.inputs, "authConfig.passwordAuth") !== "Disabled")
                out.push("Flexible Server: set authConfig.passwordAuth: Disabled (Entra logins only)");
            for (const key of ["administratorLogin", "administratorLoginPassword"])
                if (r.inputs[key] !== undefined)
                    out.push(`Flexible Server: remove ${key} (the Entra administrator is the bootstrap's identity)`);
        }
        return out;
    },
};

/**
 * The database's administrator is an identity of its own, used by exactly one Kubernetes service
 * account (the bootstrap Job's): never the app's identity, which many workloads share. Azure: the
 * Entra administrator's managed identity has exactly one federated credential. GCP: a user in
 * `cloudsqlsuperuser` belongs to a service account with exactly one Workload Identity binding.
 */
export const adminIdentityForBootstrapOnly: StackRule = {
    name: "admin-identity-for-the-bootstrap-only",
    description:
        "The database administrator (Azure Entra administrator, GCP cloudsqlsuperuser IAM user) is an identity trusted by exactly one Kubernetes service account, not the app's.",
    check(resources) {
        const out: string[] = [];
        for (const admin of resources.filter((r) => r.type === AZURE_ENTRA_ADMIN)) {
            const identity = admin.inputs.principalName;
            if (typeof identity !== "string") continue;
            const trusted = resources.filter((r) => r.type === AZURE_FIC && r.inputs.resourceName === identity);
            if (trusted.length !== 1)
                out.push(
                    `Flexible Server: the Entra administrator ${identity} is trusted by ${trusted.length} service accounts; make it an identity of the bootstrap Job only (one federated credential)`,
                );
        }
        for (const user of resources.filter((r) => r.type === CLOUD_SQL_USER)) {
            const roles = asArray(user.inputs.databaseRoles);
            if (!roles.includes("cloudsqlsuperuser") || typeof user.inputs.name !== "string") continue;
            const account = `/serviceAccounts/${user.inputs.name}.gserviceaccount.com`;
            const bindings = resources.filter(
                (r) =>
                    r.type === GCP_SA_IAM_MEMBER &&
                    r.inputs.role === "roles/iam.workloadIdentityUser" &&
                    String(r.inputs.serviceAccountId).endsWith(account),
            );
            if (bindings.length !== 1)
                out.push(
                    `Cloud SQL user ${user.inputs.name} is in cloudsqlsuperuser but its service account has ${bindings.length} Workload Identity bindings; make it the bootstrap Job's own (one binding)`,
                );
        }
        return out;
    },
};

/** Chart value keys that carry secrets when set inline. */
const INLINE_SECRET_KEYS = new Set([
    "password",
    "langsmithLicenseKey",
    "apiKeySalt",
    "jwtSecret",
    "initialOrgAdminPassword",
    "oauthClientSecret",
    "encryptionKey",
    "encryptionKeyPrevious",
    "accessKeySecret",
    "azureStorageAccountKey",
    "azureStorageConnectionString",
    "signingJwks",
    "connectionUrl",
]);

export const noInlineSecretsInHelmValues: ResourceRule = {
    name: "no-inline-secrets-in-helm-values",
    description: "Helm values reference Kubernetes Secrets; they never hold a secret value.",
    check(r) {
        if (r.type !== HELM_RELEASE) return [];
        const out: string[] = [];
        const walk = (v: unknown, path: string[]) => {
            if (v === null || typeof v !== "object") return;
            for (const [k, child] of Object.entries(v as Record<string, unknown>)) {
                if (
                    INLINE_SECRET_KEYS.has(k) &&
                    child !== "" &&
                    child !== null &&
                    child !== undefined &&
                    typeof child !== "object"
                ) {
                    out.push(
                        `Helm values: ${[...path, k].join(".")} holds a secret inline; put it in a Secret and reference it`,
                    );
                }
                walk(child, [...path, k]);
            }
        };
        walk(r.inputs.values, []);
        return out;
    },
};

/** True when `data[key]` is a PEM certificate (a ConfigMap key may contain dots, so no dotted path). */
function pemIn(data: unknown, key: string): boolean {
    if (data === null || typeof data !== "object") return false;
    const value = (data as Record<string, unknown>)[key];
    return typeof value === "string" && value.includes("-----BEGIN CERTIFICATE-----");
}

/** Keys of a Kubernetes Secret that hold a database password. */
const DB_PASSWORD_KEY =
    /^(PGPASSWORD|POSTGRES_PASSWORD|DB_PASSWORD|DATABASE_PASSWORD|postgres[-_]?password|db[-_]?password)$/i;

/**
 * No database password in Pulumi's hands: RDS keeps its master password in Secrets Manager
 * (`manageMasterUserPassword`), no Kubernetes Secret carries one, and no container is given one.
 */
export const noDatabasePassword: ResourceRule = {
    name: "no-database-password",
    description:
        "No database password exists in Pulumi or Kubernetes: RDS manages its master password in Secrets Manager; Cloud SQL has no root password and no built-in user; Flexible Server has password authentication Disabled and no administrator login; no Secret or container holds one.",
    check(r, production) {
        const out: string[] = [...gcpAzureNoDatabasePassword.check(r, production)];
        if (r.type === RDS) {
            if (r.inputs.password !== undefined || r.inputs.passwordWo !== undefined)
                out.push("RDS instance: remove password; RDS generates and keeps it (manageMasterUserPassword: true)");
            if (r.inputs.manageMasterUserPassword !== true)
                out.push(
                    "RDS instance: set manageMasterUserPassword: true (the master password lives in Secrets Manager)",
                );
        }
        if (r.type === K8S_SECRET) {
            for (const field of ["data", "stringData"]) {
                const data = r.inputs[field];
                if (data === null || typeof data !== "object") continue;
                for (const key of Object.keys(data))
                    if (DB_PASSWORD_KEY.test(key))
                        out.push(`Secret ${r.name}: ${key} holds a database password; fetch it at run time instead`);
            }
        }
        if (r.type === K8S_JOB) {
            const pod = get(r.inputs, "spec.template.spec");
            const containers = [...asArray(get(pod, "initContainers")), ...asArray(get(pod, "containers"))];
            for (const c of containers as Record<string, unknown>[])
                for (const e of asArray(c.env) as Record<string, unknown>[])
                    if (e.name === "PGPASSWORD")
                        out.push(
                            `Job ${r.name}: container ${String(c.name)} is given PGPASSWORD; use a password file written at run time`,
                        );
        }
        return out;
    },
};

/**
 * The database bootstrap Job runs on a service account of its own in its own namespace (not the
 * default one, not one of LangSmith's, with annotations of its own), verifies the server
 * (`PGSSLMODE=verify-full` against a CA from a ConfigMap of the stack), and its namespace holds no Secret.
 */
export const bootstrapJobIdentityAndTls: StackRule = {
    name: "bootstrap-job-own-identity-verify-full",
    description:
        "The bootstrap Job runs on its own service account and verifies the server (verify-full with a CA from a ConfigMap); its namespace holds no Secret.",
    check(resources) {
        const out: string[] = [];
        const labelsOf = (r: PolicyInput) => (get(r.inputs, "metadata.labels") ?? {}) as Record<string, unknown>;
        const nameOf = (r: PolicyInput) => get(r.inputs, "metadata.name");
        const namespaceOf = (r: PolicyInput) => get(r.inputs, "metadata.namespace");
        const annotationsOf = (r: PolicyInput) => JSON.stringify(get(r.inputs, "metadata.annotations") ?? {});
        const jobs = resources.filter(
            (r) => r.type === K8S_JOB && labelsOf(r)["app.kubernetes.io/name"] === BOOTSTRAP_LABEL,
        );
        const appNamespace = resources.find((r) => r.type === HELM_RELEASE)?.inputs.namespace;
        const accounts = resources.filter((r) => r.type === K8S_SERVICE_ACCOUNT);
        for (const job of jobs) {
            const ns = namespaceOf(job);
            const pod = (get(job.inputs, "spec.template.spec") ?? {}) as Record<string, unknown>;
            const saName = pod.serviceAccountName;
            const sa = accounts.find((a) => nameOf(a) === saName && namespaceOf(a) === ns);
            if (typeof saName !== "string" || saName === "default" || !sa)
                out.push(`Job ${job.name}: run it on a service account of its own, created in ${String(ns)}`);
            if (ns === appNamespace) out.push(`Job ${job.name}: run it outside LangSmith's namespace ${String(ns)}`);
            // The same identity annotations as LangSmith's accounts would make it LangSmith's identity.
            if (
                sa &&
                annotationsOf(sa) !== "{}" &&
                accounts.some((a) => namespaceOf(a) === appNamespace && annotationsOf(a) === annotationsOf(sa))
            )
                out.push(`Job ${job.name}: its service account carries LangSmith's identity; give it one of its own`);
            const containers = asArray(pod.containers) as Record<string, unknown>[];
            const psql = containers.find((c) => c.name === "psql") ?? containers[0];
            const env = new Map<unknown, unknown>(
                (asArray(psql?.env) as { name?: string; value?: unknown }[]).map((e) => [e.name, e.value]),
            );
            if (env.get("PGSSLMODE") !== "verify-full")
                out.push(
                    `Job ${job.name}: set PGSSLMODE=verify-full (is ${JSON.stringify(env.get("PGSSLMODE") ?? null)})`,
                );
            const rootCert = env.get("PGSSLROOTCERT");
            // The CA file is a key of a ConfigMap volume, and that ConfigMap of the stack holds a PEM there.
            const mount = (asArray(psql?.volumeMounts) as { name?: string; mountPath?: string }[]).find(
                (m) =>
                    typeof rootCert === "string" &&
                    typeof m.mountPath === "string" &&
                    rootCert.startsWith(`${m.mountPath.replace(/\/$/, "")}/`),
            );
            const volume = (asArray(pod.volumes) as { name?: string; configMap?: unknown }[]).find(
                (v) => mount !== undefined && v.name === mount.name,
            );
            const key = mount ? String(rootCert).slice(String(mount.mountPath).replace(/\/$/, "").length + 1) : "";
            const hasCa = resources.some(
                (r) => r.type === K8S_CONFIG_MAP && namespaceOf(r) === ns && pemIn(get(r.inputs, "data"), key),
            );
            if (!volume?.configMap || !hasCa)
                out.push(
                    `Job ${job.name}: set PGSSLROOTCERT to a CA bundle mounted from a ConfigMap of the stack (is ${JSON.stringify(rootCert ?? null)})`,
                );
        }
        for (const secret of resources.filter((r) => r.type === K8S_SECRET))
            if (jobs.some((j) => namespaceOf(j) === namespaceOf(secret)))
                out.push(
                    `Secret ${secret.name}: the bootstrap namespace ${String(namespaceOf(secret))} holds no Secret`,
                );
        return out;
    },
};

/** Production databases are Pulumi-protected; on Azure a CanNotDelete lock covers the server. */
export const protectedInProduction: StackRule = {
    name: "protected-database-in-production",
    description: "In production the database resource is Pulumi-protected, and on Azure locked against deletion.",
    check(resources, production) {
        if (!production) return [];
        const out: string[] = [];
        for (const r of resources.filter((x) => [RDS, CLOUD_SQL, AZURE_SERVER, CACHE].includes(x.type))) {
            if (r.protect === false) out.push(`${r.type} ${r.name}: set the Pulumi option protect: true`);
        }
        if (
            resources.some((r) => r.type === AZURE_SERVER) &&
            !resources.some((r) => r.type === AZURE_LOCK && r.inputs.level === "CanNotDelete")
        ) {
            out.push("Flexible Server: add a CanNotDelete management lock");
        }
        return out;
    },
};

const S3_BUCKET = "aws:s3/bucket:Bucket";
const S3_PUBLIC_ACCESS_BLOCK = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
const S3_BUCKET_POLICY = "aws:s3/bucketPolicy:BucketPolicy";
const S3_BUCKET_ACL = "aws:s3/bucketAcl:BucketAcl";
const IAM_ACCESS_KEY = "aws:iam/accessKey:AccessKey";
const GCS_BUCKET = "gcp:storage/bucket:Bucket";
const GCS_HMAC_KEY = "gcp:storage/hmacKey:HmacKey";
const GCS_BUCKET_IAM = ["gcp:storage/bucketIAMMember:BucketIAMMember", "gcp:storage/bucketIAMBinding:BucketIAMBinding"];
const AZURE_STORAGE_ACCOUNT = "azure-native:storage:StorageAccount";
const AZURE_BLOB_CONTAINER = "azure-native:storage:BlobContainer";
const S3_PUBLIC_FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"];

/** A bucket policy statement that denies every request made without TLS (`aws:SecureTransport` false). */
function deniesInsecureTransport(policy: unknown): boolean {
    const doc = parseJson(policy);
    return asArray(doc?.Statement).some((st) => {
        const statement = st as Record<string, unknown>;
        const flag = get(statement, "Condition.Bool") as Record<string, unknown> | undefined;
        const secure = flag?.["aws:SecureTransport"];
        return (
            statement.Effect === "Deny" &&
            (statement.Principal === "*" || get(statement, "Principal.AWS") === "*") &&
            asArray(statement.Action).some((a) => a === "s3:*") &&
            (secure === "false" || secure === false)
        );
    });
}

/**
 * Object storage (trace payloads) is private, TLS-only and keyless on every cloud: S3 buckets block
 * all public access and deny requests without TLS in their policy; Cloud Storage buckets use uniform
 * bucket-level access with public access prevention enforced and grant nobody `allUsers` (Google's
 * APIs are HTTPS-only); Azure storage accounts refuse shared keys (account keys, SAS) and public blob
 * access and accept only HTTPS with TLS 1.2+, with private containers; no storage key (IAM access
 * key, HMAC key) is created. The pods reach the store through the workload identity.
 */
export const blobStoragePrivateTlsKeyless: StackRule = {
    name: "blob-storage-private-tls-keyless",
    description:
        "Buckets and storage accounts block public access, require TLS and use no keys: S3 with all four public access blocks and a TLS-only bucket policy; Cloud Storage with uniform access and public access prevention enforced; Azure with shared-key access, public blob access and plain HTTP off (TLS 1.2+); no IAM access key or HMAC key.",
    check(resources) {
        const out: string[] = [];
        const ofType = (t: string) => resources.filter((r) => r.type === t);
        for (const b of ofType(S3_BUCKET)) {
            const name = b.inputs.bucket;
            const blocks = ofType(S3_PUBLIC_ACCESS_BLOCK).filter((x) => x.inputs.bucket === name);
            if (!blocks.some((x) => S3_PUBLIC_FLAGS.every((f) => x.inputs[f] === true)))
                out.push(
                    `S3 bucket ${b.name}: add a BucketPublicAccessBlock with ${S3_PUBLIC_FLAGS.join(", ")} all true`,
                );
            if (
                !ofType(S3_BUCKET_POLICY).some(
                    (x) => x.inputs.bucket === name && deniesInsecureTransport(x.inputs.policy),
                )
            )
                out.push(
                    `S3 bucket ${b.name}: its bucket policy must deny s3:* to everyone when aws:SecureTransport is false`,
                );
            const acl = b.inputs.acl ?? ofType(S3_BUCKET_ACL).find((x) => x.inputs.bucket === name)?.inputs.acl;
            if (typeof acl === "string" && /public|authenticated/.test(acl))
                out.push(`S3 bucket ${b.name}: remove the ${acl} ACL; access goes through the workload role`);
        }
        for (const k of ofType(IAM_ACCESS_KEY))
            out.push(`IAM access key ${k.name}: remove it; the pods reach S3 through their role (IRSA / Pod Identity)`);
        for (const b of ofType(GCS_BUCKET)) {
            if (b.inputs.uniformBucketLevelAccess !== true)
                out.push(`Cloud Storage bucket ${b.name}: set uniformBucketLevelAccess: true (no object ACLs)`);
            if (b.inputs.publicAccessPrevention !== "enforced")
                out.push(`Cloud Storage bucket ${b.name}: set publicAccessPrevention: enforced`);
        }
        for (const m of resources.filter((r) => GCS_BUCKET_IAM.includes(r.type)))
            for (const member of [...asArray(m.inputs.member), ...asArray(m.inputs.members)])
                if (member === "allUsers" || member === "allAuthenticatedUsers")
                    out.push(
                        `Cloud Storage grant ${m.name}: remove ${member}; grant the workload's service account only`,
                    );
        for (const k of ofType(GCS_HMAC_KEY))
            out.push(`HMAC key ${k.name}: remove it; the pods reach Cloud Storage through Workload Identity`);
        for (const a of ofType(AZURE_STORAGE_ACCOUNT)) {
            if (a.inputs.allowSharedKeyAccess !== false)
                out.push(`Storage account ${a.name}: set allowSharedKeyAccess: false (no account keys or SAS)`);
            if (a.inputs.allowBlobPublicAccess !== false)
                out.push(`Storage account ${a.name}: set allowBlobPublicAccess: false`);
            if (a.inputs.enableHttpsTrafficOnly === false)
                out.push(`Storage account ${a.name}: remove enableHttpsTrafficOnly: false (HTTPS only)`);
            if (!["TLS1_2", "TLS1_3"].includes(String(a.inputs.minimumTlsVersion)))
                out.push(`Storage account ${a.name}: set minimumTlsVersion: TLS1_2`);
        }
        for (const c of ofType(AZURE_BLOB_CONTAINER))
            if (c.inputs.publicAccess !== undefined && c.inputs.publicAccess !== "None")
                out.push(`Blob container ${c.name}: set publicAccess: None`);
        return out;
    },
};

export const RESOURCE_RULES: ResourceRule[] = [
    iamDatabaseAuth,
    tlsEnforced,
    noPublicDatabase,
    encryptionAtRest,
    deletionProtection,
    noWildcardIdentitySubjects,
    exactRdsConnect,
    exactElastiCacheConnect,
    gcpCloudSqlLoginOnly,
    noInlineSecretsInHelmValues,
    noDatabasePassword,
];
export const STACK_RULES: StackRule[] = [
    protectedInProduction,
    bootstrapJobIdentityAndTls,
    adminIdentityForBootstrapOnly,
    blobStoragePrivateTlsKeyless,
];

/** Every violation of every rule in a set of resources, as `rule: message`. */
export function violations(resources: PolicyInput[], production: boolean): string[] {
    const out: string[] = [];
    for (const r of resources)
        for (const rule of RESOURCE_RULES) for (const v of rule.check(r, production)) out.push(`${rule.name}: ${v}`);
    for (const rule of STACK_RULES) for (const v of rule.check(resources, production)) out.push(`${rule.name}: ${v}`);
    return out;
}

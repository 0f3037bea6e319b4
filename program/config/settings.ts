/**
 * The stack configuration schema: every key the program reads, its type, default and the rule it
 * must follow. Validation happens here, once, before any resource is created; the rest of the code
 * receives the typed `Settings` object and never reads `pulumi.Config`.
 */
import { z } from "zod";
import { awsConfigProblems, awsSchema } from "./aws";
import { azureSchema } from "./azure";
import { blobConfigProblems, blobStorageSchema } from "./blobStorage";
import { derivedNameProblems, fullnameOverrideOf } from "./derivedNames";
import { identityOverrideProblems } from "./identityOverrides";
import { agentGatewayEnabled } from "./chartSwitches";
import { CONFIG_NAMESPACE, ConfigError, ConfigProblems } from "./errors";
import { resolveAzurePlan, type AzurePlan } from "./azurePlan";
import { gcpConfigProblems, gcpSchema, type GcpConfig } from "./gcp";
import { inlineCredentialProblems } from "./inlineCredentials";
import { exposureProblems, frontendSchema, ingressSchema } from "./exposure";
import { AGENT_RESERVED_HELM_VALUE_PATHS, agentConfigProblems } from "./agents";
import { redisSchema, resolveRedis, type RedisSettings } from "./redis";
import {
    CLICKHOUSE_PASSWORD_KEY,
    clickhouseSchema,
    isClickHouseProblems,
    resolveClickHouse,
    type ClickHouseSettings,
} from "./clickhouse";
import { cloudTags } from "./tags";
import {
    defaultAwsFinalSnapshotPrefix,
    defaultAzureIdentityName,
    defaultAzurePrivateDnsZone,
    defaultAzureSubnetName,
    defaultBootstrapNamespace,
    defaultGcpServiceAccountId,
    defaultNamespace,
    defaultReleaseName,
    LEGACY_NAMES,
    type StackIdentity,
} from "./stackNames";
import { dnsLabel, hostname, pgName, secretKeyRef, semver } from "./fields";
import { LangSmithAuthType } from "../../components/langsmith/authType";
import { DEFAULT_MAINTENANCE, maintenanceProblem, WEEKDAYS } from "./maintenance";
import { chartVersionProblem } from "./chartLines";
import { uncoveredComponentProblems } from "./uncoveredComponents";
import { SslMode } from "../../components/postgres/sslMode";

export { CONFIG_NAMESPACE } from "./errors";

/** LangSmith's documented minimum PostgreSQL major. */
export const MIN_POSTGRES_MAJOR = 14;
/** The newest major every managed service offers and LangSmith supports; the default. */
export const DEFAULT_POSTGRES_MAJOR = 17;
/** The newest major accepted at all (the newest the project tests against). */
export const MAX_POSTGRES_MAJOR = 18;
/** The current stable chart line (`v16-stable`). */
export const DEFAULT_CHART_VERSION = "0.16.11";
export const DEFAULT_CHART_REPOSITORY = "https://langchain-ai.github.io/helm";
/** Native GCS blob storage with Application Default Credentials (no HMAC keys) exists since this chart version. */
export const MIN_CHART_VERSION_WITH_NATIVE_GCS = "0.13.29";

// ---- per-cloud blocks live next to each cloud's code: components/<cloud>/config.ts

// ---- shared blocks ---------------------------------------------------------------------

const postgresSchema = z.strictObject({
    /** PostgreSQL major version. */
    version: z
        .number({ error: "must be a major version number; set a whole number such as 17" })
        .int({ error: "must be a major version number; set a whole number such as 17" })
        .min(MIN_POSTGRES_MAJOR, {
            error: (iss) =>
                `${String(iss.input)} is below the minimum ${MIN_POSTGRES_MAJOR} that LangSmith supports; set ${MIN_POSTGRES_MAJOR} or later`,
        })
        .max(MAX_POSTGRES_MAJOR, {
            error: (iss) =>
                `${String(iss.input)} is newer than ${MAX_POSTGRES_MAJOR}, the newest this project is tested with; set ${MAX_POSTGRES_MAJOR} or lower`,
        })
        .default(DEFAULT_POSTGRES_MAJOR),
    /** Instance size in the cloud's own terms (RDS instance class, Cloud SQL tier, Azure SKU). */
    instanceClass: z.string().min(1).optional(),
    /** Allocated storage in GiB. */
    storageGb: z
        .number()
        .int({ error: "must be a whole number of GiB; set e.g. 20" })
        .positive({ error: "must be a positive number of GiB; set e.g. 20" })
        .max(65536)
        .optional(),
    /** Upper bound for storage autoscaling in GiB (AWS). */
    maxStorageGb: z
        .number()
        .int()
        .positive({ error: "must be a positive number of GiB; set a limit above storageGb" })
        .max(65536)
        .optional(),
    /** Multi-AZ (AWS), regional (GCP) or zone-redundant (Azure) high availability. */
    highAvailability: z.boolean({ error: "must be true or false; set true or false (no quotes)" }).default(false),
    /** Days of automated backups (production needs at least 7). */
    backupRetentionDays: z
        .number()
        .int()
        .min(1, { error: "must be at least 1 day; set 1 to 35 (7 or more in production)" })
        .max(35, { error: "is above the 35 days the clouds keep; set 35 or fewer" })
        .optional(),
    /** The LangSmith database name. */
    database: pgName.default("langsmith"),
    /** The schema LangSmith's tables live in (`postgres.external.schema`). */
    schema: pgName.default("public"),
    /** The database user the workload identity logs in as (AWS/Azure default: `langsmith`). */
    iamUser: pgName.optional(),
    /** The built-in administrator the bootstrap Job uses (never given to LangSmith). */
    adminUser: pgName.default("langsmith_admin"),
    /** libpq `sslmode` in the connection URL. IAM authentication needs TLS. */
    sslMode: z
        .enum(["disable", "allow", "prefer", "require", "verify-ca", "verify-full"], {
            error: (iss) => `${JSON.stringify(iss.input)} is not a libpq sslmode; set require or verify-full`,
        })
        .default("require"),
    /** Secret holding the CA bundle that signs the server certificate (`config.customCa`). */
    caCertificate: secretKeyRef.optional(),
    /** mTLS client certificate Secret (`postgres.external.clientCert`). */
    clientCertificate: z
        .strictObject({
            secretName: dnsLabel,
            certSecretKey: z.string().default("tls.crt"),
            keySecretKey: z.string().default("tls.key"),
        })
        .optional(),
    /** Extra connection URL parameters, kept as given (e.g. `connect_timeout`). */
    extraUrlParams: z
        .record(
            z.string().regex(/^[a-z_]+$/, {
                error: "is not a libpq parameter name; use lower-case names such as connect_timeout",
            }),
            z.string(),
        )
        .optional(),
    /** A database user that owned LangSmith's objects before: ownership moves to `iamUser`. */
    previousIamUser: pgName.optional(),
    /** Drop `previousIamUser` after moving its objects (default: keep it). */
    dropPreviousIamUser: z.boolean().default(false),
    /** Image with `psql` that runs the bootstrap Job. */
    bootstrapImage: z.string().min(1).default("postgres:17-alpine"),
    /** The weekly maintenance hour (UTC): RDS applies deferred changes then; every cloud runs its own updates then. */
    maintenanceWindow: z
        .strictObject({
            day: z
                .enum(WEEKDAYS, { error: `is not a day; set one of ${WEEKDAYS.join(", ")}` })
                .default(DEFAULT_MAINTENANCE.day),
            hour: z
                .number()
                .int({ error: "must be a whole hour; set 0 to 23 (UTC)" })
                .min(0, { error: "is not an hour; set 0 to 23 (UTC)" })
                .max(23, { error: "is not an hour; set 0 to 23 (UTC)" })
                .default(DEFAULT_MAINTENANCE.hour),
        })
        .prefault({}),
    /** Hour (UTC) the daily backup starts (AWS backup window, Cloud SQL start time). */
    backupHour: z
        .number()
        .int({ error: "must be a whole hour; set 0 to 23 (UTC)" })
        .min(0, { error: "is not an hour; set 0 to 23 (UTC)" })
        .max(23, { error: "is not an hour; set 0 to 23 (UTC)" })
        .default(DEFAULT_MAINTENANCE.backupHour),
    /** Apply database changes at `pulumi up` instead of the maintenance window (default: true, false in production). */
    applyNow: z.boolean({ error: "must be true or false; set true or false (no quotes)" }).optional(),
    /** Image with Node.js 20+ that fetches the bootstrap's credential (its init container). */
    bootstrapCredentialImage: z.string().min(1).default("node:22-alpine"),
});

const kubernetesSchema = z.strictObject({
    /** Namespace of the LangSmith release and its service accounts (default: `<project>-<stack>`, see `names`). */
    namespace: dnsLabel.optional(),
    /** Namespace of the database bootstrap Job and the admin Secret (LangSmith's service accounts cannot read it; default: `<namespace default>-db-bootstrap`). */
    bootstrapNamespace: dnsLabel.optional(),
    /** Kubeconfig contents or path to use instead of the cluster look-up. */
    kubeconfig: z.string().min(1).optional(),
    /** Context inside `kubeconfig` (needs `kubeconfig`). */
    context: z.string().min(1).optional(),
});

const chartSchema = z.strictObject({
    /** The `langsmith` chart version, from a checked chart line (program/config/chartLines.ts). */
    version: semver.default(DEFAULT_CHART_VERSION),
    /** Helm repository URL. */
    repository: z.url({ error: "is not a URL; set the Helm repository URL" }).default(DEFAULT_CHART_REPOSITORY),
    /** Helm release name (the chart's fullname derives from it; default: `<project>-<stack>`, shortened to fit). */
    releaseName: dnsLabel
        .max(53, { error: "is longer than Helm's 53-character release name limit; choose a shorter name" })
        .optional(),
    /** Public host name; enables the ingress and the LangSmith URL output. */
    hostname: hostname.optional(),
    /** The frontend Service: private `ClusterIP` by default, or an (internal by default) load balancer. */
    frontend: frontendSchema.prefault({}),
    /** The Ingress (with `hostname`): class, internal vs internet-facing, TLS. */
    ingress: ingressSchema.prefault({}),
    /** `config.authType`: `mixed` (basic auth or OAuth without PKCE) or `oauth`. */
    authType: z
        .enum(LangSmithAuthType, { error: `is not an auth type; set ${Object.values(LangSmithAuthType).join(" or ")}` })
        .default(LangSmithAuthType.Mixed),
    /** Basic (email + password) auth with a generated initial admin password. */
    basicAuth: z.boolean().default(true),
    /** Initial organisation admin (required with basic auth). */
    initialOrgAdminEmail: z
        .email({ error: (iss) => `${JSON.stringify(iss.input)} is not an email address; set the first admin's email` })
        .optional(),
    /** LangSmith Deployments (`config.deployment.enabled`): adds hostBackend and listener. */
    deployments: z.boolean().default(false),
    /** The Insights agent (`insights.enabled`): on by default like the chart, on the managed stores (README, "Agent features"). */
    insights: z.boolean({ error: "must be true or false; set true or false (no quotes)" }).default(true),
    /** The Polly agent (`polly.enabled`): on by default like the chart. */
    polly: z.boolean({ error: "must be true or false; set true or false (no quotes)" }).default(true),
    /** The Fleet agent (`fleet.enabled`, with its tool and trigger servers): off by default like the chart; needs `deployments`. */
    fleet: z.boolean({ error: "must be true or false; set true or false (no quotes)" }).default(false),
    /** Helm timeout in seconds. */
    timeoutSeconds: z.number().int().min(60).max(3600).default(900),
    /** Roll a failed install/upgrade back to the last good release (Helm atomic + cleanupOnFail); default: on in production. */
    rollbackOnFailure: z.boolean({ error: "must be true or false; set true or false (no quotes)" }).optional(),
});

const namesSchema = z.strictObject({
    /**
     * Keep the fixed names of stacks created before names were derived from the stack (namespaces
     * `langsmith` / `langsmith-db-bootstrap`, release `langsmith`, GCP service account `langsmith`, Azure
     * identity `langsmith`, subnet `langsmith-postgres`, DNS zone `langsmith.private...`): changing them
     * would replace stateful resources. New stacks leave it false.
     */
    legacy: z.boolean({ error: "must be true or false; set true or false (no quotes)" }).default(false),
});

/** Chart values the program owns: setting them in `helmValues` would break the wiring or inline a secret. */
export const RESERVED_HELM_VALUE_PATHS: readonly string[] = [
    "postgres.external",
    "config.existingSecretName",
    "config.langsmithLicenseKey",
    "config.apiKeySalt",
    "config.basicAuth.initialOrgAdminPassword",
    "config.basicAuth.jwtSecret",
    "config.oauth.oauthClientSecret",
    "insights.encryptionKey",
    "polly.encryptionKey",
    "config.agentBuilder.encryptionKey",
    "engine.encryptionKey",
    // The agents' switches and stores: set with langsmith:chart.insights / polly / fleet.
    ...AGENT_RESERVED_HELM_VALUE_PATHS,
    // Blob storage is keyless (workload identity): no storage key or connection string in values.
    "config.blobStorage.accessKey",
    "config.blobStorage.accessKeySecret",
    "config.blobStorage.azureStorageAccountKey",
    "config.blobStorage.azureStorageConnectionString",
];

export const settingsSchema = z.strictObject({
    /** Which cloud this stack deploys to. */
    cloud: z.enum(["aws", "gcp", "azure"], {
        error: (iss) =>
            iss.input === undefined
                ? "is required; set aws, gcp or azure"
                : `${JSON.stringify(iss.input)} is not a supported cloud; set aws, gcp or azure`,
    }),
    /** Production stacks protect the database from deletion and replacement. */
    production: z.boolean({ error: "must be true or false; set true or false (no quotes)" }).default(false),
    /** The LangSmith license key (set with `pulumi config set --secret langsmith:licenseKey`). */
    licenseKey: z.string({ error: "is required; run: pulumi config set --secret langsmith:licenseKey <key>" }).min(1, {
        error: "is empty; run: pulumi config set --secret langsmith:licenseKey <key>",
    }),
    /** Tags / labels added to every cloud resource that takes them (made to follow each cloud's rules in components/tags.ts). */
    tags: z.record(z.string(), z.string()).optional(),
    aws: awsSchema.optional(),
    gcp: gcpSchema.optional(),
    azure: azureSchema.optional(),
    /** How default names are chosen (see README, "Environments side by side"). */
    names: namesSchema.prefault({}),
    postgres: postgresSchema.prefault({}),
    /** Managed Redis by identity, or the chart's in-cluster Redis (program/config/redis.ts). */
    redis: redisSchema.prefault({}),
    kubernetes: kubernetesSchema.prefault({}),
    chart: chartSchema.prefault({}),
    /** Blob storage for trace payloads (bucket / storage account, keyless through the workload identity). */
    blobStorage: blobStorageSchema.prefault({}),
    /** Where traces live: the chart's in-cluster ClickHouse, an external one, or LangSmith-managed (program/config/clickhouse.ts). */
    clickhouse: clickhouseSchema.prefault({}),
    /** The external / managed ClickHouse password (set with `pulumi config set --secret langsmith:clickhousePassword`). */
    [CLICKHOUSE_PASSWORD_KEY]: z
        .string()
        .min(1, { error: "is empty; run: pulumi config set --secret langsmith:clickhousePassword <password>" })
        .optional(),
    /** Extra chart values merged last (never secrets: use Secret references). */
    helmValues: z.record(z.string(), z.unknown()).optional(),
});

type SchemaOutput = z.output<typeof settingsSchema>;
/** The parsed config with every stack-derived default name resolved (explicit names kept as given). */
interface ParsedSettings extends Omit<SchemaOutput, "kubernetes" | "chart" | "gcp"> {
    kubernetes: Omit<SchemaOutput["kubernetes"], "namespace" | "bootstrapNamespace"> & {
        namespace: string;
        bootstrapNamespace: string;
    };
    chart: Omit<SchemaOutput["chart"], "releaseName"> & { releaseName: string };
    gcp?: GcpSettings;
}
export type AwsSettings = z.output<typeof awsSchema>;
export type GcpSettings = GcpConfig;
export type AzureSettings = z.output<typeof azureSchema>;
export type CloudName = ParsedSettings["cloud"];

/** Postgres settings with every production-dependent default resolved. */
export interface PostgresSettings extends Omit<
    ParsedSettings["postgres"],
    "sslMode" | "storageGb" | "backupRetentionDays" | "iamUser" | "applyNow"
> {
    /** Apply changes at `pulumi up` (true) or in the maintenance window (false). */
    applyNow: boolean;
    sslMode: SslMode;
    storageGb: number;
    backupRetentionDays: number;
    /** Unset only where the cloud derives it (GCP: from the service account). */
    iamUser?: string;
}

/** What every stack's settings share, with every default resolved. */
export interface CommonSettings extends Omit<
    ParsedSettings,
    "postgres" | "redis" | "cloud" | "aws" | "gcp" | "azure" | "names" | "clickhouse"
> {
    postgres: PostgresSettings;
    redis: RedisSettings;
    clickhouse: ClickHouseSettings;
    names: SchemaOutput["names"] & {
        /** Prefix of the RDS final snapshot identifier (AWS production). */
        awsFinalSnapshotPrefix: string;
    };
}
export interface AwsStackSettings extends CommonSettings {
    cloud: "aws";
    aws: AwsSettings;
}
export interface GcpStackSettings extends CommonSettings {
    cloud: "gcp";
    gcp: GcpSettings;
}
export interface AzureStackSettings extends CommonSettings {
    cloud: "azure";
    azure: AzureSettings;
    /** SKU, storage size, backup window and names, resolved and checked when the config is read. */
    azurePlan: AzurePlan;
}
/** The validated, fully-defaulted settings, keyed by cloud: each deploy receives exactly its own. */
export type Settings = AwsStackSettings | GcpStackSettings | AzureStackSettings;

/** Issue codes → a sentence that says what is wrong and what to do. */
function describeIssue(issue: z.core.$ZodIssue): { path: PropertyKey[]; message: string } {
    if (issue.code === "unrecognized_keys") {
        return {
            path: [...issue.path, issue.keys[0]],
            message: "is not a known key (a typo?); fix its spelling or remove it (the README lists every key)",
        };
    }
    if (issue.code === "invalid_type" && issue.input === undefined) {
        return {
            path: issue.path,
            message: issue.message.startsWith("Invalid input")
                ? `is required; set it (type ${issue.expected})`
                : issue.message,
        };
    }
    if (issue.code === "invalid_type") {
        const got = Array.isArray(issue.input) ? "a list" : typeof issue.input;
        return {
            path: issue.path,
            message: issue.message.startsWith("Invalid input")
                ? `must be a ${issue.expected}, not ${got}; fix its type in the stack file`
                : issue.message,
        };
    }
    // zod's own wording for the remaining codes says what is wrong but not what to do.
    if (issue.code === "too_small" && issue.message.startsWith("Too small")) {
        return {
            path: issue.path,
            message: `is below the minimum ${String(issue.minimum)}; set ${String(issue.minimum)} or more`,
        };
    }
    if (issue.code === "too_big" && issue.message.startsWith("Too big")) {
        return {
            path: issue.path,
            message: `is above the maximum ${String(issue.maximum)}; set ${String(issue.maximum)} or less`,
        };
    }
    if (issue.code === "invalid_value" && issue.message.startsWith("Invalid option")) {
        return {
            path: issue.path,
            message: `is not one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}; set one of them`,
        };
    }
    if (issue.message.startsWith("Invalid")) {
        return {
            path: issue.path,
            message: `${issue.message.replace(/^Invalid/, "is an invalid")}; fix it in the stack file (the README lists every key)`,
        };
    }
    return { path: issue.path, message: issue.message };
}

export function configKey(path: readonly PropertyKey[]): string {
    const [top, ...rest] = path.map(String);
    return `${CONFIG_NAMESPACE}:${top ?? ""}${rest.length ? "." + rest.join(".") : ""}`;
}

/**
 * Turns the raw config map (key without namespace → value) into `Settings`, or throws one
 * ConfigError listing every problem: the schema's, and those of every cross-field rule whose inputs
 * parsed (a rule that reads a refused key is skipped, since its result would be about a value the
 * user is fixing anyway).
 */
export function parseSettings(raw: Record<string, unknown>, stack: StackIdentity = EXAMPLE_STACK): Settings {
    const problems = new ConfigProblems();
    // Another cloud's block is a conflict, reported as such before its keys are checked.
    if (typeof raw.cloud === "string" && ["aws", "gcp", "azure"].includes(raw.cloud)) {
        for (const other of ["aws", "gcp", "azure"].filter((c) => c !== raw.cloud)) {
            if (raw[other] !== undefined)
                problems.add(
                    other,
                    `is set but langsmith:cloud is ${raw.cloud}; remove the ${other} block or change langsmith:cloud`,
                );
        }
    }
    const result = settingsSchema.safeParse(raw);
    if (result.success) return resolveSettings(withDefaultNames(result.data, stack), stack, problems, () => true);

    // Every schema problem, in key order.
    const issues = result.error.issues
        .map((issue) => ({ issue, ...describeIssue(issue) }))
        .sort((a, b) => configKey(a.path).localeCompare(configKey(b.path)));
    for (const { path, message } of issues) problems.add(configKey(path), message);
    // The cross-field rules run on what did parse.
    const partial = parseWhatParsed(raw, issues);
    if (!partial) return problems.throwIfAny() as never;
    const inputsOk = (...paths: string[]) => paths.every((p) => !overlapsAny(p, partial.refused));
    return resolveSettings(withDefaultNames(partial.data, stack), stack, problems, inputsOk);
}

/**
 * The config with every refused key left out: each top-level block parsed on its own, without its
 * refused keys (their defaults apply, and no rule that reads them runs), or left out whole when it
 * still does not parse. `refused` lists the config paths (without `langsmith:`) rules must not read:
 * a block (`postgres`), or a key of one (`postgres.version`). An unknown key refuses its whole block
 * (it may be a misspelt key whose value is missing). Undefined when `cloud` itself is refused.
 */
function parseWhatParsed(
    raw: Record<string, unknown>,
    issues: readonly { issue: z.core.$ZodIssue; path: PropertyKey[] }[],
): { data: SchemaOutput; refused: Set<string> } | undefined {
    const shape = settingsSchema.shape as Record<string, z.ZodType>;
    const refused = new Set<string>();
    for (const { issue, path } of issues) {
        const [block, key] = path.map(String);
        if (block === undefined || block === "") return undefined;
        if (!(block in shape)) continue; // an unknown top-level key: nothing reads it
        const blockWide = key === undefined || (issue.code === "unrecognized_keys" && issue.path.length === 1);
        refused.add(blockWide ? block : `${block}.${key}`);
    }
    const data: Record<string, unknown> = {};
    for (const [block, schema] of Object.entries(shape)) {
        let value = raw[block];
        const refusedKeys = [...refused].filter((p) => p.startsWith(`${block}.`)).map((p) => p.slice(block.length + 1));
        if (refusedKeys.length > 0 && typeof value === "object" && value !== null && !Array.isArray(value))
            value = Object.fromEntries(Object.entries(value).filter(([k]) => !refusedKeys.includes(k)));
        const parsed = refused.has(block) ? undefined : schema.safeParse(value);
        if (parsed?.success) {
            data[block] = parsed.data;
            continue;
        }
        refused.add(block);
        // A stand-in no rule reads (every rule that reads the block is skipped): its defaults, if any.
        const defaults = schema.safeParse(undefined);
        data[block] = defaults.success ? defaults.data : undefined;
    }
    if (refused.has("cloud")) return undefined;
    return { data: data as SchemaOutput, refused };
}

/** Whether a config path and a refused one are the same, or one contains the other. */
function overlapsAny(path: string, refused: ReadonlySet<string>): boolean {
    for (const r of refused) if (r === path || r.startsWith(`${path}.`) || path.startsWith(`${r}.`)) return true;
    return false;
}

function fail(path: string, problem: string): never {
    throw new ConfigError(`${CONFIG_NAMESPACE}:${path}`, problem);
}

/**
 * The project and stack used when a caller outside a Pulumi run does not name one (tests, tools):
 * `langsmith` / `dev`. The program passes its real project and stack (program/config/fromPulumi.ts).
 */
export const EXAMPLE_STACK: StackIdentity = { project: "langsmith", stack: "dev" };

/** Names left unset take their default: the fixed legacy names, or ones derived from the project and stack. */
function withDefaultNames(parsed: SchemaOutput, stack: StackIdentity): ParsedSettings {
    const legacy = parsed.names.legacy;
    const { kubernetes, chart, gcp } = parsed;
    const namespace = kubernetes.namespace ?? (legacy ? LEGACY_NAMES.namespace : defaultNamespace(stack));
    return {
        ...parsed,
        kubernetes: {
            ...kubernetes,
            namespace,
            bootstrapNamespace:
                kubernetes.bootstrapNamespace ??
                (legacy ? LEGACY_NAMES.bootstrapNamespace : defaultBootstrapNamespace(stack)),
        },
        chart: {
            ...chart,
            releaseName: chart.releaseName ?? (legacy ? LEGACY_NAMES.releaseName : defaultReleaseName(stack, chart)),
        },
        gcp: gcp && {
            ...gcp,
            serviceAccountId:
                gcp.serviceAccountId ??
                (legacy ? LEGACY_NAMES.gcpServiceAccountId : defaultGcpServiceAccountId(stack, gcp.project)),
        },
    };
}

/**
 * Cross-field rules and production-dependent defaults; every problem found is reported together.
 * `inputsOk(...paths)` says whether those config paths parsed: each rule runs only when what it reads did.
 */
function resolveSettings(
    parsed: ParsedSettings,
    stack: StackIdentity,
    problems: ConfigProblems,
    inputsOk: (...paths: string[]) => boolean,
): Settings {
    const { cloud, postgres, chart, kubernetes } = parsed;

    for (const other of ["aws", "gcp", "azure"] as const) {
        if (other !== cloud && parsed[other] !== undefined) {
            problems.add(
                other,
                `is set but langsmith:cloud is ${cloud}; remove the ${other} block or change langsmith:cloud`,
            );
        }
    }
    if (cloud === "aws" && !parsed.aws && inputsOk("aws"))
        problems.add(
            "aws",
            "is required when langsmith:cloud is aws; set langsmith:aws.region and langsmith:aws.clusterName",
        );
    if (cloud === "azure" && !parsed.azure && inputsOk("azure"))
        problems.add(
            "azure",
            "is required when langsmith:cloud is azure; set langsmith:azure.location, resourceGroupName and clusterName",
        );
    if (cloud === "gcp" && !parsed.gcp && inputsOk("gcp"))
        problems.add(
            "gcp",
            "is required when langsmith:cloud is gcp; set langsmith:gcp.project, langsmith:gcp.region and langsmith:gcp.clusterName",
        );
    const gcpPostgres = ["iamUser", "previousIamUser", "dropPreviousIamUser", "clientCertificate", "instanceClass"];
    if (parsed.gcp && inputsOk("gcp", "names", ...gcpPostgres.map((k) => `postgres.${k}`)))
        problems.addAll(gcpConfigProblems(parsed.gcp, postgres));
    // Tags a cloud would refuse fail here, naming the tag, before any resource exists.
    const tags = parsed.tags;
    if (tags && inputsOk("tags", "azure.createNetwork"))
        problems.collect(() =>
            cloudTags(cloud, tags, { azurePrivateDnsZone: parsed.azure?.createNetwork !== undefined }),
        );
    const awsPostgres = { ...postgres, storageGb: postgres.storageGb ?? (parsed.production ? 100 : 20) };
    const awsPostgresKeys = ["database", "adminUser", "iamUser", "instanceClass", "storageGb", "maxStorageGb"];
    const awsKeys = ["aws.allowedSecurityGroupIds", "aws.allowedCidrBlocks", "production"];
    if (parsed.aws && inputsOk(...awsKeys, ...awsPostgresKeys.map((k) => `postgres.${k}`)))
        problems.addAll(awsConfigProblems(parsed.aws, awsPostgres));
    if (
        parsed.aws?.identityMode === "podIdentity" &&
        parsed.aws.oidcProviderArn &&
        inputsOk("aws.identityMode", "aws.oidcProviderArn")
    ) {
        problems.add(
            "aws.oidcProviderArn",
            "is an IRSA setting but langsmith:aws.identityMode is podIdentity; remove one of them",
        );
    }

    const sslMode = postgres.sslMode;
    const sslModeOk = inputsOk("postgres.sslMode");
    if (sslModeOk && sslMode === "verify-ca") {
        problems.add(
            "postgres.sslMode",
            "verify-ca is refused: LangSmith's URL uses sslrootcert=system, which libpq 16+ accepts only with verify-full; set verify-full (with langsmith:postgres.caCertificate) or require",
        );
    }
    if (sslModeOk && sslMode !== "require" && sslMode !== "verify-full") {
        problems.add(
            "postgres.sslMode",
            `${sslMode} does not guarantee TLS, and IAM authentication sends a token that needs TLS; set require or verify-full`,
        );
    }
    if (
        postgres.clientCertificate &&
        sslMode === "require" &&
        inputsOk("postgres.sslMode", "postgres.clientCertificate")
    ) {
        problems.add(
            "postgres.clientCertificate",
            "mTLS needs the server verified too; set langsmith:postgres.sslMode to verify-full and langsmith:postgres.caCertificate",
        );
    }
    // Without langsmith:postgres.caCertificate the program keeps the cloud's CA bundle for LangSmith on
    // every cloud; on GCP LangSmith connects by the instance's DNS name, which a private zone resolves.
    // (GCP derives the IAM user from the service account; its config rules refuse postgres.iamUser.)
    if (
        cloud !== "gcp" &&
        postgres.previousIamUser !== undefined &&
        postgres.previousIamUser === (postgres.iamUser ?? "langsmith") &&
        inputsOk("postgres.previousIamUser", "postgres.iamUser")
    ) {
        problems.add(
            "postgres.previousIamUser",
            "is the same as langsmith:postgres.iamUser; remove it, or set it to the user that owned the objects before",
        );
    }
    if (
        postgres.dropPreviousIamUser &&
        !postgres.previousIamUser &&
        inputsOk("postgres.dropPreviousIamUser", "postgres.previousIamUser")
    ) {
        problems.add(
            "postgres.dropPreviousIamUser",
            "needs langsmith:postgres.previousIamUser; set it or remove dropPreviousIamUser",
        );
    }
    if (
        postgres.iamUser !== undefined &&
        postgres.iamUser === postgres.adminUser &&
        inputsOk("postgres.iamUser", "postgres.adminUser")
    ) {
        problems.add(
            "postgres.iamUser",
            "is the same as langsmith:postgres.adminUser; the workload identity must not be the administrator, choose another name",
        );
    }
    if (
        postgres.maxStorageGb !== undefined &&
        postgres.storageGb !== undefined &&
        postgres.maxStorageGb < postgres.storageGb &&
        inputsOk("postgres.maxStorageGb", "postgres.storageGb")
    ) {
        problems.add(
            "postgres.maxStorageGb",
            `${postgres.maxStorageGb} is below langsmith:postgres.storageGb (${postgres.storageGb}); raise it or remove it`,
        );
    }
    const backupRetentionDays = postgres.backupRetentionDays ?? (parsed.production ? 14 : 3);
    if (parsed.production && backupRetentionDays < 7 && inputsOk("production", "postgres.backupRetentionDays")) {
        problems.add(
            "postgres.backupRetentionDays",
            `${backupRetentionDays} is below the 7 days a production stack keeps; set 7 or more`,
        );
    }

    const applyNow = postgres.applyNow ?? !parsed.production;
    const windowProblem = maintenanceProblem({
        ...postgres.maintenanceWindow,
        backupHour: postgres.backupHour,
        applyNow,
    });
    if (windowProblem && inputsOk("postgres.maintenanceWindow", "postgres.backupHour"))
        problems.add(windowProblem.path, windowProblem.problem);

    const chartProblem = inputsOk("chart.version") ? chartVersionProblem(chart.version) : undefined;
    if (chartProblem) problems.add("chart.version", chartProblem);
    if (chart.basicAuth && !chart.initialOrgAdminEmail && inputsOk("chart.basicAuth", "chart.initialOrgAdminEmail")) {
        problems.add(
            "chart.initialOrgAdminEmail",
            "is required with basic auth (the chart refuses to render without it); set the first admin's email, or set langsmith:chart.basicAuth to false",
        );
    }
    if (chart.basicAuth && chart.authType !== "mixed" && inputsOk("chart.basicAuth", "chart.authType")) {
        problems.add(
            "chart.authType",
            "must be mixed when langsmith:chart.basicAuth is true; set authType mixed or turn basicAuth off",
        );
    }
    if (chart.deployments && !chart.hostname && inputsOk("chart.deployments", "chart.hostname")) {
        problems.add(
            "chart.hostname",
            "is required with langsmith:chart.deployments (the chart needs an ingress for LangSmith Deployments); set the public host name",
        );
    }
    if (kubernetes.context && !kubernetes.kubeconfig && inputsOk("kubernetes.context", "kubernetes.kubeconfig")) {
        problems.add("kubernetes.context", "needs langsmith:kubernetes.kubeconfig; set both or neither");
    }
    if (
        kubernetes.bootstrapNamespace === kubernetes.namespace &&
        inputsOk("kubernetes.namespace", "kubernetes.bootstrapNamespace", "names")
    ) {
        problems.add(
            "kubernetes.bootstrapNamespace",
            "must differ from langsmith:kubernetes.namespace so LangSmith's service accounts cannot read the database admin Secret; set another namespace",
        );
    }
    if (inputsOk("blobStorage")) problems.addAll(blobConfigProblems(cloud, parsed.blobStorage));
    if (
        inputsOk("blobStorage.enabled", "chart.version") &&
        cloud === "gcp" &&
        parsed.blobStorage.enabled &&
        compareVersions(chart.version, MIN_CHART_VERSION_WITH_NATIVE_GCS) < 0
    ) {
        problems.add(
            "chart.version",
            `${chart.version} is older than ${MIN_CHART_VERSION_WITH_NATIVE_GCS}, the first chart with native GCS blob storage through Workload Identity (langsmith:blobStorage.enabled is true); set ${DEFAULT_CHART_VERSION} or later, or set langsmith:blobStorage.enabled to false`,
        );
    }
    if (inputsOk("chart", "postgres.database", "helmValues"))
        for (const p of agentConfigProblems({ chart, postgres, helmValues: parsed.helmValues }))
            problems.add(p.path, p.problem);
    if (
        inputsOk(
            "chart.releaseName",
            "chart.deployments",
            "chart.insights",
            "chart.polly",
            "chart.fleet",
            "kubernetes.namespace",
            "gcp",
            "helmValues",
            "names",
        )
    )
        problems.addAll(derivedNameProblems(parsed));
    if (
        inputsOk("chart.releaseName", "chart.deployments", "chart.insights", "chart.polly", "chart.fleet", "helmValues")
    )
        problems.addAll(
            identityOverrideProblems(parsed.helmValues, {
                ...chart,
                agentGateway: agentGatewayEnabled(parsed.helmValues),
                fullnameOverride: fullnameOverrideOf(parsed.helmValues),
            }),
        );
    for (const reserved of RESERVED_HELM_VALUE_PATHS) {
        if (hasPath(parsed.helmValues, reserved.split(".")) && inputsOk("helmValues")) {
            problems.add(
                `helmValues.${reserved}`,
                "is managed by this program (database wiring or a secret); remove it and use the matching langsmith:* key instead",
            );
        }
    }
    const ingressKeysSet = Object.entries(chart.ingress)
        .filter(([k, v]) => v !== undefined && !(k === "scheme" && v === "internal"))
        .map(([k]) => k);
    if (inputsOk("chart.hostname", "chart.frontend", "chart.ingress"))
        problems.addAll(
            exposureProblems({
                cloud,
                hostname: chart.hostname,
                frontend: chart.frontend,
                ingress: chart.ingress,
                ingressKeysSet,
            }),
        );
    // Chart components whose pods would read the stores without the identity.
    if (inputsOk("helmValues"))
        for (const p of uncoveredComponentProblems(parsed.helmValues)) problems.add(p.path, p.problem);
    // Every other store's credentials too (Redis, ClickHouse, blob storage, ...): Secrets or identities only.
    for (const found of inputsOk("helmValues") ? inlineCredentialProblems(parsed.helmValues ?? {}) : []) {
        const reserved = RESERVED_HELM_VALUE_PATHS.some((r) => found.path === r || found.path.startsWith(`${r}.`));
        if (!reserved) problems.add(`helmValues.${found.path}`, found.problem);
    }

    const redis = inputsOk("redis", "production", "helmValues")
        ? problems.take(
              resolveRedis(parsed.redis, { cloud, production: parsed.production, helmValues: parsed.helmValues }),
          )
        : undefined;
    const clickhouseResult = inputsOk("clickhouse", "production", "blobStorage.enabled", "helmValues")
        ? resolveClickHouse(parsed.clickhouse, {
              cloud,
              production: parsed.production,
              blobStorageEnabled: parsed.blobStorage.enabled,
              passwordSet: parsed.clickhousePassword !== undefined,
              helmValues: parsed.helmValues,
              region: cloud === "gcp" ? parsed.gcp?.region : undefined,
          })
        : undefined;
    let clickhouse: ClickHouseSettings | undefined;
    if (clickhouseResult && isClickHouseProblems(clickhouseResult))
        for (const p of clickhouseResult) problems.add(p.path, p.problem);
    else clickhouse = clickhouseResult;

    const { aws, gcp, azure, ...rest } = parsed;
    const legacy = parsed.names.legacy;
    const common: CommonSettings = {
        ...rest,
        // Unset only after a problem was added (problems.throwIfAny runs before this object is returned).
        redis: redis as RedisSettings,
        // Likewise for ClickHouse's problems.
        clickhouse: clickhouse as ClickHouseSettings,
        names: {
            ...parsed.names,
            awsFinalSnapshotPrefix: legacy ? LEGACY_NAMES.awsFinalSnapshotPrefix : defaultAwsFinalSnapshotPrefix(stack),
        },
        postgres: {
            ...postgres,
            // Any other mode was reported above (problems.throwIfAny runs before this object is returned).
            sslMode: sslMode as SslMode,
            backupRetentionDays,
            applyNow,
            storageGb: postgres.storageGb ?? (parsed.production ? 100 : 20),
        },
    };
    // Each cloud's block was required above; the union carries exactly the stack's own.
    const azurePlanPostgres = [
        "instanceClass",
        "highAvailability",
        "iamUser",
        "dropPreviousIamUser",
        "storageGb",
        "backupRetentionDays",
    ];
    const azurePlan =
        cloud === "azure" &&
        azure &&
        inputsOk(
            "azure.skuTier",
            "azure.createNetwork",
            "azure.extraExtensions",
            "production",
            "names",
            ...azurePlanPostgres.map((k) => `postgres.${k}`),
        )
            ? problems.collect(() =>
                  resolveAzurePlan({
                      azure,
                      postgres: common.postgres,
                      production: common.production,
                      defaults: legacy
                          ? {
                                identityName: LEGACY_NAMES.azureIdentityName,
                                subnetName: LEGACY_NAMES.azureSubnetName,
                                privateDnsZone: LEGACY_NAMES.azurePrivateDnsZone,
                            }
                          : {
                                identityName: defaultAzureIdentityName(stack),
                                subnetName: defaultAzureSubnetName(stack),
                                privateDnsZone: defaultAzurePrivateDnsZone(stack),
                            },
                  }),
              )
            : undefined;
    problems.throwIfAny();
    if (cloud === "aws" && aws) return { ...common, cloud, aws };
    if (cloud === "gcp" && gcp) return { ...common, cloud, gcp };
    if (cloud === "azure" && azure && azurePlan) return { ...common, cloud, azure, azurePlan };
    return fail(
        "cloud",
        "has no settings block; set langsmith:aws, langsmith:gcp or langsmith:azure to match langsmith:cloud",
    );
}

function hasPath(obj: unknown, path: string[]): boolean {
    let cur: unknown = obj;
    for (const part of path) {
        if (cur === null || typeof cur !== "object" || !(part in cur)) return false;
        cur = (cur as Record<string, unknown>)[part];
    }
    return true;
}

/** Compares two `x.y.z[-pre]` versions numerically (a pre-release sorts before its release). */
export function compareVersions(a: string, b: string): number {
    const split = (v: string) => {
        const [core, pre] = v.split("-", 2);
        return { nums: core.split(".").map(Number), pre };
    };
    const va = split(a);
    const vb = split(b);
    for (let i = 0; i < 3; i++) {
        if (va.nums[i] !== vb.nums[i]) return va.nums[i] - vb.nums[i];
    }
    if (va.pre === vb.pre) return 0;
    if (va.pre === undefined) return 1;
    if (vb.pre === undefined) return -1;
    return va.pre < vb.pre ? -1 : 1;
}

/**
 * Reads the project's config map as Pulumi hands it over (`langsmith:<key>` → string) into
 * plain values: structured values arrive as JSON text, scalars as text.
 */
export function rawConfigFromPulumi(all: Record<string, string>): Record<string, unknown> {
    const raw: Record<string, unknown> = {};
    const prefix = `${CONFIG_NAMESPACE}:`;
    for (const [fullKey, text] of Object.entries(all)) {
        if (!fullKey.startsWith(prefix)) continue;
        raw[fullKey.slice(prefix.length)] = parseScalar(text);
    }
    return raw;
}

function parseScalar(text: string): unknown {
    const trimmed = text.trim();
    if (/^[[{]/.test(trimmed) || trimmed === "true" || trimmed === "false" || /^-?\d+(\.\d+)?$/.test(trimmed)) {
        try {
            return JSON.parse(trimmed);
        } catch {
            return text;
        }
    }
    return text;
}

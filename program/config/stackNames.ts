/**
 * Default names for everything that must be unique in a scope two stacks can share (an AWS account,
 * a GCP project, an Azure resource group, a Kubernetes cluster), derived from the Pulumi project and
 * stack so that two stacks whose config differs only in the stack name deploy side by side. A name
 * the user sets explicitly is kept as given. Pure functions of their inputs (the project and stack
 * are passed in), so tests exercise them without a Pulumi run.
 *
 * Existing stacks: every default here used to be fixed (`langsmith`, `langsmith-db-bootstrap`,
 * `langsmith-postgres`, ...). Changing a default would replace stateful resources (a namespace with
 * the chart's volumes, an Azure DNS zone and so the server, a Google service account and so the
 * database user), so a stack created before keeps its names with `langsmith:names.legacy: true`
 * (see CHANGELOG and README, "Environments side by side").
 */
import { createHash } from "node:crypto";
import { chartFullname, MAX_KUBERNETES_NAME, overlongServiceAccountNames } from "../../components/langsmith/workloads";

/** The Pulumi project and stack a config belongs to. */
export interface StackIdentity {
    project: string;
    stack: string;
}

/** The names this program used before they were derived from the stack (`langsmith:names.legacy`). */
export const LEGACY_NAMES = {
    namespace: "langsmith",
    bootstrapNamespace: "langsmith-db-bootstrap",
    releaseName: "langsmith",
    gcpServiceAccountId: "langsmith",
    azureIdentityName: "langsmith",
    azureSubnetName: "langsmith-postgres",
    azurePrivateDnsZone: "langsmith.private.postgres.database.azure.com",
    awsFinalSnapshotPrefix: "langsmith-db",
} as const;

/** Longest derived namespace: leaves room for `-db-bootstrap` and for Azure's `<namespace>-<service account>` credential names. */
export const MAX_DERIVED_NAMESPACE = 50;

/** Lower-case letters, digits and single hyphens, no hyphen at either end. */
function slug(text: string): string {
    return text
        .toLowerCase()
        .replace(/[^a-z0-9-]+/g, "-")
        .replace(/-{2,}/g, "-")
        .replace(/^-+|-+$/g, "");
}

/** 8 hex characters of SHA-256: stable for a given project and stack, different for different ones. */
export function shortHash(text: string): string {
    return createHash("sha256").update(text).digest("hex").slice(0, 8);
}

/**
 * `<project>-<stack>` as a slug (`langsmith-aws-dev`), always both parts (dropping a repeated
 * project would make stacks `x` and `langsmith-x` meet). A stack name the slug had to change (upper case, `_`, `.`) gets a
 * hash of itself, so `prod_eu` and `prod-eu` (both valid Pulumi stack names) do not meet.
 */
export function stackScope(id: StackIdentity): string {
    const project = slug(id.project) || "langsmith";
    let stack = slug(id.stack);
    if (stack !== id.stack) stack = stack ? `${stack}-${shortHash(id.stack)}` : shortHash(id.stack);
    return `${project}-${stack}`;
}

/**
 * `name` cut to `max` characters; when it is longer, the cut keeps a hash of the whole project and
 * stack at its end, so two long stack names that share a prefix still get different names.
 */
export function fitName(name: string, max: number, id: StackIdentity): string {
    if (name.length <= max) return name;
    const hash = shortHash(`${id.project}/${id.stack}`);
    return `${name.slice(0, max - hash.length - 1).replace(/-+$/, "")}-${hash}`;
}

/** Chart options that decide the service account names (and so how long a release name can be). */
export interface ReleaseNameOptions {
    deployments: boolean;
    insights: boolean;
    polly: boolean;
    fleet?: boolean;
}

/** Helm's limit on a release name. */
export const MAX_HELM_RELEASE_NAME = 53;

/** Kubernetes namespace of the release (`<scope>`). */
export function defaultNamespace(id: StackIdentity): string {
    return fitName(stackScope(id), MAX_DERIVED_NAMESPACE, id);
}

/** Namespace of the database bootstrap Job (`<scope>-db-bootstrap`). */
export function defaultBootstrapNamespace(id: StackIdentity): string {
    return `${defaultNamespace(id)}-db-bootstrap`;
}

/**
 * Helm release name (`<scope>`), short enough that every service account the chart names after it
 * (`<fullname>-<component>`) stays within Kubernetes' 63 characters for these chart options.
 */
export function defaultReleaseName(id: StackIdentity, options: ReleaseNameOptions): string {
    const scope = stackScope(id);
    for (let max = MAX_HELM_RELEASE_NAME; max >= 8; max--) {
        const name = fitName(scope, max, id);
        const fits =
            overlongServiceAccountNames({ ...options, releaseName: name }).length === 0 &&
            chartFullname(name).length <= MAX_KUBERNETES_NAME;
        if (fits) return name;
    }
    return LEGACY_NAMES.releaseName;
}

/**
 * Google service account id: 6-30 characters (`^[a-z][-a-z0-9]{4,28}[a-z0-9]$`), and short enough that
 * its Cloud SQL user `<id>@<project>.iam` fits PostgreSQL's 63-byte role names.
 */
export function defaultGcpServiceAccountId(id: StackIdentity, gcpProject: string): string {
    const max = Math.min(30, 63 - Buffer.byteLength(`@${gcpProject}.iam`));
    let name = stackScope(id);
    if (!/^[a-z]/.test(name)) name = `ls-${name}`;
    if (name.length < 6) name = `${name}-${shortHash(`${id.project}/${id.stack}`)}`;
    return fitName(name, max, id);
}

/** Azure managed identity name, also the database role: within PostgreSQL's 63 bytes. */
export function defaultAzureIdentityName(id: StackIdentity): string {
    return fitName(stackScope(id), 63, id);
}

/** Name of the delegated subnet the stack creates (`<scope>-postgres`, at most 80 characters). */
export function defaultAzureSubnetName(id: StackIdentity): string {
    return `${fitName(stackScope(id), 80 - "-postgres".length, id)}-postgres`;
}

/** The private DNS zone the stack creates: one DNS label of at most 63 characters before the suffix. */
export function defaultAzurePrivateDnsZone(id: StackIdentity): string {
    return `${fitName(stackScope(id), 63, id)}.private.postgres.database.azure.com`;
}

/**
 * Prefix of the RDS final snapshot identifier (a random suffix made at creation follows, so a
 * stack destroyed, recreated and destroyed again does not collide with its own earlier snapshot).
 * RDS: letters, digits and single hyphens, starting with a letter, at most 255 characters.
 */
export function defaultAwsFinalSnapshotPrefix(id: StackIdentity): string {
    const scope = stackScope(id);
    return fitName(/^[a-z]/.test(scope) ? scope : `ls-${scope}`, 200, id);
}

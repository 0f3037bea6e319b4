/**
 * What the rendered LangSmith chart does with the program's values, as plain data checks: which pods
 * read which store, whether each such pod runs under a service account that holds the workload
 * identity, which in-cluster stores the chart renders, and whether every Secret key a pod needs
 * exists. Pure (manifests and program facts in, findings out), so it is tested without the chart.
 */

/** A rendered Kubernetes object (only the fields read here). */
export interface Manifest {
    kind?: string;
    metadata?: {
        name?: string;
        namespace?: string;
        labels?: Record<string, string>;
        annotations?: Record<string, string>;
    };
    spec?: Record<string, unknown>;
    data?: Record<string, string>;
    stringData?: Record<string, string>;
}

export type Cloud = "aws" | "gcp" | "azure";

/** A store a pod reads. The IAM-reached ones need the identity; ClickHouse is reached by password. */
export type Store = "postgres" | "redis" | "blob" | "agentPostgres" | "agentRedis" | "clickhouse";

/**
 * Env var names that mean "this container reads that store", from the chart's helpers (the same
 * lines on both lines: chart 0.16.11 and 0.17.0-rc.12, charts/langsmith/templates/_helpers.tpl):
 * `langsmith.commonEnv` L180 POSTGRES_DATABASE_URI, L216 REDIS_CLUSTER_DATABASE_URIS,
 * L231 REDIS_DATABASE_URI, L263 CLICKHOUSE_HOST, L379 BLOB_STORAGE_ENGINE; the agent features'
 * extraEnv L1101-1102 / L1135-1136 / L1173-1174 POSTGRES_URI and REDIS_URI.
 */
export const STORE_ENV: Readonly<Record<string, Store>> = {
    POSTGRES_DATABASE_URI: "postgres",
    REDIS_DATABASE_URI: "redis",
    REDIS_CLUSTER_DATABASE_URIS: "redis",
    BLOB_STORAGE_ENGINE: "blob",
    POSTGRES_URI: "agentPostgres",
    REDIS_URI: "agentRedis",
    CLICKHOUSE_HOST: "clickhouse",
};

/**
 * SmithDB's services name their settings `<PREFIX>__...` per service (templates/_helpers.tpl
 * `langsmith.smithdb.serviceEnv` L731, both lines): L781 `__METASTORE__HOST` (its Postgres metastore,
 * IAM login possible) and L738 `__OBJECT_STORE__TYPE` (S3 or GCS).
 */
export const STORE_ENV_SUFFIXES: readonly (readonly [string, Store])[] = [
    ["__METASTORE__HOST", "postgres"],
    ["__OBJECT_STORE__TYPE", "blob"],
];

/** The store an env var of the chart means, if any. */
export function storeOfEnv(name: string): Store | undefined {
    return STORE_ENV[name] ?? STORE_ENV_SUFFIXES.find(([suffix]) => name.endsWith(suffix))?.[1];
}

/** Annotations and labels each cloud's workload identity reads. */
export const AWS_ROLE_ANNOTATION = "eks.amazonaws.com/role-arn";
export const GKE_ANNOTATION = "iam.gke.io/gcp-service-account";
export const AZURE_CLIENT_ID_ANNOTATION = "azure.workload.identity/client-id";
export const AZURE_USE_LABEL = "azure.workload.identity/use";

/** One subject the cloud trusts: the identity (role ARN, Google SA email, Azure client id) for ns/sa. */
export interface TrustedSubject {
    namespace: string;
    serviceAccount: string;
    /** `irsa`: role trust policy; `podIdentity`: EKS Pod Identity association; `gke`; `azure`. */
    kind: "irsa" | "podIdentity" | "gke" | "azure";
    /** Role ARN (irsa, podIdentity), Google SA email (gke) or managed identity client id (azure). */
    identity: string;
}

/** A Secret the program writes, with its keys and which store each key's value reaches. */
export interface ProgramSecret {
    namespace: string;
    name: string;
    keys: string[];
    /** Key → store, for the Secrets that hold store URLs. */
    stores: Record<string, Store>;
}

/** What the program creates around the release (from the offline preview). */
export interface ProgramFacts {
    cloud: Cloud;
    namespace: string;
    serviceAccounts: { namespace: string; name: string; annotations: Record<string, string> }[];
    trusted: TrustedSubject[];
    secrets: ProgramSecret[];
    /** In-cluster stores the stack's config asks for explicitly (e.g. `redis` with `redis.mode: inCluster`). */
    allowedInClusterStores: ("postgres" | "redis")[];
}

export interface PodTemplate {
    /** `Deployment/langsmith-backend`. */
    workload: string;
    namespace: string;
    serviceAccount: string;
    labels: Record<string, string>;
    containers: Record<string, unknown>[];
    volumes: Record<string, unknown>[];
}

export interface WorkloadFinding {
    workload: string;
    serviceAccount: string;
    /** Stores read, sorted. */
    stores: Store[];
    /** Stores that need the identity (Postgres and blob always; Redis when it is the program's). */
    identityStores: Store[];
    /** Why the pod does not hold the identity (empty: it does, or needs none). */
    identityProblems: string[];
}

export interface Analysis {
    workloads: WorkloadFinding[];
    /** Kind/name of every rendered in-cluster Postgres or Redis. */
    inClusterStores: string[];
    problems: string[];
}

const POD_OWNERS = new Set(["Deployment", "StatefulSet", "DaemonSet", "Job", "ReplicaSet"]);

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const text = (v: unknown): string => (typeof v === "string" ? v : typeof v === "number" ? String(v) : "");

/** Every pod template in the manifests (CronJobs: their job template's). */
export function podTemplates(manifests: Manifest[], defaultNamespace: string): PodTemplate[] {
    const out: PodTemplate[] = [];
    for (const m of manifests) {
        let template: Obj | undefined;
        if (m.kind && POD_OWNERS.has(m.kind)) template = obj(obj(m.spec).template);
        else if (m.kind === "CronJob") template = obj(obj(obj(obj(m.spec).jobTemplate).spec).template);
        else if (m.kind === "Pod") template = { metadata: m.metadata, spec: m.spec };
        if (!template) continue;
        const spec = obj(template.spec);
        out.push({
            workload: `${m.kind}/${m.metadata?.name ?? "?"}`,
            namespace: m.metadata?.namespace ?? defaultNamespace,
            // Kubernetes runs a pod without serviceAccountName under `default`.
            serviceAccount: text(spec.serviceAccountName) || text(spec.serviceAccount) || "default",
            labels: obj(obj(template.metadata).labels) as Record<string, string>,
            containers: [...arr(spec.initContainers), ...arr(spec.containers)].map(obj),
            volumes: arr(spec.volumes).map(obj),
        });
    }
    return out;
}

interface SecretRef {
    container: string;
    env: string;
    secret: string;
    key?: string;
    optional: boolean;
}

/** Every Secret a container reads (env secretKeyRef and envFrom secretRef). */
function secretRefs(pod: PodTemplate): SecretRef[] {
    const refs: SecretRef[] = [];
    for (const c of pod.containers) {
        const container = text(c.name) || "?";
        for (const e of arr(c.env).map(obj)) {
            const ref = obj(obj(e.valueFrom).secretKeyRef);
            if (text(ref.name))
                refs.push({
                    container,
                    env: text(e.name),
                    secret: text(ref.name),
                    key: text(ref.key),
                    optional: ref.optional === true || ref.optional === "true",
                });
        }
        for (const f of arr(c.envFrom).map(obj)) {
            const ref = obj(f.secretRef);
            if (text(ref.name))
                refs.push({ container, env: "(envFrom)", secret: text(ref.name), optional: ref.optional === true });
        }
    }
    return refs;
}

/** The stores a pod reads: by the chart's env names, and by references to the program's store Secrets. */
export function storesRead(pod: PodTemplate, facts: ProgramFacts): { stores: Store[]; programRedis: boolean } {
    const stores = new Set<Store>();
    let programRedis = false;
    for (const c of pod.containers)
        for (const e of arr(c.env).map(obj)) {
            const store = storeOfEnv(text(e.name));
            if (store) stores.add(store);
        }
    for (const ref of secretRefs(pod)) {
        const secret = facts.secrets.find((s) => s.name === ref.secret && s.namespace === pod.namespace);
        const keys = ref.key === undefined ? (secret?.keys ?? []) : [ref.key];
        for (const key of keys) {
            const store = secret?.stores[key];
            if (!store) continue;
            stores.add(store);
            if (store === "redis" || store === "agentRedis") programRedis = true;
        }
    }
    return { stores: [...stores].sort(), programRedis };
}

/** Why this pod does not hold the identity, for the stack's cloud (empty: it does). */
export function identityProblems(pod: PodTemplate, facts: ProgramFacts, rendered: Manifest[]): string[] {
    const sa = facts.serviceAccounts.find((s) => s.name === pod.serviceAccount && s.namespace === pod.namespace);
    const chartSa = rendered.find((m) => m.kind === "ServiceAccount" && m.metadata?.name === pod.serviceAccount);
    const annotations = sa?.annotations ?? chartSa?.metadata?.annotations ?? {};
    const where = `service account ${pod.namespace}/${pod.serviceAccount}`;
    if (!sa && !chartSa) return [`${where} is created neither by the program nor by the chart`];
    const trusted = (kind: TrustedSubject["kind"], identity?: string) =>
        facts.trusted.some(
            (t) =>
                t.kind === kind &&
                t.namespace === pod.namespace &&
                t.serviceAccount === pod.serviceAccount &&
                (identity === undefined || t.identity === identity),
        );
    const problems: string[] = [];
    if (facts.cloud === "aws") {
        const role = annotations[AWS_ROLE_ANNOTATION];
        if (role) {
            if (!trusted("irsa", role)) problems.push(`${where}: role ${role} does not trust it (no IRSA subject)`);
        } else if (!trusted("podIdentity")) {
            problems.push(`${where}: no ${AWS_ROLE_ANNOTATION} annotation and no Pod Identity association`);
        }
    } else if (facts.cloud === "gcp") {
        const gsa = annotations[GKE_ANNOTATION];
        if (!gsa) problems.push(`${where}: no ${GKE_ANNOTATION} annotation`);
        else if (!trusted("gke", gsa)) problems.push(`${where}: ${gsa} grants it no roles/iam.workloadIdentityUser`);
    } else {
        const clientId = annotations[AZURE_CLIENT_ID_ANNOTATION];
        if (!clientId) problems.push(`${where}: no ${AZURE_CLIENT_ID_ANNOTATION} annotation`);
        else if (!trusted("azure", clientId))
            problems.push(`${where}: identity ${clientId} has no federated credential for it`);
        // The webhook injects the token only into pods labelled so.
        if (pod.labels[AZURE_USE_LABEL] !== "true") problems.push(`pod lacks the label ${AZURE_USE_LABEL}: "true"`);
    }
    return problems;
}

/** Kind/name of in-cluster Postgres and Redis servers (the chart's and the agent features' own). */
export function inClusterStores(manifests: Manifest[]): { name: string; store: "postgres" | "redis" }[] {
    const out: { name: string; store: "postgres" | "redis" }[] = [];
    for (const m of manifests) {
        if (m.kind !== "StatefulSet" && m.kind !== "Deployment") continue;
        const name = m.metadata?.name ?? "";
        // Chart templates postgres/stateful-set.yaml, redis/stateful-set.yaml and
        // agent-features/<feature>/{postgres,redis}/: names end in -postgres / -redis.
        const store = /-postgres$/.test(name) ? "postgres" : /-redis$/.test(name) ? "redis" : undefined;
        if (store) out.push({ name: `${m.kind}/${name}`, store });
    }
    return out;
}

/** Missing Secrets and keys: the chart renders fine and the pod fails at start (CreateContainerConfigError). */
export function secretKeyProblems(pod: PodTemplate, facts: ProgramFacts, rendered: Manifest[]): string[] {
    const problems: string[] = [];
    for (const ref of secretRefs(pod)) {
        if (ref.optional) continue;
        const ours = facts.secrets.find((s) => s.name === ref.secret && s.namespace === pod.namespace);
        const chart = rendered.find((m) => m.kind === "Secret" && m.metadata?.name === ref.secret);
        const keys = ours?.keys ?? (chart ? Object.keys({ ...chart.data, ...chart.stringData }) : undefined);
        const at = `${pod.workload} container ${ref.container} env ${ref.env}`;
        if (!keys) problems.push(`${at}: Secret ${ref.secret} is written neither by the program nor by the chart`);
        else if (ref.key !== undefined && !keys.includes(ref.key))
            problems.push(`${at}: Secret ${ref.secret} has no key ${ref.key}`);
    }
    // Secret volumes (CA bundle, client certificates): the kubelet refuses a missing item. A Secret
    // neither writes may be one the user brings (config names it), so only known Secrets are checked.
    for (const volume of pod.volumes) {
        const secret = obj(volume.secret);
        const name = text(secret.secretName);
        if (!name || secret.optional === true) continue;
        const ours = facts.secrets.find((s) => s.name === name && s.namespace === pod.namespace);
        const chart = rendered.find((m) => m.kind === "Secret" && m.metadata?.name === name);
        const keys = ours?.keys ?? (chart ? Object.keys({ ...chart.data, ...chart.stringData }) : undefined);
        if (!keys) continue;
        for (const item of arr(secret.items).map(obj))
            if (!keys.includes(text(item.key)))
                problems.push(
                    `${pod.workload} volume ${text(volume.name)}: Secret ${name} has no key ${text(item.key)}`,
                );
    }
    return problems;
}

const IDENTITY_STORES: Store[] = ["postgres", "agentPostgres", "blob"];

/**
 * Images the chart hands its common environment that open no store: Microsoft's Presidio analyzer
 * server reads only its port, log level, configuration files and batch sizes (microsoft/presidio,
 * `presidio-analyzer/app.py`), so the program gives it no identity on purpose
 * (components/langsmith/workloads.ts).
 */
export const IMAGES_OPENING_NO_STORE = ["mcr.microsoft.com/presidio-analyzer"];

/** True when every container runs an image of `IMAGES_OPENING_NO_STORE` (any tag or digest). */
export function opensNoStore(pod: PodTemplate): boolean {
    const repository = (image: string) => image.replace(/@.*$/, "").replace(/:[^/:]*$/, "");
    return (
        pod.containers.length > 0 &&
        pod.containers.every((c) => IMAGES_OPENING_NO_STORE.includes(repository(text(c.image))))
    );
}

/** Analyses one render against the program's facts. */
export function analyze(manifests: Manifest[], facts: ProgramFacts): Analysis {
    const problems: string[] = [];
    const workloads: WorkloadFinding[] = [];
    for (const pod of podTemplates(manifests, facts.namespace)) {
        const { stores, programRedis } = storesRead(pod, facts);
        // The chart's own Redis takes no token; the program's managed Redis is reached by identity.
        const identityStores = opensNoStore(pod)
            ? []
            : stores.filter(
                  (s) => IDENTITY_STORES.includes(s) || ((s === "redis" || s === "agentRedis") && programRedis),
              );
        const idProblems = identityStores.length > 0 ? identityProblems(pod, facts, manifests) : [];
        workloads.push({
            workload: pod.workload,
            serviceAccount: pod.serviceAccount,
            stores,
            identityStores,
            identityProblems: idProblems,
        });
        for (const p of idProblems) problems.push(`${pod.workload} reads ${identityStores.join(", ")}: ${p}`);
        problems.push(...secretKeyProblems(pod, facts, manifests));
    }
    const stores = inClusterStores(manifests);
    for (const s of stores)
        if (!facts.allowedInClusterStores.includes(s.store))
            problems.push(`${s.name}: an in-cluster ${s.store} the stack's config does not ask for`);
    return { workloads, inClusterStores: stores.map((s) => s.name), problems };
}

/** Storage credentials the chart can take (charts/langsmith/templates/_helpers.tpl L390-430, secrets.yaml). */
export const STORAGE_KEY_NAMES = [
    "blob_storage_access_key",
    "blob_storage_access_key_secret",
    "azure_storage_account_key",
    "azure_storage_connection_string",
];
const STORAGE_VALUE_KEYS = ["accessKey", "accessKeySecret", "azureStorageAccountKey", "azureStorageConnectionString"];

/**
 * Secrets in the wrong place: any of `secretStrings` (the program's secret values) in the values or the
 * rendered manifests; a storage key in values, rendered Secrets or the program's Secrets; a password in
 * a store URL the program writes.
 */
export function leakProblems(
    values: unknown,
    manifests: Manifest[],
    facts: ProgramFacts,
    secretStrings: string[],
    urls: { secret: string; key: string; url: string }[],
): string[] {
    const problems: string[] = [];
    const valuesText = JSON.stringify(values);
    const renderedText = JSON.stringify(manifests);
    for (const s of new Set(secretStrings.filter((s) => s.length >= 8))) {
        if (valuesText.includes(s)) problems.push("a secret value of the program is in the Helm values");
        if (renderedText.includes(s)) problems.push("a secret value of the program is in the rendered manifests");
    }
    const blob = obj(obj(obj(values).config).blobStorage);
    for (const key of STORAGE_VALUE_KEYS)
        if (blob[key])
            problems.push(`config.blobStorage.${key} is set in the Helm values (keyless storage takes none)`);
    for (const m of manifests.filter((m) => m.kind === "Secret"))
        for (const [key, value] of Object.entries({ ...m.data, ...m.stringData })) {
            if (STORAGE_KEY_NAMES.includes(key) && value)
                problems.push(`rendered Secret ${m.metadata?.name} has ${key}`);
            // The chart writes a password only from its values: a default of its own or one inlined.
            else if (/password/i.test(key) && value)
                problems.push(`rendered Secret ${m.metadata?.name} holds a password from the values (${key})`);
        }
    for (const s of facts.secrets)
        for (const key of s.keys.filter((k) => STORAGE_KEY_NAMES.includes(k)))
            problems.push(`the program's Secret ${s.name} has ${key}`);
    for (const u of urls) if (urlHasPassword(u.url)) problems.push(`${u.secret}/${u.key} holds a URL with a password`);
    return problems;
}

/** `scheme://user:password@host` or the chart's scheme-less `user:password@host`. */
export function urlHasPassword(url: string): boolean {
    const rest = url.replace(/^[a-z][a-z0-9+.-]*:\/\//i, "");
    const at = rest.lastIndexOf("@", rest.search(/[/?]/) === -1 ? undefined : rest.search(/[/?]/));
    if (at === -1) return false;
    return rest.slice(0, at).includes(":");
}

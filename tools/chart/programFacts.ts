/**
 * Reads, from an offline preview (secrets shown), what the chart render is checked against: the Helm
 * release (name, namespace, values), the service accounts the program creates, the subjects each
 * cloud's identity trusts, and the Secrets the program writes with the store each key reaches.
 * Pure: a preview in, plain data out.
 */
import type { SynthResource, SynthResult } from "../offline/synthesize";
import type { Cloud, ProgramFacts, ProgramSecret, Store, TrustedSubject } from "./analyze";

export interface ReleaseView {
    releaseName: string;
    namespace: string;
    chartVersion: string;
    values: Record<string, unknown>;
}

export interface ProgramView {
    release: ReleaseView;
    facts: ProgramFacts;
    /** Values of the program's Secrets and secret config that must appear nowhere else. */
    secretStrings: string[];
    /** Store URLs the program writes (checked for passwords). */
    urls: { secret: string; key: string; url: string }[];
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : {});
const str = (v: unknown): string => (typeof v === "string" ? v : "");

/** Agent URL keys the chart reads from an agent feature's Secret (templates/_helpers.tpl L1101-1174). */
const AGENT_KEYS: Record<string, Store> = {
    postgres_connection_url: "agentPostgres",
    redis_connection_url: "agentRedis",
};

/** Secret name → (key → store), from where the values point the chart. */
export function storeSecretKeys(values: Obj): Map<string, Record<string, Store>> {
    const out = new Map<string, Record<string, Store>>();
    const add = (secret: unknown, key: string, store: Store) => {
        if (!str(secret)) return;
        out.set(str(secret), { ...out.get(str(secret)), [key]: store });
    };
    const external = (path: string[]) => obj(path.reduce<unknown>((cur, k) => obj(cur)[k], values));
    const pg = external(["postgres", "external"]);
    if (pg.enabled) add(pg.existingSecretName, str(pg.connectionUrlSecretKey) || "connection_url", "postgres");
    const redis = external(["redis", "external"]);
    if (redis.enabled) add(redis.existingSecretName, str(redis.connectionUrlSecretKey) || "connection_url", "redis");
    const ch = external(["clickhouse", "external"]);
    if (ch.enabled && ch.existingSecretName) add(ch.existingSecretName, "clickhouse_password", "clickhouse");
    // Agent features: `<block>.postgres.external` / `<block>.redis.external` (engineInsightsAgent, polly, fleet).
    for (const [block, v] of Object.entries(values)) {
        if (block === "postgres" || block === "redis") continue;
        for (const [kind, key] of [
            ["postgres", "postgres_connection_url"],
            ["redis", "redis_connection_url"],
        ] as const) {
            const ext = obj(obj(obj(v)[kind]).external);
            if (ext.enabled) add(ext.existingSecretName, key, AGENT_KEYS[key]);
        }
    }
    return out;
}

const SA_SUBJECT = /^system:serviceaccount:([^:]+):([^:]+)$/;

/** IRSA subjects of a role's trust policy (every `<issuer>:sub` condition value). */
export function irsaSubjects(assumeRolePolicy: string): { namespace: string; serviceAccount: string }[] {
    const out: { namespace: string; serviceAccount: string }[] = [];
    let doc: Obj;
    try {
        doc = JSON.parse(assumeRolePolicy) as Obj;
    } catch {
        return out;
    }
    const statements = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
    for (const st of statements.map(obj)) {
        if (st.Effect !== "Allow") continue;
        for (const cond of Object.values(obj(st.Condition)))
            for (const [key, value] of Object.entries(obj(cond))) {
                if (!key.endsWith(":sub")) continue;
                for (const subject of Array.isArray(value) ? value : [value]) {
                    const m = SA_SUBJECT.exec(str(subject));
                    if (m) out.push({ namespace: m[1], serviceAccount: m[2] });
                }
            }
    }
    return out;
}

const WI_MEMBER = /^serviceAccount:[^[]+\.svc\.id\.goog\[([^/]+)\/([^\]]+)\]$/;

/** Every subject a cloud identity of the preview trusts. */
export function trustedSubjects(resources: SynthResource[]): TrustedSubject[] {
    const out: TrustedSubject[] = [];
    const of = (type: string) => resources.filter((r) => r.type === type);
    for (const role of of("aws:iam/role:Role"))
        for (const s of irsaSubjects(str(role.inputs.assumeRolePolicy)))
            out.push({ ...s, kind: "irsa", identity: str(role.outputs.arn) });
    for (const a of of("aws:eks/podIdentityAssociation:PodIdentityAssociation"))
        out.push({
            namespace: str(a.inputs.namespace),
            serviceAccount: str(a.inputs.serviceAccount),
            kind: "podIdentity",
            identity: str(a.inputs.roleArn),
        });
    for (const m of [
        ...of("gcp:serviceaccount/iAMMember:IAMMember"),
        ...of("gcp:serviceaccount/iAMBinding:IAMBinding"),
    ]) {
        if (m.inputs.role !== "roles/iam.workloadIdentityUser") continue;
        const email = str(m.inputs.serviceAccountId).replace(/^.*\/serviceAccounts\//, "");
        const members = Array.isArray(m.inputs.members) ? m.inputs.members : [m.inputs.member];
        for (const member of members) {
            const match = WI_MEMBER.exec(str(member));
            if (match) out.push({ namespace: match[1], serviceAccount: match[2], kind: "gke", identity: email });
        }
    }
    const identities = of("azure-native:managedidentity:UserAssignedIdentity");
    for (const fic of of("azure-native:managedidentity:FederatedIdentityCredential")) {
        const m = SA_SUBJECT.exec(str(fic.inputs.subject));
        const identity = identities.find(
            (i) =>
                i.inputs.resourceName === fic.inputs.resourceName &&
                i.inputs.resourceGroupName === fic.inputs.resourceGroupName,
        );
        if (m && identity)
            out.push({
                namespace: m[1],
                serviceAccount: m[2],
                kind: "azure",
                identity: str(identity.outputs.clientId),
            });
    }
    return out;
}

const CERTIFICATE = /^-----BEGIN CERTIFICATE-----/;

/**
 * The view of a preview run with `showSecrets`. `config` is the stack's config map (for the explicit
 * in-cluster store choice and the secret config values).
 */
export function programView(result: SynthResult, config: Record<string, string>, secretKeys: string[]): ProgramView {
    const releases = result.resources.filter((r) => r.type === "kubernetes:helm.sh/v3:Release");
    if (releases.length !== 1) throw new Error(`${result.stack}: expected one Helm release, found ${releases.length}`);
    const rel = releases[0];
    const values = obj(rel.inputs.values);
    const release: ReleaseView = {
        releaseName: str(rel.inputs.name),
        namespace: str(rel.inputs.namespace),
        chartVersion: str(rel.inputs.version),
        values,
    };
    const storeKeys = storeSecretKeys(values);
    const secrets: ProgramSecret[] = [];
    const secretStrings = secretKeys.map((k) => config[k]).filter(Boolean);
    const urls: ProgramView["urls"] = [];
    for (const s of result.resources.filter((r) => r.type === "kubernetes:core/v1:Secret")) {
        const meta = { ...obj(s.inputs.metadata), ...obj(s.outputs.metadata) };
        const data = { ...obj(s.inputs.data), ...obj(s.inputs.stringData) };
        const name = str(meta.name);
        const stores = storeKeys.get(name) ?? {};
        secrets.push({ namespace: str(meta.namespace), name, keys: Object.keys(data).sort(), stores });
        for (const [key, value] of Object.entries(data)) {
            const store = stores[key];
            if (store && store !== "clickhouse") urls.push({ secret: name, key, url: str(value) });
            else if (!CERTIFICATE.test(str(value))) secretStrings.push(str(value));
        }
    }
    const serviceAccounts = result.resources
        .filter((r) => r.type === "kubernetes:core/v1:ServiceAccount")
        .map((r) => {
            const meta = { ...obj(r.inputs.metadata), ...obj(r.outputs.metadata) };
            return {
                namespace: str(meta.namespace),
                name: str(meta.name),
                annotations: obj(meta.annotations) as Record<string, string>,
            };
        });
    const production = config["langsmith:production"] === "true";
    const redisConfig = config["langsmith:redis"] ? obj(JSON.parse(config["langsmith:redis"])) : {};
    const facts: ProgramFacts = {
        cloud: str(config["langsmith:cloud"]) as Cloud,
        namespace: release.namespace,
        serviceAccounts,
        trusted: trustedSubjects(result.resources),
        secrets,
        // An in-cluster store only where the stack's config says so, and never in production.
        allowedInClusterStores: !production && redisConfig.mode === "inCluster" ? ["redis"] : [],
    };
    return { release, facts, secretStrings, urls };
}

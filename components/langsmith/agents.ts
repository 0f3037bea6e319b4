/**
 * The chart's agent features (Insights, Polly, Fleet) as data: which values key turns each on,
 * which values block holds its stores, the Secret keys its pods read and the Fernet key it needs.
 * Read from the chart's templates on both checked lines (`agent-features/*`, `_helpers.tpl`
 * `langsmith.<feature>.extraEnv`, `validate.yaml`, `secrets.yaml`; chart 0.16.11 and 0.17.0-rc.12):
 * each feature's api server and queue read `POSTGRES_URI` from key `postgres_connection_url` and
 * `REDIS_URI` from key `redis_connection_url` of `<block>.{postgres,redis}.external.existingSecretName`,
 * and `AGENT_{POSTGRES,REDIS}_IAM_AUTH_PROVIDER` from `<block>.{postgres,redis}.external.iamProvider`
 * (not `iamAuthProvider`). Without `external.enabled` the chart runs a Postgres and a Redis
 * StatefulSet per feature, which this project never asks for.
 */

/** An agent feature of the chart. */
export const AgentFeature = { Insights: "insights", Polly: "polly", Fleet: "fleet" } as const;
export type AgentFeature = (typeof AgentFeature)[keyof typeof AgentFeature];

/** What the chart reads for one agent feature. */
export interface AgentFeatureSpec {
    feature: AgentFeature;
    /** Values block with `enabled` (and `encryptionKey`): `insights`, `polly`, `fleet`. */
    enabledBlock: string;
    /** Values block with `postgres.external`, `redis.external` and the api server / queue. */
    storesBlock: string;
    /** Key of its Fernet key in the `config.existingSecretName` Secret. */
    encryptionSecretKey: string;
    /**
     * Redis logical database offset from the main app's, where the topology has several: LangGraph
     * servers sharing one Redis each take their own database number (LangChain's self-hosted
     * LangGraph guide, "Shared Redis Instance").
     */
    redisDatabaseOffset: number;
}

/** Every agent feature, in a fixed order (database offsets and Secret order follow it). */
export const AGENT_FEATURES: readonly AgentFeatureSpec[] = [
    {
        feature: AgentFeature.Insights,
        enabledBlock: "insights",
        storesBlock: "engineInsightsAgent",
        encryptionSecretKey: "insights_encryption_key",
        redisDatabaseOffset: 1,
    },
    {
        feature: AgentFeature.Polly,
        enabledBlock: "polly",
        storesBlock: "polly",
        encryptionSecretKey: "polly_encryption_key",
        redisDatabaseOffset: 2,
    },
    {
        // Fleet's key is the agent builder's (`secrets.yaml`: fleet.encryptionKey | default config.agentBuilder.encryptionKey).
        feature: AgentFeature.Fleet,
        enabledBlock: "fleet",
        storesBlock: "fleet",
        encryptionSecretKey: "agent_builder_encryption_key",
        redisDatabaseOffset: 3,
    },
];

/** The spec of one feature. */
export function agentFeatureSpec(feature: AgentFeature): AgentFeatureSpec {
    const spec = AGENT_FEATURES.find((s) => s.feature === feature);
    if (!spec) throw new Error(`unknown agent feature ${String(feature)}`);
    return spec;
}

/** Secret keys the agent pods read (fixed by the chart: no `*SecretKey` setting exists for them). */
export const AGENT_POSTGRES_URL_KEY = "postgres_connection_url";
export const AGENT_REDIS_URL_KEY = "redis_connection_url";

/** Which agent features are on. */
export type AgentFeatureSwitches = Record<AgentFeature, boolean>;

/** The features that are on, in {@link AGENT_FEATURES} order. */
export function enabledAgentFeatures(switches: Partial<AgentFeatureSwitches>): AgentFeatureSpec[] {
    return AGENT_FEATURES.filter((s) => switches[s.feature] === true);
}

/** PostgreSQL truncates identifiers to 63 bytes. */
const MAX_DATABASE_NAME_BYTES = 63;

/**
 * Each agent feature's own database on the main server, `<database>_<feature>`: the chart refuses
 * two features (or a feature and the main app) on the same URL (`validate.yaml`).
 */
export function agentDatabaseName(mainDatabase: string, feature: AgentFeature): string {
    const name = `${mainDatabase}_${feature}`;
    if (Buffer.byteLength(name) > MAX_DATABASE_NAME_BYTES)
        throw new Error(
            `agent database ${name} is longer than PostgreSQL's ${MAX_DATABASE_NAME_BYTES} bytes; use a shorter main database name`,
        );
    return name;
}

/** The longest main database name whose agent databases all fit PostgreSQL's identifiers. */
export const MAX_MAIN_DATABASE_NAME_WITH_AGENTS: number =
    MAX_DATABASE_NAME_BYTES - Math.max(...AGENT_FEATURES.map((s) => s.feature.length + 1));

/**
 * The agents' Redis database number: the main app's plus the feature's offset where the topology
 * has logical databases (`mainDatabase` set); none where it has only database 0 (cluster mode
 * forbids `SELECT`): the agents then share database 0 with the app. That gives up nothing Redis
 * scopes by database for LangGraph's main use of it: Pub/Sub channels are server-wide whatever the
 * database (https://redis.io/docs/latest/develop/pubsub/, "Database & Scoping"), and their run
 * queue is in Postgres.
 */
export function agentRedisDatabase(mainDatabase: number | undefined, feature: AgentFeature): number | undefined {
    if (mainDatabase === undefined) return undefined;
    return mainDatabase + agentFeatureSpec(feature).redisDatabaseOffset;
}

/** Where the chart's own Redis listens when `redis.external` is off (`redis/secrets.yaml`, `redis/service.yaml`). */
export interface InClusterRedis {
    /** The chart's fullname. */
    fullname: string;
    /** The release namespace. */
    namespace: string;
    /** `clusterDomain` (the chart's default `cluster.local`). */
    clusterDomain: string;
    /** `redis.name` (default `redis`). */
    name: string;
    /** `redis.service.port` (default 6379). */
    port: number;
}

/**
 * The agents' URL on the chart's own Redis, `redis://<fullname>-<name>.<ns>.svc.<domain>:<port>/<db>`:
 * the form the chart writes for the app (no user, no TLS: it has neither), with the agent's own
 * database number, so a dev stack runs one Redis StatefulSet, not one per feature.
 */
export function inClusterRedisUrl(redis: InClusterRedis, database: number): string {
    return `redis://${redis.fullname}-${redis.name}.${redis.namespace}.svc.${redis.clusterDomain}:${redis.port}/${database}`;
}

/** The chart's in-cluster Redis location from the user's extra values (chart defaults where unset). */
export function inClusterRedisOf(
    fullname: string,
    namespace: string,
    helmValues: Record<string, unknown> | undefined,
): InClusterRedis {
    const redis = (helmValues?.redis ?? {}) as { name?: unknown; service?: { port?: unknown } };
    const domain = helmValues?.clusterDomain;
    const ns = helmValues?.namespace;
    return {
        fullname,
        namespace: typeof ns === "string" && ns !== "" ? ns : namespace,
        clusterDomain: typeof domain === "string" && domain !== "" ? domain : "cluster.local",
        name: typeof redis.name === "string" && redis.name !== "" ? redis.name : "redis",
        port: typeof redis.service?.port === "number" ? redis.service.port : 6379,
    };
}

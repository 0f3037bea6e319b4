/**
 * The LangSmith chart values, as a pure function of the settings and the cloud contracts: database
 * wiring through Secret references (never inline secrets), the service accounts of every
 * Postgres-connecting workload, the identity's pod labels on every pod (Jobs included), and the
 * user's extra values merged last.
 */
import type { IamAuthProvider } from "../postgres/contract";
import type { PostgresServiceAccount } from "./workloads";
import { blobStorageValues, type BlobStorageChartSettings } from "../blob/contract";
import type { FrontendServiceType } from "./frontendServiceType";
import { AGENT_FEATURES, agentFeatureSpec, type AgentFeature } from "./agents";

/** Where one agent feature's stores are: the Secret with its URLs and the providers of their tokens. */
export interface AgentStoresValues {
    feature: AgentFeature;
    /** Secret with `postgres_connection_url` and `redis_connection_url` (no password in either). */
    secretName: string;
    /** `<block>.postgres.external.iamProvider`. */
    postgresIamProvider: IamAuthProvider;
    /** `<block>.redis.external.iamProvider`; absent: a Redis without tokens (the chart's in-cluster one). */
    redisIamProvider?: IamAuthProvider;
}

/** Key of the connection URL in the Postgres Secret (the chart's default `connectionUrlSecretKey`). */
export const CONNECTION_URL_KEY = "connection_url";

/** Inputs of {@link langsmithHelmValues}; all plain values so the function is testable offline. */
export interface LangSmithValuesInput {
    /** Postgres-connecting service accounts (from `postgresServiceAccounts`). */
    serviceAccounts: PostgresServiceAccount[];
    /** Pod labels the cloud's identity needs on every such pod (Azure: `azure.workload.identity/use`). */
    podLabels: Record<string, string>;
    /** `postgres.external.iamAuthProvider`. */
    iamAuthProvider: IamAuthProvider;
    /** Secret with `connection_url`. */
    postgresSecretName: string;
    /** Secret the chart reads its own secrets from (`config.existingSecretName`). */
    configSecretName: string;
    /** LangSmith's schema. */
    schema: string;
    /** `config.authType`. */
    authType: "mixed" | "oauth";
    /** Basic auth on. */
    basicAuth: boolean;
    /** First admin's email (basic auth). */
    initialOrgAdminEmail?: string;
    /** Public host name (enables the ingress). */
    hostname?: string;
    /** `frontend.service.type` (default `ClusterIP`: private, never a load balancer by accident). */
    frontendServiceType?: FrontendServiceType;
    /** LangSmith Deployments. */
    deployments: boolean;
    /** Insights agent. */
    insights: boolean;
    /** Polly agent. */
    polly: boolean;
    /**
     * Fleet agent (with its tool and trigger servers).
     * @default false
     */
    fleet?: boolean;
    /** Each enabled agent feature's stores (its own database and Redis, never the chart's StatefulSets). */
    agentStores?: AgentStoresValues[];
    /** Server CA Secret for TLS verification (`config.customCa`). */
    caCertificate?: { secretName: string; secretKey: string };
    /**
     * `postgres.external.customTls`: the CA bundle signs the Postgres server.
     * @default true when `caCertificate` is set
     */
    postgresCustomTls?: boolean;
    /** mTLS client certificate Secret. */
    clientCertificate?: { secretName: string; certSecretKey: string; keySecretKey: string };
    /** Managed Redis: Secret with `connection_url` (no password) and the token provider; absent: the chart's own Redis. */
    redis?: { secretName: string; iamAuthProvider: IamAuthProvider; clusterSafeMode: boolean };
    /** Keyless blob storage settings (`config.blobStorage`); unset: blob storage off. */
    blobStorage?: BlobStorageChartSettings;
    /** The user's extra values, merged last. */
    extraValues?: Record<string, unknown>;
}

type Values = Record<string, unknown>;

/** Sets `value` at `path`, creating objects on the way. */
function setPath(target: Values, path: string[], value: unknown): void {
    let cur = target;
    for (const key of path.slice(0, -1)) {
        if (typeof cur[key] !== "object" || cur[key] === null) cur[key] = {};
        cur = cur[key] as Values;
    }
    cur[path[path.length - 1]] = value;
}

function isPlainObject(v: unknown): v is Values {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Deep merge: objects merge key by key, anything else in `override` wins (as Helm merges values files). */
export function mergeValues(base: Values, override: Values): Values {
    const out: Values = { ...base };
    for (const [key, value] of Object.entries(override)) {
        out[key] = isPlainObject(value) && isPlainObject(out[key]) ? mergeValues(out[key], value) : value;
    }
    return out;
}

export function langsmithHelmValues(input: LangSmithValuesInput): Values {
    const external: Values = {
        enabled: true,
        existingSecretName: input.postgresSecretName,
        connectionUrlSecretKey: CONNECTION_URL_KEY,
        iamAuthProvider: input.iamAuthProvider,
        schema: input.schema,
    };
    if (input.postgresCustomTls ?? input.caCertificate !== undefined) external.customTls = true;
    if (input.clientCertificate) external.clientCert = { ...input.clientCertificate };

    const config: Values = {
        existingSecretName: input.configSecretName,
        authType: input.authType,
        basicAuth: { enabled: input.basicAuth },
        deployment: { enabled: input.deployments },
    };
    if (input.initialOrgAdminEmail) config.initialOrgAdminEmail = input.initialOrgAdminEmail;
    if (input.hostname) config.hostname = input.hostname;
    if (input.caCertificate) config.customCa = { ...input.caCertificate };
    // Blob settings reach the same pods as the Postgres URL (the chart's common environment), which
    // already run under the identity's service accounts.
    if (input.blobStorage) config.blobStorage = blobStorageValues(input.blobStorage);

    const values: Values = {
        config,
        // The chart's own default is LoadBalancer (a public load balancer on most clusters).
        frontend: { service: { type: input.frontendServiceType ?? "ClusterIP" } },
        postgres: { external },
        insights: { enabled: input.insights },
        polly: { enabled: input.polly },
        fleet: { enabled: input.fleet ?? false },
    };
    const switches: Record<AgentFeature, boolean> = {
        insights: input.insights,
        polly: input.polly,
        fleet: input.fleet ?? false,
    };
    for (const spec of AGENT_FEATURES) {
        const stores = input.agentStores?.find((s) => s.feature === spec.feature);
        // An enabled feature without external stores would get the chart's own Postgres and Redis StatefulSets.
        if (switches[spec.feature] && !stores)
            throw new Error(`LangSmith values: ${spec.feature} is on but has no stores (agentStores)`);
        if (!stores || !switches[spec.feature]) continue;
        const block = agentFeatureSpec(stores.feature).storesBlock;
        setPath(values, [block, "postgres", "external"], {
            enabled: true,
            existingSecretName: stores.secretName,
            iamProvider: stores.postgresIamProvider,
        });
        setPath(values, [block, "redis", "external"], {
            enabled: true,
            existingSecretName: stores.secretName,
            ...(stores.redisIamProvider ? { iamProvider: stores.redisIamProvider } : {}),
        });
    }
    if (input.redis)
        // External Redis: the chart renders no Redis StatefulSet and gives every pod that reads Redis the URL.
        values.redis = {
            external: {
                enabled: true,
                existingSecretName: input.redis.secretName,
                connectionUrlSecretKey: CONNECTION_URL_KEY,
                iamAuthProvider: input.redis.iamAuthProvider,
                clusterSafeMode: input.redis.clusterSafeMode,
            },
        };
    if (input.hostname) values.ingress = { enabled: true };
    // The chart mounts client certificates with restricted modes; pods read them through fsGroup 1000.
    if (input.clientCertificate) values.commonPodSecurityContext = { fsGroup: 1000 };

    for (const sa of input.serviceAccounts) {
        // The service accounts are created (and annotated) outside the chart, from the same list.
        setPath(values, [...sa.componentPath, "serviceAccount"], { create: false, name: sa.name });
        if (Object.keys(input.podLabels).length > 0) {
            for (const labelPath of sa.podLabelPaths) setPath(values, labelPath, { ...input.podLabels });
        }
    }
    return input.extraValues ? mergeValues(values, input.extraValues) : values;
}

import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { buildConnectionUrl, tlsParams } from "../postgres/connectionUrl";
import { ADMIN_PASSWORD_GENERATOR } from "./adminPassword";
import type { PostgresConnection } from "../postgres/contract";
import type { RedisConnection } from "../redis/contract";
import { buildRedisUrl } from "../redis/url";
import type { WorkloadIdentityBinding } from "../identity/contract";
import { CONNECTION_URL_KEY, langsmithHelmValues, mergeValues } from "./values";
import { chartFullname, type PostgresServiceAccount } from "./workloads";
import {
    AGENT_FEATURES,
    AGENT_POSTGRES_URL_KEY,
    AGENT_REDIS_URL_KEY,
    agentDatabaseName,
    agentRedisDatabase,
    enabledAgentFeatures,
    inClusterRedisOf,
    inClusterRedisUrl,
    type AgentFeature,
} from "./agents";
import type { AgentStoresValues } from "./values";
import type { BlobStorageChartSettings } from "../blob/contract";
import {
    CLICKHOUSE_PASSWORD_GENERATOR,
    CLICKHOUSE_SECRET_KEYS,
    externalClickHouseValues,
    inClusterClickHouseConnection,
    inClusterClickHouseValues,
    type ClickHouseArgs,
} from "../clickhouse/contract";
import { LangSmithAuthType } from "./authType";
import { FrontendServiceType } from "./frontendServiceType";

export { FrontendServiceType, LangSmithAuthType };

/** A Secret holding the server's CA certificate (`config.customCa`). */
export interface CaCertificateSecret {
    /** Secret name in the release namespace. */
    secretName: string;
    /** Key of the PEM certificate in the Secret. */
    secretKey: string;
}

/** A Secret holding an mTLS client certificate and key. */
export interface ClientCertificateSecret {
    /** Secret name in the release namespace. */
    secretName: string;
    /** Key of the PEM certificate in the Secret. */
    certSecretKey: string;
    /** Key of the PEM private key in the Secret. */
    keySecretKey: string;
}

/** Arguments of {@link LangSmith}. */
export interface LangSmithArgs {
    /** Namespace of the release (created here unless `createNamespace` is false). */
    namespace: string;
    /** Create the namespace (default true). */
    createNamespace?: boolean;
    /** Helm release name. */
    releaseName: string;
    /** Chart version (pinned). */
    chartVersion: string;
    /** Helm repository URL. */
    chartRepository: string;
    /** Helm timeout in seconds. */
    timeoutSeconds: number;
    /**
     * A failed install or upgrade is rolled back by Helm (`atomic`, with `cleanupOnFail`): the last
     * good release keeps serving. Off, the failed pods stay for diagnosis.
     * @default false
     */
    rollbackOnFailure?: boolean;
    /** The managed database, as every cloud's Postgres component returns it. */
    postgres: PostgresConnection;
    /** Managed Redis reached by the same identity; absent: the chart's in-cluster Redis. */
    redis?: RedisConnection;
    /** The cloud's identity binding (annotations and pod labels). */
    identity: WorkloadIdentityBinding;
    /** Service accounts of the Postgres-connecting workloads (one list for identity and chart). */
    serviceAccounts: PostgresServiceAccount[];
    /** LangSmith license key (secret). */
    licenseKey: pulumi.Input<string>;
    /** `config.authType`. */
    authType: LangSmithAuthType;
    /** Basic auth with a generated initial admin password. */
    basicAuth: boolean;
    /** First admin's email (basic auth). */
    initialOrgAdminEmail?: string;
    /** Public host name: enables the ingress and `url`. */
    hostname?: string;
    /**
     * The Ingress serves TLS (a certificate Secret in `helmValues.ingress.tls`, or the cloud's
     * certificate on its load balancer): `url` is `https://` only then.
     * @default false
     */
    tls?: boolean;
    /**
     * `frontend.service.type`. The chart's own default is `LoadBalancer`; a private Service is the
     * default here, and exposing it is a choice.
     * @default "ClusterIP"
     */
    frontendServiceType?: FrontendServiceType;
    /** LangSmith Deployments. */
    deployments: boolean;
    /** Insights agent (needs a generated Fernet key). */
    insights: boolean;
    /** Polly agent (needs a generated Fernet key). */
    polly: boolean;
    /**
     * Fleet agent with its tool and trigger servers (needs a generated Fernet key, the agent builder's).
     * @default false
     */
    fleet?: boolean;
    /**
     * Each enabled agent feature's own database on the same server (created beforehand, e.g. by
     * `DatabaseBootstrap`'s `databases`), reached by the same identity.
     * @default `<postgres.database>_<feature>`
     */
    agentDatabases?: AgentDatabaseNames;
    /** LangSmith's schema in the database. */
    schema: string;
    /** Server CA Secret (`config.customCa`) for verify-full. */
    caCertificate?: CaCertificateSecret;
    /**
     * PEM bundle of the CAs that sign the database server's certificate. With `postgres.sslMode`
     * verify-full and no `caCertificate`, the component keeps it in a Secret of its own
     * (`<releaseName>-postgres-ca`, key `ca.crt`) and points `config.customCa` at it.
     */
    serverCaPem?: pulumi.Input<string>;
    /** mTLS client certificate Secret. */
    clientCertificate?: ClientCertificateSecret;
    /** Extra URL params for the connection URL. */
    extraUrlParams?: Record<string, string>;
    /** Keyless blob storage (`config.blobStorage`), from a cloud's blob storage component; unset: off. */
    blobStorage?: pulumi.Input<BlobStorageChartSettings>;
    /**
     * Where ClickHouse is: the chart's StatefulSet with this sizing, or an external server reached
     * through a connection Secret this component writes (the password only there, never in values).
     * Unset: the chart's own StatefulSet defaults. The in-cluster server (sized or not) gets a
     * generated password in that Secret instead of the chart's well-known default.
     */
    clickhouse?: ClickHouseArgs;
    /** Extra chart values, merged last. */
    // `any`, not `unknown`: the package schema can express arbitrary values only as `pulumi.json#/Any`.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    helmValues?: Record<string, any>;
}

/** The database of each agent feature, by feature. */
export interface AgentDatabaseNames {
    /** Insights' database. */
    insights?: string;
    /** Polly's database. */
    polly?: string;
    /** Fleet's database. */
    fleet?: string;
}

/**
 * A component's `dependsOn` as a list. Children do not inherit it, so the release names it itself:
 * installing LangSmith before the database bootstrap ran would start pods that cannot log in.
 */
function dependsOnList(dependsOn: pulumi.ComponentResourceOptions["dependsOn"]): pulumi.Input<pulumi.Resource>[] {
    if (dependsOn === undefined) return [];
    if (Array.isArray(dependsOn)) return dependsOn;
    if (pulumi.Resource.isInstance(dependsOn)) return [dependsOn];
    throw new Error("LangSmith: opts.dependsOn must be a resource or a list of resources");
}

/** 32 random bytes as a Fernet key: URL-safe base64 with `=` padding. */
export function fernetKeyFromBase64(b64: string): string {
    return b64.replace(/\+/g, "-").replace(/\//g, "_");
}

/**
 * The Kubernetes side, the same on every cloud: namespace, annotated service accounts, the
 * Postgres Secret (`connection_url`, no password), the chart's config Secret (license key and
 * generated keys, stable across updates) and the Helm release wired to all of it. The target
 * cluster is the Kubernetes provider in `opts.providers` (or `opts.provider`); the release also waits
 * for everything in `opts.dependsOn` (e.g. the database bootstrap).
 */
export class LangSmith extends pulumi.ComponentResource {
    /** The release namespace, when this component creates it. */
    public readonly namespace?: k8s.core.v1.Namespace;
    /** The annotated service accounts, one per Postgres-connecting workload. */
    public readonly serviceAccounts: k8s.core.v1.ServiceAccount[];
    /** Secret with `connection_url` (no password: IAM tokens). */
    public readonly postgresSecret: k8s.core.v1.Secret;
    /** Secret with the Redis `connection_url` (no password), with managed Redis. */
    public readonly redisSecret?: k8s.core.v1.Secret;
    /** One Secret per enabled agent feature: its Postgres and Redis URLs (no password). */
    public readonly agentSecrets: k8s.core.v1.Secret[];
    /** The chart's config Secret (license key and generated keys). */
    public readonly configSecret: k8s.core.v1.Secret;
    /**
     * The ClickHouse connection Secret (`clickhouse_*` keys, the password among them): the external
     * server's, or the in-cluster server's with a generated password.
     */
    public readonly clickhouseSecret: k8s.core.v1.Secret;
    /** The server CA Secret built from `serverCaPem` (verify-full without `caCertificate`). */
    public readonly caSecret?: k8s.core.v1.Secret;
    /** The Helm release. */
    public readonly release: k8s.helm.v3.Release;
    /** The chart values sent to Helm (Secret references only). */
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- arbitrary values are `Any` in the package schema
    public readonly values: pulumi.Output<Record<string, any>>;
    /** Name of the Helm release. */
    public readonly releaseName: pulumi.Output<string>;
    /** Status Helm reports for the release. */
    public readonly releaseStatus: pulumi.Output<string>;
    /** Namespace of the release. */
    public readonly namespaceName: pulumi.Output<string>;
    /** `https://<hostname>` when the Ingress serves TLS, `http://<hostname>` without TLS; unset without a host name. */
    public readonly url?: pulumi.Output<string>;
    /** The generated initial organisation admin password (secret), with basic auth. */
    public readonly initialAdminPassword?: pulumi.Output<string>;

    constructor(name: string, args: LangSmithArgs, opts?: pulumi.ComponentResourceOptions) {
        super("langsmith-iam:index:LangSmith", name, {}, opts);
        const k8sOpts = { parent: this };
        const labels = { "app.kubernetes.io/part-of": "langsmith", "app.kubernetes.io/managed-by": "pulumi" };

        if (args.createNamespace !== false) {
            this.namespace = new k8s.core.v1.Namespace(
                `${name}-ns`,
                { metadata: { name: args.namespace, labels } },
                k8sOpts,
            );
        }
        const nsOpts = { ...k8sOpts, dependsOn: this.namespace ? [this.namespace] : [] };
        /** An Opaque Secret in the release's namespace with the release's labels (every Secret this makes). */
        const opaqueSecret = (
            resourceName: string,
            stringData: k8s.core.v1.SecretArgs["stringData"],
            secretName?: pulumi.Input<string>,
        ) =>
            new k8s.core.v1.Secret(
                resourceName,
                {
                    metadata: {
                        ...(secretName !== undefined && { name: secretName }),
                        namespace: this.namespaceName,
                        labels,
                    },
                    type: "Opaque",
                    stringData,
                },
                nsOpts,
            );
        this.namespaceName = this.namespace ? this.namespace.metadata.name : pulumi.output(args.namespace);

        this.serviceAccounts = args.serviceAccounts.map(
            (sa) =>
                new k8s.core.v1.ServiceAccount(
                    `${name}-sa-${sa.name}`,
                    {
                        metadata: {
                            name: sa.name,
                            namespace: this.namespaceName,
                            labels,
                            annotations: args.identity.serviceAccountAnnotations,
                        },
                    },
                    nsOpts,
                ),
        );

        const pg = args.postgres;
        const connectionUrl = pulumi
            .all([pg.iamUser, pg.host, pg.port, pg.database])
            .apply(([user, host, port, database]) =>
                buildConnectionUrl({ user, host, port, database, params: tlsParams(pg.sslMode, args.extraUrlParams) }),
            );
        this.postgresSecret = opaqueSecret(`${name}-postgres`, { [CONNECTION_URL_KEY]: connectionUrl });

        const redis = args.redis;
        if (redis) {
            const redisUrl = pulumi
                .all([redis.user, redis.host, redis.port])
                .apply(([user, host, port]) => buildRedisUrl({ user, host, port, database: redis.database }));
            this.redisSecret = opaqueSecret(`${name}-redis`, { [CONNECTION_URL_KEY]: redisUrl });
        }

        // The agent features: each its own database on the same server and its own Redis database
        // where the topology has several, reached by the same identity (their pods are in the list).
        const agents = enabledAgentFeatures({ insights: args.insights, polly: args.polly, fleet: args.fleet ?? false });
        const fullname = chartFullname(
            args.releaseName,
            typeof args.helmValues?.fullnameOverride === "string" && args.helmValues.fullnameOverride !== ""
                ? args.helmValues.fullnameOverride
                : undefined,
        );
        const agentSecretOf = new Map<AgentFeature, k8s.core.v1.Secret>();
        for (const spec of agents) {
            const database = pulumi
                .output(pg.database)
                .apply((main) => args.agentDatabases?.[spec.feature] ?? agentDatabaseName(main, spec.feature));
            // The agents' URL carries the scheme (the chart passes it to them as is).
            const postgresUrl = pulumi
                .all([pg.iamUser, pg.host, pg.port, database])
                .apply(
                    ([user, host, port, db]) =>
                        `postgres://${buildConnectionUrl({ user, host, port, database: db, params: tlsParams(pg.sslMode, args.extraUrlParams) })}`,
                );
            const redisUrl = redis
                ? pulumi.all([redis.user, redis.host, redis.port]).apply(([user, host, port]) =>
                      buildRedisUrl({
                          user,
                          host,
                          port,
                          database: agentRedisDatabase(redis.database, spec.feature),
                      }),
                  )
                : this.namespaceName.apply((ns) =>
                      // The chart's own Redis (database 0 is the app's).
                      inClusterRedisUrl(
                          inClusterRedisOf(fullname, ns, args.helmValues),
                          agentRedisDatabase(0, spec.feature) as number,
                      ),
                  );
            agentSecretOf.set(
                spec.feature,
                opaqueSecret(`${name}-${spec.feature}-stores`, {
                    [AGENT_POSTGRES_URL_KEY]: postgresUrl,
                    [AGENT_REDIS_URL_KEY]: redisUrl,
                }),
            );
        }
        this.agentSecrets = [...agentSecretOf.values()];

        // Generated once and kept in state: re-running never rotates them.
        const childOpts = { parent: this };
        const apiKeySalt = new random.RandomPassword(`${name}-api-key-salt`, { length: 48, special: false }, childOpts);
        const jwtSecret = new random.RandomPassword(`${name}-jwt-secret`, { length: 64, special: false }, childOpts);
        const configData: Record<string, pulumi.Input<string>> = {
            langsmith_license_key: pulumi.secret(args.licenseKey),
            api_key_salt: apiKeySalt.result,
            jwt_secret: jwtSecret.result,
        };
        if (args.basicAuth) {
            const adminPassword = new random.RandomPassword(
                `${name}-admin-password`,
                ADMIN_PASSWORD_GENERATOR,
                childOpts,
            );
            configData.initial_org_admin_password = adminPassword.result;
            this.initialAdminPassword = pulumi.secret(adminPassword.result);
        }
        // Application data keys (the agents encrypt what they store with them), not store credentials.
        for (const spec of AGENT_FEATURES) {
            if (agents.includes(spec)) {
                configData[spec.encryptionSecretKey] = new random.RandomBytes(
                    `${name}-${spec.feature}-key`,
                    { length: 32 },
                    childOpts,
                ).base64.apply(fernetKeyFromBase64);
            }
        }
        this.configSecret = opaqueSecret(`${name}-config`, pulumi.secret(configData));

        // verify-full without a CA Secret of the stack's own: the cloud's CA bundle, kept here. A managed
        // Redis whose CA no public root signs (Memorystore) joins the same bundle: the chart has one
        // trust file for every client (`config.customCa`).
        let caCertificate = args.caCertificate;
        const postgresCa = !caCertificate && args.serverCaPem !== undefined && pg.sslMode === "verify-full";
        const redisCa = !caCertificate ? redis?.serverCaPem : undefined;
        if (postgresCa || redisCa) {
            const kind = postgresCa ? "postgres-ca" : "server-ca";
            caCertificate = { secretName: `${args.releaseName}-${kind}`, secretKey: "ca.crt" };
            const bundle = pulumi.all([postgresCa ? args.serverCaPem : "", redisCa ?? ""]).apply(
                (pems) =>
                    pems
                        .map((p) => (p ?? "").trim())
                        .filter((p) => p !== "")
                        .join("\n") + "\n",
            );
            this.caSecret = opaqueSecret(
                `${name}-${kind}`,
                { [caCertificate.secretKey]: bundle },
                caCertificate.secretName,
            );
        }

        const clickhouse = args.clickhouse;
        if (clickhouse?.inCluster && clickhouse.external)
            throw new Error("LangSmith: args.clickhouse takes inCluster or external, not both");
        const external = clickhouse?.external;
        if (external) {
            const tls = external.tls ?? true;
            const keys = CLICKHOUSE_SECRET_KEYS;
            // Secret in state as a whole: the password is among its keys.
            this.clickhouseSecret = opaqueSecret(
                `${name}-clickhouse`,
                pulumi.secret({
                    [keys.host]: external.host,
                    [keys.port]: String(external.port ?? (tls ? 8443 : 8123)),
                    [keys.nativePort]: String(external.nativePort ?? (tls ? 9440 : 9000)),
                    [keys.user]: external.user ?? "default",
                    [keys.password]: external.password,
                    [keys.database]: external.database ?? "default",
                    [keys.tls]: String(tls),
                }),
            );
        } else {
            // The chart's in-cluster server: a generated password instead of the chart's well-known
            // default, in a Secret the server and every client read (kept in state as a secret, like
            // the salts above; stable across updates).
            const password = new random.RandomPassword(
                `${name}-clickhouse-password`,
                CLICKHOUSE_PASSWORD_GENERATOR,
                childOpts,
            );
            const keys = CLICKHOUSE_SECRET_KEYS;
            const data = pulumi.all([this.namespaceName, password.result]).apply(([ns, pw]): Record<string, string> => {
                const c = inClusterClickHouseConnection(fullname, ns, args.helmValues);
                return {
                    [keys.host]: c.host,
                    [keys.port]: String(c.port),
                    [keys.nativePort]: String(c.nativePort),
                    [keys.user]: c.user,
                    [keys.password]: pw,
                    [keys.database]: c.database,
                    [keys.tls]: "false",
                };
            });
            this.clickhouseSecret = opaqueSecret(`${name}-clickhouse`, pulumi.secret(data));
        }
        const clickhouseValues = pulumi
            .all([this.clickhouseSecret.metadata.name, clickhouse?.inCluster?.storageClassName])
            .apply(([secretName, storageClassName]): Record<string, unknown> => {
                if (external) return { clickhouse: externalClickHouseValues(secretName, external) };
                const inCluster = clickhouse?.inCluster;
                return {
                    clickhouse: inClusterClickHouseValues(
                        secretName,
                        inCluster ? { ...inCluster, storageClassName } : undefined,
                    ),
                };
            });

        this.values = pulumi
            .all([
                this.postgresSecret.metadata.name,
                this.configSecret.metadata.name,
                this.redisSecret?.metadata.name ?? pulumi.output(undefined),
                args.blobStorage,
                pulumi.all(
                    [...agentSecretOf.entries()].map(([feature, secret]) =>
                        secret.metadata.name.apply((secretName) => ({ feature, secretName })),
                    ),
                ),
                clickhouseValues,
            ])
            .apply(([postgresSecretName, configSecretName, redisSecretName, blobStorage, agentSecretNames, chValues]) =>
                langsmithHelmValues({
                    blobStorage,
                    serviceAccounts: args.serviceAccounts,
                    podLabels: args.identity.podLabels,
                    iamAuthProvider: pg.iamAuthProvider,
                    postgresSecretName,
                    configSecretName,
                    schema: args.schema,
                    authType: args.authType,
                    basicAuth: args.basicAuth,
                    initialOrgAdminEmail: args.initialOrgAdminEmail,
                    hostname: args.hostname,
                    frontendServiceType: args.frontendServiceType ?? FrontendServiceType.ClusterIP,
                    deployments: args.deployments,
                    insights: args.insights,
                    polly: args.polly,
                    fleet: args.fleet ?? false,
                    agentStores: agentSecretNames.map(({ feature, secretName }): AgentStoresValues => ({
                        feature,
                        secretName,
                        postgresIamProvider: pg.iamAuthProvider,
                        ...(redis ? { redisIamProvider: redis.iamAuthProvider } : {}),
                    })),
                    caCertificate,
                    // Postgres' customTls only when its own CA is in the bundle (or the stack's Secret).
                    postgresCustomTls: args.caCertificate !== undefined || postgresCa,
                    clientCertificate: args.clientCertificate,
                    redis:
                        redis && redisSecretName
                            ? {
                                  secretName: redisSecretName,
                                  iamAuthProvider: redis.iamAuthProvider,
                                  clusterSafeMode: redis.clusterSafeMode,
                              }
                            : undefined,
                    // ClickHouse's values first, the user's helmValues last (they win).
                    extraValues: mergeValues(chValues, args.helmValues ?? {}),
                }),
            );

        this.release = new k8s.helm.v3.Release(
            `${name}-release`,
            {
                name: args.releaseName,
                chart: "langsmith",
                version: args.chartVersion,
                repositoryOpts: { repo: args.chartRepository },
                namespace: this.namespaceName,
                values: this.values,
                timeout: args.timeoutSeconds,
                // Helm's own failure handling: rollback to the last good revision and removal of what
                // the failed upgrade created, or nothing (docs/UPGRADE.md, "Chart upgrades").
                atomic: args.rollbackOnFailure ?? false,
                cleanupOnFail: args.rollbackOnFailure ?? false,
                waitForJobs: true,
            },
            {
                ...k8sOpts,
                dependsOn: [
                    ...(this.namespace ? [this.namespace] : []),
                    ...this.serviceAccounts,
                    this.postgresSecret,
                    ...(this.redisSecret ? [this.redisSecret] : []),
                    ...this.agentSecrets,
                    this.clickhouseSecret,
                    this.configSecret,
                    ...(this.caSecret ? [this.caSecret] : []),
                    ...dependsOnList(opts?.dependsOn),
                ],
            },
        );
        this.releaseName = this.release.status.name;
        this.releaseStatus = this.release.status.status;
        if (args.hostname) this.url = pulumi.output(`${args.tls ? "https" : "http"}://${args.hostname}`);
        this.registerOutputs({
            namespace: this.namespaceName,
            releaseName: this.releaseName,
            releaseStatus: this.releaseStatus,
            url: this.url,
        });
    }
}

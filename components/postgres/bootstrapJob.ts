import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { createHash } from "node:crypto";
import {
    AWS_IAM_ROLE_MODEL,
    AZURE_IAM_ROLE_MODEL,
    bootstrapSql,
    createDatabasesSql,
    GCP_IAM_ROLE_MODEL,
    type IamRoleModel,
} from "./bootstrapSql";
import type { BootstrapLogin, BootstrapServiceAccount } from "./bootstrapLogin";
import type { IamAuthProvider } from "./contract";
import { credentialScript } from "./credentialScript";

/** Arguments of {@link DatabaseBootstrap}. */
export interface DatabaseBootstrapArgs {
    /**
     * Namespace for the Job, its service account and ConfigMap; LangSmith's service accounts have no
     * access to it. Must be `serviceAccount.namespace`.
     */
    namespace: string;
    /** Create the namespace (default true). */
    createNamespace?: boolean;
    /** Database host reachable from the cluster (an address when `login.tlsServerName` is given). */
    host: pulumi.Input<string>;
    /** Database port. */
    port: pulumi.Input<number>;
    /** The database the script runs in (the LangSmith database). */
    database: pulumi.Input<string>;
    /** Who the Job logs in as, how it fetches that credential at run time, and the server's CA. */
    login: BootstrapLogin;
    /** The Job's own service account (created here, with `login.serviceAccountAnnotations`). */
    serviceAccount: BootstrapServiceAccount;
    /** The bootstrap SQL; a change re-runs the Job. Give this, or `iamLogin` to have it built here. */
    sql?: pulumi.Input<string>;
    /** The IAM login to create and grant the database to, with the cloud's role model (instead of `sql`). */
    iamLogin?: BootstrapIamLogin;
    /**
     * Image that has `psql`.
     * @default "postgres:17-alpine"
     */
    image?: string;
    /**
     * Image with Node.js (20 or later) that runs the credential script.
     * @default "node:22-alpine"
     */
    credentialImage?: string;
    /**
     * SQL run first, in another database of the same server, as the same login (Azure: the
     * `pgaadauth_*` functions that create Entra principals exist only in database `postgres`).
     * @default none
     */
    preSql?: BootstrapPreSql;
    /**
     * Further databases of their own on the same server (e.g. one per agent feature): the Job
     * creates each that is missing, then runs its SQL connected to it, before the main script.
     * @default none
     */
    databases?: BootstrapDatabase[];
}

/** A database {@link DatabaseBootstrap} creates when missing and prepares with its own SQL. */
export interface BootstrapDatabase {
    /** The database's name. */
    name: string;
    /**
     * SQL run in it, in one transaction (e.g. {@link bootstrapSql} for this database).
     * @default built from `iamLogin` with the cloud's role model, schema `public`, no extensions
     */
    sql?: pulumi.Input<string>;
}

/** A script the Job runs before the bootstrap SQL, in the database it names. */
export interface BootstrapPreSql {
    /** The database it runs in. */
    database: pulumi.Input<string>;
    /** The SQL (a change re-runs the Job). */
    sql: pulumi.Input<string>;
}

/** The IAM login {@link DatabaseBootstrap} creates when it builds the SQL itself ({@link bootstrapSql}). */
export interface BootstrapIamLogin {
    /** The database user the workload logs in as (for GCP and Azure: the user the cloud created). */
    iamUser: pulumi.Input<string>;
    /** Whose role model to follow: `aws` (the admin creates the login), `gcp` or `azure` (the cloud did). */
    cloud: IamAuthProvider;
    /**
     * The schema the workload's tables live in.
     * @default "public"
     */
    schema?: string;
    /**
     * Extensions to create in that schema.
     * @default LangSmith's six (btree_gin, btree_gist, pgcrypto, citext, ltree, pg_trgm)
     */
    extensions?: string[];
}

const ROLE_MODELS: Record<IamAuthProvider, IamRoleModel> = {
    aws: AWS_IAM_ROLE_MODEL,
    gcp: GCP_IAM_ROLE_MODEL,
    azure: AZURE_IAM_ROLE_MODEL,
};

/** The Job's SQL: as given, or built from `iamLogin` with the cloud's role model. */
function bootstrapSqlOf(name: string, args: DatabaseBootstrapArgs): pulumi.Input<string> {
    if (args.sql !== undefined && args.iamLogin === undefined) return args.sql;
    if (args.sql === undefined && args.iamLogin !== undefined) {
        const login = args.iamLogin;
        return pulumi.all([args.database, login.iamUser]).apply(([database, iamUser]) =>
            bootstrapSql({
                model: ROLE_MODELS[login.cloud],
                database,
                schema: login.schema ?? "public",
                iamUser,
                extensions: login.extensions,
            }),
        );
    }
    throw new Error(`${name}: give exactly one of sql and iamLogin`);
}

/** Each further database's SQL: as given, or built from `iamLogin` (no extensions). */
function databaseSqlOf(name: string, args: DatabaseBootstrapArgs, database: BootstrapDatabase): pulumi.Input<string> {
    if (database.sql !== undefined) return database.sql;
    const login = args.iamLogin;
    if (login === undefined) throw new Error(`${name}: database ${database.name} needs its sql (or give iamLogin)`);
    return pulumi.output(login.iamUser).apply((iamUser) =>
        bootstrapSql({
            model: ROLE_MODELS[login.cloud],
            database: database.name,
            schema: "public",
            iamUser,
            extensions: [],
        }),
    );
}

/** The Job's own limits: retries (pods) and the wall-clock deadline of the whole Job. */
export const BOOTSTRAP_JOB_BACKOFF_LIMIT = 6;
export const BOOTSTRAP_JOB_DEADLINE_SECONDS = 900;
/** Time for the Job controller to mark the Job failed and for the provider to see it. */
export const BOOTSTRAP_JOB_AWAIT_GRACE_SECONDS = 120;

/**
 * Seconds the Job controller waits between failed pods before it reaches `backoffLimit`: 10 s,
 * doubled after each failure, capped at 6 minutes
 * (https://kubernetes.io/docs/concepts/workloads/controllers/job/#pod-backoff-failure-policy).
 */
export function jobBackoffSeconds(backoffLimit: number): number {
    let total = 0;
    for (let i = 0; i < backoffLimit; i++) total += Math.min(10 * 2 ** i, 360);
    return total;
}

/**
 * How long Pulumi waits for the Job: `activeDeadlineSeconds` bounds the whole Job, retries and
 * back-off included (Kubernetes then fails it with DeadlineExceeded), so the await covers the
 * deadline, or the back-off schedule if that were longer, plus a grace period. The Kubernetes
 * provider's own default is 10 minutes, shorter than the Job's deadline.
 */
export function jobAwaitTimeoutSeconds(
    backoffLimit: number,
    activeDeadlineSeconds: number,
    graceSeconds: number = BOOTSTRAP_JOB_AWAIT_GRACE_SECONDS,
): number {
    return Math.max(activeDeadlineSeconds, jobBackoffSeconds(backoffLimit)) + graceSeconds;
}

/** Short content hash used in the Job's name, so new SQL (or a new credential script) means a new Job that runs again. */
export function sqlHash(sql: string): string {
    return createHash("sha256").update(sql).digest("hex").slice(0, 10);
}

/** `opts.dependsOn` as a list (a component's own dependencies do not reach its children by themselves). */
function dependsOnList(dependsOn: pulumi.ComponentResourceOptions["dependsOn"]): pulumi.Input<pulumi.Resource>[] {
    if (dependsOn === undefined) return [];
    if (Array.isArray(dependsOn)) return dependsOn;
    if (pulumi.Resource.isInstance(dependsOn)) return [dependsOn];
    throw new Error("DatabaseBootstrap: opts.dependsOn must be a resource or a list of resources");
}

/** Where the pod's files are: the ConfigMap (SQL, script, CA) and the memory-backed password file. */
export const BOOTSTRAP_FILES = {
    configDir: "/bootstrap",
    sql: "/bootstrap/bootstrap.sql",
    preSql: "/bootstrap/pre.sql",
    createDatabases: "/bootstrap/create-databases.sql",
    script: "/bootstrap/fetch-credential.mjs",
    ca: "/bootstrap/ca.pem",
    pgpassDir: "/run/pg",
    pgpass: "/run/pg/pgpass",
} as const;

/** UID and GID of the `postgres` user of the alpine postgres image; the node step runs as the same, so psql can read its file. */
const POSTGRES_UID = 70;

/** The init container's environment: what the credential script needs besides what the platform injects. */
function credentialEnv(login: BootstrapLogin): k8s.types.input.core.v1.EnvVar[] {
    const base = [
        { name: "BOOTSTRAP_DB_USER", value: login.user },
        { name: "PGPASSFILE", value: BOOTSTRAP_FILES.pgpass },
    ];
    const credential = login.credential;
    switch (credential.cloud) {
        case "aws":
            if (!credential.region || credential.secretArn === undefined)
                throw new Error("DatabaseBootstrap: an aws credential needs region and secretArn");
            return [
                ...base,
                { name: "AWS_REGION", value: credential.region },
                { name: "BOOTSTRAP_SECRET_ARN", value: credential.secretArn },
            ];
        case "gcp":
            return base;
        case "azure":
            // AZURE_CLIENT_ID, AZURE_TENANT_ID, AZURE_FEDERATED_TOKEN_FILE and AZURE_AUTHORITY_HOST come
            // from the Workload Identity webhook (service account annotation, pod label).
            return base;
    }
}

/**
 * Runs the bootstrap SQL inside the cluster (the database is private) as a Kubernetes Job on its own
 * service account in a namespace of its own. No password exists anywhere Pulumi or Kubernetes
 * stores: an init container fetches the administrator's credential at run time with the Job's own
 * workload identity (RDS's managed secret, or a GCP / Entra access token) and writes it to a
 * memory-backed password file; psql then connects with `verify-full` against the CA in the
 * ConfigMap. Pulumi waits for the Job to complete, so anything that depends on this component starts
 * only after the database is ready for LangSmith. The target cluster is the Kubernetes provider in
 * `opts.providers` (or `opts.provider`).
 */
export class DatabaseBootstrap extends pulumi.ComponentResource {
    /** The Job's namespace, when this component creates it. */
    public readonly namespace?: k8s.core.v1.Namespace;
    /** The Job's own service account (the workload identity's subject). */
    public readonly serviceAccount: k8s.core.v1.ServiceAccount;
    /** ConfigMap with the bootstrap SQL, the credential script and the server's CA (`ca.pem`). */
    public readonly script: k8s.core.v1.ConfigMap;
    /** The Job running psql (replaced when the SQL changes). */
    public readonly job: k8s.batch.v1.Job;
    /** The Job's name (changes with the SQL and the credential script). */
    public readonly jobName: pulumi.Output<string>;

    constructor(name: string, args: DatabaseBootstrapArgs, opts?: pulumi.ComponentResourceOptions) {
        super("langsmith-iam:index:DatabaseBootstrap", name, {}, opts);
        if (args.serviceAccount.namespace !== args.namespace)
            throw new Error(
                `${name}: serviceAccount.namespace (${args.serviceAccount.namespace}) is not the Job's namespace (${args.namespace})`,
            );
        const sql = bootstrapSqlOf(name, args);
        const script = credentialScript();
        const login = args.login;
        const k8sOpts = { parent: this };
        const labels = { "app.kubernetes.io/name": "database-bootstrap", "app.kubernetes.io/managed-by": "pulumi" };

        if (args.createNamespace !== false) {
            this.namespace = new k8s.core.v1.Namespace(
                `${name}-ns`,
                { metadata: { name: args.namespace, labels } },
                k8sOpts,
            );
        }
        const nsOpts = { ...k8sOpts, dependsOn: this.namespace ? [this.namespace] : [] };
        const namespace = this.namespace ? this.namespace.metadata.name : pulumi.output(args.namespace);

        this.serviceAccount = new k8s.core.v1.ServiceAccount(
            `${name}-sa`,
            {
                metadata: {
                    name: args.serviceAccount.name,
                    namespace,
                    labels,
                    annotations: login.serviceAccountAnnotations,
                },
                // The identity webhooks project their own token; the Kubernetes API token is not needed.
                automountServiceAccountToken: false,
            },
            nsOpts,
        );
        const preSql = args.preSql;
        const databases = (args.databases ?? []).map((database, i) => ({
            name: database.name,
            key: `database-${i}.sql`,
            sql: databaseSqlOf(name, args, database),
        }));
        const names = databases.map((d) => d.name);
        if (new Set(names).size !== names.length)
            throw new Error(`${name}: databases lists a database twice (${names.join(", ")})`);
        const createSql = databases.length > 0 ? createDatabasesSql(names) : undefined;
        this.script = new k8s.core.v1.ConfigMap(
            `${name}-sql`,
            {
                metadata: { namespace, labels },
                data: {
                    "bootstrap.sql": sql,
                    ...(preSql ? { "pre.sql": preSql.sql } : {}),
                    ...(createSql ? { "create-databases.sql": createSql } : {}),
                    ...Object.fromEntries(databases.map((d) => [d.key, d.sql])),
                    "fetch-credential.mjs": script,
                    "ca.pem": login.caCertificate,
                },
            },
            nsOpts,
        );

        const hash = pulumi
            .all([sql, preSql?.sql ?? "", pulumi.all(databases.map((d) => d.sql))])
            .apply(([text, pre, perDatabase]) => {
                // Without further databases the input is what it always was, so existing Jobs keep their names.
                const extra = createSql === undefined ? "" : `${createSql}\n${perDatabase.join("\n")}\n`;
                return sqlHash(pre === "" ? `${extra}${text}\n${script}` : `${pre}\n${extra}${text}\n${script}`);
            });
        const tlsServerName = login.tlsServerName;
        // libpq checks the certificate against PGHOST and connects to PGHOSTADDR when both are set.
        const hostEnv: k8s.types.input.core.v1.EnvVar[] = tlsServerName
            ? [
                  { name: "PGHOST", value: tlsServerName },
                  { name: "PGHOSTADDR", value: args.host },
              ]
            : [{ name: "PGHOST", value: args.host }];
        const containerSecurity = {
            allowPrivilegeEscalation: false,
            readOnlyRootFilesystem: true,
            capabilities: { drop: ["ALL"] },
        };
        // psql with the fetched credential, verify-full against the CA, one transaction per script.
        const psql = (container: string, file: string, database: pulumi.Input<string>, oneTransaction = true) => ({
            name: container,
            image: args.image ?? "postgres:17-alpine",
            command: [
                "psql",
                "-X",
                "-v",
                "ON_ERROR_STOP=1",
                ...(oneTransaction ? ["--single-transaction"] : []),
                "-f",
                file,
            ],
            env: [
                ...hostEnv,
                { name: "PGPORT", value: pulumi.output(args.port).apply(String) },
                { name: "PGDATABASE", value: database },
                { name: "PGUSER", value: login.user },
                { name: "PGPASSFILE", value: BOOTSTRAP_FILES.pgpass },
                { name: "PGSSLMODE", value: "verify-full" },
                { name: "PGSSLROOTCERT", value: BOOTSTRAP_FILES.ca },
                { name: "PGCONNECT_TIMEOUT", value: "10" },
            ],
            volumeMounts: [
                { name: "bootstrap", mountPath: BOOTSTRAP_FILES.configDir, readOnly: true },
                { name: "pgpass", mountPath: BOOTSTRAP_FILES.pgpassDir, readOnly: true },
            ],
            // A failed psql leaves the tail of its output in the pod status, which the provider's Job
            // await puts in the error of `pulumi up`.
            terminationMessagePolicy: "FallbackToLogsOnError",
            resources: { requests: { cpu: "50m", memory: "64Mi" }, limits: { memory: "128Mi" } },
            securityContext: containerSecurity,
        });
        const awaitSeconds = jobAwaitTimeoutSeconds(BOOTSTRAP_JOB_BACKOFF_LIMIT, BOOTSTRAP_JOB_DEADLINE_SECONDS);
        this.job = new k8s.batch.v1.Job(
            `${name}-job`,
            {
                metadata: {
                    name: hash.apply((h) => `${name}-${h}`.slice(0, 63)),
                    namespace,
                    labels,
                    // A failed Job is replaced on the next `pulumi up` instead of blocking it.
                    annotations: { "pulumi.com/replaceUnready": "true" },
                },
                spec: {
                    backoffLimit: BOOTSTRAP_JOB_BACKOFF_LIMIT,
                    activeDeadlineSeconds: BOOTSTRAP_JOB_DEADLINE_SECONDS,
                    template: {
                        metadata: {
                            labels: { ...labels, ...login.podLabels },
                            annotations: { "langsmith-iam/sql-sha256": hash },
                        },
                        spec: {
                            serviceAccountName: this.serviceAccount.metadata.name,
                            restartPolicy: "Never",
                            automountServiceAccountToken: false,
                            securityContext: {
                                runAsNonRoot: true,
                                runAsUser: POSTGRES_UID,
                                runAsGroup: POSTGRES_UID,
                                seccompProfile: { type: "RuntimeDefault" },
                            },
                            initContainers: [
                                {
                                    name: "credential",
                                    image: args.credentialImage ?? "node:22-alpine",
                                    command: ["node", BOOTSTRAP_FILES.script, login.credential.cloud],
                                    env: credentialEnv(login),
                                    volumeMounts: [
                                        { name: "bootstrap", mountPath: BOOTSTRAP_FILES.configDir, readOnly: true },
                                        { name: "pgpass", mountPath: BOOTSTRAP_FILES.pgpassDir },
                                    ],
                                    terminationMessagePolicy: "FallbackToLogsOnError",
                                    resources: {
                                        requests: { cpu: "50m", memory: "64Mi" },
                                        limits: { memory: "128Mi" },
                                    },
                                    securityContext: containerSecurity,
                                },
                                // Runs to completion before the main script, with the same credential file.
                                ...(preSql ? [psql("pre-sql", BOOTSTRAP_FILES.preSql, preSql.database)] : []),
                                // CREATE DATABASE cannot run in a transaction block; each statement commits alone.
                                ...(createSql
                                    ? [psql("create-databases", BOOTSTRAP_FILES.createDatabases, args.database, false)]
                                    : []),
                                ...databases.map((d, i) =>
                                    psql(`database-${i}`, `${BOOTSTRAP_FILES.configDir}/${d.key}`, d.name),
                                ),
                            ],
                            containers: [psql("psql", BOOTSTRAP_FILES.sql, args.database)],
                            volumes: [
                                { name: "bootstrap", configMap: { name: this.script.metadata.name } },
                                // The password file lives in memory only, for the life of the pod.
                                { name: "pgpass", emptyDir: { medium: "Memory", sizeLimit: "1Mi" } },
                            ],
                        },
                    },
                },
            },
            {
                ...nsOpts,
                // What the component was told to wait for (the identity's policy, the database user)
                // must exist before the pod fetches its credential: forwarded explicitly.
                dependsOn: [
                    ...(this.namespace ? [this.namespace] : []),
                    this.serviceAccount,
                    this.script,
                    ...dependsOnList(opts?.dependsOn),
                ],
                customTimeouts: { create: `${awaitSeconds}s`, update: `${awaitSeconds}s` },
            },
        );
        this.jobName = this.job.metadata.name;
        this.registerOutputs({ jobName: this.jobName });
    }
}

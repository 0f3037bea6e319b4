import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { createHash } from "node:crypto";
import {
    AWS_IAM_ROLE_MODEL,
    AZURE_IAM_ROLE_MODEL,
    bootstrapSql,
    GCP_IAM_ROLE_MODEL,
    type IamRoleModel,
} from "./bootstrapSql";
import type { IamAuthProvider } from "./contract";

/** Arguments of {@link DatabaseBootstrap}. */
export interface DatabaseBootstrapArgs {
    /** Namespace for the Job and the admin Secret; LangSmith's service accounts have no access to it. */
    namespace: string;
    /** Create the namespace (default true). */
    createNamespace?: boolean;
    /** Database host reachable from the cluster. */
    host: pulumi.Input<string>;
    /** Database port. */
    port: pulumi.Input<number>;
    /** The database the script runs in (the LangSmith database). */
    database: pulumi.Input<string>;
    /** Administrator user (cloud's master / built-in admin). */
    adminUser: pulumi.Input<string>;
    /** Administrator password (secret). */
    adminPassword: pulumi.Input<string>;
    /** The bootstrap SQL; a change re-runs the Job. Give this, or `iamLogin` to have it built here. */
    sql?: pulumi.Input<string>;
    /** The IAM login to create and grant the database to, with the cloud's role model (instead of `sql`). */
    iamLogin?: BootstrapIamLogin;
    /**
     * Image that has `psql`.
     * @default "postgres:17-alpine"
     */
    image?: string;
    /** sslmode for the admin connection (TLS always). */
    sslMode?: string;
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
    graceSeconds = BOOTSTRAP_JOB_AWAIT_GRACE_SECONDS,
): number {
    return Math.max(activeDeadlineSeconds, jobBackoffSeconds(backoffLimit)) + graceSeconds;
}

/** Short content hash used in the Job's name, so new SQL means a new Job that runs again. */
export function sqlHash(sql: string): string {
    return createHash("sha256").update(sql).digest("hex").slice(0, 10);
}

/**
 * Runs the bootstrap SQL inside the cluster (the database is private) as a Kubernetes Job, with the
 * admin password from a Secret in a namespace of its own. Pulumi waits for the Job to complete, so
 * anything that depends on this component starts only after the database is ready for LangSmith.
 * The target cluster is the Kubernetes provider in `opts.providers` (or `opts.provider`).
 */
export class DatabaseBootstrap extends pulumi.ComponentResource {
    /** The Job's namespace, when this component creates it. */
    public readonly namespace?: k8s.core.v1.Namespace;
    /** Secret with the administrator password (PGPASSWORD). */
    public readonly adminSecret: k8s.core.v1.Secret;
    /** ConfigMap with the bootstrap SQL. */
    public readonly script: k8s.core.v1.ConfigMap;
    /** The Job running psql (replaced when the SQL changes). */
    public readonly job: k8s.batch.v1.Job;
    /** The Job's name (changes with the SQL). */
    public readonly jobName: pulumi.Output<string>;

    constructor(name: string, args: DatabaseBootstrapArgs, opts?: pulumi.ComponentResourceOptions) {
        super("langsmith-iam:index:DatabaseBootstrap", name, {}, opts);
        const sql = bootstrapSqlOf(name, args);
        const k8sOpts = { parent: this };
        const labels = { "app.kubernetes.io/name": "langsmith-db-bootstrap", "app.kubernetes.io/managed-by": "pulumi" };

        if (args.createNamespace !== false) {
            this.namespace = new k8s.core.v1.Namespace(
                `${name}-ns`,
                { metadata: { name: args.namespace, labels } },
                k8sOpts,
            );
        }
        const nsOpts = { ...k8sOpts, dependsOn: this.namespace ? [this.namespace] : [] };
        const namespace = this.namespace ? this.namespace.metadata.name : pulumi.output(args.namespace);

        this.adminSecret = new k8s.core.v1.Secret(
            `${name}-admin`,
            {
                metadata: { namespace, labels },
                type: "Opaque",
                stringData: { PGPASSWORD: pulumi.secret(args.adminPassword) },
            },
            nsOpts,
        );
        this.script = new k8s.core.v1.ConfigMap(
            `${name}-sql`,
            { metadata: { namespace, labels }, data: { "bootstrap.sql": sql } },
            nsOpts,
        );

        const hash = pulumi.output(sql).apply(sqlHash);
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
                        metadata: { labels, annotations: { "langsmith-iam/sql-sha256": hash } },
                        spec: {
                            restartPolicy: "Never",
                            automountServiceAccountToken: false,
                            securityContext: {
                                runAsNonRoot: true,
                                runAsUser: 70,
                                runAsGroup: 70,
                                seccompProfile: { type: "RuntimeDefault" },
                            },
                            containers: [
                                {
                                    name: "psql",
                                    image: args.image ?? "postgres:17-alpine",
                                    command: [
                                        "psql",
                                        "-X",
                                        "-v",
                                        "ON_ERROR_STOP=1",
                                        "--single-transaction",
                                        "-f",
                                        "/bootstrap/bootstrap.sql",
                                    ],
                                    env: [
                                        { name: "PGHOST", value: args.host },
                                        { name: "PGPORT", value: pulumi.output(args.port).apply(String) },
                                        { name: "PGDATABASE", value: args.database },
                                        { name: "PGUSER", value: args.adminUser },
                                        { name: "PGSSLMODE", value: args.sslMode ?? "require" },
                                        { name: "PGCONNECT_TIMEOUT", value: "10" },
                                        {
                                            name: "PGPASSWORD",
                                            valueFrom: {
                                                secretKeyRef: {
                                                    name: this.adminSecret.metadata.name,
                                                    key: "PGPASSWORD",
                                                },
                                            },
                                        },
                                    ],
                                    volumeMounts: [{ name: "sql", mountPath: "/bootstrap", readOnly: true }],
                                    // A failed psql leaves the tail of its output in the pod status, which
                                    // the provider's Job await puts in the error of `pulumi up`.
                                    terminationMessagePolicy: "FallbackToLogsOnError",
                                    resources: {
                                        requests: { cpu: "50m", memory: "64Mi" },
                                        limits: { memory: "128Mi" },
                                    },
                                    securityContext: {
                                        allowPrivilegeEscalation: false,
                                        readOnlyRootFilesystem: true,
                                        capabilities: { drop: ["ALL"] },
                                    },
                                },
                            ],
                            volumes: [{ name: "sql", configMap: { name: this.script.metadata.name } }],
                        },
                    },
                },
            },
            {
                ...nsOpts,
                dependsOn: [...(this.namespace ? [this.namespace] : []), this.adminSecret, this.script],
                customTimeouts: { create: `${awaitSeconds}s`, update: `${awaitSeconds}s` },
            },
        );
        this.jobName = this.job.metadata.name;
        this.registerOutputs({ jobName: this.jobName });
    }
}

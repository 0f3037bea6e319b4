import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import type { SslMode } from "../postgres/sslMode";
import { IamAuthProvider, type PostgresAdminLogin, type PostgresConnection } from "../postgres/contract";
import { CLOUD_SQL_LOGIN_ROLE, cloudSqlInstanceCondition, iamUserPrincipal } from "./cloudSqlLogin";
import { CloudSqlEdition } from "./edition";

export { CloudSqlEdition };

/** The database flag that turns on Cloud SQL IAM database authentication. */
export const IAM_AUTH_FLAG = { name: "cloudsql.iam_authentication", value: "on" } as const;

/** A weekly maintenance hour of Cloud SQL. */
export interface CloudSqlMaintenanceHour {
    /** Day of the week, 1 (Monday) to 7 (Sunday). */
    day: number;
    /** Hour of the day, 0-23 UTC. */
    hour: number;
}

/** Arguments of {@link GcpPostgres}. */
export interface GcpPostgresArgs {
    /** Project of the instance. */
    project: string;
    /** Region of the instance (the cluster's region). */
    region: string;
    /** VPC network for the private IP: `projects/<p>/global/networks/<n>` (Private Service Access must exist). */
    network: pulumi.Input<string>;
    /** Name of the Private Service Access range to place the instance in (default: any range of the peering). */
    allocatedIpRange?: pulumi.Input<string>;
    /** The Private Service Access peering when this stack creates it: the instance waits for it. */
    privateServiceConnection?: gcp.servicenetworking.Connection;
    /** PostgreSQL major version (14 or later). */
    majorVersion: number;
    /** Cloud SQL tier, e.g. `db-custom-2-8192`. */
    tier: string;
    /** `ENTERPRISE` (custom tiers) or `ENTERPRISE_PLUS` (`db-perf-optimized-N-*`); set explicitly because POSTGRES_16+ defaults to ENTERPRISE_PLUS. */
    edition: CloudSqlEdition;
    /** Initial disk size in GB (grows automatically afterwards). */
    storageGb: number;
    /** Upper bound for automatic disk growth in GB (0 or unset: no limit). */
    maxStorageGb?: number;
    /** Regional (`REGIONAL`) availability with a standby in another zone. */
    highAvailability: boolean;
    /** Number of daily backups kept; point-in-time recovery keeps up to 7 days of logs (35 on ENTERPRISE_PLUS). */
    backupRetentionDays: number;
    /** The LangSmith database (`gcp.sql.Database`). */
    database: string;
    /** Built-in admin user the bootstrap Job uses (never given to LangSmith). */
    adminUser: string;
    /** The IAM user's database name: the Google service account's email without `.gserviceaccount.com`. */
    iamUser: pulumi.Input<string>;
    /** sslmode the app uses. */
    sslMode: SslMode;
    /** Require client certificates signed by the instance's CA (mTLS) instead of TLS only. */
    requireClientCertificates?: boolean;
    /** Production: deletion protection in Pulumi and in the Cloud SQL API, Pulumi `protect`, query insights. */
    production: boolean;
    /** Labels for the instance. */
    labels?: Record<string, string>;
    /**
     * Weekly window for Google's maintenance: `day` 1-7 (Monday first) and `hour` 0-23 UTC.
     * @default { day: 7, hour: 4 }
     */
    maintenanceWindow?: CloudSqlMaintenanceHour;
    /**
     * Start of the daily backup, `HH:MM` UTC.
     * @default "03:00"
     */
    backupStartTime?: string;
}

/** The instance settings, as a pure function of the arguments (asserted by the tests through the mocks). */
export function cloudSqlSettings(args: GcpPostgresArgs): gcp.types.input.sql.DatabaseInstanceSettings {
    const maxLogDays = args.edition === "ENTERPRISE_PLUS" ? 35 : 7;
    return {
        tier: args.tier,
        edition: args.edition,
        availabilityType: args.highAvailability ? "REGIONAL" : "ZONAL",
        diskType: "PD_SSD",
        diskSize: args.storageGb,
        diskAutoresize: true,
        diskAutoresizeLimit: args.maxStorageGb ?? 0,
        deletionProtectionEnabled: args.production,
        ipConfiguration: {
            // Private IP only: no public IPv4 address, reachable from the VPC through Private Service Access.
            ipv4Enabled: false,
            privateNetwork: args.network,
            allocatedIpRange: args.allocatedIpRange,
            sslMode: args.requireClientCertificates ? "TRUSTED_CLIENT_CERTIFICATE_REQUIRED" : "ENCRYPTED_ONLY",
        },
        databaseFlags: [{ ...IAM_AUTH_FLAG }],
        backupConfiguration: {
            enabled: true,
            pointInTimeRecoveryEnabled: true,
            startTime: args.backupStartTime ?? "03:00",
            transactionLogRetentionDays: Math.min(args.backupRetentionDays, maxLogDays),
            backupRetentionSettings: { retainedBackups: args.backupRetentionDays, retentionUnit: "COUNT" },
        },
        maintenanceWindow: { day: 7, hour: 4, ...args.maintenanceWindow, updateTrack: "stable" },
        insightsConfig: { queryInsightsEnabled: args.production },
        userLabels: args.labels,
    };
}

/**
 * Cloud SQL for PostgreSQL with IAM database authentication: private IP only, TLS enforced, backups
 * with point-in-time recovery, the LangSmith database, a built-in admin user for the bootstrap Job and
 * the `CLOUD_IAM_SERVICE_ACCOUNT` user LangSmith logs in as, whose service account may log in to this
 * instance only (`roles/cloudsql.instanceUser` with an IAM Condition on the instance).
 */
export class GcpPostgres extends pulumi.ComponentResource implements PostgresConnection {
    /** The Cloud SQL instance (escape hatch). */
    public readonly instance: gcp.sql.DatabaseInstance;
    /** The application database. */
    public readonly langsmithDatabase: gcp.sql.Database;
    /** Generated password of the built-in admin user (secret). */
    public readonly adminPassword: random.RandomPassword;
    /** The built-in admin user the bootstrap Job logs in as. */
    public readonly adminUser: gcp.sql.User;
    /** The IAM user. Known provider issue (pulumi/pulumi-gcp#3275): `pulumi preview` may show an update on it every run; the update changes nothing. */
    public readonly iamDatabaseUser: gcp.sql.User;
    /** `roles/cloudsql.instanceUser` for the IAM user's service account, conditioned on this instance (its only Cloud SQL grant). */
    public readonly iamLoginGrant: gcp.projects.IAMMember;

    /** Private IP address of the instance. */
    public readonly host: pulumi.Output<string>;
    /** TCP port (5432). */
    public readonly port: pulumi.Output<number>;
    /** Name of the application database. */
    public readonly database: pulumi.Output<string>;
    /** The IAM database user (the service account email without `.gserviceaccount.com`). */
    public readonly iamUser: pulumi.Output<string>;
    /** `gcp`: the workload fetches Google access tokens. */
    public readonly iamAuthProvider: IamAuthProvider = IamAuthProvider.Gcp;
    /** sslmode the workload uses. */
    public readonly sslMode: SslMode;
    /** `<project>:<region>:<instance>` (Cloud SQL connectors and the Auth Proxy). */
    public readonly connectionName: pulumi.Output<string>;
    /** Admin login for the bootstrap Job (password is secret). */
    public readonly admin: PostgresAdminLogin;

    constructor(name: string, args: GcpPostgresArgs, opts?: pulumi.ComponentResourceOptions) {
        super("langsmith-iam:index:GcpPostgres", name, {}, opts);
        const parent = { parent: this };

        this.instance = new gcp.sql.DatabaseInstance(
            name,
            {
                project: args.project,
                region: args.region,
                databaseVersion: `POSTGRES_${args.majorVersion}`,
                // Pulumi-side guard; settings.deletionProtectionEnabled is the API-side one.
                deletionProtection: args.production,
                settings: cloudSqlSettings(args),
            },
            // Disk autoresize grows the disk; without this, the next `up` would try to shrink it back.
            {
                parent: this,
                protect: args.production,
                ignoreChanges: ["settings.diskSize"],
                dependsOn: args.privateServiceConnection ? [args.privateServiceConnection] : [],
            },
        );
        this.langsmithDatabase = new gcp.sql.Database(
            `${name}-database`,
            { project: args.project, instance: this.instance.name, name: args.database },
            { parent: this, protect: args.production },
        );

        this.adminPassword = new random.RandomPassword(
            `${name}-admin-password`,
            { length: 32, special: false },
            parent,
        );
        // Users created through the API join cloudsqlsuperuser (CREATEROLE, CREATEDB). Users that own
        // objects cannot be deleted through the API; ABANDON leaves them to the instance's lifetime.
        this.adminUser = new gcp.sql.User(
            `${name}-admin`,
            {
                project: args.project,
                instance: this.instance.name,
                name: args.adminUser,
                password: this.adminPassword.result,
                deletionPolicy: "ABANDON",
            },
            { parent: this, additionalSecretOutputs: ["password"] },
        );
        this.iamDatabaseUser = new gcp.sql.User(
            `${name}-iam-user`,
            {
                project: args.project,
                instance: this.instance.name,
                name: args.iamUser,
                type: "CLOUD_IAM_SERVICE_ACCOUNT",
                deletionPolicy: "ABANDON",
            },
            parent,
        );
        // The grant follows the user: the same service account, on this instance and no other.
        this.iamLoginGrant = new gcp.projects.IAMMember(
            `${name}-iam-login`,
            {
                project: args.project,
                role: CLOUD_SQL_LOGIN_ROLE,
                member: pulumi.output(args.iamUser).apply(iamUserPrincipal),
                condition: this.instance.name.apply((instance) => cloudSqlInstanceCondition(args.project, instance)),
            },
            parent,
        );

        this.host = this.instance.privateIpAddress;
        this.port = pulumi.output(5432);
        this.database = this.langsmithDatabase.name;
        this.iamUser = this.iamDatabaseUser.name;
        this.sslMode = args.sslMode;
        this.connectionName = this.instance.connectionName;
        this.admin = { user: this.adminUser.name, password: pulumi.secret(this.adminPassword.result) };
        this.registerOutputs({
            host: this.host,
            port: this.port,
            database: this.database,
            iamUser: this.iamUser,
            connectionName: this.connectionName,
        });
    }
}

import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { SslMode } from "../postgres/sslMode";
import { IamAuthProvider, type PostgresConnection } from "../postgres/contract";
import { CLOUD_SQL_LOGIN_ROLE, cloudSqlInstanceCondition, iamUserPrincipal } from "./cloudSqlLogin";
import { CloudSqlEdition } from "./edition";
import type { WithDefaults } from "../withDefaults";

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
/** The Cloud SQL role that makes the bootstrap's IAM user an administrator (CREATEROLE, CREATEDB; not a superuser). */
export const CLOUD_SQL_ADMIN_ROLE = "cloudsqlsuperuser";

/**
 * Server certificates from Google's Certificate Authority Service: they name the instance's DNS
 * name, so libpq's `verify-full` can check them (the default per-instance CA issues certificates for
 * `<project>:<instance>` only, which no host name matches).
 */
export const CLOUD_SQL_SERVER_CA_MODE = "GOOGLE_MANAGED_CAS_CA";

/** Default tiers: LangSmith recommends at least 2 vCPU / 8 GB; dev stacks run smaller. */
export const GCP_DEFAULT_TIER = {
    ENTERPRISE: { dev: "db-custom-1-3840", production: "db-custom-2-8192" },
    ENTERPRISE_PLUS: { dev: "db-perf-optimized-N-2", production: "db-perf-optimized-N-2" },
} as const;

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
    /**
     * PostgreSQL major version (14 or later).
     * @default 17
     */
    majorVersion?: number;
    /**
     * `ENTERPRISE` (custom tiers) or `ENTERPRISE_PLUS` (`db-perf-optimized-N-*`); always sent because POSTGRES_16+ defaults to ENTERPRISE_PLUS.
     * @default "ENTERPRISE"
     */
    edition?: CloudSqlEdition;
    /**
     * Cloud SQL tier, e.g. `db-custom-2-8192`.
     * @default the edition's GCP_DEFAULT_TIER (production: db-custom-2-8192 / db-perf-optimized-N-2)
     */
    tier?: string;
    /**
     * Initial disk size in GB (grows automatically afterwards).
     * @default 20 (production: 100)
     */
    storageGb?: number;
    /**
     * Upper bound for automatic disk growth in GB (0: no limit).
     * @default 0
     */
    maxStorageGb?: number;
    /**
     * Regional (`REGIONAL`) availability with a standby in another zone.
     * @default false
     */
    highAvailability?: boolean;
    /**
     * Number of daily backups kept; point-in-time recovery keeps up to 7 days of logs (35 on ENTERPRISE_PLUS).
     * @default 7 (production: 14)
     */
    backupRetentionDays?: number;
    /**
     * The LangSmith database (`gcp.sql.Database`).
     * @default "langsmith"
     */
    database?: string;
    /** The app's IAM database user: its Google service account's email without `.gserviceaccount.com`. */
    iamUser: pulumi.Input<string>;
    /**
     * The bootstrap Job's IAM database user (`<id>@<project>.iam` of its own Google service account):
     * a `cloudsqlsuperuser` member, never given to LangSmith. There is no built-in user and no password.
     */
    bootstrapUser: pulumi.Input<string>;
    /**
     * sslmode the app uses.
     * @default "require"
     */
    sslMode?: SslMode;
    /**
     * Require client certificates signed by the instance's CA (mTLS) instead of TLS only.
     * @default false
     */
    requireClientCertificates?: boolean;
    /**
     * Production: deletion protection in Pulumi and in the Cloud SQL API, Pulumi `protect`, query insights.
     * @default false
     */
    production?: boolean;
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

/** The arguments with every default applied (the component's own, so package users get the same). */
export function gcpPostgresDefaults(
    args: GcpPostgresArgs,
): WithDefaults<
    GcpPostgresArgs,
    | "production"
    | "edition"
    | "tier"
    | "majorVersion"
    | "storageGb"
    | "maxStorageGb"
    | "highAvailability"
    | "backupRetentionDays"
    | "database"
    | "sslMode"
    | "requireClientCertificates"
> {
    const production = args.production ?? false;
    const edition = args.edition ?? CloudSqlEdition.Enterprise;
    const tiers = GCP_DEFAULT_TIER[edition];
    return {
        ...args,
        production,
        edition,
        tier: args.tier ?? (production ? tiers.production : tiers.dev),
        majorVersion: args.majorVersion ?? 17,
        storageGb: args.storageGb ?? (production ? 100 : 20),
        maxStorageGb: args.maxStorageGb ?? 0,
        highAvailability: args.highAvailability ?? false,
        backupRetentionDays: args.backupRetentionDays ?? (production ? 14 : 7),
        database: args.database ?? "langsmith",
        sslMode: args.sslMode ?? SslMode.Require,
        requireClientCertificates: args.requireClientCertificates ?? false,
    };
}

/** {@link GcpPostgresArgs} with the defaults applied. */
export type GcpPostgresSettings = ReturnType<typeof gcpPostgresDefaults>;

/** The instance settings, as a pure function of the arguments (asserted by the tests through the mocks). */
export function cloudSqlSettings(args: GcpPostgresSettings): gcp.types.input.sql.DatabaseInstanceSettings {
    const maxLogDays = args.edition === "ENTERPRISE_PLUS" ? 35 : 7;
    return {
        tier: args.tier,
        edition: args.edition,
        availabilityType: args.highAvailability ? "REGIONAL" : "ZONAL",
        diskType: "PD_SSD",
        diskSize: args.storageGb,
        diskAutoresize: true,
        diskAutoresizeLimit: args.maxStorageGb,
        deletionProtectionEnabled: args.production,
        ipConfiguration: {
            // Private IP only: no public IPv4 address, reachable from the VPC through Private Service Access.
            ipv4Enabled: false,
            privateNetwork: args.network,
            allocatedIpRange: args.allocatedIpRange,
            sslMode: args.requireClientCertificates ? "TRUSTED_CLIENT_CERTIFICATE_REQUIRED" : "ENCRYPTED_ONLY",
            serverCaMode: CLOUD_SQL_SERVER_CA_MODE,
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

/** The PEM bundle of an instance's server CAs (several during a CA rotation). */
export function serverCaBundle(certs: readonly { cert?: string }[]): string {
    const pems = certs.map((c) => c.cert?.trim() ?? "").filter((c) => c !== "");
    if (pems.length === 0) throw new Error("the Cloud SQL instance reports no server CA certificate");
    return pems.join("\n") + "\n";
}

/**
 * The name the server certificate is issued for, as libpq compares it: the instance's Private
 * Service Access DNS name (else its DNS name), without the root's trailing dot.
 */
export function serverTlsName(
    dnsName: string,
    dnsNames: readonly { connectionType?: string; name?: string }[],
): string {
    const name = dnsNames.find((d) => d.connectionType === "PRIVATE_SERVICES_ACCESS" && d.name)?.name ?? dnsName;
    if (!name)
        throw new Error("the Cloud SQL instance reports no DNS name (serverCaMode GOOGLE_MANAGED_CAS_CA gives one)");
    return name.replace(/\.$/, "");
}

/**
 * Cloud SQL for PostgreSQL with IAM database authentication only: private IP, TLS enforced with
 * server certificates libpq can verify (`verify-full`), backups with point-in-time recovery, the
 * LangSmith database, and two `CLOUD_IAM_SERVICE_ACCOUNT` users: the app's, and the bootstrap
 * Job's own (a `cloudsqlsuperuser` member). No built-in user, no root password: nobody logs in with a
 * password. Each service account may log in to this instance only (`roles/cloudsql.instanceUser`
 * with an IAM Condition on the instance).
 */
export class GcpPostgres extends pulumi.ComponentResource implements PostgresConnection {
    /** The Cloud SQL instance (escape hatch). */
    public readonly instance: gcp.sql.DatabaseInstance;
    /** The application database. */
    public readonly langsmithDatabase: gcp.sql.Database;
    /** The app's IAM user. Known provider issue (pulumi/pulumi-gcp#3275): `pulumi preview` may show an update on it every run; the update changes nothing. */
    public readonly iamDatabaseUser: gcp.sql.User;
    /** `roles/cloudsql.instanceUser` for the app's service account, conditioned on this instance (its only Cloud SQL grant). */
    public readonly iamLoginGrant: gcp.projects.IAMMember;
    /** The bootstrap Job's IAM user, a `cloudsqlsuperuser` member (same provider issue as `iamDatabaseUser`). */
    public readonly bootstrapDatabaseUser: gcp.sql.User;
    /** `roles/cloudsql.instanceUser` for the bootstrap's service account, conditioned on this instance. */
    public readonly bootstrapLoginGrant: gcp.projects.IAMMember;

    /** Private IP address of the instance. */
    public readonly host: pulumi.Output<string>;
    /** TCP port (5432). */
    public readonly port: pulumi.Output<number>;
    /** Name of the application database. */
    public readonly database: pulumi.Output<string>;
    /** The IAM database user (the service account email without `.gserviceaccount.com`). */
    public readonly iamUser: pulumi.Output<string>;
    /** The bootstrap Job's IAM database user. */
    public readonly bootstrapUser: pulumi.Output<string>;
    /** `gcp`: the workload fetches Google access tokens. */
    public readonly iamAuthProvider: IamAuthProvider = IamAuthProvider.Gcp;
    /** sslmode the workload uses. */
    public readonly sslMode: SslMode;
    /** `<project>:<region>:<instance>` (Cloud SQL connectors and the Auth Proxy). */
    public readonly connectionName: pulumi.Output<string>;
    /** PEM bundle of the instance's server CAs (`serverCaCerts`): what `verify-full` trusts. */
    public readonly caCertificate: pulumi.Output<string>;
    /** The DNS name the server certificate names; a client connects to `host` and checks this name. */
    public readonly tlsServerName: pulumi.Output<string>;

    constructor(name: string, args: GcpPostgresArgs, opts?: pulumi.ComponentResourceOptions) {
        super("langsmith-iam:index:GcpPostgres", name, {}, opts);
        const given = gcpPostgresDefaults(args);
        const parent = { parent: this };

        // No rootPassword: it is optional for PostgreSQL ("Required for MS SQL Server",
        // @pulumi/gcp sql/databaseInstance.d.ts) and the built-in user stays without a password,
        // so it cannot log in (https://cloud.google.com/sql/docs/postgres/users).
        this.instance = new gcp.sql.DatabaseInstance(
            name,
            {
                project: given.project,
                region: given.region,
                databaseVersion: `POSTGRES_${given.majorVersion}`,
                // Pulumi-side guard; settings.deletionProtectionEnabled is the API-side one.
                deletionProtection: given.production,
                settings: cloudSqlSettings(given),
            },
            // Disk autoresize grows the disk; without this, the next `up` would try to shrink it back.
            {
                parent: this,
                protect: given.production,
                ignoreChanges: ["settings.diskSize"],
                dependsOn: given.privateServiceConnection ? [given.privateServiceConnection] : [],
            },
        );
        this.langsmithDatabase = new gcp.sql.Database(
            `${name}-database`,
            { project: given.project, instance: this.instance.name, name: given.database },
            { parent: this, protect: given.production },
        );

        // IAM users that own objects cannot be deleted through the API; ABANDON leaves them to the instance.
        const iamUser = (suffix: string, user: pulumi.Input<string>, databaseRoles?: string[]) =>
            new gcp.sql.User(
                `${name}-${suffix}`,
                {
                    project: given.project,
                    instance: this.instance.name,
                    name: user,
                    type: "CLOUD_IAM_SERVICE_ACCOUNT",
                    // Write-only and authoritative: the user's roles are exactly these (@pulumi/gcp sql/user.d.ts).
                    databaseRoles,
                    deletionPolicy: "ABANDON",
                },
                parent,
            );
        // The grant follows the user: the same service account, on this instance and no other.
        const loginGrant = (suffix: string, user: pulumi.Input<string>) =>
            new gcp.projects.IAMMember(
                `${name}-${suffix}`,
                {
                    project: given.project,
                    role: CLOUD_SQL_LOGIN_ROLE,
                    member: pulumi.output(user).apply(iamUserPrincipal),
                    condition: this.instance.name.apply((instance) =>
                        cloudSqlInstanceCondition(given.project, instance),
                    ),
                },
                parent,
            );
        this.iamDatabaseUser = iamUser("iam-user", given.iamUser);
        this.iamLoginGrant = loginGrant("iam-login", given.iamUser);
        this.bootstrapDatabaseUser = iamUser("bootstrap-user", given.bootstrapUser, [CLOUD_SQL_ADMIN_ROLE]);
        this.bootstrapLoginGrant = loginGrant("bootstrap-login", given.bootstrapUser);

        this.host = this.instance.privateIpAddress;
        this.port = pulumi.output(5432);
        this.database = this.langsmithDatabase.name;
        this.iamUser = this.iamDatabaseUser.name;
        this.bootstrapUser = this.bootstrapDatabaseUser.name;
        this.sslMode = given.sslMode;
        this.connectionName = this.instance.connectionName;
        // The provider marks serverCaCerts secret; CA certificates are public (the client must have them).
        this.caCertificate = pulumi.unsecret(this.instance.serverCaCerts.apply(serverCaBundle));
        this.tlsServerName = pulumi
            .all([this.instance.dnsName, this.instance.dnsNames])
            .apply(([dnsName, dnsNames]) => serverTlsName(dnsName, dnsNames ?? []));
        this.registerOutputs({
            host: this.host,
            port: this.port,
            database: this.database,
            iamUser: this.iamUser,
            bootstrapUser: this.bootstrapUser,
            connectionName: this.connectionName,
            tlsServerName: this.tlsServerName,
        });
    }
}

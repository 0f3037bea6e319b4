import * as authorization from "@pulumi/azure-native/authorization";
import * as dbforpostgresql from "@pulumi/azure-native/dbforpostgresql";
import * as pulumi from "@pulumi/pulumi";
import { SslMode } from "../postgres/sslMode";
import { IamAuthProvider, type PostgresConnection } from "../postgres/contract";
import { entraPrincipalSql } from "../postgres/bootstrapSql";
import { AZURE_POSTGRES_CA_BUNDLE } from "./rootCas";
import { extensionsAllowList, skuTierFor, type AzureSkuTier } from "./sku";
import type { WithDefaults } from "../withDefaults";

/** Server properties Azure owns after creation (storage auto-grow, HA failover), in azure-native's property paths. */
export const AZURE_SERVER_IGNORED_CHANGES = [
    "storage.storageSizeGB",
    "availabilityZone",
    "highAvailability.standbyAvailabilityZone",
] as const;

/**
 * The password administrator of servers created before the passwordless bootstrap. azure-native
 * plans a replacement of the server when they change or disappear (pulumi/pulumi-azure-native#3869:
 * "required and force a replace"), and the login "cannot be changed for the rest of the life of a
 * server" (@pulumi/azure-native dbforpostgresql/server.d.ts), so they are ignored: a new server never
 * has them, an existing one keeps them (with password authentication Disabled, unusable).
 */
export const AZURE_SERVER_LEGACY_ADMIN_INPUTS = ["administratorLogin", "administratorLoginPassword"] as const;

/** The Microsoft Entra principal that becomes the server's Entra administrator. */
export interface EntraAdministrator {
    /** Principal name: becomes the Postgres role name (the managed identity's name). */
    principalName: pulumi.Input<string>;
    /** Object (principal) id of the service principal. */
    objectId: pulumi.Input<string>;
    /** Tenant of the principal. */
    tenantId: pulumi.Input<string>;
}

/** A weekly maintenance hour of Flexible Server. */
export interface FlexibleServerMaintenanceHour {
    /** Day of the week, 0 (Sunday) to 6 (Saturday). */
    dayOfWeek: number;
    /** Hour of the day, 0-23 UTC. */
    startHour: number;
}

/** The app's managed identity, created in the database as a normal (non-administrator) Entra principal. */
export interface EntraPrincipal {
    /** The role name: the managed identity's name (the user LangSmith logs in as). */
    name: pulumi.Input<string>;
    /** Object (principal) id of the managed identity. */
    objectId: pulumi.Input<string>;
}

/** Arguments of {@link AzurePostgres}. */
export interface AzurePostgresArgs {
    /** Existing resource group of the server. */
    resourceGroupName: pulumi.Input<string>;
    /** Azure region. */
    location: string;
    /** Subnet delegated to Microsoft.DBforPostgreSQL/flexibleServers. */
    delegatedSubnetId: pulumi.Input<string>;
    /** Private DNS zone `*.postgres.database.azure.com` linked to the cluster's VNet. */
    privateDnsZoneId: pulumi.Input<string>;
    /**
     * PostgreSQL major version (14 or later).
     * @default 17
     */
    majorVersion?: number;
    /**
     * SKU name, e.g. `Standard_D2ds_v5`.
     * @default "Standard_B2ms" (production: "Standard_D2ds_v5")
     */
    skuName?: string;
    /**
     * SKU tier matching `skuName`.
     * @default from skuName: Standard_B* Burstable, Standard_E* MemoryOptimized, else GeneralPurpose
     */
    skuTier?: AzureSkuTier;
    /**
     * Storage in GiB (one of Flexible Server's sizes).
     * @default 32 (production: 128)
     */
    storageGb?: number;
    /**
     * Zone-redundant high availability.
     * @default false
     */
    highAvailability?: boolean;
    /** Preferred zone of the primary. */
    availabilityZone?: string;
    /**
     * Days of backups (7-35).
     * @default 7 (production: 14)
     */
    backupRetentionDays?: number;
    /**
     * Geo-redundant backups.
     * @default false
     */
    geoRedundantBackup?: boolean;
    /**
     * The LangSmith database.
     * @default "langsmith"
     */
    database?: string;
    /**
     * `azure.extensions` allow-list value.
     * @default LangSmith's six extensions (extensionsAllowList())
     */
    extensionsAllowList?: string;
    /** The Entra administrator: the bootstrap Job's own managed identity, never the app's. */
    entraAdmin: EntraAdministrator;
    /** The app's managed identity: a normal principal the bootstrap creates (`iamUser`). */
    appPrincipal: EntraPrincipal;
    /**
     * sslmode LangSmith uses (the server refuses non-TLS connections either way).
     * @default "require"
     */
    sslMode?: SslMode;
    /**
     * Production: a CanNotDelete lock and Pulumi `protect` on the server.
     * @default false
     */
    production?: boolean;
    /** Tags for every resource that takes them. */
    tags?: Record<string, string>;
    /**
     * Weekly window for Azure's maintenance: `dayOfWeek` 0 (Sunday) to 6, `startHour` 0-23 UTC.
     * @default a window Azure picks
     */
    maintenanceWindow?: FlexibleServerMaintenanceHour;
}

/** The arguments with every default applied (the component's own, so package users get the same). */
export function azurePostgresDefaults(
    args: AzurePostgresArgs,
): WithDefaults<
    AzurePostgresArgs,
    | "production"
    | "skuName"
    | "skuTier"
    | "majorVersion"
    | "storageGb"
    | "highAvailability"
    | "backupRetentionDays"
    | "geoRedundantBackup"
    | "database"
    | "extensionsAllowList"
    | "sslMode"
> {
    const production = args.production ?? false;
    const skuName = args.skuName ?? (production ? "Standard_D2ds_v5" : "Standard_B2ms");
    return {
        ...args,
        production,
        skuName,
        skuTier: args.skuTier ?? skuTierFor(skuName),
        majorVersion: args.majorVersion ?? 17,
        storageGb: args.storageGb ?? (production ? 128 : 32),
        highAvailability: args.highAvailability ?? false,
        backupRetentionDays: args.backupRetentionDays ?? (production ? 14 : 7),
        geoRedundantBackup: args.geoRedundantBackup ?? false,
        database: args.database ?? "langsmith",
        extensionsAllowList: args.extensionsAllowList ?? extensionsAllowList(),
        sslMode: args.sslMode ?? SslMode.Require,
    };
}

/**
 * Azure Database for PostgreSQL Flexible Server: private access only (delegated subnet + private
 * DNS zone), TLS required, Microsoft Entra authentication only (password authentication Disabled, no
 * administrator login), the bootstrap's own managed identity as Entra administrator, LangSmith's
 * extensions allow-listed, and the LangSmith database. The app's identity is not an administrator:
 * the bootstrap creates it as a normal principal (`principalSql`). Server parameters, the
 * administrator and the database are created one after another: Azure answers `ServerBusy` to
 * concurrent operations on one server.
 */
export class AzurePostgres extends pulumi.ComponentResource implements PostgresConnection {
    /** The Flexible Server (escape hatch). */
    public readonly server: dbforpostgresql.Server;
    /** Server parameters in the order they are applied. */
    public readonly parameters: dbforpostgresql.Configuration[];
    /** The bootstrap's identity as Microsoft Entra administrator. */
    public readonly entraAdministrator: dbforpostgresql.AdministratorsMicrosoftEntra;
    /** The application database. */
    public readonly databaseResource: dbforpostgresql.Database;
    /** Production only: the CanNotDelete lock on the server. */
    public readonly lock?: authorization.ManagementLockByScope;

    /** Private FQDN of the server (its certificate names it). */
    public readonly host: pulumi.Output<string>;
    /** TCP port (5432). */
    public readonly port: pulumi.Output<number>;
    /** Name of the application database. */
    public readonly database: pulumi.Output<string>;
    /** The Postgres role of the app's managed identity (a normal principal). */
    public readonly iamUser: pulumi.Output<string>;
    /** The Postgres role the bootstrap logs in as (the Entra administrator's principal name). */
    public readonly bootstrapUser: pulumi.Output<string>;
    /** The bootstrap's first step, run in database `postgres`: the app's principal ({@link entraPrincipalSql}). */
    public readonly principalSql: pulumi.Output<string>;
    /** PEM bundle of the root CAs Azure documents for Flexible Server: what `verify-full` trusts. */
    public readonly caCertificate: pulumi.Output<string>;
    /** `azure`: the workload fetches Microsoft Entra tokens. */
    public readonly iamAuthProvider: IamAuthProvider = IamAuthProvider.Azure;
    /** sslmode the workload uses. */
    public readonly sslMode: SslMode;

    constructor(name: string, args: AzurePostgresArgs, opts?: pulumi.ComponentResourceOptions) {
        super("langsmith-iam:index:AzurePostgres", name, {}, opts);
        const given = azurePostgresDefaults(args);
        if (given.highAvailability && given.skuTier === "Burstable")
            throw new Error(`${name}: zone-redundant HA is not available on the Burstable tier`);

        this.server = new dbforpostgresql.Server(
            name,
            {
                resourceGroupName: given.resourceGroupName,
                location: given.location,
                version: String(given.majorVersion),
                sku: { name: given.skuName, tier: given.skuTier },
                storage: { storageSizeGB: given.storageGb, autoGrow: "Enabled" },
                // Entra only. passwordAuth is explicit: the SDK defaults it to Enabled when authConfig is given
                // (@pulumi/azure-native types/input.js authConfigArgsProvideDefaults). No administratorLogin:
                // it "must be specified the first time that you enable password based authentication" only.
                authConfig: {
                    activeDirectoryAuth: "Enabled",
                    passwordAuth: "Disabled",
                    tenantId: given.entraAdmin.tenantId,
                },
                network: {
                    delegatedSubnetResourceId: given.delegatedSubnetId,
                    privateDnsZoneArmResourceId: given.privateDnsZoneId,
                    publicNetworkAccess: "Disabled",
                },
                backup: {
                    backupRetentionDays: given.backupRetentionDays,
                    geoRedundantBackup: given.geoRedundantBackup ? "Enabled" : "Disabled",
                },
                highAvailability: { mode: given.highAvailability ? "ZoneRedundant" : "Disabled" },
                availabilityZone: given.availabilityZone,
                maintenanceWindow: given.maintenanceWindow && {
                    customWindow: "Enabled",
                    dayOfWeek: given.maintenanceWindow.dayOfWeek,
                    startHour: given.maintenanceWindow.startHour,
                    startMinute: 0,
                },
                tags: given.tags,
            },
            {
                parent: this,
                protect: given.production,
                // Azure changes these by itself: auto-grow enlarges the disk, an HA failover swaps the zones.
                // Undoing either is refused (storage never shrinks), so they are the service's, as on GCP.
                // The legacy administrator inputs stay as they are on servers that have them (no replacement).
                ignoreChanges: [...AZURE_SERVER_IGNORED_CHANGES, ...AZURE_SERVER_LEGACY_ADMIN_INPUTS],
            },
        );

        // One operation at a time on the server: each step waits for the one before.
        const serialized: pulumi.Resource[] = [this.server];
        const after = () => ({ parent: this, dependsOn: [serialized[serialized.length - 1]] });
        const serverRef = { resourceGroupName: given.resourceGroupName, serverName: this.server.name };

        this.parameters = [
            { configurationName: "azure.extensions", value: given.extensionsAllowList },
            { configurationName: "require_secure_transport", value: "on" },
        ].map((p) => {
            const parameter = new dbforpostgresql.Configuration(
                `${name}-${p.configurationName.replace(/[._]/g, "-")}`,
                { ...serverRef, ...p, source: "user-override" },
                after(),
            );
            serialized.push(parameter);
            return parameter;
        });

        this.entraAdministrator = new dbforpostgresql.AdministratorsMicrosoftEntra(
            `${name}-entra-admin`,
            {
                ...serverRef,
                objectId: given.entraAdmin.objectId,
                principalName: given.entraAdmin.principalName,
                principalType: "servicePrincipal",
                tenantId: given.entraAdmin.tenantId,
            },
            after(),
        );
        serialized.push(this.entraAdministrator);

        this.databaseResource = new dbforpostgresql.Database(
            `${name}-database`,
            { ...serverRef, databaseName: given.database, charset: "UTF8", collation: "en_US.utf8" },
            { ...after(), protect: given.production },
        );
        serialized.push(this.databaseResource);

        if (given.production) {
            this.lock = new authorization.ManagementLockByScope(
                `${name}-lock`,
                {
                    scope: this.server.id,
                    level: "CanNotDelete",
                    notes: "Production database: remove this lock deliberately before deleting the server",
                },
                { ...after(), protect: true },
            );
        }

        this.host = this.server.fullyQualifiedDomainName;
        this.port = pulumi.output(5432);
        // Outputs of the resources, so anything that uses them waits until they exist.
        this.database = this.databaseResource.name;
        this.bootstrapUser = this.entraAdministrator.principalName.apply((n) => {
            if (!n) throw new Error(`${name}: the Entra administrator has no principal name`);
            return n;
        });
        // The app's role exists once the bootstrap's first step ran; the Job depends on this component.
        this.iamUser = pulumi.output(given.appPrincipal.name);
        this.principalSql = pulumi
            .all([given.appPrincipal.name, given.appPrincipal.objectId])
            .apply(([roleName, objectId]) => entraPrincipalSql({ roleName, objectId }));
        this.caCertificate = pulumi.output(AZURE_POSTGRES_CA_BUNDLE);
        this.sslMode = given.sslMode;
        this.registerOutputs({
            host: this.host,
            port: this.port,
            database: this.database,
            iamUser: this.iamUser,
            bootstrapUser: this.bootstrapUser,
            serverId: this.server.id,
        });
    }
}

import * as authorization from "@pulumi/azure-native/authorization";
import * as dbforpostgresql from "@pulumi/azure-native/dbforpostgresql";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import type { SslMode } from "../postgres/sslMode";
import { IamAuthProvider, type PostgresAdminLogin, type PostgresConnection } from "../postgres/contract";
import type { AzureSkuTier } from "./sku";

/** Server properties Azure owns after creation (storage auto-grow, HA failover), in azure-native's property paths. */
export const AZURE_SERVER_IGNORED_CHANGES = [
    "storage.storageSizeGB",
    "availabilityZone",
    "highAvailability.standbyAvailabilityZone",
] as const;

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
    /** PostgreSQL major version (14 or later). */
    majorVersion: number;
    /** SKU name, e.g. `Standard_D2ds_v5`. */
    skuName: string;
    /** SKU tier matching `skuName`. */
    skuTier: AzureSkuTier;
    /** Storage in GiB (one of Flexible Server's sizes). */
    storageGb: number;
    /** Zone-redundant high availability. */
    highAvailability: boolean;
    /** Preferred zone of the primary. */
    availabilityZone?: string;
    /** Days of backups (7-35). */
    backupRetentionDays: number;
    /** Geo-redundant backups. */
    geoRedundantBackup: boolean;
    /** The LangSmith database. */
    database: string;
    /** Password administrator login, used only by the bootstrap Job. */
    adminUser: string;
    /** `azure.extensions` allow-list value. */
    extensionsAllowList: string;
    /** The Entra administrator: the workload's managed identity (it is also `iamUser`). */
    entraAdmin: EntraAdministrator;
    /** sslmode LangSmith uses (the server refuses non-TLS connections either way). */
    sslMode: SslMode;
    /** Production: a CanNotDelete lock and Pulumi `protect` on the server. */
    production: boolean;
    /** Tags for every resource that takes them. */
    tags?: Record<string, string>;
    /**
     * Weekly window for Azure's maintenance: `dayOfWeek` 0 (Sunday) to 6, `startHour` 0-23 UTC.
     * @default a window Azure picks
     */
    maintenanceWindow?: FlexibleServerMaintenanceHour;
}

/**
 * Azure Database for PostgreSQL Flexible Server: private access only (delegated subnet + private
 * DNS zone), TLS required, Microsoft Entra authentication with the workload's managed identity as
 * Entra administrator, LangSmith's extensions allow-listed, and the LangSmith database. Server
 * parameters, the administrator and the database are created one after another: Azure answers
 * `ServerBusy` to concurrent operations on one server.
 */
export class AzurePostgres extends pulumi.ComponentResource implements PostgresConnection {
    /** The Flexible Server (escape hatch). */
    public readonly server: dbforpostgresql.Server;
    /** Server parameters in the order they are applied. */
    public readonly parameters: dbforpostgresql.Configuration[];
    /** The workload identity as Microsoft Entra administrator. */
    public readonly entraAdministrator: dbforpostgresql.AdministratorsMicrosoftEntra;
    /** The application database. */
    public readonly databaseResource: dbforpostgresql.Database;
    /** Generated password administrator password (secret). */
    public readonly adminPassword: random.RandomPassword;
    /** Production only: the CanNotDelete lock on the server. */
    public readonly lock?: authorization.ManagementLockByScope;

    /** Private FQDN of the server. */
    public readonly host: pulumi.Output<string>;
    /** TCP port (5432). */
    public readonly port: pulumi.Output<number>;
    /** Name of the application database. */
    public readonly database: pulumi.Output<string>;
    /** The Postgres role of the workload's managed identity (the Entra administrator's principal name). */
    public readonly iamUser: pulumi.Output<string>;
    /** `azure`: the workload fetches Microsoft Entra tokens. */
    public readonly iamAuthProvider: IamAuthProvider = IamAuthProvider.Azure;
    /** sslmode the workload uses. */
    public readonly sslMode: SslMode;
    /** Password administrator for the bootstrap Job (password is secret). */
    public readonly admin: PostgresAdminLogin;

    constructor(name: string, args: AzurePostgresArgs, opts?: pulumi.ComponentResourceOptions) {
        super("langsmith-iam:index:AzurePostgres", name, {}, opts);
        const parent = { parent: this };
        if (args.highAvailability && args.skuTier === "Burstable")
            throw new Error(`${name}: zone-redundant HA is not available on the Burstable tier`);

        // Flexible Server wants three of: upper, lower, digit, symbol.
        this.adminPassword = new random.RandomPassword(
            `${name}-admin-password`,
            { length: 32, special: false, minUpper: 2, minLower: 2, minNumeric: 2 },
            parent,
        );

        this.server = new dbforpostgresql.Server(
            name,
            {
                resourceGroupName: args.resourceGroupName,
                location: args.location,
                version: String(args.majorVersion),
                sku: { name: args.skuName, tier: args.skuTier },
                storage: { storageSizeGB: args.storageGb, autoGrow: "Enabled" },
                // Entra for LangSmith; the password login exists only for the bootstrap Job (docs/azure.md).
                authConfig: {
                    activeDirectoryAuth: "Enabled",
                    passwordAuth: "Enabled",
                    tenantId: args.entraAdmin.tenantId,
                },
                administratorLogin: args.adminUser,
                administratorLoginPassword: this.adminPassword.result,
                network: {
                    delegatedSubnetResourceId: args.delegatedSubnetId,
                    privateDnsZoneArmResourceId: args.privateDnsZoneId,
                    publicNetworkAccess: "Disabled",
                },
                backup: {
                    backupRetentionDays: args.backupRetentionDays,
                    geoRedundantBackup: args.geoRedundantBackup ? "Enabled" : "Disabled",
                },
                highAvailability: { mode: args.highAvailability ? "ZoneRedundant" : "Disabled" },
                availabilityZone: args.availabilityZone,
                maintenanceWindow: args.maintenanceWindow && {
                    customWindow: "Enabled",
                    dayOfWeek: args.maintenanceWindow.dayOfWeek,
                    startHour: args.maintenanceWindow.startHour,
                    startMinute: 0,
                },
                tags: args.tags,
            },
            {
                parent: this,
                protect: args.production,
                // Azure changes these by itself: auto-grow enlarges the disk, an HA failover swaps the zones.
                // Undoing either is refused (storage never shrinks), so they are the service's, as on GCP.
                ignoreChanges: [...AZURE_SERVER_IGNORED_CHANGES],
            },
        );

        // One operation at a time on the server: each step waits for the one before.
        const serialized: pulumi.Resource[] = [this.server];
        const after = () => ({ parent: this, dependsOn: [serialized[serialized.length - 1]] });
        const serverRef = { resourceGroupName: args.resourceGroupName, serverName: this.server.name };

        this.parameters = [
            { configurationName: "azure.extensions", value: args.extensionsAllowList },
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
                objectId: args.entraAdmin.objectId,
                principalName: args.entraAdmin.principalName,
                principalType: "servicePrincipal",
                tenantId: args.entraAdmin.tenantId,
            },
            after(),
        );
        serialized.push(this.entraAdministrator);

        this.databaseResource = new dbforpostgresql.Database(
            `${name}-database`,
            { ...serverRef, databaseName: args.database, charset: "UTF8", collation: "en_US.utf8" },
            { ...after(), protect: args.production },
        );
        serialized.push(this.databaseResource);

        if (args.production) {
            this.lock = new authorization.ManagementLockByScope(
                `${name}-lock`,
                {
                    scope: this.server.id,
                    level: "CanNotDelete",
                    notes: "LangSmith production database: remove this lock deliberately before deleting the server",
                },
                { ...after(), protect: true },
            );
        }

        this.host = this.server.fullyQualifiedDomainName;
        this.port = pulumi.output(5432);
        // Outputs of the resources, so anything that uses them waits until they exist.
        this.database = this.databaseResource.name;
        this.iamUser = this.entraAdministrator.principalName.apply((n) => {
            if (!n) throw new Error(`${name}: the Entra administrator has no principal name`);
            return n;
        });
        this.sslMode = args.sslMode;
        this.admin = { user: pulumi.output(args.adminUser), password: pulumi.secret(this.adminPassword.result) };
        this.registerOutputs({
            host: this.host,
            port: this.port,
            database: this.database,
            iamUser: this.iamUser,
            serverId: this.server.id,
        });
    }
}

/**
 * Azure-specific rules that span config blocks (SKU vs high availability, storage sizes, backup
 * window, names Azure accepts), resolved once before any resource is created. Each mistake is a
 * ConfigError naming the key and the fix.
 */
import { CONFIG_NAMESPACE, ConfigError } from "./errors";
import type { AzureSettings, PostgresSettings } from "./settings";
import { AZURE_STORAGE_SIZES_GB, extensionsAllowList, skuTierFor, type AzureSkuTier } from "../../components/azure/sku";

/** Default SKUs: 2 vCores / 8 GiB both; burstable for development. */
export const AZURE_DEFAULT_SKU = { dev: "Standard_B2ms", production: "Standard_D2ds_v5" } as const;
/** The workload identity's (and so the database user's) default name. */
export const AZURE_DEFAULT_IAM_USER = "langsmith";
/** Flexible Server keeps backups 7 to 35 days. */
export const AZURE_MIN_BACKUP_DAYS = 7;
/** Login names Flexible Server refuses for the password administrator. */
const RESERVED_ADMIN_LOGINS = [
    "azure_superuser",
    "azure_pg_admin",
    "admin",
    "administrator",
    "root",
    "guest",
    "public",
];

/** Everything the Azure path creates, with defaults resolved. */
export interface AzurePlan {
    skuName: string;
    skuTier: AzureSkuTier;
    storageGb: number;
    backupRetentionDays: number;
    /** Name of the managed identity = its Postgres role = the user in the connection URL. */
    identityName: string;
    /** Name of the delegated subnet created with `createNetwork`. */
    subnetName: string;
    /** The private DNS zone created with `createNetwork`. */
    privateDnsZoneName: string;
    /** The `azure.extensions` server parameter. */
    extensionsAllowList: string;
}

const key = (path: string) => `${CONFIG_NAMESPACE}:${path}`;

/** The smallest size Flexible Server offers that holds `gb`. */
export function storageSizeFor(gb: number): number {
    const size = AZURE_STORAGE_SIZES_GB.find((s) => s >= gb);
    if (size === undefined)
        throw new ConfigError(
            key("postgres.storageGb"),
            `${gb} is above the ${AZURE_STORAGE_SIZES_GB.at(-1)} GiB Flexible Server offers; set a smaller size`,
        );
    return size;
}

export function resolveAzurePlan(settings: {
    azure: AzureSettings;
    postgres: PostgresSettings;
    production: boolean;
    /** Default names (derived from the stack, or the legacy fixed ones): see program/config/stackNames.ts. */
    defaults?: { identityName: string; subnetName: string; privateDnsZone: string };
}): AzurePlan {
    const { azure, postgres: pg } = settings;

    const skuName = pg.instanceClass ?? (settings.production ? AZURE_DEFAULT_SKU.production : AZURE_DEFAULT_SKU.dev);
    if (!/^Standard_[A-Za-z0-9_]+$/.test(skuName)) {
        throw new ConfigError(
            key("postgres.instanceClass"),
            `${JSON.stringify(skuName)} is not a Flexible Server SKU like Standard_D2ds_v5 or Standard_B2ms`,
        );
    }
    const skuTier = azure.skuTier ?? skuTierFor(skuName);
    if (pg.highAvailability && skuTier === "Burstable") {
        throw new ConfigError(
            key("postgres.highAvailability"),
            `zone-redundant high availability needs a General Purpose or Memory Optimized SKU, not ${skuName}; set langsmith:postgres.instanceClass to e.g. Standard_D2ds_v5 or turn highAvailability off`,
        );
    }

    const defaults = settings.defaults ?? {
        identityName: AZURE_DEFAULT_IAM_USER,
        subnetName: "langsmith-postgres",
        privateDnsZone: "langsmith.private.postgres.database.azure.com",
    };
    const identityName = pg.iamUser ?? defaults.identityName;
    if (!/^[A-Za-z0-9][A-Za-z0-9_-]{2,127}$/.test(identityName)) {
        throw new ConfigError(
            key("postgres.iamUser"),
            `${JSON.stringify(identityName)} cannot name an Azure managed identity (3-128 letters, digits, '-' or '_', starting with a letter or digit); it is also the database user, so choose such a name`,
        );
    }
    if (pg.previousIamUser) {
        throw new ConfigError(
            key("postgres.previousIamUser"),
            "is not supported on Azure (the administrator cannot join Entra roles to move their objects); remove it and see docs/azure.md",
        );
    }
    const admin = pg.adminUser.toLowerCase();
    if (
        RESERVED_ADMIN_LOGINS.includes(admin) ||
        admin.startsWith("pg_") ||
        !/^[A-Za-z_][A-Za-z0-9_]*$/.test(pg.adminUser)
    ) {
        throw new ConfigError(
            key("postgres.adminUser"),
            `${JSON.stringify(pg.adminUser)} is not a login Flexible Server accepts (letters, digits and '_', not a reserved name or pg_*); set another name`,
        );
    }

    return {
        skuName,
        skuTier,
        storageGb: storageSizeFor(pg.storageGb),
        // The project's dev default (3 days) is below Azure's minimum.
        backupRetentionDays: Math.max(pg.backupRetentionDays, AZURE_MIN_BACKUP_DAYS),
        identityName,
        subnetName: azure.createNetwork?.subnetName ?? defaults.subnetName,
        privateDnsZoneName: defaults.privateDnsZone,
        extensionsAllowList: extensionsAllowList(azure.extraExtensions),
    };
}

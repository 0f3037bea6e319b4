/**
 * Azure-specific rules that span config blocks (SKU vs high availability, storage sizes, backup
 * window, names Azure accepts), resolved once before any resource is created. Every mistake found is
 * reported together, each naming its key and the fix.
 */
import { CONFIG_NAMESPACE, ConfigError, ConfigProblems, type KeyedProblem } from "./errors";
import type { AzureSettings, PostgresSettings } from "./settings";
import { AZURE_STORAGE_SIZES_GB, extensionsAllowList, skuTierFor, type AzureSkuTier } from "../../components/azure/sku";

/** Default SKUs: 2 vCores / 8 GiB both; burstable for development. */
export const AZURE_DEFAULT_SKU = { dev: "Standard_B2ms", production: "Standard_D2ds_v5" } as const;
/** The workload identity's (and so the database user's) default name. */
export const AZURE_DEFAULT_IAM_USER = "langsmith";
/** Flexible Server keeps backups 7 to 35 days. */
export const AZURE_MIN_BACKUP_DAYS = 7;
/** The bootstrap's managed identity: the app identity's name with this suffix. */
export const AZURE_BOOTSTRAP_IDENTITY_SUFFIX = "-bootstrap";
/** The bootstrap identity's name is its Postgres role (the Entra administrator's): PostgreSQL's 63 bytes. */
export const MAX_BOOTSTRAP_IDENTITY_NAME = 63;

/** Everything the Azure path creates, with defaults resolved. */
export interface AzurePlan {
    skuName: string;
    skuTier: AzureSkuTier;
    storageGb: number;
    backupRetentionDays: number;
    /** Name of the managed identity = its Postgres role = the user in the connection URL. */
    identityName: string;
    /** Name of the bootstrap Job's own managed identity (the server's Entra administrator). */
    bootstrapIdentityName: string;
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
    if (size === undefined) {
        const { path, problem } = storageSizeProblem(gb);
        throw new ConfigError(key(path), problem);
    }
    return size;
}

function storageSizeProblem(gb: number): KeyedProblem {
    return {
        path: "postgres.storageGb",
        problem: `${gb} is above the ${AZURE_STORAGE_SIZES_GB.at(-1)} GiB Flexible Server offers; set a smaller size`,
    };
}

/**
 * Resolves the plan, or throws one ConfigError listing every problem found (each rule runs unless it
 * reads a value an earlier rule refused).
 */
export function resolveAzurePlan(settings: {
    azure: AzureSettings;
    postgres: PostgresSettings;
    production: boolean;
    /** Default names (derived from the stack, or the legacy fixed ones): see program/config/stackNames.ts. */
    defaults?: { identityName: string; subnetName: string; privateDnsZone: string };
}): AzurePlan {
    const { azure, postgres: pg } = settings;
    const problems: KeyedProblem[] = [];

    const skuName = pg.instanceClass ?? (settings.production ? AZURE_DEFAULT_SKU.production : AZURE_DEFAULT_SKU.dev);
    const skuNameOk = /^Standard_[A-Za-z0-9_]+$/.test(skuName);
    if (!skuNameOk) {
        problems.push({
            path: "postgres.instanceClass",
            problem: `${JSON.stringify(skuName)} is not a Flexible Server SKU like Standard_D2ds_v5 or Standard_B2ms`,
        });
    }
    const skuTier = azure.skuTier ?? skuTierFor(skuName);
    // The tier of a refused SKU name means nothing unless the tier is set explicitly.
    if (pg.highAvailability && skuTier === "Burstable" && (skuNameOk || azure.skuTier !== undefined)) {
        problems.push({
            path: "postgres.highAvailability",
            problem: `zone-redundant high availability needs a General Purpose or Memory Optimized SKU, not ${skuName}; set langsmith:postgres.instanceClass to e.g. Standard_D2ds_v5 or turn highAvailability off`,
        });
    }

    const defaults = settings.defaults ?? {
        identityName: AZURE_DEFAULT_IAM_USER,
        subnetName: "langsmith-postgres",
        privateDnsZone: "langsmith.private.postgres.database.azure.com",
    };
    const identityName = pg.iamUser ?? defaults.identityName;
    const bootstrapIdentityName = `${identityName}${AZURE_BOOTSTRAP_IDENTITY_SUFFIX}`;
    if (!/^[A-Za-z0-9][A-Za-z0-9_-]{2,127}$/.test(identityName)) {
        problems.push({
            path: "postgres.iamUser",
            problem: `${JSON.stringify(identityName)} cannot name an Azure managed identity (3-128 letters, digits, '-' or '_', starting with a letter or digit); it is also the database user, so choose such a name`,
        });
    } else if (Buffer.byteLength(bootstrapIdentityName) > MAX_BOOTSTRAP_IDENTITY_NAME) {
        problems.push({
            path: "postgres.iamUser",
            problem: `makes the bootstrap's managed identity (and Postgres role) name ${bootstrapIdentityName} ${Buffer.byteLength(bootstrapIdentityName)} bytes long, above PostgreSQL's ${MAX_BOOTSTRAP_IDENTITY_NAME}; use a name of at most ${MAX_BOOTSTRAP_IDENTITY_NAME - AZURE_BOOTSTRAP_IDENTITY_SUFFIX.length} characters`,
        });
    }
    // The bootstrap's federated credential, <namespace>-langsmith-db-bootstrap, stays within Azure's 120
    // characters: the namespace is a DNS label (at most 63).
    if (pg.dropPreviousIamUser) {
        problems.push({
            path: "postgres.dropPreviousIamUser",
            problem:
                "is not supported on Azure: the previous identity's role is an Entra principal the administrator did not create; remove the key and drop the role as the Entra administrator once the switch is done",
        });
    }
    const storageGb = AZURE_STORAGE_SIZES_GB.find((s) => s >= pg.storageGb);
    if (storageGb === undefined) problems.push(storageSizeProblem(pg.storageGb));

    ConfigProblems.throwAll(problems);
    return {
        skuName,
        skuTier,
        storageGb: storageGb ?? storageSizeFor(pg.storageGb),
        // The project's dev default (3 days) is below Azure's minimum.
        backupRetentionDays: Math.max(pg.backupRetentionDays, AZURE_MIN_BACKUP_DAYS),
        identityName,
        bootstrapIdentityName,
        subnetName: azure.createNetwork?.subnetName ?? defaults.subnetName,
        privateDnsZoneName: defaults.privateDnsZone,
        extensionsAllowList: extensionsAllowList(azure.extraExtensions),
    };
}

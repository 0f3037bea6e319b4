/** Azure input rules: PostgreSQL Flexible Server, managed identities, private networking, locks, tags. */
import { describeName, forEachType, get, nameOf, num, problems, q, str, stringMap } from "./common";
import type { CheckedResource, ServiceRule } from "./types";
import { AZURE_STORAGE_RULES, PRIVATE_ENDPOINT, STORAGE_ACCOUNT } from "./azureStorage";
import { AZURE_REDIS_RULES, REDIS_CLUSTER } from "./azureRedis";
import { AZURE_CLICKHOUSE_RULES } from "./azureClickHouse";

const SERVER = "azure-native:dbforpostgresql:Server";
const CONFIGURATION = "azure-native:dbforpostgresql:Configuration";
const DATABASE = "azure-native:dbforpostgresql:Database";
const ENTRA_ADMIN = "azure-native:dbforpostgresql:AdministratorsMicrosoftEntra";
const IDENTITY = "azure-native:managedidentity:UserAssignedIdentity";
const FEDERATED = "azure-native:managedidentity:FederatedIdentityCredential";
const SUBNET = "azure-native:network:Subnet";
const ZONE = "azure-native:privatedns:PrivateZone";
const LINK = "azure-native:privatedns:VirtualNetworkLink";
const LOCK = "azure-native:authorization:ManagementLockByScope";

const TAGS = "https://learn.microsoft.com/en-us/azure/azure-resource-manager/management/tag-resources#limitations";
const NAMES = "https://learn.microsoft.com/en-us/azure/azure-resource-manager/management/resource-name-rules";
const FLEX = "https://learn.microsoft.com/en-us/azure/postgresql/flexible-server";
const PRIVATE_NETWORKING = `${FLEX}/concepts-networking-private`;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Azure Resource Manager's tag rules. */
export function azureTagProblems(tags: Record<string, string>): string | undefined {
    return problems([
        Object.keys(tags).length > 50 && `${Object.keys(tags).length} tags, more than 50`,
        ...Object.entries(tags).flatMap(([k, v]) => [
            (k.length < 1 || k.length > 512) && `tag name ${q(k)} must be 1 to 512 characters`,
            /[<>%&\\?/]/.test(k) && `tag name ${q(k)} contains one of < > % & \\ ? /`,
            /^(microsoft|azure|windows)/i.test(k) &&
                `tag name ${q(k)} starts with a reserved prefix (microsoft, azure, windows)`,
            v.length > 256 && `the value of tag ${q(k)} is longer than 256 characters`,
        ]),
    ]);
}

const TAGGED: Record<string, string> = {
    [SERVER]: "postgres.server",
    [IDENTITY]: "identity.user-assigned",
    [ZONE]: "privatedns.zone",
    [LINK]: "privatedns.link",
    [STORAGE_ACCOUNT]: "storage.account",
    [PRIVATE_ENDPOINT]: "network.private-endpoint",
    [REDIS_CLUSTER]: "redisenterprise.cluster",
};

const tagRules = forEachType(TAGGED, (type, short) => ({
    id: `azure.${short}.tags`,
    resourceType: type,
    property: "tags",
    description:
        "Tag names 1-512 characters without < > % & \\ ? / and not starting with microsoft, azure or windows; values at most 256; at most 50 tags.",
    url: TAGS,
    check: (inputs) => {
        const tags = stringMap(inputs.tags);
        return tags && azureTagProblems(tags);
    },
}));

/** One name rule from the resource-name-rules page. */
function nameRule(
    id: string,
    type: string,
    property: string,
    description: string,
    test: (name: string) => string | undefined,
    outputPath = "name",
): ServiceRule {
    return {
        id,
        resourceType: type,
        property,
        description,
        url: NAMES,
        check: (_i, r) => {
            const n = nameOf(r, property, outputPath);
            const p = n && test(n.value);
            return p && `${describeName(n)} ${p}`;
        },
    };
}

const BURSTABLE = /^Standard_B\d+m?s$/;
const SKU_TIER: Record<string, RegExp> = {
    Burstable: BURSTABLE,
    GeneralPurpose: /^Standard_D\d+[a-z]*s_v\d$/,
    MemoryOptimized: /^Standard_E\d+[a-z]*s_v\d$/,
};
const PREMIUM_SSD_SIZES = [32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32767];
const RESERVED_LOGINS = ["azure_superuser", "azure_pg_admin", "admin", "administrator", "root", "guest", "public"];

/** The server a child resource names (serverName is the server's name, set or auto-named). */
function serverNamed(name: string | undefined, all: readonly CheckedResource[]): CheckedResource | undefined {
    return name === undefined
        ? undefined
        : all.find((r) => r.type === SERVER && nameOf(r, "serverName", "name")?.value === name);
}

const serverRules: ServiceRule[] = [
    nameRule(
        "azure.postgres.server.name",
        SERVER,
        "serverName",
        "Server name: 3-63 lower-case letters, digits and hyphens, not starting or ending with a hyphen.",
        (v) =>
            /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/.test(v)
                ? undefined
                : "must be 3 to 63 lower-case letters, digits and hyphens, not starting or ending with a hyphen",
    ),
    {
        id: "azure.postgres.server.sku",
        resourceType: SERVER,
        property: "sku.name, sku.tier",
        description:
            "The SKU's tier matches its name: Burstable takes Standard_B*, GeneralPurpose Standard_D*s_v*, MemoryOptimized Standard_E*s_v*.",
        url: `${FLEX}/concepts-compute`,
        check: (inputs) => {
            const name = str(inputs, "sku.name");
            const tier = str(inputs, "sku.tier");
            if (name === undefined || tier === undefined) return "sku.name and sku.tier are required";
            const form = SKU_TIER[tier];
            if (!form) return `tier ${q(tier)} is not Burstable, GeneralPurpose or MemoryOptimized`;
            return form.test(name) ? undefined : `${q(name)} is not a ${tier} compute size`;
        },
    },
    {
        id: "azure.postgres.server.version",
        resourceType: SERVER,
        property: "version",
        description: "PostgreSQL major version 11 to 18.",
        url: `${FLEX}/concepts-supported-versions`,
        check: (inputs) => {
            const v = str(inputs, "version");
            return v === undefined || ["11", "12", "13", "14", "15", "16", "17", "18"].includes(v)
                ? undefined
                : `${q(v)} is not a Flexible Server major version`;
        },
    },
    {
        id: "azure.postgres.server.storage-size",
        resourceType: SERVER,
        property: "storage.storageSizeGB",
        description:
            "Premium SSD storage comes in 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384 or 32767 GiB; Premium SSD v2 in 32-65536 GiB.",
        url: `${FLEX}/concepts-storage`,
        check: (inputs) => {
            const size = num(inputs, "storage.storageSizeGB");
            if (size === undefined) return undefined;
            if (str(inputs, "storage.type") === "PremiumV2_LRS")
                return size >= 32 && size <= 65536 ? undefined : `${size} GiB is outside 32-65536 GiB`;
            return PREMIUM_SSD_SIZES.includes(size)
                ? undefined
                : `${size} GiB is not an offered size (${PREMIUM_SSD_SIZES.join(", ")})`;
        },
    },
    {
        id: "azure.postgres.server.storage-auto-grow",
        resourceType: SERVER,
        property: "storage.autoGrow",
        description: "Storage auto-grow is Enabled or Disabled; it is not offered on Premium SSD v2.",
        url: `${FLEX}/concepts-storage`,
        check: (inputs) => {
            const v = str(inputs, "storage.autoGrow");
            if (v === undefined) return undefined;
            if (v !== "Enabled" && v !== "Disabled") return `${q(v)} is not Enabled or Disabled`;
            return v === "Enabled" && str(inputs, "storage.type") === "PremiumV2_LRS"
                ? "auto-grow is not offered with Premium SSD v2"
                : undefined;
        },
    },
    {
        id: "azure.postgres.server.backup",
        resourceType: SERVER,
        property: "backup.backupRetentionDays, backup.geoRedundantBackup",
        description: "Backup retention is 7 to 35 days; geo-redundant backup is Enabled or Disabled.",
        url: `${FLEX}/concepts-backup-restore`,
        check: (inputs) => {
            const days = num(inputs, "backup.backupRetentionDays");
            const geo = str(inputs, "backup.geoRedundantBackup");
            return problems([
                days !== undefined && (days < 7 || days > 35) && `retention ${days} days is outside 7-35`,
                geo !== undefined &&
                    geo !== "Enabled" &&
                    geo !== "Disabled" &&
                    `geoRedundantBackup ${q(geo)} is not Enabled or Disabled`,
            ]);
        },
    },
    {
        id: "azure.postgres.server.high-availability",
        resourceType: SERVER,
        property: "highAvailability.mode",
        description:
            "High availability is Disabled, SameZone or ZoneRedundant, and is not offered on the Burstable tier; a zone-redundant standby is in another zone than the primary.",
        url: `${FLEX}/concepts-high-availability`,
        check: (inputs) => {
            const mode = str(inputs, "highAvailability.mode");
            if (mode === undefined || mode === "Disabled") return undefined;
            if (mode !== "ZoneRedundant" && mode !== "SameZone")
                return `${q(mode)} is not Disabled, SameZone or ZoneRedundant`;
            const zone = str(inputs, "availabilityZone");
            const standby = str(inputs, "highAvailability.standbyAvailabilityZone");
            return problems([
                str(inputs, "sku.tier") === "Burstable" &&
                    `${mode} high availability is not offered on the Burstable tier`,
                mode === "ZoneRedundant" &&
                    zone &&
                    standby &&
                    zone === standby &&
                    `the standby zone ${q(standby)} is the primary's zone`,
            ]);
        },
    },
    {
        id: "azure.postgres.server.administrator-login",
        resourceType: SERVER,
        property: "administratorLogin",
        description:
            "Administrator login: 1-63 letters, digits and underscores, not starting with a digit or pg_, and not azure_superuser, azure_pg_admin, admin, administrator, root, guest or public.",
        url: `${FLEX}/quickstart-create-server`,
        check: (inputs) => {
            const v = str(inputs, "administratorLogin");
            if (v === undefined)
                return str(inputs, "authConfig.passwordAuth") === "Enabled"
                    ? "is required with password authentication"
                    : undefined;
            return problems([
                !/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(v) &&
                    `${q(v)} must be 1 to 63 letters, digits or underscores, not starting with a digit`,
                /^pg_/i.test(v) && `${q(v)} starts with pg_`,
                RESERVED_LOGINS.includes(v.toLowerCase()) && `${q(v)} is a reserved name`,
            ]);
        },
    },
    {
        id: "azure.postgres.server.administrator-password",
        resourceType: SERVER,
        property: "administratorLoginPassword",
        description:
            "Administrator password: 8-128 characters from three of: upper-case letters, lower-case letters, digits, non-alphanumeric characters.",
        url: `${FLEX}/quickstart-create-server`,
        check: (inputs) => {
            const v = str(inputs, "administratorLoginPassword");
            if (v === undefined) return undefined;
            const classes = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(v)).length;
            return problems([
                (v.length < 8 || v.length > 128) && `the value is ${v.length} characters, not 8 to 128`,
                classes < 3 && "the value has fewer than three of the four character classes",
            ]);
        },
    },
    {
        id: "azure.postgres.server.private-access",
        resourceType: SERVER,
        property: "network.delegatedSubnetResourceId, network.privateDnsZoneArmResourceId",
        description:
            "Private access (VNet integration) takes a delegated subnet and a private DNS zone together; the zone's name ends in .postgres.database.azure.com.",
        url: PRIVATE_NETWORKING,
        check: (inputs) => {
            const subnet = str(inputs, "network.delegatedSubnetResourceId");
            const zone = str(inputs, "network.privateDnsZoneArmResourceId");
            if (subnet === undefined && zone === undefined) return undefined;
            return problems([
                (subnet === undefined) !== (zone === undefined) &&
                    "the delegated subnet and the private DNS zone go together",
                subnet !== undefined &&
                    !/\/providers\/Microsoft\.Network\/virtualNetworks\/[^/]+\/subnets\/[^/]+$/i.test(subnet) &&
                    `${q(subnet)} is not a subnet resource ID`,
                zone !== undefined &&
                    !/\/providers\/Microsoft\.Network\/privateDnsZones\/[^/]+\.postgres\.database\.azure\.com$/i.test(
                        zone,
                    ) &&
                    `the private DNS zone ${q(zone.split("/").pop() ?? zone)} does not end in .postgres.database.azure.com`,
            ]);
        },
    },
    {
        id: "azure.postgres.server.authentication",
        resourceType: SERVER,
        property: "authConfig",
        description:
            "Microsoft Entra and password authentication are Enabled or Disabled, at least one enabled; Entra authentication names the tenant.",
        url: `${FLEX}/concepts-azure-ad-authentication`,
        check: (inputs) => {
            const entra = str(inputs, "authConfig.activeDirectoryAuth");
            const password = str(inputs, "authConfig.passwordAuth");
            const tenant = str(inputs, "authConfig.tenantId");
            return problems([
                [entra, password].some((v) => v !== undefined && v !== "Enabled" && v !== "Disabled") &&
                    "activeDirectoryAuth and passwordAuth are Enabled or Disabled",
                entra === "Disabled" && password === "Disabled" && "both authentication methods are disabled",
                entra === "Enabled" &&
                    tenant !== undefined &&
                    !GUID.test(tenant) &&
                    `tenantId ${q(tenant)} is not a GUID`,
            ]);
        },
    },
];

const childRules: ServiceRule[] = [
    {
        id: "azure.postgres.configuration.parameter",
        resourceType: CONFIGURATION,
        property: "configurationName, value",
        description:
            "A server parameter names the server and the parameter; azure.extensions is a comma-separated list of extension names; require_secure_transport is on or off.",
        url: `${FLEX}/concepts-server-parameters`,
        check: (inputs, _r, all) => {
            const name = str(inputs, "configurationName");
            const value = str(inputs, "value") ?? "";
            return problems([
                !name && "configurationName is required",
                !str(inputs, "serverName") && "serverName is required",
                name === "azure.extensions" &&
                    !/^[A-Za-z0-9_]+(,[A-Za-z0-9_]+)*$/.test(value) &&
                    `${q(value)} is not a comma-separated list of extension names`,
                name === "require_secure_transport" &&
                    !["on", "off"].includes(value.toLowerCase()) &&
                    `${q(value)} is not on or off`,
                str(inputs, "serverName") !== undefined &&
                    all.some((r) => r.type === SERVER) &&
                    !serverNamed(str(inputs, "serverName"), all) &&
                    "names no server of this stack",
            ]);
        },
    },
    {
        id: "azure.postgres.database.name",
        resourceType: DATABASE,
        property: "databaseName, charset, collation",
        description:
            "A database name is a PostgreSQL identifier of at most 63 bytes; charset and collation are set together.",
        url: "https://www.postgresql.org/docs/current/sql-syntax-lexical.html#SQL-SYNTAX-IDENTIFIERS",
        check: (inputs, r) => {
            const n = nameOf(r, "databaseName", "name");
            return problems([
                n &&
                    (Buffer.byteLength(n.value) > 63 || n.value.length === 0) &&
                    `${describeName(n)} is not 1 to 63 bytes`,
                (str(inputs, "charset") === undefined) !== (str(inputs, "collation") === undefined) &&
                    "charset and collation go together",
            ]);
        },
    },
    {
        id: "azure.postgres.entra-admin.principal",
        resourceType: ENTRA_ADMIN,
        property: "objectId, principalType, principalName, tenantId",
        description:
            "The Microsoft Entra administrator is the object ID (a GUID) of a user, group or servicePrincipal, with its name and tenant.",
        url: `${FLEX}/how-to-manage-azure-ad-users`,
        check: (inputs) => {
            const objectId = str(inputs, "objectId");
            const type = str(inputs, "principalType");
            const tenant = str(inputs, "tenantId");
            return problems([
                !(objectId && GUID.test(objectId)) && `objectId ${q(objectId ?? "")} is not a GUID`,
                !(type && ["user", "group", "servicePrincipal"].includes(type)) &&
                    `principalType ${q(type ?? "")} is not user, group or servicePrincipal`,
                !str(inputs, "principalName") && "principalName is required",
                tenant !== undefined && !GUID.test(tenant) && `tenantId ${q(tenant)} is not a GUID`,
            ]);
        },
    },
];

const identityRules: ServiceRule[] = [
    nameRule(
        "azure.identity.user-assigned.name",
        IDENTITY,
        "resourceName",
        "User-assigned identity name: 3-128 letters, digits, hyphens and underscores, starting with a letter or digit.",
        (v) =>
            /^[A-Za-z0-9][A-Za-z0-9_-]{2,127}$/.test(v)
                ? undefined
                : "must be 3 to 128 letters, digits, '-' or '_', starting with a letter or digit",
    ),
    nameRule(
        "azure.identity.federated-credential.name",
        FEDERATED,
        "federatedIdentityCredentialResourceName",
        "Federated identity credential name: 3-120 letters, digits, hyphens and underscores, starting with a letter or digit.",
        (v) =>
            /^[A-Za-z0-9][A-Za-z0-9_-]{2,119}$/.test(v)
                ? undefined
                : "must be 3 to 120 letters, digits, '-' or '_', starting with a letter or digit",
    ),
    {
        id: "azure.identity.federated-credential.claims",
        resourceType: FEDERATED,
        property: "issuer, subject, audiences",
        description:
            "A federated credential has an https issuer, a subject, exactly one audience, and a unique issuer/subject pair per identity; an identity has at most 20.",
        url: "https://learn.microsoft.com/en-us/entra/workload-id/workload-identity-federation-considerations",
        check: (inputs, r, all) => {
            const issuer = str(inputs, "issuer") ?? "";
            const subject = str(inputs, "subject") ?? "";
            const audiences = get(inputs, "audiences");
            const identity = `${str(inputs, "resourceGroupName")}/${str(inputs, "resourceName")}`;
            const siblings = all.filter(
                (o) =>
                    o.type === FEDERATED &&
                    `${str(o.inputs, "resourceGroupName")}/${str(o.inputs, "resourceName")}` === identity,
            );
            const sameClaims = siblings.filter(
                (o) => o.urn !== r.urn && str(o.inputs, "issuer") === issuer && str(o.inputs, "subject") === subject,
            );
            const names = siblings.filter(
                (o) =>
                    o.urn !== r.urn &&
                    nameOf(o, "federatedIdentityCredentialResourceName", "name")?.value ===
                        nameOf(r, "federatedIdentityCredentialResourceName", "name")?.value,
            );
            return problems([
                !/^https:\/\/[^\s]+$/.test(issuer) && `issuer ${q(issuer)} is not an https URL`,
                subject.length === 0 && "subject is required",
                subject.length > 600 && "subject is longer than 600 characters",
                !(Array.isArray(audiences) && audiences.length === 1) && "exactly one audience is required",
                sameClaims.length > 0 &&
                    `another credential of the identity has the same issuer and subject ${q(subject)}`,
                names.length > 0 && "another credential of the identity has the same name",
                siblings.length > 20 && `${siblings.length} credentials on one identity, more than 20`,
            ]);
        },
    },
];

/** Private DNS zone labels: 1-63 characters each, at most 34 labels. */
function zoneNameProblem(v: string): string | undefined {
    const labels = v.split(".");
    if (labels.length < 2 || labels.length > 34) return "must have 2 to 34 labels";
    return labels.every((l) => /^[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?$/.test(l))
        ? undefined
        : "has a label that is not 1 to 63 letters, digits, '_' or '-' (not starting or ending with '-')";
}

const networkRules: ServiceRule[] = [
    nameRule(
        "azure.network.subnet.name",
        SUBNET,
        "subnetName",
        "Subnet name: 1-80 letters, digits, underscores, periods and hyphens; starts with a letter or digit, ends with a letter, digit or underscore.",
        (v) =>
            /^[A-Za-z0-9]([A-Za-z0-9_.-]{0,78}[A-Za-z0-9_])?$/.test(v)
                ? undefined
                : "must be 1 to 80 letters, digits, '_', '.' or '-', starting alphanumeric and ending alphanumeric or '_'",
    ),
    {
        id: "azure.network.subnet.delegation",
        resourceType: SUBNET,
        property: "addressPrefix, delegations",
        description:
            "A subnet a Flexible Server uses is delegated to Microsoft.DBforPostgreSQL/flexibleServers; the address prefix is an IPv4 CIDR.",
        url: PRIVATE_NETWORKING,
        check: (inputs, r, all) => {
            const prefix = str(inputs, "addressPrefix");
            const name = nameOf(r, "subnetName")?.value;
            const used = all.some(
                (s) =>
                    s.type === SERVER &&
                    name !== undefined &&
                    (str(s.inputs, "network.delegatedSubnetResourceId") ?? "").endsWith(`/subnets/${name}`),
            );
            const delegations = Array.isArray(inputs.delegations) ? (inputs.delegations as unknown[]) : [];
            return problems([
                prefix !== undefined &&
                    !/^(\d{1,3}\.){3}\d{1,3}\/\d{1,2}$/.test(prefix) &&
                    `${q(prefix)} is not an IPv4 CIDR`,
                used &&
                    !delegations.some((d) => str(d, "serviceName") === "Microsoft.DBforPostgreSQL/flexibleServers") &&
                    "the server's subnet is not delegated to Microsoft.DBforPostgreSQL/flexibleServers",
            ]);
        },
    },
    nameRule(
        "azure.privatedns.zone.name",
        ZONE,
        "privateZoneName",
        "Private DNS zone name: 2-34 labels of 1-63 characters.",
        zoneNameProblem,
    ),
    {
        id: "azure.privatedns.zone.postgres-suffix",
        resourceType: ZONE,
        property: "privateZoneName, location",
        description:
            "A private DNS zone for Flexible Server ends in .postgres.database.azure.com; private DNS zones are global.",
        url: PRIVATE_NETWORKING,
        check: (inputs, r, all) => {
            const name = nameOf(r, "privateZoneName")?.value ?? "";
            const forServer = all.some(
                (s) =>
                    s.type === SERVER &&
                    (str(s.inputs, "network.privateDnsZoneArmResourceId") ?? "")
                        .toLowerCase()
                        .endsWith(`/${name.toLowerCase()}`),
            );
            const location = str(inputs, "location");
            return problems([
                forServer &&
                    !name.toLowerCase().endsWith(".postgres.database.azure.com") &&
                    `${q(name)} does not end in .postgres.database.azure.com`,
                location !== undefined &&
                    location.toLowerCase() !== "global" &&
                    `location ${q(location)} is not global`,
            ]);
        },
    },
    nameRule(
        "azure.privatedns.link.name",
        LINK,
        "virtualNetworkLinkName",
        "Virtual network link name: 1-80 letters, digits, underscores, periods and hyphens; starts alphanumeric, ends alphanumeric or underscore.",
        (v) =>
            /^[A-Za-z0-9]([A-Za-z0-9_.-]{0,78}[A-Za-z0-9_])?$/.test(v)
                ? undefined
                : "must be 1 to 80 letters, digits, '_', '.' or '-', starting alphanumeric and ending alphanumeric or '_'",
    ),
    {
        id: "azure.privatedns.link.target",
        resourceType: LINK,
        property: "virtualNetwork.id, location",
        description: "A virtual network link names a virtual network by resource ID; links are global.",
        url: "https://learn.microsoft.com/en-us/azure/dns/private-dns-virtual-network-links",
        check: (inputs) => {
            const vnet = str(inputs, "virtualNetwork.id");
            const location = str(inputs, "location");
            return problems([
                !(vnet && /\/providers\/Microsoft\.Network\/virtualNetworks\/[^/]+$/i.test(vnet)) &&
                    `virtualNetwork.id ${q(vnet ?? "")} is not a virtual network resource ID`,
                location !== undefined &&
                    location.toLowerCase() !== "global" &&
                    `location ${q(location)} is not global`,
            ]);
        },
    },
];

const lockRules: ServiceRule[] = [
    nameRule(
        "azure.authorization.lock.name",
        LOCK,
        "lockName",
        "Lock name: 1-90 letters, digits, periods, underscores, hyphens and parentheses, not ending with a period.",
        (v) =>
            /^[A-Za-z0-9_.()-]{1,90}$/.test(v) && !v.endsWith(".")
                ? undefined
                : "must be 1 to 90 letters, digits, '.', '_', '-', '(' or ')', not ending with '.'",
    ),
    {
        id: "azure.authorization.lock.level",
        resourceType: LOCK,
        property: "level, notes, scope",
        description:
            "Lock level is CanNotDelete or ReadOnly; notes at most 512 characters; the scope is a resource ID.",
        url: "https://learn.microsoft.com/en-us/rest/api/resources/management-locks/create-or-update-by-scope",
        check: (inputs) => {
            const level = str(inputs, "level");
            return problems([
                level !== "CanNotDelete" &&
                    level !== "ReadOnly" &&
                    `level ${q(level ?? "")} is not CanNotDelete or ReadOnly`,
                (str(inputs, "notes") ?? "").length > 512 && "notes are longer than 512 characters",
                !(str(inputs, "scope") ?? "").startsWith("/subscriptions/") && "scope is not a resource ID",
            ]);
        },
    },
];

export const AZURE_RULES: ServiceRule[] = [
    ...serverRules,
    ...childRules,
    ...identityRules,
    ...networkRules,
    ...lockRules,
    ...AZURE_STORAGE_RULES,
    ...AZURE_REDIS_RULES,
    ...AZURE_CLICKHOUSE_RULES,
    ...tagRules,
];

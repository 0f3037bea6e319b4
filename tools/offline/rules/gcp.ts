/** Google Cloud input rules: Cloud SQL for PostgreSQL, IAM, service accounts, Private Service Access, labels. */
import { describeName, get, nameOf, num, problems, q, str } from "./common";
import { GCP_DNS_RULES } from "./gcpDns";
import { GCP_STORAGE_RULES } from "./gcpStorage";
import { GCP_REDIS_RULES } from "./gcpRedis";
import { GCP_PSC_RULES } from "./gcpPsc";
import type { ServiceRule } from "./types";
import { gcpLabelsRule } from "./gcpLabels";

const INSTANCE = "gcp:sql/databaseInstance:DatabaseInstance";
const DATABASE = "gcp:sql/database:Database";
const USER = "gcp:sql/user:User";
const ACCOUNT = "gcp:serviceaccount/account:Account";
const SA_MEMBER = "gcp:serviceaccount/iAMMember:IAMMember";
const PROJECT_MEMBER = "gcp:projects/iAMMember:IAMMember";
const ADDRESS = "gcp:compute/globalAddress:GlobalAddress";
const PSA = "gcp:servicenetworking/connection:Connection";
const PROVIDER = "pulumi:providers:gcp";

const SQL_SETTINGS = "https://cloud.google.com/sql/docs/postgres/instance-settings";
const SQL_API = "https://cloud.google.com/sql/docs/postgres/admin-api/rest/v1beta4/instances";
const BINDING = "https://cloud.google.com/iam/docs/reference/rest/v1/Policy#Binding";
const PSA_PAGE = "https://cloud.google.com/vpc/docs/configure-private-services-access";
const PG_IDENTIFIERS = "https://www.postgresql.org/docs/current/sql-syntax-lexical.html#SQL-SYNTAX-IDENTIFIERS";

/** Members a binding accepts (the documented principal prefixes). */
const MEMBER =
    /^(allUsers|allAuthenticatedUsers|(user|serviceAccount|group|domain|deleted:user|deleted:serviceAccount|deleted:group):[^\s]+|principal(Set)?:\/\/[^\s]+|projectOwner:[^\s]+|projectEditor:[^\s]+|projectViewer:[^\s]+)$/;
const ROLE = /^(roles\/[A-Za-z0-9_.]+|(projects|organizations)\/[a-z0-9.:-]+\/roles\/[A-Za-z0-9_.]{3,64})$/;
/** The Workload Identity principal of a Kubernetes service account. */
const WORKLOAD_IDENTITY_MEMBER =
    /^serviceAccount:[a-z][a-z0-9-]{4,28}[a-z0-9]\.svc\.id\.goog\[[a-z0-9]([-a-z0-9]*[a-z0-9])?\/[a-z0-9]([-a-z0-9.]*[a-z0-9])?\]$/;
const PROJECT_ID = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;

function memberProblem(member: string | undefined, role: string | undefined): string | undefined {
    return problems([
        member === undefined && "member is required",
        member !== undefined &&
            !MEMBER.test(member) &&
            `member ${q(member)} is not a principal identifier (user:, serviceAccount:, group:, domain:, principal://, ...)`,
        member?.includes(".svc.id.goog[") &&
            !WORKLOAD_IDENTITY_MEMBER.test(member) &&
            `member ${q(member)} is not serviceAccount:PROJECT.svc.id.goog[NAMESPACE/KSA]`,
        role === undefined && "role is required",
        role !== undefined &&
            !ROLE.test(role) &&
            `role ${q(role)} is not roles/..., projects/P/roles/... or organizations/O/roles/...`,
    ]);
}

/** The Cloud SQL edition the program sets (undefined: the API picks one; only the form is checked then). */
function editionOf(inputs: Record<string, unknown>): string | undefined {
    return str(inputs, "settings.edition");
}

/** A Cloud SQL for PostgreSQL custom machine type's rules, or undefined. */
function customTierProblem(tier: string): string | undefined {
    const m = tier.match(/^db-custom-(\d+)-(\d+)$/);
    if (!m) return undefined;
    const cpus = Number(m[1]);
    const mb = Number(m[2]);
    return problems([
        !(cpus === 1 || (cpus % 2 === 0 && cpus >= 2 && cpus <= 96)) &&
            `${cpus} vCPUs: a custom machine has 1 or an even number of vCPUs up to 96`,
        mb % 256 !== 0 && `${mb} MB of memory is not a multiple of 256 MB`,
        mb < 3840 && `${mb} MB of memory is less than 3840 MB`,
        (mb < cpus * 0.9 * 1024 || mb > cpus * 6.5 * 1024) &&
            `${mb} MB is outside 0.9-6.5 GB per vCPU for ${cpus} vCPUs`,
    ]);
}

const POSTGRES_VERSIONS = [
    "POSTGRES_9_6",
    "POSTGRES_10",
    "POSTGRES_11",
    "POSTGRES_12",
    "POSTGRES_13",
    "POSTGRES_14",
    "POSTGRES_15",
    "POSTGRES_16",
    "POSTGRES_17",
    "POSTGRES_18",
];

const instanceRules: ServiceRule[] = [
    {
        id: "gcp.sql.instance.name",
        resourceType: INSTANCE,
        property: "name",
        description:
            "Instance ID: lower-case letters, digits and hyphens, starting with a letter; at most 98 characters.",
        url: SQL_SETTINGS,
        check: (_i, r) => {
            const n = nameOf(r, "name");
            if (!n) return undefined;
            return problems([
                !/^[a-z][-a-z0-9]*$/.test(n.value) &&
                    `${describeName(n)} must be lower-case letters, digits and hyphens, starting with a letter`,
                n.value.length > 98 && `${describeName(n)} is ${n.value.length} characters, more than 98`,
            ]);
        },
    },
    {
        id: "gcp.sql.instance.database-version",
        resourceType: INSTANCE,
        property: "databaseVersion",
        description:
            "Database version is one of the PostgreSQL versions Cloud SQL offers (POSTGRES_9_6 ... POSTGRES_18).",
        url: "https://cloud.google.com/sql/docs/db-versions",
        check: (inputs) => {
            const v = str(inputs, "databaseVersion");
            if (v === undefined) return "is required";
            return !v.startsWith("POSTGRES") || POSTGRES_VERSIONS.includes(v)
                ? undefined
                : `${q(v)} is not a Cloud SQL PostgreSQL version`;
        },
    },
    {
        id: "gcp.sql.instance.tier-edition",
        resourceType: INSTANCE,
        property: "settings.tier, settings.edition",
        description:
            "Enterprise Plus takes db-perf-optimized-N-* machine types; Enterprise takes db-custom-CPU-MB and the shared-core db-f1-micro/db-g1-small; the tier is required.",
        url: SQL_SETTINGS,
        check: (inputs) => {
            const tier = str(inputs, "settings.tier");
            if (tier === undefined) return "is required";
            const edition = editionOf(inputs);
            const plusTier = /^db-perf-optimized-N-(2|4|8|16|32|48|64|80|96|128)$/.test(tier);
            const enterpriseTier = /^db-custom-\d+-\d+$/.test(tier) || tier === "db-f1-micro" || tier === "db-g1-small";
            if (edition === undefined)
                return plusTier || enterpriseTier
                    ? undefined
                    : `${q(tier)} is not a Cloud SQL for PostgreSQL machine type`;
            if (edition !== "ENTERPRISE" && edition !== "ENTERPRISE_PLUS")
                return `edition ${q(edition)} is not ENTERPRISE or ENTERPRISE_PLUS`;
            if (edition === "ENTERPRISE_PLUS" && !plusTier)
                return `${q(tier)} is not an Enterprise Plus machine type (db-perf-optimized-N-*)`;
            if (edition === "ENTERPRISE" && !enterpriseTier)
                return `${q(tier)} is not an Enterprise machine type (db-custom-CPU-MB, db-f1-micro, db-g1-small)`;
            return undefined;
        },
    },
    {
        id: "gcp.sql.instance.custom-machine",
        resourceType: INSTANCE,
        property: "settings.tier",
        description:
            "A custom machine has 1 or an even number of vCPUs (up to 96) and 0.9-6.5 GB of memory per vCPU, a multiple of 256 MB, at least 3840 MB.",
        url: SQL_SETTINGS,
        check: (inputs) => {
            const tier = str(inputs, "settings.tier");
            return tier && customTierProblem(tier);
        },
    },
    {
        id: "gcp.sql.instance.disk",
        resourceType: INSTANCE,
        property: "settings.diskSize, diskType, diskAutoresizeLimit",
        description:
            "Disk 10 GB to 64 TB; type PD_SSD, PD_HDD or HYPERDISK_BALANCED (no HDD on Enterprise Plus); an autoresize limit is 0 (none) or at least the disk size.",
        url: SQL_SETTINGS,
        check: (inputs) => {
            const size = num(inputs, "settings.diskSize");
            const type = str(inputs, "settings.diskType");
            const limit = num(inputs, "settings.diskAutoresizeLimit");
            return problems([
                size !== undefined && (size < 10 || size > 65536) && `disk size ${size} GB is outside 10-65536 GB`,
                type !== undefined &&
                    !["PD_SSD", "PD_HDD", "HYPERDISK_BALANCED"].includes(type) &&
                    `disk type ${q(type)} is not PD_SSD, PD_HDD or HYPERDISK_BALANCED`,
                type === "PD_HDD" && editionOf(inputs) === "ENTERPRISE_PLUS" && "Enterprise Plus does not offer PD_HDD",
                limit !== undefined &&
                    limit !== 0 &&
                    size !== undefined &&
                    limit < size &&
                    `autoresize limit ${limit} GB is below the disk size ${size} GB`,
            ]);
        },
    },
    {
        id: "gcp.sql.instance.backups",
        resourceType: INSTANCE,
        property: "settings.backupConfiguration",
        description:
            "Point-in-time recovery needs automated backups; transaction logs are kept 1-7 days on Enterprise (1-35 on Enterprise Plus); 1-365 retained backups; start time HH:MM.",
        url: "https://cloud.google.com/sql/docs/postgres/backup-recovery/pitr",
        check: (inputs) => {
            const b = get(inputs, "settings.backupConfiguration");
            if (b === undefined) return undefined;
            const enabled = get(b, "enabled") === true;
            const logDays = num(b, "transactionLogRetentionDays");
            const maxLogDays = editionOf(inputs) === "ENTERPRISE_PLUS" ? 35 : 7;
            const retained = num(b, "backupRetentionSettings.retainedBackups");
            const start = str(b, "startTime");
            return problems([
                get(b, "pointInTimeRecoveryEnabled") === true &&
                    !enabled &&
                    "point-in-time recovery is on but automated backups are off",
                logDays !== undefined &&
                    (logDays < 1 || logDays > maxLogDays) &&
                    `transactionLogRetentionDays ${logDays} is outside 1-${maxLogDays}`,
                retained !== undefined &&
                    (retained < 1 || retained > 365) &&
                    `retainedBackups ${retained} is outside 1-365`,
                start !== undefined && !/^([01]\d|2[0-3]):[0-5]\d$/.test(start) && `startTime ${q(start)} is not HH:MM`,
            ]);
        },
    },
    {
        id: "gcp.sql.instance.high-availability",
        resourceType: INSTANCE,
        property: "settings.availabilityType",
        description:
            "availabilityType is ZONAL or REGIONAL; a REGIONAL (high availability) instance needs automated backups.",
        url: "https://cloud.google.com/sql/docs/postgres/configure-ha",
        check: (inputs) => {
            const v = str(inputs, "settings.availabilityType");
            if (v === undefined) return undefined;
            if (v !== "ZONAL" && v !== "REGIONAL") return `${q(v)} is not ZONAL or REGIONAL`;
            const b = get(inputs, "settings.backupConfiguration");
            return v === "REGIONAL" && get(b, "enabled") !== true
                ? "REGIONAL needs backupConfiguration.enabled"
                : undefined;
        },
    },
    {
        id: "gcp.sql.instance.ip-configuration",
        resourceType: INSTANCE,
        property: "settings.ipConfiguration",
        description:
            "Without a public IP the instance needs a private network (projects/P/global/networks/N); sslMode is ALLOW_UNENCRYPTED_AND_ENCRYPTED, ENCRYPTED_ONLY or TRUSTED_CLIENT_CERTIFICATE_REQUIRED; serverCaMode is GOOGLE_MANAGED_INTERNAL_CA, GOOGLE_MANAGED_CAS_CA or CUSTOMER_MANAGED_CAS_CA, and serverCaPool goes with CUSTOMER_MANAGED_CAS_CA only.",
        url: `${SQL_API}#ipconfiguration`,
        check: (inputs) => {
            const ip = get(inputs, "settings.ipConfiguration");
            const network = str(ip, "privateNetwork");
            const ssl = str(ip, "sslMode");
            const caMode = str(ip, "serverCaMode");
            return problems([
                caMode !== undefined &&
                    !["GOOGLE_MANAGED_INTERNAL_CA", "GOOGLE_MANAGED_CAS_CA", "CUSTOMER_MANAGED_CAS_CA"].includes(
                        caMode,
                    ) &&
                    `serverCaMode ${q(caMode)} is not a Cloud SQL server CA mode`,
                str(ip, "serverCaPool") !== undefined &&
                    caMode !== "CUSTOMER_MANAGED_CAS_CA" &&
                    "serverCaPool is for serverCaMode CUSTOMER_MANAGED_CAS_CA only",
                get(ip, "ipv4Enabled") === false &&
                    network === undefined &&
                    "ipv4Enabled is false and there is no privateNetwork: the instance would have no address",
                network !== undefined &&
                    !/^projects\/[a-z][a-z0-9-]{4,28}[a-z0-9]\/global\/networks\/[a-z]([-a-z0-9]*[a-z0-9])?$/.test(
                        network,
                    ) &&
                    `privateNetwork ${q(network)} is not projects/P/global/networks/N`,
                ssl !== undefined &&
                    ![
                        "ALLOW_UNENCRYPTED_AND_ENCRYPTED",
                        "ENCRYPTED_ONLY",
                        "TRUSTED_CLIENT_CERTIFICATE_REQUIRED",
                    ].includes(ssl) &&
                    `sslMode ${q(ssl)} is not a Cloud SQL SSL mode`,
            ]);
        },
    },
    {
        id: "gcp.sql.instance.flags",
        resourceType: INSTANCE,
        property: "settings.databaseFlags",
        description: "cloudsql.iam_authentication (IAM database login) takes on or off.",
        url: "https://cloud.google.com/sql/docs/postgres/flags",
        check: (inputs) => {
            const flags = get(inputs, "settings.databaseFlags");
            const list = Array.isArray(flags) ? flags : [];
            const iam = list.find((f) => str(f, "name") === "cloudsql.iam_authentication");
            const value = iam && str(iam, "value");
            return iam && value !== "on" && value !== "off"
                ? `cloudsql.iam_authentication ${q(value ?? "")} is not on or off`
                : undefined;
        },
    },
    {
        id: "gcp.sql.instance.maintenance-window",
        resourceType: INSTANCE,
        property: "settings.maintenanceWindow",
        description: "Maintenance window day 1-7 (Monday-Sunday), hour 0-23, update track canary, stable or week5.",
        url: `${SQL_API}#maintenancewindow`,
        check: (inputs) => {
            const w = get(inputs, "settings.maintenanceWindow");
            if (w === undefined) return undefined;
            const day = num(w, "day");
            const hour = num(w, "hour");
            const track = str(w, "updateTrack");
            return problems([
                day !== undefined && (day < 1 || day > 7) && `day ${day} is outside 1-7`,
                hour !== undefined && (hour < 0 || hour > 23) && `hour ${hour} is outside 0-23`,
                track !== undefined &&
                    !["canary", "stable", "week5"].includes(track) &&
                    `updateTrack ${q(track)} is not canary, stable or week5`,
            ]);
        },
    },
    gcpLabelsRule({
        id: "gcp.sql.instance.labels",
        resourceType: INSTANCE,
        property: "settings.userLabels",
        description:
            "Labels: keys start with a lower-case letter; keys and values at most 63 lower-case letters, digits, '_' or '-'; at most 64 labels.",
    }),
];

const databaseRules: ServiceRule[] = [
    {
        id: "gcp.sql.database.name",
        resourceType: DATABASE,
        property: "name",
        description: "A PostgreSQL database name is an identifier of at most 63 bytes.",
        url: PG_IDENTIFIERS,
        check: (_i, r) => {
            const n = nameOf(r, "name");
            return n && (Buffer.byteLength(n.value) > 63 || n.value.length === 0)
                ? `${describeName(n)} is not 1 to 63 bytes`
                : undefined;
        },
    },
    {
        id: "gcp.sql.user.name-type",
        resourceType: USER,
        property: "name, type, password",
        description:
            "type is BUILT_IN, CLOUD_IAM_USER, CLOUD_IAM_SERVICE_ACCOUNT or CLOUD_IAM_GROUP; a service-account user is the account's email without .gserviceaccount.com (at most 63 bytes, a PostgreSQL identifier); a built-in user has a password; databaseRoles name roles (Cloud SQL's predefined ones such as cloudsqlsuperuser, or roles created in the database first).",
        url: "https://cloud.google.com/sql/docs/postgres/add-manage-iam-users",
        check: (inputs) => {
            const type = str(inputs, "type") ?? "BUILT_IN";
            const name = str(inputs, "name") ?? "";
            return problems([
                !["BUILT_IN", "CLOUD_IAM_USER", "CLOUD_IAM_SERVICE_ACCOUNT", "CLOUD_IAM_GROUP"].includes(type) &&
                    `type ${q(type)} is not a Cloud SQL user type`,
                type === "CLOUD_IAM_SERVICE_ACCOUNT" &&
                    !/^[a-z][-a-z0-9]{4,28}[a-z0-9]@[a-z][a-z0-9-]{4,28}[a-z0-9]\.iam$/.test(name) &&
                    `${q(name)} is not SA@PROJECT.iam (the email without .gserviceaccount.com)`,
                Buffer.byteLength(name) > 63 && `${q(name)} is longer than PostgreSQL's 63-byte identifiers`,
                name.length === 0 && "name is required",
                type === "BUILT_IN" && get(inputs, "password") === undefined && "a built-in user needs a password",
                ...(Array.isArray(get(inputs, "databaseRoles")) ? (get(inputs, "databaseRoles") as unknown[]) : []).map(
                    (role) =>
                        (typeof role !== "string" || role === "" || Buffer.byteLength(role) > 63) &&
                        `database role ${q(String(role))} is not a PostgreSQL role name`,
                ),
            ]);
        },
    },
];

const iamRules: ServiceRule[] = [
    {
        id: "gcp.iam.service-account.account-id",
        resourceType: ACCOUNT,
        property: "accountId",
        description:
            "accountId: 6-30 characters, lower-case letters, digits and hyphens, a letter first and no trailing hyphen; display name at most 100, description at most 256 characters.",
        url: "https://cloud.google.com/iam/docs/reference/rest/v1/projects.serviceAccounts/create",
        check: (inputs) => {
            const id = str(inputs, "accountId") ?? "";
            return problems([
                !/^[a-z]([-a-z0-9]*[a-z0-9])$/.test(id) &&
                    `${q(id)} must be lower-case letters, digits and hyphens, a letter first and no trailing hyphen`,
                (id.length < 6 || id.length > 30) && `${q(id)} is ${id.length} characters, not 6 to 30`,
                (str(inputs, "displayName") ?? "").length > 100 && "displayName is longer than 100 characters",
                (str(inputs, "description") ?? "").length > 256 && "description is longer than 256 characters",
            ]);
        },
    },
    {
        id: "gcp.iam.service-account-member.binding",
        resourceType: SA_MEMBER,
        property: "serviceAccountId, role, member",
        description:
            "serviceAccountId is projects/P/serviceAccounts/EMAIL; role and member are a role name and a principal identifier (Workload Identity: serviceAccount:P.svc.id.goog[NS/KSA]).",
        url: BINDING,
        check: (inputs) => {
            const sa = str(inputs, "serviceAccountId");
            return problems([
                sa !== undefined &&
                    !/^projects\/[^/]+\/serviceAccounts\/[^/]+@[^/]+$/.test(sa) &&
                    `serviceAccountId ${q(sa)} is not projects/P/serviceAccounts/EMAIL`,
                memberProblem(str(inputs, "member"), str(inputs, "role")),
            ]);
        },
    },
    {
        id: "gcp.iam.project-member.binding",
        resourceType: PROJECT_MEMBER,
        property: "project, role, member",
        description:
            "project is a project ID (6-30 lower-case letters, digits, hyphens); role and member are a role name and a principal identifier.",
        url: BINDING,
        check: (inputs) => {
            const project = str(inputs, "project");
            return problems([
                project !== undefined && !PROJECT_ID.test(project) && `project ${q(project)} is not a project ID`,
                memberProblem(str(inputs, "member"), str(inputs, "role")),
            ]);
        },
    },
];

const networkRules: ServiceRule[] = [
    {
        id: "gcp.compute.global-address.private-service-access",
        resourceType: ADDRESS,
        property: "name, purpose, addressType, prefixLength, network",
        description:
            "Name RFC 1035 (1-63); a Private Service Access range is purpose VPC_PEERING, addressType INTERNAL, on a network, with a prefix of /24 or larger.",
        url: PSA_PAGE,
        check: (inputs, r) => {
            const n = nameOf(r, "name");
            const purpose = str(inputs, "purpose");
            const prefix = num(inputs, "prefixLength");
            return problems([
                n &&
                    !/^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/.test(n.value) &&
                    `${describeName(n)} is not an RFC 1035 name of 1-63 characters`,
                purpose === "VPC_PEERING" &&
                    str(inputs, "addressType") !== "INTERNAL" &&
                    "a VPC_PEERING range needs addressType INTERNAL",
                purpose === "VPC_PEERING" &&
                    (prefix === undefined || prefix > 24 || prefix < 8) &&
                    `prefixLength ${prefix} is not /8 to /24`,
                purpose === "VPC_PEERING" &&
                    str(inputs, "network") === undefined &&
                    "a VPC_PEERING range needs the network",
            ]);
        },
    },
    {
        id: "gcp.servicenetworking.connection.peering",
        resourceType: PSA,
        property: "service, reservedPeeringRanges, network",
        description:
            "The Private Service Access connection is to servicenetworking.googleapis.com, on a network, with at least one allocated range.",
        url: PSA_PAGE,
        check: (inputs) => {
            const ranges = get(inputs, "reservedPeeringRanges");
            return problems([
                str(inputs, "service") !== "servicenetworking.googleapis.com" &&
                    `service ${q(str(inputs, "service") ?? "")} is not servicenetworking.googleapis.com`,
                !(Array.isArray(ranges) && ranges.length > 0) && "reservedPeeringRanges is empty",
                str(inputs, "network") === undefined && "network is required",
            ]);
        },
    },
    gcpLabelsRule({
        id: "gcp.provider.default-labels",
        resourceType: PROVIDER,
        property: "defaultLabels",
        description:
            "Default labels reach every labelled resource, so they follow the label rules (lower case, [a-z0-9_-], 63).",
    }),
];

export const GCP_RULES: ServiceRule[] = [
    ...instanceRules,
    ...databaseRules,
    ...iamRules,
    ...networkRules,
    ...GCP_STORAGE_RULES,
    ...GCP_DNS_RULES,
    ...GCP_REDIS_RULES,
    ...GCP_PSC_RULES,
];

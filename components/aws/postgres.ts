import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { tcpIngressRules } from "./ingress";
import { SslMode } from "../postgres/sslMode";
import { IamAuthProvider, type PostgresConnection } from "../postgres/contract";
import { rdsDbUserArn } from "./iamPolicies";
import { RDS_CA_IDENTIFIER, rdsCaBundle } from "./rdsCa";
import type { WithDefaults } from "../withDefaults";

/** An IPv4 block allowed to reach the database, with where it comes from (shown in the prefix list and the preview). */
export interface AwsAllowedCidr {
    /** IPv4 CIDR block, e.g. `10.0.32.0/19`. */
    cidr: string;
    /** Where the block comes from, e.g. `subnet subnet-0abc of the EKS cluster`. */
    description: string;
}

/** Arguments of {@link AwsPostgres}. */
export interface AwsPostgresArgs {
    /** VPC of the EKS cluster. */
    vpcId: pulumi.Input<string>;
    /** Private subnets (two or more AZs) for the DB subnet group. */
    subnetIds: pulumi.Input<pulumi.Input<string>[]>;
    /** Security groups allowed to reach port 5432; one ingress rule each. */
    allowedSecurityGroupIds: pulumi.Input<string>[];
    /** IPv4 blocks allowed to reach port 5432: one managed prefix list, referenced by one ingress rule. */
    allowedCidrs?: pulumi.Input<AwsAllowedCidr[]>;
    /**
     * PostgreSQL major version (14 or later).
     * @default 17
     */
    majorVersion?: number;
    /**
     * RDS instance class, e.g. `db.m7g.large`.
     * @default "db.t4g.large" ("db.m7g.large" in production)
     */
    instanceClass?: string;
    /**
     * Allocated storage in GiB (gp3: 20 or more).
     * @default 20 (100 in production)
     */
    storageGb?: number;
    /**
     * Storage autoscaling limit in GiB (at least 110% of storageGb).
     * @default 5 x storageGb, at most 65536
     */
    maxStorageGb?: number;
    /**
     * Multi-AZ deployment.
     * @default false
     */
    multiAz?: boolean;
    /**
     * Days of automated backups (point-in-time recovery window).
     * @default 7 (14 in production)
     */
    backupRetentionDays?: number;
    /** Database created with the instance (owned by the master user until the bootstrap runs). */
    database: string;
    /** The IAM database user LangSmith logs in as. */
    iamUser: string;
    /**
     * Master user name (used only by the bootstrap Job; 1-16 letters, digits or `_`).
     * @default "db_admin"
     */
    adminUser?: string;
    /**
     * sslmode the app uses (RDS always forces TLS here).
     * @default "require"
     */
    sslMode?: SslMode;
    /**
     * Production: deletion protection, final snapshot, Pulumi `protect`, changes applied in the maintenance window.
     * @default false
     */
    production?: boolean;
    /**
     * Customer-managed KMS key for storage encryption and for the master user secret RDS keeps in
     * Secrets Manager (default: the AWS-managed keys `aws/rds` and `aws/secretsmanager`).
     */
    kmsKeyArn?: string;
    /**
     * Apply modifications at once instead of in the maintenance window.
     * @default true (false in production)
     */
    applyImmediately?: boolean;
    /**
     * Allow a change of `majorVersion` to upgrade the instance in place (RDS refuses a major change
     * without it). Set it for the run that upgrades.
     * @default false
     */
    allowMajorVersionUpgrade?: boolean;
    /** Weekly maintenance window, `ddd:hh24:mi-ddd:hh24:mi` UTC (default: one RDS picks). */
    maintenanceWindow?: string;
    /** Daily backup window, `hh24:mi-hh24:mi` UTC, not overlapping the maintenance window (default: one RDS picks). */
    backupWindow?: string;
    /**
     * Region of the instance (picks the RDS CA bundle for `caCertificate`).
     * @default the region of the AWS provider
     */
    region?: string;
    /**
     * Identifier of the snapshot RDS takes when a production instance is deleted; must be unique in
     * the account and region (two stacks, or one stack destroyed twice, must not share it).
     * @default "<name>-final-snapshot"
     */
    finalSnapshotIdentifier?: pulumi.Input<string>;
    /**
     * What the database is for, at the start of the subnet group's, security group's and parameter
     * group's descriptions (a description change replaces a security group: keep it stable).
     * @default "PostgreSQL"
     */
    resourceDescription?: string;
    /** Tags for every resource. */
    tags?: Record<string, string>;
}

/** {@link AwsPostgresArgs} with every default applied (the defaults the args' `@default` tags state). */
export function awsPostgresDefaults(
    args: AwsPostgresArgs,
): WithDefaults<
    AwsPostgresArgs,
    | "production"
    | "storageGb"
    | "majorVersion"
    | "instanceClass"
    | "maxStorageGb"
    | "multiAz"
    | "backupRetentionDays"
    | "adminUser"
    | "applyImmediately"
    | "allowMajorVersionUpgrade"
    | "sslMode"
> {
    const production = args.production ?? false;
    const storageGb = args.storageGb ?? (production ? 100 : 20);
    return {
        ...args,
        production,
        storageGb,
        majorVersion: args.majorVersion ?? 17,
        instanceClass: args.instanceClass ?? (production ? "db.m7g.large" : "db.t4g.large"),
        maxStorageGb: args.maxStorageGb ?? Math.min(storageGb * 5, 65536),
        multiAz: args.multiAz ?? false,
        backupRetentionDays: args.backupRetentionDays ?? (production ? 14 : 7),
        adminUser: args.adminUser ?? "db_admin",
        applyImmediately: args.applyImmediately ?? !production,
        allowMajorVersionUpgrade: args.allowMajorVersionUpgrade ?? false,
        sslMode: args.sslMode ?? SslMode.Require,
    };
}

/**
 * RDS for PostgreSQL with IAM database authentication, encrypted, private, TLS forced
 * (`rds.force_ssl = 1`), reachable on 5432 only from the cluster.
 */
export class AwsPostgres extends pulumi.ComponentResource implements PostgresConnection {
    /** The RDS instance (escape hatch). */
    public readonly instance: aws.rds.Instance;
    /** DB subnet group over the private subnets. */
    public readonly subnetGroup: aws.rds.SubnetGroup;
    /** Security group of the instance (5432 from the allowed groups only). */
    public readonly securityGroup: aws.ec2.SecurityGroup;
    /** One 5432 ingress rule per allowed security group, and one for the prefix list of allowed blocks. */
    public readonly ingressRules: aws.vpc.SecurityGroupIngressRule[];
    /** The allowed IPv4 blocks (when `allowedCidrs` is set). */
    public readonly allowedPrefixList?: aws.ec2.ManagedPrefixList;
    /** What may reach 5432, one line per source: `sg-… (…)` or `10.0.0.0/19 (…)`. */
    public readonly allowedFrom: pulumi.Output<string[]>;
    /** Parameter group forcing TLS (`rds.force_ssl = 1`), one per engine family (`postgres<major>`). */
    public readonly parameterGroup: aws.rds.ParameterGroup;

    /** Private host name of the instance. */
    public readonly host: pulumi.Output<string>;
    /** TCP port (5432). */
    public readonly port: pulumi.Output<number>;
    /** The application database. */
    public readonly database: pulumi.Output<string>;
    /** The IAM database user the workload logs in as. */
    public readonly iamUser: pulumi.Output<string>;
    /** `aws`: the workload fetches RDS IAM tokens. */
    public readonly iamAuthProvider: IamAuthProvider = IamAuthProvider.Aws;
    /** sslmode the workload uses. */
    public readonly sslMode: SslMode;
    /** The exact `rds-db:connect` resource ARN for `iamUser`. */
    public readonly iamUserArn: pulumi.Output<string>;
    /** The master user (the bootstrap Job's login); its password exists only in Secrets Manager. */
    public readonly adminUser: pulumi.Output<string>;
    /** ARN of the secret RDS keeps the master password in (`manageMasterUserPassword`), rotated by RDS. */
    public readonly masterUserSecretArn: pulumi.Output<string>;
    /** The KMS key that encrypts that secret (undefined: the AWS-managed `aws/secretsmanager` key). */
    public readonly masterUserSecretKmsKeyArn?: string;
    /** The region of the instance. */
    public readonly region: pulumi.Output<string>;
    /** PEM bundle of the RDS root CAs of the region (the instance's certificate is pinned to `rds-ca-rsa2048-g1`). */
    public readonly caCertificate: pulumi.Output<string>;

    constructor(name: string, args: AwsPostgresArgs, opts?: pulumi.ComponentResourceOptions) {
        super("langsmith-iam:index:AwsPostgres", name, {}, opts);
        // The defaults the args' @default tags state, applied once.
        const given = awsPostgresDefaults(args);
        const parent = { parent: this };
        const tags = given.tags;
        const describe = args.resourceDescription ?? "PostgreSQL";

        this.subnetGroup = new aws.rds.SubnetGroup(
            `${name}-subnets`,
            { description: `${describe} (private subnets)`, subnetIds: given.subnetIds, tags },
            parent,
        );
        this.securityGroup = new aws.ec2.SecurityGroup(
            `${name}-sg`,
            { description: `${describe}: 5432 from the EKS cluster only`, vpcId: given.vpcId, tags },
            parent,
        );
        if (given.allowedSecurityGroupIds.length === 0 && !given.allowedCidrs)
            throw new Error(`${name}: no allowed security group or CIDR block; nothing could reach the database`);
        const rule = tcpIngressRules(name, this.securityGroup.id, 5432, tags, parent);
        this.ingressRules = given.allowedSecurityGroupIds.map((sourceGroupId, i) =>
            rule(String(i), "PostgreSQL from the EKS cluster", { referencedSecurityGroupId: sourceGroupId }),
        );
        let cidrLines: pulumi.Output<string[]> = pulumi.output([]);
        if (given.allowedCidrs) {
            const cidrs = pulumi.output(given.allowedCidrs);
            // The number of blocks is known only once the subnets are looked up, so they go into one
            // prefix list (its size counts as that many rules against the security group's quota).
            this.allowedPrefixList = new aws.ec2.ManagedPrefixList(
                `${name}-sources`,
                {
                    addressFamily: "IPv4",
                    maxEntries: cidrs.apply((c) => Math.max(c.length, 1)),
                    entries: cidrs.apply((c) =>
                        c.map((e) => ({ cidr: e.cidr, description: e.description.slice(0, 255) })),
                    ),
                    tags,
                },
                parent,
            );
            this.ingressRules.push(
                rule("cidrs", "PostgreSQL from the EKS cluster subnets (pod and node addresses)", {
                    prefixListId: this.allowedPrefixList.id,
                }),
            );
            cidrLines = cidrs.apply((c) => c.map((e) => `${e.cidr} (${e.description})`));
        }
        this.allowedFrom = pulumi
            .all([pulumi.all(given.allowedSecurityGroupIds), cidrLines])
            .apply(([groups, lines]) => [...groups.map((g) => `${g} (security group)`), ...lines]);
        // A major upgrade needs a parameter group of the new family, given in the same modification
        // (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_UpgradeDBInstance.PostgreSQL.MajorVersion.Process.html,
        // step 1). `family` cannot change in place, so each family is its own resource, named after it:
        // the new one exists before the instance moves to it, and the old one is deleted after. The
        // alias keeps the group of stacks created before the per-family name.
        const family = `postgres${given.majorVersion}`;
        this.parameterGroup = new aws.rds.ParameterGroup(
            `${name}-params-${family}`,
            {
                family,
                description: `${describe}: TLS required`,
                parameters: [{ name: "rds.force_ssl", value: "1", applyMethod: "pending-reboot" }],
                tags,
            },
            { parent: this, aliases: [{ name: `${name}-params` }] },
        );
        this.instance = new aws.rds.Instance(
            name,
            {
                engine: "postgres",
                engineVersion: String(given.majorVersion),
                instanceClass: given.instanceClass,
                allocatedStorage: given.storageGb,
                maxAllocatedStorage: given.maxStorageGb,
                storageType: "gp3",
                storageEncrypted: true,
                kmsKeyId: given.kmsKeyArn,
                dbName: given.database,
                username: given.adminUser,
                // RDS generates the master password and keeps it in Secrets Manager; Pulumi never sees it
                // (switching an existing instance is an in-place modify: remove `password`, set this).
                manageMasterUserPassword: true,
                masterUserSecretKmsKeyId: given.kmsKeyArn,
                iamDatabaseAuthenticationEnabled: true,
                publiclyAccessible: false,
                dbSubnetGroupName: this.subnetGroup.name,
                vpcSecurityGroupIds: [this.securityGroup.id],
                parameterGroupName: this.parameterGroup.name,
                port: 5432,
                multiAz: given.multiAz,
                backupRetentionPeriod: given.backupRetentionDays,
                copyTagsToSnapshot: true,
                deletionProtection: given.production,
                skipFinalSnapshot: !given.production,
                finalSnapshotIdentifier: given.production
                    ? (args.finalSnapshotIdentifier ?? `${name}-final-snapshot`)
                    : undefined,
                autoMinorVersionUpgrade: true,
                allowMajorVersionUpgrade: given.allowMajorVersionUpgrade,
                applyImmediately: given.applyImmediately,
                maintenanceWindow: given.maintenanceWindow,
                backupWindow: given.backupWindow,
                performanceInsightsEnabled: given.production,
                caCertIdentifier: RDS_CA_IDENTIFIER,
                tags,
            },
            { parent: this, protect: given.production },
        );

        this.host = this.instance.address;
        this.port = this.instance.port;
        this.database = pulumi.output(given.database);
        this.iamUser = pulumi.output(given.iamUser);
        this.sslMode = given.sslMode;
        this.iamUserArn = pulumi
            .all([this.instance.arn, this.instance.resourceId])
            .apply(([arn, resourceId]) => rdsDbUserArn(arn, resourceId, given.iamUser));
        this.adminUser = this.instance.username;
        this.masterUserSecretArn = this.instance.masterUserSecrets.apply((secrets) => {
            const arn = secrets?.[0]?.secretArn;
            if (!arn) throw new Error(`${name}: RDS reported no master user secret (manageMasterUserPassword)`);
            return arn;
        });
        this.masterUserSecretKmsKeyArn = given.kmsKeyArn;
        this.region = given.region ? pulumi.output(given.region) : this.instance.arn.apply((arn) => arn.split(":")[3]);
        this.caCertificate = this.region.apply((region) => rdsCaBundle(region));
        this.registerOutputs({
            host: this.host,
            port: this.port,
            database: this.database,
            iamUser: this.iamUser,
            iamUserArn: this.iamUserArn,
            masterUserSecretArn: this.masterUserSecretArn,
        });
    }
}

/**
 * Amazon ElastiCache for Valkey reached by IAM: a replication group (cluster mode disabled), TLS
 * required, encrypted at rest, one IAM-authenticated user the workload's role may `elasticache:Connect`
 * as, on exactly this cache. No password exists anywhere: the app signs a token with its role.
 *
 * Why Valkey 8: LangSmith supports "Redis >= 5, or Valkey 8" (self-host-external-redis), and ElastiCache
 * IAM authentication needs Valkey 7.2+ or Redis OSS 7.0+ with in-transit encryption
 * (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/auth-iam.html, "Limitations"); Valkey 8 is
 * the one version both accept, and ElastiCache prices Valkey nodes below Redis OSS nodes.
 * Why a replication group with cluster mode disabled: LangChain's `aws` provider supports "provisioned
 * cache clusters or replication groups" (not Serverless), and a standalone client with `SELECT`.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { tcpIngressRules } from "./ingress";
import { IamAuthProvider } from "../postgres/contract";
import type { RedisConnection } from "../redis/contract";

import { elastiCacheUserIdProblem } from "./redisNames";
import type { WithDefaults } from "../withDefaults";

export { elastiCacheUserIdProblem };

/**
 * `elasticache:Connect` on exactly one cache and one user: the auth-iam page's "grant the
 * elasticache:Connect action to the ElastiCache cache and ElastiCache user".
 */
export function elastiCacheConnectPolicy(replicationGroupArn: string, userArn: string): aws.iam.PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "ConnectAsLangSmithRedisUser",
                Effect: "Allow",
                Action: "elasticache:Connect",
                Resource: [replicationGroupArn, userArn],
            },
        ],
    };
}

/** Arguments of {@link AwsRedis}. */
export interface AwsRedisArgs {
    /** VPC of the EKS cluster. */
    vpcId: pulumi.Input<string>;
    /** Private subnets (two or more AZs) for the cache subnet group. */
    subnetIds: pulumi.Input<pulumi.Input<string>[]>;
    /** Security groups allowed to reach the port; one ingress rule each. */
    allowedSecurityGroupIds: pulumi.Input<string>[];
    /** A managed prefix list of IPv4 blocks allowed to reach the port (e.g. the database's). */
    allowedPrefixListId?: pulumi.Input<string>;
    /**
     * The IAM user's id, which is also its name (IAM users need both equal). Unique per account and
     * region: letters, digits and hyphens, starting with a letter.
     */
    userId: string;
    /** The role the workloads run as: it gets `elasticache:Connect` on this cache as `userId`. */
    roleName: pulumi.Input<string>;
    /**
     * Node type.
     * @default "cache.t4g.small" ("cache.m7g.large" in production)
     */
    nodeType?: string;
    /**
     * Valkey engine version (7.2 or later for IAM authentication).
     * @default "8.0"
     */
    engineVersion?: string;
    /**
     * A primary and a replica in two AZs with automatic failover.
     * @default the value of `production`
     */
    highAvailability?: boolean;
    /**
     * Days of automatic snapshots (0 turns them off).
     * @default 1 (7 in production)
     */
    snapshotRetentionDays?: number;
    /**
     * Production: final snapshot, Pulumi `protect`, changes applied in the maintenance window.
     * @default false
     */
    production?: boolean;
    /** Customer-managed KMS key for encryption at rest (default: the AWS-managed key). */
    kmsKeyArn?: string;
    /** Tags for every resource. */
    tags?: Record<string, string>;
    /**
     * What the cache is for, at the start of the subnet group's and security group's descriptions (a
     * description change replaces a security group: keep it stable).
     * @default "Redis"
     */
    resourceDescription?: string;
}

/** The port of the TLS endpoint (ElastiCache's default). */
export const ELASTICACHE_PORT = 6379;

/** {@link AwsRedisArgs} with every default applied (the defaults the args' `@default` tags state). */
export function awsRedisDefaults(
    args: AwsRedisArgs,
): WithDefaults<
    AwsRedisArgs,
    "production" | "nodeType" | "engineVersion" | "highAvailability" | "snapshotRetentionDays"
> {
    const production = args.production ?? false;
    return {
        ...args,
        production,
        nodeType: args.nodeType ?? (production ? "cache.m7g.large" : "cache.t4g.small"),
        engineVersion: args.engineVersion ?? "8.0",
        highAvailability: args.highAvailability ?? production,
        snapshotRetentionDays: args.snapshotRetentionDays ?? (production ? 7 : 1),
    };
}

/**
 * ElastiCache for Valkey for LangSmith: private, TLS required, encrypted at rest, reachable on 6379 from
 * the same sources as the database, one IAM user (plus the disabled `default` every user group needs),
 * and the workload role's `elasticache:Connect` grant as its own policy.
 */
export class AwsRedis extends pulumi.ComponentResource implements RedisConnection {
    /** The replication group (escape hatch). */
    public readonly replicationGroup: aws.elasticache.ReplicationGroup;
    /** Cache subnet group over the private subnets. */
    public readonly subnetGroup: aws.elasticache.SubnetGroup;
    /** Security group of the cache (6379 from the allowed sources only). */
    public readonly securityGroup: aws.ec2.SecurityGroup;
    /** One ingress rule per allowed security group, and one for the prefix list. */
    public readonly ingressRules: aws.vpc.SecurityGroupIngressRule[];
    /** The IAM-authenticated user LangSmith connects as. */
    public readonly iamUser: aws.elasticache.User;
    /** The `default` user every user group must hold, switched off. */
    public readonly disabledDefaultUser: aws.elasticache.User;
    /** The user group of the cache. */
    public readonly userGroup: aws.elasticache.UserGroup;
    /** The role's `elasticache:Connect` grant. */
    public readonly connectPolicy: aws.iam.RolePolicy;

    /** Private host name of the primary endpoint. */
    public readonly host: pulumi.Output<string>;
    /** TCP port of the TLS endpoint (6379). */
    public readonly port: pulumi.Output<number>;
    /** The IAM user's id (= its name): the user in the URL. */
    public readonly user: pulumi.Output<string>;
    /** `aws`: the workload signs ElastiCache IAM tokens. */
    public readonly iamAuthProvider: IamAuthProvider = IamAuthProvider.Aws;
    /** The main app's logical database (cluster mode disabled: 0-15 exist). */
    public readonly database: number = 0;
    /** Cluster mode disabled: no cluster-safe mode needed. */
    public readonly clusterSafeMode: boolean = false;

    constructor(name: string, args: AwsRedisArgs, opts?: pulumi.ComponentResourceOptions) {
        super("langsmith-iam:index:AwsRedis", name, {}, opts);
        const given = awsRedisDefaults(args);
        const parent = { parent: this };
        const tags = given.tags;
        const describe = args.resourceDescription ?? "Redis";
        const idProblem = elastiCacheUserIdProblem(given.userId);
        if (idProblem) throw new Error(`${name}: userId ${JSON.stringify(given.userId)} ${idProblem}`);
        if (given.allowedSecurityGroupIds.length === 0 && given.allowedPrefixListId === undefined)
            throw new Error(`${name}: no allowed security group or prefix list; nothing could reach the cache`);
        if (given.production && !given.highAvailability)
            throw new Error(`${name}: production needs highAvailability (Multi-AZ with automatic failover)`);

        this.subnetGroup = new aws.elasticache.SubnetGroup(
            `${name}-subnets`,
            { description: `${describe} (private subnets)`, subnetIds: given.subnetIds, tags },
            parent,
        );
        this.securityGroup = new aws.ec2.SecurityGroup(
            `${name}-sg`,
            { description: `${describe}: 6379 from the EKS cluster only`, vpcId: given.vpcId, tags },
            parent,
        );
        const rule = tcpIngressRules(name, this.securityGroup.id, ELASTICACHE_PORT, tags, parent);
        this.ingressRules = given.allowedSecurityGroupIds.map((sourceGroupId, i) =>
            rule(String(i), "Redis from the EKS cluster", { referencedSecurityGroupId: sourceGroupId }),
        );
        if (given.allowedPrefixListId !== undefined)
            this.ingressRules.push(
                rule("cidrs", "Redis from the EKS cluster subnets (pod and node addresses)", {
                    prefixListId: given.allowedPrefixListId,
                }),
            );

        // IAM users: user name = user id (auth-iam.html). Engine "redis": a user group that holds the
        // no-password `default` user must be a Redis OSS group, which a Valkey cache accepts.
        this.iamUser = new aws.elasticache.User(
            `${name}-iam-user`,
            {
                userId: given.userId,
                userName: given.userId,
                engine: "redis",
                authenticationMode: { type: "iam" },
                accessString: "on ~* &* +@all",
                tags,
            },
            parent,
        );
        this.disabledDefaultUser = new aws.elasticache.User(
            `${name}-default-user`,
            {
                userId: `${given.userId}-default`,
                userName: "default",
                engine: "redis",
                authenticationMode: { type: "no-password-required" },
                // Off: nobody can log in as it; it exists because a user group must name a `default`.
                accessString: "off -@all",
                tags,
            },
            parent,
        );
        this.userGroup = new aws.elasticache.UserGroup(
            `${name}-users`,
            {
                userGroupId: `${given.userId}-group`,
                engine: "redis",
                userIds: [this.disabledDefaultUser.userId, this.iamUser.userId],
                tags,
            },
            parent,
        );
        this.replicationGroup = new aws.elasticache.ReplicationGroup(
            name,
            {
                description: `${describe} (IAM authentication, TLS)`,
                engine: "valkey",
                engineVersion: given.engineVersion,
                nodeType: given.nodeType,
                port: ELASTICACHE_PORT,
                numCacheClusters: given.highAvailability ? 2 : 1,
                automaticFailoverEnabled: given.highAvailability,
                multiAzEnabled: given.highAvailability,
                transitEncryptionEnabled: true,
                transitEncryptionMode: "required",
                atRestEncryptionEnabled: true,
                kmsKeyId: given.kmsKeyArn,
                userGroupIds: [this.userGroup.userGroupId],
                subnetGroupName: this.subnetGroup.name,
                securityGroupIds: [this.securityGroup.id],
                snapshotRetentionLimit: given.snapshotRetentionDays,
                finalSnapshotIdentifier: given.production ? `${name}-final-snapshot` : undefined,
                autoMinorVersionUpgrade: true,
                applyImmediately: !given.production,
                tags,
            },
            { parent: this, protect: given.production },
        );
        this.connectPolicy = new aws.iam.RolePolicy(
            `${name}-connect`,
            {
                role: args.roleName,
                policy: pulumi
                    .all([this.replicationGroup.arn, this.iamUser.arn])
                    .apply(([groupArn, userArn]) => JSON.stringify(elastiCacheConnectPolicy(groupArn, userArn))),
            },
            parent,
        );

        this.host = this.replicationGroup.primaryEndpointAddress;
        this.port = pulumi.output(ELASTICACHE_PORT);
        this.user = this.iamUser.userId;
        this.registerOutputs({ host: this.host, port: this.port, user: this.user });
    }
}

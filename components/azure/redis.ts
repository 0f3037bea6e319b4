/**
 * Azure Managed Redis reached by Microsoft Entra ID: a `Microsoft.Cache/redisEnterprise` cluster and
 * its one database, access keys off, TLS only (1.2 and up), no public network access, reached through
 * a private endpoint whose `privatelink.redis.azure.net` record the pods resolve, and the `default`
 * access policy assigned to the pods' managed identity. No key exists anywhere: the app sends
 * `AUTH <object id> <Entra token>` (https://learn.microsoft.com/en-us/azure/redis/entra-for-authentication).
 *
 * Why Azure Managed Redis: it is Azure's current Redis offering with Entra auth; Azure Cache for Redis
 * (Basic to Enterprise) is being retired (https://learn.microsoft.com/en-us/azure/azure-cache-for-redis/retirement-faq).
 * Why EnterpriseCluster: one endpoint that routes every key (the proxy), so LangSmith's standalone
 * client never gets MOVED as it would under OSSCluster; multi-key commands still need one slot, so the
 * chart runs in `clusterSafeMode` ("Needed for Azure EnterpriseCluster" in the chart's values).
 * NoCluster (no sharding, no cluster-safe mode) exists in the API but only for the small SKUs
 * (https://learn.microsoft.com/en-us/azure/redis/architecture#cluster-policies).
 */
import * as authorization from "@pulumi/azure-native/authorization";
import type * as network from "@pulumi/azure-native/network";
import * as redisenterprise from "@pulumi/azure-native/redisenterprise";
import * as pulumi from "@pulumi/pulumi";
import { IamAuthProvider } from "../postgres/contract";
import type { RedisConnection } from "../redis/contract";
import { privateLinkWithDns } from "./privateLink";
import { ACCESS_POLICY_ASSIGNMENT_NAME, managedRedisClusterNameProblem, managedRedisSkuProblem } from "./redisNames";
import type { WithDefaults } from "../withDefaults";

/** The private DNS zone of Azure Managed Redis endpoints (https://learn.microsoft.com/en-us/azure/private-link/private-endpoint-dns#databases). */
export const MANAGED_REDIS_PRIVATE_DNS_ZONE = "privatelink.redis.azure.net";
/** The private-link sub-resource of a `Microsoft.Cache/redisEnterprise` cluster. */
export const MANAGED_REDIS_GROUP_ID = "redisEnterprise";
/** The TLS port of an Azure Managed Redis database (https://learn.microsoft.com/en-us/azure/redis/overview). */
export const MANAGED_REDIS_PORT = 10000;

/** Arguments of {@link AzureRedis}. */
export interface AzureRedisArgs {
    /** Existing resource group of the cluster, the endpoint and (when created) the DNS zone. */
    resourceGroupName: string;
    /** Azure region. */
    location: string;
    /** Cluster name: 1-60 letters, digits and single hyphens; its host name is `<name>.<region>.redis.azure.net`. */
    clusterName: pulumi.Input<string>;
    /** Object (principal) id of the managed identity the pods use: the Redis user name. */
    principalId: pulumi.Input<string>;
    /** Subnet of the private endpoint (one the cluster's pods can route to). */
    privateEndpointSubnetId: pulumi.Input<string>;
    /** An existing `privatelink.redis.azure.net` zone; unset: one is created and linked to `linkedVirtualNetworkIds`. */
    privateDnsZoneId?: pulumi.Input<string>;
    /** VNets whose pods resolve the cache, when the zone is created here. */
    linkedVirtualNetworkIds?: pulumi.Input<string[]>;
    /**
     * Azure Managed Redis SKU.
     * @default "Balanced_B0" ("Balanced_B5" in production)
     */
    skuName?: string;
    /**
     * A replicated pair with automatic failover (zone-redundant where the region has zones).
     * @default the value of `production`
     */
    highAvailability?: boolean;
    /**
     * Persistence of the data set: `none`, `rdb` (hourly snapshots) or `aof` (append-only file, every second).
     * @default "none" ("aof" in production)
     */
    persistence?: string;
    /**
     * Clustering policy, `EnterpriseCluster` or `NoCluster` (OSSCluster answers MOVED to a standalone
     * client); set at creation: changing it from EnterpriseCluster recreates the database.
     * @default "EnterpriseCluster"
     */
    clusteringPolicy?: string;
    /**
     * Name of the access policy assignment (letters and digits).
     * @default "workloads"
     */
    accessPolicyAssignmentName?: string;
    /**
     * Production: Pulumi `protect` on the cluster and the database, a CanNotDelete lock on the cluster.
     * @default false
     */
    production?: boolean;
    /** Tags for the cluster, the endpoint and the DNS zone. */
    tags?: Record<string, string>;
    /**
     * What the cache is for, in the lock's notes.
     * @default "Redis"
     */
    resourceDescription?: string;
}

/** {@link AzureRedisArgs} with every default applied (the defaults the args' `@default` tags state). */
export function azureRedisDefaults(
    args: AzureRedisArgs,
): WithDefaults<
    AzureRedisArgs,
    | "production"
    | "skuName"
    | "highAvailability"
    | "persistence"
    | "clusteringPolicy"
    | "accessPolicyAssignmentName"
    | "resourceDescription"
> {
    const production = args.production ?? false;
    return {
        ...args,
        production,
        skuName: args.skuName ?? (production ? "Balanced_B5" : "Balanced_B0"),
        highAvailability: args.highAvailability ?? production,
        persistence: args.persistence ?? (production ? "aof" : "none"),
        clusteringPolicy: args.clusteringPolicy ?? "EnterpriseCluster",
        accessPolicyAssignmentName: args.accessPolicyAssignmentName ?? "workloads",
        resourceDescription: args.resourceDescription ?? "Redis",
    };
}

/** The database's `persistence` input for a persistence choice (at most one of AOF and RDB). */
export function persistenceInput(persistence: string): redisenterprise.DatabaseArgs["persistence"] {
    if (persistence === "aof") return { aofEnabled: true, aofFrequency: "1s", rdbEnabled: false };
    if (persistence === "rdb") return { rdbEnabled: true, rdbFrequency: "1h", aofEnabled: false };
    if (persistence === "none") return { aofEnabled: false, rdbEnabled: false };
    throw new Error(`persistence ${JSON.stringify(persistence)} is not none, rdb or aof`);
}

/** Azure Managed Redis for the pods' managed identity: private, keyless, TLS only. */
export class AzureRedis extends pulumi.ComponentResource implements RedisConnection {
    /** The cluster (escape hatch). */
    public readonly cluster: redisenterprise.RedisEnterprise;
    /** Its database (Azure Managed Redis has one, named `default`). */
    public readonly databaseResource: redisenterprise.Database;
    /** The `default` access policy for the identity. */
    public readonly accessPolicyAssignment: redisenterprise.AccessPolicyAssignment;
    /** The private endpoint of the cluster. */
    public readonly privateEndpoint: network.PrivateEndpoint;
    /** Production only: the CanNotDelete lock on the cluster. */
    public readonly lock?: authorization.ManagementLockByScope;
    /** Subnet of the private endpoint. */
    public readonly privateEndpointSubnetId: pulumi.Output<string>;
    /** What the release waits for: the access policy and the endpoint's DNS record. */
    public readonly grants: pulumi.Resource[];

    /** Host name of the cluster (resolves to the private endpoint inside the linked VNets). */
    public readonly host: pulumi.Output<string>;
    /** TLS port of the database (10000). */
    public readonly port: pulumi.Output<number>;
    /** The identity's object id: the user Entra tokens authenticate. */
    public readonly user: pulumi.Output<string>;
    /** `azure`: the workload fetches Entra tokens for Redis. */
    public readonly iamAuthProvider: IamAuthProvider = IamAuthProvider.Azure;
    /** Unset: Azure Managed Redis has database 0 only, so the URL names none. */
    public readonly database?: number;
    /** On with EnterpriseCluster (the proxy refuses cross-slot commands), off with NoCluster. */
    public readonly clusterSafeMode: boolean;

    constructor(name: string, args: AzureRedisArgs, opts?: pulumi.ComponentResourceOptions) {
        super("langsmith-iam:index:AzureRedis", name, {}, opts);
        const given = azureRedisDefaults(args);
        const child = { parent: this };
        const rg = given.resourceGroupName;
        const skuProblem = managedRedisSkuProblem(given.skuName);
        if (skuProblem) throw new Error(`${name}: skuName ${JSON.stringify(given.skuName)} ${skuProblem}`);
        if (!ACCESS_POLICY_ASSIGNMENT_NAME.test(given.accessPolicyAssignmentName))
            throw new Error(`${name}: accessPolicyAssignmentName must be 1-60 letters and digits`);
        if (given.production && !given.highAvailability)
            throw new Error(`${name}: production needs highAvailability (a replicated pair with failover)`);
        if (given.clusteringPolicy === "OSSCluster")
            throw new Error(`${name}: OSSCluster answers MOVED to a standalone client; use EnterpriseCluster`);
        if (!["EnterpriseCluster", "NoCluster"].includes(given.clusteringPolicy))
            throw new Error(
                `${name}: clusteringPolicy ${JSON.stringify(given.clusteringPolicy)} is not EnterpriseCluster or NoCluster`,
            );
        const persistence = persistenceInput(given.persistence);
        const clusterName = pulumi.output(given.clusterName).apply((n) => {
            const problem = managedRedisClusterNameProblem(n);
            if (problem) throw new Error(`${name}: clusterName ${JSON.stringify(n)} ${problem}`);
            return n;
        });

        this.cluster = new redisenterprise.RedisEnterprise(
            name,
            {
                resourceGroupName: rg,
                location: given.location,
                clusterName,
                sku: { name: given.skuName },
                highAvailability: given.highAvailability ? "Enabled" : "Disabled",
                minimumTlsVersion: "1.2",
                publicNetworkAccess: "Disabled",
                tags: given.tags,
            },
            { ...child, protect: given.production },
        );
        this.databaseResource = new redisenterprise.Database(
            `${name}-database`,
            {
                resourceGroupName: rg,
                clusterName: this.cluster.name,
                // Azure Managed Redis has one database and it must be named default.
                databaseName: "default",
                clientProtocol: "Encrypted",
                port: MANAGED_REDIS_PORT,
                clusteringPolicy: given.clusteringPolicy,
                accessKeysAuthentication: "Disabled",
                persistence,
            },
            { ...child, protect: given.production },
        );
        this.accessPolicyAssignment = new redisenterprise.AccessPolicyAssignment(
            `${name}-access`,
            {
                resourceGroupName: rg,
                clusterName: this.cluster.name,
                databaseName: this.databaseResource.name,
                accessPolicyAssignmentName: given.accessPolicyAssignmentName,
                // The only policy the API offers: full data access to this database, nothing else.
                accessPolicyName: "default",
                user: { objectId: given.principalId },
            },
            child,
        );

        const link = privateLinkWithDns(
            name,
            {
                resourceGroupName: rg,
                location: given.location,
                subnetId: given.privateEndpointSubnetId,
                targetId: this.cluster.id,
                groupId: MANAGED_REDIS_GROUP_ID,
                zoneName: MANAGED_REDIS_PRIVATE_DNS_ZONE,
                privateDnsZoneId: given.privateDnsZoneId,
                linkedVirtualNetworkIds: given.linkedVirtualNetworkIds,
                tags: given.tags,
            },
            child,
        );
        this.privateEndpoint = link.endpoint;

        if (given.production) {
            this.lock = new authorization.ManagementLockByScope(
                `${name}-lock`,
                {
                    scope: this.cluster.id,
                    level: "CanNotDelete",
                    notes: `${given.resourceDescription}: remove this lock deliberately before deleting the cache`,
                },
                { ...child, protect: true },
            );
        }

        this.host = this.cluster.hostName;
        this.port = pulumi.output(MANAGED_REDIS_PORT);
        this.user = pulumi.output(given.principalId);
        this.privateEndpointSubnetId = pulumi.output(given.privateEndpointSubnetId);
        this.clusterSafeMode = given.clusteringPolicy === "EnterpriseCluster";
        // Pods reach the cache once their token maps to a user and its name resolves privately.
        this.grants = [this.accessPolicyAssignment, link.zoneGroup];
        this.registerOutputs({ host: this.host, port: this.port, user: this.user });
    }
}

/**
 * Memorystore for Valkey reached by IAM: one instance with Cluster Mode Disabled, IAM authorization
 * (`IAM_AUTH`), in-transit encryption (`SERVER_AUTHENTICATION`, a CA of its own per instance), private
 * endpoints created by Private Service Connect in the GKE cluster's VPC, and
 * `roles/memorystore.dbConnectionUser` for the workload's Google service account on this instance only.
 * No password exists anywhere: the app sends a Google access token with `AUTH`.
 *
 * Why Memorystore for Valkey with Cluster Mode Disabled (not Memorystore for Redis Cluster): both offer
 * IAM authentication, but a Cluster Mode Disabled instance "uses any Valkey or Redis client" and keeps
 * 16 databases, so the chart's standalone client and `SELECT` work as on ElastiCache, and the agent
 * features can take databases of their own; cluster mode needs the chart's `redis.external.cluster`
 * (IAM there only on chart 0.16+) and has database 0 only
 * (https://cloud.google.com/memorystore/docs/valkey/cluster-mode-enabled-and-disabled). LangSmith
 * supports Valkey 8 (self-host-external-redis).
 */
import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { IamAuthProvider } from "../postgres/contract";
import type { RedisConnection } from "../redis/contract";
import { MEMORYSTORE_NODE_TYPES, memorystoreInstanceIdProblem } from "./redisNames";
import { networkPath, networkProject } from "./network";
import type { WithDefaults } from "../withDefaults";

export { MEMORYSTORE_NODE_TYPES, memorystoreInstanceIdProblem };

/** The predefined role with `memorystore.instances.connect` and nothing else (https://cloud.google.com/memorystore/docs/valkey/access-control). */
export const MEMORYSTORE_CONNECT_ROLE = "roles/memorystore.dbConnectionUser";
/** The resource type Memorystore for Valkey instances have in IAM Conditions. */
export const MEMORYSTORE_INSTANCE_RESOURCE_TYPE = "memorystore.googleapis.com/Instance";
/** The service class Memorystore for Valkey's service connection policies name. */
export const MEMORYSTORE_SERVICE_CLASS = "gcp-memorystore";
/** The user an IAM token authenticates on Memorystore (`AUTH <token>` is `AUTH default <token>`). */
export const MEMORYSTORE_IAM_USER = "default";
/** The port of the primary endpoint. */
export const MEMORYSTORE_PORT = 6379;

/** An IAM Condition as `gcp.projects.IAMMember` takes it. */
export interface MemorystoreIamCondition {
    title: string;
    description: string;
    expression: string;
}

/**
 * The grant's condition: this instance's resource name (as Memorystore reports it) and type. The role
 * is granted on the project (Memorystore for Valkey has no instance-level IAM policy), and "IAM policy
 * bindings can be restricted to a particular instance" (https://cloud.google.com/memorystore/docs/valkey/about-iam-auth).
 */
export function memorystoreInstanceCondition(instanceName: string): MemorystoreIamCondition {
    const match =
        /^projects\/[a-z][a-z0-9-]{4,28}[a-z0-9]\/locations\/[a-z]+-[a-z]+\d+\/instances\/([a-z][a-z0-9-]{2,61}[a-z0-9])$/.exec(
            instanceName,
        );
    if (!match) throw new Error(`not a Memorystore instance name: ${JSON.stringify(instanceName)}`);
    return {
        title: "memorystore-connect-one-instance",
        description: `IAM AUTH to Memorystore instance ${match[1]} only`,
        expression: `resource.name == '${instanceName}' && resource.type == '${MEMORYSTORE_INSTANCE_RESOURCE_TYPE}'`,
    };
}

/** A PSC auto-connection as the instance reports it (under `endpoints[].connections[].pscAutoConnection`). */
interface PscConnection {
    connectionType?: string;
    ipAddress?: string;
    port?: number;
}

/**
 * The primary endpoint (reads and writes) of a Cluster Mode Disabled instance: the PSC connection of
 * type `CONNECTION_TYPE_PRIMARY` (a reader endpoint may be listed first).
 */
export function primaryEndpoint(
    endpoints: readonly { connections?: readonly { pscAutoConnection?: PscConnection }[] }[] | undefined,
): { host: string; port: number } {
    const connections = (endpoints ?? []).flatMap((e) => e.connections ?? []).map((c) => c.pscAutoConnection);
    const primary = connections.find((c) => c?.connectionType === "CONNECTION_TYPE_PRIMARY" && c.ipAddress);
    if (!primary?.ipAddress)
        throw new Error(
            "the Memorystore instance reports no primary endpoint (is a service connection policy for gcp-memorystore in place on the network?)",
        );
    return { host: primary.ipAddress, port: primary.port ?? MEMORYSTORE_PORT };
}

/** The PEM bundle of the instance's managed server CAs (every chain, leaf to root; several during a rotation). */
export function memorystoreCaBundle(
    cas: readonly { caCerts?: readonly { certificates?: readonly string[] }[] }[],
): string {
    const pems = cas
        .flatMap((ca) => ca.caCerts ?? [])
        .flatMap((chain) => chain.certificates ?? [])
        .map((pem) => pem.trim())
        .filter((pem) => pem !== "");
    if (pems.length === 0) throw new Error("the Memorystore instance reports no server CA certificate");
    return [...new Set(pems)].join("\n") + "\n";
}

/** Arguments of {@link GcpRedis}. */
export interface GcpRedisArgs {
    /** Project of the instance and of the IAM grant. */
    project: string;
    /** Region of the instance (the GKE cluster's). */
    region: string;
    /** The VPC network the endpoints are created in (the GKE cluster's): a name or `projects/<p>/global/networks/<n>`. */
    network: pulumi.Input<string>;
    /** Instance id: 4-63 lower-case letters, digits and hyphens, a letter first, unique in the region. */
    instanceId: string;
    /** The workload's Google service account email: it gets `roles/memorystore.dbConnectionUser` on this instance. */
    serviceAccountEmail: pulumi.Input<string>;
    /**
     * Create the service connection policy for `gcp-memorystore` in the network and region (one may
     * exist per network, region and service class; it belongs to the network's project).
     * @default false (the network already has one)
     */
    createServiceConnectionPolicy?: boolean;
    /** With `createServiceConnectionPolicy`: the name of the policy. */
    serviceConnectionPolicyName?: string;
    /**
     * With `createServiceConnectionPolicy`: the subnetworks (in `region`) the endpoints take addresses
     * from, as `projects/<p>/regions/<r>/subnetworks/<s>`.
     */
    pscSubnetworks?: pulumi.Input<pulumi.Input<string>[]>;
    /**
     * Node type.
     * @default "SHARED_CORE_NANO" ("STANDARD_SMALL" in production)
     */
    nodeType?: string;
    /**
     * Valkey engine version.
     * @default "VALKEY_8_0"
     */
    engineVersion?: string;
    /**
     * A replica in another zone with automatic failover.
     * @default the value of `production`
     */
    highAvailability?: boolean;
    /**
     * Days of automated backups (0 turns them off).
     * @default 1 (7 in production)
     */
    backupRetentionDays?: number;
    /**
     * Production: RDB persistence every hour, deletion protection in the API, Pulumi `protect`.
     * @default false
     */
    production?: boolean;
    /** Labels for the instance and the policy. */
    labels?: Record<string, string>;
}

/** {@link GcpRedisArgs} with every default applied (the defaults the args' `@default` tags state). */
export function gcpRedisDefaults(
    args: GcpRedisArgs,
): WithDefaults<
    GcpRedisArgs,
    | "production"
    | "createServiceConnectionPolicy"
    | "nodeType"
    | "engineVersion"
    | "highAvailability"
    | "backupRetentionDays"
> {
    const production = args.production ?? false;
    return {
        ...args,
        production,
        createServiceConnectionPolicy: args.createServiceConnectionPolicy ?? false,
        nodeType: args.nodeType ?? (production ? "STANDARD_SMALL" : "SHARED_CORE_NANO"),
        engineVersion: args.engineVersion ?? "VALKEY_8_0",
        highAvailability: args.highAvailability ?? production,
        backupRetentionDays: args.backupRetentionDays ?? (production ? 7 : 1),
    };
}

/** What Memorystore (or this component) would refuse in the arguments, before any cloud call; undefined when none. */
export function gcpRedisArgsProblem(given: ReturnType<typeof gcpRedisDefaults>): string | undefined {
    const idProblem = memorystoreInstanceIdProblem(given.instanceId);
    if (idProblem) return `instanceId ${JSON.stringify(given.instanceId)} ${idProblem}`;
    if (!(MEMORYSTORE_NODE_TYPES as readonly string[]).includes(given.nodeType))
        return `nodeType ${JSON.stringify(given.nodeType)} is not a Memorystore node type`;
    if (
        !Number.isInteger(given.backupRetentionDays) ||
        given.backupRetentionDays < 0 ||
        given.backupRetentionDays > 365
    )
        return `backupRetentionDays ${given.backupRetentionDays} is not 0 (off) to 365`;
    if (given.production && !given.highAvailability)
        return "production needs highAvailability (a replica in another zone)";
    if (given.createServiceConnectionPolicy && given.pscSubnetworks === undefined)
        return "createServiceConnectionPolicy needs pscSubnetworks";
    return undefined;
}

/**
 * Memorystore for Valkey for LangSmith: private (PSC endpoints in the cluster's VPC), TLS with the
 * instance's own CA, IAM authorization, the workload's `dbConnectionUser` grant on this instance only.
 */
export class GcpRedis extends pulumi.ComponentResource implements RedisConnection {
    /** The instance (escape hatch). */
    public readonly instance: gcp.memorystore.Instance;
    /** The service connection policy, when this component creates it. */
    public readonly serviceConnectionPolicy?: gcp.networkconnectivity.ServiceConnectionPolicy;
    /** `roles/memorystore.dbConnectionUser` for the workload's service account, conditioned on this instance. */
    public readonly connectGrant: gcp.projects.IAMMember;

    /** Private IP of the primary endpoint. */
    public readonly host: pulumi.Output<string>;
    /** TCP port of the primary endpoint (6379). */
    public readonly port: pulumi.Output<number>;
    /** `default`: the user a Memorystore IAM token authenticates. */
    public readonly user: pulumi.Output<string>;
    /** `gcp`: the workload sends Google access tokens. */
    public readonly iamAuthProvider: IamAuthProvider = IamAuthProvider.Gcp;
    /** The main app's logical database (Cluster Mode Disabled: 0-15 exist). */
    public readonly database: number = 0;
    /** Cluster Mode Disabled: no cluster-safe mode needed. */
    public readonly clusterSafeMode: boolean = false;
    /** PEM bundle of the instance's server CA (not publicly trusted: the client must be given it). */
    public readonly serverCaPem: pulumi.Output<string>;

    constructor(name: string, args: GcpRedisArgs, opts?: pulumi.ComponentResourceOptions) {
        super("langsmith-iam:index:GcpRedis", name, {}, opts);
        const given = gcpRedisDefaults(args);
        const parent = { parent: this };
        const problem = gcpRedisArgsProblem(given);
        if (problem) throw new Error(`${name}: ${problem}`);

        const network = pulumi.output(given.network).apply((n) => networkPath(given.project, n));
        if (given.createServiceConnectionPolicy) {
            // One policy per network, region and service class, in the network's project (Shared VPC: the
            // host project); the endpoints take addresses from its subnetworks
            // (https://cloud.google.com/vpc/docs/about-service-connection-policies).
            this.serviceConnectionPolicy = new gcp.networkconnectivity.ServiceConnectionPolicy(
                `${name}-psc-policy`,
                {
                    name: given.serviceConnectionPolicyName ?? `${given.instanceId}-psc`,
                    project: network.apply(networkProject),
                    location: given.region,
                    serviceClass: MEMORYSTORE_SERVICE_CLASS,
                    network,
                    pscConfig: { subnetworks: given.pscSubnetworks! },
                    description: "Private Service Connect for Memorystore (service connectivity automation)",
                    labels: given.labels,
                },
                parent,
            );
        }

        const retentionSeconds = given.backupRetentionDays * 24 * 3600;
        this.instance = new gcp.memorystore.Instance(
            name,
            {
                project: given.project,
                location: given.region,
                instanceId: given.instanceId,
                mode: "CLUSTER_DISABLED",
                shardCount: 1,
                replicaCount: given.highAvailability ? 1 : 0,
                zoneDistributionConfig: { mode: "MULTI_ZONE" },
                nodeType: given.nodeType,
                engineVersion: given.engineVersion,
                authorizationMode: "IAM_AUTH",
                transitEncryptionMode: "SERVER_AUTHENTICATION",
                serverCaMode: "GOOGLE_MANAGED_PER_INSTANCE_CA",
                desiredAutoCreatedEndpoints: [{ network, projectId: given.project }],
                persistenceConfig: given.production
                    ? { mode: "RDB", rdbConfig: { rdbSnapshotPeriod: "ONE_HOUR" } }
                    : { mode: "DISABLED" },
                automatedBackupConfig:
                    given.backupRetentionDays > 0
                        ? {
                              fixedFrequencySchedule: { startTime: { hours: 3 } },
                              retention: `${retentionSeconds}s`,
                          }
                        : undefined,
                deletionProtectionEnabled: given.production,
                labels: given.labels,
            },
            {
                parent: this,
                protect: given.production,
                dependsOn: this.serviceConnectionPolicy ? [this.serviceConnectionPolicy] : [],
                // Memorystore picks the first RDB snapshot time itself when none is given; self-service
                // maintenance updates move maintenanceVersion outside the stack.
                ignoreChanges: ["persistenceConfig.rdbConfig.rdbSnapshotStartTime", "maintenanceVersion"],
            },
        );
        this.connectGrant = new gcp.projects.IAMMember(
            `${name}-connect`,
            {
                project: given.project,
                role: MEMORYSTORE_CONNECT_ROLE,
                member: pulumi.interpolate`serviceAccount:${given.serviceAccountEmail}`,
                condition: this.instance.name.apply(memorystoreInstanceCondition),
            },
            parent,
        );

        const primary = this.instance.endpoints.apply(primaryEndpoint);
        this.host = primary.apply((p) => p.host);
        this.port = primary.apply((p) => p.port);
        this.user = pulumi.output(MEMORYSTORE_IAM_USER);
        // CA certificates are public (every client must have them).
        this.serverCaPem = pulumi.unsecret(this.instance.managedServerCas.apply(memorystoreCaBundle));
        this.registerOutputs({ host: this.host, port: this.port, user: this.user, serverCaPem: this.serverCaPem });
    }
}

import type * as pulumi from "@pulumi/pulumi";
import type { IamAuthProvider } from "../postgres/contract";

/**
 * What every cloud's managed Redis component returns, so the Kubernetes/Helm side wires the chart's
 * `redis.external` the same way on every cloud: a TLS endpoint, the user the workload identity's
 * token is issued for, and the chart's provider name.
 */
export interface RedisConnection {
    /** Private host name of the TLS endpoint (the primary endpoint of a replication group). */
    host: pulumi.Output<string>;
    /** TCP port of the TLS endpoint. */
    port: pulumi.Output<number>;
    /** The Redis user the token authenticates (ElastiCache: the IAM user's id, which equals its name). */
    user: pulumi.Output<string>;
    /** Which cloud's token the app fetches (`redis.external.iamAuthProvider`). */
    iamAuthProvider: IamAuthProvider;
    /** Logical database of the main app where the topology has several (`SELECT n`); none: database 0. */
    database?: number;
    /** The chart's `redis.external.clusterSafeMode` (a standalone client on a server that needs cluster-safe commands). */
    clusterSafeMode: boolean;
    /**
     * PEM of the CA that signs the server certificate, where no public CA does (Memorystore's
     * per-instance CA); absent: the server's certificate chains to a public root (ElastiCache).
     */
    serverCaPem?: pulumi.Output<string>;
}

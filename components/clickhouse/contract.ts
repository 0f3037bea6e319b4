/**
 * What the chart needs to reach ClickHouse, and the chart values for it. ClickHouse has no
 * identity-based login, so an external server's user and password travel only in a Kubernetes
 * Secret the chart reads (`clickhouse.external.existingSecretName`); the values name the Secret and
 * never hold a credential. Key names are the chart's (values.yaml `clickhouse.external.*SecretKey`,
 * v16-stable and main; templates/_helpers.tpl reads every connection setting from that Secret).
 */
import type * as pulumi from "@pulumi/pulumi";

/** The keys of the connection Secret, as the chart's defaults name them. */
export const CLICKHOUSE_SECRET_KEYS = {
    host: "clickhouse_host",
    port: "clickhouse_port",
    nativePort: "clickhouse_native_port",
    user: "clickhouse_user",
    password: "clickhouse_password",
    database: "clickhouse_db",
    tls: "clickhouse_tls",
} as const;

/** An external ClickHouse (self-managed, ClickHouse Cloud, or LangSmith-managed). */
export interface ExternalClickHouse {
    /** Host name the pods connect to. */
    host: pulumi.Input<string>;
    /**
     * HTTP interface port.
     * @default 8443
     */
    port?: number;
    /**
     * Native-protocol port.
     * @default 9440
     */
    nativePort?: number;
    /**
     * Connect over TLS.
     * @default true
     */
    tls?: boolean;
    /**
     * The database.
     * @default "default"
     */
    database?: string;
    /**
     * The user.
     * @default "default"
     */
    user?: string;
    /** The user's password (kept secret: it reaches only the connection Secret). */
    password: pulumi.Input<string>;
    /** ClickHouse cluster name for replicated tables (`clickhouse.external.cluster`). */
    cluster?: string;
    /**
     * LangSmith-managed ClickHouse (`clickhouse.external.hybrid`): trace payloads stay in blob storage.
     * @default false
     */
    hybrid?: boolean;
}

/** Sizing of the chart's in-cluster ClickHouse StatefulSet. */
export interface InClusterClickHouse {
    /** vCPUs requested and allowed. */
    cpu: number;
    /** Memory in GiB requested and allowed. */
    memoryGi: number;
    /** Persistent volume size in GiB. */
    storageGb: number;
    /** StorageClass of the volume (an SSD class); unset: the cluster's default class. */
    storageClassName?: pulumi.Input<string>;
}

/** Where LangSmith's ClickHouse is: exactly one of the two. */
export interface ClickHouseArgs {
    /** The chart's StatefulSet, sized. */
    inCluster?: InClusterClickHouse;
    /** A server outside the chart, reached through the connection Secret. */
    external?: ExternalClickHouse;
}

/** `clickhouse` chart values for an external server: the Secret's name and the non-secret switches only. */
export function externalClickHouseValues(
    secretName: string,
    external: { cluster?: string; hybrid?: boolean },
): Record<string, unknown> {
    const values: Record<string, unknown> = {
        enabled: true,
        existingSecretName: secretName,
        hybrid: external.hybrid ?? false,
    };
    if (external.cluster) values.cluster = external.cluster;
    return { external: values };
}

/**
 * `clickhouse.statefulSet` chart values. Requests equal limits: the pod gets the Guaranteed QoS class,
 * so the node's memory pressure evicts others before the trace store.
 */
export function inClusterClickHouseValues(sizing: {
    cpu: number;
    memoryGi: number;
    storageGb: number;
    storageClassName?: string;
}): Record<string, unknown> {
    const amount = { cpu: `${sizing.cpu}`, memory: `${sizing.memoryGi}Gi` };
    const persistence: Record<string, unknown> = { enabled: true, size: `${sizing.storageGb}Gi` };
    if (sizing.storageClassName) persistence.storageClassName = sizing.storageClassName;
    return {
        statefulSet: {
            resources: { requests: { ...amount }, limits: { ...amount } },
            persistence,
        },
    };
}

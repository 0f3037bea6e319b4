/**
 * What the chart needs to reach ClickHouse, and the chart values for it. ClickHouse has no
 * identity-based login, so an external server's user and password travel only in a Kubernetes
 * Secret the chart reads (`clickhouse.external.existingSecretName`); the values name the Secret and
 * never hold a credential. Key names are the chart's (values.yaml `clickhouse.external.*SecretKey`,
 * v16-stable and main; templates/_helpers.tpl reads every connection setting from that Secret).
 *
 * The chart's in-cluster server reads the same Secret: without `existingSecretName` the chart writes
 * its own, with the well-known default password of values.yaml (`clickhouse.external.password`), so
 * the component writes one for the in-cluster server too, with a generated password
 * (templates/clickhouse/secrets.yaml is skipped when `existingSecretName` is set, line 1; the
 * StatefulSet reads keys `clickhouse_db`, `clickhouse_user`, `clickhouse_password` of
 * `langsmith.clickhouseSecretsName`, templates/clickhouse/stateful-set.yaml lines 1-19, which is
 * `existingSecretName` when set, templates/_helpers.tpl lines 120-126).
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

/**
 * The generated password of the in-cluster server: letters and digits only (190 bits), since the
 * server's image puts it into an XML users file and clients into connection strings.
 */
export const CLICKHOUSE_PASSWORD_GENERATOR = { length: 32, special: false } as const;

/** Where the chart's in-cluster ClickHouse answers, with its user and database. */
export interface InClusterClickHouseConnection {
    host: string;
    port: number;
    nativePort: number;
    user: string;
    database: string;
}

/**
 * The in-cluster server's connection from the user's extra values, chart defaults where unset
 * (values.yaml: `clickhouse.name` "clickhouse", `containerHttpPort` 8123, `containerNativePort` 9000,
 * `external.user` and `external.database` "default", `clusterDomain` "cluster.local"). The host is
 * built as templates/clickhouse/secrets.yaml builds it (`<fullname>-<name>.<namespace>.svc.<domain>`);
 * the user must be `external.user`, the one templates/clickhouse/config-map.yaml declares in users.xml.
 */
export function inClusterClickHouseConnection(
    fullname: string,
    namespace: string,
    helmValues: Record<string, unknown> | undefined,
): InClusterClickHouseConnection {
    const ch = (helmValues?.clickhouse ?? {}) as {
        name?: unknown;
        containerHttpPort?: unknown;
        containerNativePort?: unknown;
        external?: { user?: unknown; database?: unknown };
    };
    const text = (v: unknown, fallback: string) => (typeof v === "string" && v !== "" ? v : fallback);
    const port = (v: unknown, fallback: number) => (typeof v === "number" ? v : fallback);
    const ns = text(helmValues?.namespace, namespace);
    return {
        host: `${fullname}-${text(ch.name, "clickhouse")}.${ns}.svc.${text(helmValues?.clusterDomain, "cluster.local")}`,
        port: port(ch.containerHttpPort, 8123),
        nativePort: port(ch.containerNativePort, 9000),
        user: text(ch.external?.user, "default"),
        database: text(ch.external?.database, "default"),
    };
}

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
 * `clickhouse` chart values for the in-cluster server: the connection Secret by name (the server and
 * every client read it; `external.enabled` stays false) and, when sized, `statefulSet`. Requests
 * equal limits: the pod gets the Guaranteed QoS class, so the node's memory pressure evicts others
 * before the trace store.
 */
export function inClusterClickHouseValues(
    secretName: string,
    sizing?: { cpu: number; memoryGi: number; storageGb: number; storageClassName?: string },
): Record<string, unknown> {
    const values: Record<string, unknown> = { external: { existingSecretName: secretName } };
    if (!sizing) return values;
    const amount = { cpu: `${sizing.cpu}`, memory: `${sizing.memoryGi}Gi` };
    const persistence: Record<string, unknown> = { enabled: true, size: `${sizing.storageGb}Gi` };
    if (sizing.storageClassName) persistence.storageClassName = sizing.storageClassName;
    values.statefulSet = { resources: { requests: { ...amount }, limits: { ...amount } }, persistence };
    return values;
}

/**
 * The Redis connection URL LangSmith reads from the `connection_url` Secret key when it reaches a
 * managed Redis by identity: `rediss://<user>@<host>:<port>[/<db>]`, TLS always, never a password
 * (the app fetches a short-lived token from its cloud and sends it with `AUTH <user> <token>`).
 * Source: LangChain's "IAM authentication" for external Redis (self-host-external-redis.mdx).
 */

/** The parts of a passwordless Redis URL. */
export interface RedisUrlParts {
    /**
     * The user the token is issued for: the ElastiCache user id, `default` on Memorystore, the
     * identity's object id on Azure.
     */
    user: string;
    /** Host name or IPv4 address (the primary / discovery endpoint). */
    host: string;
    /** TCP port of the TLS listener. */
    port: number;
    /** Logical database (`SELECT n`); omitted where the topology has only database 0. */
    database?: number;
}

/** Percent-encodes everything outside RFC 3986's unreserved set, so `@ : / % #` in a user name survive. */
function encodeUserInfo(value: string): string {
    return encodeURIComponent(value).replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());
}

/** `rediss://<user>@<host>:<port>[/<db>]`: TLS scheme, user only (no `:`), so no parser can read a password. */
export function buildRedisUrl(parts: RedisUrlParts): string {
    if (!parts.user) throw new Error("Redis URL: user is empty");
    if (!parts.host) throw new Error("Redis URL: host is empty");
    if (!Number.isInteger(parts.port) || parts.port < 1 || parts.port > 65535)
        throw new Error(`Redis URL: port ${parts.port} is not a TCP port`);
    if (parts.database !== undefined && (!Number.isInteger(parts.database) || parts.database < 0))
        throw new Error(`Redis URL: database ${parts.database} is not a database number`);
    const host = parts.host.includes(":") ? `[${parts.host}]` : parts.host;
    const path = parts.database === undefined ? "" : `/${parts.database}`;
    return `rediss://${encodeUserInfo(parts.user)}@${host}:${parts.port}${path}`;
}

/**
 * The chart's `redis_cluster_node_uris` value for a Redis Cluster: a JSON list of `redis://host:port`
 * (no user, no TLS scheme: the chart turns TLS on with `redis.external.cluster.tlsEnabled`).
 */
export function redisClusterNodeUris(nodes: { host: string; port: number }[]): string {
    if (nodes.length === 0) throw new Error("Redis cluster: no node");
    return JSON.stringify(
        nodes.map((n) => {
            if (!n.host) throw new Error("Redis cluster: a node host is empty");
            return `redis://${n.host.includes(":") ? `[${n.host}]` : n.host}:${n.port}`;
        }),
    );
}

/**
 * The connection URL LangSmith reads from the `connection_url` Secret key: no scheme,
 * `user[:password]@host:port/database?params`. User and password are percent-encoded, so Cloud SQL
 * users such as `sa@project.iam` and passwords with `@ : / ? # % & =` survive every parser.
 */

/** The parts of a LangSmith connection URL. */
export interface ConnectionUrlParts {
    /** Database user (IAM user name, or a password user). */
    user: string;
    /** Only for password authentication; omitted for IAM (the token is the password). */
    password?: string;
    /** Host name or IPv4 address. */
    host: string;
    /** TCP port. */
    port: number;
    /** Database name. */
    database: string;
    /** URL parameters in order, e.g. `{ sslmode: "require" }`. */
    params?: Record<string, string>;
}

/** Percent-encodes everything outside RFC 3986's unreserved set (encodeURIComponent leaves `!'()*`). */
function encodePart(value: string): string {
    return encodeURIComponent(value).replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());
}

/**
 * Percent-encodes a path segment (the database name) but keeps `@` and `+` literal, as RFC 3986
 * allows there: node-postgres decodes the path with `decodeURI`, which leaves `%40` and `%2B` encoded
 * and so asks for a database that does not exist (found by the real-server URL test).
 */
function encodePathSegment(value: string): string {
    return encodePart(value).replace(/%40/g, "@").replace(/%2B/g, "+");
}

export function buildConnectionUrl(parts: ConnectionUrlParts): string {
    if (!parts.user) throw new Error("connection URL: user is empty");
    if (!parts.host) throw new Error("connection URL: host is empty");
    if (!Number.isInteger(parts.port) || parts.port < 1 || parts.port > 65535)
        throw new Error(`connection URL: port ${parts.port} is not a TCP port`);
    const auth =
        parts.password === undefined
            ? encodePart(parts.user)
            : `${encodePart(parts.user)}:${encodePart(parts.password)}`;
    const host = parts.host.includes(":") ? `[${parts.host}]` : parts.host;
    const query = Object.entries(parts.params ?? {})
        .map(([k, v]) => `${encodePart(k)}=${encodePart(v)}`)
        .join("&");
    return `${auth}@${host}:${parts.port}/${encodePathSegment(parts.database)}${query ? "?" + query : ""}`;
}

/**
 * The URL params for a TLS mode, as LangSmith's docs prescribe: when verifying, `sslrootcert=system`
 * (the chart adds `config.customCa` to the pods' system store); client certificates for mTLS are not
 * URL params: the chart mounts them and sets them up itself (`postgres.external.clientCert`).
 */
export function tlsParams(sslMode: string, extra: Record<string, string> = {}): Record<string, string> {
    const params: Record<string, string> = { sslmode: sslMode };
    if (sslMode === "verify-full") params.sslrootcert = "system";
    return { ...params, ...extra };
}

/** Where the chart mounts `config.customCa` in every pod. */
export const CHART_CUSTOM_CA_PATH = "/etc/ssl/certs/custom-ca-certificates.crt";
/** Where the chart mounts `postgres.external.clientCert` in every pod. */
export const CHART_CLIENT_CERT_PATH = "/etc/postgres/certs/client.crt";
export const CHART_CLIENT_KEY_PATH = "/etc/postgres/certs/client.key";

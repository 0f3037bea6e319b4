/**
 * TLS and mTLS against real PostgreSQL 14 and 18 running `ssl=on` with a certificate from a test CA,
 * `hostssl`-only `pg_hba` rules, and `clientcert=verify-full` for the mTLS role. The mTLS client is
 * wired exactly as the project's chart values say: Secret keys, mount paths, file modes, fsGroup.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import { Client, escapeIdentifier as ident, escapeLiteral as literal } from "pg";
import { parseSettings } from "../../program/config/settings";
import { langsmithHelmValues } from "../../components/langsmith/values";
import { buildConnectionUrl, tlsParams } from "../../components/postgres/connectionUrl";
import { MAJORS, MTLS_USER, postgresServer, type TestServer } from "../support/postgresServer";
import { materialisePodTls } from "../support/podFiles";
import { uniqueName } from "../support/sqlFixtures";
import { psqlFacts, withPodTrustStore } from "../support/urlClients";

const PASSWORD = "fixture-tls-pw";

/** The test's stand-in for a pod's user: not root, not the files' owner; fsGroup gives it the key. */
const POD_UID = 1001;
const FS_GROUP = 1000;

/** A login role with a password (test fixture), idempotent because MTLS_USER is shared. */
async function ensureRole(server: TestServer, role: string): Promise<void> {
    const su = await server.superuser();
    try {
        await su.query(`DO $$ BEGIN
            IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = ${literal(role)}) THEN CREATE ROLE ${ident(role)} LOGIN; END IF;
        END $$`);
        await su.query(`ALTER ROLE ${ident(role)} PASSWORD ${literal(PASSWORD)}`);
    } finally {
        await su.end();
    }
}

const url = (server: TestServer, user: string, params: Record<string, string>, host: string = server.host) =>
    `postgresql://${buildConnectionUrl({ user, host, port: server.port, database: "postgres", params })}`;

/** node-postgres with explicit TLS options; resolves to the session's TLS state or rejects. */
async function nodePgConnect(server: TestServer, user: string, ssl: object | false): Promise<boolean> {
    const client = new Client({
        host: server.host,
        port: server.port,
        user,
        password: PASSWORD,
        database: "postgres",
        ssl,
        connectionTimeoutMillis: 5000,
    });
    await client.connect();
    try {
        return (await client.query("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")).rows[0].ssl;
    } finally {
        await client.end();
    }
}

/** The settings and chart values of a stack with mTLS, as the program derives them. */
function mtlsValues() {
    const settings = parseSettings({
        cloud: "aws",
        licenseKey: "fixture-license",
        aws: { region: "us-east-1", clusterName: "test" },
        chart: { initialOrgAdminEmail: "admin@example.com" },
        postgres: {
            sslMode: "verify-full",
            caCertificate: { secretName: "pg-server-ca", secretKey: "ca.pem" },
            clientCertificate: { secretName: "pg-client-cert" },
        },
    });
    const values = langsmithHelmValues({
        serviceAccounts: [],
        podLabels: {},
        iamAuthProvider: "aws",
        postgresSecretName: "langsmith-postgres",
        configSecretName: "langsmith-config",
        schema: settings.postgres.schema,
        authType: settings.chart.authType,
        basicAuth: settings.chart.basicAuth,
        deployments: false,
        insights: false,
        polly: false,
        caCertificate: settings.postgres.caCertificate,
        clientCertificate: settings.postgres.clientCertificate,
        // eslint-disable-next-line @typescript-eslint/no-explicit-any -- chart values are untyped JSON
    }) as Record<string, any>;
    return { settings, values };
}

for (const major of MAJORS) {
    describe(`TLS and mTLS on real PostgreSQL ${major} (ssl=on, test CA, hostssl-only pg_hba)`, function () {
        it("require connects; verify-full checks the CA and the host name; plain TCP is refused by pg_hba", async function () {
            const server = await postgresServer(major);
            const user = uniqueName("tls_user");
            await ensureRole(server, user);
            const env = { PGPASSWORD: PASSWORD };
            const { caCert, otherCaCert } = server.tls;

            // libpq
            assert.equal((await psqlFacts(url(server, user, tlsParams("require")), env)).ssl, true);
            const verified = await psqlFacts(url(server, user, { sslmode: "verify-full", sslrootcert: caCert }), env);
            assert.equal(verified.ssl, true);
            assert.equal(verified.user, user);
            await assert.rejects(
                psqlFacts(
                    url(
                        server,
                        user,
                        { sslmode: "verify-full", sslrootcert: caCert, hostaddr: server.host },
                        "db.wrong-host.example",
                    ),
                    env,
                ),
                /does not match host name/,
            );
            await assert.rejects(
                psqlFacts(url(server, user, { sslmode: "verify-full", sslrootcert: otherCaCert }), env),
                /certificate verify failed/,
            );
            await assert.rejects(
                psqlFacts(url(server, user, { sslmode: "disable" }), env),
                /pg_hba\.conf rejects connection .*no encryption/,
            );

            // node-postgres
            const ca = fs.readFileSync(caCert, "utf8");
            assert.equal(await nodePgConnect(server, user, { ca, servername: "localhost" }), true);
            await assert.rejects(
                nodePgConnect(server, user, { ca, servername: "db.wrong-host.example" }),
                /does not match certificate's altnames/,
            );
            await assert.rejects(
                nodePgConnect(server, user, { ca: fs.readFileSync(otherCaCert, "utf8") }),
                /self[- ]signed certificate|unable to verify/i,
            );
            await assert.rejects(nodePgConnect(server, user, false), /pg_hba\.conf rejects connection .*no encryption/);
        });

        it("mTLS: the chart's client certificate wiring connects; without the certificate or without fsGroup it fails", async function () {
            const server = await postgresServer(major);
            await ensureRole(server, MTLS_USER);
            const { settings, values } = mtlsValues();

            // The chart wiring the project generates.
            assert.equal(values.postgres.external.customTls, true);
            assert.deepEqual(values.postgres.external.clientCert, {
                secretName: "pg-client-cert",
                certSecretKey: "tls.crt",
                keySecretKey: "tls.key",
            });
            assert.deepEqual(values.config.customCa, { secretName: "pg-server-ca", secretKey: "ca.pem" });
            assert.equal(values.commonPodSecurityContext.fsGroup, FS_GROUP);

            // The Secrets those values name, filled from the test CA, mounted as the chart mounts them.
            const t = server.tls;
            const pod = materialisePodTls(values, {
                "pg-server-ca": { "ca.pem": fs.readFileSync(t.caCert, "utf8") },
                "pg-client-cert": {
                    "tls.crt": fs.readFileSync(t.clientCert, "utf8"),
                    "tls.key": fs.readFileSync(t.clientKey, "utf8"),
                },
            });
            assert.equal(fs.statSync(pod.keyFile).mode & 0o777, 0o640);

            // The project's URL (verify-full), the token out of band, the cert paths the chart hands the app.
            const projectUrl = url(server, MTLS_USER, tlsParams(settings.postgres.sslMode));
            const { url: podUrl, env: trust } = withPodTrustStore(projectUrl, pod.caFile);
            const base = { PGPASSWORD: PASSWORD, HOME: "/nonexistent", ...trust };
            const withCert = { ...base, PGSSLCERT: pod.certFile, PGSSLKEY: pod.keyFile };
            const asPod = { uid: POD_UID, gid: FS_GROUP };

            const facts = await psqlFacts(podUrl, withCert, asPod);
            assert.equal(facts.user, MTLS_USER);
            assert.equal(facts.ssl, true);
            // No client certificate: the server's clientcert=verify-full refuses the login.
            await assert.rejects(psqlFacts(podUrl, base, asPod), /requires a valid client certificate/);
            // Without fsGroup the pod's user cannot read the key the chart mounts with mode 0640.
            await assert.rejects(
                psqlFacts(podUrl, withCert, { uid: POD_UID, gid: POD_UID }),
                /could not load private key file/,
            );
            // verify-full still checks the host name, and plain TCP is still refused.
            const wrongHost = withPodTrustStore(
                url(server, MTLS_USER, tlsParams("verify-full", { hostaddr: server.host }), "db.wrong-host.example"),
                pod.caFile,
            );
            await assert.rejects(
                psqlFacts(wrongHost.url, { ...withCert, ...wrongHost.env }, asPod),
                /does not match host name/,
            );
            await assert.rejects(
                psqlFacts(url(server, MTLS_USER, { sslmode: "disable" }), withCert, asPod),
                /pg_hba\.conf rejects connection .*no encryption/,
            );

            // node-postgres with the same mounted files.
            const read = (f: string) => fs.readFileSync(f, "utf8");
            assert.equal(
                await nodePgConnect(server, MTLS_USER, {
                    ca: read(pod.caFile),
                    cert: read(pod.certFile),
                    key: read(pod.keyFile),
                    servername: "localhost",
                }),
                true,
            );
            await assert.rejects(
                nodePgConnect(server, MTLS_USER, { ca: read(pod.caFile), servername: "localhost" }),
                /requires a valid client certificate/,
            );
        });
    });
}

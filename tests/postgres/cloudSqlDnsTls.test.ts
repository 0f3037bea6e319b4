/**
 * LangSmith's verify-full URL on GCP against real PostgreSQL 14 and 18 whose server certificate is
 * shaped like Cloud SQL's with `serverCaMode: GOOGLE_MANAGED_CAS_CA`: issued by a CA for the
 * instance's DNS name only (`<uid>.<project label>.<region>.sql.goog`), no IP address. The URL and the
 * CA bundle are built by the functions the program uses (`buildConnectionUrl` + `tlsParams`, as the
 * LangSmith component does; `serverCaBundle`, as the CA Secret gets it), the CA is trusted the way a
 * pod trusts `config.customCa`, and libpq's `hostaddr=127.0.0.1` stands in for the private zone's A
 * record (the name must lead to the server; the name, not the address, is what TLS checks).
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { escapeIdentifier as ident, escapeLiteral as literal } from "pg";
import { serverCaBundle } from "../../components/gcp/postgres";
import { buildConnectionUrl, tlsParams } from "../../components/postgres/connectionUrl";
import { SslMode } from "../../components/postgres/sslMode";
import { CLOUD_SQL_TEST_NAME, MAJORS, postgresServer, type TestServer } from "../support/postgresServer";
import { uniqueName } from "../support/sqlFixtures";
import { psqlFacts, withPodTrustStore } from "../support/urlClients";

const PASSWORD = "fixture-dns-tls-pw";

async function loginRole(server: TestServer): Promise<string> {
    const role = uniqueName("dns_tls_user");
    const su = await server.superuser();
    try {
        await su.query(`CREATE ROLE ${ident(role)} LOGIN PASSWORD ${literal(PASSWORD)}`);
    } finally {
        await su.end();
    }
    return role;
}

/** LangSmith's URL as the program writes it into the Postgres Secret, with `postgresql://` as the app adds it. */
function langsmithUrl(server: TestServer, user: string, host: string, extra: Record<string, string> = {}): string {
    const params = tlsParams(SslMode.VerifyFull, extra);
    return `postgresql://${buildConnectionUrl({ user, host, port: server.port, database: "postgres", params })}`;
}

/** The CA Secret's `ca.crt` as a pod sees it (config.customCa), from the instance's `serverCaCerts`. */
function mountedCa(...pems: string[]): string {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ls-dns-ca-")), "custom-ca-certificates.crt");
    fs.writeFileSync(file, serverCaBundle(pems.map((cert) => ({ cert }))));
    return file;
}

for (const major of MAJORS) {
    describe(`GCP verify-full by the instance's DNS name on real PostgreSQL ${major} (certificate for a *.sql.goog name only)`, function () {
        this.timeout(60000);
        let server: TestServer;
        let user: string;
        let ca: string;
        before(async function () {
            server = await postgresServer(major, "cloudSql");
            assert.equal(server.tlsName, CLOUD_SQL_TEST_NAME);
            user = await loginRole(server);
            ca = fs.readFileSync(server.tls.caCert, "utf8");
        });

        it("connects with the DNS name in the URL once the name leads to the server (the A record)", async function () {
            const { url, env } = withPodTrustStore(
                langsmithUrl(server, user, CLOUD_SQL_TEST_NAME, { hostaddr: "127.0.0.1" }),
                mountedCa(ca),
            );
            const facts = await psqlFacts(url, { ...env, PGPASSWORD: PASSWORD });
            assert.equal(facts.ssl, true);
            assert.equal(facts.user, user);
        });

        it("still connects during a CA rotation (the bundle holds every server CA, the signing one second)", async function () {
            const other = fs.readFileSync(server.tls.otherCaCert, "utf8");
            const { url, env } = withPodTrustStore(
                langsmithUrl(server, user, CLOUD_SQL_TEST_NAME, { hostaddr: "127.0.0.1" }),
                mountedCa(other, ca),
            );
            assert.equal((await psqlFacts(url, { ...env, PGPASSWORD: PASSWORD })).ssl, true);
        });

        it("refuses the former URL with the private IP: the certificate does not name the address", async function () {
            const { url, env } = withPodTrustStore(langsmithUrl(server, user, server.host), mountedCa(ca));
            await assert.rejects(
                psqlFacts(url, { ...env, PGPASSWORD: PASSWORD }),
                /server certificate for "1a2b3c4d5e6f\.0123456789abc\.us-central1\.sql\.goog"( \(and 1 other name\))? does not match host name "127\.0\.0\.1"/,
            );
        });

        it("refuses another instance's name and a CA that did not sign the certificate", async function () {
            const otherName = CLOUD_SQL_TEST_NAME.replace(/^[0-9a-f]+/, "ffffffffffff");
            const wrongName = withPodTrustStore(
                langsmithUrl(server, user, otherName, { hostaddr: "127.0.0.1" }),
                mountedCa(ca),
            );
            await assert.rejects(
                psqlFacts(wrongName.url, { ...wrongName.env, PGPASSWORD: PASSWORD }),
                /does not match host name "ffffffffffff\./,
            );
            const wrongCa = withPodTrustStore(
                langsmithUrl(server, user, CLOUD_SQL_TEST_NAME, { hostaddr: "127.0.0.1" }),
                mountedCa(fs.readFileSync(server.tls.otherCaCert, "utf8")),
            );
            await assert.rejects(
                psqlFacts(wrongCa.url, { ...wrongCa.env, PGPASSWORD: PASSWORD }),
                /certificate verify failed/,
            );
        });
    });
}

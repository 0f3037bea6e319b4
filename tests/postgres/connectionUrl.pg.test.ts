/**
 * The connection URL the project writes into the `connection_url` Secret, composed as LangSmith
 * composes it (`postgresql://` + the value, which has no scheme), parsed by real clients — libpq via
 * `psql` and node-postgres — and used to log into a real server as the intended role.
 */
import { strict as assert } from "node:assert";
import { escapeIdentifier as ident, escapeLiteral as literal } from "pg";
import { AWS_IAM_ROLE_MODEL, bootstrapSql } from "../../components/postgres/bootstrapSql";
import { buildConnectionUrl, tlsParams } from "../../components/postgres/connectionUrl";
import { MAJORS, postgresServer, type TestServer } from "../support/postgresServer";
import { givePassword, rdsLikeAdmin, runPsqlScript, uniqueName } from "../support/sqlFixtures";
import { nodePgFacts, psqlFacts, type SessionFacts } from "../support/urlClients";

/** What the app does with the Secret's value. */
const asLangSmithUrl = (connectionUrl: string) => `postgresql://${connectionUrl}`;

/** Every character LangSmith's docs warn about in passwords, and a space. */
const NASTY_PASSWORD = "p@ss:w/rd?x#y%z&a=b c";

/** URL params a user adds through `postgres.extraUrlParams`: values with space, `=` and `&`. */
const EXTRA_PARAMS = {
    connect_timeout: "7",
    application_name: "langsmith a&b=c",
    options: "-c statement_timeout=4321",
};

/** The client env of a pod: the server CA in the trust store (node) — libpq's `require` does not verify. */
const trustStore = (server: TestServer) => ({ NODE_EXTRA_CA_CERTS: server.tls.caCert });

function assertSession(facts: SessionFacts, expected: { user: string; db: string; port: number }): void {
    assert.equal(facts.user, expected.user, "logged in as the wrong role");
    assert.equal(facts.db, expected.db, "connected to the wrong database");
    assert.equal(Number(facts.port), expected.port, "connected to the wrong port");
    assert.equal(facts.ssl, true, "the session is not encrypted");
    assert.equal(facts.app, EXTRA_PARAMS.application_name, "application_name was not preserved");
    assert.equal(facts.statement_timeout, "4321ms", "the options parameter was not preserved");
}

for (const major of MAJORS) {
    describe(`Connection URL on real PostgreSQL ${major}, parsed by libpq (psql) and node-postgres`, function () {
        it("IAM form: no password in the URL, the token passed out of band, logs in as the IAM user", async function () {
            const server = await postgresServer(major);
            assert.notEqual(server.port, 5432, "the test server should use a non-default port");
            const { admin, adminPassword, database } = await rdsLikeAdmin(server);
            // A Cloud SQL-style service-account user: '@', '.', '-'.
            const iamUser = uniqueName("sa-langsmith@my-project.iam");
            await runPsqlScript(
                server,
                admin,
                adminPassword,
                database,
                bootstrapSql({ model: AWS_IAM_ROLE_MODEL, database, schema: "public", iamUser }),
            );
            const token = "fixture-iam-token";
            await givePassword(server, iamUser, token);

            const secretValue = buildConnectionUrl({
                user: iamUser,
                host: server.host,
                port: server.port,
                database,
                params: tlsParams("require", EXTRA_PARAMS),
            });
            assert.ok(!secretValue.split("@")[0].includes(":"), `the IAM URL must carry no password: ${secretValue}`);
            const url = asLangSmithUrl(secretValue);
            const expected = { user: iamUser, db: database, port: server.port };

            assertSession(await psqlFacts(url, { PGPASSWORD: token }), expected);
            assertSession(await nodePgFacts(url, { ...trustStore(server), PGPASSWORD: token }), expected);
            // Without the token there is no login: the URL really carries no password.
            await assert.rejects(psqlFacts(url), /password/i);
        });

        it("password form: every special character in user, password and database name survives both parsers", async function () {
            const server = await postgresServer(major);
            const user = uniqueName("LangSmith.pw-user@corp");
            const database = uniqueName("ls-db.v2+x");
            const su = await server.superuser();
            try {
                // Test fixture: a password user (the project itself only writes IAM URLs).
                await su.query(`CREATE ROLE ${ident(user)} LOGIN PASSWORD ${literal(NASTY_PASSWORD)}`);
                await su.query(`CREATE DATABASE ${ident(database)} OWNER ${ident(user)}`);
            } finally {
                await su.end();
            }
            const url = asLangSmithUrl(
                buildConnectionUrl({
                    user,
                    password: NASTY_PASSWORD,
                    host: server.host,
                    port: server.port,
                    database,
                    params: tlsParams("require", EXTRA_PARAMS),
                }),
            );
            const expected = { user, db: database, port: server.port };

            // No PGPASSWORD: the password can only come from the URL.
            assertSession(await psqlFacts(url), expected);
            assertSession(await nodePgFacts(url, trustStore(server)), expected);
            // A wrong password in the same URL shape is refused (the server really checks it).
            const wrong = asLangSmithUrl(
                buildConnectionUrl({
                    user,
                    password: NASTY_PASSWORD + "!",
                    host: server.host,
                    port: server.port,
                    database,
                    params: tlsParams("require"),
                }),
            );
            await assert.rejects(psqlFacts(wrong), /password authentication failed/);
        });
    });
}

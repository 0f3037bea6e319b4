import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { Client, escapeIdentifier as ident, escapeLiteral as literal } from "pg";
import { buildConnectionUrl, tlsParams } from "../../components/postgres/connectionUrl";
import { MAJORS, postgresServer } from "../support/postgresServer";

const run = promisify(execFile);
/** Exactly the shape of a Cloud SQL service-account user (`<id>@<project>.iam`). */
const CLOUD_SQL_USER = "langsmith@my-project.iam";
const PASSWORD = "fixture-token-stand-in";

for (const major of MAJORS) {
    describe(`GCP connection URL against real PostgreSQL ${major}`, function () {
        let url: string;
        before(async function () {
            const server = await postgresServer(major);
            const su = await server.superuser();
            try {
                await su.query(
                    `DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = ${literal(CLOUD_SQL_USER)}) THEN CREATE ROLE ${ident(CLOUD_SQL_USER)} LOGIN; END IF; END $$`,
                );
                await su.query(`ALTER ROLE ${ident(CLOUD_SQL_USER)} PASSWORD ${literal(PASSWORD)}`);
            } finally {
                await su.end();
            }
            // The URL exactly as the GCP path writes it, plus the test CA so both clients verify the server.
            url = buildConnectionUrl({
                user: CLOUD_SQL_USER,
                host: server.host,
                port: server.port,
                database: "postgres",
                params: tlsParams("require", { sslrootcert: server.tls.caCert }),
            });
        });

        it("percent-encodes the @ of the Cloud SQL user", () => {
            assert.match(url, /^langsmith%40my-project\.iam@127\.0\.0\.1:\d+\/postgres\?sslmode=require&sslrootcert=/);
        });

        it("node-postgres decodes it to the role langsmith@my-project.iam, over TLS", async () => {
            // The URL carries no password (IAM: the token is the password); pg takes it from PGPASSWORD then.
            const saved = process.env.PGPASSWORD;
            process.env.PGPASSWORD = PASSWORD;
            const client = new Client({ connectionString: `postgresql://${url}` });
            try {
                await client.connect();
            } finally {
                if (saved === undefined) delete process.env.PGPASSWORD;
                else process.env.PGPASSWORD = saved;
            }
            try {
                const r = await client.query(
                    "SELECT current_user AS u, ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
                );
                assert.equal(r.rows[0].u, CLOUD_SQL_USER);
                assert.equal(r.rows[0].ssl, true);
            } finally {
                await client.end();
            }
        });

        it("libpq (psql) decodes it to the role langsmith@my-project.iam, over TLS", async () => {
            const { stdout } = await run(
                "psql",
                [
                    "-X",
                    "-A",
                    "-t",
                    "-c",
                    "SELECT current_user || ' ' || ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
                    `postgresql://${url}`,
                ],
                {
                    env: { ...process.env, PGPASSWORD: PASSWORD, PGCONNECT_TIMEOUT: "5" },
                },
            );
            assert.equal(stdout.trim(), `${CLOUD_SQL_USER} true`);
        });
    });
}

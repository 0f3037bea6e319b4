import { strict as assert } from "node:assert";
import { AWS_IAM_ROLE_MODEL, bootstrapSql } from "../../components/postgres/bootstrapSql";
import { MAJORS, postgresServer } from "../support/postgresServer";
import { rdsLikeAdmin, uniqueName, runTwiceIdempotently } from "../support/sqlFixtures";
import { assertLangSmithExtensions, migrateAs } from "../support/migrations";

for (const major of MAJORS) {
    describe(`AWS bootstrap SQL on real PostgreSQL ${major} (non-superuser RDS-like master)`, function () {
        for (const schema of ["public", "langsmith_app"]) {
            it(`creates the IAM user, is idempotent, and lets it run LangSmith-style migrations (schema ${schema})`, async function () {
                const server = await postgresServer(major);
                const { admin, adminPassword, database } = await rdsLikeAdmin(server);
                // Upper case, '@', '.' and '-' all need quoting.
                const iamUser = uniqueName("LangSmith.app-user@x");
                const sql = bootstrapSql({ model: AWS_IAM_ROLE_MODEL, database, schema, iamUser });

                await runTwiceIdempotently(server, { admin, adminPassword, database }, sql);

                const su = await server.superuser(database);
                try {
                    const member = await su.query("SELECT pg_has_role($1, 'rds_iam', 'MEMBER') AS ok", [iamUser]);
                    assert.equal(member.rows[0].ok, true, "IAM user must be a member of rds_iam");
                    const owner = await su.query(
                        "SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = $1",
                        [database],
                    );
                    assert.equal(owner.rows[0].owner, iamUser);
                    await assertLangSmithExtensions(su);
                } finally {
                    await su.end();
                }

                await migrateAs(server, iamUser, database, schema);
            });
        }
    });
}

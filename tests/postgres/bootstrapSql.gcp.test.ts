import { strict as assert } from "node:assert";
import { bootstrapSql, GCP_IAM_ROLE_MODEL, ownerRoleName } from "../../components/postgres/bootstrapSql";
import { MAJORS, postgresServer } from "../support/postgresServer";
import {
    cloudSqlLikeAdmin,
    connectAs,
    givePassword,
    runPsqlScript,
    runTwiceIdempotently,
} from "../support/sqlFixtures";
import { assertLangSmithExtensions, runMigrationLikeDdl } from "../support/migrations";
import { escapeIdentifier as ident } from "pg";

for (const major of MAJORS) {
    describe(`GCP bootstrap SQL on real PostgreSQL ${major} (bootstrap IAM user in cloudsqlsuperuser, non-superuser)`, function () {
        it(`models Cloud SQL: the admin ${major >= 16 ? "cannot" : "can still"} join the IAM role the API created`, async function () {
            // Why the GCP model avoids membership in the IAM role: PG16+ needs ADMIN OPTION for it.
            const server = await postgresServer(major);
            const { admin, adminPassword, iamUser } = await cloudSqlLikeAdmin(server);
            const client = await connectAs(server, admin, adminPassword, "postgres");
            try {
                const attempt = client.query(`GRANT ${ident(iamUser)} TO CURRENT_USER`);
                if (major >= 16) await assert.rejects(attempt, /permission denied to grant role/);
                else await attempt;
            } finally {
                await client.end();
            }
        });

        for (const schema of ["public", "langsmith_app"]) {
            it(`grants the Cloud SQL IAM user what LangSmith needs, is idempotent, and lets it migrate (schema ${schema})`, async function () {
                const server = await postgresServer(major);
                const { admin, adminPassword, database, iamUser } = await cloudSqlLikeAdmin(server);
                const sql = bootstrapSql({ model: GCP_IAM_ROLE_MODEL, database, schema, iamUser });
                const owner = ownerRoleName(database);

                await runTwiceIdempotently(server, { admin, adminPassword, database }, sql);

                const su = await server.superuser(database);
                try {
                    const db = await su.query(
                        "SELECT pg_get_userbyid(datdba) AS owner, has_database_privilege($2, datname, 'CREATE') AS can_create FROM pg_database WHERE datname = $1",
                        [database, iamUser],
                    );
                    assert.equal(db.rows[0].owner, owner, "the owner role must own the database");
                    assert.equal(db.rows[0].can_create, true, "the IAM user must be able to create schemas");
                    const member = await su.query(
                        "SELECT pg_has_role($1, $2, 'USAGE') AS inherits, pg_has_role($1, 'cloudsqlsuperuser', 'MEMBER') AS superish",
                        [iamUser, owner],
                    );
                    assert.equal(
                        member.rows[0].inherits,
                        true,
                        "the IAM user must act with the owner role's privileges",
                    );
                    assert.equal(member.rows[0].superish, false, "the IAM user must not gain cloudsqlsuperuser");
                    const bootstrapUser = await su.query(
                        "SELECT rolsuper, pg_has_role(rolname, 'cloudsqlsuperuser', 'MEMBER') AS csu FROM pg_roles WHERE rolname = $1",
                        [admin],
                    );
                    assert.deepEqual(
                        bootstrapUser.rows[0],
                        { rolsuper: false, csu: true },
                        "the bootstrap user is a cloudsqlsuperuser member, not a superuser",
                    );
                    const adminInIam = await su.query("SELECT pg_has_role($1, $2, 'MEMBER') AS m", [admin, iamUser]);
                    assert.equal(
                        adminInIam.rows[0].m,
                        false,
                        "the script must not rely on membership in the IAM user's role",
                    );
                    if (schema !== "public") {
                        const ns = await su.query(
                            "SELECT pg_get_userbyid(nspowner) AS owner FROM pg_namespace WHERE nspname = $1",
                            [schema],
                        );
                        assert.equal(ns.rows[0].owner, owner);
                    }
                    await assertLangSmithExtensions(su);
                } finally {
                    await su.end();
                }

                await givePassword(server, iamUser, "fixture-token-stand-in");
                const app = await connectAs(server, iamUser, "fixture-token-stand-in", database);
                try {
                    const who = await app.query("SELECT session_user AS s, current_user AS u");
                    assert.deepEqual(
                        who.rows[0],
                        { s: iamUser, u: owner },
                        "logged in as the IAM user, acting as the owner role",
                    );
                    await runMigrationLikeDdl(app, schema);
                    // Sessions act as the owner role, so what the app creates is the owner role's.
                    const tables = await app.query(
                        "SELECT DISTINCT pg_get_userbyid(relowner) AS owner FROM pg_class WHERE relname IN ('tenants', 't')",
                    );
                    assert.deepEqual(tables.rows, [{ owner }], "the app's tables must belong to the owner role");
                } finally {
                    await app.end();
                }
            });
        }

        it("fails with a clear message when the Cloud SQL IAM user does not exist yet", async function () {
            const server = await postgresServer(major);
            const { admin, adminPassword, database } = await cloudSqlLikeAdmin(server);
            const sql = bootstrapSql({
                model: GCP_IAM_ROLE_MODEL,
                database,
                schema: "public",
                iamUser: "missing-sa@my-project.iam",
            });
            await assert.rejects(
                runPsqlScript(server, admin, adminPassword, database, sql),
                /database role missing-sa@my-project.iam does not exist/,
            );
        });
    });
}

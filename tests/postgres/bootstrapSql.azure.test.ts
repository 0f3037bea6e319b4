import { strict as assert } from "node:assert";
import { AWS_IAM_ROLE_MODEL, AZURE_IAM_ROLE_MODEL, bootstrapSql } from "../../components/postgres/bootstrapSql";
import { MAJORS, postgresServer } from "../support/postgresServer";
import { azureLikeAdmin, runPsqlScript, type AzureDatabaseOwner, runTwiceIdempotently } from "../support/sqlFixtures";
import { migrateAs } from "../support/migrations";

const EXTENSIONS = ["btree_gin", "btree_gist", "citext", "ltree", "pg_trgm", "pgcrypto"];

for (const major of MAJORS) {
    describe(`Azure bootstrap SQL on real PostgreSQL ${major} (non-superuser Flexible-Server-like admin, Entra admin identity)`, function () {
        const cases: [string, AzureDatabaseOwner][] = [
            ["public", "azure_pg_admin"],
            ["langsmith_app", "azure_pg_admin"],
            ["public", "admin"],
            ["langsmith_app", "admin"],
        ];
        for (const [schema, owner] of cases) {
            it(`readies the database for the identity, is idempotent, lets it migrate (schema ${schema}, database owned by ${owner})`, async function () {
                const server = await postgresServer(major);
                const { admin, adminPassword, database, entraAdmin } = await azureLikeAdmin(server, owner);
                const sql = bootstrapSql({ model: AZURE_IAM_ROLE_MODEL, database, schema, iamUser: entraAdmin });

                await runTwiceIdempotently(server, { admin, adminPassword, database }, sql);

                const su = await server.superuser(database);
                try {
                    const member = await su.query("SELECT pg_has_role($1, $2, 'MEMBER') AS ok", [admin, entraAdmin]);
                    assert.equal(
                        member.rows[0].ok,
                        false,
                        "the password administrator must not have joined the Entra role",
                    );
                    const create = await su.query("SELECT has_database_privilege($1, $2, 'CREATE') AS ok", [
                        entraAdmin,
                        database,
                    ]);
                    assert.equal(create.rows[0].ok, true, "the identity needs CREATE on the database");
                    const exts = await su.query(
                        "SELECT e.extname, n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace",
                    );
                    for (const ext of EXTENSIONS) {
                        const row = exts.rows.find((r) => r.extname === ext);
                        assert.ok(row, `extension ${ext} missing`);
                        assert.equal(row.nspname, schema, `extension ${ext} is in the wrong schema`);
                    }
                } finally {
                    await su.end();
                }

                await migrateAs(server, entraAdmin, database, schema);
            });
        }

        it("stops with a clear message when Azure has not created the Entra administrator's role yet", async function () {
            const server = await postgresServer(major);
            const { admin, adminPassword, database, entraAdmin } = await azureLikeAdmin(server, "azure_pg_admin", {
                createEntraAdmin: false,
            });
            const sql = bootstrapSql({ model: AZURE_IAM_ROLE_MODEL, database, schema: "public", iamUser: entraAdmin });
            await assert.rejects(
                runPsqlScript(server, admin, adminPassword, database, sql),
                (err: Error & { stderr?: string }) => {
                    assert.match(String(err.stderr), /database role .* does not exist/);
                    return true;
                },
            );
        });

        if (major >= 16) {
            it("the ownership model (admin joins the IAM role) fails here: why Azure uses grants", async function () {
                const server = await postgresServer(major);
                const { admin, adminPassword, database, entraAdmin } = await azureLikeAdmin(server, "azure_pg_admin");
                const sql = bootstrapSql({
                    model: { ...AWS_IAM_ROLE_MODEL, cloud: "azure", roleCreation: "existing", iamGrantRole: undefined },
                    database,
                    schema: "public",
                    iamUser: entraAdmin,
                });
                await assert.rejects(
                    runPsqlScript(server, admin, adminPassword, database, sql),
                    /permission denied|must have admin option/,
                );
            });
        }
    });
}

describe("Azure bootstrap SQL generator", function () {
    it("refuses previousIamUser (REASSIGN OWNED would need membership in both roles)", function () {
        assert.throws(
            () =>
                bootstrapSql({
                    model: AZURE_IAM_ROLE_MODEL,
                    database: "d",
                    schema: "public",
                    iamUser: "a",
                    previousIamUser: "b",
                }),
            /previous IAM user is not supported/,
        );
    });
});

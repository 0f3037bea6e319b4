/**
 * The Azure bootstrap on real PostgreSQL 14 and 18, as the bootstrap's own managed identity (the
 * Entra administrator, non-superuser, shaped like Flexible Server's): the principal step in database
 * `postgres` creates the app identity as a normal principal through the stand-in
 * `pgaadauth_create_principal_with_oid`, then the owner-role script readies the LangSmith database.
 */
import { strict as assert } from "node:assert";
import {
    AWS_IAM_ROLE_MODEL,
    AZURE_IAM_ROLE_MODEL,
    bootstrapSql,
    entraPrincipalSql,
    ownerRoleName,
} from "../../components/postgres/bootstrapSql";
import { MAJORS, postgresServer, type TestServer } from "../support/postgresServer";
import {
    azureLikeAdmin,
    azurePrincipals,
    catalogSnapshot,
    runPsqlScript,
    type AzureAdminFixture,
} from "../support/sqlFixtures";
import { assertLangSmithExtensions, migrateAs } from "../support/migrations";

/** Both steps, as the Job runs them: the principal in `postgres`, then the database script. */
async function runAzureBootstrap(server: TestServer, fx: AzureAdminFixture, sql: string): Promise<void> {
    const principal = entraPrincipalSql({ roleName: fx.appRole, objectId: fx.appObjectId });
    await runPsqlScript(server, fx.admin, fx.adminPassword, "postgres", principal);
    await runPsqlScript(server, fx.admin, fx.adminPassword, fx.database, sql);
}

for (const major of MAJORS) {
    describe(`Azure bootstrap SQL on real PostgreSQL ${major} (bootstrap identity as Entra administrator, app as a normal principal)`, function () {
        for (const schema of ["public", "langsmith_app"]) {
            it(`creates the app principal, readies the database, is idempotent, lets it migrate (schema ${schema})`, async function () {
                const server = await postgresServer(major);
                const fx = await azureLikeAdmin(server);
                const sql = bootstrapSql({
                    model: AZURE_IAM_ROLE_MODEL,
                    database: fx.database,
                    schema,
                    iamUser: fx.appRole,
                });

                await runAzureBootstrap(server, fx, sql);
                const afterFirst = await catalogSnapshot(server, fx.database);
                await runAzureBootstrap(server, fx, sql);
                assert.equal(
                    await catalogSnapshot(server, fx.database),
                    afterFirst,
                    "the second run changed the catalog",
                );

                assert.equal(
                    (await azurePrincipals(server))[fx.appRole],
                    `service:${fx.appObjectId}`,
                    "the app role must be mapped to the identity's object id as a service principal",
                );
                const owner = ownerRoleName(fx.database);
                const su = await server.superuser(fx.database);
                try {
                    const roles = await su.query(
                        `SELECT pg_has_role($1, 'azure_pg_admin', 'MEMBER') AS admin, r.rolcreaterole, r.rolcreatedb, r.rolsuper,
                                pg_has_role($2, $1, 'MEMBER') AS admin_joined_app, pg_has_role($1, $3, 'USAGE') AS acts_as_owner,
                                (SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = $4) AS db_owner
                           FROM pg_roles r WHERE r.rolname = $1`,
                        [fx.appRole, fx.admin, owner, fx.database],
                    );
                    const r = roles.rows[0];
                    assert.equal(r.admin, false, "the app identity must not be in azure_pg_admin");
                    assert.equal(
                        r.rolcreaterole || r.rolcreatedb || r.rolsuper,
                        false,
                        "the app identity must hold no server-wide attribute",
                    );
                    assert.equal(r.admin_joined_app, false, "the administrator must not have joined the app's role");
                    assert.equal(r.acts_as_owner, true, "the app identity must act with the owner role's privileges");
                    assert.equal(r.db_owner, owner);
                    await assertLangSmithExtensions(su, schema === "public" ? undefined : schema);
                } finally {
                    await su.end();
                }
                await migrateAs(server, fx.appRole, fx.database, schema);
            });
        }

        it("the principal function exists only in database postgres: the principal step runs there", async function () {
            const server = await postgresServer(major);
            const fx = await azureLikeAdmin(server);
            const principal = entraPrincipalSql({ roleName: fx.appRole, objectId: fx.appObjectId });
            await assert.rejects(
                runPsqlScript(server, fx.admin, fx.adminPassword, fx.database, principal),
                (err: Error & { stderr?: string }) => {
                    assert.match(String(err.stderr), /function pgaadauth_create_principal_with_oid.* does not exist/);
                    return true;
                },
            );
        });

        it("stops with a clear message when the principal step has not run", async function () {
            const server = await postgresServer(major);
            const fx = await azureLikeAdmin(server);
            const sql = bootstrapSql({
                model: AZURE_IAM_ROLE_MODEL,
                database: fx.database,
                schema: "public",
                iamUser: fx.appRole,
            });
            await assert.rejects(
                runPsqlScript(server, fx.admin, fx.adminPassword, fx.database, sql),
                (err: Error & { stderr?: string }) => {
                    assert.match(String(err.stderr), /database role .* does not exist/);
                    return true;
                },
            );
        });

        if (major >= 16) {
            it("the ownership model (admin joins the app's role) fails here: why Azure uses the owner role", async function () {
                const server = await postgresServer(major);
                const fx = await azureLikeAdmin(server);
                await runPsqlScript(
                    server,
                    fx.admin,
                    fx.adminPassword,
                    "postgres",
                    entraPrincipalSql({ roleName: fx.appRole, objectId: fx.appObjectId }),
                );
                const sql = bootstrapSql({
                    model: { ...AWS_IAM_ROLE_MODEL, cloud: "azure", roleCreation: "existing", iamGrantRole: undefined },
                    database: fx.database,
                    schema: "public",
                    iamUser: fx.appRole,
                });
                await assert.rejects(
                    runPsqlScript(server, fx.admin, fx.adminPassword, fx.database, sql),
                    /permission denied|must have admin option/,
                );
            });
        }
    });
}

describe("Azure principal SQL generator", function () {
    it("calls the documented function with a service principal, not an administrator, without MFA", function () {
        const sql = entraPrincipalSql({ roleName: "langsmith", objectId: "0A1B2C3D-0000-4000-8000-000000000001" });
        assert.match(
            sql,
            /pgaadauth_create_principal_with_oid\('langsmith', '0a1b2c3d-0000-4000-8000-000000000001', 'service', false, false\)/,
        );
    });
    it("refuses an object id that is not a GUID", function () {
        assert.throws(
            () => entraPrincipalSql({ roleName: "x", objectId: "1'); DROP ROLE x; --" }),
            /not an Entra object id/,
        );
    });
    it("refuses dropPreviousIamUser: the cloud deletes the principal", function () {
        assert.throws(
            () =>
                bootstrapSql({
                    model: AZURE_IAM_ROLE_MODEL,
                    database: "d",
                    schema: "public",
                    iamUser: "a",
                    previousIamUser: "b",
                    dropPreviousIamUser: true,
                }),
            /dropping the previous IAM user is the cloud's job/,
        );
    });
});

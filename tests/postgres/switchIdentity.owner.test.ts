/**
 * Switching identities (`postgres.previousIamUser`) on the clouds whose IAM roles the cloud creates
 * (Cloud SQL, Azure Entra principals): the bootstrap user holds no ADMIN OPTION on them on
 * PostgreSQL 16+, so no REASSIGN OWNED. Everything the old identity created belongs to the owner
 * role (sessions start as it), so the switch grants the owner role to the new identity and revokes
 * it from the old one: the new identity sees every row and keeps migrating; the old one sees nothing.
 */
import { strict as assert } from "node:assert";
import { escapeIdentifier as ident } from "pg";
import {
    AZURE_IAM_ROLE_MODEL,
    bootstrapSql,
    entraPrincipalSql,
    GCP_IAM_ROLE_MODEL,
    ownerRoleName,
    type IamRoleModel,
} from "../../components/postgres/bootstrapSql";
import { MAJORS, postgresServer, type TestServer } from "../support/postgresServer";
import {
    azureLikeAdmin,
    catalogSnapshot,
    cloudSqlIamUser,
    cloudSqlLikeAdmin,
    connectAs,
    givePassword,
    runPsqlScript,
    uniqueName,
    type AdminFixture,
} from "../support/sqlFixtures";
import { createAsOldUser, migrateFurther, ownedBy, rowCounts } from "../support/switchFixtures";

/** One cloud's shape: its fixture, and how the cloud creates a new identity's role. */
interface CloudCase {
    cloud: string;
    model: IamRoleModel;
    setUp: (server: TestServer) => Promise<{ fx: AdminFixture; oldUser: string; newUser: () => Promise<string> }>;
}

const CLOUDS: CloudCase[] = [
    {
        cloud: "gcp",
        model: GCP_IAM_ROLE_MODEL,
        setUp: async (server) => {
            const fx = await cloudSqlLikeAdmin(server);
            return { fx, oldUser: fx.iamUser, newUser: () => cloudSqlIamUser(server, "langsmith-next") };
        },
    },
    {
        cloud: "azure",
        model: AZURE_IAM_ROLE_MODEL,
        setUp: async (server) => {
            const fx = await azureLikeAdmin(server);
            const principal = async (roleName: string, objectId: string) => {
                await runPsqlScript(
                    server,
                    fx.admin,
                    fx.adminPassword,
                    "postgres",
                    entraPrincipalSql({ roleName, objectId }),
                );
                return roleName;
            };
            await principal(fx.appRole, fx.appObjectId);
            return {
                fx,
                oldUser: fx.appRole,
                newUser: () => principal(uniqueName("LangSmith-Next"), fx.appObjectId.replace(/^0/, "1")),
            };
        },
    },
];

for (const major of MAJORS) {
    for (const { cloud, model, setUp } of CLOUDS) {
        describe(`Switching identities on ${cloud}, real PostgreSQL ${major} (cloud-created roles, owner-role model)`, function () {
            for (const schema of ["langsmith_app", "public"]) {
                it(`the new identity gets every object and row, the old one loses access, idempotently (schema ${schema})`, async function () {
                    const server = await postgresServer(major);
                    const { fx, oldUser, newUser } = await setUp(server);
                    const { admin, adminPassword, database } = fx;
                    const owner = ownerRoleName(database);

                    await runPsqlScript(
                        server,
                        admin,
                        adminPassword,
                        database,
                        bootstrapSql({ model, database, schema, iamUser: oldUser }),
                    );
                    await givePassword(server, oldUser, "fixture-old-token");
                    const old = await connectAs(server, oldUser, "fixture-old-token", database);
                    let before: Record<string, number>;
                    try {
                        await createAsOldUser(old, schema);
                        before = await rowCounts(old, schema);
                    } finally {
                        await old.end();
                    }
                    assert.deepEqual(
                        await ownedBy(server, database, oldUser),
                        [],
                        "the old identity must own nothing itself",
                    );
                    const ownerObjects = await ownedBy(server, database, owner);
                    for (const expected of [
                        "schema old_owned",
                        `relation r ${schema}.tenants`,
                        `function ${schema}.tenant_count`,
                    ])
                        assert.ok(
                            ownerObjects.includes(expected),
                            `the owner role should own ${expected}; owns ${ownerObjects.join(", ")}`,
                        );

                    const next = await newUser();
                    const sql = bootstrapSql({ model, database, schema, iamUser: next, previousIamUser: oldUser });
                    await runPsqlScript(server, admin, adminPassword, database, sql);
                    const afterFirst = await catalogSnapshot(server, database);
                    await runPsqlScript(server, admin, adminPassword, database, sql);
                    assert.equal(
                        await catalogSnapshot(server, database),
                        afterFirst,
                        "the second run changed the catalog",
                    );

                    await givePassword(server, next, "fixture-new-token");
                    const app = await connectAs(server, next, "fixture-new-token", database);
                    try {
                        assert.deepEqual(await rowCounts(app, schema), before, "rows were lost in the switch");
                        await migrateFurther(app, schema);
                    } finally {
                        await app.end();
                    }

                    const gone = await connectAs(server, oldUser, "fixture-old-token", database);
                    try {
                        assert.equal(
                            (await gone.query("SELECT current_user AS u")).rows[0].u,
                            oldUser,
                            "the old identity no longer acts as the owner role",
                        );
                        await assert.rejects(
                            gone.query(`SELECT count(*) FROM ${ident(schema)}.tenants`),
                            /permission denied/,
                        );
                    } finally {
                        await gone.end();
                    }
                });
            }

            it("stops with what to run when the previous identity still owns objects itself", async function () {
                const server = await postgresServer(major);
                const { fx, oldUser, newUser } = await setUp(server);
                const { admin, adminPassword, database } = fx;
                await runPsqlScript(
                    server,
                    admin,
                    adminPassword,
                    database,
                    bootstrapSql({ model, database, schema: "public", iamUser: oldUser }),
                );
                await givePassword(server, oldUser, "fixture-old-token");
                const old = await connectAs(server, oldUser, "fixture-old-token", database);
                try {
                    // A stack from before the owner role: the identity created objects as itself.
                    await old.query("SET ROLE NONE");
                    await old.query("CREATE TABLE own_table (id int)");
                } finally {
                    await old.end();
                }
                const sql = bootstrapSql({
                    model,
                    database,
                    schema: "public",
                    iamUser: await newUser(),
                    previousIamUser: oldUser,
                });
                await assert.rejects(
                    runPsqlScript(server, admin, adminPassword, database, sql),
                    (err: Error & { stderr?: string }) => {
                        assert.match(
                            String(err.stderr),
                            /still owns objects in database .*REASSIGN OWNED BY CURRENT_USER TO/,
                        );
                        return true;
                    },
                );
            });
        });
    }
}

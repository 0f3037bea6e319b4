/**
 * The agent features' databases on real PostgreSQL 14 and 18, under each cloud's privilege model
 * (a non-superuser administrator shaped like RDS's master user, Cloud SQL's bootstrap IAM user in
 * `cloudsqlsuperuser`, Azure's Entra administrator): the Job's steps in the Job's order (Azure's
 * principal in `postgres`, the databases created outside a transaction, each agent database's script
 * in that database, the main script last), twice, then migration-like DDL as the identity in every
 * agent database.
 */
import { strict as assert } from "node:assert";
import type { Client } from "pg";
import {
    AWS_IAM_ROLE_MODEL,
    AZURE_IAM_ROLE_MODEL,
    bootstrapSql,
    createDatabasesSql,
    entraPrincipalSql,
    GCP_IAM_ROLE_MODEL,
    ownerRoleName,
    type IamRoleModel,
} from "../../components/postgres/bootstrapSql";
import { AgentFeature, agentDatabaseName } from "../../components/langsmith/agents";
import { MAJORS, postgresServer, type TestServer } from "../support/postgresServer";
import {
    azureLikeAdmin,
    catalogSnapshot,
    cloudSqlLikeAdmin,
    connectAs,
    givePassword,
    rdsLikeAdmin,
    runPsqlScript,
    uniqueName,
} from "../support/sqlFixtures";

interface CloudCase {
    model: IamRoleModel;
    /** The administrator, the main database, the identity's role and SQL to run first in `postgres`. */
    fixture: (server: TestServer) => Promise<{
        admin: string;
        adminPassword: string;
        database: string;
        iamUser: string;
        principalSql?: string;
    }>;
}

const CLOUDS: CloudCase[] = [
    {
        model: AWS_IAM_ROLE_MODEL,
        fixture: async (server) => ({ ...(await rdsLikeAdmin(server)), iamUser: uniqueName("LangSmith.app@x") }),
    },
    { model: GCP_IAM_ROLE_MODEL, fixture: (server) => cloudSqlLikeAdmin(server) },
    {
        model: AZURE_IAM_ROLE_MODEL,
        fixture: async (server) => {
            const fx = await azureLikeAdmin(server);
            return {
                ...fx,
                iamUser: fx.appRole,
                principalSql: entraPrincipalSql({ roleName: fx.appRole, objectId: fx.appObjectId }),
            };
        },
    },
];

/** What a LangGraph server's migrations do in its own database, as the identity. */
async function agentMigrationLikeDdl(app: Client): Promise<void> {
    await app.query(`CREATE TABLE assistant (
        assistant_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        graph_id text NOT NULL,
        config jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now())`);
    await app.query("CREATE INDEX assistant_graph_id_idx ON assistant (graph_id)");
    await app.query("CREATE INDEX assistant_config_idx ON assistant USING gin (config)");
    await app.query("ALTER TABLE assistant ADD COLUMN name text");
    await app.query("CREATE SCHEMA IF NOT EXISTS store");
    await app.query("CREATE TABLE store.item (prefix text, key text, value jsonb, PRIMARY KEY (prefix, key))");
    await app.query("INSERT INTO assistant (graph_id, config) VALUES ('insights', '{\"k\": 1}')");
    const found = await app.query("SELECT count(*)::int AS n FROM assistant WHERE config @> '{\"k\": 1}'");
    assert.equal(found.rows[0].n, 1);
    await app.query("DROP TABLE store.item");
}

for (const major of MAJORS) {
    for (const cloud of CLOUDS) {
        describe(`agent databases on real PostgreSQL ${major} (${cloud.model.cloud} privilege model)`, function () {
            it("creates each agent database, hands it to the identity, is idempotent, lets the identity migrate", async function () {
                const server = await postgresServer(major);
                const fx = await cloud.fixture(server);
                const agents = [AgentFeature.Insights, AgentFeature.Polly, AgentFeature.Fleet].map((f) =>
                    agentDatabaseName(fx.database, f),
                );
                const sqlFor = (database: string, extensions?: string[]) =>
                    bootstrapSql({ model: cloud.model, database, schema: "public", iamUser: fx.iamUser, extensions });
                const run = (database: string, sql: string, oneTransaction = true) =>
                    runPsqlScript(server, fx.admin, fx.adminPassword, database, sql, oneTransaction);
                // The Job's order: principal, databases (no transaction), each agent's script, the main script.
                const runJob = async (dbs: string[]) => {
                    if (fx.principalSql) await run("postgres", fx.principalSql);
                    await run(fx.database, createDatabasesSql(dbs), false);
                    for (const db of dbs) await run(db, sqlFor(db, []));
                    await run(fx.database, sqlFor(fx.database));
                };
                const snapshots = async () =>
                    Promise.all([fx.database, ...agents].map((db) => catalogSnapshot(server, db)));

                // First deploy with two features; a later deploy turns the third on (its database is created
                // in a session that, on GCP and Azure, starts as the main database's owner role); then again.
                await runJob(agents.slice(0, 2));
                await runJob(agents);
                const afterSecond = await snapshots();
                await runJob(agents);
                assert.deepEqual(await snapshots(), afterSecond, "the third run changed the catalog");

                const byOwnerRole = cloud.model.ownership === "ownerRole";
                const su = await server.superuser();
                try {
                    for (const db of agents) {
                        const row = (
                            await su.query(
                                "SELECT pg_get_userbyid(datdba) AS owner, has_database_privilege($2, datname, 'CREATE') AS can_create FROM pg_database WHERE datname = $1",
                                [db, fx.iamUser],
                            )
                        ).rows[0];
                        assert.ok(row, `database ${db} was not created`);
                        assert.equal(row.owner, byOwnerRole ? ownerRoleName(db) : fx.iamUser, `owner of ${db}`);
                        assert.equal(row.can_create, true, `the identity must be able to create schemas in ${db}`);
                    }
                    const admin = (await su.query("SELECT rolsuper FROM pg_roles WHERE rolname = $1", [fx.admin]))
                        .rows[0];
                    assert.equal(admin.rolsuper, false, "the administrator is not a superuser");
                } finally {
                    await su.end();
                }

                await givePassword(server, fx.iamUser, "fixture-token-stand-in");
                for (const db of agents) {
                    const app = await connectAs(server, fx.iamUser, "fixture-token-stand-in", db);
                    try {
                        await agentMigrationLikeDdl(app);
                        const who = await app.query("SELECT current_user AS u");
                        assert.equal(who.rows[0].u, byOwnerRole ? ownerRoleName(db) : fx.iamUser);
                    } finally {
                        await app.end();
                    }
                }
            });
        });
    }
}

describe("createDatabasesSql", function () {
    it("creates only missing databases, quoting names, outside any DO block", function () {
        const sql = createDatabasesSql(["langsmith_insights", 'odd"name']);
        assert.match(sql, /^SET ROLE NONE;$/m);
        assert.equal((sql.match(/\\gexec/g) ?? []).length, 2);
        assert.ok(!/\bDO\b/.test(sql), "CREATE DATABASE cannot run in a DO block");
        assert.match(sql, /WHERE NOT EXISTS \(SELECT FROM pg_catalog\.pg_database WHERE datname = 'odd"name'\)/);
    });
});

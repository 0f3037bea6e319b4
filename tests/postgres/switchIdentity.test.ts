/**
 * Switching identities (`postgres.previousIamUser`): everything the old IAM user created — tables,
 * sequences, views, functions, a schema — and every row it wrote move to the new IAM user, run by
 * the project's real bootstrap SQL as the non-superuser RDS-like master, on PostgreSQL 14 and 18.
 */
import { strict as assert } from "node:assert";
import type { Client } from "pg";
import { escapeIdentifier as ident } from "pg";
import { AWS_IAM_ROLE_MODEL, bootstrapSql } from "../../components/postgres/bootstrapSql";
import { MAJORS, postgresServer, type TestServer } from "../support/postgresServer";
import {
    catalogSnapshot,
    connectAs,
    givePassword,
    rdsLikeAdmin,
    runPsqlScript,
    uniqueName,
} from "../support/sqlFixtures";
import { runMigrationLikeDdl } from "../support/migrations";

/** Objects (kind + qualified name) a role owns in `database`, plus the database itself if it owns it. */
async function ownedBy(server: TestServer, database: string, role: string): Promise<string[]> {
    const su = await server.superuser(database);
    try {
        const rows = await su.query(
            `SELECT 'relation ' || c.relkind::text || ' ' || n.nspname || '.' || c.relname AS o FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_roles r ON r.oid = c.relowner WHERE r.rolname = $1
             UNION ALL SELECT 'function ' || n.nspname || '.' || p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace JOIN pg_roles r ON r.oid = p.proowner WHERE r.rolname = $1
             UNION ALL SELECT 'schema ' || n.nspname FROM pg_namespace n JOIN pg_roles r ON r.oid = n.nspowner WHERE r.rolname = $1
             UNION ALL SELECT 'type ' || n.nspname || '.' || t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_roles r ON r.oid = t.typowner WHERE r.rolname = $1 AND t.typrelid = 0 AND t.typelem = 0
             UNION ALL SELECT 'database ' || d.datname FROM pg_database d JOIN pg_roles r ON r.oid = d.datdba WHERE r.rolname = $1
             ORDER BY 1`,
            [role],
        );
        return rows.rows.map((r) => r.o as string);
    } finally {
        await su.end();
    }
}

async function roleExists(server: TestServer, role: string): Promise<boolean> {
    const su = await server.superuser();
    try {
        return (await su.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [role])).rowCount === 1;
    } finally {
        await su.end();
    }
}

/** What the old identity's migrations left behind: every object kind, with rows. */
async function createAsOldUser(app: Client, schema: string): Promise<void> {
    const s = ident(schema);
    await runMigrationLikeDdl(app, schema); // tenants (+ indexes, 2 rows), schema migration_probe
    await app.query("CREATE SCHEMA old_owned");
    await app.query("CREATE TABLE old_owned.runs (id bigserial PRIMARY KEY, tenant uuid NOT NULL, name text NOT NULL)");
    await app.query(`INSERT INTO old_owned.runs (tenant, name) SELECT id, 'run-' || handle FROM ${s}.tenants`);
    await app.query(`CREATE SEQUENCE ${s}.ticket_seq START 100`);
    await app.query(`SELECT nextval('${schema}.ticket_seq')`);
    await app.query(`CREATE VIEW ${s}.tenant_names AS SELECT handle::text AS name FROM ${s}.tenants`);
    await app.query(
        `CREATE FUNCTION ${s}.tenant_count() RETURNS bigint LANGUAGE sql STABLE AS 'SELECT count(*) FROM ${schema}.tenants'`,
    );
    await app.query(`CREATE TYPE ${s}.run_state AS ENUM ('pending', 'done')`);
    await app.query("INSERT INTO migration_probe.t DEFAULT VALUES");
}

/** Row counts of everything the old user wrote. */
async function rowCounts(app: Client, schema: string): Promise<Record<string, number>> {
    const s = ident(schema);
    const one = async (sql: string) => Number((await app.query(sql)).rows[0].n);
    return {
        tenants: await one(`SELECT count(*) AS n FROM ${s}.tenants`),
        runs: await one("SELECT count(*) AS n FROM old_owned.runs"),
        probe: await one("SELECT count(*) AS n FROM migration_probe.t"),
        view: await one(`SELECT count(*) AS n FROM ${s}.tenant_names`),
        fn: await one(`SELECT ${s}.tenant_count() AS n`),
    };
}

/** The kind of DDL a later LangSmith migration runs on tables it created earlier. */
async function migrateFurther(app: Client, schema: string): Promise<void> {
    const s = ident(schema);
    await app.query(`ALTER TABLE ${s}.tenants ADD COLUMN state ${s}.run_state NOT NULL DEFAULT 'pending'`);
    await app.query(`CREATE INDEX tenants_state ON ${s}.tenants (state)`);
    await app.query(`CREATE INDEX tenants_handle_trgm2 ON ${s}.tenants USING gin (handle gin_trgm_ops)`);
    await app.query(`ALTER TABLE old_owned.runs ADD COLUMN done boolean NOT NULL DEFAULT false`);
    await app.query("CREATE INDEX runs_tenant ON old_owned.runs (tenant)");
    await app.query(`INSERT INTO old_owned.runs (tenant, name) SELECT id, 'new-run' FROM ${s}.tenants LIMIT 1`);
    await app.query(`ALTER SEQUENCE ${s}.ticket_seq RESTART 500`);
    assert.equal(Number((await app.query(`SELECT nextval('${schema}.ticket_seq') AS n`)).rows[0].n), 500);
    await app.query(`CREATE OR REPLACE VIEW ${s}.tenant_names AS SELECT handle::text AS name, state FROM ${s}.tenants`);
    await app.query(
        `CREATE OR REPLACE FUNCTION ${s}.tenant_count() RETURNS bigint LANGUAGE sql STABLE AS 'SELECT count(*) + 0 FROM ${schema}.tenants'`,
    );
    await app.query("ALTER SCHEMA old_owned RENAME TO runs_schema");
    await app.query("CREATE TABLE runs_schema.more (id int)");
    await app.query("DROP TABLE migration_probe.t");
}

for (const major of MAJORS) {
    describe(`Switching IAM identities on real PostgreSQL ${major} (non-superuser RDS-like master)`, function () {
        const cases = [
            { dropPrevious: false, schema: "langsmith_app" },
            { dropPrevious: true, schema: "public" },
        ];
        for (const { dropPrevious, schema } of cases) {
            it(`moves the old user's objects and rows to the new user, ${dropPrevious ? "drops" : "keeps"} the old user, idempotently (schema ${schema})`, async function () {
                const server = await postgresServer(major);
                const { admin, adminPassword, database } = await rdsLikeAdmin(server);

                // The old identity, created by an earlier bootstrap, runs its migrations and writes rows.
                const oldUser = uniqueName("Old.IAM-user@x");
                await runPsqlScript(
                    server,
                    admin,
                    adminPassword,
                    database,
                    bootstrapSql({ model: AWS_IAM_ROLE_MODEL, database, schema, iamUser: oldUser }),
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
                const oldObjects = await ownedBy(server, database, oldUser);
                for (const expected of [
                    "schema old_owned",
                    "schema migration_probe",
                    `database ${database}`,
                    `relation v ${schema}.tenant_names`,
                    `relation S ${schema}.ticket_seq`,
                    `function ${schema}.tenant_count`,
                    `type ${schema}.run_state`,
                ]) {
                    assert.ok(
                        oldObjects.includes(expected),
                        `fixture: the old user should own ${expected}; owns ${oldObjects.join(", ")}`,
                    );
                }

                // The switch, run twice like every deploy: the second run changes nothing.
                const newUser = uniqueName("New.IAM-user@x");
                const sql = bootstrapSql({
                    model: AWS_IAM_ROLE_MODEL,
                    database,
                    schema,
                    iamUser: newUser,
                    previousIamUser: oldUser,
                    dropPreviousIamUser: dropPrevious,
                });
                await runPsqlScript(server, admin, adminPassword, database, sql);
                const afterFirst = [
                    await catalogSnapshot(server, database),
                    ...(await ownedBy(server, database, newUser)),
                ].join("\n");
                await runPsqlScript(server, admin, adminPassword, database, sql);
                const afterSecond = [
                    await catalogSnapshot(server, database),
                    ...(await ownedBy(server, database, newUser)),
                ].join("\n");
                assert.equal(afterSecond, afterFirst, "the second run changed the catalog");

                // Ownership moved, object by object; the old user owns nothing (or is gone).
                const newObjects = await ownedBy(server, database, newUser);
                for (const o of oldObjects) assert.ok(newObjects.includes(o), `${o} did not move to the new user`);
                assert.equal(
                    await roleExists(server, oldUser),
                    !dropPrevious,
                    dropPrevious ? "the old user should be dropped" : "the old user should be kept",
                );
                if (!dropPrevious)
                    assert.deepEqual(await ownedBy(server, database, oldUser), [], "the old user still owns objects");

                // The new identity sees every row and can keep migrating.
                await givePassword(server, newUser, "fixture-new-token");
                const app = await connectAs(server, newUser, "fixture-new-token", database);
                try {
                    assert.deepEqual(await rowCounts(app, schema), before, "rows were lost in the switch");
                    await migrateFurther(app, schema);
                    const runs = await app.query("SELECT count(*)::int AS n FROM runs_schema.runs");
                    assert.equal(runs.rows[0].n, before.runs + 1);
                } finally {
                    await app.end();
                }
            });
        }
    });
}

/**
 * What an identity switch must keep: the objects and rows an old IAM user's migrations created,
 * read back and migrated further by the new one (shared by the per-cloud switch tests).
 */
import { strict as assert } from "node:assert";
import type { Client } from "pg";
import { escapeIdentifier as ident } from "pg";
import type { TestServer } from "./postgresServer";
import { runMigrationLikeDdl } from "./migrations";

/** Objects (kind + qualified name) a role owns in `database`, plus the database itself if it owns it. */
export async function ownedBy(server: TestServer, database: string, role: string): Promise<string[]> {
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

export async function roleExists(server: TestServer, role: string): Promise<boolean> {
    const su = await server.superuser();
    try {
        return (await su.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [role])).rowCount === 1;
    } finally {
        await su.end();
    }
}

/** What the old identity's migrations left behind: every object kind, with rows. */
export async function createAsOldUser(app: Client, schema: string): Promise<void> {
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
export async function rowCounts(app: Client, schema: string): Promise<Record<string, number>> {
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
export async function migrateFurther(app: Client, schema: string): Promise<void> {
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

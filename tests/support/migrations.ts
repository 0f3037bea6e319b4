import { strict as assert } from "node:assert";
import { Client, escapeIdentifier as ident } from "pg";
import { LANGSMITH_EXTENSIONS } from "../../components/postgres/bootstrapSql";
import type { TestServer } from "./postgresServer";
import { connectAs, givePassword } from "./sqlFixtures";

/** Logs in as `role` (a password stands in for the cloud's token) and runs the migration-like DDL. */
export async function migrateAs(server: TestServer, role: string, database: string, schema: string): Promise<void> {
    await givePassword(server, role, "fixture-token-stand-in");
    const app = await connectAs(server, role, "fixture-token-stand-in", database);
    try {
        await runMigrationLikeDdl(app, schema);
    } finally {
        await app.end();
    }
}

/** Every extension LangSmith uses exists in the database the client is connected to (in `schema` when given). */
export async function assertLangSmithExtensions(client: Client, schema?: string): Promise<void> {
    const rows = (
        await client.query(
            "SELECT extname, n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace",
        )
    ).rows as { extname: string; nspname: string }[];
    for (const ext of LANGSMITH_EXTENSIONS) {
        const row = rows.find((r) => r.extname === ext);
        assert.ok(row, `extension ${ext} missing`);
        if (schema) assert.equal(row.nspname, schema, `extension ${ext} is in the wrong schema`);
    }
}

/**
 * What LangSmith's migrations do, run as the IAM user: a new schema, tables in LangSmith's schema
 * using every extension type (citext, ltree, gen_random_uuid from pgcrypto), a GIN index with
 * btree_gin and one with pg_trgm, a GiST index with btree_gist, then writes and reads rows.
 */
export async function runMigrationLikeDdl(app: Client, schema: string): Promise<void> {
    const s = ident(schema);
    const search = await app.query("SELECT current_schema() AS s");
    assert.equal(search.rows[0].s, schema, "the IAM user's sessions must start in LangSmith's schema");
    await app.query("CREATE SCHEMA IF NOT EXISTS migration_probe");
    await app.query(`CREATE TABLE ${s}.tenants (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        handle citext NOT NULL UNIQUE,
        path ltree NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        score int NOT NULL DEFAULT 0)`);
    await app.query(`CREATE INDEX tenants_handle_trgm ON ${s}.tenants USING gin (handle gin_trgm_ops)`);
    await app.query(`CREATE INDEX tenants_score_gin ON ${s}.tenants USING gin (score, created_at)`);
    await app.query(`CREATE INDEX tenants_path_gist ON ${s}.tenants USING gist (path)`);
    await app.query(`CREATE INDEX tenants_score_btree_gist ON ${s}.tenants USING gist (score)`);
    await app.query(`ALTER TABLE ${s}.tenants ADD COLUMN note text`);
    await app.query(
        `INSERT INTO ${s}.tenants (handle, path) VALUES ('Acme', 'top.acme'), ('acme-labs', 'top.acme.labs')`,
    );
    const found = await app.query(
        `SELECT count(*)::int AS n FROM ${s}.tenants WHERE handle = 'ACME' AND path <@ 'top'`,
    );
    assert.equal(found.rows[0].n, 1, "citext/ltree must behave as the extensions define");
    await app.query("CREATE TABLE migration_probe.t (id bigserial PRIMARY KEY)");
}

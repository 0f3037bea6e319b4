/**
 * Test-only stand-ins for the clouds' privilege models. The bootstrap SQL under test is the
 * project's real SQL, run by the real `psql` as a NON-superuser administrator shaped like the
 * cloud's: a superuser would hide exactly the failures users meet.
 */
import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Client, escapeIdentifier as ident, escapeLiteral as literal } from "pg";
import type { TestServer } from "./postgresServer";

const run = promisify(execFile);

/** Per-test unique suffix: roles are cluster-wide, so each test uses its own names. */
let counter = 0;
export function uniqueName(prefix: string): string {
    counter += 1;
    return `${prefix}_${process.pid}_${counter}`;
}

/** Connects as `user` with a password over TLS (CA verified). */
export async function connectAs(server: TestServer, user: string, password: string, database: string): Promise<Client> {
    const client = new Client({
        host: server.host,
        port: server.port,
        user,
        password,
        database,
        ssl: { ca: fs.readFileSync(server.tls.caCert, "utf8"), servername: "localhost" },
    });
    await client.connect();
    return client;
}

/** Runs a SQL script with the real psql exactly as the bootstrap Job does. */
export async function runPsqlScript(
    server: TestServer,
    user: string,
    password: string,
    database: string,
    sql: string,
    oneTransaction = true,
): Promise<{ stdout: string; stderr: string }> {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ls-sql-")), "bootstrap.sql");
    fs.writeFileSync(file, sql);
    const transaction = oneTransaction ? ["--single-transaction"] : [];
    return run("psql", ["-X", "-v", "ON_ERROR_STOP=1", ...transaction, "-f", file], {
        env: {
            ...process.env,
            PGHOST: server.host,
            PGPORT: String(server.port),
            PGUSER: user,
            PGPASSWORD: password,
            PGDATABASE: database,
            PGSSLMODE: "verify-full",
            PGSSLROOTCERT: server.tls.caCert,
            PGCONNECT_TIMEOUT: "5",
        },
    });
}

export interface AdminFixture {
    admin: string;
    adminPassword: string;
    database: string;
}

const FIXTURE_ADMIN_PASSWORD = "fixture-admin-pw";

/** A non-superuser admin shaped like the clouds' own: LOGIN, CREATEROLE, CREATEDB, member of the cloud's admin role. */
async function createCloudAdmin(
    su: Client,
    prefix: string,
    memberOf: string,
): Promise<{ admin: string; adminPassword: string }> {
    const admin = uniqueName(prefix);
    await su.query(
        `CREATE ROLE ${ident(admin)} LOGIN CREATEROLE CREATEDB PASSWORD ${literal(FIXTURE_ADMIN_PASSWORD)} IN ROLE ${ident(memberOf)}`,
    );
    return { admin, adminPassword: FIXTURE_ADMIN_PASSWORD };
}

/**
 * The RDS model: roles `rds_superuser` and `rds_iam` (stand-ins, created once per server), and a
 * master user with LOGIN, CREATEROLE, CREATEDB, member of `rds_superuser` (which may grant
 * `rds_iam`), who created and owns the LangSmith database — what RDS does for `dbName`.
 */
export async function rdsLikeAdmin(server: TestServer): Promise<AdminFixture> {
    const su = await server.superuser();
    try {
        await su.query(`DO $$ BEGIN
            IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'rds_superuser') THEN CREATE ROLE rds_superuser NOLOGIN; END IF;
            IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'rds_iam') THEN CREATE ROLE rds_iam NOLOGIN; END IF;
        END $$`);
        await su.query("GRANT rds_iam TO rds_superuser WITH ADMIN OPTION");
        const { admin, adminPassword } = await createCloudAdmin(su, "rdsadmin", "rds_superuser");
        const database = uniqueName("langsmith");
        const adminClient = await connectAs(server, admin, adminPassword, "postgres");
        try {
            await adminClient.query(`CREATE DATABASE ${ident(database)}`);
        } finally {
            await adminClient.end();
        }
        return { admin, adminPassword, database };
    } finally {
        await su.end();
    }
}

/** In the cloud a token is the IAM user's password; in the test the superuser sets a real one. */
export async function givePassword(server: TestServer, role: string, password: string): Promise<void> {
    const su = await server.superuser();
    try {
        await su.query(`ALTER ROLE ${ident(role)} PASSWORD ${literal(password)}`);
    } finally {
        await su.end();
    }
}

/** Runs the bootstrap twice as the admin, the way every deploy would, and asserts the second run changed nothing. */
export async function runTwiceIdempotently(server: TestServer, fixture: AdminFixture, sql: string): Promise<void> {
    await runPsqlScript(server, fixture.admin, fixture.adminPassword, fixture.database, sql);
    const afterFirst = await catalogSnapshot(server, fixture.database);
    await runPsqlScript(server, fixture.admin, fixture.adminPassword, fixture.database, sql);
    assert.equal(await catalogSnapshot(server, fixture.database), afterFirst, "the second run changed the catalog");
}

/**
 * A snapshot of everything the bootstrap can change: roles and memberships, database and schema
 * owners and ACLs, extensions, per-role settings. Equal snapshots mean a run changed nothing.
 */
export async function catalogSnapshot(server: TestServer, database: string): Promise<string> {
    const su = await server.superuser(database);
    try {
        const queries = [
            "SELECT rolname, rolcanlogin, rolinherit, rolcreaterole, rolcreatedb FROM pg_roles ORDER BY rolname",
            "SELECT r.rolname AS role, m.rolname AS member, a.admin_option FROM pg_auth_members a JOIN pg_roles r ON r.oid = a.roleid JOIN pg_roles m ON m.oid = a.member ORDER BY 1, 2, 3",
            "SELECT datname, pg_get_userbyid(datdba) AS owner, datacl::text FROM pg_database ORDER BY datname",
            "SELECT nspname, pg_get_userbyid(nspowner) AS owner, nspacl::text FROM pg_namespace ORDER BY nspname",
            "SELECT extname, extversion, n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace ORDER BY extname",
            "SELECT coalesce(pg_get_userbyid(setrole), '') AS role, setdatabase, setconfig::text FROM pg_db_role_setting ORDER BY 1, 2, 3",
        ];
        const parts: string[] = [];
        for (const q of queries) parts.push(JSON.stringify((await su.query(q)).rows));
        return parts.join("\n");
    } finally {
        await su.end();
    }
}

export interface AzureAdminFixture extends AdminFixture {
    /** The app identity's role name (created by the principal script, not by the fixture). */
    appRole: string;
    /** The app identity's Entra object id. */
    appObjectId: string;
}

/** Where the stand-in records the Entra mapping Azure keeps in a `pgaadauth` security label. */
const AAD_PRINCIPALS_TABLE = "public.aad_principals";

/**
 * The Azure Flexible Server model without a password administrator: `azure_pg_admin` (stand-in,
 * NOLOGIN); the bootstrap's managed identity as the Microsoft Entra administrator, created by the
 * superuser as Azure's own superuser does when the administrator is set (LOGIN, CREATEROLE,
 * CREATEDB, member of `azure_pg_admin`; a password stands in for its token); the LangSmith database
 * owned by `azure_pg_admin` (created through ARM); and, in database `postgres` only, a stand-in
 * `pgaadauth_create_principal_with_oid(roleName, objectId, objectType, isAdmin, isMfa)` owned by the
 * superuser (SECURITY DEFINER, as Azure's runs as its superuser): callable by Entra administrators
 * only, it creates a LOGIN role (an administrator with CREATEROLE, CREATEDB and `azure_pg_admin`
 * when `isAdmin`), records the object id, and fails on an existing role. The Entra administrator
 * therefore holds no ADMIN OPTION on the roles it creates this way.
 */
export async function azureLikeAdmin(server: TestServer): Promise<AzureAdminFixture> {
    const su = await server.superuser();
    try {
        await su.query(`DO $$ BEGIN
            IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'azure_pg_admin') THEN CREATE ROLE azure_pg_admin NOLOGIN; END IF;
        END $$`);
        await su.query(
            `CREATE TABLE IF NOT EXISTS ${AAD_PRINCIPALS_TABLE} (rolname text PRIMARY KEY, object_id text NOT NULL, object_type text NOT NULL)`,
        );
        await su.query(`REVOKE ALL ON ${AAD_PRINCIPALS_TABLE} FROM PUBLIC`);
        await su.query(`CREATE OR REPLACE FUNCTION public.pgaadauth_create_principal_with_oid(roleName text, objectId text, objectType text, isAdmin boolean, isMfa boolean)
            RETURNS text LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $fn$
            BEGIN
                IF NOT pg_has_role(session_user, 'azure_pg_admin', 'MEMBER') THEN
                    RAISE EXCEPTION 'only a Microsoft Entra administrator may create principals';
                END IF;
                IF objectType NOT IN ('user', 'group', 'service') THEN RAISE EXCEPTION 'objectType must be user, group or service'; END IF;
                EXECUTE format('CREATE ROLE %I LOGIN', roleName);
                IF isAdmin THEN
                    EXECUTE format('ALTER ROLE %I CREATEROLE CREATEDB', roleName);
                    EXECUTE format('GRANT azure_pg_admin TO %I', roleName);
                END IF;
                INSERT INTO ${AAD_PRINCIPALS_TABLE} VALUES (roleName, objectId, objectType);
                RETURN 'Created role for ' || roleName;
            END $fn$`);
        await su.query(
            "REVOKE ALL ON FUNCTION public.pgaadauth_create_principal_with_oid(text, text, text, boolean, boolean) FROM PUBLIC",
        );
        await su.query(
            "GRANT EXECUTE ON FUNCTION public.pgaadauth_create_principal_with_oid(text, text, text, boolean, boolean) TO azure_pg_admin",
        );
        // Managed identity names allow '-' and '_'; upper case needs quoting too.
        const admin = uniqueName("LangSmith-DB-Bootstrap");
        await su.query(
            `CREATE ROLE ${ident(admin)} LOGIN CREATEROLE CREATEDB PASSWORD ${literal(FIXTURE_ADMIN_PASSWORD)} IN ROLE azure_pg_admin`,
        );
        const database = uniqueName("langsmith");
        await su.query(`CREATE DATABASE ${ident(database)} OWNER azure_pg_admin`);
        counter += 1;
        const appObjectId = `00000000-0000-4000-8000-${String(process.pid).padStart(6, "0")}${String(counter).padStart(6, "0")}`;
        return {
            admin,
            adminPassword: FIXTURE_ADMIN_PASSWORD,
            database,
            appRole: uniqueName("LangSmith-Identity"),
            appObjectId,
        };
    } finally {
        await su.end();
    }
}

/** The Entra principals the Azure stand-in created: role name → object id and type. */
export async function azurePrincipals(server: TestServer): Promise<Record<string, string>> {
    const su = await server.superuser();
    try {
        const rows = (await su.query(`SELECT rolname, object_id, object_type FROM ${AAD_PRINCIPALS_TABLE}`)).rows;
        return Object.fromEntries(rows.map((r) => [r.rolname, `${r.object_type}:${r.object_id}`]));
    } finally {
        await su.end();
    }
}

export interface CloudSqlFixture extends AdminFixture {
    /** The app's IAM service-account user, created the way Cloud SQL's API creates it (not by the admin). */
    iamUser: string;
}

/** Cloud SQL's roles, created once per server by the test superuser (standing in for `cloudsqladmin`). */
async function cloudSqlRoles(su: Client): Promise<void> {
    await su.query(`DO $$ BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'cloudsqlsuperuser') THEN CREATE ROLE cloudsqlsuperuser NOLOGIN CREATEROLE CREATEDB; END IF;
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'cloudsqliamserviceaccount') THEN CREATE ROLE cloudsqliamserviceaccount NOLOGIN; END IF;
    END $$`);
}

/** A `CLOUD_IAM_SERVICE_ACCOUNT` user as Cloud SQL's API creates it: `<id>@<project>.iam`, LOGIN. */
export async function cloudSqlIamUser(server: TestServer, prefix: string): Promise<string> {
    const su = await server.superuser();
    try {
        await cloudSqlRoles(su);
        counter += 1;
        const user = `${prefix}-${process.pid}-${counter}@my-project.iam`;
        await su.query(`CREATE ROLE ${ident(user)} LOGIN IN ROLE cloudsqliamserviceaccount`);
        return user;
    } finally {
        await su.end();
    }
}

/**
 * The Cloud SQL model without a built-in user: the test superuser stands in for Cloud SQL's
 * internal `cloudsqladmin`. It creates `cloudsqlsuperuser` (NOLOGIN, CREATEROLE, CREATEDB) and
 * `cloudsqliamserviceaccount` (NOLOGIN) once per server; then, as Cloud SQL's API does, the
 * bootstrap's `CLOUD_IAM_SERVICE_ACCOUNT` user with `databaseRoles: ["cloudsqlsuperuser"]` (LOGIN,
 * member of both roles, given CREATEROLE and CREATEDB like every user Cloud SQL puts in
 * `cloudsqlsuperuser`; a password stands in for its token), the LangSmith database owned by
 * `cloudsqlsuperuser` (`gcp.sql.Database`), and the app's `CLOUD_IAM_SERVICE_ACCOUNT` user. The
 * bootstrap user created neither IAM role, so on PostgreSQL 16+ it holds no ADMIN OPTION on them.
 */
export async function cloudSqlLikeAdmin(server: TestServer): Promise<CloudSqlFixture> {
    const su = await server.superuser();
    try {
        await cloudSqlRoles(su);
        counter += 1;
        const admin = `langsmith-bootstrap-${process.pid}-${counter}@my-project.iam`;
        await su.query(
            `CREATE ROLE ${ident(admin)} LOGIN CREATEROLE CREATEDB PASSWORD ${literal(FIXTURE_ADMIN_PASSWORD)} IN ROLE cloudsqlsuperuser, cloudsqliamserviceaccount`,
        );
        const database = uniqueName("langsmith");
        await su.query(`CREATE DATABASE ${ident(database)} OWNER cloudsqlsuperuser`);
        const iamUser = await cloudSqlIamUser(server, "langsmith");
        return { admin, adminPassword: FIXTURE_ADMIN_PASSWORD, database, iamUser };
    } finally {
        await su.end();
    }
}

/**
 * The database bootstrap, public API of the package: {@link bootstrapSql} is a pure function from
 * settings to the SQL an administrator runs once per deploy (the in-cluster Job of
 * `DatabaseBootstrap`, or your own `psql`) as the cloud's non-superuser administrator. It makes the
 * IAM user a login that can create and migrate the workload's schema (by ownership or by grants,
 * per cloud: see {@link IamRoleModel}), creates the extensions it is given, and moves ownership from
 * a previous IAM user when asked. Every statement is idempotent: the second run succeeds and changes
 * nothing. Identifiers are quoted by node-postgres' `escapeIdentifier` / `escapeLiteral`.
 *
 * ```ts
 * const sql = bootstrapSql({ model: AWS_IAM_ROLE_MODEL, database: "orders", schema: "public", iamUser: "orders_app", extensions: ["pgcrypto"] });
 * ```
 */
import type * as pg from "pg";

/**
 * node-postgres' own quoting functions, from the module that defines them: `pg`'s index would also load
 * its client, pool and protocol (about 30 files) for two pure functions. @types/pg types them on the
 * index, so the types come from there.
 */
const { escapeIdentifier: ident, escapeLiteral: literal } = require("pg/lib/utils") as Pick<
    typeof pg,
    "escapeIdentifier" | "escapeLiteral"
>;

/**
 * The extensions LangSmith's migrations create or expect (LangSmith's external Postgres docs): the
 * default of {@link BootstrapSqlOptions.extensions} when none are given. Another workload passes its own.
 */
export const LANGSMITH_EXTENSIONS = ["btree_gin", "btree_gist", "pgcrypto", "citext", "ltree", "pg_trgm"] as const;

/**
 * How a cloud turns a database role into an IAM login, and so what the bootstrap may do with it: who
 * creates the login role, who owns the database and schema, and how the IAM user gets its rights.
 * The three clouds differ because of who creates the role (the bootstrap's administrator, or the
 * cloud's own superuser) and PostgreSQL 16's rule that granting or joining a role needs ADMIN OPTION
 * on it. Use the model of your cloud ({@link AWS_IAM_ROLE_MODEL}, {@link GCP_IAM_ROLE_MODEL},
 * {@link AZURE_IAM_ROLE_MODEL}); they are data, so a test can read exactly what a cloud's script does.
 */
export interface IamRoleModel {
    /** The cloud name, written into the script's header. */
    cloud: "aws" | "gcp" | "azure";
    /**
     * `create`: the bootstrap creates the login role itself (AWS: a plain role granted `rds_iam`).
     * `existing`: the cloud's API created it (Cloud SQL IAM user, Azure Entra principal); the
     * script checks it exists and fails with a clear message otherwise.
     */
    roleCreation: "create" | "existing";
    /** A built-in role that marks the login as IAM-authenticated (`rds_iam` on RDS). */
    iamGrantRole?: string;
    /**
     * Who owns the database and LangSmith's schema. `iamUser` (the default): the IAM user itself,
     * which needs the administrator to be a member of the IAM user's role. `ownerRole`: a NOLOGIN
     * role the administrator creates (so it holds ADMIN OPTION on it on every major) owns them and
     * is granted to the IAM user; the script never needs membership in the role the cloud created,
     * which PostgreSQL 16+ refuses a non-superuser without ADMIN OPTION on that role (Cloud SQL).
     */
    ownership?: "iamUser" | "ownerRole";
    /**
     * The script the cloud's administrator runs first, in database `postgres`, to create the IAM
     * user's role: `pgaadauth` on Azure ({@link entraPrincipalSql}: Azure's `pgaadauth_*` functions
     * are called there). Unset: the cloud's API creates the role (Cloud SQL) or this script does (RDS).
     */
    principalScript?: "pgaadauth";
}

/**
 * RDS for PostgreSQL (IAM database authentication). Who creates the login: the bootstrap itself
 * (`CREATE ROLE ... LOGIN`), as RDS's master user, which may create roles; granting the built-in
 * `rds_iam` makes the role log in with IAM tokens only. Who owns the objects: the IAM user (the
 * master user created the role, so it holds ADMIN OPTION on it and can join it to hand it the
 * database and schema). Why: nothing else on RDS creates the role, and ownership lets the workload's
 * migrations create, alter and drop anything in its database.
 */
export const AWS_IAM_ROLE_MODEL: IamRoleModel = { cloud: "aws", roleCreation: "create", iamGrantRole: "rds_iam" };

/**
 * Cloud SQL for PostgreSQL (IAM database authentication). Who creates the login: Cloud SQL's API
 * (the app's `CLOUD_IAM_SERVICE_ACCOUNT` user, `gcp.sql.User`), by its internal superuser; the script
 * only checks that it exists. Who runs the script: the bootstrap's own `CLOUD_IAM_SERVICE_ACCOUNT`
 * user, a `cloudsqlsuperuser` member (`databaseRoles`), not a superuser. Who owns the objects: a
 * NOLOGIN owner role, `<database>_owner` ({@link ownerRoleName}), that the bootstrap user creates and
 * grants to the app's user. Why: the bootstrap user holds no ADMIN OPTION on a role Cloud SQL created,
 * which PostgreSQL 16+ requires to join or grant it; a role it created itself it may.
 */
export const GCP_IAM_ROLE_MODEL: IamRoleModel = { cloud: "gcp", roleCreation: "existing", ownership: "ownerRole" };

/**
 * Cloud SQL for PostgreSQL (IAM database authentication). Who creates the login: Cloud SQL's API
 * (the app's `CLOUD_IAM_SERVICE_ACCOUNT` user, `gcp.sql.User`), by its internal superuser; the script
 * only checks that it exists. Who runs the script: the bootstrap's own `CLOUD_IAM_SERVICE_ACCOUNT`
 * user, a `cloudsqlsuperuser` member (`databaseRoles`), not a superuser. Who owns the objects: a
 * NOLOGIN owner role, `<database>_owner` ({@link ownerRoleName}), that the bootstrap user creates and
 * grants to the app's user. Why: the bootstrap user holds no ADMIN OPTION on a role Cloud SQL created,
 * which PostgreSQL 16+ requires to join or grant it; a role it created itself it may.
 */
export const AZURE_IAM_ROLE_MODEL: IamRoleModel = {
    cloud: "azure",
    roleCreation: "existing",
    ownership: "ownerRole",
    principalScript: "pgaadauth",
};

/** The NOLOGIN role that owns the database and schema in the `ownerRole` model: `<database>_owner`. */
export function ownerRoleName(database: string): string {
    return `${database.slice(0, 63 - "_owner".length)}_owner`;
}

/** Inputs of the bootstrap SQL. */
export interface BootstrapSqlOptions {
    /** The cloud's IAM role model. */
    model: IamRoleModel;
    /** The LangSmith database (the Job connects to it). */
    database: string;
    /** LangSmith's schema (`public` or the one set in `postgres.schema`). */
    schema: string;
    /** The IAM user LangSmith logs in as. */
    iamUser: string;
    /** A user whose objects move to `iamUser` (switching identities). */
    previousIamUser?: string;
    /** Drop `previousIamUser` after moving its objects. */
    dropPreviousIamUser?: boolean;
    /**
     * Extensions to create in the schema (the database's workload needs them; Azure must also allow-list them).
     * @default LANGSMITH_EXTENSIONS
     */
    extensions?: readonly string[];
}

/** A DO block that runs only when a role exists (or does not). */
function ifRole(role: string, exists: boolean, body: string, declare?: string): string {
    return [
        "DO $bootstrap$",
        ...(declare ? ["DECLARE", `  ${declare}`] : []),
        "BEGIN",
        `  IF ${exists ? "" : "NOT "}EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = ${literal(role)}) THEN`,
        ...body.split("\n").map((line) => "    " + line),
        "  END IF;",
        "END",
        "$bootstrap$;",
    ].join("\n");
}

/**
 * A condition that is true when `role` owns anything in the current database (tables, schemas,
 * types, functions...: `pg_shdepend` records every owner that is not a pinned system role).
 */
function ownsObjectsHere(role: string): string {
    return `EXISTS (SELECT FROM pg_catalog.pg_shdepend d JOIN pg_catalog.pg_database db ON db.oid = d.dbid WHERE db.datname = pg_catalog.current_database() AND d.deptype = 'o' AND d.refclassid = 'pg_catalog.pg_authid'::pg_catalog.regclass AND d.refobjid = (SELECT oid FROM pg_catalog.pg_roles WHERE rolname = ${literal(role)}))`;
}

/** The bootstrap script, meant for `psql -v ON_ERROR_STOP=1 --single-transaction -f`. */
export function bootstrapSql(options: BootstrapSqlOptions): string {
    const { model, database, schema, iamUser } = options;
    const user = ident(iamUser);
    // The role that owns LangSmith's objects, and the one the administrator must be able to act as.
    const byOwnerRole = model.ownership === "ownerRole";
    const ownerName = byOwnerRole ? ownerRoleName(database) : iamUser;
    const owner = ident(ownerName);
    const sections: string[] = [`-- Database bootstrap (${model.cloud}). Idempotent: safe to run on every deploy.`];
    if (byOwnerRole) {
        sections.push(
            "-- Sessions in this database start as the owner role (set below); the administrator acts as itself.",
            "SET ROLE NONE;",
        );
    }

    if (model.roleCreation === "create") {
        sections.push("-- The IAM user's login role.", ifRole(iamUser, false, `CREATE ROLE ${user} LOGIN;`));
    } else {
        sections.push(
            "-- The cloud created the IAM user's role; stop with a clear message if it has not.",
            ifRole(
                iamUser,
                false,
                `RAISE EXCEPTION 'database role % does not exist: create the cloud IAM database user first', ${literal(iamUser)};`,
            ),
        );
    }
    if (model.iamGrantRole) {
        sections.push(`GRANT ${ident(model.iamGrantRole)} TO ${user};`);
    }
    if (byOwnerRole) {
        sections.push(
            "-- The owner role: created by the administrator, so it may grant it on every PostgreSQL major.",
            ifRole(ownerName, false, `CREATE ROLE ${owner} NOLOGIN;`),
            [
                "DO $bootstrap$",
                "BEGIN",
                `  GRANT ${owner} TO CURRENT_USER;`,
                "EXCEPTION WHEN insufficient_privilege THEN",
                // An owner role an earlier administrator created (PostgreSQL 16+: only it holds ADMIN OPTION).
                `  RAISE EXCEPTION 'the administrator % cannot grant role %: an earlier administrator created it; as that administrator run GRANT % TO % WITH ADMIN OPTION once', CURRENT_USER, ${literal(ownerName)}, ${literal(owner)}, pg_catalog.quote_ident(CURRENT_USER::text);`,
                "END",
                "$bootstrap$;",
            ].join("\n"),
            "-- The IAM user acts with the owner role's privileges (no membership in the IAM user's role needed).",
            `GRANT ${owner} TO ${user};`,
        );
    } else {
        sections.push(
            "-- The administrator needs the IAM user's privileges to hand it objects (ALTER ... OWNER).",
            `GRANT ${user} TO CURRENT_USER;`,
        );
    }

    if (options.previousIamUser && byOwnerRole) {
        const previous = options.previousIamUser;
        if (options.dropPreviousIamUser) {
            // Dropping a role the cloud created needs ADMIN OPTION on it (PostgreSQL 16+): the cloud's API deletes it.
            throw new Error(
                `bootstrap SQL (${model.cloud}): dropping the previous IAM user is the cloud's job (delete its database user through the cloud's API)`,
            );
        }
        sections.push(
            "-- Switching identities: the owner role owns everything, so the new user gets it and the previous one loses it.",
            ifRole(
                previous,
                true,
                [
                    `IF ${ownsObjectsHere(previous)} THEN`,
                    `  RAISE EXCEPTION 'database role % still owns objects in database %: log in as it once and run SET ROLE NONE; REASSIGN OWNED BY CURRENT_USER TO %; then deploy again', ${literal(previous)}, pg_catalog.current_database(), ${literal(owner)};`,
                    "END IF;",
                    `EXECUTE format('REVOKE %I FROM %I', ${literal(ownerName)}, ${literal(previous)});`,
                ].join("\n"),
            ),
        );
    } else if (options.previousIamUser) {
        const previous = options.previousIamUser;
        const drop = options.dropPreviousIamUser
            ? `\nEXECUTE format('DROP OWNED BY %I', ${literal(previous)});\nEXECUTE format('DROP ROLE %I', ${literal(previous)});`
            : "";
        sections.push(
            "-- Switching identities: everything the previous user owned moves to the new one. REASSIGN OWNED moves",
            "-- objects in the catalog's storage order, and each move needs the new owner to be able to create in the",
            "-- object's schema (the administrator is no superuser): so the database (whose owner owns `public` on",
            "-- PostgreSQL 15+) and the previous user's schemas move first.",
            ifRole(
                previous,
                true,
                [
                    `EXECUTE format('GRANT %I TO CURRENT_USER', ${literal(previous)});`,
                    `EXECUTE format('ALTER DATABASE %I OWNER TO %I', ${literal(database)}, ${literal(ownerName)});`,
                    `FOR previous_schema IN SELECT n.nspname FROM pg_catalog.pg_namespace n JOIN pg_catalog.pg_roles r ON r.oid = n.nspowner WHERE r.rolname = ${literal(previous)} LOOP`,
                    `  EXECUTE format('ALTER SCHEMA %I OWNER TO %I', previous_schema, ${literal(ownerName)});`,
                    "END LOOP;",
                    `EXECUTE format('REASSIGN OWNED BY %I TO %I', ${literal(previous)}, ${literal(ownerName)});${drop}`,
                ].join("\n"),
                "previous_schema name;",
            ),
        );
    }

    const schemaClause = schema === "public" ? "" : ` SCHEMA ${ident(schema)}`;
    if (schema !== "public") {
        // ALTER ROLE ... SET on a role the cloud created needs ADMIN OPTION on it (PG16+); the
        // database-wide setting needs only ownership of the database.
        const searchPath = byOwnerRole
            ? `ALTER DATABASE ${ident(database)} SET search_path TO ${ident(schema)}, public;`
            : `ALTER ROLE ${user} IN DATABASE ${ident(database)} SET search_path TO ${ident(schema)}, public;`;
        sections.push(
            `-- The workload's own schema, owned by the ${byOwnerRole ? "owner role" : "IAM user"}; its sessions find it first.`,
            `CREATE SCHEMA IF NOT EXISTS ${ident(schema)} AUTHORIZATION ${owner};`,
            `ALTER SCHEMA ${ident(schema)} OWNER TO ${owner};`,
            searchPath,
        );
    }
    const extensions = options.extensions ?? LANGSMITH_EXTENSIONS;
    if (extensions.length > 0)
        sections.push(
            "-- Extensions the workload uses (created while the administrator still owns the database).",
            ...extensions.map((ext) => `CREATE EXTENSION IF NOT EXISTS ${ident(ext)}${schemaClause};`),
        );
    sections.push(
        `-- The workload's migrations create schemas, tables and indexes: the IAM user ${byOwnerRole ? "acts as the owner of" : "owns"} the database.`,
        `ALTER DATABASE ${ident(database)} OWNER TO ${owner};`,
        `GRANT ALL PRIVILEGES ON DATABASE ${ident(database)} TO ${user};`,
    );
    if (byOwnerRole) {
        sections.push(
            "-- What the IAM user creates belongs to the owner role, so a new identity that gets the role gets",
            "-- every object (no REASSIGN OWNED, which needs membership in the cloud-created role). Members of the",
            "-- owner role start their sessions as it; other roles get a warning and stay themselves. Not set while",
            "-- the IAM user still owns objects here (a stack from before): it would lose access to them.",
            [
                "DO $bootstrap$",
                "BEGIN",
                `  IF NOT ${ownsObjectsHere(iamUser)} THEN`,
                `    ALTER DATABASE ${ident(database)} SET role TO ${owner};`,
                "  ELSE",
                `    RAISE WARNING 'database role % owns objects in database %: sessions keep acting as it; to let a later identity switch keep them, log in as it once and run SET ROLE NONE; REASSIGN OWNED BY CURRENT_USER TO %', ${literal(iamUser)}, pg_catalog.current_database(), ${literal(owner)};`,
                "  END IF;",
                "END",
                "$bootstrap$;",
            ].join("\n"),
        );
    }
    return sections.join("\n") + "\n";
}

/**
 * Creates each database that does not exist yet, as the administrator (who then owns it until
 * {@link bootstrapSql} for that database hands it to the IAM user or the owner role). `CREATE
 * DATABASE` cannot run in a transaction block or a DO block, so this script runs without
 * `--single-transaction` and builds each statement with psql's `\gexec` (a missing database only).
 */
export function createDatabasesSql(databases: readonly string[]): string {
    const lines = [
        "-- Database bootstrap: databases of their own (run without --single-transaction).",
        "-- The administrator acts as itself (a database's `SET role` default may name an owner role it belongs to).",
        "SET ROLE NONE;",
    ];
    for (const database of databases) {
        lines.push(
            `SELECT pg_catalog.format('CREATE DATABASE %I', ${literal(database)}) WHERE NOT EXISTS (SELECT FROM pg_catalog.pg_database WHERE datname = ${literal(database)})`,
            "\\gexec",
        );
    }
    return lines.join("\n") + "\n";
}

/** A Microsoft Entra object id (a GUID), the only value {@link entraPrincipalSql} puts in a literal unchecked by config. */
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Inputs of {@link entraPrincipalSql}. */
export interface EntraPrincipalSqlOptions {
    /** The database role to create: the managed identity's name (what the workload logs in as). */
    roleName: string;
    /** The managed identity's object (principal) id: Entra tokens are matched to the role by it. */
    objectId: string;
}

/**
 * Azure's first bootstrap step, run by the Entra administrator in database `postgres`: the app
 * identity's role as a normal (non-admin, no MFA) `service` principal, with the documented
 * `pgaadauth_create_principal_with_oid(roleName, objectId, objectType, isAdmin, isMfa)`
 * (https://learn.microsoft.com/azure/postgresql/flexible-server/how-to-manage-azure-ad-users,
 * "Create a role using Azure AD object identifier"). The function fails on an existing role, so
 * it runs only when the role is missing; an existing role that is still an administrator (a stack
 * where the app identity was the Entra administrator) gets a warning.
 */
export function entraPrincipalSql(options: EntraPrincipalSqlOptions): string {
    if (!GUID.test(options.objectId))
        throw new Error(`entra principal SQL: ${JSON.stringify(options.objectId)} is not an Entra object id (GUID)`);
    const role = literal(options.roleName);
    return (
        [
            "-- Database bootstrap (azure), database postgres: the app identity's Entra principal.",
            ifRole(
                options.roleName,
                false,
                `PERFORM pgaadauth_create_principal_with_oid(${role}, ${literal(options.objectId.toLowerCase())}, 'service', false, false);`,
            ),
            [
                "DO $bootstrap$",
                "BEGIN",
                `  IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'azure_pg_admin') AND pg_catalog.pg_has_role(${role}, 'azure_pg_admin', 'MEMBER') THEN`,
                `    RAISE WARNING 'database role % is a member of azure_pg_admin (it was the Entra administrator): an administrator must REVOKE azure_pg_admin FROM it', ${role};`,
                "  END IF;",
                "END",
                "$bootstrap$;",
            ].join("\n"),
        ].join("\n") + "\n"
    );
}

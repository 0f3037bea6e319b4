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
import { escapeIdentifier as ident, escapeLiteral as literal } from "pg";

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
     * How the IAM user gets its rights. `owner` (default): it owns the database and LangSmith's
     * schema, handed over by an administrator that joins its role. `grants`: the administrator
     * cannot join the IAM user's role (Azure creates Entra roles as its own superuser, and since
     * PostgreSQL 16 granting a role needs ADMIN OPTION on it), so the IAM user gets ALL on the
     * database and the schemas instead, and the schema search path is set on the database.
     */
    privileges?: "owner" | "grants";
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
 * (the `CLOUD_IAM_SERVICE_ACCOUNT` user, `gcp.sql.User`), by its internal superuser; the script only
 * checks that it exists. Who owns the objects: a NOLOGIN owner role, `<database>_owner`
 * ({@link ownerRoleName}), that the built-in admin creates and grants to the IAM user. Why: the
 * admin (a `cloudsqlsuperuser` member, not a superuser) cannot count on ADMIN OPTION on a role Cloud
 * SQL created, which PostgreSQL 16+ requires to join or grant it; a role it created itself it may.
 */
export const GCP_IAM_ROLE_MODEL: IamRoleModel = { cloud: "gcp", roleCreation: "existing", ownership: "ownerRole" };

/**
 * Azure Database for PostgreSQL flexible server (Microsoft Entra authentication). Who creates the
 * login: Azure, when the workload's managed identity is made a Microsoft Entra administrator of the
 * server (its role is a member of `azure_pg_admin`); the script only checks that it exists. Who owns
 * the objects: nobody changes owners; the IAM user gets ALL on the database and schemas instead.
 * Why: Azure creates the role as its own superuser, so the bootstrap's administrator cannot join it
 * (PostgreSQL 16+ needs ADMIN OPTION on it) to hand it ownership.
 */
export const AZURE_IAM_ROLE_MODEL: IamRoleModel = { cloud: "azure", roleCreation: "existing", privileges: "grants" };

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
function ifRole(role: string, exists: boolean, body: string): string {
    return [
        "DO $bootstrap$",
        "BEGIN",
        `  IF ${exists ? "" : "NOT "}EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = ${literal(role)}) THEN`,
        ...body.split("\n").map((line) => "    " + line),
        "  END IF;",
        "END",
        "$bootstrap$;",
    ].join("\n");
}

/** The bootstrap script, meant for `psql -v ON_ERROR_STOP=1 --single-transaction -f`. */
export function bootstrapSql(options: BootstrapSqlOptions): string {
    if (options.model.privileges === "grants") return grantsBootstrapSql(options);
    const { model, database, schema, iamUser } = options;
    const user = ident(iamUser);
    const sections: string[] = [
        `-- LangSmith database bootstrap (${model.cloud}). Idempotent: safe to run on every deploy.`,
    ];

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
    // The role that owns LangSmith's objects, and the one the administrator must be able to act as.
    const byOwnerRole = model.ownership === "ownerRole";
    const ownerName = byOwnerRole ? ownerRoleName(database) : iamUser;
    const owner = ident(ownerName);
    if (byOwnerRole) {
        sections.push(
            "-- The owner role: created by the administrator, so it may grant it on every PostgreSQL major.",
            ifRole(ownerName, false, `CREATE ROLE ${owner} NOLOGIN;`),
            `GRANT ${owner} TO CURRENT_USER;`,
            "-- The IAM user acts with the owner role's privileges (no membership in the IAM user's role needed).",
            `GRANT ${owner} TO ${user};`,
        );
    } else {
        sections.push(
            "-- The administrator needs the IAM user's privileges to hand it objects (ALTER ... OWNER).",
            `GRANT ${user} TO CURRENT_USER;`,
        );
    }

    if (options.previousIamUser) {
        const previous = options.previousIamUser;
        const drop = options.dropPreviousIamUser
            ? `\nEXECUTE format('DROP OWNED BY %I', ${literal(previous)});\nEXECUTE format('DROP ROLE %I', ${literal(previous)});`
            : "";
        sections.push(
            `-- Switching identities: everything the previous user owned moves to the new ${byOwnerRole ? "owner role" : "one"}.`,
            ifRole(
                previous,
                true,
                `EXECUTE format('GRANT %I TO CURRENT_USER', ${literal(previous)});\nEXECUTE format('REASSIGN OWNED BY %I TO %I', ${literal(previous)}, ${literal(ownerName)});${drop}`,
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
            `-- LangSmith's own schema, owned by the ${byOwnerRole ? "owner role" : "IAM user"}; its sessions find it first.`,
            `CREATE SCHEMA IF NOT EXISTS ${ident(schema)} AUTHORIZATION ${owner};`,
            `ALTER SCHEMA ${ident(schema)} OWNER TO ${owner};`,
            searchPath,
        );
    }
    sections.push(
        "-- Extensions LangSmith uses (created while the administrator still owns the database).",
        ...(options.extensions ?? LANGSMITH_EXTENSIONS).map(
            (ext) => `CREATE EXTENSION IF NOT EXISTS ${ident(ext)}${schemaClause};`,
        ),
        `-- LangSmith's migrations create schemas, tables and indexes: the IAM user ${byOwnerRole ? "acts as the owner of" : "owns"} the database.`,
        `ALTER DATABASE ${ident(database)} OWNER TO ${owner};`,
        `GRANT ALL PRIVILEGES ON DATABASE ${ident(database)} TO ${user};`,
    );
    return sections.join("\n") + "\n";
}

/** The `grants` variant of {@link bootstrapSql}: no role membership, no ownership transfer. */
function grantsBootstrapSql(options: BootstrapSqlOptions): string {
    const { model, database, schema, iamUser } = options;
    if (options.previousIamUser) {
        // REASSIGN OWNED needs membership in both roles, which this model never takes.
        throw new Error(
            `bootstrap SQL (${model.cloud}): moving objects from a previous IAM user is not supported when the administrator cannot join the IAM user's role`,
        );
    }
    const user = ident(iamUser);
    const sections: string[] = [
        `-- LangSmith database bootstrap (${model.cloud}). Idempotent: safe to run on every deploy.`,
        "-- The cloud created the IAM user's role; stop with a clear message if it has not.",
        ifRole(
            iamUser,
            false,
            `RAISE EXCEPTION 'database role % does not exist: create the cloud IAM database user first', ${literal(iamUser)};`,
        ),
    ];
    const schemaClause = schema === "public" ? "" : ` SCHEMA ${ident(schema)}`;
    if (schema !== "public") {
        sections.push(
            "-- LangSmith's own schema: the IAM user may do anything in it; sessions in this database find it first.",
            `CREATE SCHEMA IF NOT EXISTS ${ident(schema)};`,
            `GRANT ALL ON SCHEMA ${ident(schema)} TO ${user};`,
            `ALTER DATABASE ${ident(database)} SET search_path TO ${ident(schema)}, public;`,
        );
    }
    sections.push(
        "-- Extensions LangSmith uses.",
        ...(options.extensions ?? LANGSMITH_EXTENSIONS).map(
            (ext) => `CREATE EXTENSION IF NOT EXISTS ${ident(ext)}${schemaClause};`,
        ),
        "-- LangSmith's migrations create schemas, tables and indexes.",
        `GRANT ALL PRIVILEGES ON DATABASE ${ident(database)} TO ${user};`,
        "-- PostgreSQL 15+ gives CREATE on public only to the database owner; grant it where the administrator may.",
        [
            "DO $bootstrap$",
            "BEGIN",
            "  IF pg_catalog.pg_has_role(CURRENT_USER, (SELECT nspowner FROM pg_catalog.pg_namespace WHERE nspname = 'public'), 'USAGE') THEN",
            `    GRANT ALL ON SCHEMA public TO ${user};`,
            "  END IF;",
            "END",
            "$bootstrap$;",
        ].join("\n"),
    );
    return sections.join("\n") + "\n";
}

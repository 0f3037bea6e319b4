/**
 * The database bootstrap: a pure function from settings to the SQL the in-cluster Job runs as the
 * cloud's (non-superuser) administrator. It makes the IAM user a login role with what LangSmith's
 * migrations need (owner of the database and the LangSmith schema), creates the extensions
 * LangSmith uses, and moves ownership from a previous IAM user when asked. Every statement is
 * idempotent: the second run succeeds and changes nothing. Identifiers are quoted by node-postgres'
 * `escapeIdentifier` / `escapeLiteral`; config validation already refused quotes and semicolons.
 */
import { escapeIdentifier as ident, escapeLiteral as literal } from "pg";

/** Extensions LangSmith creates or expects (LangSmith's external Postgres docs). */
export const LANGSMITH_EXTENSIONS = ["btree_gin", "btree_gist", "pgcrypto", "citext", "ltree", "pg_trgm"] as const;

/** How a cloud turns a database role into an IAM login. */
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
     * How the IAM user gets its rights. `owner` (default): it owns the database and LangSmith's
     * schema, handed over by an administrator that joins its role. `grants`: the administrator
     * cannot join the IAM user's role (Azure creates Entra roles as its own superuser, and since
     * PostgreSQL 16 granting a role needs ADMIN OPTION on it), so the IAM user gets ALL on the
     * database and the schemas instead, and the schema search path is set on the database.
     */
    privileges?: "owner" | "grants";
}

export const AWS_IAM_ROLE_MODEL: IamRoleModel = { cloud: "aws", roleCreation: "create", iamGrantRole: "rds_iam" };

/**
 * Azure: the workload's managed identity is the server's Microsoft Entra administrator, so Azure
 * itself creates its role (a member of `azure_pg_admin`); the bootstrap adds the extensions and
 * grants, never joining that role.
 */
export const AZURE_IAM_ROLE_MODEL: IamRoleModel = { cloud: "azure", roleCreation: "existing", privileges: "grants" };

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
    const { model, database, schema, iamUser } = options;
    if (model.privileges === "grants") return grantsBootstrapSql(options);
    const user = ident(iamUser);
    const sections: string[] = [`-- LangSmith database bootstrap (${model.cloud}). Idempotent: safe to run on every deploy.`];

    if (model.roleCreation === "create") {
        sections.push("-- The IAM user's login role.", ifRole(iamUser, false, `CREATE ROLE ${user} LOGIN;`));
    } else {
        sections.push(
            "-- The cloud created the IAM user's role; stop with a clear message if it has not.",
            ifRole(iamUser, false, `RAISE EXCEPTION 'database role % does not exist: create the cloud IAM database user first', ${literal(iamUser)};`),
        );
    }
    if (model.iamGrantRole) {
        sections.push(`GRANT ${ident(model.iamGrantRole)} TO ${user};`);
    }
    sections.push(
        "-- The administrator needs the IAM user's privileges to hand it objects (ALTER ... OWNER).",
        `GRANT ${user} TO CURRENT_USER;`,
    );

    if (options.previousIamUser) {
        const previous = options.previousIamUser;
        const drop = options.dropPreviousIamUser
            ? `\nEXECUTE format('DROP OWNED BY %I', ${literal(previous)});\nEXECUTE format('DROP ROLE %I', ${literal(previous)});`
            : "";
        sections.push(
            "-- Switching identities: everything the previous user owned moves to the new one.",
            ifRole(
                previous,
                true,
                `EXECUTE format('GRANT %I TO CURRENT_USER', ${literal(previous)});\nEXECUTE format('REASSIGN OWNED BY %I TO %I', ${literal(previous)}, ${literal(iamUser)});${drop}`,
            ),
        );
    }

    const schemaClause = schema === "public" ? "" : ` SCHEMA ${ident(schema)}`;
    if (schema !== "public") {
        sections.push(
            "-- LangSmith's own schema, owned by the IAM user; its sessions find it first.",
            `CREATE SCHEMA IF NOT EXISTS ${ident(schema)} AUTHORIZATION ${user};`,
            `ALTER SCHEMA ${ident(schema)} OWNER TO ${user};`,
            `ALTER ROLE ${user} IN DATABASE ${ident(database)} SET search_path TO ${ident(schema)}, public;`,
        );
    }
    sections.push(
        "-- Extensions LangSmith uses (created while the administrator still owns the database).",
        ...LANGSMITH_EXTENSIONS.map((ext) => `CREATE EXTENSION IF NOT EXISTS ${ident(ext)}${schemaClause};`),
        "-- LangSmith's migrations create schemas, tables and indexes: the IAM user owns the database.",
        `ALTER DATABASE ${ident(database)} OWNER TO ${user};`,
        `GRANT ALL PRIVILEGES ON DATABASE ${ident(database)} TO ${user};`,
    );
    return sections.join("\n") + "\n";
}

/** The `grants` variant of {@link bootstrapSql}: no role membership, no ownership transfer. */
function grantsBootstrapSql(options: BootstrapSqlOptions): string {
    const { model, database, schema, iamUser } = options;
    if (options.previousIamUser) {
        // REASSIGN OWNED needs membership in both roles, which this model never takes.
        throw new Error(`bootstrap SQL (${model.cloud}): moving objects from a previous IAM user is not supported when the administrator cannot join the IAM user's role`);
    }
    const user = ident(iamUser);
    const sections: string[] = [
        `-- LangSmith database bootstrap (${model.cloud}). Idempotent: safe to run on every deploy.`,
        "-- The cloud created the IAM user's role; stop with a clear message if it has not.",
        ifRole(iamUser, false, `RAISE EXCEPTION 'database role % does not exist: create the cloud IAM database user first', ${literal(iamUser)};`),
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
        ...LANGSMITH_EXTENSIONS.map((ext) => `CREATE EXTENSION IF NOT EXISTS ${ident(ext)}${schemaClause};`),
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

/**
 * Database names across clouds: names with `@ . - +` and upper case reach PostgreSQL exactly as
 * written (quoted, never case-folded), while a quote or a semicolon is refused by config validation,
 * before any SQL is generated.
 */
import { strict as assert } from "node:assert";
import { parseSettings } from "../../program/config/settings";
import { isConfigError } from "../../program/config/errors";
import { AWS_IAM_ROLE_MODEL, bootstrapSql } from "../../components/postgres/bootstrapSql";
import { MAJORS, postgresServer } from "../support/postgresServer";
import { rdsLikeAdmin, runPsqlScript, uniqueName } from "../support/sqlFixtures";
import { migrateAs } from "../support/migrations";

/** A valid AWS stack config with `postgres` overrides. */
function configWith(postgres: Record<string, unknown>): Record<string, unknown> {
    return {
        cloud: "aws",
        licenseKey: "fixture-license",
        aws: { region: "us-east-1", clusterName: "test" },
        chart: { initialOrgAdminEmail: "admin@example.com" },
        postgres,
    };
}

describe("Database names in config: injection is refused before SQL", function () {
    const hostile = [
        `o'brien`,
        `langsmith"; DROP ROLE postgres; --`,
        "a;b",
        `x"y`,
        "a b",
        "back\\slash",
        "$bootstrap$",
        "new\nline",
    ];
    for (const field of ["iamUser", "previousIamUser", "schema", "database", "adminUser"]) {
        for (const value of hostile) {
            it(`postgres.${field} = ${JSON.stringify(value)} is a ConfigError naming langsmith:postgres.${field}`, function () {
                assert.throws(
                    () => parseSettings(configWith({ [field]: value })),
                    (err: unknown) =>
                        isConfigError(err) &&
                        err.key === `langsmith:postgres.${field}` &&
                        err.message.includes("never reach SQL"),
                );
            });
        }
    }

    it("accepts names with @ . - + and upper case", function () {
        // (Not the database: RDS's DBName takes only letters, digits and '_'; tests/aws/awsConfig.test.ts.)
        const settings = parseSettings(
            configWith({
                iamUser: "LangSmith.App-User+ops@corp",
                previousIamUser: "Old.User@corp",
                schema: "LangSmith-App.v2",
            }),
        );
        assert.equal(settings.postgres.iamUser, "LangSmith.App-User+ops@corp");
        assert.equal(settings.postgres.schema, "LangSmith-App.v2");
    });
});

for (const major of MAJORS) {
    describe(`Database names with @ . - + and upper case on real PostgreSQL ${major}`, function () {
        it("the bootstrap creates exactly the named role and schema (no case folding) and the user migrates in them", async function () {
            const server = await postgresServer(major);
            const { admin, adminPassword, database } = await rdsLikeAdmin(server);
            const iamUser = uniqueName("LangSmith.App-User+ops@Corp");
            const schema = uniqueName("LangSmith-App.V2");
            // Validated exactly as the program validates them.
            const settings = parseSettings(configWith({ iamUser, schema }));
            const sql = bootstrapSql({
                model: AWS_IAM_ROLE_MODEL,
                database,
                schema: settings.postgres.schema,
                iamUser: settings.postgres.iamUser!,
            });
            await runPsqlScript(server, admin, adminPassword, database, sql);

            const su = await server.superuser(database);
            try {
                const roles = await su.query("SELECT rolname FROM pg_roles WHERE lower(rolname) = lower($1)", [
                    iamUser,
                ]);
                assert.deepEqual(
                    roles.rows.map((r) => r.rolname),
                    [iamUser],
                    "the role must exist under exactly its configured name",
                );
                const schemas = await su.query(
                    "SELECT nspname, pg_get_userbyid(nspowner) AS owner FROM pg_namespace WHERE lower(nspname) = lower($1)",
                    [schema],
                );
                assert.deepEqual(schemas.rows, [{ nspname: schema, owner: iamUser }]);
            } finally {
                await su.end();
            }
            await migrateAs(server, iamUser, database, schema);
        });
    });
}

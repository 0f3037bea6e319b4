/**
 * Switching identities (`postgres.previousIamUser`): everything the old IAM user created — tables,
 * sequences, views, functions, a schema — and every row it wrote move to the new IAM user, run by
 * the project's real bootstrap SQL as the non-superuser RDS-like master, on PostgreSQL 14 and 18.
 */
import { strict as assert } from "node:assert";
import { escapeIdentifier as ident } from "pg";
import { AWS_IAM_ROLE_MODEL, bootstrapSql } from "../../components/postgres/bootstrapSql";
import { MAJORS, postgresServer } from "../support/postgresServer";
import {
    catalogSnapshot,
    connectAs,
    givePassword,
    rdsLikeAdmin,
    runPsqlScript,
    uniqueName,
} from "../support/sqlFixtures";
import { createAsOldUser, migrateFurther, ownedBy, roleExists, rowCounts } from "../support/switchFixtures";

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

        // REASSIGN OWNED moves objects in pg_shdepend's storage order, which other work in the cluster
        // shuffles: a table in `public` listed before the database moved while the new user could not yet
        // create in `public` (PostgreSQL 15+: only the database owner can), and the switch failed now and
        // then in full test runs. Here the database is not the old user's at all, so REASSIGN can never
        // move it first: the switch must hand the database over itself before moving anything.
        it("moves the old user's objects in public whatever order the catalog lists them in (the database moves first)", async function () {
            const server = await postgresServer(major);
            const { admin, adminPassword, database } = await rdsLikeAdmin(server);
            const oldUser = uniqueName("Old.IAM-user@x");
            const bootstrap = (iamUser: string, previousIamUser?: string) =>
                bootstrapSql({ model: AWS_IAM_ROLE_MODEL, database, schema: "public", iamUser, previousIamUser });
            await runPsqlScript(server, admin, adminPassword, database, bootstrap(oldUser));
            await givePassword(server, oldUser, "fixture-old-token");
            const old = await connectAs(server, oldUser, "fixture-old-token", database);
            try {
                await createAsOldUser(old, "public");
            } finally {
                await old.end();
            }
            const su = await server.superuser();
            try {
                await su.query(`ALTER DATABASE ${ident(database)} OWNER TO ${ident(admin)}`);
            } finally {
                await su.end();
            }
            const inPublic = (await ownedBy(server, database, oldUser)).filter((o) => / public\./.test(o));
            assert.ok(inPublic.length >= 4, `fixture: the old user owns ${inPublic.join(", ")} in public`);

            const newUser = uniqueName("New.IAM-user@x");
            await runPsqlScript(server, admin, adminPassword, database, bootstrap(newUser, oldUser));
            const moved = await ownedBy(server, database, newUser);
            for (const o of [...inPublic, `database ${database}`]) assert.ok(moved.includes(o), `${o} did not move`);
        });
    });
}

/** GCP least privilege: the one Cloud SQL grant, its condition, and the policy rule that holds it there. */
import { strict as assert } from "node:assert";
import { CLOUD_SQL_LOGIN_ROLE, cloudSqlInstanceCondition, iamUserPrincipal } from "../../components/gcp/cloudSqlLogin";
import { gcpCloudSqlLoginOnly, violations } from "../../policy/rules";
import { synthGcp, ofType } from "./gcpSynth";

const PROJECT_MEMBER = "gcp:projects/iAMMember:IAMMember";

describe("GCP least privilege", function () {
    this.timeout(60000);

    it("conditions the login role on exactly one instance: its resource name and the Cloud SQL instance type", () => {
        assert.equal(CLOUD_SQL_LOGIN_ROLE, "roles/cloudsql.instanceUser");
        assert.deepEqual(cloudSqlInstanceCondition("acme-prod", "langsmith-db-1a2b3c4"), {
            title: "cloudsql-login-one-instance",
            description: "IAM database login to Cloud SQL instance langsmith-db-1a2b3c4 only",
            expression:
                "resource.name == 'projects/acme-prod/instances/langsmith-db-1a2b3c4' && resource.type == 'sqladmin.googleapis.com/Instance'",
        });
        // No way to widen it through the arguments.
        assert.throws(() => cloudSqlInstanceCondition("acme-prod", "*"), /not a Cloud SQL instance id/);
        assert.throws(() => cloudSqlInstanceCondition("acme-prod", "db' || true || '"), /not a Cloud SQL instance id/);
        assert.throws(() => cloudSqlInstanceCondition("Acme", "db"), /not a GCP project id/);
    });

    it("maps the Cloud SQL IAM user back to exactly its service account", () => {
        assert.equal(
            iamUserPrincipal("langsmith@acme-prod.iam"),
            "serviceAccount:langsmith@acme-prod.iam.gserviceaccount.com",
        );
        assert.throws(
            () => iamUserPrincipal("langsmith@acme-prod.iam.gserviceaccount.com"),
            /not a Cloud SQL service account user/,
        );
        assert.throws(() => iamUserPrincipal("*@acme-prod.iam"), /not a Cloud SQL service account user/);
    });

    for (const stack of ["gcp-dev", "gcp-prod"]) {
        it(`${stack}: one Cloud SQL grant per identity (app, bootstrap), roles/cloudsql.instanceUser on the stack's instance, and the policy rule passes`, async () => {
            const result = await synthGcp({}, { stack });
            const all = ofType(result, PROJECT_MEMBER);
            // The app's Memorystore grant is tested in tests/gcp/redis.test.ts.
            const grants = all.filter((g) => g.inputs.role !== "roles/memorystore.dbConnectionUser");
            assert.equal(all.length - grants.length, 1, "one Memorystore grant");
            const accounts = ofType(result, "gcp:serviceaccount/account:Account").map((a) => String(a.outputs.email));
            assert.equal(accounts.length, 2, "the app's and the bootstrap's service accounts");
            assert.deepEqual(
                grants.map((g) => g.inputs.member).sort(),
                accounts.map((email) => `serviceAccount:${email}`).sort(),
            );
            const instance = String(
                result.resources.find((r) => r.type === "gcp:sql/databaseInstance:DatabaseInstance")!.outputs.name,
            );
            for (const grant of grants) {
                assert.equal(grant.inputs.role, "roles/cloudsql.instanceUser");
                assert.ok(
                    String((grant.inputs.condition as { expression: string }).expression).includes(
                        `/instances/${instance}'`,
                    ),
                );
            }
            assert.deepEqual(
                violations(
                    result.resources.map((r) => ({ type: r.type, name: r.name, inputs: r.inputs, protect: r.protect })),
                    stack.endsWith("-prod"),
                ),
                [],
            );
        });
    }

    describe(`policy rule ${gcpCloudSqlLoginOnly.name} fires on`, function () {
        const grant = (inputs: Record<string, unknown>) =>
            gcpCloudSqlLoginOnly.check(
                {
                    type: PROJECT_MEMBER,
                    name: "g",
                    inputs: {
                        project: "p-123456",
                        member: "serviceAccount:x@p-123456.iam.gserviceaccount.com",
                        ...inputs,
                    },
                },
                false,
            );
        const one =
            "resource.name == 'projects/p-123456/instances/db-1' && resource.type == 'sqladmin.googleapis.com/Instance'";

        it("passes the conditioned instanceUser grant", () => {
            assert.deepEqual(
                grant({ role: "roles/cloudsql.instanceUser", condition: { title: "t", expression: one } }),
                [],
            );
        });
        it("roles/cloudsql.client (the Auth Proxy's role)", () => {
            assert.match(
                grant({ role: "roles/cloudsql.client" }).join(),
                /roles\/cloudsql\.client is more than the path uses \(it is for the Cloud SQL Auth Proxy and connectors/,
            );
        });
        it("any other project role", () => {
            for (const role of ["roles/cloudsql.admin", "roles/editor", "roles/iam.serviceAccountTokenCreator"])
                assert.match(grant({ role }).join(), /is more than the path uses/);
        });
        it("instanceUser without a condition, on every instance, or with a condition that widens", () => {
            for (const condition of [
                undefined,
                { title: "t", expression: "resource.type == 'sqladmin.googleapis.com/Instance'" },
                { title: "t", expression: "resource.name.startsWith('projects/p-123456/instances/')" },
                { title: "t", expression: `${one} || true` },
            ]) {
                assert.match(
                    grant({ role: "roles/cloudsql.instanceUser", condition }).join(),
                    /must carry the condition resource\.name == 'projects\/<project>\/instances\/<instance>'/,
                    JSON.stringify(condition),
                );
            }
        });
        it("the same on gcp.projects.IAMBinding, and ignores other resources", () => {
            assert.equal(
                gcpCloudSqlLoginOnly.check(
                    {
                        type: "gcp:projects/iAMBinding:IAMBinding",
                        name: "b",
                        inputs: { role: "roles/cloudsql.client", members: [] },
                    },
                    false,
                ).length,
                1,
            );
            assert.deepEqual(
                gcpCloudSqlLoginOnly.check(
                    {
                        type: "gcp:serviceaccount/iAMMember:IAMMember",
                        name: "w",
                        inputs: { role: "roles/iam.workloadIdentityUser" },
                    },
                    false,
                ),
                [],
            );
        });
    });
});

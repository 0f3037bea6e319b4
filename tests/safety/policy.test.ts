import { strict as assert } from "node:assert";
import { RESOURCE_RULES, STACK_RULES, violations, type PolicyInput } from "../../policy/rules";
import { listStacks } from "../../tools/offline/synthesize";
import { synthStack } from "../support/synth";
import type { SynthResult } from "../../tools/offline/synthesize";

const cache = new Map<string, SynthResult>();
async function stack(name: string): Promise<SynthResult> {
    if (!cache.has(name)) cache.set(name, await synthStack(name));
    return cache.get(name)!;
}

const asPolicyInputs = (r: SynthResult): PolicyInput[] =>
    r.resources.map((x) => ({ type: x.type, name: x.name, inputs: x.inputs, protect: x.protect }));
const isProduction = (name: string) => name.endsWith("-prod");

/** Deep copy of a resource with one change, for the negative tests. */
function broken(r: SynthResult, type: string, change: (inputs: Record<string, unknown>) => void): PolicyInput[] {
    const resources = structuredClone(asPolicyInputs(r));
    const target = resources.find((x) => x.type === type);
    if (!target) throw new Error(`no ${type} in the stack`);
    change(target.inputs);
    return resources;
}

describe("security baseline (the policy pack's rules)", function () {
    describe("every stack passes", function () {
        for (const name of listStacks()) {
            it(name, async function () {
                assert.deepEqual(violations(asPolicyInputs(await stack(name)), isProduction(name)), []);
            });
        }
    });

    it("checks every rule against at least one resource of each cloud's stacks", async function () {
        assert.ok(RESOURCE_RULES.length >= 10 && STACK_RULES.length >= 2);
        const types = new Set(
            (await Promise.all(listStacks().map(stack))).flatMap((r) => r.resources.map((x) => x.type)),
        );
        for (const t of [
            "aws:rds/instance:Instance",
            "gcp:sql/databaseInstance:DatabaseInstance",
            "azure-native:dbforpostgresql:Server",
            "kubernetes:helm.sh/v3:Release",
        ]) {
            assert.ok(types.has(t), `no ${t} among the stacks: the rules for it would never run`);
        }
    });

    describe("each rule fires on a deliberately broken resource", function () {
        const cases: [string, string, string, (i: Record<string, unknown>) => void, string][] = [
            [
                "aws-prod",
                "aws:rds/instance:Instance",
                "iam-database-auth",
                (i) => (i.iamDatabaseAuthenticationEnabled = false),
                "RDS IAM auth off",
            ],
            [
                "gcp-prod",
                "gcp:sql/databaseInstance:DatabaseInstance",
                "iam-database-auth",
                (i) => ((i.settings as Record<string, unknown>).databaseFlags = []),
                "Cloud SQL IAM flag missing",
            ],
            [
                "azure-prod",
                "azure-native:dbforpostgresql:Server",
                "iam-database-auth",
                (i) => ((i.authConfig as Record<string, unknown>).activeDirectoryAuth = "Disabled"),
                "Entra auth off",
            ],
            [
                "aws-prod",
                "aws:rds/parameterGroup:ParameterGroup",
                "tls-enforced",
                (i) => (i.parameters = []),
                "rds.force_ssl missing",
            ],
            [
                "gcp-prod",
                "gcp:sql/databaseInstance:DatabaseInstance",
                "tls-enforced",
                (i) =>
                    ((i.settings as Record<string, Record<string, unknown>>).ipConfiguration.sslMode =
                        "ALLOW_UNENCRYPTED_AND_ENCRYPTED"),
                "Cloud SQL allows plain",
            ],
            [
                "aws-prod",
                "aws:rds/instance:Instance",
                "no-public-database",
                (i) => (i.publiclyAccessible = true),
                "RDS public",
            ],
            [
                "aws-prod",
                "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
                "no-public-database",
                (i) => (i.cidrIpv4 = "0.0.0.0/0"),
                "5432 open to the internet",
            ],
            [
                "gcp-prod",
                "gcp:sql/databaseInstance:DatabaseInstance",
                "no-public-database",
                (i) => ((i.settings as Record<string, Record<string, unknown>>).ipConfiguration.ipv4Enabled = true),
                "Cloud SQL public IP",
            ],
            [
                "azure-prod",
                "azure-native:dbforpostgresql:Server",
                "no-public-database",
                (i) => ((i.network as Record<string, unknown>).publicNetworkAccess = "Enabled"),
                "Flexible Server public",
            ],
            [
                "aws-prod",
                "aws:rds/instance:Instance",
                "encryption-at-rest",
                (i) => (i.storageEncrypted = false),
                "RDS unencrypted",
            ],
            [
                "aws-prod",
                "aws:rds/instance:Instance",
                "deletion-protection-in-production",
                (i) => (i.deletionProtection = false),
                "RDS deletable",
            ],
            [
                "gcp-prod",
                "gcp:sql/databaseInstance:DatabaseInstance",
                "deletion-protection-in-production",
                (i) => (i.deletionProtection = false),
                "Cloud SQL deletable",
            ],
            [
                "aws-prod",
                "aws:iam/role:Role",
                "no-wildcard-identity-subjects",
                (i) =>
                    (i.assumeRolePolicy = String(i.assumeRolePolicy).replace(
                        /system:serviceaccount:langsmith:langsmith-backend/,
                        "system:serviceaccount:langsmith:*",
                    )),
                "IRSA wildcard subject",
            ],
            [
                "aws-prod",
                "aws:iam/role:Role",
                "no-wildcard-identity-subjects",
                (i) => (i.assumeRolePolicy = String(i.assumeRolePolicy).replace('"StringEquals"', '"StringLike"')),
                "IRSA StringLike",
            ],
            [
                "azure-prod",
                "azure-native:managedidentity:FederatedIdentityCredential",
                "no-wildcard-identity-subjects",
                (i) => (i.subject = "system:serviceaccount:langsmith:*"),
                "federated credential wildcard",
            ],
            [
                "aws-prod",
                "aws:iam/rolePolicy:RolePolicy",
                "exact-rds-db-connect",
                (i) => (i.policy = String(i.policy).replace(/dbuser:[^"]+/, "dbuser:*/*")),
                "rds-db:connect on every user",
            ],
            [
                "aws-prod",
                "kubernetes:helm.sh/v3:Release",
                "no-inline-secrets-in-helm-values",
                (i) => ((i.values as Record<string, Record<string, unknown>>).config.langsmithLicenseKey = "lk-inline"),
                "inline license key",
            ],
            [
                "aws-prod",
                "kubernetes:helm.sh/v3:Release",
                "no-inline-secrets-in-helm-values",
                (i) =>
                    ((i.values as Record<string, Record<string, Record<string, unknown>>>).postgres.external.password =
                        "hunter2"),
                "inline DB password",
            ],
        ];
        for (const [stackName, type, rule, change, what] of cases) {
            it(`${rule}: ${what}`, async function () {
                const found = violations(broken(await stack(stackName), type, change), true);
                assert.ok(
                    found.some((v) => v.startsWith(`${rule}: `)),
                    `expected ${rule} to fire, got ${JSON.stringify(found)}`,
                );
            });
        }
        it("no-database-password: a root password, a built-in user, password auth on Flexible Server", async function () {
            const fires = (resources: PolicyInput[], pattern: RegExp) =>
                assert.ok(
                    violations(resources, false).some((v) => v.startsWith("no-database-password: ") && pattern.test(v)),
                    `expected no-database-password to report ${pattern}`,
                );
            fires(
                broken(
                    await stack("gcp-dev"),
                    "gcp:sql/databaseInstance:DatabaseInstance",
                    (i) => (i.rootPassword = "x"),
                ),
                /rootPassword/,
            );
            const gcp = structuredClone(asPolicyInputs(await stack("gcp-dev")));
            gcp.push({ type: "gcp:sql/user:User", name: "admin", inputs: { name: "langsmith_admin", password: "x" } });
            fires(gcp, /built-in user/);
            fires(
                broken(await stack("azure-dev"), "azure-native:dbforpostgresql:Server", (i) => {
                    (i.authConfig as Record<string, unknown>).passwordAuth = "Enabled";
                    i.administratorLogin = "langsmith_admin";
                    i.administratorLoginPassword = "x";
                }),
                /passwordAuth: Disabled/,
            );
            fires(
                broken(
                    await stack("azure-dev"),
                    "azure-native:dbforpostgresql:Server",
                    (i) => (i.administratorLogin = "a"),
                ),
                /remove administratorLogin/,
            );
        });
        it("admin-identity-for-the-bootstrap-only: the app's identity as Entra administrator, the app's service account in cloudsqlsuperuser", async function () {
            const azure = structuredClone(asPolicyInputs(await stack("azure-dev")));
            const admin = azure.find((x) => x.type === "azure-native:dbforpostgresql:AdministratorsMicrosoftEntra")!;
            admin.inputs.principalName = "langsmith"; // the app's identity, trusted by every LangSmith service account
            assert.ok(
                violations(azure, false).some((v) =>
                    /^admin-identity-for-the-bootstrap-only: .*administrator langsmith is trusted by \d+ service accounts/.test(
                        v,
                    ),
                ),
            );
            const gcp = structuredClone(asPolicyInputs(await stack("gcp-dev")));
            const users = gcp.filter((x) => x.type === "gcp:sql/user:User");
            const app = users.find((u) => u.inputs.databaseRoles === undefined)!;
            app.inputs.databaseRoles = ["cloudsqlsuperuser"];
            assert.ok(
                violations(gcp, false).some((v) =>
                    /^admin-identity-for-the-bootstrap-only: Cloud SQL user langsmith@.* has 4 Workload Identity bindings/.test(
                        v,
                    ),
                ),
            );
        });
        it("gcp workload identity binding with a wildcard member", async function () {
            const r = await stack("gcp-prod");
            const resources = structuredClone(asPolicyInputs(r));
            const binding = resources.find(
                (x) =>
                    x.type.startsWith("gcp:serviceaccount/iAM") && x.inputs.role === "roles/iam.workloadIdentityUser",
            );
            assert.ok(binding, "the gcp stack has workload identity bindings");
            binding.inputs.member = "serviceAccount:acme.svc.id.goog[langsmith/*]";
            assert.ok(violations(resources, true).some((v) => v.startsWith("no-wildcard-identity-subjects: ")));
        });
        it("protected-database-in-production: an unprotected database, and an Azure server without its lock", async function () {
            const aws = structuredClone(asPolicyInputs(await stack("aws-prod")));
            aws.find((x) => x.type === "aws:rds/instance:Instance")!.protect = false;
            assert.ok(violations(aws, true).some((v) => v.startsWith("protected-database-in-production: ")));
            const azure = structuredClone(asPolicyInputs(await stack("azure-prod"))).filter(
                (x) => x.type !== "azure-native:authorization:ManagementLockByScope",
            );
            assert.ok(violations(azure, true).some((v) => v.includes("CanNotDelete")));
        });
    });
});

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

/** Deep copy of the stack with one change to each resource of a type (and name, when given), for the negative tests. */
function broken(
    r: SynthResult,
    type: string,
    change: (inputs: Record<string, unknown>) => void,
    name?: string,
): PolicyInput[] {
    const resources = structuredClone(asPolicyInputs(r));
    // Every such resource the change alters (a stack can have several: the app's and the bootstrap's roles).
    const targets = resources.filter((x) => x.type === type && (name === undefined || x.name === name));
    let altered = 0;
    for (const target of targets) {
        const before = JSON.stringify(target.inputs);
        change(target.inputs);
        if (JSON.stringify(target.inputs) !== before) altered++;
    }
    if (altered === 0) throw new Error(`no ${type}${name ? ` named ${name}` : ""} in the stack that the change alters`);
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
        const cases: [string, string, string, (i: Record<string, unknown>) => void, string, string?][] = [
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
                "langsmith-identity-rds-connect",
            ],
            [
                "aws-prod",
                "aws:iam/rolePolicy:RolePolicy",
                "exact-elasticache-connect",
                (i) => (i.policy = String(i.policy).replace(/replicationgroup:[^"]+/, "replicationgroup:*")),
                "elasticache:Connect on every cache",
                "langsmith-redis-connect",
            ],
            [
                "aws-prod",
                "aws:iam/rolePolicy:RolePolicy",
                "exact-elasticache-connect",
                (i) => (i.policy = String(i.policy).replace(/,"arn:[^"]+:user:[^"]+"/, "")),
                "elasticache:Connect without the user",
                "langsmith-redis-connect",
            ],
            [
                "azure-prod",
                "azure-native:redisenterprise:Database",
                "iam-database-auth",
                (i) => (i.accessKeysAuthentication = "Enabled"),
                "Azure Managed Redis with access keys",
            ],
            [
                "azure-prod",
                "azure-native:redisenterprise:Database",
                "tls-enforced",
                (i) => (i.clientProtocol = "Plaintext"),
                "Azure Managed Redis accepting plain text",
            ],
            [
                "azure-prod",
                "azure-native:redisenterprise:RedisEnterprise",
                "no-public-database",
                (i) => (i.publicNetworkAccess = "Enabled"),
                "Azure Managed Redis on a public network",
            ],
            [
                "azure-prod",
                "azure-native:redisenterprise:RedisEnterprise",
                "deletion-protection-in-production",
                (i) => (i.highAvailability = "Disabled"),
                "production Azure Managed Redis on one node",
            ],
            [
                "azure-prod",
                "azure-native:redisenterprise:Database",
                "deletion-protection-in-production",
                (i) => (i.persistence = { aofEnabled: false, rdbEnabled: false }),
                "production Azure Managed Redis without persistence",
            ],
            [
                "aws-prod",
                "aws:elasticache/replicationGroup:ReplicationGroup",
                "tls-enforced",
                (i) => (i.transitEncryptionMode = "preferred"),
                "ElastiCache accepting plain text",
            ],
            [
                "aws-prod",
                "aws:elasticache/replicationGroup:ReplicationGroup",
                "encryption-at-rest",
                (i) => (i.atRestEncryptionEnabled = false),
                "ElastiCache unencrypted",
            ],
            [
                "aws-prod",
                "aws:elasticache/replicationGroup:ReplicationGroup",
                "iam-database-auth",
                (i) => (i.authToken = "not-a-real-token-0123456789"),
                "ElastiCache with an auth token",
            ],
            [
                "aws-prod",
                "aws:elasticache/replicationGroup:ReplicationGroup",
                "deletion-protection-in-production",
                (i) => (i.snapshotRetentionLimit = 1),
                "ElastiCache keeping one day of snapshots",
            ],
            [
                "aws-prod",
                "aws:elasticache/replicationGroup:ReplicationGroup",
                "deletion-protection-in-production",
                (i) => (i.multiAzEnabled = false),
                "ElastiCache in one zone",
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
        for (const [stackName, type, rule, change, what, name] of cases) {
            it(`${rule}: ${what}`, async function () {
                const found = violations(broken(await stack(stackName), type, change, name), true);
                assert.ok(
                    found.some((v) => v.startsWith(`${rule}: `)),
                    `expected ${rule} to fire, got ${JSON.stringify(found)}`,
                );
            });
        }
        describe("blob-storage-private-tls-keyless fires on a public, plain-text or keyed store", function () {
            const rule = "blob-storage-private-tls-keyless";
            const fires = (resources: PolicyInput[], pattern: RegExp) =>
                assert.ok(
                    violations(resources, false).some((v) => v.startsWith(`${rule}: `) && pattern.test(v)),
                    `expected ${rule} to report ${pattern}, got ${JSON.stringify(violations(resources, false))}`,
                );
            const blockFlag = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
            const cases: [string, string, (i: Record<string, unknown>) => void, RegExp][] = [
                ["aws-dev", blockFlag, (i) => (i.restrictPublicBuckets = false), /BucketPublicAccessBlock/],
                [
                    "aws-dev",
                    "aws:s3/bucketPolicy:BucketPolicy",
                    (i) => (i.policy = JSON.stringify({ Version: "2012-10-17", Statement: [] })),
                    /SecureTransport/,
                ],
                ["aws-dev", "aws:s3/bucket:Bucket", (i) => (i.acl = "public-read"), /public-read ACL/],
                ["gcp-dev", "gcp:storage/bucket:Bucket", (i) => (i.publicAccessPrevention = "inherited"), /enforced/],
                ["gcp-dev", "gcp:storage/bucket:Bucket", (i) => (i.uniformBucketLevelAccess = false), /uniform/],
                ["gcp-dev", "gcp:storage/bucketIAMMember:BucketIAMMember", (i) => (i.member = "allUsers"), /allUsers/],
                [
                    "azure-dev",
                    "azure-native:storage:StorageAccount",
                    (i) => (i.allowSharedKeyAccess = true),
                    /allowSharedKeyAccess/,
                ],
                [
                    "azure-dev",
                    "azure-native:storage:StorageAccount",
                    (i) => (i.allowBlobPublicAccess = true),
                    /allowBlobPublicAccess/,
                ],
                ["azure-dev", "azure-native:storage:StorageAccount", (i) => (i.minimumTlsVersion = "TLS1_0"), /TLS1_2/],
                [
                    "azure-dev",
                    "azure-native:storage:StorageAccount",
                    (i) => (i.enableHttpsTrafficOnly = false),
                    /HTTPS only/,
                ],
                ["azure-dev", "azure-native:storage:BlobContainer", (i) => (i.publicAccess = "Blob"), /None/],
            ];
            for (const [stackName, type, change, pattern] of cases)
                it(`${type.split(":").pop()} on ${stackName}: ${pattern.source}`, async function () {
                    fires(broken(await stack(stackName), type, change), pattern);
                });
            it("a storage key of any cloud (IAM access key, HMAC key)", async function () {
                for (const [stackName, type] of [
                    ["aws-dev", "aws:iam/accessKey:AccessKey"],
                    ["gcp-dev", "gcp:storage/hmacKey:HmacKey"],
                ]) {
                    const resources = [
                        ...asPolicyInputs(await stack(stackName)),
                        { type, name: "leaked-key", inputs: {} },
                    ];
                    fires(resources, /key leaked-key: remove it/);
                }
            });
        });
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
                    /^admin-identity-for-the-bootstrap-only: Cloud SQL user langsmith@.* has 8 Workload Identity bindings/.test(
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
            const cache = structuredClone(asPolicyInputs(await stack("aws-prod")));
            cache.find((x) => x.type === "aws:elasticache/replicationGroup:ReplicationGroup")!.protect = false;
            assert.ok(
                violations(cache, true).some((v) =>
                    v.startsWith("protected-database-in-production: aws:elasticache/replicationGroup"),
                ),
            );
            const azure = structuredClone(asPolicyInputs(await stack("azure-prod"))).filter(
                (x) => x.type !== "azure-native:authorization:ManagementLockByScope",
            );
            assert.ok(violations(azure, true).some((v) => v.includes("CanNotDelete")));
        });
    });

    describe("no database password, and the bootstrap on its own identity with verify-full (issue 12)", function () {
        const jobOf = (resources: PolicyInput[]) =>
            resources.find((x) => x.type === "kubernetes:batch/v1:Job")!.inputs as {
                spec: {
                    template: {
                        spec: Record<string, unknown> & { containers: { env: { name: string; value?: string }[] }[] };
                    };
                };
            };
        const bootstrapViolations = (resources: PolicyInput[]) =>
            violations(resources, false).filter((v) => v.startsWith("bootstrap-job-own-identity-verify-full: "));

        for (const name of listStacks()) {
            it(`${name}: no Secret holds a database password, the Job has its own service account, verify-full and a CA`, async function () {
                const resources = asPolicyInputs(await stack(name));
                assert.deepEqual(
                    violations(resources, isProduction(name)).filter((v) =>
                        /^(no-database-password|bootstrap-job)/.test(v),
                    ),
                    [],
                );
                const job = jobOf(resources);
                assert.ok(job, "the stack has the bootstrap Job");
            });
        }

        it("no-database-password fires on an RDS password, an unmanaged master password, a Secret or a container with one", async function () {
            const r = await stack("aws-prod");
            const fires = (resources: PolicyInput[], what: string) =>
                assert.ok(
                    violations(resources, true).some((v) => v.startsWith("no-database-password: ")),
                    what,
                );
            fires(
                broken(r, "aws:rds/instance:Instance", (i) => (i.password = "generated-by-pulumi-1")),
                "password",
            );
            fires(
                broken(r, "aws:rds/instance:Instance", (i) => delete i.manageMasterUserPassword),
                "not managed by RDS",
            );
            fires(
                broken(r, "kubernetes:core/v1:Secret", (i) => (i.stringData = { PGPASSWORD: "x" })),
                "a Secret with PGPASSWORD",
            );
            fires(
                broken(r, "kubernetes:batch/v1:Job", (i) =>
                    (i as ReturnType<typeof jobOf>).spec.template.spec.containers[0].env.push({
                        name: "PGPASSWORD",
                        value: "x",
                    }),
                ),
                "a container given PGPASSWORD",
            );
        });

        it("bootstrap-job-own-identity-verify-full fires on sslmode require, no CA, the default or LangSmith's service account, a Secret in its namespace", async function () {
            const r = await stack("aws-dev");
            const env = (i: Record<string, unknown>) =>
                (i as ReturnType<typeof jobOf>).spec.template.spec.containers[0].env;
            const cases: [string, PolicyInput[]][] = [
                [
                    "require",
                    broken(
                        r,
                        "kubernetes:batch/v1:Job",
                        (i) => (env(i).find((e) => e.name === "PGSSLMODE")!.value = "require"),
                    ),
                ],
                [
                    "no root certificate",
                    broken(r, "kubernetes:batch/v1:Job", (i) =>
                        env(i).splice(
                            env(i).findIndex((e) => e.name === "PGSSLROOTCERT"),
                            1,
                        ),
                    ),
                ],
                [
                    "a ConfigMap without the CA",
                    broken(
                        r,
                        "kubernetes:core/v1:ConfigMap",
                        (i) => delete (i.data as Record<string, unknown>)["ca.pem"],
                    ),
                ],
                [
                    "the default service account",
                    broken(
                        r,
                        "kubernetes:batch/v1:Job",
                        (i) => ((i as ReturnType<typeof jobOf>).spec.template.spec.serviceAccountName = "default"),
                    ),
                ],
            ];
            // LangSmith's identity on the bootstrap's account: the app's IRSA annotation copied over.
            const shared = structuredClone(asPolicyInputs(r));
            const accounts = shared.filter((x) => x.type === "kubernetes:core/v1:ServiceAccount");
            const app = accounts.find((a) => (a.inputs.metadata as { namespace: string }).namespace === "langsmith")!;
            const own = accounts.find(
                (a) => (a.inputs.metadata as { namespace: string }).namespace === "langsmith-db-bootstrap",
            )!;
            (own.inputs.metadata as Record<string, unknown>).annotations = (
                app.inputs.metadata as Record<string, unknown>
            ).annotations;
            cases.push(["LangSmith's identity", shared]);
            const withSecret = structuredClone(asPolicyInputs(r));
            withSecret.push({
                type: "kubernetes:core/v1:Secret",
                name: "admin",
                inputs: { metadata: { namespace: "langsmith-db-bootstrap" }, stringData: { token: "x" } },
            });
            cases.push(["a Secret in the bootstrap namespace", withSecret]);
            assert.deepEqual(bootstrapViolations(asPolicyInputs(r)), [], "the control");
            for (const [what, resources] of cases) assert.notDeepEqual(bootstrapViolations(resources), [], what);
        });
    });
});

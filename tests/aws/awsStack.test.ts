import { strict as assert } from "node:assert";
import { postgresServiceAccounts } from "../../components/langsmith/workloads";
import { MOCK_ACCOUNT_ID } from "../../tools/offline/cloudMocks";
import { mockClusterSecurityGroupId } from "../../components/testing/mocks/aws";
import { at, helmValues, ofType, one, synthStack } from "../support/synth";

/** The default list: the four core workloads and the Insights and Polly agents (on by default, as in the chart). */
const EXPECTED_SAS = [
    "langsmith-backend",
    "langsmith-queue",
    "langsmith-ingest-queue",
    "langsmith-platform-backend",
    "langsmith-standalone-insights-api-server",
    "langsmith-standalone-insights-queue",
    "langsmith-standalone-polly-api-server",
    "langsmith-standalone-polly-queue",
];

/** The app's IAM role and policy, and the bootstrap's (components/aws/bootstrapIdentity.ts). */
const APP_ROLE = "langsmith-identity-role";
const APP_POLICY = "langsmith-identity-rds-connect";

/** LangSmith's service accounts (the bootstrap's own lives in its namespace). */
function appServiceAccounts(result: Awaited<ReturnType<typeof synthStack>>) {
    return ofType(result, "kubernetes:core/v1:ServiceAccount").filter(
        (sa) => at(sa.inputs, ["metadata", "namespace"]) === "langsmith",
    );
}

/** The Pod Identity associations of LangSmith's service accounts. */
function appAssociations(result: Awaited<ReturnType<typeof synthStack>>) {
    return ofType(result, "aws:eks/podIdentityAssociation:PodIdentityAssociation").filter(
        (a) => a.inputs.namespace === "langsmith",
    );
}

describe("AWS path under the Pulumi mock runtime", function () {
    describe("aws-dev", function () {
        let result: Awaited<ReturnType<typeof synthStack>>;
        before(async function () {
            result = await synthStack("aws-dev", { showSecrets: true });
        });

        it("creates an RDS PostgreSQL with IAM auth, encryption, no public access, TLS forced", function () {
            const db = one(result, "aws:rds/instance:Instance").inputs;
            assert.equal(db.engine, "postgres");
            assert.equal(db.engineVersion, "17");
            assert.equal(db.iamDatabaseAuthenticationEnabled, true);
            assert.equal(db.storageEncrypted, true);
            assert.equal(db.publiclyAccessible, false);
            assert.equal(db.instanceClass, "db.t4g.large");
            assert.equal(db.dbName, "langsmith");
            assert.ok(Number(db.backupRetentionPeriod) >= 1);
            const params = one(result, "aws:rds/parameterGroup:ParameterGroup");
            assert.equal(params.inputs.family, "postgres17");
            assert.deepEqual(params.inputs.parameters, [
                { name: "rds.force_ssl", value: "1", applyMethod: "pending-reboot" },
            ]);
            assert.equal(db.parameterGroupName, params.outputs.name);
            const subnets = one(result, "aws:rds/subnetGroup:SubnetGroup");
            assert.equal(db.dbSubnetGroupName, subnets.outputs.name);
            assert.deepEqual(subnets.inputs.subnetIds, [
                "subnet-0a1b2c3d4e5f60001",
                "subnet-0a1b2c3d4e5f60002",
                "subnet-0a1b2c3d4e5f60003",
            ]);
        });

        it("admits 5432 only from the cluster security group and the cluster's subnets, and says so in an output", function () {
            const sg = one(result, "aws:ec2/securityGroup:SecurityGroup", "langsmith-db-sg");
            const db = one(result, "aws:rds/instance:Instance").inputs;
            assert.deepEqual(db.vpcSecurityGroupIds, [sg.id]);
            // (Redis' own rules, on its own security group, are tested in tests/aws/redis.test.ts.)
            const rules = ofType(result, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter((r) =>
                r.name.startsWith("langsmith-db-"),
            );
            assert.equal(rules.length, 2);
            for (const rule of rules) {
                assert.equal(rule.inputs.securityGroupId, sg.id);
                assert.equal(rule.inputs.fromPort, 5432);
                assert.equal(rule.inputs.toPort, 5432);
                assert.equal(rule.inputs.ipProtocol, "tcp");
                assert.equal(rule.inputs.cidrIpv4, undefined, "no single CIDR rule: blocks go through the prefix list");
            }
            const clusterSg = mockClusterSecurityGroupId("platform-dev");
            assert.deepEqual(rules.map((r) => r.inputs.referencedSecurityGroupId).filter(Boolean), [clusterSg]);
            const list = one(result, "aws:ec2/managedPrefixList:ManagedPrefixList");
            assert.deepEqual(rules.map((r) => r.inputs.prefixListId).filter(Boolean), [list.id]);
            assert.equal(list.inputs.addressFamily, "IPv4");
            assert.deepEqual(
                (list.inputs.entries as { cidr: string }[]).map((e) => e.cidr),
                ["10.0.0.0/19", "10.0.32.0/19", "10.0.64.0/19"],
            );
            assert.equal(list.inputs.maxEntries, 3);
            assert.deepEqual(result.outputs.databaseAllowedFrom, [
                `${clusterSg} (security group of EKS cluster platform-dev)`,
                "10.0.0.0/19 (subnet subnet-0a1b2c3d4e5f60001 (us-east-1a) of EKS cluster platform-dev)",
                "10.0.32.0/19 (subnet subnet-0a1b2c3d4e5f60002 (us-east-1b) of EKS cluster platform-dev)",
                "10.0.64.0/19 (subnet subnet-0a1b2c3d4e5f60003 (us-east-1c) of EKS cluster platform-dev)",
            ]);
        });

        it("trusts exactly the Postgres-connecting service accounts through the cluster's OIDC provider", function () {
            const role = one(result, "aws:iam/role:Role", APP_ROLE);
            const policy = JSON.parse(String(role.inputs.assumeRolePolicy));
            assert.equal(policy.Statement.length, 1);
            const st = policy.Statement[0];
            assert.equal(st.Action, "sts:AssumeRoleWithWebIdentity");
            assert.match(
                st.Principal.Federated,
                new RegExp(
                    `^arn:aws:iam::${MOCK_ACCOUNT_ID}:oidc-provider/oidc\\.eks\\.us-east-1\\.amazonaws\\.com/id/[0-9A-F]{32}$`,
                ),
            );
            const issuer = st.Principal.Federated.split("oidc-provider/")[1];
            assert.deepEqual(st.Condition.StringEquals[`${issuer}:aud`], "sts.amazonaws.com");
            assert.deepEqual(
                st.Condition.StringEquals[`${issuer}:sub`],
                EXPECTED_SAS.map((sa) => `system:serviceaccount:langsmith:${sa}`),
            );
            assert.ok(!JSON.stringify(policy).includes("*"), "no wildcard anywhere in the trust policy");
        });

        it("allows rds-db:connect on exactly the IAM user of this instance", function () {
            const db = one(result, "aws:rds/instance:Instance");
            const policy = JSON.parse(String(one(result, "aws:iam/rolePolicy:RolePolicy", APP_POLICY).inputs.policy));
            assert.deepEqual(policy.Statement, [
                {
                    Sid: "ConnectAsIamUser",
                    Effect: "Allow",
                    Action: "rds-db:connect",
                    Resource: `arn:aws:rds-db:us-east-1:${MOCK_ACCOUNT_ID}:dbuser:${db.outputs.resourceId}/langsmith`,
                },
            ]);
        });

        it("annotates every Postgres-connecting service account with the role's ARN, and nothing else", function () {
            const roleArn = one(result, "aws:iam/role:Role", APP_ROLE).outputs.arn;
            const sas = appServiceAccounts(result);
            assert.deepEqual(sas.map((sa) => at(sa.inputs, ["metadata", "name"])).sort(), [...EXPECTED_SAS].sort());
            for (const sa of sas) {
                assert.deepEqual(at(sa.inputs, ["metadata", "annotations"]), { "eks.amazonaws.com/role-arn": roleArn });
                assert.equal(at(sa.inputs, ["metadata", "namespace"]), "langsmith");
            }
            assert.equal(appAssociations(result).length, 0);
        });

        it("writes a passwordless connection_url for the IAM user with TLS required", function () {
            const db = one(result, "aws:rds/instance:Instance").outputs;
            const secret = one(result, "kubernetes:core/v1:Secret", "langsmith-postgres");
            assert.deepEqual(at(secret.inputs, ["stringData"]), {
                connection_url: `langsmith@${db.address}:5432/langsmith?sslmode=require`,
            });
        });

        it("wires the Helm values to the Secrets, the service accounts and iamAuthProvider aws", function () {
            const values = helmValues(result);
            const pgSecret = one(result, "kubernetes:core/v1:Secret", "langsmith-postgres").outputs;
            const cfgSecret = one(result, "kubernetes:core/v1:Secret", "langsmith-config").outputs;
            assert.deepEqual(at(values, ["postgres", "external"]), {
                enabled: true,
                existingSecretName: at(pgSecret, ["metadata", "name"]),
                connectionUrlSecretKey: "connection_url",
                iamAuthProvider: "aws",
                schema: "public",
            });
            assert.equal(at(values, ["config", "existingSecretName"]), at(cfgSecret, ["metadata", "name"]));
            for (const sa of postgresServiceAccounts({
                releaseName: "langsmith",
                deployments: false,
                insights: true,
                polly: true,
            })) {
                assert.deepEqual(at(values, [...sa.componentPath, "serviceAccount"]), { create: false, name: sa.name });
            }
            const release = one(result, "kubernetes:helm.sh/v3:Release").inputs;
            assert.equal(release.chart, "langsmith");
            assert.equal(release.version, "0.16.11");
            assert.deepEqual(release.repositoryOpts, { repo: "https://langchain-ai.github.io/helm" });
            assert.equal(release.name, "langsmith");
        });

        it("puts the chart's secrets in the config Secret: license key, salts, admin password, agents' keys", function () {
            const data = at(one(result, "kubernetes:core/v1:Secret", "langsmith-config").inputs, [
                "stringData",
            ]) as Record<string, string>;
            assert.deepEqual(Object.keys(data).sort(), [
                "api_key_salt",
                "initial_org_admin_password",
                "insights_encryption_key",
                "jwt_secret",
                "langsmith_license_key",
                "polly_encryption_key",
            ]);
            assert.equal(data.langsmith_license_key, "offline-placeholder-langsmith-licenseKey");
            assert.ok(data.initial_org_admin_password.length >= 12, "the chart needs at least 12 characters");
        });

        it("runs the bootstrap before the release, in its own namespace, against the RDS endpoint", function () {
            const job = one(result, "kubernetes:batch/v1:Job");
            const release = one(result, "kubernetes:helm.sh/v3:Release");
            assert.ok(release.dependencies.includes(job.urn), "the release must wait for the bootstrap Job");
            assert.equal(at(job.inputs, ["metadata", "namespace"]), "langsmith-db-bootstrap");
            const env = at(job.inputs, ["spec", "template", "spec", "containers", "0", "env"]) as {
                name: string;
                value?: string;
                valueFrom?: unknown;
            }[];
            const byName = Object.fromEntries(env.map((e) => [e.name, e]));
            const db = one(result, "aws:rds/instance:Instance").outputs;
            assert.equal(byName.PGHOST.value, db.address);
            assert.equal(byName.PGHOSTADDR, undefined, "RDS's certificate names its endpoint");
            assert.equal(byName.PGUSER.value, "langsmith_admin");
            assert.equal(byName.PGSSLMODE.value, "verify-full");
            assert.equal(byName.PGSSLROOTCERT.value, "/bootstrap/ca.pem");
            assert.equal(byName.PGPASSFILE.value, "/run/pg/pgpass");
            assert.equal(byName.PGPASSWORD, undefined, "no password in the Job's spec");
            const sqlMap = one(result, "kubernetes:core/v1:ConfigMap");
            const sql = String(at(sqlMap.inputs, ["data", "bootstrap.sql"]));
            assert.match(sql, /GRANT "rds_iam" TO "langsmith";/);
            assert.match(String(at(job.inputs, ["metadata", "name"])), /^langsmith-db-bootstrap-[0-9a-f]{10}$/);
        });

        it("does not protect the dev database", function () {
            const db = one(result, "aws:rds/instance:Instance");
            assert.equal(db.protect, false);
            assert.equal(db.inputs.deletionProtection, false);
            assert.equal(db.inputs.skipFinalSnapshot, true);
        });
    });

    describe("aws-prod", function () {
        let result: Awaited<ReturnType<typeof synthStack>>;
        before(async function () {
            result = await synthStack("aws-prod");
        });

        it("protects the database: Pulumi protect, deletion protection, final snapshot, 7+ days of backups, Multi-AZ", function () {
            const db = one(result, "aws:rds/instance:Instance");
            assert.equal(db.protect, true);
            assert.equal(db.inputs.deletionProtection, true);
            assert.equal(db.inputs.skipFinalSnapshot, false);
            assert.equal(db.inputs.finalSnapshotIdentifier, "langsmith-db-final-snapshot");
            assert.ok(Number(db.inputs.backupRetentionPeriod) >= 7);
            assert.equal(db.inputs.multiAz, true);
            assert.equal(db.inputs.instanceClass, "db.m7g.large");
            assert.equal(db.inputs.applyImmediately, false);
        });

        it("exports the endpoint, IAM user, role, release and URL, with no secret in plain text", function () {
            assert.equal(result.outputs.databaseIamUser, "langsmith");
            assert.equal(result.outputs.langsmithUrl, "https://langsmith.example.com");
            assert.equal(result.outputs.releaseStatus, "deployed");
            // The values the mocked cloud gave the role and the instance, not their shapes.
            assert.equal(result.outputs.roleArn, one(result, "aws:iam/role:Role", APP_ROLE).outputs.arn);
            assert.equal(result.outputs.databaseHost, one(result, "aws:rds/instance:Instance").outputs.address);
        });
    });

    describe("EKS Pod Identity mode", function () {
        it("trusts pods.eks.amazonaws.com narrowed to the cluster, namespace and service accounts; one association per account; no annotation", async function () {
            const result = await synthStack("aws-dev", {
                override: { "langsmith:aws": { identityMode: "podIdentity" } },
            });
            const role = one(result, "aws:iam/role:Role", APP_ROLE);
            const st = JSON.parse(String(role.inputs.assumeRolePolicy)).Statement[0];
            assert.deepEqual(st.Principal, { Service: "pods.eks.amazonaws.com" });
            assert.deepEqual(st.Action, ["sts:AssumeRole", "sts:TagSession"]);
            assert.deepEqual(st.Condition.StringEquals["aws:RequestTag/kubernetes-service-account"], EXPECTED_SAS);
            assert.equal(st.Condition.StringEquals["aws:RequestTag/kubernetes-namespace"], "langsmith");
            assert.equal(
                st.Condition.StringEquals["aws:RequestTag/eks-cluster-arn"],
                `arn:aws:eks:us-east-1:${MOCK_ACCOUNT_ID}:cluster/platform-dev`,
            );
            const assocs = appAssociations(result);
            assert.deepEqual(assocs.map((a) => a.inputs.serviceAccount).sort(), [...EXPECTED_SAS].sort());
            for (const a of assocs) {
                assert.equal(a.inputs.namespace, "langsmith");
                assert.equal(a.inputs.clusterName, "platform-dev");
                assert.equal(a.inputs.roleArn, role.outputs.arn);
            }
            for (const sa of appServiceAccounts(result))
                assert.deepEqual(at(sa.inputs, ["metadata", "annotations"]), {});
            const release = one(result, "kubernetes:helm.sh/v3:Release");
            for (const a of assocs)
                assert.ok(release.dependencies.includes(a.urn), "pods must not start before their association exists");
        });
    });

    describe("chart options change the workload list everywhere at once", function () {
        it("with deployments, insights and polly on, trust subjects, service accounts and values all name the same 10 accounts", async function () {
            const result = await synthStack("aws-prod", {
                override: { "langsmith:chart": { deployments: true, insights: true, polly: true } },
            });
            const expected = postgresServiceAccounts({
                releaseName: "langsmith",
                deployments: true,
                insights: true,
                polly: true,
            }).map((s) => s.name);
            assert.equal(expected.length, 10);
            const st = JSON.parse(String(one(result, "aws:iam/role:Role", APP_ROLE).inputs.assumeRolePolicy))
                .Statement[0];
            const subs = Object.entries(st.Condition.StringEquals).find(([k]) => k.endsWith(":sub"))?.[1];
            assert.deepEqual(
                subs,
                expected.map((n) => `system:serviceaccount:langsmith:${n}`),
            );
            assert.deepEqual(
                appServiceAccounts(result)
                    .map((sa) => at(sa.inputs, ["metadata", "name"]))
                    .sort(),
                [...expected].sort(),
            );
            const values = helmValues(result);
            assert.equal(
                at(values, ["engineInsightsAgent", "apiServer", "serviceAccount", "name"]),
                "langsmith-standalone-insights-api-server",
            );
            assert.equal(at(values, ["polly", "queue", "serviceAccount", "name"]), "langsmith-standalone-polly-queue");
            assert.equal(at(values, ["config", "deployment", "enabled"]), true);
            assert.equal(at(values, ["ingress", "enabled"]), true);
        });
    });
});

describe("AWS: the release waits for the role's rds-db:connect policy", function () {
    for (const identityMode of ["irsa", "podIdentity"]) {
        it(`${identityMode}: the Helm release depends on the RolePolicy`, async function () {
            const result = await synthStack("aws-dev", { override: { "langsmith:aws": { identityMode } } });
            const policy = one(result, "aws:iam/rolePolicy:RolePolicy", APP_POLICY);
            const release = one(result, "kubernetes:helm.sh/v3:Release");
            assert.ok(release.dependencies.includes(policy.urn), "pods must not start before the role may connect");
            for (const association of appAssociations(result)) {
                assert.ok(release.dependencies.includes(association.urn));
            }
        });
    }
});

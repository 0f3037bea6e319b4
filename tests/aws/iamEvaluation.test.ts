/**
 * The IAM documents the AWS path registers, evaluated by an independent IAM policy evaluator
 * (@cloud-copilot/iam-simulate, a test-only dev dependency), not string-matched: exactly the
 * Postgres-connecting service accounts may assume the role, and the role may `rds-db:connect` as
 * exactly the LangSmith user on exactly this database.
 */
import { strict as assert } from "node:assert";
import * as path from "node:path";
import { runSimulation, type Simulation } from "@cloud-copilot/iam-simulate";
import { postgresServiceAccounts } from "../../components/langsmith/workloads";
import { DEFAULT_WORLD, MOCK_ACCOUNT_ID } from "../../tools/offline/cloudMocks";
import { AWS_INVOKE_MOCKS } from "../../components/testing/mocks/aws";
import type { SynthResult } from "../../tools/offline/synthesize";
import { one, synthStack } from "../support/synth";

type Decision = "Allowed" | "ExplicitlyDenied" | "ImplicitlyDenied";

/**
 * The evaluator's validated entry point drops condition keys its action catalogue does not list, and
 * the catalogue has no EKS issuer keys (`oidc.eks.<region>.amazonaws.com/id/<id>:sub`), so IRSA trust
 * is evaluated by its core engine directly (what its `runUnsafeSimulation` does, with the policy
 * named, which that function omits). The version is pinned exactly in package.json.
 */
const SIMULATE_DIST = path.dirname(require.resolve("@cloud-copilot/iam-simulate"));
/** The policy loader the evaluator itself uses (its own dependency, resolved from its folder). */
const { loadPolicy } = require(require.resolve("@cloud-copilot/iam-policy", { paths: [SIMULATE_DIST] })) as {
    loadPolicy: (policy: unknown, metadata: { name: string }) => unknown;
};
const { authorize } = require(path.join(SIMULATE_DIST, "core_engine/CoreSimulatorEngine.js")) as {
    authorize: (req: unknown) => { result: Decision };
};
const { AwsRequestImpl } = require(path.join(SIMULATE_DIST, "request/request.js")) as {
    AwsRequestImpl: new (
        principal: string,
        resource: { resource: string; accountId: string },
        action: string,
        context: unknown,
    ) => unknown;
};
const { RequestContextImpl } = require(path.join(SIMULATE_DIST, "requestContext.js")) as {
    RequestContextImpl: new (values: Record<string, string | string[]>) => unknown;
};
const { DiscoveryContextKeyConstraints } = require(
    path.join(SIMULATE_DIST, "context_keys/discoveryContextKeyConstraints.js"),
) as {
    DiscoveryContextKeyConstraints: new (c: unknown[]) => unknown;
};

function evaluateTrustUnvalidated(
    trustPolicy: unknown,
    principal: string,
    action: string,
    roleArn: string,
    context: Record<string, string | string[]>,
): Decision {
    return authorize({
        request: new AwsRequestImpl(
            principal,
            { resource: roleArn, accountId: MOCK_ACCOUNT_ID },
            action,
            new RequestContextImpl(context),
        ),
        sessionPolicy: undefined,
        identityPolicies: [],
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        resourcePolicy: loadPolicy(trustPolicy, { name: "trust" }),
        permissionBoundaries: undefined,
        vpcEndpointPolicies: undefined,
        simulationParameters: {
            simulationMode: "Strict",
            discoveryContextKeyConstraints: new DiscoveryContextKeyConstraints([]),
        },
        serviceSettings: { s3: { blockPublicAccess: undefined } },
    }).result;
}

async function evaluate(
    simulation: Omit<Simulation, "serviceControlPolicies" | "resourceControlPolicies">,
): Promise<{ decision: Decision; ignored: string[] }> {
    const response = await runSimulation(
        { serviceControlPolicies: [], resourceControlPolicies: [], ...simulation },
        {},
    );
    if (response.resultType === "error")
        assert.fail(`the evaluator refused the input: ${JSON.stringify(response.errors)}`);
    assert.equal(response.resultType, "single");
    return { decision: response.overallResult, ignored: response.result.ignoredContextKeys ?? [] };
}

/** The issuer the mocked cluster reports: what the trust must name, taken from the cluster, not from the policy. */
function clusterIssuer(clusterName: string, region: string): string {
    const cluster = AWS_INVOKE_MOCKS["aws:eks/getCluster:getCluster"](
        { name: clusterName },
        { ...DEFAULT_WORLD, awsRegion: region },
    ) as { identities: { oidcs: { issuer: string }[] }[]; arn: string };
    return cluster.identities[0].oidcs[0].issuer.replace(/^https:\/\//, "");
}

function clusterArn(clusterName: string, region: string): string {
    return `arn:aws:eks:${region}:${MOCK_ACCOUNT_ID}:cluster/${clusterName}`;
}

const SERVICE_ACCOUNTS = postgresServiceAccounts({
    releaseName: "langsmith",
    deployments: false,
    insights: false,
    polly: false,
}).map((sa) => sa.name);
const STACKS = {
    "aws-dev": { cluster: "platform-dev", region: "us-east-1" },
    "aws-prod": { cluster: "platform-prod", region: "us-west-2" },
} as const;

function registered(result: SynthResult): { roleArn: string; trust: unknown; connect: unknown; dbResourceId: string } {
    const role = one(result, "aws:iam/role:Role", "langsmith-identity-role");
    const db = one(result, "aws:rds/instance:Instance");
    return {
        roleArn: String(role.outputs.arn),
        trust: JSON.parse(String(role.inputs.assumeRolePolicy)),
        connect: JSON.parse(
            String(one(result, "aws:iam/rolePolicy:RolePolicy", "langsmith-identity-rds-connect").inputs.policy),
        ),
        dbResourceId: String(db.outputs.resourceId),
    };
}

describe("IAM documents, evaluated", function () {
    for (const [stack, { cluster, region }] of Object.entries(STACKS)) {
        describe(`${stack} (IRSA)`, function () {
            let docs: ReturnType<typeof registered>;
            before(async function () {
                docs = registered(await synthStack(stack));
            });
            const issuer = clusterIssuer(cluster, region);
            const provider = `arn:aws:iam::${MOCK_ACCOUNT_ID}:oidc-provider/${issuer}`;
            const web = (sub: string, aud = "sts.amazonaws.com", iss = issuer) => ({
                [`${iss}:sub`]: sub,
                [`${iss}:aud`]: aud,
            });
            const assume = (
                principal: string,
                context: Record<string, string>,
                action = "sts:AssumeRoleWithWebIdentity",
            ) => evaluateTrustUnvalidated(docs.trust, principal, action, docs.roleArn, context);

            it("the evaluator's validated entry point cannot see EKS issuer keys (why the core engine is used)", async function () {
                const { decision, ignored } = await evaluate({
                    request: {
                        principal: provider,
                        action: "sts:AssumeRoleWithWebIdentity",
                        resource: { resource: docs.roleArn, accountId: MOCK_ACCOUNT_ID },
                        contextVariables: web(`system:serviceaccount:langsmith:${SERVICE_ACCOUNTS[0]}`),
                    },
                    identityPolicies: [],
                    resourcePolicy: docs.trust,
                });
                assert.equal(decision, "ImplicitlyDenied");
                assert.deepEqual(ignored.sort(), [`${issuer}:aud`, `${issuer}:sub`].sort());
            });

            it("every Postgres-connecting service account of the namespace may assume the role", function () {
                assert.equal(SERVICE_ACCOUNTS.length, 4);
                for (const sa of SERVICE_ACCOUNTS)
                    assert.equal(assume(provider, web(`system:serviceaccount:langsmith:${sa}`)), "Allowed", sa);
            });

            it("other service accounts, other namespaces, other audiences, another OIDC provider and other actions are denied", function () {
                const sa = SERVICE_ACCOUNTS[0];
                const otherIssuer = "oidc.eks.us-east-1.amazonaws.com/id/0000000000000000000000000000FFFF";
                const denied: [string, string, Record<string, string>, string?][] = [
                    ["another service account", provider, web("system:serviceaccount:langsmith:langsmith-frontend")],
                    ["the default service account", provider, web("system:serviceaccount:langsmith:default")],
                    ["the same name in another namespace", provider, web(`system:serviceaccount:default:${sa}`)],
                    ["the bootstrap namespace", provider, web(`system:serviceaccount:langsmith-db-bootstrap:${sa}`)],
                    ["a prefix of the subject", provider, web("system:serviceaccount:langsmith:langsmith")],
                    [
                        "another audience",
                        provider,
                        web(`system:serviceaccount:langsmith:${sa}`, "https://kubernetes.default.svc"),
                    ],
                    ["no audience", provider, { [`${issuer}:sub`]: `system:serviceaccount:langsmith:${sa}` }],
                    [
                        "another cluster's OIDC provider",
                        `arn:aws:iam::${MOCK_ACCOUNT_ID}:oidc-provider/${otherIssuer}`,
                        web(`system:serviceaccount:langsmith:${sa}`, "sts.amazonaws.com", otherIssuer),
                    ],
                    [
                        "another account's provider for the same issuer",
                        `arn:aws:iam::210987654321:oidc-provider/${issuer}`,
                        web(`system:serviceaccount:langsmith:${sa}`),
                    ],
                    ["plain sts:AssumeRole", provider, web(`system:serviceaccount:langsmith:${sa}`), "sts:AssumeRole"],
                ];
                for (const [what, principal, context, action] of denied)
                    assert.notEqual(assume(principal, context, action), "Allowed", what);
            });

            it("the role may rds-db:connect as exactly the LangSmith user on exactly this instance", async function () {
                const session = `arn:aws:sts::${MOCK_ACCOUNT_ID}:assumed-role/${docs.roleArn.split("/").pop()}/botocore-session-1`;
                const dbuser = (resourceId: string, user: string, r: string = region) =>
                    `arn:aws:rds-db:${r}:${MOCK_ACCOUNT_ID}:dbuser:${resourceId}/${user}`;
                const connect = async (resource: string, action = "rds-db:connect") =>
                    (
                        await evaluate({
                            request: {
                                principal: session,
                                action,
                                resource: { resource, accountId: MOCK_ACCOUNT_ID },
                                contextVariables: {},
                            },
                            identityPolicies: [{ name: "rds-connect", policy: docs.connect }],
                        })
                    ).decision;
                assert.equal(await connect(dbuser(docs.dbResourceId, "langsmith")), "Allowed");
                assert.equal(
                    await connect(dbuser(docs.dbResourceId, "langsmith_admin")),
                    "ImplicitlyDenied",
                    "the master user",
                );
                assert.equal(await connect(dbuser(docs.dbResourceId, "postgres")), "ImplicitlyDenied");
                assert.equal(
                    await connect(dbuser(docs.dbResourceId, "langsmith2")),
                    "ImplicitlyDenied",
                    "a longer name",
                );
                assert.equal(
                    await connect(dbuser("db-OTHERINSTANCE0000000000000", "langsmith")),
                    "ImplicitlyDenied",
                    "another instance",
                );
                assert.equal(
                    await connect(
                        dbuser(docs.dbResourceId, "langsmith", region === "us-east-1" ? "eu-west-1" : "us-east-1"),
                    ),
                    "ImplicitlyDenied",
                    "another region",
                );
                assert.equal(
                    await connect(`arn:aws:rds:${region}:${MOCK_ACCOUNT_ID}:db:langsmith-db`, "rds:DeleteDBInstance"),
                    "ImplicitlyDenied",
                    "another action",
                );
            });
        });
    }

    describe("aws-dev (EKS Pod Identity)", function () {
        let docs: ReturnType<typeof registered>;
        before(async function () {
            docs = registered(
                await synthStack("aws-dev", { override: { "langsmith:aws": { identityMode: "podIdentity" } } }),
            );
        });
        const tags = (sa: string, namespace = "langsmith", cluster = clusterArn("platform-dev", "us-east-1")) => ({
            "aws:RequestTag/eks-cluster-arn": cluster,
            "aws:RequestTag/kubernetes-namespace": namespace,
            "aws:RequestTag/kubernetes-service-account": sa,
        });
        const assume = async (
            context: Record<string, string>,
            action = "sts:AssumeRole",
            principal = "pods.eks.amazonaws.com",
        ) => {
            const { decision, ignored } = await evaluate({
                request: {
                    principal,
                    action,
                    resource: { resource: docs.roleArn, accountId: MOCK_ACCOUNT_ID },
                    contextVariables: context,
                },
                identityPolicies: [],
                resourcePolicy: docs.trust,
            });
            assert.deepEqual(ignored, [], "every session tag key is one the evaluator knows");
            return decision;
        };

        it("the Pod Identity agent may assume the role and tag the session for every Postgres-connecting service account", async function () {
            for (const sa of SERVICE_ACCOUNTS) {
                assert.equal(await assume(tags(sa)), "Allowed", sa);
                assert.equal(await assume(tags(sa), "sts:TagSession"), "Allowed", sa);
            }
        });

        it("other clusters, namespaces, service accounts and principals are denied", async function () {
            const sa = SERVICE_ACCOUNTS[0];
            assert.equal(
                await assume(tags(sa, "langsmith", clusterArn("other", "us-east-1"))),
                "ImplicitlyDenied",
                "another cluster",
            );
            assert.equal(
                await assume(tags(sa, "langsmith", clusterArn("platform-dev", "us-west-2"))),
                "ImplicitlyDenied",
                "same name, another region",
            );
            assert.equal(await assume(tags(sa, "default")), "ImplicitlyDenied", "another namespace");
            assert.equal(await assume(tags("langsmith-frontend")), "ImplicitlyDenied", "another service account");
            assert.equal(
                await assume({
                    "aws:RequestTag/eks-cluster-arn": clusterArn("platform-dev", "us-east-1"),
                    "aws:RequestTag/kubernetes-namespace": "langsmith",
                }),
                "ImplicitlyDenied",
                "no service account tag",
            );
            assert.equal(
                await assume(tags(sa), "sts:AssumeRole", "ec2.amazonaws.com"),
                "ImplicitlyDenied",
                "another service principal",
            );
        });
    });

    describe("aws-dev with the LLM gateway and the Presidio analyzer on (helmValues)", function () {
        // The gateway joins the identity (it needs Postgres and Redis); the analyzer opens no store.
        const helmValues = { agentGateway: { enabled: true }, presidioAnalyzer: { enabled: true } };
        const issuer = clusterIssuer("platform-dev", "us-east-1");
        const provider = `arn:aws:iam::${MOCK_ACCOUNT_ID}:oidc-provider/${issuer}`;
        const web = (sa: string) => ({
            [`${issuer}:sub`]: `system:serviceaccount:langsmith:${sa}`,
            [`${issuer}:aud`]: "sts.amazonaws.com",
        });
        const tags = (sa: string) => ({
            "aws:RequestTag/eks-cluster-arn": clusterArn("platform-dev", "us-east-1"),
            "aws:RequestTag/kubernetes-namespace": "langsmith",
            "aws:RequestTag/kubernetes-service-account": sa,
        });

        it("IRSA: the gateway's account may assume the role, the analyzer's may not; the rds-db:connect policy is the same document", async function () {
            const before = registered(await synthStack("aws-dev"));
            const docs = registered(await synthStack("aws-dev", { override: { "langsmith:helmValues": helmValues } }));
            const assume = (sa: string) =>
                evaluateTrustUnvalidated(docs.trust, provider, "sts:AssumeRoleWithWebIdentity", docs.roleArn, web(sa));
            assert.equal(assume("langsmith-agent-gateway"), "Allowed");
            assert.equal(assume("langsmith-presidio-analyzer"), "ImplicitlyDenied");
            for (const sa of SERVICE_ACCOUNTS) assert.equal(assume(sa), "Allowed", sa);
            assert.deepEqual(docs.connect, before.connect);
        });

        it("Pod Identity: the gateway's account may assume the role and tag the session, the analyzer's may not", async function () {
            const docs = registered(
                await synthStack("aws-dev", {
                    override: { "langsmith:aws": { identityMode: "podIdentity" }, "langsmith:helmValues": helmValues },
                }),
            );
            const assume = async (sa: string, action: string) =>
                (
                    await evaluate({
                        request: {
                            principal: "pods.eks.amazonaws.com",
                            action,
                            resource: { resource: docs.roleArn, accountId: MOCK_ACCOUNT_ID },
                            contextVariables: tags(sa),
                        },
                        identityPolicies: [],
                        resourcePolicy: docs.trust,
                    })
                ).decision;
            for (const action of ["sts:AssumeRole", "sts:TagSession"]) {
                assert.equal(await assume("langsmith-agent-gateway", action), "Allowed", action);
                assert.equal(await assume("langsmith-presidio-analyzer", action), "ImplicitlyDenied", action);
            }
        });
    });
});

const KMS_KEY = `arn:aws:kms:us-east-1:${MOCK_ACCOUNT_ID}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const OTHER_KEY = `arn:aws:kms:us-east-1:${MOCK_ACCOUNT_ID}:key/0000abcd-12ab-34cd-56ef-1234567890ab`;
/**
 * The key policy KMS gives a key created without one: the account's IAM policies decide
 * (https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html).
 */
const DEFAULT_KEY_POLICY = {
    Version: "2012-10-17",
    Statement: [
        {
            Sid: "Enable IAM User Permissions",
            Effect: "Allow",
            Principal: { AWS: `arn:aws:iam::${MOCK_ACCOUNT_ID}:root` },
            Action: "kms:*",
            Resource: "*",
        },
    ],
};
const BOOTSTRAP_SUBJECT = "system:serviceaccount:langsmith-db-bootstrap:langsmith-db-bootstrap";

/** The bootstrap role's documents, the app role's, and the secret RDS reports. */
function bootstrapDocs(result: SynthResult) {
    const role = one(result, "aws:iam/role:Role", "langsmith-db-bootstrap-identity-role");
    const db = one(result, "aws:rds/instance:Instance");
    return {
        roleArn: String(role.outputs.arn),
        trust: JSON.parse(String(role.inputs.assumeRolePolicy)),
        policy: JSON.parse(
            String(
                one(result, "aws:iam/rolePolicy:RolePolicy", "langsmith-db-bootstrap-identity-secret").inputs.policy,
            ),
        ),
        appPolicy: JSON.parse(
            String(one(result, "aws:iam/rolePolicy:RolePolicy", "langsmith-identity-rds-connect").inputs.policy),
        ),
        secretArn: String((db.outputs.masterUserSecrets as { secretArn: string }[])[0].secretArn),
    };
}

describe("the bootstrap's own IAM role, evaluated", function () {
    const issuer = clusterIssuer("platform-dev", "us-east-1");
    const provider = `arn:aws:iam::${MOCK_ACCOUNT_ID}:oidc-provider/${issuer}`;
    const session = `arn:aws:sts::${MOCK_ACCOUNT_ID}:assumed-role/bootstrap/session`;

    /** The decision for `action` on `resource` under `policy`, with optional request context. */
    async function may(
        policy: unknown,
        action: string,
        resource: string,
        contextVariables: Record<string, string> = {},
    ): Promise<Decision> {
        const { decision, ignored } = await evaluate({
            request: {
                principal: session,
                action,
                resource: { resource, accountId: MOCK_ACCOUNT_ID },
                contextVariables,
            },
            identityPolicies: [{ name: "policy", policy }],
            // A KMS key needs its key policy to allow too; the default one delegates to IAM policies.
            ...(action.startsWith("kms:") ? { resourcePolicy: DEFAULT_KEY_POLICY } : {}),
        });
        assert.deepEqual(ignored, [], "every condition key is one the evaluator knows");
        return decision;
    }

    describe("IRSA, a customer-managed KMS key", function () {
        let docs: ReturnType<typeof bootstrapDocs>;
        before(async function () {
            docs = bootstrapDocs(
                await synthStack("aws-dev", { override: { "langsmith:aws": { kmsKeyArn: KMS_KEY } } }),
            );
        });
        const web = (sub: string) => ({ [`${issuer}:sub`]: sub, [`${issuer}:aud`]: "sts.amazonaws.com" });
        const assume = (sub: string) =>
            evaluateTrustUnvalidated(docs.trust, provider, "sts:AssumeRoleWithWebIdentity", docs.roleArn, web(sub));

        it("exactly the bootstrap's service account may assume it; LangSmith's accounts and the default account may not", function () {
            assert.equal(assume(BOOTSTRAP_SUBJECT), "Allowed");
            for (const sa of SERVICE_ACCOUNTS)
                assert.equal(assume(`system:serviceaccount:langsmith:${sa}`), "ImplicitlyDenied", sa);
            assert.equal(assume("system:serviceaccount:langsmith-db-bootstrap:default"), "ImplicitlyDenied");
            assert.equal(assume("system:serviceaccount:langsmith:langsmith-db-bootstrap"), "ImplicitlyDenied");
        });

        it("reads exactly the RDS master user secret, and nothing else in Secrets Manager", async function () {
            assert.match(docs.secretArn, /:secret:rds!db-/);
            assert.equal(await may(docs.policy, "secretsmanager:GetSecretValue", docs.secretArn), "Allowed");
            const other = docs.secretArn.replace(/rds!db-[0-9a-f]/, "rds!db-f");
            assert.notEqual(other, docs.secretArn);
            assert.equal(await may(docs.policy, "secretsmanager:GetSecretValue", other), "ImplicitlyDenied");
            assert.equal(
                await may(docs.policy, "secretsmanager:PutSecretValue", docs.secretArn),
                "ImplicitlyDenied",
                "another action",
            );
            assert.equal(
                await may(
                    docs.policy,
                    "rds-db:connect",
                    `arn:aws:rds-db:us-east-1:${MOCK_ACCOUNT_ID}:dbuser:db-X/langsmith`,
                ),
                "ImplicitlyDenied",
            );
        });

        it("decrypts with exactly the stack's key, only through Secrets Manager in the region", async function () {
            const via = (service: string) => ({ "kms:ViaService": service });
            assert.equal(
                await may(docs.policy, "kms:Decrypt", KMS_KEY, via("secretsmanager.us-east-1.amazonaws.com")),
                "Allowed",
            );
            assert.equal(
                await may(docs.policy, "kms:Decrypt", OTHER_KEY, via("secretsmanager.us-east-1.amazonaws.com")),
                "ImplicitlyDenied",
                "another key",
            );
            assert.equal(
                await may(docs.policy, "kms:Decrypt", KMS_KEY, via("s3.us-east-1.amazonaws.com")),
                "ImplicitlyDenied",
                "another service",
            );
            assert.equal(
                await may(docs.policy, "kms:Decrypt", KMS_KEY, via("secretsmanager.us-west-2.amazonaws.com")),
                "ImplicitlyDenied",
                "another region",
            );
            assert.equal(await may(docs.policy, "kms:Decrypt", KMS_KEY), "ImplicitlyDenied", "called directly");
        });

        it("LangSmith's own role can neither read the secret nor decrypt it", async function () {
            assert.equal(
                await may(docs.appPolicy, "secretsmanager:GetSecretValue", docs.secretArn),
                "ImplicitlyDenied",
            );
            assert.equal(
                await may(docs.appPolicy, "kms:Decrypt", KMS_KEY, {
                    "kms:ViaService": "secretsmanager.us-east-1.amazonaws.com",
                }),
                "ImplicitlyDenied",
            );
        });
    });

    describe("EKS Pod Identity, the AWS-managed key", function () {
        let docs: ReturnType<typeof bootstrapDocs>;
        let result: SynthResult;
        before(async function () {
            result = await synthStack("aws-dev", { override: { "langsmith:aws": { identityMode: "podIdentity" } } });
            docs = bootstrapDocs(result);
        });
        const tags = (namespace: string, sa: string) => ({
            "aws:RequestTag/eks-cluster-arn": clusterArn("platform-dev", "us-east-1"),
            "aws:RequestTag/kubernetes-namespace": namespace,
            "aws:RequestTag/kubernetes-service-account": sa,
        });
        const assume = async (context: Record<string, string>) =>
            (
                await evaluate({
                    request: {
                        principal: "pods.eks.amazonaws.com",
                        action: "sts:AssumeRole",
                        resource: { resource: docs.roleArn, accountId: MOCK_ACCOUNT_ID },
                        contextVariables: context,
                    },
                    identityPolicies: [],
                    resourcePolicy: docs.trust,
                })
            ).decision;

        it("exactly the bootstrap's service account may assume it, through one association", async function () {
            assert.equal(await assume(tags("langsmith-db-bootstrap", "langsmith-db-bootstrap")), "Allowed");
            assert.equal(await assume(tags("langsmith", SERVICE_ACCOUNTS[0])), "ImplicitlyDenied");
            assert.equal(await assume(tags("langsmith-db-bootstrap", "default")), "ImplicitlyDenied");
            assert.equal(await assume(tags("langsmith", "langsmith-db-bootstrap")), "ImplicitlyDenied");
            const associations = result.resources.filter(
                (r) =>
                    r.type === "aws:eks/podIdentityAssociation:PodIdentityAssociation" &&
                    r.inputs.roleArn === docs.roleArn,
            );
            assert.deepEqual(
                associations.map((a) => [a.inputs.namespace, a.inputs.serviceAccount]),
                [["langsmith-db-bootstrap", "langsmith-db-bootstrap"]],
            );
        });

        it("has no KMS permission when the secret is under the AWS-managed key", async function () {
            assert.deepEqual(
                docs.policy.Statement.map((st: { Action: string }) => st.Action),
                ["secretsmanager:GetSecretValue"],
            );
            assert.equal(await may(docs.policy, "secretsmanager:GetSecretValue", docs.secretArn), "Allowed");
        });
    });
});

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
    const role = one(result, "aws:iam/role:Role");
    const db = one(result, "aws:rds/instance:Instance");
    return {
        roleArn: String(role.outputs.arn),
        trust: JSON.parse(String(role.inputs.assumeRolePolicy)),
        connect: JSON.parse(String(one(result, "aws:iam/rolePolicy:RolePolicy").inputs.policy)),
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
});

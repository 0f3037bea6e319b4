/**
 * The chart's LLM gateway (`agentGateway`) and its Presidio analyzer (`presidioAnalyzer`), turned on
 * in `langsmith:helmValues`, on the managed stores. Both chart lines (0.16.11, 0.17.0-rc.12) render
 * them with the chart's common environment (`langsmith.commonEnv`: the Postgres and Redis URLs and
 * their IAM providers, blob settings) under `<fullname>-agent-gateway` / `<fullname>-presidio-analyzer`.
 * The gateway uses them (LangChain: it "requires access to Postgres and Redis [...] similar to backend
 * and platform-backend", https://docs.langchain.com/langsmith/llm-gateway-self-hosted), so its
 * account joins the app identity's list: annotation, Azure pod label, trust subject / Workload
 * Identity binding / federated credential / Pod Identity association, and nothing else. The database
 * login belongs to the identity, not to a service account, so no database user, grant or policy
 * changes. The analyzer is Microsoft's `presidio-analyzer` image, which opens no store: it gets no
 * identity at all.
 */
import { strict as assert } from "node:assert";
import { chartFullname, postgresServiceAccounts } from "../../components/langsmith/workloads";
import { agentGatewayEnabled, goTemplateTruthy } from "../../program/config/chartSwitches";
import type { SynthResult } from "../../tools/offline/synthesize";
import { at, helmValues, ofType, stackSettings, synthStack } from "../support/synth";

const BOTH_ON = { agentGateway: { enabled: true }, presidioAnalyzer: { enabled: true } };

const IDENTITY_ANNOTATION: Record<string, string> = {
    aws: "eks.amazonaws.com/role-arn",
    gcp: "iam.gke.io/gcp-service-account",
    azure: "azure.workload.identity/client-id",
};

const POD_IDENTITY = { "langsmith:aws": { identityMode: "podIdentity" } };

/** Each case, and the binding resource the gateway's account adds (AWS IRSA: none, a subject in the role's trust policy). */
const CASES: { stack: string; override?: Record<string, unknown>; binding?: string }[] = [
    { stack: "aws-dev" },
    { stack: "aws-prod" },
    { stack: "aws-prod", override: POD_IDENTITY, binding: "aws:eks/podIdentityAssociation:PodIdentityAssociation" },
    { stack: "gcp-prod", binding: "gcp:serviceaccount/iAMMember:IAMMember" },
    { stack: "azure-prod", binding: "azure-native:managedidentity:FederatedIdentityCredential" },
];

/** Every cloud resource's inputs as one string (where trust subjects and members are written). */
function cloudInputs(result: SynthResult): string {
    return result.resources
        .filter((r) => !r.type.startsWith("kubernetes:") && !r.type.startsWith("pulumi:"))
        .map((r) => JSON.stringify(r.inputs))
        .join("\n");
}

/** Resources (type and name) added, removed and changed in their inputs between two previews. */
function difference(before: SynthResult, after: SynthResult) {
    const key = (r: { type: string; name: string }) => `${r.type} ${r.name}`;
    const old = new Map(before.resources.map((r) => [r.urn, r]));
    const now = new Map(after.resources.map((r) => [r.urn, r]));
    return {
        added: [...now.values()].filter((r) => !old.has(r.urn)).map(key),
        removed: [...old.values()].filter((r) => !now.has(r.urn)).map(key),
        changed: [...now.values()]
            .filter((r) => old.has(r.urn) && JSON.stringify(old.get(r.urn)?.inputs) !== JSON.stringify(r.inputs))
            .map(key)
            .sort(),
    };
}

describe("agent gateway and Presidio analyzer (helmValues) on the managed stores", function () {
    it("the workload list gains the gateway's account only when helmValues turn it on, as the chart reads the switch", function () {
        const base = { releaseName: "langsmith", deployments: false, insights: false, polly: false };
        assert.equal(
            postgresServiceAccounts(base).some((sa) => sa.componentPath[0] === "agentGateway"),
            false,
        );
        const gateway = postgresServiceAccounts({ ...base, agentGateway: true }).filter(
            (sa) => sa.componentPath[0] === "agentGateway",
        );
        assert.deepEqual(gateway, [
            {
                name: "langsmith-agent-gateway",
                componentPath: ["agentGateway"],
                podLabelPaths: [["agentGateway", "deployment", "labels"]],
            },
        ]);
        // The analyzer never joins it, whatever the options.
        const all = postgresServiceAccounts({
            ...base,
            deployments: true,
            insights: true,
            polly: true,
            fleet: true,
            agentGateway: true,
        });
        assert.equal(all.filter((sa) => sa.name.includes("presidio")).length, 0);

        // Go templates' `if`: a quoted "false" renders the Deployment, so it gets the identity too.
        assert.equal(agentGatewayEnabled(undefined), false);
        assert.equal(agentGatewayEnabled({ agentGateway: {} }), false);
        assert.equal(agentGatewayEnabled({ agentGateway: { enabled: false } }), false);
        assert.equal(agentGatewayEnabled({ agentGateway: { enabled: true } }), true);
        assert.equal(agentGatewayEnabled({ agentGateway: { enabled: "false" } }), true);
        for (const falsy of [undefined, null, false, 0, "", [], {}]) assert.equal(goTemplateTruthy(falsy), false);
        for (const truthy of [true, 1, "no", [0], { a: 1 }]) assert.equal(goTemplateTruthy(truthy), true);
    });

    for (const { stack, override, binding } of CASES) {
        const label = override ? `${stack} (Pod Identity)` : stack;
        it(`${label}: accepted with managed Redis; the gateway holds the identity, the analyzer nothing, the database side unchanged`, async function () {
            const settings = stackSettings(stack, override);
            const podIdentity = settings.cloud === "aws" && settings.aws.identityMode === "podIdentity";
            assert.equal(settings.redis.mode, "managed", `${stack} runs managed Redis`);
            const namespace = settings.kubernetes.namespace;
            const before = await synthStack(stack, { override });
            const after = await synthStack(stack, { override: { ...override, "langsmith:helmValues": BOTH_ON } });
            const values = helmValues(after);
            const gatewaySa = `${chartFullname(settings.chart.releaseName)}-agent-gateway`;

            // The chart is told to run the gateway under the account Pulumi creates and annotates.
            assert.deepEqual(at(values, ["agentGateway", "serviceAccount"]), { create: false, name: gatewaySa });
            const account = ofType(after, "kubernetes:core/v1:ServiceAccount").find(
                (r) => at(r.inputs, ["metadata", "name"]) === gatewaySa,
            );
            assert.ok(account, `no ServiceAccount ${gatewaySa}`);
            const annotations = (at(account.inputs, ["metadata", "annotations"]) ?? {}) as Record<string, string>;
            if (!podIdentity) assert.ok(annotations[IDENTITY_ANNOTATION[settings.cloud]], "identity annotation");
            if (settings.cloud === "azure")
                assert.equal(
                    at(values, ["agentGateway", "deployment", "labels", "azure.workload.identity/use"]),
                    "true",
                );
            const bound =
                cloudInputs(after).includes(`system:serviceaccount:${namespace}:${gatewaySa}`) ||
                cloudInputs(after).includes(`[${namespace}/${gatewaySa}]`) ||
                ofType(after, "aws:eks/podIdentityAssociation:PodIdentityAssociation").some(
                    (a) => a.inputs.serviceAccount === gatewaySa && a.inputs.namespace === namespace,
                );
            assert.ok(bound, `no trust subject / binding / credential / association for ${gatewaySa}`);

            // The analyzer: the chart's own account, no annotation, no label, no binding anywhere.
            assert.equal(at(values, ["presidioAnalyzer", "enabled"]), true);
            assert.equal(at(values, ["presidioAnalyzer", "serviceAccount"]), undefined);
            assert.equal(at(values, ["presidioAnalyzer", "deployment", "labels"]), undefined);
            assert.doesNotMatch(cloudInputs(after), /presidio/);

            // Exactly one account and its binding more; the database side (users, grants, bootstrap
            // SQL, rds-db:connect, Entra principal) and the Redis and blob grants do not change.
            const diff = difference(before, after);
            assert.deepEqual(
                diff.added.map((a) => a.split(" ")[0]).sort(),
                ["kubernetes:core/v1:ServiceAccount", ...(binding ? [binding] : [])].sort(),
            );
            for (const added of diff.added) assert.match(added, /agent-gateway/);
            assert.deepEqual(diff.removed, []);
            const roleChanges = settings.cloud === "aws" ? ["aws:iam/role:Role langsmith-identity-role"] : [];
            assert.deepEqual(diff.changed, [...roleChanges, "kubernetes:helm.sh/v3:Release langsmith-release"].sort());
        });
    }

    it("aws-prod (IRSA) with every workload on, the gateway included: the role's trust policy stays within its quota", async function () {
        // The rules run inside the preview (aws.iam.role.trust-policy: 2048 characters by default).
        const result = await synthStack("aws-prod", {
            override: {
                "langsmith:chart": { deployments: true, fleet: true, hostname: "langsmith.example.com" },
                "langsmith:helmValues": BOTH_ON,
            },
        });
        const role = ofType(result, "aws:iam/role:Role").find((r) => r.name === "langsmith-identity-role");
        const policy = String(role?.inputs.assumeRolePolicy);
        assert.match(policy, /agent-gateway/);
        assert.ok(policy.length <= 2048, `trust policy is ${policy.length} characters`);
    });
});

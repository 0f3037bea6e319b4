import { strict as assert } from "node:assert";
import { listStacks, type SynthResult } from "../../tools/offline/synthesize";
import { chartValidationProblems } from "../support/chartValidation";
import { at, helmValues, one, synthStack } from "../support/synth";

function configSecretKeys(result: SynthResult): string[] {
    return Object.keys(
        at(one(result, "kubernetes:core/v1:Secret", "langsmith-config").inputs, ["stringData"]) as object,
    );
}

describe("generated Helm values pass the chart's own validation", function () {
    for (const name of listStacks()) {
        it(name, async function () {
            const result = await synthStack(name, { showSecrets: true });
            assert.deepEqual(chartValidationProblems(helmValues(result), configSecretKeys(result)), []);
        });
    }

    it("with LangSmith Deployments, Insights and Polly on (aws-prod)", async function () {
        const result = await synthStack("aws-prod", {
            showSecrets: true,
            override: { "langsmith:chart": { deployments: true, insights: true, polly: true } },
        });
        const keys = configSecretKeys(result);
        assert.ok(keys.includes("insights_encryption_key") && keys.includes("polly_encryption_key"));
        const data = at(one(result, "kubernetes:core/v1:Secret", "langsmith-config").inputs, ["stringData"]) as Record<
            string,
            string
        >;
        for (const k of ["insights_encryption_key", "polly_encryption_key"]) {
            assert.match(
                data[k],
                /^[A-Za-z0-9_-]{43}=$/,
                `${k} must be a Fernet key: 32 bytes, URL-safe base64 with padding`,
            );
            assert.equal(Buffer.from(data[k], "base64url").length, 32);
        }
        assert.deepEqual(chartValidationProblems(helmValues(result), keys), []);
    });

    it("with OAuth instead of basic auth (no admin password generated)", async function () {
        const result = await synthStack("aws-dev", {
            showSecrets: true,
            override: { "langsmith:chart": { basicAuth: false, authType: "oauth" } },
        });
        assert.ok(!configSecretKeys(result).includes("initial_org_admin_password"));
        assert.deepEqual(chartValidationProblems(helmValues(result), configSecretKeys(result)), []);
    });

    it("the checker itself catches what the chart refuses", function () {
        assert.ok(
            chartValidationProblems({ config: { authType: "mixed" } }, []).some((p) =>
                p.includes("existingSecretName"),
            ),
        );
        assert.ok(
            chartValidationProblems({ config: { existingSecretName: "s", authType: "mixed" } }, [
                "langsmith_license_key",
                "api_key_salt",
            ]).some((p) => p.includes("insights")),
        );
        assert.ok(
            chartValidationProblems(
                {
                    config: { existingSecretName: "s", authType: "basic" },
                    insights: { enabled: false },
                    polly: { enabled: false },
                },
                ["langsmith_license_key", "api_key_salt"],
            ).some((p) => p.includes("authType")),
        );
    });
});

describe("the bootstrap Job re-runs when its SQL changes", function () {
    it("a different schema gives a different Job name (Jobs are immutable: a new name is a new run)", async function () {
        const jobName = async (override?: Record<string, unknown>) =>
            at(one(await synthStack("aws-dev", { override }), "kubernetes:batch/v1:Job").inputs, ["metadata", "name"]);
        const before = await jobName();
        assert.equal(await jobName(), before, "same config, same Job");
        assert.notEqual(await jobName({ "langsmith:postgres": { schema: "langsmith_app" } }), before);
    });
});

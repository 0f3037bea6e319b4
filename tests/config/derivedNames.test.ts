import { strict as assert } from "node:assert";
import fc from "fast-check";
import { federatedCredentialName, MAX_FEDERATED_CREDENTIAL_NAME } from "../../components/azure/names";
import { parseSettings } from "../../program/config/settings";
import { isConfigError } from "../../program/config/errors";
import { serviceAccountsFor } from "../../program/deploy/kubernetesSide";
import { ofType, synthConfig } from "../support/synth";
import { azureBase, toPulumiConfig } from "../support/baseConfigs";

const dnsLabel = (max: number) => fc.stringMatching(new RegExp(`^[a-z0-9]([-a-z0-9]{0,${max - 2}}[a-z0-9])?$`));

describe("derived names stay within their limits, or config names the key that broke them", function () {
    it("any release name, namespace and feature set: a keyed refusal, or distinct names within every limit", function () {
        fc.assert(
            fc.property(
                dnsLabel(53),
                dnsLabel(63),
                fc.boolean(),
                fc.boolean(),
                fc.boolean(),
                (releaseName, namespace, deployments, insights, polly) => {
                    const raw = azureBase();
                    Object.assign(raw, {
                        chart: {
                            ...(raw.chart as object),
                            releaseName,
                            insights,
                            polly,
                            deployments,
                            hostname: "langsmith.example.com",
                        },
                        kubernetes: { namespace },
                    });
                    let settings;
                    try {
                        settings = parseSettings(raw);
                    } catch (err) {
                        assert.ok(isConfigError(err), String(err));
                        assert.ok(
                            ["langsmith:chart.releaseName", "langsmith:kubernetes.namespace"].includes(err.key),
                            err.message,
                        );
                        return;
                    }
                    const names = serviceAccountsFor(settings).map((sa) => sa.name);
                    assert.equal(new Set(names).size, names.length);
                    for (const n of names) assert.ok(n.length <= 63, n);
                    const credentials = names.map((n) => federatedCredentialName(namespace, n));
                    assert.equal(new Set(credentials).size, credentials.length);
                    for (const c of credentials) assert.ok(c.length <= MAX_FEDERATED_CREDENTIAL_NAME, c);
                },
            ),
            { numRuns: 400, seed: 11 },
        );
    });

    it("a release name whose longest service account name is exactly 63 characters synthesizes on Azure", async function () {
        // "langsmith-" + 22 = 32 characters; + "-standalone-insights-api-server" (31) = 63.
        const releaseName = `langsmith-${"a".repeat(22)}`;
        const raw = azureBase();
        Object.assign(raw, { chart: { ...(raw.chart as object), releaseName, insights: true } });
        const result = await synthConfig("azure-dev", toPulumiConfig(raw), ["langsmith:licenseKey"]);
        const accounts = ofType(result, "kubernetes:core/v1:ServiceAccount")
            .map((r) => (r.inputs.metadata as { name: string }).name)
            .filter((name) => name !== "langsmith-db-bootstrap");
        assert.ok(accounts.includes(`${releaseName}-standalone-insights-api-server`));
        assert.equal(Math.max(...accounts.map((a) => a.length)), 63);
        const credentials = ofType(result, "azure-native:managedidentity:FederatedIdentityCredential").map((r) =>
            String(r.inputs.federatedIdentityCredentialResourceName),
        );
        // The app's service accounts and the bootstrap Job's own.
        assert.equal(new Set(credentials).size, accounts.length + 1);
    });
});

/**
 * `langsmith:helmValues` may not move a store-reading component to another service account or drop
 * Azure's pod label: those pods would start without the workload identity. Components the stack does
 * not render may be configured freely.
 */
import { strict as assert } from "node:assert";
import { identityOverrideProblems } from "../../program/config/identityOverrides";

const WORKLOADS = { releaseName: "ls", deployments: false, insights: false, polly: false };

describe("identity overrides in helmValues", () => {
    it("accepts values that leave the accounts and labels alone", () => {
        const values = { backend: { deployment: { labels: { team: "a" } }, replicas: 3 } };
        assert.deepEqual(identityOverrideProblems(values, WORKLOADS), []);
        assert.deepEqual(identityOverrideProblems(undefined, WORKLOADS), []);
    });

    it("refuses a service account on every rendered reader, by key", () => {
        const values = {
            backend: { serviceAccount: { name: "other" } },
            queue: { serviceAccount: { create: true } },
            polly: { apiServer: { serviceAccount: { name: "p" } } },
        };
        assert.deepEqual(
            identityOverrideProblems(values, WORKLOADS).map((p) => p.path),
            ["helmValues.backend.serviceAccount", "helmValues.queue.serviceAccount"],
        );
        assert.deepEqual(
            identityOverrideProblems(values, { ...WORKLOADS, polly: true }).map((p) => p.path),
            [
                "helmValues.backend.serviceAccount",
                "helmValues.queue.serviceAccount",
                "helmValues.polly.apiServer.serviceAccount",
            ],
        );
    });

    it("refuses Azure's pod label on a reader's Deployment and on the backend's hook Jobs", () => {
        const values = {
            backend: { migrations: { labels: { "azure.workload.identity/use": "false" } } },
            queue: { deployment: { labels: { "azure.workload.identity/use": "true", team: "a" } } },
        };
        assert.deepEqual(
            identityOverrideProblems(values, WORKLOADS).map((p) => p.path),
            [
                "helmValues.backend.migrations.labels.azure.workload.identity/use",
                "helmValues.queue.deployment.labels.azure.workload.identity/use",
            ],
        );
    });

    it("says nothing while a service account name is too long (the derived-name check reports that)", () => {
        const values = { backend: { serviceAccount: { name: "x" } } };
        assert.deepEqual(identityOverrideProblems(values, { ...WORKLOADS, releaseName: "x".repeat(60) }), []);
    });
});

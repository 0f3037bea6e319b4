/**
 * GKE pods → Memorystore for Valkey, decided from the offline preview and the mocked world like the
 * Cloud SQL path (reachability.test.ts): endpoints on the cluster's network, a service connection
 * policy for gcp-memorystore on it in the instance's region, the URL naming the primary endpoint.
 */
import { strict as assert } from "node:assert";
import { gcpReachability } from "../../tools/offline/reachability/gcp";
import { gcpRedisReachability } from "../../tools/offline/reachability/gcpRedis";
import type { MockWorld } from "../../tools/offline/cloudMocks";
import { at, one, synthStack } from "../support/synth";

const POLICY = "gcp:networkconnectivity/serviceConnectionPolicy:ServiceConnectionPolicy";
const INSTANCE = "gcp:memorystore/instance:Instance";
const DEV = { project: "acme-langsmith-dev", name: "platform-dev", region: "us-central1" };
const PROD = { project: "acme-langsmith-prod", name: "platform-prod", region: "europe-west4" };
const HOST_NETWORK = "projects/acme-network-host/global/networks/shared-vpc";

describe("GCP reachability: GKE pods to Memorystore (offline)", function () {
    this.timeout(60000);

    for (const [stack, cluster] of [
        ["gcp-dev", DEV],
        ["gcp-prod", PROD],
    ] as const) {
        it(`${stack}: endpoints on the cluster's network by its existing policy, the URL names the primary endpoint`, async function () {
            const result = await synthStack(stack, { showSecrets: true });
            const verdict = gcpRedisReachability(result, {}, cluster);
            assert.deepEqual(verdict.problems, []);
            assert.ok(
                verdict.path.some((p) => /pods connect to 10\.[\d.]+:6379/.test(p)),
                verdict.path.join("\n"),
            );
            // The Cloud SQL verdict is not confused by the Redis URL under the same key name (gcp-dev: its
            // URL names the private IP; gcp-prod's names the instance's DNS name, which that check does not resolve).
            if (stack === "gcp-dev") assert.deepEqual(gcpReachability(result, {}, cluster).problems, []);
        });
    }

    it("createServiceConnectionPolicy on a Shared VPC: the policy and its subnetwork in the host project, reachable", async function () {
        const result = await synthStack("gcp-prod", {
            override: { "langsmith:gcp": { createServiceConnectionPolicy: true } },
            showSecrets: true,
        });
        assert.deepEqual(at(one(result, POLICY).inputs, ["pscConfig", "subnetworks"]), [
            "projects/acme-network-host/regions/europe-west4/subnetworks/platform-prod-nodes",
        ]);
        const verdict = gcpRedisReachability(result, { gcpServiceConnectionPolicies: [] }, PROD);
        assert.deepEqual(verdict.problems, []);
        assert.ok(verdict.path.some((p) => p.includes("created by the stack")));
    });

    it("says unreachable when the network has no policy for gcp-memorystore and the stack creates none", async function () {
        const result = await synthStack("gcp-dev", { showSecrets: true });
        const verdict = gcpRedisReachability(result, { gcpServiceConnectionPolicies: [] }, DEV);
        assert.equal(verdict.reachable, false);
        assert.match(
            verdict.problems.join("\n"),
            /has no service connection policy for gcp-memorystore in us-central1.*langsmith:gcp\.createServiceConnectionPolicy: true/,
        );
        // A policy in another region or for another service class does not serve the instance.
        const elsewhere: Partial<MockWorld> = {
            gcpServiceConnectionPolicies: [
                {
                    network: "projects/acme-langsmith-dev/global/networks/platform-dev-vpc",
                    region: "europe-west4",
                    serviceClass: "gcp-memorystore",
                    subnetworks: ["projects/acme-langsmith-dev/regions/europe-west4/subnetworks/s"],
                },
                {
                    network: "projects/acme-langsmith-dev/global/networks/platform-dev-vpc",
                    region: "us-central1",
                    serviceClass: "google-cloud-sql",
                    subnetworks: ["projects/acme-langsmith-dev/regions/us-central1/subnetworks/s"],
                },
            ],
        };
        assert.equal(gcpRedisReachability(result, elsewhere, DEV).reachable, false);
    });

    it("says unreachable when the policy takes a subnetwork of the service project on a Shared VPC (the mock's shape before the fix)", async function () {
        const result = structuredClone(
            await synthStack("gcp-prod", {
                override: { "langsmith:gcp": { createServiceConnectionPolicy: true } },
                showSecrets: true,
            }),
        );
        const policy = result.resources.find((r) => r.type === POLICY)!;
        (policy.inputs.pscConfig as { subnetworks: string[] }).subnetworks = [
            "projects/acme-langsmith-prod/regions/europe-west4/subnetworks/platform-prod-nodes",
        ];
        assert.match(
            gcpRedisReachability(result, { gcpServiceConnectionPolicies: [] }, PROD).problems.join("\n"),
            /subnetwork projects\/acme-langsmith-prod\/.* is in project acme-langsmith-prod, but the subnetworks of projects\/acme-network-host\/global\/networks\/shared-vpc belong to acme-network-host/,
        );
    });

    it("says unreachable when the endpoints are on another network than the cluster's, or the URL names another address", async function () {
        const result = await synthStack("gcp-dev", { showSecrets: true });
        const verdict = gcpRedisReachability(result, { gkeNetwork: HOST_NETWORK }, DEV);
        assert.equal(verdict.reachable, false);
        assert.match(
            verdict.problems.join("\n"),
            /creates its Private Service Connect endpoints on projects\/acme-langsmith-dev\/global\/networks\/platform-dev-vpc, but the pods of GKE cluster platform-dev run on projects\/acme-network-host/,
        );
        const reader = structuredClone(result);
        const instance = reader.resources.find((r) => r.type === INSTANCE)!;
        const secret = reader.resources.find(
            (r) => r.type === "kubernetes:core/v1:Secret" && r.name === "langsmith-redis",
        )!;
        const stringData = secret.inputs.stringData as Record<string, string>;
        stringData.connection_url = "rediss://default@10.9.9.9:6379/0";
        assert.ok(instance);
        assert.match(
            gcpRedisReachability(reader, {}, DEV).problems.join("\n"),
            /Redis URL in Secret langsmith-redis points at 10\.9\.9\.9:6379, not the primary endpoint/,
        );
    });
});

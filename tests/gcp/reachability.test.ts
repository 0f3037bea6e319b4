/**
 * GKE pods → Cloud SQL, decided from the offline preview and the mocked world, with the network shapes
 * real clusters have: a Shared VPC (the cluster reports the host project's network), a VPC without
 * Private Service Access, a cluster on another network than `langsmith:gcp.network`.
 */
import { strict as assert } from "node:assert";
import { isConfigError } from "../../program/config/errors";
import { GCP_RESOURCE_MOCKS } from "../../components/testing/mocks/gcp";
import { gcpReachability } from "../../tools/offline/reachability/gcp";
import type { MockWorld } from "../../tools/offline/cloudMocks";
import { synthStack } from "../support/synth";
import { synthGcp, one } from "./gcpSynth";

const HOST_NETWORK = "projects/acme-network-host/global/networks/shared-vpc";
const DEV = { project: "acme-langsmith-dev", name: "platform-dev" };
/** gcp-dev with keys of its `langsmith:gcp` block changed (the rest comes from the stack file). */
const synthDevGcp = (gcp: Record<string, unknown>, world?: Partial<MockWorld>) =>
    synthStack("gcp-dev", { override: { "langsmith:gcp": gcp }, world });

describe("GCP reachability: GKE pods to Cloud SQL (offline)", function () {
    this.timeout(60000);

    it("gcp-dev: the cluster's network, its existing Private Service Access, the private IP", async () => {
        const result = await synthGcp();
        const verdict = gcpReachability(result, {}, DEV);
        assert.deepEqual(verdict.problems, []);
        assert.equal(verdict.reachable, true);
        const ip = String(one(result, "gcp:sql/databaseInstance:DatabaseInstance").outputs.privateIpAddress);
        assert.ok(verdict.path.includes(`pods connect to ${ip}:5432`), verdict.path.join("\n"));
    });

    it("gcp-prod: a Shared VPC cluster reaches the instance on the host project's network", async () => {
        const result = await synthGcp({}, { stack: "gcp-prod" });
        assert.equal(result.outputs.databaseNetwork, HOST_NETWORK);
        assert.deepEqual(
            gcpReachability(result, {}, { project: "acme-langsmith-prod", name: "platform-prod" }).problems,
            [],
        );
    });

    it("Shared VPC + createPrivateServiceConnection: the range and the peering go to the host project, and the pods reach the instance", async () => {
        const world: Partial<MockWorld> = { gkeNetwork: HOST_NETWORK, gcpPrivateServiceAccess: [] };
        const result = await synthDevGcp({ createPrivateServiceConnection: true }, world);
        const range = one(result, "gcp:compute/globalAddress:GlobalAddress");
        assert.equal(range.inputs.project, "acme-network-host", "the allocated range belongs to the host project");
        assert.equal(range.inputs.network, HOST_NETWORK);
        assert.equal(one(result, "gcp:servicenetworking/connection:Connection").inputs.network, HOST_NETWORK);
        const instance = one(result, "gcp:sql/databaseInstance:DatabaseInstance");
        assert.equal(instance.inputs.project, "acme-langsmith-dev", "the instance stays in the service project");
        const verdict = gcpReachability(result, world, DEV);
        assert.deepEqual(verdict.problems, []);
        assert.ok(verdict.path.some((p) => p.includes(`${String(range.outputs.name)} on ${HOST_NETWORK}`)));
    });

    it("refuses a cluster on another network than langsmith:gcp.network, naming the key and the cluster's network", async () => {
        await assert.rejects(
            synthDevGcp({ network: HOST_NETWORK }),
            (err: unknown) =>
                isConfigError(err) &&
                err.key === "langsmith:gcp.network" &&
                err.message.includes(
                    "GKE cluster platform-dev runs on projects/acme-langsmith-dev/global/networks/platform-dev-vpc",
                ) &&
                /peering is not transitive/.test(err.message),
        );
        // gcp-prod names the Shared VPC; a cluster that is not on it is refused the same way.
        await assert.rejects(
            synthGcp(
                {},
                {
                    stack: "gcp-prod",
                    world: { gkeNetwork: "projects/acme-langsmith-prod/global/networks/platform-prod-vpc" },
                },
            ),
            /langsmith:gcp\.network: is projects\/acme-network-host/,
        );
    });

    it("accepts langsmith:gcp.network when it is the cluster's network, by name or by path", async () => {
        for (const network of ["platform-dev-vpc", "projects/acme-langsmith-dev/global/networks/platform-dev-vpc"]) {
            const result = await synthDevGcp({ network });
            assert.equal(
                result.outputs.databaseNetwork,
                "projects/acme-langsmith-dev/global/networks/platform-dev-vpc",
            );
        }
    });

    it("says unreachable, and why, when the instance is on another network than the cluster", async () => {
        const result = await synthGcp();
        const verdict = gcpReachability(
            result,
            { gkeNetwork: "projects/acme-langsmith-dev/global/networks/other" },
            DEV,
        );
        assert.equal(verdict.reachable, false);
        assert.deepEqual(verdict.problems.length, 1);
        assert.match(
            verdict.problems[0],
            /peers with projects\/acme-langsmith-dev\/global\/networks\/platform-dev-vpc, but the pods of GKE cluster platform-dev run on projects\/acme-langsmith-dev\/global\/networks\/other; VPC peering is not transitive/,
        );
    });

    it("says unreachable when the network has no Private Service Access and the stack creates none", async () => {
        const result = await synthGcp();
        const verdict = gcpReachability(result, { gcpPrivateServiceAccess: [] }, DEV);
        assert.equal(verdict.reachable, false);
        assert.match(
            verdict.problems.join("\n"),
            /has no Private Service Access; set langsmith:gcp\.createPrivateServiceConnection: true, or create the range and the servicenetworking connection in project acme-langsmith-dev/,
        );
    });

    it("says unreachable when the stack reserves the range in the service project of a Shared VPC (the shape before the fix)", async () => {
        const world: Partial<MockWorld> = { gkeNetwork: HOST_NETWORK, gcpPrivateServiceAccess: [] };
        const result = await synthDevGcp({ createPrivateServiceConnection: true }, world);
        const misplaced = structuredClone(result);
        const range = misplaced.resources.find((r) => r.type === "gcp:compute/globalAddress:GlobalAddress")!;
        range.inputs.project = "acme-langsmith-dev";
        const verdict = gcpReachability(misplaced, world, DEV);
        assert.equal(verdict.reachable, false);
        assert.match(
            verdict.problems.join("\n"),
            /is reserved in project acme-langsmith-dev, but network projects\/acme-network-host\/global\/networks\/shared-vpc belongs to acme-network-host/,
        );
    });

    it("says unreachable when allocatedIpRange is not a range of the network, or the instance has a public IP", async () => {
        const result = await synthDevGcp({ allocatedIpRange: "some-other-range" });
        assert.match(
            gcpReachability(result, {}, DEV).problems.join("\n"),
            /allocatedIpRange some-other-range is not a Private Service Access range of .*google-managed-services-default/,
        );
        const publicIp = structuredClone(await synthGcp());
        const settings = publicIp.resources.find((r) => r.type === "gcp:sql/databaseInstance:DatabaseInstance")!.inputs
            .settings as { ipConfiguration: Record<string, unknown> };
        settings.ipConfiguration.ipv4Enabled = true;
        assert.match(gcpReachability(publicIp, {}, DEV).problems.join("\n"), /has a public IPv4 address/);
    });

    it("the mocked Compute API refuses a VPC_PEERING range outside its network's project", () => {
        const mock = GCP_RESOURCE_MOCKS["gcp:compute/globalAddress:GlobalAddress"];
        const args = (project: string) => ({
            type: "gcp:compute/globalAddress:GlobalAddress",
            name: "r",
            inputs: {
                project,
                network: HOST_NETWORK,
                purpose: "VPC_PEERING",
                addressType: "INTERNAL",
                prefixLength: 20,
            },
            custom: true,
        });
        assert.throws(
            () => mock(args("acme-langsmith-dev"), { awsRegion: "", eksClusterName: "", privateSubnetIds: [] }),
            /must be reserved in the network's project acme-network-host, not acme-langsmith-dev/,
        );
        assert.equal(
            mock(args("acme-network-host"), { awsRegion: "", eksClusterName: "", privateSubnetIds: [] }).state.project,
            "acme-network-host",
        );
    });
});

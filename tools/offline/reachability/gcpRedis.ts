/**
 * Can the GKE pods reach the Memorystore for Valkey instance? Decided from the offline preview and the
 * mocked world, as a pure function, like the Cloud SQL path in ./gcp.ts.
 *
 * Memorystore for Valkey is reached through Private Service Connect endpoints that service
 * connectivity automation creates in a consumer network (`desiredAutoCreatedEndpoints`), taking
 * addresses from the subnetworks of the service connection policy for `gcp-memorystore` on that
 * network in the instance's region (https://cloud.google.com/memorystore/docs/valkey/networking,
 * https://cloud.google.com/vpc/docs/about-service-connection-policies). So the pods reach it when:
 * - the endpoints are created on the cluster's own network (Shared VPC: the host project's);
 * - a policy for `gcp-memorystore` exists on that network in the instance's region, created by the
 *   stack (in the network's project, its subnetworks in that region and of that network, so in the
 *   network's project: a Shared VPC's subnets belong to the host project) or already there;
 * - the app's Redis URL names the primary endpoint's address and port.
 */
import { existingServiceConnectionPolicies, gkeClusterNetwork } from "../../../components/testing/mocks/gcp";
import type { MockWorld } from "../../../components/testing/mocks/shared";
import { primaryEndpoint } from "../../../components/gcp/redis";
import { DEFAULT_WORLD } from "../cloudMocks";
import type { SynthResult } from "../synthesize";
import { normalise, type GcpReachability, type GkeClusterRef } from "./gcp";

const T = {
    instance: "gcp:memorystore/instance:Instance",
    policy: "gcp:networkconnectivity/serviceConnectionPolicy:ServiceConnectionPolicy",
    secret: "kubernetes:core/v1:Secret",
};
const SERVICE_CLASS = "gcp-memorystore";
const NETWORK_PROJECT = /^projects\/([^/]+)\/global\/networks\//;
const SUBNETWORK = /^projects\/([^/]+)\/regions\/([^/]+)\/subnetworks\/[^/]+$/;

type Obj = Record<string, unknown>;
const str = (v: unknown): string =>
    typeof v === "string" ? v : v === undefined || v === null ? "" : JSON.stringify(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Problems of one policy's subnetworks for endpoints on `network` in `region` (none: it serves them). */
function subnetworkProblems(name: string, subnetworks: string[], network: string, region: string): string[] {
    if (subnetworks.length === 0) return [`service connection policy ${name} lists no subnetworks`];
    const networkProject = NETWORK_PROJECT.exec(network)?.[1];
    return subnetworks.flatMap((s) => {
        const m = SUBNETWORK.exec(s);
        if (!m)
            return [
                `service connection policy ${name}: subnetwork ${s} is not projects/<p>/regions/<r>/subnetworks/<s>`,
            ];
        if (m[2] !== region) return [`service connection policy ${name}: subnetwork ${s} is not in region ${region}`];
        if (m[1] !== networkProject)
            return [
                `service connection policy ${name}: subnetwork ${s} is in project ${m[1]}, but the subnetworks of ${network} belong to ${networkProject} (set langsmith:gcp.pscSubnetwork to a subnetwork of that network)`,
            ];
        return [];
    });
}

export function gcpRedisReachability(
    result: SynthResult,
    worldOverrides: Partial<MockWorld>,
    cluster: GkeClusterRef & { region: string },
): GcpReachability {
    const world = { ...DEFAULT_WORLD, ...worldOverrides };
    const problems: string[] = [];
    const path: string[] = [];
    const clusterNetwork = normalise(gkeClusterNetwork(world, cluster.project, cluster.name));
    path.push(`GKE cluster ${cluster.name} runs on ${clusterNetwork}`);
    const instances = result.resources.filter((r) => r.type === T.instance);
    if (instances.length === 0) problems.push("no Memorystore instance in the preview");

    for (const instance of instances) {
        const label = `Memorystore instance ${str(instance.inputs.instanceId ?? instance.name)}`;
        const region = str(instance.inputs.location);
        const networks = list(instance.inputs.desiredAutoCreatedEndpoints).map((e) => normalise((e as Obj).network));
        if (!networks.includes(clusterNetwork)) {
            problems.push(
                `${label} creates its Private Service Connect endpoints on ${networks.join(", ") || "no network"}, but the pods of GKE cluster ${cluster.name} run on ${clusterNetwork}, so they cannot reach it`,
            );
            continue;
        }
        if (region !== cluster.region)
            problems.push(`${label} is in ${region}, but GKE cluster ${cluster.name} is in ${cluster.region}`);

        // The stack's policy for this network and region, checked where it stands; else one already there.
        const ours = result.resources.filter(
            (r) =>
                r.type === T.policy &&
                r.inputs.serviceClass === SERVICE_CLASS &&
                normalise(r.inputs.network) === clusterNetwork &&
                r.inputs.location === region,
        );
        let served: string | undefined;
        for (const policy of ours) {
            const name = str(policy.inputs.name ?? policy.name);
            const networkProject = NETWORK_PROJECT.exec(clusterNetwork)?.[1];
            const found = subnetworkProblems(
                name,
                list((policy.inputs.pscConfig as Obj | undefined)?.subnetworks).map(String),
                clusterNetwork,
                region,
            );
            if (policy.inputs.project !== networkProject)
                found.push(
                    `service connection policy ${name} is in project ${str(policy.inputs.project)}, but network ${clusterNetwork} belongs to ${networkProject}`,
                );
            problems.push(...found);
            if (found.length === 0) served = `service connection policy ${name} (created by the stack)`;
        }
        if (ours.length === 0) {
            const existing = existingServiceConnectionPolicies(
                world,
                cluster.project,
                cluster.name,
                cluster.region,
            ).find(
                (p) =>
                    p.serviceClass === SERVICE_CLASS && normalise(p.network) === clusterNetwork && p.region === region,
            );
            if (existing) {
                const found = subnetworkProblems("(existing)", existing.subnetworks, clusterNetwork, region);
                problems.push(...found);
                if (found.length === 0) served = `the network's existing service connection policy`;
            } else {
                problems.push(
                    `${label}: network ${clusterNetwork} has no service connection policy for ${SERVICE_CLASS} in ${region}, so no endpoint is created; set langsmith:gcp.createServiceConnectionPolicy: true, or create one in project ${NETWORK_PROJECT.exec(clusterNetwork)?.[1]}`,
                );
            }
        }
        if (!served) continue;
        path.push(`${label}: Private Service Connect endpoints on ${clusterNetwork} in ${region} by ${served}`);

        // The app connects to the primary endpoint the instance reports.
        const primary = primaryEndpoint(instance.outputs.endpoints as Parameters<typeof primaryEndpoint>[0]);
        for (const secret of result.resources.filter((r) => r.type === T.secret)) {
            const url = (secret.inputs.stringData as Obj | undefined)?.connection_url;
            if (typeof url !== "string" || !/^rediss?:\/\//.test(url)) continue;
            const parsed = new URL(url);
            if (parsed.hostname !== primary.host || Number(parsed.port || 6379) !== primary.port)
                problems.push(
                    `Redis URL in Secret ${secret.name} points at ${parsed.host}, not the primary endpoint ${primary.host}:${primary.port}`,
                );
        }
        path.push(`pods connect to ${primary.host}:${primary.port}`);
    }
    return { reachable: problems.length === 0, problems, path };
}

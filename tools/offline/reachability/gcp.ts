/**
 * Can the GKE pods (the bootstrap Job and LangSmith's workloads) reach the Cloud SQL instance?
 * Decided from the offline preview and the mocked world, as a pure function.
 *
 * The path Cloud SQL offers a private-IP-only instance: the instance gets an address from a Private
 * Service Access range of the VPC named in `privateNetwork`, through the servicenetworking peering
 * of that VPC (https://cloud.google.com/sql/docs/postgres/private-ip). So the pods reach it when:
 * - the instance has no public IPv4 address and a `privateNetwork`;
 * - that network is the cluster's own network (with a Shared VPC, the host project's network the
 *   cluster reports), because VPC peering is not transitive
 *   (https://cloud.google.com/vpc/docs/vpc-peering);
 * - the network has Private Service Access: a VPC_PEERING range reserved in the network's own
 *   project plus the servicenetworking connection that reserves it, created by the stack or already
 *   there (https://cloud.google.com/vpc/docs/configure-private-services-access, "Shared VPC scenario");
 * - a named `allocatedIpRange` is one of that network's ranges;
 * - the Job and the app connect to the instance's private IP.
 */
import { existingPrivateServiceAccess, gkeClusterNetwork } from "../../../components/testing/mocks/gcp";
import type { MockWorld } from "../../../components/testing/mocks/shared";
import { DEFAULT_WORLD } from "../cloudMocks";
import type { SynthResource, SynthResult } from "../synthesize";

const T = {
    instance: "gcp:sql/databaseInstance:DatabaseInstance",
    range: "gcp:compute/globalAddress:GlobalAddress",
    connection: "gcp:servicenetworking/connection:Connection",
    job: "kubernetes:batch/v1:Job",
    secret: "kubernetes:core/v1:Secret",
};

/** The GKE cluster the stack targets (`langsmith:gcp.project` / `clusterName`). */
export interface GkeClusterRef {
    project: string;
    name: string;
}

export interface GcpReachability {
    reachable: boolean;
    /** What breaks the path, one sentence each (empty when reachable). */
    problems: string[];
    /** The path as found, for the preview: network, PSA ranges, address. */
    path: string[];
}

type Obj = Record<string, unknown>;
/** A property as text: strings as they are, anything else as JSON ("" when absent). */
const str = (v: unknown): string =>
    typeof v === "string" ? v : v === undefined || v === null ? "" : JSON.stringify(v);
const obj = (v: unknown): Obj => (v !== null && typeof v === "object" ? (v as Obj) : {});
const NETWORK = /projects\/([^/]+)\/global\/networks\/([^/]+)$/;

/** `projects/<p>/global/networks/<n>` from a path or URL; a bare name stays as it is (it cannot be placed). */
export function normalise(network: unknown): string {
    const m = NETWORK.exec(str(network));
    return m ? `projects/${m[1]}/global/networks/${m[2]}` : str(network);
}

/** Ranges of `network` that the stack reserves and peers in the network's own project. */
function stackRanges(resources: SynthResource[], network: string, problems: string[]): string[] {
    const networkProject = NETWORK.exec(network)?.[1];
    const peered = new Set(
        resources
            .filter(
                (r) =>
                    r.type === T.connection &&
                    normalise(r.inputs.network) === network &&
                    r.inputs.service === "servicenetworking.googleapis.com",
            )
            .flatMap((r) =>
                Array.isArray(r.inputs.reservedPeeringRanges) ? r.inputs.reservedPeeringRanges.map(String) : [],
            ),
    );
    const out: string[] = [];
    for (const range of resources.filter(
        (r) => r.type === T.range && r.inputs.purpose === "VPC_PEERING" && normalise(r.inputs.network) === network,
    )) {
        const name = str(range.outputs.name ?? range.inputs.name);
        if (range.inputs.project !== networkProject) {
            problems.push(
                `Private Service Access range ${name} is reserved in project ${str(range.inputs.project)}, but network ${network} belongs to ${networkProject}: reserve it in the network's (host) project`,
            );
        } else if (!peered.has(name)) {
            problems.push(
                `Private Service Access range ${name} is not reserved by a servicenetworking connection on ${network}`,
            );
        } else {
            out.push(name);
        }
    }
    return out;
}

/** Host of `user@host:port/db?...` (the chart's URL form, no scheme). */
function urlHost(url: string): string | undefined {
    return /@([^:/@]+)(:\d+)?\//.exec(url)?.[1];
}

export function gcpReachability(
    result: SynthResult,
    worldOverrides: Partial<MockWorld>,
    cluster: GkeClusterRef,
): GcpReachability {
    // The same world the preview ran in: the repository's, with the test's changes.
    const world = { ...DEFAULT_WORLD, ...worldOverrides };
    const problems: string[] = [];
    const path: string[] = [];
    const clusterNetwork = normalise(gkeClusterNetwork(world, cluster.project, cluster.name));
    path.push(`GKE cluster ${cluster.name} runs on ${clusterNetwork}`);
    const instances = result.resources.filter((r) => r.type === T.instance);
    if (instances.length === 0) problems.push("no Cloud SQL instance in the preview");

    for (const instance of instances) {
        const ip = obj(obj(instance.inputs.settings).ipConfiguration);
        const label = `Cloud SQL instance ${str(instance.outputs.name ?? instance.name)}`;
        if (ip.ipv4Enabled !== false)
            problems.push(
                `${label} has a public IPv4 address (settings.ipConfiguration.ipv4Enabled is not false); the path must be private`,
            );
        if (!ip.privateNetwork) {
            problems.push(`${label} has no settings.ipConfiguration.privateNetwork: no private IP at all`);
            continue;
        }
        const network = normalise(ip.privateNetwork);
        if (network !== clusterNetwork) {
            problems.push(
                `${label} peers with ${network}, but the pods of GKE cluster ${cluster.name} run on ${clusterNetwork}; VPC peering is not transitive, so they cannot reach it (set langsmith:gcp.network to the cluster's network or remove it)`,
            );
            continue;
        }
        const ranges = [
            ...stackRanges(result.resources, network, problems),
            ...existingPrivateServiceAccess(world, cluster.project, cluster.name)
                .filter((psa) => normalise(psa.network) === network)
                .flatMap((psa) => psa.ranges),
        ];
        if (ranges.length === 0) {
            problems.push(
                `${label}: network ${network} has no Private Service Access; set langsmith:gcp.createPrivateServiceConnection: true, or create the range and the servicenetworking connection in project ${NETWORK.exec(network)?.[1]}`,
            );
            continue;
        }
        const allocated = ip.allocatedIpRange === undefined ? undefined : str(ip.allocatedIpRange);
        if (allocated !== undefined && !ranges.includes(allocated)) {
            problems.push(
                `${label}: allocatedIpRange ${allocated} is not a Private Service Access range of ${network} (it has ${ranges.join(", ")}); fix langsmith:gcp.allocatedIpRange`,
            );
            continue;
        }
        path.push(`${label} takes a private IP from ${allocated ?? ranges.join(" or ")} on ${network}`);

        // The pods connect to that address: the bootstrap Job's psql steps (PGHOSTADDR when PGHOST is the
        // name the certificate is checked against, else PGHOST) and the app's connection URL.
        const address = str(instance.outputs.privateIpAddress);
        for (const job of result.resources.filter((r) => r.type === T.job)) {
            const pod = obj(obj(obj(job.inputs.spec).template).spec);
            const containers = [...((pod.initContainers ?? []) as Obj[]), ...((pod.containers ?? []) as Obj[])];
            for (const c of containers) {
                const env = Array.isArray(c.env) ? (c.env as Obj[]) : [];
                const value = (name: string) => env.find((e) => e.name === name)?.value;
                const connectsTo = value("PGHOSTADDR") ?? value("PGHOST");
                if (connectsTo !== undefined && connectsTo !== address)
                    problems.push(
                        `bootstrap Job ${job.name} (${str(c.name)}) connects to ${str(connectsTo)}, not the instance's private IP ${address}`,
                    );
            }
        }
        for (const secret of result.resources.filter((r) => r.type === T.secret)) {
            const url = obj(secret.inputs.stringData).connection_url;
            // The Redis URL (rediss://) shares the key name; ./gcpRedis.ts checks it.
            if (typeof url === "string" && !/^rediss?:\/\//.test(url) && urlHost(url) !== address)
                problems.push(
                    `connection URL in Secret ${secret.name} points at ${str(urlHost(url))}, not the instance's private IP ${address}`,
                );
        }
        path.push(`pods connect to ${address}:5432`);
    }
    return { reachable: problems.length === 0, problems, path };
}

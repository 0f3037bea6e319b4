/**
 * LangSmith-managed ClickHouse on GCP: a Private Service Connect endpoint to the service attachment
 * LangChain provides, with an internal address in the cluster's node subnetwork and a private zone, in the network's
 * project (with a Shared VPC, the host project), resolving ClickHouse's host name to it on the
 * cluster's network. The attachment's region is the stack's (the config checks it).
 */
import type * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import type { GcpStackSettings } from "../config/settings";
import { fitName, stackScope, type StackIdentity } from "../config/stackNames";
import { networkProject } from "../../components/gcp/network";
import { gcpClickHouseEndpoint, type GcpClickHouseEndpoint } from "../../components/gcp/clickhouseEndpoint";
import { subnetworkPath } from "./gcpRedis";

/** Compute resource names and Cloud DNS zone names: 1-63 lower-case letters, digits and '-', a letter first. */
const MAX_NAME = 63;

/** `<project>-<stack>-clickhouse`, the name of the address, the forwarding rule and the zone. */
export function clickhouseEndpointName(id: StackIdentity): string {
    let scope = stackScope(id);
    if (!/^[a-z]/.test(scope)) scope = `ls-${scope}`;
    return `${fitName(scope, MAX_NAME - "-clickhouse".length, id)}-clickhouse`;
}

/** What the endpoint needs from the rest of the GCP deploy. */
export interface GcpClickHouseContext {
    provider: gcp.Provider;
    /** The cluster's network (`projects/<p>/global/networks/<n>`). */
    network: pulumi.Input<string>;
    /** The cluster's node subnetwork, as GKE reports it. */
    clusterSubnetwork: pulumi.Input<string>;
    labels: Record<string, string>;
}

/** The endpoint, with `langsmith:clickhouse.mode` langsmithManaged; nothing otherwise. */
export function deployGcpClickHouseEndpoint(
    settings: GcpStackSettings,
    ctx: GcpClickHouseContext,
): GcpClickHouseEndpoint | undefined {
    const ch = settings.clickhouse;
    if (ch.mode !== "langsmithManaged" || !ch.privateConnection) return undefined;
    const { project, region } = settings.gcp;
    const name = clickhouseEndpointName({ project: pulumi.getProject(), stack: pulumi.getStack() });
    return gcpClickHouseEndpoint(
        "langsmith-clickhouse",
        {
            project,
            region,
            serviceAttachment: ch.privateConnection.serviceName,
            network: ctx.network,
            subnetwork: pulumi.output(ctx.clusterSubnetwork).apply((s) => subnetworkPath(project, region, s)),
            host: ch.host,
            endpointName: name,
            zoneName: name,
            dnsProject: pulumi.output(ctx.network).apply(networkProject),
            labels: ctx.labels,
        },
        { provider: ctx.provider },
    );
}

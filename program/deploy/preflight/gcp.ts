/**
 * Checks before a GCP stack creates anything: the GKE cluster exists and has Workload Identity on,
 * the database's network is the cluster's, and a reused private DNS zone fits. Each failure names the key and the fix.
 */
import * as gcp from "@pulumi/gcp";
import type * as pulumi from "@pulumi/pulumi";
import type { GcpStackSettings } from "../../config/settings";
import { networkPath } from "../../../components/gcp/network";
import { requireClusterNetwork, requireWorkloadPool } from "../gcp";
import { lookUp, refuse } from "./common";
import { checkReusedDnsZone } from "../gcpPostgresDns";

export async function gcpPreflight(settings: GcpStackSettings, opts: pulumi.InvokeOptions): Promise<void> {
    const { project, region, clusterName } = settings.gcp;
    const location = settings.gcp.clusterLocation ?? region;
    const notFound = (reason: string) =>
        `GKE cluster ${clusterName} was not found in ${project}/${location} (${reason}); check it with: gcloud container clusters list --project ${project}`;
    const cluster = await lookUp("gcp.clusterName", notFound, () =>
        gcp.container.getCluster({ name: clusterName, location, project }, opts),
    );
    if (!cluster.endpoint) refuse("gcp.clusterName", notFound("the look-up returned no cluster"));
    requireWorkloadPool(cluster.workloadIdentityConfigs, project, clusterName);
    const configured = settings.gcp.network === undefined ? undefined : networkPath(project, settings.gcp.network);
    const network = requireClusterNetwork(configured, networkPath(project, cluster.network), clusterName);
    await checkReusedDnsZone(settings, network, opts);
}

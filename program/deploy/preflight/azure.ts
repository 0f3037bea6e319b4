/**
 * Checks before an Azure stack creates anything: the AKS cluster exists with its OIDC issuer and
 * Workload Identity on, and the VNets its pods resolve names in are known. Each failure names the
 * key and the command that fixes it.
 */
import * as containerservice from "@pulumi/azure-native/containerservice";
import type { AzureStackSettings } from "../../config/settings";
import { isConfigError } from "../../config/errors";
import { oidcIssuerOf, requireClusterVirtualNetworksKnown } from "../azure";
import { lookUp, refuse } from "./common";

export async function azurePreflight(settings: AzureStackSettings): Promise<void> {
    const azure = settings.azure;
    const resourceGroupName = azure.clusterResourceGroupName ?? azure.resourceGroupName;
    const cluster = await lookUp(
        "azure.clusterName",
        (reason) =>
            `AKS cluster ${azure.clusterName} was not found in resource group ${resourceGroupName} (${reason}); check it with: az aks list --resource-group ${resourceGroupName} -o table`,
        () => containerservice.getManagedCluster({ resourceGroupName, resourceName: azure.clusterName }),
    );
    try {
        oidcIssuerOf(cluster, azure.clusterName);
    } catch (err) {
        if (isConfigError(err)) throw err;
        refuse(
            "azure.clusterName",
            String(err instanceof Error ? err.message : err)
                .replace(/^langsmith:azure\.clusterName: /, "")
                .replace("-g <rg>", `-g ${resourceGroupName}`),
        );
    }
    if (azure.createNetwork)
        requireClusterVirtualNetworksKnown(
            cluster,
            azure.clusterName,
            azure.createNetwork.virtualNetworkId,
            azure.createNetwork.linkedVirtualNetworkIds,
        );
}

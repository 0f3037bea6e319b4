/**
 * The Azure blob storage of a stack: the storage account name (given, or derived from project,
 * stack, subscription and resource group), the private endpoint's subnet (given, or the cluster's
 * first node subnet) and the storage with the identity's grant.
 */
import * as authorization from "@pulumi/azure-native/authorization";
import * as pulumi from "@pulumi/pulumi";
import type { AzureStackSettings } from "../config/settings";
import { CONFIG_NAMESPACE, ConfigError } from "../config/errors";
import { defaultStorageAccountName } from "../../components/blob/names";
import { AzureBlobStorage } from "../../components/azure/blobStorage";
import {
    clusterVirtualNetworksToLink,
    virtualNetworkIdOfSubnet,
    type AksNetworkView,
} from "../../components/azure/network";

/** The private endpoint's subnet: the configured one, or the subnet of the cluster's first node pool that has one. */
export function privateEndpointSubnetOf(
    cluster: AksNetworkView,
    configured: string | undefined,
    clusterName: string,
    key = "blobStorage.privateEndpointSubnetId",
): string {
    if (configured) return configured;
    const subnet = (cluster.agentPoolProfiles ?? []).find((p) => p.vnetSubnetID)?.vnetSubnetID;
    if (!subnet)
        throw new ConfigError(
            `${CONFIG_NAMESPACE}:${key}`,
            `is required: AKS cluster ${clusterName} has no node pool in a subnet of its own VNet (AKS manages its VNet), so the private endpoint has no subnet the pods reach by default; set the id of a subnet routed from the pods`,
        );
    return subnet;
}

export function deployAzureBlob(
    settings: AzureStackSettings,
    ctx: {
        cluster: pulumi.Output<AksNetworkView>;
        principalId: pulumi.Input<string>;
        tags: Record<string, string>;
    },
): AzureBlobStorage | undefined {
    const blob = settings.blobStorage;
    if (!blob.enabled) return undefined;
    const azure = settings.azure;
    const subnetId = ctx.cluster.apply((c) =>
        privateEndpointSubnetOf(c, blob.privateEndpointSubnetId, azure.clusterName),
    );
    const accountName =
        blob.storageAccountName ??
        authorization
            .getClientConfigOutput()
            .subscriptionId.apply((subscription) =>
                defaultStorageAccountName(pulumi.getProject(), pulumi.getStack(), [
                    subscription,
                    azure.resourceGroupName,
                ]),
            );
    return new AzureBlobStorage("langsmith-blob", {
        resourceGroupName: azure.resourceGroupName,
        location: azure.location,
        accountName,
        containerName: blob.containerName,
        principalId: ctx.principalId,
        privateEndpointSubnetId: subnetId,
        privateDnsZoneId: blob.privateDnsZoneId,
        // The endpoint's VNet and every VNet the cluster's pods resolve names in.
        linkedVirtualNetworkIds: pulumi.all([ctx.cluster, subnetId]).apply(([c, subnet]) => {
            const own = virtualNetworkIdOfSubnet(subnet);
            return [own, ...clusterVirtualNetworksToLink(c, own, azure.createNetwork?.linkedVirtualNetworkIds)];
        }),
        retention: { shortTtlDays: blob.shortTtlDays, longTtlDays: blob.longTtlDays, extraTtlDays: blob.extraTtlDays },
        production: settings.production,
        tags: ctx.tags,
    });
}

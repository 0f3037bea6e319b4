/**
 * The Azure managed Redis of a stack: Azure Managed Redis named from the project and stack (and the
 * subscription and resource group, since its host name is global), its private endpoint in the
 * configured subnet or the cluster's first node subnet, and the `default` access policy for the
 * pods' identity. Absent when `langsmith:redis.mode` is inCluster.
 */
import * as authorization from "@pulumi/azure-native/authorization";
import * as pulumi from "@pulumi/pulumi";
import type { AzureStackSettings } from "../config/settings";
import { defaultManagedRedisClusterName } from "../config/redisAzure";
import { AzureRedis } from "../../components/azure/redis";
import {
    clusterVirtualNetworksToLink,
    virtualNetworkIdOfSubnet,
    type AksNetworkView,
} from "../../components/azure/network";
import { privateEndpointSubnetOf } from "./azureBlob";

export function deployAzureRedis(
    settings: AzureStackSettings,
    ctx: {
        cluster: pulumi.Output<AksNetworkView>;
        principalId: pulumi.Input<string>;
        tags: Record<string, string>;
    },
): AzureRedis | undefined {
    const redis = settings.redis;
    if (redis.mode !== "managed") return undefined;
    const azure = settings.azure;
    const own = redis.azure ?? { persistence: settings.production ? "aof" : "none" };
    const subnetId = ctx.cluster.apply((c) =>
        privateEndpointSubnetOf(c, own.privateEndpointSubnetId, azure.clusterName, "redis.privateEndpointSubnetId"),
    );
    const clusterName = authorization
        .getClientConfigOutput()
        .subscriptionId.apply((subscription) =>
            defaultManagedRedisClusterName({ project: pulumi.getProject(), stack: pulumi.getStack() }, [
                subscription,
                azure.resourceGroupName,
            ]),
        );
    return new AzureRedis("langsmith-redis", {
        resourceGroupName: azure.resourceGroupName,
        location: azure.location,
        clusterName,
        principalId: ctx.principalId,
        privateEndpointSubnetId: subnetId,
        privateDnsZoneId: own.privateDnsZoneId,
        // The endpoint's VNet and every VNet the cluster's pods resolve names in.
        linkedVirtualNetworkIds: pulumi.all([ctx.cluster, subnetId]).apply(([c, subnet]) => {
            const vnet = virtualNetworkIdOfSubnet(subnet);
            return [vnet, ...clusterVirtualNetworksToLink(c, vnet, azure.createNetwork?.linkedVirtualNetworkIds)];
        }),
        skuName: redis.nodeType,
        highAvailability: redis.highAvailability,
        persistence: own.persistence,
        production: settings.production,
        resourceDescription: "LangSmith Redis",
        tags: ctx.tags,
    });
}

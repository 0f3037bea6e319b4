/**
 * LangSmith-managed ClickHouse on Azure: a private endpoint with a manual request to the private link
 * service LangChain provides, in the subnet the blob storage's endpoint uses, and a private DNS zone for
 * ClickHouse's host name linked to that subnet's VNet and every VNet the cluster's pods resolve names in.
 */
import * as pulumi from "@pulumi/pulumi";
import type { AzureStackSettings } from "../config/settings";
import {
    clusterVirtualNetworksToLink,
    virtualNetworkIdOfSubnet,
    type AksNetworkView,
} from "../../components/azure/network";
import { azureClickHouseEndpoint, type AzureClickHouseEndpoint } from "../../components/azure/clickhouseEndpoint";
import { privateEndpointSubnetOf } from "./azureBlob";

/** The endpoint, with `langsmith:clickhouse.mode` langsmithManaged; nothing otherwise. */
export function deployAzureClickHouseEndpoint(
    settings: AzureStackSettings,
    ctx: { cluster: pulumi.Output<AksNetworkView>; tags: Record<string, string> },
): AzureClickHouseEndpoint | undefined {
    const ch = settings.clickhouse;
    if (ch.mode !== "langsmithManaged" || !ch.privateConnection) return undefined;
    const azure = settings.azure;
    const subnetId = ctx.cluster.apply((c) =>
        privateEndpointSubnetOf(c, settings.blobStorage.privateEndpointSubnetId, azure.clusterName),
    );
    return azureClickHouseEndpoint(
        "langsmith-clickhouse",
        {
            resourceGroupName: azure.resourceGroupName,
            location: azure.location,
            subnetId,
            privateLinkService: ch.privateConnection.serviceName,
            host: ch.host,
            linkedVirtualNetworkIds: pulumi.all([ctx.cluster, subnetId]).apply(([c, subnet]) => {
                const own = virtualNetworkIdOfSubnet(subnet);
                return [own, ...clusterVirtualNetworksToLink(c, own, azure.createNetwork?.linkedVirtualNetworkIds)];
            }),
            tags: ctx.tags,
        },
        {},
    );
}

/**
 * The Azure path: look up the AKS cluster (OIDC issuer, user kubeconfig), create the managed
 * identities (the app's, and the bootstrap Job's own) with their federated credentials, the network
 * pieces if asked (linked to the cluster's VNet), the Flexible Server with the bootstrap's identity as
 * Entra administrator (the app's is a normal principal), then the shared Kubernetes side.
 */
import * as containerservice from "@pulumi/azure-native/containerservice";
import * as pulumi from "@pulumi/pulumi";
import type { AzureStackSettings } from "../config/settings";
import { clusterProvider } from "../../components/kubernetes/provider";
import { deployKubernetesSide, serviceAccountsFor } from "./kubernetesSide";
import { AZURE_IAM_ROLE_MODEL } from "../../components/postgres/bootstrapSql";
import { cloudTags } from "../config/tags";
import { AzureWorkloadIdentity } from "../../components/azure/identity";
import { decodeAksKubeconfig } from "../../components/azure/kubeconfig";
import {
    AzurePrivateNetwork,
    clusterVirtualNetworksToLink,
    parseVirtualNetworkId,
    sameArmId,
    type AksNetworkView,
} from "../../components/azure/network";
import { CONFIG_NAMESPACE } from "../config/settings";
import { ConfigError } from "../config/errors";
import { AzurePostgres } from "../../components/azure/postgres";
import { azureMaintenanceWindow, type MajorVersionChange } from "../config/maintenance";
import { operatorOutputs } from "./operatorOutputs";
import { azurePreflight } from "./preflight/azure";
import { deployAzureBlob } from "./azureBlob";
import { deployAzureRedis } from "./azureRedis";
import { deployAzureClickHouseEndpoint } from "./clickhouseAzure";
import { azureBootstrapLogin } from "../../components/azure/bootstrapLogin";
import { bootstrapServiceAccountOf } from "../config/derivedNames";

/** The issuer URL, after checking the cluster can issue Workload Identity tokens at all. */
export function oidcIssuerOf(cluster: containerservice.GetManagedClusterResult, clusterName: string): string {
    const issuer = cluster.oidcIssuerProfile?.enabled ? cluster.oidcIssuerProfile.issuerURL : undefined;
    if (!issuer)
        throw new Error(
            `langsmith:azure.clusterName: AKS cluster ${clusterName} has no OIDC issuer; run: az aks update -n ${clusterName} -g <rg> --enable-oidc-issuer --enable-workload-identity`,
        );
    if (!cluster.securityProfile?.workloadIdentity?.enabled) {
        throw new Error(
            `langsmith:azure.clusterName: AKS cluster ${clusterName} does not have Workload Identity enabled; run: az aks update -n ${clusterName} -g <rg> --enable-workload-identity`,
        );
    }
    return issuer;
}

/**
 * A pool without `vnetSubnetID` runs in a VNet AKS manages in the node resource group; the look-up
 * does not name it, so it must be the database's VNet or be listed. Throws a ConfigError saying
 * which id to set otherwise.
 */
export function requireClusterVirtualNetworksKnown(
    cluster: AksNetworkView,
    clusterName: string,
    databaseVirtualNetworkId: string,
    listed: readonly string[] = [],
): void {
    const pools = cluster.agentPoolProfiles ?? [];
    const managed = pools.length === 0 || pools.some((p) => !p.vnetSubnetID);
    if (!managed || listed.length > 0) return;
    const nodeRg = cluster.nodeResourceGroup ?? "";
    if (nodeRg !== "" && sameArmId(parseVirtualNetworkId(databaseVirtualNetworkId).resourceGroupName, nodeRg)) return;
    throw new ConfigError(
        `${CONFIG_NAMESPACE}:azure.createNetwork.linkedVirtualNetworkIds`,
        `is required: AKS cluster ${clusterName} runs node pools without a custom subnet, in a VNet AKS manages in its node resource group ${nodeRg || "(unknown)"}, which the look-up does not name; its pods resolve names there. Set it to that VNet's id (az network vnet list -g ${nodeRg || "<node resource group>"} --query "[].id" -o tsv), peered with the database's VNet`,
    );
}

export async function deployAzure(
    settings: AzureStackSettings,
    majorChange: MajorVersionChange = { to: settings.postgres.version },
) {
    const azure = settings.azure;
    const plan = settings.azurePlan;
    const tags = cloudTags("azure", settings.tags, { azurePrivateDnsZone: azure.createNetwork !== undefined });
    const clusterResourceGroupName = azure.clusterResourceGroupName ?? azure.resourceGroupName;
    // What the stack depends on exists, or the run stops here with the fix, before any resource.
    await azurePreflight(settings);

    const cluster = containerservice.getManagedClusterOutput({
        resourceGroupName: clusterResourceGroupName,
        resourceName: azure.clusterName,
    });
    const created = azure.createNetwork;
    // The cluster checks fail the deployment (through the federated credentials and the outputs), before the server.
    const issuerUrl = cluster.apply((c) => {
        if (created)
            requireClusterVirtualNetworksKnown(
                c,
                azure.clusterName,
                created.virtualNetworkId,
                created.linkedVirtualNetworkIds,
            );
        return oidcIssuerOf(c, azure.clusterName);
    });
    const k8sProvider = clusterProvider("aks", {
        kubeconfig:
            settings.kubernetes.kubeconfig ??
            pulumi.secret(
                containerservice
                    .listManagedClusterUserCredentialsOutput({
                        resourceGroupName: clusterResourceGroupName,
                        resourceName: azure.clusterName,
                    })
                    .kubeconfigs.apply(decodeAksKubeconfig),
            ),
        context: settings.kubernetes.context,
    });

    let delegatedSubnetId: pulumi.Input<string>;
    let privateDnsZoneId: pulumi.Input<string>;
    let networkDependencies: pulumi.Input<pulumi.Resource[]> = [];
    if (created) {
        const net = new AzurePrivateNetwork("langsmith-db", {
            resourceGroupName: azure.resourceGroupName,
            virtualNetworkId: created.virtualNetworkId,
            subnetName: plan.subnetName,
            subnetAddressPrefix: created.subnetAddressPrefix,
            zoneName: plan.privateDnsZoneName,
            // Pods resolve names in their nodes' VNet: the zone is linked there too (it may be a peered VNet).
            linkedVirtualNetworkIds: cluster.apply((c) =>
                clusterVirtualNetworksToLink(c, created.virtualNetworkId, created.linkedVirtualNetworkIds),
            ),
            tags,
        });
        delegatedSubnetId = net.delegatedSubnetId;
        privateDnsZoneId = net.privateDnsZoneId;
        // The server resolves its FQDN through the zone: the links exist first.
        networkDependencies = net.links;
    } else {
        delegatedSubnetId = azure.delegatedSubnetId as string;
        privateDnsZoneId = azure.privateDnsZoneId as string;
    }

    const serviceAccounts = serviceAccountsFor(settings);
    const identity = new AzureWorkloadIdentity("langsmith-identity", {
        resourceGroupName: azure.resourceGroupName,
        location: azure.location,
        identityName: plan.identityName,
        namespace: settings.kubernetes.namespace,
        serviceAccountNames: serviceAccounts.map((sa) => sa.name),
        oidcIssuerUrl: issuerUrl,
        tags,
    });

    // The bootstrap Job's own identity: the server's Entra administrator, trusted by exactly its service account.
    const bootstrapSa = bootstrapServiceAccountOf(settings);
    const bootstrapIdentity = new AzureWorkloadIdentity("langsmith-bootstrap-identity", {
        resourceGroupName: azure.resourceGroupName,
        location: azure.location,
        identityName: plan.bootstrapIdentityName,
        namespace: bootstrapSa.namespace,
        serviceAccountNames: [bootstrapSa.name],
        oidcIssuerUrl: issuerUrl,
        tags,
    });

    const pg = settings.postgres;
    const postgres = new AzurePostgres(
        "langsmith-db",
        {
            resourceGroupName: azure.resourceGroupName,
            location: azure.location,
            delegatedSubnetId,
            privateDnsZoneId,
            majorVersion: pg.version,
            skuName: plan.skuName,
            skuTier: plan.skuTier,
            storageGb: plan.storageGb,
            highAvailability: pg.highAvailability,
            availabilityZone: azure.availabilityZone,
            backupRetentionDays: plan.backupRetentionDays,
            geoRedundantBackup: azure.geoRedundantBackup,
            database: pg.database,
            extensionsAllowList: plan.extensionsAllowList,
            entraAdmin: {
                principalName: bootstrapIdentity.name,
                objectId: bootstrapIdentity.principalId,
                tenantId: bootstrapIdentity.tenantId,
            },
            appPrincipal: { name: identity.name, objectId: identity.principalId },
            sslMode: pg.sslMode,
            production: settings.production,
            tags,
            maintenanceWindow: azureMaintenanceWindow(pg.maintenanceWindow),
        },
        { dependsOn: networkDependencies },
    );

    const blob = deployAzureBlob(settings, { cluster, principalId: identity.principalId, tags });
    const redis = deployAzureRedis(settings, { cluster, principalId: identity.principalId, tags });
    // LangSmith-managed ClickHouse: the private endpoint and its DNS, which the release waits for.
    const clickhouseEndpoint = deployAzureClickHouseEndpoint(settings, { cluster, tags });

    const { bootstrap, langsmith } = deployKubernetesSide({
        settings,
        postgres,
        // No password exists on Azure: the Job logs in as its own identity with its Entra token.
        bootstrapLogin: azureBootstrapLogin(postgres, bootstrapIdentity),
        // The app's Entra principal is created in database postgres, where pgaadauth_* exist.
        bootstrapPreSql: { database: "postgres", sql: postgres.principalSql },
        identity,
        redis,
        blobStorage: blob,
        iamRoleModel: AZURE_IAM_ROLE_MODEL,
        serviceAccounts,
        provider: k8sProvider,
        // The Entra administrator and the database exist only once their operations finished; the Job's token
        // exchange needs its federated credential.
        bootstrapDependsOn: [
            postgres.entraAdministrator,
            postgres.databaseResource,
            ...postgres.parameters,
            ...bootstrapIdentity.federatedCredentials,
        ],
        // Without its federated credential a pod's token exchange fails; without its access policy, Redis refuses it.
        releaseDependsOn: [
            ...identity.federatedCredentials,
            ...(redis?.grants ?? []),
            ...(clickhouseEndpoint ? [clickhouseEndpoint.endpoint, clickhouseEndpoint.record] : []),
        ],
    });

    return {
        cloud: "azure",
        databaseHost: postgres.host,
        databasePort: postgres.port,
        databaseName: postgres.database,
        databaseIamUser: postgres.iamUser,
        serverId: postgres.server.id,
        identityClientId: identity.clientId,
        identityPrincipalId: identity.principalId,
        bootstrapIdentityClientId: bootstrapIdentity.clientId,
        databaseBootstrapUser: postgres.bootstrapUser,
        oidcIssuerUrl: issuerUrl,
        blobStorageAccountName: blob?.accountName,
        // Also surfaces the subnet check's ConfigError (no node subnet of its own) as the deployment's failure.
        blobPrivateEndpointSubnetId: blob?.privateEndpointSubnetId,
        blobContainerName: blob?.containerName,
        redisEndpoint: redis ? pulumi.interpolate`${redis.host}:${redis.port}` : "in-cluster (chart)",
        // Also surfaces the subnet check's ConfigError (no node subnet of its own) as the deployment's failure.
        redisPrivateEndpointSubnetId: redis?.privateEndpointSubnetId,
        namespace: langsmith.namespaceName,
        releaseName: langsmith.releaseName,
        releaseStatus: langsmith.releaseStatus,
        langsmithUrl: langsmith.url,
        ...operatorOutputs({ settings, majorChange, bootstrap, langsmith }),
    };
}

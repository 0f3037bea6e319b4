/** Azure: the resources and look-ups the Azure components make. */
import {
    MOCK_AZURE_SUBSCRIPTION_ID,
    MOCK_AZURE_TENANT_ID,
    stableGuid,
    stableHex,
    type InvokeMock,
    type MockWorld,
    type ResourceMock,
    type State,
} from "./shared";

const subscription = (w: MockWorld) => w.azureSubscriptionId ?? MOCK_AZURE_SUBSCRIPTION_ID;
const tenant = (w: MockWorld) => w.azureTenantId ?? MOCK_AZURE_TENANT_ID;
const rgId = (w: MockWorld, rg: unknown) => `/subscriptions/${subscription(w)}/resourceGroups/${String(rg)}`;
/** azure-native's auto-naming: the logical name plus 8 random characters, no separator. */
const azureAutoName = (name: string) => `${name}${stableHex(`az:${name}`, 8)}`;

/** A child of a server, `<server id>/<collection>/<name>`. */
function serverChild(collection: string, nameKey: string): ResourceMock {
    return (a, w) => {
        const name = String(a.inputs[nameKey] ?? azureAutoName(a.name));
        const server = `${rgId(w, a.inputs.resourceGroupName)}/providers/Microsoft.DBforPostgreSQL/flexibleServers/${String(a.inputs.serverName)}`;
        return { id: `${server}/${collection}/${name}`, state: { ...a.inputs, name } };
    };
}

export const AZURE_RESOURCE_MOCKS: Record<string, ResourceMock> = {
    "pulumi:providers:azure-native": (a) => ({ id: `${a.name}-provider`, state: a.inputs }),
    "azure-native:managedidentity:UserAssignedIdentity": (a, w) => {
        const name = String(a.inputs.resourceName ?? azureAutoName(a.name));
        const id = `${rgId(w, a.inputs.resourceGroupName)}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${name}`;
        return {
            id,
            state: {
                ...a.inputs,
                name,
                clientId: stableGuid(`client:${id}`),
                principalId: stableGuid(`principal:${id}`),
                tenantId: tenant(w),
                type: "Microsoft.ManagedIdentity/userAssignedIdentities",
            },
        };
    },
    "azure-native:managedidentity:FederatedIdentityCredential": (a, w) => {
        const name = String(a.inputs.federatedIdentityCredentialResourceName ?? azureAutoName(a.name));
        const id = `${rgId(w, a.inputs.resourceGroupName)}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${String(a.inputs.resourceName)}/federatedIdentityCredentials/${name}`;
        return { id, state: { ...a.inputs, name } };
    },
    "azure-native:dbforpostgresql:Server": (a, w) => {
        const name = String(a.inputs.serverName ?? azureAutoName(a.name));
        const id = `${rgId(w, a.inputs.resourceGroupName)}/providers/Microsoft.DBforPostgreSQL/flexibleServers/${name}`;
        const state: State = {
            ...a.inputs,
            name,
            fullyQualifiedDomainName: `${name}.postgres.database.azure.com`,
            state: "Ready",
            minorVersion: "4",
            replicaCapacity: 5,
        };
        // The API never returns the password.
        delete state.administratorLoginPassword;
        return { id, state };
    },
    "azure-native:dbforpostgresql:Configuration": serverChild("configurations", "configurationName"),
    "azure-native:dbforpostgresql:AdministratorsMicrosoftEntra": serverChild("administrators", "objectId"),
    "azure-native:dbforpostgresql:Database": serverChild("databases", "databaseName"),
    "azure-native:authorization:ManagementLockByScope": (a) => {
        const name = String(a.inputs.lockName ?? azureAutoName(a.name));
        return {
            id: `${String(a.inputs.scope)}/providers/Microsoft.Authorization/locks/${name}`,
            state: { ...a.inputs, name },
        };
    },
    "azure-native:storage:StorageAccount": (a, w) => {
        const name = String(
            a.inputs.accountName ??
                azureAutoName(a.name)
                    .replace(/[^a-z0-9]/g, "")
                    .slice(0, 24),
        );
        const id = `${rgId(w, a.inputs.resourceGroupName)}/providers/Microsoft.Storage/storageAccounts/${name}`;
        return {
            id,
            state: {
                ...a.inputs,
                name,
                primaryEndpoints: { blob: `https://${name}.blob.core.windows.net/` },
                provisioningState: "Succeeded",
            },
        };
    },
    "azure-native:storage:BlobServiceProperties": (a, w) => ({
        id: `${rgId(w, a.inputs.resourceGroupName)}/providers/Microsoft.Storage/storageAccounts/${String(a.inputs.accountName)}/blobServices/default`,
        state: { ...a.inputs, name: "default" },
    }),
    "azure-native:storage:BlobContainer": (a, w) => {
        const name = String(a.inputs.containerName ?? azureAutoName(a.name));
        return {
            id: `${rgId(w, a.inputs.resourceGroupName)}/providers/Microsoft.Storage/storageAccounts/${String(a.inputs.accountName)}/blobServices/default/containers/${name}`,
            state: { ...a.inputs, name },
        };
    },
    "azure-native:storage:ManagementPolicy": (a, w) => ({
        id: `${rgId(w, a.inputs.resourceGroupName)}/providers/Microsoft.Storage/storageAccounts/${String(a.inputs.accountName)}/managementPolicies/default`,
        state: { ...a.inputs, name: "default" },
    }),
    "azure-native:authorization:RoleAssignment": (a) => {
        const name = String(a.inputs.roleAssignmentName ?? stableGuid(`roleassignment:${a.name}`));
        return {
            id: `${String(a.inputs.scope)}/providers/Microsoft.Authorization/roleAssignments/${name}`,
            state: { ...a.inputs, name },
        };
    },
    "azure-native:network:PrivateEndpoint": (a, w) => {
        const name = String(a.inputs.privateEndpointName ?? azureAutoName(a.name));
        const rg = String(a.inputs.resourceGroupName);
        const manual = Array.isArray(a.inputs.manualPrivateLinkServiceConnections);
        // A connection to a private link service (a manual request here) reports no DNS configuration
        // unless the world says otherwise; Azure's own services report their FQDN and the NIC's IP.
        const dns = !manual || w.azurePrivateLinkServiceDnsConfigs === true;
        return {
            id: `${rgId(w, rg)}/providers/Microsoft.Network/privateEndpoints/${name}`,
            state: {
                ...a.inputs,
                name,
                provisioningState: "Succeeded",
                customDnsConfigs: dns ? [{ ipAddresses: [privateEndpointIp(name)] }] : [],
                // The NIC Azure creates with the endpoint, `<endpoint>.nic.<guid>` in its resource group.
                networkInterfaces: [
                    {
                        id: `${rgId(w, rg)}/providers/Microsoft.Network/networkInterfaces/${name}.nic.${stableGuid(`pe-nic:${name}`)}`,
                    },
                ],
            },
        };
    },
    "azure-native:network:PrivateDnsZoneGroup": (a, w) => {
        const name = String(a.inputs.privateDnsZoneGroupName ?? azureAutoName(a.name));
        return {
            id: `${rgId(w, a.inputs.resourceGroupName)}/providers/Microsoft.Network/privateEndpoints/${String(a.inputs.privateEndpointName)}/privateDnsZoneGroups/${name}`,
            state: { ...a.inputs, name },
        };
    },
    "azure-native:network:Subnet": (a, w) => {
        const name = String(a.inputs.subnetName ?? azureAutoName(a.name));
        const id = `${rgId(w, a.inputs.resourceGroupName)}/providers/Microsoft.Network/virtualNetworks/${String(a.inputs.virtualNetworkName)}/subnets/${name}`;
        return { id, state: { ...a.inputs, name, provisioningState: "Succeeded" } };
    },
    "azure-native:redisenterprise:RedisEnterprise": (a, w) => {
        const name = String(a.inputs.clusterName ?? azureAutoName(a.name));
        const location = String(a.inputs.location ?? "eastus")
            .toLowerCase()
            .replace(/\s+/g, "");
        return {
            id: `${rgId(w, a.inputs.resourceGroupName)}/providers/Microsoft.Cache/redisEnterprise/${name}`,
            state: {
                ...a.inputs,
                name,
                // The cluster's DNS name: <name>.<region>.redis.azure.net.
                hostName: `${name}.${location}.redis.azure.net`,
                kind: "v2",
                provisioningState: "Succeeded",
                resourceState: "Running",
                redisVersion: "7.4",
                redundancyMode: a.inputs.highAvailability === "Disabled" ? "None" : "ZR",
                privateEndpointConnections: [],
                type: "Microsoft.Cache/redisEnterprise",
            },
        };
    },
    "azure-native:redisenterprise:Database": (a, w) => {
        const name = String(a.inputs.databaseName ?? "default");
        return {
            id: `${rgId(w, a.inputs.resourceGroupName)}/providers/Microsoft.Cache/redisEnterprise/${String(a.inputs.clusterName)}/databases/${name}`,
            state: {
                // The service's defaults for what the caller left out.
                clientProtocol: "Encrypted",
                clusteringPolicy: "OSSCluster",
                evictionPolicy: "VolatileLRU",
                accessKeysAuthentication: "Disabled",
                ...a.inputs,
                name,
                provisioningState: "Succeeded",
                resourceState: "Running",
                redisVersion: "7.4",
                type: "Microsoft.Cache/redisEnterprise/databases",
            },
        };
    },
    "azure-native:redisenterprise:AccessPolicyAssignment": (a, w) => {
        const name = String(a.inputs.accessPolicyAssignmentName ?? azureAutoName(a.name));
        return {
            id: `${rgId(w, a.inputs.resourceGroupName)}/providers/Microsoft.Cache/redisEnterprise/${String(a.inputs.clusterName)}/databases/${String(a.inputs.databaseName)}/accessPolicyAssignments/${name}`,
            state: {
                ...a.inputs,
                name,
                provisioningState: "Succeeded",
                type: "Microsoft.Cache/redisEnterprise/databases/accessPolicyAssignments",
            },
        };
    },
    "azure-native:privatedns:PrivateZone": (a, w) => {
        const name = String(a.inputs.privateZoneName ?? azureAutoName(a.name));
        return {
            id: `${rgId(w, a.inputs.resourceGroupName)}/providers/Microsoft.Network/privateDnsZones/${name}`,
            state: { ...a.inputs, name },
        };
    },
    "azure-native:privatedns:PrivateRecordSet": (a, w) => {
        const name = String(a.inputs.relativeRecordSetName ?? azureAutoName(a.name));
        const id = `${rgId(w, a.inputs.resourceGroupName)}/providers/Microsoft.Network/privateDnsZones/${String(a.inputs.privateZoneName)}/${String(a.inputs.recordType)}/${name}`;
        const zone = String(a.inputs.privateZoneName);
        return { id, state: { ...a.inputs, name, fqdn: name === "@" ? `${zone}.` : `${name}.${zone}.` } };
    },
    "azure-native:privatedns:VirtualNetworkLink": (a, w) => {
        const name = String(a.inputs.virtualNetworkLinkName ?? azureAutoName(a.name));
        const id = `${rgId(w, a.inputs.resourceGroupName)}/providers/Microsoft.Network/privateDnsZones/${String(a.inputs.privateZoneName)}/virtualNetworkLinks/${name}`;
        return { id, state: { ...a.inputs, name } };
    },
};

/** What `az aks get-credentials` returns for an Entra-enabled cluster: kubelogin with device code. */
function userKubeconfig(clusterName: string, fqdn: string): string {
    return [
        "apiVersion: v1",
        "kind: Config",
        "clusters:",
        `- name: ${clusterName}`,
        "  cluster:",
        `    server: https://${fqdn}:443`,
        `    certificate-authority-data: ${Buffer.from(`MOCK-CA-${clusterName}`).toString("base64")}`,
        "contexts:",
        `- name: ${clusterName}`,
        "  context:",
        `    cluster: ${clusterName}`,
        `    user: clusterUser_${clusterName}`,
        `current-context: ${clusterName}`,
        "users:",
        `- name: clusterUser_${clusterName}`,
        "  user:",
        "    exec:",
        "      apiVersion: client.authentication.k8s.io/v1beta1",
        "      command: kubelogin",
        "      args: [get-token, --environment, AzurePublicCloud, --server-id, 6dae42f8-4368-4678-94ff-3960e28e3630, --client-id, 80faf920-1908-4b52-b5ef-a8e7bedfc67a, --tenant-id, " +
            MOCK_AZURE_TENANT_ID +
            ", --login, devicecode]",
        "",
    ].join("\n");
}

/** The AKS node resource group Azure names by default: `MC_<resource group>_<cluster>_<location>`. */
export const aksNodeResourceGroup = (resourceGroupName: string, clusterName: string, location = "eastus") =>
    `MC_${resourceGroupName}_${clusterName}_${location}`;

/** The AKS-managed VNet (`aks-vnet-<number>`) in the node resource group, for pools without a subnet. */
export const aksManagedVnetId = (w: MockWorld, resourceGroupName: string, clusterName: string) =>
    `${rgId(w, aksNodeResourceGroup(resourceGroupName, clusterName))}/providers/Microsoft.Network/virtualNetworks/aks-vnet-${parseInt(stableHex(`vnet:${clusterName}`, 6), 16) % 100000000}`;

/** The agent pools of the mocked cluster: `vnetSubnetID` from the world, or the default BYO subnet. */
export function aksAgentPools(
    w: MockWorld,
    resourceGroupName: string,
    clusterName: string,
): { name: string; vnetSubnetID?: string }[] {
    const subnets = w.aksAgentPoolSubnetIds ?? [
        `${rgId(w, resourceGroupName)}/providers/Microsoft.Network/virtualNetworks/${clusterName}-vnet/subnets/aks-nodes`,
    ];
    return subnets.map((subnet, i) => ({
        name: i === 0 ? "system" : `pool${i}`,
        ...(subnet ? { vnetSubnetID: subnet } : {}),
    }));
}

/**
 * The VNets the cluster's nodes (and so its pods) run in: each pool's subnet's VNet, or the
 * AKS-managed VNet for a pool without one.
 */
export function aksNodeVnetIds(w: MockWorld, resourceGroupName: string, clusterName: string): string[] {
    const ids = aksAgentPools(w, resourceGroupName, clusterName).map((p) =>
        p.vnetSubnetID
            ? p.vnetSubnetID.replace(/\/subnets\/[^/]+$/i, "")
            : aksManagedVnetId(w, resourceGroupName, clusterName),
    );
    return ids.filter((id, i) => ids.findIndex((o) => o.toLowerCase() === id.toLowerCase()) === i);
}

/** A private endpoint's NIC IP in its subnet (Azure takes a free one after the 4 it reserves). */
export function privateEndpointIp(endpointName: string): string {
    return `10.240.0.${4 + (parseInt(stableHex(`pe:${endpointName}`, 2), 16) % 200)}`;
}

export const AZURE_INVOKE_MOCKS: Record<string, InvokeMock> = {
    // Only the NICs private endpoints create (`<endpoint>.nic.<guid>`): one dynamic, primary IP configuration.
    "azure-native:network:getNetworkInterface": (inputs, w) => {
        const name = String(inputs.networkInterfaceName);
        const endpoint = /^(.+)\.nic\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.exec(name)?.[1];
        if (!endpoint)
            throw new Error(
                `Code="ResourceNotFound" Message="The Resource 'Microsoft.Network/networkInterfaces/${name}' under resource group '${String(inputs.resourceGroupName)}' was not found."`,
            );
        const id = `${rgId(w, inputs.resourceGroupName)}/providers/Microsoft.Network/networkInterfaces/${name}`;
        return {
            id,
            name,
            ipConfigurations: [
                {
                    id: `${id}/ipConfigurations/privateEndpointIpConfig.${stableGuid(`pe-ipconfig:${name}`)}`,
                    name: `privateEndpointIpConfig.${stableGuid(`pe-ipconfig:${name}`)}`,
                    primary: true,
                    privateIPAddress: privateEndpointIp(endpoint),
                    privateIPAddressVersion: "IPv4",
                    privateIPAllocationMethod: "Dynamic",
                    // As a private link service's connection reports it: no group, member or FQDN.
                    privateLinkConnectionProperties: { fqdns: [], groupId: "", requiredMemberName: "" },
                    provisioningState: "Succeeded",
                },
            ],
            provisioningState: "Succeeded",
        };
    },
    "azure-native:authorization:getClientConfig": (_inputs, w) => ({
        clientId: stableGuid("deployer-client"),
        objectId: stableGuid("deployer-object"),
        subscriptionId: subscription(w),
        tenantId: tenant(w),
    }),
    "azure-native:containerservice:getManagedCluster": (inputs, w) => {
        const name = String(inputs.resourceName);
        if (w.clusterMissing)
            throw new Error(
                `Code="ResourceNotFound" Message="The Resource 'Microsoft.ContainerService/managedClusters/${name}' under resource group '${String(inputs.resourceGroupName)}' was not found."`,
            );
        const id = `${rgId(w, inputs.resourceGroupName)}/providers/Microsoft.ContainerService/managedClusters/${name}`;
        return {
            id,
            name,
            location: "eastus",
            fqdn: `${name}-dns-${stableHex(id, 8)}.hcp.eastus.azmk8s.io`,
            privateFQDN: "",
            kubernetesVersion: "1.33",
            oidcIssuerProfile: {
                enabled: w.aksOidcIssuerEnabled !== false,
                issuerURL:
                    w.aksOidcIssuerEnabled === false
                        ? ""
                        : `https://eastus.oic.prod-aks.azure.com/${tenant(w)}/${stableGuid(`issuer:${id}`)}/`,
            },
            securityProfile: { workloadIdentity: { enabled: w.aksWorkloadIdentityEnabled !== false } },
            aadProfile: { managed: true, enableAzureRBAC: true, tenantID: tenant(w) },
            agentPoolProfiles: aksAgentPools(w, String(inputs.resourceGroupName), name).map((p) => ({
                ...p,
                count: 3,
                vmSize: "Standard_D4ds_v5",
                mode: p.name === "system" ? "System" : "User",
            })),
            nodeResourceGroup: aksNodeResourceGroup(String(inputs.resourceGroupName), name),
        };
    },
    "azure-native:containerservice:listManagedClusterUserCredentials": (inputs, w) => {
        const name = String(inputs.resourceName);
        const fqdn = `${name}-dns-${stableHex(`${rgId(w, inputs.resourceGroupName)}/providers/Microsoft.ContainerService/managedClusters/${name}`, 8)}.hcp.eastus.azmk8s.io`;
        return {
            kubeconfigs: [{ name: "clusterUser", value: Buffer.from(userKubeconfig(name, fqdn)).toString("base64") }],
        };
    },
};

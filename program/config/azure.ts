/** The `langsmith:azure` config block. */
import { z } from "zod";
import { AzureSkuTier } from "../../components/azure/sku";

const resourceGroupName = z.string().regex(/^[-\w._()]{1,89}[-\w_()]$/, {
    error: (iss) =>
        `${JSON.stringify(iss.input)} is not an Azure resource group name; set the name shown by 'az group list'`,
});

const armId = (what: string, pattern: RegExp, example: string) =>
    z.string().regex(pattern, {
        error: (iss) => `${JSON.stringify(iss.input)} is not ${what} resource id; set one like ${example}`,
    });

const SUBNET_ID =
    /^\/subscriptions\/[0-9a-fA-F-]{36}\/resourceGroups\/[^/]+\/providers\/Microsoft\.Network\/virtualNetworks\/[^/]+\/subnets\/[^/]+$/i;
export const VNET_ID =
    /^\/subscriptions\/[0-9a-fA-F-]{36}\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Network\/virtualNetworks\/([^/]+)$/i;
const DNS_ZONE_ID =
    /^\/subscriptions\/[0-9a-fA-F-]{36}\/resourceGroups\/[^/]+\/providers\/Microsoft\.Network\/privateDnsZones\/[^/]+\.postgres\.database\.azure\.com$/i;

/** Azure's allow-list for `CREATE EXTENSION` takes extension names. */
const extensionName = z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, {
    error: (iss) =>
        `${JSON.stringify(iss.input)} is not a PostgreSQL extension name; use names like pg_stat_statements`,
});

export const azureSchema = z
    .strictObject({
        /** Azure region of the database and the identity, e.g. eastus. */
        location: z.string().regex(/^[a-z][a-z0-9]+$/, {
            error: (iss) =>
                `${JSON.stringify(iss.input)} is not an Azure region name like eastus or westeurope; set the name shown by 'az account list-locations -o table'`,
        }),
        /** Existing resource group for the database, the managed identity and (if created) the DNS zone. */
        resourceGroupName,
        /** Name of the existing AKS cluster (OIDC issuer and Workload Identity enabled). */
        clusterName: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,61}[A-Za-z0-9]?$/, {
            error: (iss) =>
                `${JSON.stringify(iss.input)} is not a valid AKS cluster name; set the name shown by 'az aks list'`,
        }),
        /** Resource group of the AKS cluster (default: `resourceGroupName`). */
        clusterResourceGroupName: resourceGroupName.optional(),
        /** Existing subnet delegated to Microsoft.DBforPostgreSQL/flexibleServers (with `privateDnsZoneId`; or use `createNetwork`). */
        delegatedSubnetId: armId(
            "a subnet",
            SUBNET_ID,
            "/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.Network/virtualNetworks/<vnet>/subnets/<subnet>",
        ).optional(),
        /** Existing private DNS zone `<name>.postgres.database.azure.com` linked to the cluster's VNet. */
        privateDnsZoneId: armId(
            "a private DNS zone",
            DNS_ZONE_ID,
            "/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.Network/privateDnsZones/langsmith.private.postgres.database.azure.com",
        ).optional(),
        /** Create the delegated subnet (in an existing VNet) and the private DNS zone linked to it. */
        createNetwork: z
            .strictObject({
                /** The VNet the cluster reaches (its own, or a peered one). */
                virtualNetworkId: armId(
                    "a virtual network",
                    VNET_ID,
                    "/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.Network/virtualNetworks/<vnet>",
                ),
                /** Free address range for the new subnet, e.g. 10.10.8.0/28 (Azure needs at least /28). */
                subnetAddressPrefix: z.string().regex(/^(\d{1,3}\.){3}\d{1,3}\/(1[6-9]|2[0-8])$/, {
                    error: (iss) =>
                        `${JSON.stringify(iss.input)} is not an IPv4 range between /16 and /28 like 10.10.8.0/28; set a free range in the VNet`,
                }),
                /** Name of the new subnet (default: `<project>-<stack>-postgres`). */
                subnetName: z
                    .string()
                    .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,78}$/, {
                        error: "is not a valid subnet name; use letters, digits, '_', '.' and '-'",
                    })
                    .optional(),
                /**
                 * More VNets to link the private DNS zone to. The VNets of the cluster's node subnets are
                 * linked anyway; list the cluster's VNet here when AKS manages it (kubenet or no custom subnet).
                 */
                linkedVirtualNetworkIds: z
                    .array(
                        armId(
                            "a virtual network",
                            VNET_ID,
                            "/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.Network/virtualNetworks/<vnet>",
                        ),
                    )
                    .optional(),
            })
            .optional(),
        /** SKU tier (default: from the SKU name: Standard_B* → Burstable, Standard_E* → MemoryOptimized, else GeneralPurpose). */
        skuTier: z
            .enum(AzureSkuTier, {
                error: `is not a Flexible Server tier; set ${Object.values(AzureSkuTier).join(", ")}`,
            })
            .optional(),
        /** Geo-redundant backups (set at creation only; not in every region). */
        geoRedundantBackup: z.boolean({ error: "must be true or false; set true or false (no quotes)" }).default(false),
        /** Preferred availability zone of the primary ("1", "2" or "3"). */
        availabilityZone: z
            .enum(["1", "2", "3"], { error: 'is not an availability zone; set "1", "2" or "3"' })
            .optional(),
        /** Extensions to allow-list in `azure.extensions` besides LangSmith's own. */
        extraExtensions: z.array(extensionName).optional(),
    })
    .superRefine((azure, ctx) => {
        const byId = azure.delegatedSubnetId !== undefined || azure.privateDnsZoneId !== undefined;
        if (byId && azure.createNetwork) {
            ctx.addIssue({
                code: "custom",
                path: ["createNetwork"],
                message:
                    "is set together with delegatedSubnetId/privateDnsZoneId; use existing network resources or createNetwork, not both",
            });
        } else if (!byId && !azure.createNetwork) {
            ctx.addIssue({
                code: "custom",
                path: ["delegatedSubnetId"],
                message:
                    "is required (with privateDnsZoneId) for private access; set both to existing resources, or set langsmith:azure.createNetwork to create them",
            });
        } else if (byId && (azure.delegatedSubnetId === undefined || azure.privateDnsZoneId === undefined)) {
            ctx.addIssue({
                code: "custom",
                path: [azure.delegatedSubnetId === undefined ? "delegatedSubnetId" : "privateDnsZoneId"],
                message:
                    "is required together with the other of delegatedSubnetId/privateDnsZoneId (the server needs both for private access); set both, or set langsmith:azure.createNetwork instead",
            });
        }
    });

export type AzureConfig = z.output<typeof azureSchema>;

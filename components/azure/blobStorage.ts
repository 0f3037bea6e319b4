/**
 * LangSmith's blob storage on Azure, reached through the managed identity (DefaultAzureCredential
 * with the workload identity pod label), never with an account key: a storage account with shared
 * keys, public blob access and public network access off, TLS 1.2, reached only through a private
 * endpoint; a private container; a lifecycle policy for the prefixes LangSmith writes; and
 * `Storage Blob Data Contributor` for the identity on exactly that container.
 */
import * as authorization from "@pulumi/azure-native/authorization";
import * as network from "@pulumi/azure-native/network";
import * as storage from "@pulumi/azure-native/storage";
import * as pulumi from "@pulumi/pulumi";
import { privateLinkWithDns } from "./privateLink";
import {
    BlobEngine,
    retentionRules,
    type BlobStorageBinding,
    type BlobStorageChartSettings,
    type RetentionOptions,
} from "../blob/contract";

/** Built-in role: read, write and delete blobs and containers (https://learn.microsoft.com/en-us/azure/role-based-access-control/built-in-roles/storage#storage-blob-data-contributor). */
export const STORAGE_BLOB_DATA_CONTRIBUTOR = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";
/** The private DNS zone of blob private endpoints in Azure's public cloud. */
export const BLOB_PRIVATE_DNS_ZONE = "privatelink.blob.core.windows.net";

/** Arguments of {@link AzureBlobStorage}. */
export interface AzureBlobStorageArgs {
    /** Existing resource group of the account, the endpoint and (when created) the DNS zone. */
    resourceGroupName: string;
    /** Azure region of the account and the endpoint. */
    location: string;
    /** Globally unique storage account name (3-24 lower-case letters and digits). */
    accountName: pulumi.Input<string>;
    /**
     * Container name.
     * @default "langsmith"
     */
    containerName?: string;
    /** Object id of the managed identity the pods use. */
    principalId: pulumi.Input<string>;
    /** Subnet of the private endpoint (one the cluster's pods can route to, e.g. the node subnet). */
    privateEndpointSubnetId: pulumi.Input<string>;
    /** An existing `privatelink.blob.core.windows.net` zone; unset: one is created and linked to `linkedVirtualNetworkIds`. */
    privateDnsZoneId?: pulumi.Input<string>;
    /** VNets whose pods resolve the account (the cluster's), when the zone is created here. */
    linkedVirtualNetworkIds?: pulumi.Input<string[]>;
    /** Expiry of `ttl_s/`, `ttl_l/` and `ttl_<N>d/`. */
    retention?: RetentionOptions;
    /**
     * Production: Pulumi `protect`, a CanNotDelete lock, zone-redundant storage, blob and container
     * soft delete for `softDeleteDays`.
     * @default false
     */
    production?: boolean;
    /**
     * Soft delete retention in production, 1 to 365 days.
     * @default 30
     */
    softDeleteDays?: number;
    /** Tags of the account, the endpoint and the DNS zone. */
    tags?: Record<string, string>;
}

/** A lifecycle rule name: letters and digits only, e.g. `expireTtlS`, `expireTtl30d`. */
export function lifecycleRuleName(prefix: string): string {
    const part = prefix.replace(/\/$/, "").replace(/^ttl_/, "");
    return `expireTtl${part.charAt(0).toUpperCase()}${part.slice(1)}`.replace(/[^A-Za-z0-9]/g, "");
}

/** An Azure storage account and container for LangSmith's blob storage, private and keyless. */
export class AzureBlobStorage extends pulumi.ComponentResource implements BlobStorageBinding {
    /** The storage account (escape hatch). */
    public readonly account: storage.StorageAccount;
    /** The container. */
    public readonly container: storage.BlobContainer;
    /** The identity's data role on the container. */
    public readonly roleAssignment: authorization.RoleAssignment;
    /** The private endpoint of the blob service. */
    public readonly privateEndpoint: network.PrivateEndpoint;
    /** The delete lock (production). */
    public readonly lock?: authorization.ManagementLockByScope;
    /** Storage account name. */
    public readonly accountName: pulumi.Output<string>;
    /** Subnet of the private endpoint. */
    public readonly privateEndpointSubnetId: pulumi.Output<string>;
    /** Container name. */
    public readonly containerName: pulumi.Output<string>;
    /** Keyless `config.blobStorage` settings for the LangSmith chart. */
    public readonly chartSettings: pulumi.Output<BlobStorageChartSettings>;
    /** The identity's grant (and what pods need besides it): the release waits for these. */
    public readonly grants: pulumi.Resource[];

    constructor(name: string, args: AzureBlobStorageArgs, opts?: pulumi.ComponentResourceOptions) {
        super("langsmith-iam:index:AzureBlobStorage", name, {}, opts);
        const production = args.production ?? false;
        const softDeleteDays = args.softDeleteDays ?? 30;
        const child = { parent: this };
        const rg = args.resourceGroupName;

        this.account = new storage.StorageAccount(
            name,
            {
                resourceGroupName: rg,
                location: args.location,
                accountName: args.accountName,
                kind: "StorageV2",
                sku: { name: production ? "Standard_ZRS" : "Standard_LRS" },
                accessTier: "Hot",
                allowSharedKeyAccess: false,
                defaultToOAuthAuthentication: true,
                allowBlobPublicAccess: false,
                allowCrossTenantReplication: false,
                minimumTlsVersion: "TLS1_2",
                enableHttpsTrafficOnly: true,
                publicNetworkAccess: "Disabled",
                networkRuleSet: { defaultAction: "Deny", bypass: "None" },
                tags: args.tags,
            },
            { ...child, protect: production },
        );
        const accountRef = { resourceGroupName: rg, accountName: this.account.name };

        const blobService = new storage.BlobServiceProperties(
            `${name}-blob-service`,
            {
                ...accountRef,
                blobServicesName: "default",
                deleteRetentionPolicy: production ? { enabled: true, days: softDeleteDays } : { enabled: false },
                containerDeleteRetentionPolicy: production
                    ? { enabled: true, days: softDeleteDays }
                    : { enabled: false },
            },
            child,
        );
        const containerName = args.containerName ?? "langsmith";
        this.container = new storage.BlobContainer(
            `${name}-container`,
            { ...accountRef, containerName, publicAccess: "None" },
            { ...child, protect: production, dependsOn: [blobService] },
        );
        new storage.ManagementPolicy(
            `${name}-lifecycle`,
            {
                ...accountRef,
                managementPolicyName: "default",
                policy: {
                    rules: retentionRules(args.retention).map((rule) => ({
                        name: lifecycleRuleName(rule.prefix),
                        enabled: true,
                        type: "Lifecycle",
                        definition: {
                            // Lifecycle prefixes start with the container name.
                            filters: { blobTypes: ["blockBlob"], prefixMatch: [`${containerName}/${rule.prefix}`] },
                            actions: { baseBlob: { delete: { daysAfterCreationGreaterThan: rule.days } } },
                        },
                    })),
                },
            },
            child,
        );

        // Role definition ids are subscription-scoped: the subscription is the account's own.
        const roleDefinitionId = this.account.id.apply(
            (id) =>
                `${id.split("/").slice(0, 3).join("/")}/providers/Microsoft.Authorization/roleDefinitions/${STORAGE_BLOB_DATA_CONTRIBUTOR}`,
        );
        this.roleAssignment = new authorization.RoleAssignment(
            `${name}-blob-contributor`,
            {
                principalId: args.principalId,
                principalType: "ServicePrincipal",
                roleDefinitionId,
                scope: this.container.id,
                description: "LangSmith pods: read, write and delete trace payloads in this container only",
            },
            child,
        );

        const link = privateLinkWithDns(
            name,
            {
                resourceGroupName: rg,
                location: args.location,
                subnetId: args.privateEndpointSubnetId,
                targetId: this.account.id,
                groupId: "blob",
                zoneName: BLOB_PRIVATE_DNS_ZONE,
                privateDnsZoneId: args.privateDnsZoneId,
                linkedVirtualNetworkIds: args.linkedVirtualNetworkIds,
                tags: args.tags,
            },
            child,
        );
        this.privateEndpoint = link.endpoint;
        const zoneGroup = link.zoneGroup;

        if (production) {
            this.lock = new authorization.ManagementLockByScope(
                `${name}-lock`,
                {
                    scope: this.account.id,
                    level: "CanNotDelete",
                    notes: "LangSmith production blob storage: remove this lock deliberately before deleting the account",
                },
                { ...child, protect: true },
            );
        }

        this.accountName = this.account.name;
        this.privateEndpointSubnetId = pulumi.output(args.privateEndpointSubnetId);
        this.containerName = this.container.name;
        this.chartSettings = pulumi
            .all([this.account.name, this.container.name])
            .apply(([azureStorageAccountName, azureStorageContainerName]): BlobStorageChartSettings => ({
                engine: BlobEngine.Azure,
                azureStorageAccountName,
                azureStorageContainerName,
            }));
        // Pods resolve the account's private address once the DNS record exists.
        this.grants = [this.roleAssignment, zoneGroup];
        this.registerOutputs({ accountName: this.accountName, containerName: this.containerName });
    }
}

/** Azure input rules of the blob storage: storage account, container, lifecycle policy, soft delete, role assignment, private endpoint. */
import {
    AZURE_ACCOUNT_NAMING,
    AZURE_CONTAINER_NAMING,
    azureContainerNameProblem,
    azureStorageAccountNameProblem,
} from "../../../components/blob/names";
import { get, nameOf, num, problems, q, str } from "./common";
import type { CheckedResource, ServiceRule } from "./types";

export const STORAGE_ACCOUNT = "azure-native:storage:StorageAccount";
const CONTAINER = "azure-native:storage:BlobContainer";
const MANAGEMENT_POLICY = "azure-native:storage:ManagementPolicy";
const BLOB_SERVICE = "azure-native:storage:BlobServiceProperties";
const ROLE_ASSIGNMENT = "azure-native:authorization:RoleAssignment";
export const PRIVATE_ENDPOINT = "azure-native:network:PrivateEndpoint";
const ZONE_GROUP = "azure-native:network:PrivateDnsZoneGroup";

const ACCOUNT_OVERVIEW = "https://learn.microsoft.com/en-us/azure/storage/common/storage-account-overview";
const LIFECYCLE = "https://learn.microsoft.com/en-us/azure/storage/blobs/lifecycle-management-overview";
const SOFT_DELETE = "https://learn.microsoft.com/en-us/azure/storage/blobs/soft-delete-blob-overview";
const ROLE_ASSIGNMENTS = "https://learn.microsoft.com/en-us/rest/api/authorization/role-assignments/create";
const PRIVATE_ENDPOINT_DNS = "https://learn.microsoft.com/en-us/azure/private-link/private-endpoint-dns";
const STORAGE_PRIVATE_ENDPOINTS = "https://learn.microsoft.com/en-us/azure/storage/common/storage-private-endpoints";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SKUS = [
    "Standard_LRS",
    "Standard_GRS",
    "Standard_RAGRS",
    "Standard_ZRS",
    "Premium_LRS",
    "Premium_ZRS",
    "Standard_GZRS",
    "Standard_RAGZRS",
];

/** A private endpoint's target is a storage account (by its recorded id, or the id's provider path). */
function isStorageTarget(targetId: string | undefined, all: readonly CheckedResource[]): boolean {
    if (targetId === undefined) return true;
    const created = all.find((r) => r.outputs.id === targetId);
    return created
        ? created.type === STORAGE_ACCOUNT
        : /\/providers\/Microsoft\.Storage\/storageAccounts\//i.test(targetId);
}

export const AZURE_STORAGE_RULES: ServiceRule[] = [
    {
        id: "azure.storage.account.name",
        resourceType: STORAGE_ACCOUNT,
        property: "accountName",
        description: "Storage account names: 3-24 lower-case letters and digits, unique across Azure.",
        url: AZURE_ACCOUNT_NAMING,
        check: (_i, r) => {
            const n = nameOf(r, "accountName", "name");
            const problem = n && azureStorageAccountNameProblem(n.value);
            return problem && `${q(n?.value ?? "")} ${problem}`;
        },
    },
    {
        id: "azure.storage.account.settings",
        resourceType: STORAGE_ACCOUNT,
        property: "kind, sku.name, minimumTlsVersion, publicNetworkAccess",
        description:
            "A storage account has a kind (StorageV2 for blob lifecycle management), a SKU the service offers, a minimum TLS version TLS1_0 to TLS1_3, and public network access Enabled, Disabled or SecuredByPerimeter.",
        url: ACCOUNT_OVERVIEW,
        check: (inputs) => {
            const kind = str(inputs, "kind") ?? "";
            const sku = str(inputs, "sku.name") ?? "";
            const tls = str(inputs, "minimumTlsVersion");
            const pna = str(inputs, "publicNetworkAccess");
            return problems([
                !["StorageV2", "BlockBlobStorage", "BlobStorage", "Storage", "FileStorage"].includes(kind) &&
                    `kind ${q(kind)} is not a storage account kind`,
                !SKUS.includes(sku) && `sku ${q(sku)} is not one of ${SKUS.join(", ")}`,
                tls !== undefined &&
                    !["TLS1_0", "TLS1_1", "TLS1_2", "TLS1_3"].includes(tls) &&
                    `minimumTlsVersion ${q(tls)} is not TLS1_0 to TLS1_3`,
                pna !== undefined &&
                    !["Enabled", "Disabled", "SecuredByPerimeter"].includes(pna) &&
                    `publicNetworkAccess ${q(pna)} is not Enabled, Disabled or SecuredByPerimeter`,
            ]);
        },
    },
    {
        id: "azure.storage.container.name",
        resourceType: CONTAINER,
        property: "containerName, publicAccess",
        description:
            "Container names: 3-63 lower-case letters, digits and single hyphens, a letter or digit first; publicAccess None, Blob or Container, and only None on an account that disallows public blob access.",
        url: AZURE_CONTAINER_NAMING,
        check: (inputs, r, all) => {
            const n = nameOf(r, "containerName", "name");
            const access = str(inputs, "publicAccess");
            const account = all.find(
                (a) =>
                    a.type === STORAGE_ACCOUNT &&
                    nameOf(a, "accountName", "name")?.value === str(inputs, "accountName"),
            );
            const nameProblem = n && azureContainerNameProblem(n.value);
            return problems([
                nameProblem && `${q(n?.value ?? "")} ${nameProblem}`,
                access !== undefined &&
                    !["None", "Blob", "Container"].includes(access) &&
                    `publicAccess ${q(access)} is not None, Blob or Container`,
                access !== undefined &&
                    access !== "None" &&
                    account?.inputs.allowBlobPublicAccess === false &&
                    `publicAccess ${access} on an account with allowBlobPublicAccess false`,
            ]);
        },
    },
    {
        id: "azure.storage.management-policy.rules",
        resourceType: MANAGEMENT_POLICY,
        property: "managementPolicyName, policy.rules",
        description:
            "A lifecycle policy is named default; at most 100 rules with unique alphanumeric names of at most 256 characters, type Lifecycle, blobTypes set, prefixes that start with a container name.",
        url: LIFECYCLE,
        check: (inputs) => {
            const rules = get(inputs, "policy.rules");
            if (!Array.isArray(rules)) return "policy.rules is required";
            const names = rules.map((rule) => str(rule, "name") ?? "");
            const policyName = str(inputs, "managementPolicyName");
            return problems([
                policyName !== undefined &&
                    policyName !== "default" &&
                    `managementPolicyName ${q(policyName)} must be default`,
                rules.length > 100 && `${rules.length} rules, more than 100`,
                ...names.map((n, i) => names.indexOf(n) !== i && `rule name ${q(n)} is used twice`),
                ...rules.flatMap((rule, i) => {
                    const name = names[i];
                    const prefixes = get(rule, "definition.filters.prefixMatch");
                    const blobTypes = get(rule, "definition.filters.blobTypes");
                    return [
                        !/^[A-Za-z0-9]{1,256}$/.test(name) && `rule name ${q(name)} must be 1-256 letters and digits`,
                        str(rule, "type") !== "Lifecycle" && `rule ${q(name)}: type must be Lifecycle`,
                        !(Array.isArray(blobTypes) && blobTypes.length > 0) &&
                            `rule ${q(name)}: filters.blobTypes is required`,
                        Array.isArray(prefixes) &&
                            prefixes.some((p) => typeof p !== "string" || !/^[a-z0-9][-a-z0-9]{2,62}\//.test(p)) &&
                            `rule ${q(name)}: every prefixMatch starts with a container name and '/'`,
                    ];
                }),
            ]);
        },
    },
    {
        id: "azure.storage.blob-service.soft-delete",
        resourceType: BLOB_SERVICE,
        property: "blobServicesName, deleteRetentionPolicy, containerDeleteRetentionPolicy",
        description:
            "Blob service properties are named default; soft delete keeps deleted blobs and containers 1 to 365 days.",
        url: SOFT_DELETE,
        check: (inputs) => {
            const name = str(inputs, "blobServicesName");
            return problems([
                name !== undefined && name !== "default" && `blobServicesName ${q(name)} must be default`,
                ...["deleteRetentionPolicy", "containerDeleteRetentionPolicy"].map((k) => {
                    const days = num(inputs, `${k}.days`);
                    return get(inputs, `${k}.enabled`) === true && (days === undefined || days < 1 || days > 365)
                        ? `${k}.days must be 1 to 365 when enabled`
                        : undefined;
                }),
            ]);
        },
    },
    {
        id: "azure.authorization.role-assignment.target",
        resourceType: ROLE_ASSIGNMENT,
        property: "principalId, principalType, roleDefinitionId, scope",
        description:
            "A role assignment names a principal object id (a GUID), its type, a role definition id (/subscriptions/<id>/providers/Microsoft.Authorization/roleDefinitions/<GUID>) and a scope that is a resource id.",
        url: ROLE_ASSIGNMENTS,
        check: (inputs) => {
            const principal = str(inputs, "principalId");
            const type = str(inputs, "principalType");
            const role = str(inputs, "roleDefinitionId");
            const scope = str(inputs, "scope");
            return problems([
                principal !== undefined && !GUID.test(principal) && `principalId ${q(principal)} is not a GUID`,
                type !== undefined &&
                    !["User", "Group", "ServicePrincipal", "ForeignGroup", "Device"].includes(type) &&
                    `principalType ${q(type)} is not User, Group, ServicePrincipal, ForeignGroup or Device`,
                role !== undefined &&
                    !/^\/subscriptions\/[0-9a-f-]{36}\/providers\/Microsoft\.Authorization\/roleDefinitions\/[0-9a-f-]{36}$/i.test(
                        role,
                    ) &&
                    `roleDefinitionId ${q(role)} is not a subscription-scoped role definition id`,
                scope !== undefined && !scope.startsWith("/") && `scope ${q(scope)} is not a resource id`,
            ]);
        },
    },
    {
        id: "azure.network.private-endpoint.storage",
        resourceType: PRIVATE_ENDPOINT,
        property: "subnet.id, privateLinkServiceConnections",
        description:
            "A private endpoint sits in a subnet; a storage account's endpoint names one sub-resource (blob, file, queue, table, web, dfs).",
        url: STORAGE_PRIVATE_ENDPOINTS,
        check: (inputs, _r, all) => {
            const connections = get(inputs, "privateLinkServiceConnections");
            const subnet = str(inputs, "subnet.id");
            return problems([
                get(inputs, "subnet.id") === undefined && "subnet.id is required",
                subnet !== undefined &&
                    !/\/virtualNetworks\/[^/]+\/subnets\/[^/]+$/i.test(subnet) &&
                    `subnet ${q(subnet)} is not a subnet id`,
                ...(Array.isArray(connections) ? connections : []).map((c) => {
                    const groups = get(c, "groupIds");
                    // Sub-resources of other services (e.g. Azure Managed Redis) have rules of their own.
                    if (!isStorageTarget(str(c, "privateLinkServiceId"), all)) return undefined;
                    return Array.isArray(groups) &&
                        (groups.length !== 1 ||
                            !["blob", "file", "queue", "table", "web", "dfs"].includes(String(groups[0])))
                        ? `groupIds ${JSON.stringify(groups)} is not one storage sub-resource`
                        : undefined;
                }),
            ]);
        },
    },
    {
        id: "azure.network.private-dns-zone-group.zones",
        resourceType: ZONE_GROUP,
        property: "privateEndpointName, privateDnsZoneConfigs",
        description:
            "A private DNS zone group belongs to a private endpoint and names 1 to 5 private DNS zones; a blob endpoint's zone is privatelink.blob.core.windows.net.",
        url: PRIVATE_ENDPOINT_DNS,
        check: (inputs, _r, all) => {
            const configs = get(inputs, "privateDnsZoneConfigs");
            const list = Array.isArray(configs) ? configs : [];
            const zoneIds = list.map((c) => str(c, "privateDnsZoneId")).filter((z): z is string => z !== undefined);
            const zoneNames = zoneIds.map((id) => {
                const created = all.find((r) => r.outputs.id === id || r.urn === id);
                return (
                    created ? (str(created.inputs, "privateZoneName") ?? "") : (id.split("/").pop() ?? "")
                ).toLowerCase();
            });
            return problems([
                !str(inputs, "privateEndpointName") && "privateEndpointName is required",
                (list.length < 1 || list.length > 5) && `${list.length} zone configs; 1 to 5 are allowed`,
                zoneNames.some(
                    (n) => n !== "" && n.endsWith(".core.windows.net") && n !== "privatelink.blob.core.windows.net",
                ) &&
                    `zones ${JSON.stringify(zoneNames)} include a storage zone other than privatelink.blob.core.windows.net`,
            ]);
        },
    },
];

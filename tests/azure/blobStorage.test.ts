/** The Azure blob storage: a private, keyless storage account reached through a private endpoint, and the identity's data role on the container only. */
import { strict as assert } from "node:assert";
import { runProgram } from "../../program";
import { isConfigError } from "../../program/config/errors";
import { loadStackConfig, projectName, stackFile, synthesize, type SynthResult } from "../../tools/offline/synthesize";
import type { MockWorld } from "../../tools/offline/cloudMocks";
import { at, helmValues, one, ofType, synthStack } from "../support/synth";

const CONTRIBUTOR = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";

async function synthDevWorld(world: Partial<MockWorld>, blob: Record<string, unknown> = {}): Promise<SynthResult> {
    const { config, secretKeys } = loadStackConfig(stackFile("azure-dev"));
    config["langsmith:blobStorage"] = JSON.stringify(blob);
    // Only the blob endpoint's subnet is under test (Redis's: tests/azure/redis.test.ts).
    config["langsmith:redis"] = JSON.stringify({ mode: "inCluster" });
    // The database's own check of such a cluster passes once its VNet is listed.
    const azure = JSON.parse(config["langsmith:azure"]) as { createNetwork: Record<string, unknown> };
    azure.createNetwork.linkedVirtualNetworkIds = [
        "/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/MC_platform-dev_platform-dev_eastus/providers/Microsoft.Network/virtualNetworks/aks-vnet-1",
    ];
    config["langsmith:azure"] = JSON.stringify(azure);
    return synthesize({ project: projectName(), stack: "azure-dev", config, secretKeys, world, program: runProgram });
}

describe("Azure blob storage", function () {
    let dev: SynthResult;
    before(async function () {
        dev = await synthStack("azure-dev");
    });

    it("the account refuses shared keys, public blobs, public networks and TLS below 1.2", function () {
        const account = one(dev, "azure-native:storage:StorageAccount");
        assert.equal(account.inputs.allowSharedKeyAccess, false);
        assert.equal(account.inputs.allowBlobPublicAccess, false);
        assert.equal(account.inputs.minimumTlsVersion, "TLS1_2");
        assert.equal(account.inputs.enableHttpsTrafficOnly, true);
        assert.equal(account.inputs.publicNetworkAccess, "Disabled");
        assert.deepEqual(account.inputs.networkRuleSet, { defaultAction: "Deny", bypass: "None" });
        assert.match(String(account.outputs.name), /^lsazuredev[0-9a-f]{8}$/);
        assert.equal(one(dev, "azure-native:storage:BlobContainer").inputs.publicAccess, "None");
    });

    it("Storage Blob Data Contributor for the LangSmith identity on the container only", function () {
        const assignments = ofType(dev, "azure-native:authorization:RoleAssignment");
        assert.equal(assignments.length, 1);
        const [assignment] = assignments;
        const container = one(dev, "azure-native:storage:BlobContainer");
        const identity = one(dev, "azure-native:managedidentity:UserAssignedIdentity", "langsmith-identity-identity");
        assert.equal(assignment.inputs.scope, container.id);
        assert.match(String(assignment.inputs.scope), /\/blobServices\/default\/containers\/langsmith$/);
        assert.equal(assignment.inputs.principalId, identity.outputs.principalId);
        assert.equal(assignment.inputs.principalType, "ServicePrincipal");
        assert.match(
            String(assignment.inputs.roleDefinitionId),
            new RegExp(
                `^/subscriptions/[0-9a-f-]{36}/providers/Microsoft.Authorization/roleDefinitions/${CONTRIBUTOR}$`,
            ),
        );
        const release = one(dev, "kubernetes:helm.sh/v3:Release");
        assert.ok(release.dependencies.includes(assignment.urn));
    });

    it("a private endpoint for the blob service in the cluster's node subnet, its DNS zone linked to the cluster's VNet", function () {
        const endpoint = one(dev, "azure-native:network:PrivateEndpoint", "langsmith-blob-endpoint");
        assert.match(
            String((endpoint.inputs.subnet as { id: string }).id),
            /\/virtualNetworks\/platform-dev-vnet\/subnets\/aks-nodes$/,
        );
        const account = one(dev, "azure-native:storage:StorageAccount");
        assert.deepEqual(endpoint.inputs.privateLinkServiceConnections, [
            { name: "blob", privateLinkServiceId: account.id, groupIds: ["blob"] },
        ]);
        const zone = ofType(dev, "azure-native:privatedns:PrivateZone").find(
            (z) => z.inputs.privateZoneName === "privatelink.blob.core.windows.net",
        );
        assert.ok(zone);
        const group = one(dev, "azure-native:network:PrivateDnsZoneGroup", "langsmith-blob-endpoint-dns");
        assert.deepEqual(group.inputs.privateDnsZoneConfigs, [{ name: "blob", privateDnsZoneId: zone.id }]);
        const blobLinks = ofType(dev, "azure-native:privatedns:VirtualNetworkLink").filter(
            (l) => l.inputs.privateZoneName === "privatelink.blob.core.windows.net",
        );
        assert.deepEqual(
            blobLinks.map((l) => (l.inputs.virtualNetwork as { id: string }).id),
            [
                endpoint.inputs.subnet &&
                    String((endpoint.inputs.subnet as { id: string }).id).replace(/\/subnets\/[^/]+$/, ""),
            ],
        );
    });

    it("lifecycle: ttl_s/ after 14 days, ttl_l/ after 400, inside the container", function () {
        const policy = one(dev, "azure-native:storage:ManagementPolicy");
        assert.equal(policy.inputs.managementPolicyName, "default");
        const rules = at(policy.inputs, ["policy", "rules"]) as {
            name: string;
            definition: {
                filters: { prefixMatch: string[] };
                actions: { baseBlob: { delete: { daysAfterCreationGreaterThan: number } } };
            };
        }[];
        assert.deepEqual(
            rules.map((r) => [
                r.name,
                r.definition.filters.prefixMatch,
                r.definition.actions.baseBlob.delete.daysAfterCreationGreaterThan,
            ]),
            [
                ["expireTtlS", ["langsmith/ttl_s/"], 14],
                ["expireTtlL", ["langsmith/ttl_l/"], 400],
            ],
        );
    });

    it("the chart gets engine Azure with account and container names, and no key or connection string", async function () {
        const shown = await synthStack("azure-prod", { showSecrets: true });
        const account = one(shown, "azure-native:storage:StorageAccount");
        assert.deepEqual(at(helmValues(shown), ["config", "blobStorage"]), {
            enabled: true,
            engine: "Azure",
            azureStorageAccountName: account.outputs.name,
            azureStorageContainerName: "langsmith",
        });
    });

    it("production: protected account and container, a CanNotDelete lock, ZRS, 30 days of blob and container soft delete", async function () {
        const prod = await synthStack("azure-prod");
        const account = one(prod, "azure-native:storage:StorageAccount");
        assert.equal(account.protect, true);
        assert.deepEqual(account.inputs.sku, { name: "Standard_ZRS" });
        assert.equal(one(prod, "azure-native:storage:BlobContainer").protect, true);
        const lock = one(prod, "azure-native:authorization:ManagementLockByScope", "langsmith-blob-lock");
        assert.equal(lock.inputs.scope, account.id);
        assert.equal(lock.inputs.level, "CanNotDelete");
        const service = one(prod, "azure-native:storage:BlobServiceProperties");
        assert.deepEqual(service.inputs.deleteRetentionPolicy, { enabled: true, days: 30 });
        assert.deepEqual(service.inputs.containerDeleteRetentionPolicy, { enabled: true, days: 30 });
        assert.equal(ofType(dev, "azure-native:authorization:ManagementLockByScope").length, 0);
    });

    it("a cluster without a node subnet of its own needs blobStorage.privateEndpointSubnetId", async function () {
        await assert.rejects(
            synthDevWorld({ aksAgentPoolSubnetIds: [null] }, {}),
            (e: unknown) => isConfigError(e) && e.key === "langsmith:blobStorage.privateEndpointSubnetId",
        );
        const subnet =
            "/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/platform-dev/providers/Microsoft.Network/virtualNetworks/platform-dev-vnet/subnets/endpoints";
        const result = await synthDevWorld({ aksAgentPoolSubnetIds: [null] }, { privateEndpointSubnetId: subnet });
        assert.equal(
            (
                one(result, "azure-native:network:PrivateEndpoint", "langsmith-blob-endpoint").inputs.subnet as {
                    id: string;
                }
            ).id,
            subnet,
        );
    });
});

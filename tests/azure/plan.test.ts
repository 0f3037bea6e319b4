/** Azure rules that need no mocks: config validation, the plan, federated credentials, the kubeconfig, the cluster check. */
import { strict as assert } from "node:assert";
import type { GetManagedClusterResult } from "@pulumi/azure-native/containerservice";
import { parse as parseYaml } from "yaml";
import { parseSettings } from "../../program/config/settings";
import { federatedCredentialSpecs } from "../../components/azure/identity";
import { aksKubeconfigForAzureCli, AKS_AAD_SERVER_ID } from "../../components/azure/kubeconfig";
import { storageSizeFor } from "../../program/config/azurePlan";
import { oidcIssuerOf } from "../../program/deploy/azure";
import { azureExistingNetworkBase } from "../support/baseConfigs";

const SUB = "00000000-1111-2222-3333-444444444444";
const base = azureExistingNetworkBase();
const withAzure = (azure: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    ...base,
    ...extra,
    azure: { ...base.azure, ...azure },
});
const configError = (key: string, text: RegExp) => (err: Error & { key?: string }) => {
    assert.equal(err.name, "ConfigError");
    assert.equal(err.key, key);
    assert.match(err.message, text);
    return true;
};

/** The Azure plan resolved while the config is read. */
function azurePlanOf(raw: Record<string, unknown>) {
    const settings = parseSettings(raw);
    assert.equal(settings.cloud, "azure");
    return settings.cloud === "azure" ? settings.azurePlan : assert.fail("not an Azure stack");
}

describe("Azure config and plan", function () {
    it("accepts cloud azure with its block, and requires the block", function () {
        assert.equal(parseSettings(base).cloud, "azure");
        assert.throws(
            () => parseSettings({ ...base, azure: undefined }),
            configError("langsmith:azure", /is required when langsmith:cloud is azure/),
        );
    });

    it("needs private networking: both ids, or createNetwork, not a mix", function () {
        assert.throws(
            () => parseSettings(withAzure({ delegatedSubnetId: undefined, privateDnsZoneId: undefined })),
            configError("langsmith:azure.delegatedSubnetId", /createNetwork/),
        );
        assert.throws(
            () => parseSettings(withAzure({ privateDnsZoneId: undefined })),
            configError("langsmith:azure.privateDnsZoneId", /together/),
        );
        const createNetwork = {
            virtualNetworkId: `/subscriptions/${SUB}/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/v`,
            subnetAddressPrefix: "10.0.8.0/28",
        };
        assert.throws(
            () => parseSettings(withAzure({ createNetwork })),
            configError("langsmith:azure.createNetwork", /not both/),
        );
        const created = parseSettings(
            withAzure({ createNetwork, delegatedSubnetId: undefined, privateDnsZoneId: undefined }),
        );
        // The subnet's default name comes from the project and stack (parseSettings' example stack: langsmith/dev).
        assert.equal(created.cloud === "azure" ? created.azurePlan.subnetName : undefined, "langsmith-dev-postgres");
        assert.throws(
            () => parseSettings(withAzure({ delegatedSubnetId: "subnet-123" })),
            configError("langsmith:azure.delegatedSubnetId", /is not a subnet resource id/),
        );
        assert.throws(
            () => parseSettings(withAzure({ location: "East US" })),
            configError("langsmith:azure.location", /Azure region/),
        );
    });

    it("defaults: burstable 2 vCore for dev, D2ds_v5 for production, Azure storage sizes, at least 7 days of backups", function () {
        const dev = azurePlanOf(base);
        assert.deepEqual(dev, {
            skuName: "Standard_B2ms",
            skuTier: "Burstable",
            storageGb: 32,
            backupRetentionDays: 7,
            identityName: "langsmith-dev",
            bootstrapIdentityName: "langsmith-dev-bootstrap",
            subnetName: "langsmith-dev-postgres",
            privateDnsZoneName: "langsmith-dev.private.postgres.database.azure.com",
            extensionsAllowList: "BTREE_GIN,BTREE_GIST,CITEXT,LTREE,PGCRYPTO,PG_TRGM",
        });
        const prod = azurePlanOf({ ...base, production: true, clickhouse: { mode: "inCluster" } });
        assert.equal(prod.skuName, "Standard_D2ds_v5");
        assert.equal(prod.skuTier, "GeneralPurpose");
        assert.equal(prod.storageGb, 128);
        assert.equal(prod.backupRetentionDays, 14);
        assert.equal(storageSizeFor(32), 32);
        assert.equal(storageSizeFor(33), 64);
        assert.throws(() => storageSizeFor(40000), configError("langsmith:postgres.storageGb", /above/));
        assert.equal(
            azurePlanOf({ ...base, postgres: { instanceClass: "Standard_E4ds_v5" } }).skuTier,
            "MemoryOptimized",
        );
    });

    it("refuses HA on burstable, bad identity names, dropPreviousIamUser, overlong bootstrap names", function () {
        assert.throws(
            () => azurePlanOf({ ...base, postgres: { highAvailability: true } }),
            configError("langsmith:postgres.highAvailability", /General Purpose/),
        );
        assert.throws(
            () => azurePlanOf({ ...base, postgres: { iamUser: "app@corp" } }),
            configError("langsmith:postgres.iamUser", /managed identity/),
        );
        // Switching identities works on Azure now (the owner role); dropping the old principal is not the Job's.
        assert.equal(azurePlanOf({ ...base, postgres: { previousIamUser: "old" } }).identityName, "langsmith-dev");
        assert.throws(
            () => azurePlanOf({ ...base, postgres: { previousIamUser: "old", dropPreviousIamUser: true } }),
            configError("langsmith:postgres.dropPreviousIamUser", /not supported on Azure/),
        );
        assert.throws(
            () => azurePlanOf({ ...base, postgres: { iamUser: `a${"b".repeat(53)}` } }),
            configError(
                "langsmith:postgres.iamUser",
                /bootstrap's managed identity \(and Postgres role\) name ab+-bootstrap 64 bytes long/,
            ),
        );
        assert.equal(
            azurePlanOf({ ...base, postgres: { iamUser: `a${"b".repeat(52)}` } }).bootstrapIdentityName.length,
            63,
        );
        // The password administrator is gone on Azure: its login is not checked any more.
        assert.equal(
            azurePlanOf({ ...base, postgres: { adminUser: "azure_superuser" } }).identityName,
            "langsmith-dev",
        );
        assert.throws(
            () => azurePlanOf({ ...base, postgres: { instanceClass: "db.m7g.large" } }),
            configError("langsmith:postgres.instanceClass", /Flexible Server SKU/),
        );
    });
});

describe("Azure federated credentials", function () {
    it("one per service account with the exact subject", function () {
        assert.deepEqual(federatedCredentialSpecs("ls", ["a-backend", "a-queue"]), [
            { name: "ls-a-backend", subject: "system:serviceaccount:ls:a-backend" },
            { name: "ls-a-queue", subject: "system:serviceaccount:ls:a-queue" },
        ]);
    });

    it("20 is the limit; 21 is a ConfigError that says so", function () {
        const sas = (n: number) => Array.from({ length: n }, (_, i) => `sa-${i}`);
        assert.equal(federatedCredentialSpecs("ls", sas(20)).length, 20);
        assert.throws(
            () => federatedCredentialSpecs("ls", sas(21)),
            /21 service accounts, but Azure allows 20 federated identity credentials per managed identity/,
        );
        assert.throws(() => federatedCredentialSpecs("ls", []), /trust nobody/);
    });
});

describe("AKS access", function () {
    const cluster = (oidc: boolean, wi: boolean) =>
        ({
            oidcIssuerProfile: { enabled: oidc, issuerURL: oidc ? "https://eastus.oic.prod-aks.azure.com/t/i/" : "" },
            securityProfile: { workloadIdentity: { enabled: wi } },
        }) as unknown as GetManagedClusterResult;

    it("reads the OIDC issuer, and refuses clusters without it or without Workload Identity", function () {
        assert.equal(oidcIssuerOf(cluster(true, true), "aks"), "https://eastus.oic.prod-aks.azure.com/t/i/");
        assert.throws(() => oidcIssuerOf(cluster(false, true), "aks"), /has no OIDC issuer; run: az aks update/);
        assert.throws(() => oidcIssuerOf(cluster(true, false), "aks"), /does not have Workload Identity enabled/);
    });

    it("turns kubelogin device-code login into Azure CLI login and leaves other users alone", function () {
        const input = [
            "users:",
            "- name: aad",
            "  user:",
            "    exec:",
            "      command: kubelogin",
            "      args: [get-token, --server-id, 11111111-2222-3333-4444-555555555555, --login, devicecode]",
            "- name: local",
            "  user:",
            "    token: abc",
            "- name: aad-default",
            "  user:",
            "    exec:",
            "      command: /usr/local/bin/kubelogin",
            "      args: [get-token]",
        ].join("\n");
        const out = parseYaml(aksKubeconfigForAzureCli(input)) as {
            users: { name: string; user: { exec?: { args: string[]; interactiveMode: string }; token?: string } }[];
        };
        assert.deepEqual(out.users[0].user.exec?.args, [
            "get-token",
            "--login",
            "azurecli",
            "--server-id",
            "11111111-2222-3333-4444-555555555555",
        ]);
        assert.equal(out.users[0].user.exec?.interactiveMode, "Never");
        assert.equal(out.users[1].user.token, "abc");
        assert.deepEqual(out.users[2].user.exec?.args, [
            "get-token",
            "--login",
            "azurecli",
            "--server-id",
            AKS_AAD_SERVER_ID,
        ]);
    });
});

/**
 * The one set of valid base stack configs the tests start from (key without the `langsmith:`
 * namespace → value, as the program reads it): each test mutates a deep copy or spreads it.
 * The stack files under stacks/ are the other starting point (tests/support/synth.ts).
 */

export type RawConfig = Record<string, unknown>;

/** A valid AWS config (key without namespace → value, as the program reads it). */
export function awsBase(): RawConfig {
    return {
        cloud: "aws",
        production: false,
        licenseKey: "lk-test-0000",
        aws: { region: "us-east-1", clusterName: "platform-dev" },
        postgres: { instanceClass: "db.t4g.large" },
        chart: { initialOrgAdminEmail: "admin@example.com" },
    };
}

/** A valid GCP config. */
export function gcpBase() {
    return {
        cloud: "gcp",
        licenseKey: "lk-test-0000",
        gcp: { project: "acme-langsmith-dev", region: "us-central1", clusterName: "platform-dev" },
        chart: { initialOrgAdminEmail: "admin@example.com" },
    };
}

/** A valid Azure config. */
export function azureBase(): RawConfig {
    return {
        cloud: "azure",
        licenseKey: "lk-test-0000",
        azure: {
            location: "eastus",
            resourceGroupName: "langsmith-dev",
            clusterName: "platform-dev",
            createNetwork: {
                virtualNetworkId:
                    "/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/platform-dev/providers/Microsoft.Network/virtualNetworks/platform-dev-vnet",
                subnetAddressPrefix: "10.224.64.0/28",
            },
        },
        chart: { initialOrgAdminEmail: "admin@example.com" },
    };
}

export const BASES = { aws: awsBase, gcp: gcpBase, azure: azureBase };

/** A valid Azure config on an existing delegated subnet and private DNS zone (no `createNetwork`). */
export function azureExistingNetworkBase() {
    const sub = "00000000-1111-2222-3333-444444444444";
    return {
        cloud: "azure",
        licenseKey: "k",
        chart: { initialOrgAdminEmail: "a@example.com" },
        azure: {
            location: "eastus",
            resourceGroupName: "rg",
            clusterName: "aks",
            delegatedSubnetId: `/subscriptions/${sub}/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/v/subnets/pg`,
            privateDnsZoneId: `/subscriptions/${sub}/resourceGroups/net/providers/Microsoft.Network/privateDnsZones/x.private.postgres.database.azure.com`,
        },
    };
}

/** The config as Pulumi hands it to the program: `langsmith:<key>` → text (objects as JSON). */
export function toPulumiConfig(raw: RawConfig): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(raw)) out[`langsmith:${k}`] = typeof v === "string" ? v : JSON.stringify(v);
    return out;
}

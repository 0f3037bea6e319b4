/**
 * Managed Redis on Azure (components/azure/redis.ts through the real program under the offline mocks):
 * Azure Managed Redis with access keys off, TLS 1.2 only, no public network, a private endpoint whose
 * privatelink.redis.azure.net record the pods resolve, the default access policy for the app's
 * identity by object id, EnterpriseCluster with the chart's clusterSafeMode, production protection,
 * and the chart wired to it by a passwordless URL.
 */
import { strict as assert } from "node:assert";
import { runProgram } from "../../program";
import { isConfigError } from "../../program/config/errors";
import { parseSettings } from "../../program/config/settings";
import { defaultManagedRedisClusterName } from "../../program/config/redisAzure";
import { AzureRedis, persistenceInput } from "../../components/azure/redis";
import { managedRedisClusterNameProblem } from "../../components/azure/redisNames";
import { USE_LABEL } from "../../components/azure/identity";
import { loadStackConfig, projectName, stackFile, synthesize, type SynthResult } from "../../tools/offline/synthesize";
import type { MockWorld } from "../../tools/offline/cloudMocks";
import { at, helmValues, one, ofType, synthStack } from "../support/synth";

const CLUSTER = "azure-native:redisenterprise:RedisEnterprise";
const DATABASE = "azure-native:redisenterprise:Database";
const ACCESS = "azure-native:redisenterprise:AccessPolicyAssignment";
const SUBNET =
    "/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/platform-dev/providers/Microsoft.Network/virtualNetworks/platform-dev-vnet/subnets/endpoints";

function redisOf(result: SynthResult) {
    return {
        cluster: one(result, CLUSTER),
        database: one(result, DATABASE),
        access: one(result, ACCESS),
        endpoint: one(result, "azure-native:network:PrivateEndpoint", "langsmith-redis-endpoint"),
        zoneGroup: one(result, "azure-native:network:PrivateDnsZoneGroup", "langsmith-redis-endpoint-dns"),
    };
}

/** azure-dev on a cluster whose node pools have no subnet of their own (AKS manages the VNet). */
async function synthManagedVnet(redis: Record<string, unknown>): Promise<SynthResult> {
    const { config, secretKeys } = loadStackConfig(stackFile("azure-dev"));
    const azure = JSON.parse(config["langsmith:azure"]) as { createNetwork: Record<string, unknown> };
    azure.createNetwork.linkedVirtualNetworkIds = [
        "/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/MC_platform-dev_platform-dev_eastus/providers/Microsoft.Network/virtualNetworks/aks-vnet-1",
    ];
    config["langsmith:azure"] = JSON.stringify(azure);
    config["langsmith:blobStorage"] = JSON.stringify({ enabled: false });
    config["langsmith:redis"] = JSON.stringify(redis);
    const world: Partial<MockWorld> = { aksAgentPoolSubnetIds: [null] };
    return synthesize({ project: projectName(), stack: "azure-dev", config, secretKeys, world, program: runProgram });
}

describe("Azure managed Redis (Azure Managed Redis by Entra ID)", function () {
    this.timeout(120000);

    it("dev: Azure Managed Redis, keys off, TLS 1.2 only, no public network, one node, no persistence, unprotected", async function () {
        const { cluster, database } = redisOf(await synthStack("azure-dev"));
        assert.deepEqual(
            [
                at(cluster.inputs, ["sku", "name"]),
                cluster.inputs.highAvailability,
                cluster.inputs.minimumTlsVersion,
                cluster.inputs.publicNetworkAccess,
            ],
            ["Balanced_B0", "Disabled", "1.2", "Disabled"],
        );
        assert.deepEqual(
            [
                database.inputs.databaseName,
                database.inputs.port,
                database.inputs.clientProtocol,
                database.inputs.accessKeysAuthentication,
                database.inputs.clusteringPolicy,
            ],
            ["default", 10000, "Encrypted", "Disabled", "EnterpriseCluster"],
        );
        assert.deepEqual(database.inputs.persistence, { aofEnabled: false, rdbEnabled: false });
        assert.equal(cluster.protect, false);
        assert.equal(database.protect, false);
    });

    it("production: a replicated pair with AOF every second, protected, and a CanNotDelete lock on the cluster", async function () {
        const result = await synthStack("azure-prod");
        const { cluster, database } = redisOf(result);
        assert.equal(at(cluster.inputs, ["sku", "name"]), "Balanced_B5");
        assert.equal(cluster.inputs.highAvailability, "Enabled");
        assert.deepEqual(database.inputs.persistence, { aofEnabled: true, aofFrequency: "1s", rdbEnabled: false });
        assert.equal(cluster.protect, true);
        assert.equal(database.protect, true);
        const lock = one(result, "azure-native:authorization:ManagementLockByScope", "langsmith-redis-lock");
        assert.equal(lock.inputs.scope, cluster.id);
        assert.equal(lock.inputs.level, "CanNotDelete");
        assert.equal(lock.protect, true);
    });

    it("the default access policy goes to the app's identity by its object id (its Redis user name)", async function () {
        const result = await synthStack("azure-dev");
        const { cluster, database, access } = redisOf(result);
        const identity = one(
            result,
            "azure-native:managedidentity:UserAssignedIdentity",
            "langsmith-identity-identity",
        );
        assert.equal(access.inputs.accessPolicyName, "default");
        assert.deepEqual(access.inputs.user, { objectId: identity.outputs.principalId });
        assert.equal(access.inputs.clusterName, cluster.outputs.name);
        assert.equal(access.inputs.databaseName, database.outputs.name);
        // Not the bootstrap Job's identity: it never reads Redis.
        const bootstrap = one(
            result,
            "azure-native:managedidentity:UserAssignedIdentity",
            "langsmith-bootstrap-identity-identity",
        );
        assert.notEqual(access.inputs.user, { objectId: bootstrap.outputs.principalId });
        assert.equal(ofType(result, ACCESS).length, 1);
    });

    it("a private endpoint to the redisEnterprise sub-resource, its record in privatelink.redis.azure.net linked to the cluster's VNet", async function () {
        const result = await synthStack("azure-dev");
        const { cluster, endpoint, zoneGroup } = redisOf(result);
        assert.match(
            String((endpoint.inputs.subnet as { id: string }).id),
            /\/virtualNetworks\/platform-dev-vnet\/subnets\/aks-nodes$/,
        );
        assert.deepEqual(endpoint.inputs.privateLinkServiceConnections, [
            { name: "redisEnterprise", privateLinkServiceId: cluster.id, groupIds: ["redisEnterprise"] },
        ]);
        const zone = one(result, "azure-native:privatedns:PrivateZone", "langsmith-redis-dns");
        assert.equal(zone.inputs.privateZoneName, "privatelink.redis.azure.net");
        assert.deepEqual(zoneGroup.inputs.privateDnsZoneConfigs, [
            { name: "redisEnterprise", privateDnsZoneId: zone.id },
        ]);
        const links = ofType(result, "azure-native:privatedns:VirtualNetworkLink").filter(
            (l) => l.inputs.privateZoneName === "privatelink.redis.azure.net",
        );
        assert.deepEqual(
            links.map((l) => String((l.inputs.virtualNetwork as { id: string }).id)),
            [
                "/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/platform-dev/providers/Microsoft.Network/virtualNetworks/platform-dev-vnet",
            ],
        );
    });

    it("with redis.privateDnsZoneId, no zone is created and the endpoint registers in the given one", async function () {
        const zoneId =
            "/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/langsmith-dev/providers/Microsoft.Network/privateDnsZones/privatelink.redis.azure.net";
        const result = await synthStack("azure-dev", { override: { "langsmith:redis": { privateDnsZoneId: zoneId } } });
        assert.equal(
            ofType(result, "azure-native:privatedns:PrivateZone").filter((z) => z.name === "langsmith-redis-dns")
                .length,
            0,
        );
        assert.deepEqual(redisOf(result).zoneGroup.inputs.privateDnsZoneConfigs, [
            { name: "redisEnterprise", privateDnsZoneId: zoneId },
        ]);
    });

    it("a cluster without a node subnet of its own needs redis.privateEndpointSubnetId, then uses it", async function () {
        await assert.rejects(
            synthManagedVnet({}),
            (e: unknown) => isConfigError(e) && e.key === "langsmith:redis.privateEndpointSubnetId",
        );
        const result = await synthManagedVnet({ privateEndpointSubnetId: SUBNET });
        assert.equal((redisOf(result).endpoint.inputs.subnet as { id: string }).id, SUBNET);
    });

    it("the chart reads rediss://<object id>@<host>:10000 (no password, no database) with the azure provider and clusterSafeMode", async function () {
        const result = await synthStack("azure-dev", { showSecrets: true });
        const { cluster } = redisOf(result);
        const identity = one(
            result,
            "azure-native:managedidentity:UserAssignedIdentity",
            "langsmith-identity-identity",
        );
        const secret = one(result, "kubernetes:core/v1:Secret", "langsmith-redis");
        const url = String(at(secret.inputs, ["stringData", "connection_url"]));
        assert.equal(url, `rediss://${String(identity.outputs.principalId)}@${String(cluster.outputs.hostName)}:10000`);
        assert.match(String(cluster.outputs.hostName), /^langsmith-azure-dev-[0-9a-f]{8}\.eastus\.redis\.azure\.net$/);
        assert.equal(new URL(url).password, "");
        assert.deepEqual(at(helmValues(result), ["redis", "external"]), {
            enabled: true,
            existingSecretName: at(secret.outputs, ["metadata", "name"]),
            connectionUrlSecretKey: "connection_url",
            iamAuthProvider: "azure",
            clusterSafeMode: true,
        });
    });

    it("every pod that reads Redis in the chart's default set carries the workload identity label", async function () {
        const values = helmValues(await synthStack("azure-dev"));
        // The chart's Deployments and backend Helm-hook Jobs that get REDIS_DATABASE_URI with the
        // default components (shared/reference/LANGSMITH_CHART_FACTS.md); each needs the label or
        // the webhook gives it no token.
        const paths = [
            ...["backend", "queue", "ingestQueue", "platformBackend"].map((c) => [c, "deployment", "labels"]),
            ...["migrations", "clickhouseMigrations", "authBootstrap", "backfillCheck", "e2eTest"].map((j) => [
                "backend",
                j,
                "labels",
            ]),
        ];
        for (const labels of paths)
            assert.equal(at(values, [...labels, USE_LABEL]), "true", `${labels.join(".")} lacks ${USE_LABEL}`);
    });

    it("the release waits for the access policy and the endpoint's DNS record", async function () {
        const result = await synthStack("azure-dev");
        const release = one(result, "kubernetes:helm.sh/v3:Release");
        const { access, zoneGroup } = redisOf(result);
        assert.ok(release.dependencies.includes(access.urn));
        assert.ok(release.dependencies.includes(zoneGroup.urn));
    });

    it("a dev stack that says redis.mode inCluster keeps the chart's Redis: no Azure Managed Redis, no redis values", async function () {
        const result = await synthStack("azure-dev", { override: { "langsmith:redis": { mode: "inCluster" } } });
        assert.equal(ofType(result, CLUSTER).length, 0);
        assert.equal(ofType(result, ACCESS).length, 0);
        assert.equal(at(helmValues(result), ["redis"]), undefined);
        assert.equal(result.outputs.redisEndpoint, "in-cluster (chart)");
    });

    it("a production stack refuses the in-cluster Redis and Redis without persistence", function () {
        const raw = {
            cloud: "azure",
            production: true,
            licenseKey: "lk",
            azure: {
                location: "westeurope",
                resourceGroupName: "rg",
                clusterName: "aks",
                createNetwork: {
                    virtualNetworkId:
                        "/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/n/providers/Microsoft.Network/virtualNetworks/v",
                    subnetAddressPrefix: "10.0.0.0/28",
                },
            },
            chart: { initialOrgAdminEmail: "a@example.com" },
        };
        for (const [redis, key] of [
            [{ mode: "inCluster" }, "langsmith:redis.mode"],
            [{ persistence: "none" }, "langsmith:redis.persistence"],
        ] as const)
            assert.throws(
                () => parseSettings({ ...raw, redis }),
                (e: unknown) => isConfigError(e) && e.key === key,
            );
    });

    it("the cluster name: <project>-<stack>-<hash of subscription and resource group>, within Azure's 60 characters", function () {
        const id = { project: "langsmith", stack: "azure-dev" };
        const a = defaultManagedRedisClusterName(id, ["sub-1", "rg"]);
        assert.match(a, /^langsmith-azure-dev-[0-9a-f]{8}$/);
        assert.notEqual(a, defaultManagedRedisClusterName(id, ["sub-2", "rg"]));
        assert.notEqual(a, defaultManagedRedisClusterName({ ...id, stack: "azure-dev2" }, ["sub-1", "rg"]));
        const long = defaultManagedRedisClusterName({ project: "langsmith", stack: "x".repeat(80) }, ["s", "r"]);
        assert.ok(long.length <= 60, long);
        assert.equal(managedRedisClusterNameProblem(long), undefined);
        assert.equal(managedRedisClusterNameProblem(a), undefined);
    });
});

describe("AzureRedis component", function () {
    this.timeout(60000);
    const args = {
        resourceGroupName: "rg",
        location: "eastus",
        clusterName: "orders-cache",
        principalId: "6f1c2d3e-4b5a-4c7d-9e8f-0a1b2c3d4e5f",
        privateEndpointSubnetId:
            "/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/n/providers/Microsoft.Network/virtualNetworks/v/subnets/s",
    };
    const run = (program: () => unknown) => synthesize({ project: "p", stack: "redis", config: {}, program });

    it("NoCluster turns clusterSafeMode off; EnterpriseCluster (the default) turns it on", async function () {
        let enterprise: AzureRedis | undefined;
        let plain: AzureRedis | undefined;
        const result = await run(() => {
            enterprise = new AzureRedis("a", args);
            plain = new AzureRedis("b", { ...args, clusterName: "orders-cache-2", clusteringPolicy: "NoCluster" });
        });
        assert.equal(enterprise?.clusterSafeMode, true);
        assert.equal(plain?.clusterSafeMode, false);
        assert.deepEqual(
            ofType(result, DATABASE).map((d) => d.inputs.clusteringPolicy),
            ["EnterpriseCluster", "NoCluster"],
        );
        assert.equal(enterprise?.database, undefined, "Azure Managed Redis has database 0 only");
    });

    it("refuses OSSCluster (MOVED to a standalone client), production without HA, and a retiring SKU", async function () {
        for (const [extra, pattern] of [
            [{ clusteringPolicy: "OSSCluster" }, /OSSCluster answers MOVED/],
            [{ production: true, highAvailability: false }, /production needs highAvailability/],
            [{ skuName: "Enterprise_E10" }, /being retired/],
        ] as const)
            await assert.rejects(
                run(() => new AzureRedis("a", { ...args, ...(extra as object) })),
                pattern,
            );
    });

    it("persistence: AOF every second or RDB hourly, never both", function () {
        assert.deepEqual(persistenceInput("aof"), { aofEnabled: true, aofFrequency: "1s", rdbEnabled: false });
        assert.deepEqual(persistenceInput("rdb"), { rdbEnabled: true, rdbFrequency: "1h", aofEnabled: false });
        assert.deepEqual(persistenceInput("none"), { aofEnabled: false, rdbEnabled: false });
    });
});

/** Azure input rules of Azure Managed Redis: cluster, database, access policy assignment, its private endpoint. */
import {
    ACCESS_POLICY_ASSIGNMENT_NAME,
    managedRedisClusterNameProblem,
    managedRedisSkuProblem,
} from "../../../components/azure/redisNames";
import { get, nameOf, num, problems, q, str } from "./common";
import type { CheckedResource, ServiceRule } from "./types";

export const REDIS_CLUSTER = "azure-native:redisenterprise:RedisEnterprise";
const REDIS_DATABASE = "azure-native:redisenterprise:Database";
const REDIS_ACCESS = "azure-native:redisenterprise:AccessPolicyAssignment";
const PRIVATE_ENDPOINT = "azure-native:network:PrivateEndpoint";
const ZONE_GROUP = "azure-native:network:PrivateDnsZoneGroup";

const CLUSTER_API = "https://learn.microsoft.com/en-us/rest/api/redis/redisenterprisecache/redis-enterprise/create";
const DATABASE_API = "https://learn.microsoft.com/en-us/rest/api/redis/redisenterprisecache/databases/create";
const ACCESS_API =
    "https://learn.microsoft.com/en-us/rest/api/redis/redisenterprisecache/access-policy-assignment/create-update";
const ENTRA = "https://learn.microsoft.com/en-us/azure/redis/entra-for-authentication";
const ARCHITECTURE = "https://learn.microsoft.com/en-us/azure/redis/architecture";
const PERSISTENCE = "https://learn.microsoft.com/en-us/azure/redis/how-to-persistence";
const PRIVATE_LINK = "https://learn.microsoft.com/en-us/azure/redis/private-link";
const PRIVATE_ENDPOINT_DNS = "https://learn.microsoft.com/en-us/azure/private-link/private-endpoint-dns#databases";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const REDIS_ZONE = "privatelink.redis.azure.net";

/** The resource a private endpoint connects to, by its recorded id (or the id's provider path). */
function isRedisTarget(targetId: string | undefined, all: readonly CheckedResource[]): boolean {
    if (targetId === undefined) return false;
    const created = all.find((r) => r.outputs.id === targetId);
    return created
        ? created.type === REDIS_CLUSTER
        : /\/providers\/Microsoft\.Cache\/redisEnterprise\//i.test(targetId);
}

export const AZURE_REDIS_RULES: ServiceRule[] = [
    {
        id: "azure.redisenterprise.cluster.name",
        resourceType: REDIS_CLUSTER,
        property: "clusterName",
        description:
            "A Redis Enterprise / Azure Managed Redis cluster name is 1-60 letters, digits and hyphens, with no leading, trailing or consecutive hyphens.",
        url: CLUSTER_API,
        check: (_i, r) => {
            const n = nameOf(r, "clusterName", "name");
            const problem = n && managedRedisClusterNameProblem(n.value);
            return problem && `${q(n?.value ?? "")} ${problem}`;
        },
    },
    {
        id: "azure.redisenterprise.cluster.settings",
        resourceType: REDIS_CLUSTER,
        property: "sku.name, highAvailability, minimumTlsVersion, publicNetworkAccess",
        description:
            "An Azure Managed Redis cluster has a SKU of the Balanced, MemoryOptimized, ComputeOptimized or FlashOptimized families, highAvailability Enabled or Disabled, a minimum TLS version 1.0-1.2 (1.0 and 1.1 obsolete) and publicNetworkAccess Enabled or Disabled (required).",
        url: CLUSTER_API,
        check: (inputs) => {
            const sku = str(inputs, "sku.name") ?? "";
            const skuProblem = managedRedisSkuProblem(sku);
            const ha = get(inputs, "highAvailability");
            const tls = str(inputs, "minimumTlsVersion");
            const pna = str(inputs, "publicNetworkAccess");
            return problems([
                skuProblem && `sku.name ${q(sku)} ${skuProblem}`,
                ha !== undefined &&
                    !(typeof ha === "string" && ["Enabled", "Disabled"].includes(ha)) &&
                    `highAvailability ${JSON.stringify(ha)} is not Enabled or Disabled`,
                tls !== undefined &&
                    !["1.0", "1.1", "1.2"].includes(tls) &&
                    `minimumTlsVersion ${q(tls)} is not 1.0, 1.1 or 1.2`,
                tls !== undefined && ["1.0", "1.1"].includes(tls) && `minimumTlsVersion ${tls} is obsolete; use 1.2`,
                pna === undefined && "publicNetworkAccess is required",
                pna !== undefined &&
                    !["Enabled", "Disabled"].includes(pna) &&
                    `publicNetworkAccess ${q(pna)} is not Enabled or Disabled`,
                get(inputs, "sku.capacity") !== undefined &&
                    !/^Enterprise/.test(sku) &&
                    "sku.capacity is only used with Enterprise and EnterpriseFlash SKUs",
            ]);
        },
    },
    {
        id: "azure.redisenterprise.database.name",
        resourceType: REDIS_DATABASE,
        property: "databaseName, port",
        description:
            "An Azure Managed Redis cluster holds one database, named default; its port is set at creation (10000 by convention, the port clients reach).",
        url: ARCHITECTURE,
        check: (inputs) => {
            const name = str(inputs, "databaseName");
            const port = num(inputs, "port");
            return problems([
                name !== undefined && name !== "default" && `databaseName ${q(name)} must be default`,
                port !== undefined && (port < 1 || port > 65535) && `port ${port} is not a TCP port`,
            ]);
        },
    },
    {
        id: "azure.redisenterprise.database.protocol",
        resourceType: REDIS_DATABASE,
        property: "clientProtocol, clusteringPolicy, accessKeysAuthentication, evictionPolicy",
        description:
            "clientProtocol is Encrypted or Plaintext; clusteringPolicy EnterpriseCluster, OSSCluster or NoCluster; accessKeysAuthentication Enabled or Disabled; evictionPolicy one of the eight Redis policies.",
        url: DATABASE_API,
        check: (inputs) => {
            const protocol = str(inputs, "clientProtocol");
            const policy = str(inputs, "clusteringPolicy");
            const keys = get(inputs, "accessKeysAuthentication");
            const eviction = str(inputs, "evictionPolicy");
            const EVICTION = [
                "AllKeysLFU",
                "AllKeysLRU",
                "AllKeysRandom",
                "VolatileLRU",
                "VolatileLFU",
                "VolatileTTL",
                "VolatileRandom",
                "NoEviction",
            ];
            return problems([
                protocol !== undefined &&
                    !["Encrypted", "Plaintext"].includes(protocol) &&
                    `clientProtocol ${q(protocol)} is not Encrypted or Plaintext`,
                policy !== undefined &&
                    !["EnterpriseCluster", "OSSCluster", "NoCluster"].includes(policy) &&
                    `clusteringPolicy ${q(policy)} is not EnterpriseCluster, OSSCluster or NoCluster`,
                keys !== undefined &&
                    !(typeof keys === "string" && ["Enabled", "Disabled"].includes(keys)) &&
                    `accessKeysAuthentication ${JSON.stringify(keys)} is not Enabled or Disabled`,
                eviction !== undefined &&
                    !EVICTION.includes(eviction) &&
                    `evictionPolicy ${q(eviction)} is not a Redis eviction policy`,
            ]);
        },
    },
    {
        id: "azure.redisenterprise.database.persistence",
        resourceType: REDIS_DATABASE,
        property: "persistence",
        description:
            "At most one of AOF and RDB persistence is enabled; AOF writes every second (1s) or always, RDB snapshots every 1h, 6h or 12h.",
        url: PERSISTENCE,
        check: (inputs) => {
            const aof = get(inputs, "persistence.aofEnabled") === true;
            const rdb = get(inputs, "persistence.rdbEnabled") === true;
            const aofFrequency = str(inputs, "persistence.aofFrequency");
            const rdbFrequency = str(inputs, "persistence.rdbFrequency");
            return problems([
                aof && rdb && "AOF and RDB are both enabled; enable at most one",
                aofFrequency !== undefined &&
                    !["1s", "always"].includes(aofFrequency) &&
                    `aofFrequency ${q(aofFrequency)} is not 1s or always`,
                rdbFrequency !== undefined &&
                    !["1h", "6h", "12h"].includes(rdbFrequency) &&
                    `rdbFrequency ${q(rdbFrequency)} is not 1h, 6h or 12h`,
            ]);
        },
    },
    {
        id: "azure.redisenterprise.access-policy-assignment.user",
        resourceType: REDIS_ACCESS,
        property: "accessPolicyAssignmentName, accessPolicyName, user.objectId",
        description:
            "An access policy assignment is named with 1-60 letters and digits, assigns the default policy (the only one offered) and names the user by its Entra object id, which is also its Redis user name.",
        url: ACCESS_API,
        check: (inputs) => {
            const name = str(inputs, "accessPolicyAssignmentName");
            const policy = str(inputs, "accessPolicyName");
            const objectId = str(inputs, "user.objectId");
            return problems([
                name !== undefined &&
                    !ACCESS_POLICY_ASSIGNMENT_NAME.test(name) &&
                    `accessPolicyAssignmentName ${q(name)} must be 1-60 letters and digits`,
                name === undefined && "accessPolicyAssignmentName is required (the auto-name's hyphen is not allowed)",
                policy !== "default" && `accessPolicyName ${q(policy ?? "")} must be default`,
                objectId !== undefined &&
                    !GUID.test(objectId) &&
                    `user.objectId ${q(objectId)} is not an object id (a GUID)`,
            ]);
        },
    },
    {
        id: "azure.redisenterprise.access-policy-assignment.entra",
        resourceType: REDIS_ACCESS,
        property: "databaseName",
        description:
            "An access policy assignment gives an Entra user access to one database of the cluster, which must exist (Azure Managed Redis has the database default).",
        url: ENTRA,
        check: (inputs, _r, all) => {
            const cluster = str(inputs, "clusterName");
            const database = str(inputs, "databaseName");
            if (cluster === undefined || database === undefined) return undefined;
            const found = all.some(
                (r) =>
                    r.type === REDIS_DATABASE &&
                    str(r.inputs, "clusterName") === cluster &&
                    (str(r.inputs, "databaseName") ?? "default") === database,
            );
            return found ? undefined : `no database ${q(database)} in cluster ${q(cluster)}`;
        },
    },
    {
        id: "azure.network.private-endpoint.redis",
        resourceType: PRIVATE_ENDPOINT,
        property: "privateLinkServiceConnections.groupIds",
        description: "A private endpoint to an Azure Managed Redis cluster names the one sub-resource redisEnterprise.",
        url: PRIVATE_LINK,
        check: (inputs, _r, all) => {
            const connections = get(inputs, "privateLinkServiceConnections");
            return problems(
                (Array.isArray(connections) ? connections : []).map((c) => {
                    if (!isRedisTarget(str(c, "privateLinkServiceId"), all)) return undefined;
                    const groups = get(c, "groupIds");
                    return Array.isArray(groups) && groups.length === 1 && groups[0] === "redisEnterprise"
                        ? undefined
                        : `groupIds ${JSON.stringify(groups)} must be ["redisEnterprise"] for an Azure Managed Redis cluster`;
                }),
            );
        },
    },
    {
        id: "azure.network.private-dns-zone-group.redis",
        resourceType: ZONE_GROUP,
        property: "privateDnsZoneConfigs",
        description: "The DNS zone group of an Azure Managed Redis endpoint uses the zone privatelink.redis.azure.net.",
        url: PRIVATE_ENDPOINT_DNS,
        check: (inputs, _r, all) => {
            const endpoint = all.find(
                (r) => r.type === PRIVATE_ENDPOINT && r.outputs.name === str(inputs, "privateEndpointName"),
            );
            const connections = endpoint ? get(endpoint.inputs, "privateLinkServiceConnections") : undefined;
            const toRedis = (Array.isArray(connections) ? connections : []).some((c) =>
                isRedisTarget(str(c, "privateLinkServiceId"), all),
            );
            if (!toRedis) return undefined;
            const configs = get(inputs, "privateDnsZoneConfigs");
            const names = (Array.isArray(configs) ? configs : []).map((c) => {
                const id = str(c, "privateDnsZoneId") ?? "";
                const created = all.find((r) => r.outputs.id === id);
                return (
                    created ? (str(created.inputs, "privateZoneName") ?? "") : (id.split("/").pop() ?? "")
                ).toLowerCase();
            });
            return names.includes(REDIS_ZONE)
                ? undefined
                : `zones ${JSON.stringify(names)} do not include ${REDIS_ZONE}`;
        },
    },
];

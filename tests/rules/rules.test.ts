/**
 * Every rule of the rules layer, table-driven: on a world that keeps every rule, the rule is silent;
 * each broken case changes one input of one resource and the rule must fire (and name no secret).
 * A rule without a broken case fails the suite, so a new rule comes with its test.
 */
import { strict as assert } from "node:assert";
import { ALL_RULES, checkResources, redact, type CheckedResource } from "../../tools/offline/rules";
import { validWorld } from "./fixtures";

type Mutation = (r: CheckedResource) => void;

/** Sets an input at a dotted path (creating objects on the way); undefined deletes it. */
function set(path: string, value: unknown): Mutation {
    return (r) => {
        const keys = path.split(".");
        let cur = r.inputs;
        for (const k of keys.slice(0, -1)) cur = (cur[k] ??= {}) as Record<string, unknown>;
        if (value === undefined) delete cur[keys[keys.length - 1]];
        else cur[keys[keys.length - 1]] = value;
    };
}
const all =
    (...ms: Mutation[]): Mutation =>
    (r) => {
        for (const m of ms) m(r);
    };

/** rule id → broken cases [what, mutation, optional resource name when the type has several]. */
const BROKEN: Record<string, [string, Mutation, string?][]> = {
    "aws.rds.instance.identifier": [
        ["hyphen at the end", set("identifier", "langsmith-db-")],
        ["64 characters", set("identifier", "a".repeat(64))],
    ],
    "aws.s3.bucket.name": [
        ["capitals", set("bucket", "LangSmith-blob")],
        ["a dot", set("bucket", "langsmith.blob")],
        ["reserved suffix", set("bucket", "langsmith-s3alias")],
        ["2 characters", set("bucket", "ab")],
    ],
    "aws.s3.public-access-block.flags": [["a string flag", set("blockPublicAcls", "true")]],
    "aws.s3.encryption.algorithm": [
        ["unknown algorithm", set("rules", [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "KMS" } }])],
        [
            "a KMS key with AES256",
            set("rules", [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256", kmsMasterKeyId: "k" } }]),
        ],
    ],
    "aws.s3.versioning.status": [["lower case", set("versioningConfiguration.status", "enabled")]],
    "aws.s3.lifecycle.rules": [
        [
            "two rules with one id",
            set("rules", [
                { id: "a", status: "Enabled", expiration: { days: 1 } },
                { id: "a", status: "Enabled", expiration: { days: 2 } },
            ]),
        ],
        ["zero days", set("rules", [{ id: "a", status: "Enabled", expiration: { days: 0 } }])],
        ["status lower case", set("rules", [{ id: "a", status: "enabled", expiration: { days: 1 } }])],
        [
            "abort-multipart with a tag filter",
            set("rules", [
                {
                    id: "a",
                    status: "Enabled",
                    filter: { tag: { key: "k", value: "v" } },
                    abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
                },
            ]),
        ],
    ],
    "aws.s3.lifecycle.delete-marker": [
        [
            "delete marker with days",
            set("rules", [{ id: "a", status: "Enabled", expiration: { days: 1, expiredObjectDeleteMarker: true } }]),
        ],
    ],
    "aws.s3.bucket-policy.document": [
        ["not JSON", set("policy", "{")],
        ["no Version", set("policy", JSON.stringify({ Statement: [{ Effect: "Deny" }] }))],
        [
            "above 20 KB",
            set("policy", JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "x".repeat(21000) }] })),
        ],
    ],
    "aws.ec2.vpc-endpoint.s3-gateway": [
        ["an interface service name", set("serviceName", "com.amazonaws.us-east-1.sts")],
        ["subnets on a gateway", set("subnetIds", ["subnet-0abc"])],
    ],
    "aws.ec2.vpc-endpoint.interface": [
        [
            "an endpoint service id alone",
            set("serviceName", "vpce-svc-0123456789abcdef0"),
            "langsmith-clickhouse-endpoint",
        ],
        ["no subnets", set("subnetIds", undefined), "langsmith-clickhouse-endpoint"],
        ["no security group", set("securityGroupIds", []), "langsmith-clickhouse-endpoint"],
        ["route tables", set("routeTableIds", ["rtb-0abc"]), "langsmith-clickhouse-endpoint"],
        ["private DNS on a gateway", set("privateDnsEnabled", true), "langsmith-s3-endpoint"],
    ],
    "aws.s3.bucket.tags": [["aws: prefix", set("tags", { "aws:owner": "x" })]],
    "aws.ec2.vpc-endpoint.tags": [["aws: prefix", set("tags", { "aws:owner": "x" })]],
    "gcp.dns.zone.name": [
        ["capitals", set("name", "LangSmith-postgres")],
        ["a digit first", set("name", "1-postgres")],
        ["64 characters", set("name", `a${"b".repeat(63)}`)],
        ["a dash last", set("name", "langsmith-")],
    ],
    "gcp.dns.zone.dns-name": [
        ["no final dot", set("dnsName", "1a2b3c4d5e6f.0123456789abc.europe-west4.sql.goog")],
        ["a 64-character label", set("dnsName", `${"a".repeat(64)}.sql.goog.`)],
        ["missing", set("dnsName", undefined)],
    ],
    "gcp.dns.zone.private-visibility": [
        ["no network", set("privateVisibilityConfig.networks", [])],
        ["no visibility config", set("privateVisibilityConfig", undefined)],
        ["a network by bare name", set("privateVisibilityConfig.networks", [{ networkUrl: "shared-vpc" }])],
        ["networks on a public zone", set("visibility", "public")],
        ["an unknown visibility", set("visibility", "internal")],
    ],
    "gcp.dns.zone.description": [["1025 characters", set("description", "d".repeat(1025))]],
    "gcp.dns.zone.labels": [["a capital in a key", set("labels", { Team: "platform" })]],
    "gcp.dns.record.name-in-zone": [
        ["a name outside the zone", set("name", "db.example.com.")],
        ["no final dot", set("name", "1a2b3c4d5e6f.0123456789abc.europe-west4.sql.goog")],
    ],
    "gcp.dns.record.a-data": [
        ["a host name", set("rrdatas", ["db.internal"])],
        ["no address", set("rrdatas", [])],
        ["an octet above 255", set("rrdatas", ["10.20.0.256"])],
    ],
    "gcp.dns.record.ttl": [
        ["negative", set("ttl", -1)],
        ["a fraction", set("ttl", 1.5)],
    ],
    "gcp.compute.address.internal-subnetwork": [
        ["an INTERNAL address without its subnetwork", set("subnetwork", undefined)],
        [
            "a subnetwork in another region",
            set("subnetwork", "projects/acme-langsmith-dev/regions/us-east1/subnetworks/platform-dev-nodes"),
        ],
        ["a name with an underscore", set("name", "langsmith_clickhouse")],
    ],
    "gcp.compute.forwarding-rule.psc-endpoint": [
        ["a load-balancing scheme", set("loadBalancingScheme", "INTERNAL")],
        ["no scheme given (EXTERNAL by default)", set("loadBalancingScheme", undefined)],
        ["no network", set("network", undefined)],
        ["no address", set("ipAddress", undefined)],
        ["an attachment in another region", set("region", "us-east1")],
        ["ports", set("ports", ["8443"])],
    ],
    "gcp.compute.forwarding-rule.psc-address-region": [
        [
            "an address whose region is not the attachment's",
            set("target", "projects/langchain-ch-prod/regions/us-east1/serviceAttachments/clickhouse"),
        ],
    ],
    "gcp.storage.bucket.name": [
        ["google in the name", set("name", "my-google-traces")],
        ["a dot", set("name", "traces.example.com")],
        ["goog prefix", set("name", "goog-traces")],
    ],
    "gcp.storage.bucket.lifecycle": [
        ["unknown action", set("lifecycleRules", [{ action: { type: "Expire" }, condition: { age: 1 } }])],
        ["no condition", set("lifecycleRules", [{ action: { type: "Delete" }, condition: {} }])],
    ],
    "gcp.storage.bucket.soft-delete": [["one day", set("softDeletePolicy.retentionDurationSeconds", 86400)]],
    "gcp.storage.bucket.public-access-prevention": [["unspecified", set("publicAccessPrevention", "unspecified")]],
    "gcp.storage.bucket.labels": [["upper case key", set("labels", { Team: "x" })]],
    "gcp.storage.bucket-iam.member": [
        ["member without type", set("member", "langsmith@acme.iam.gserviceaccount.com")],
        ["role without roles/", set("role", "storage.objectUser")],
    ],
    "azure.storage.account.name": [
        ["a hyphen", set("accountName", "ls-azure-dev")],
        ["25 characters", set("accountName", "a".repeat(25))],
    ],
    "azure.storage.account.settings": [
        ["unknown sku", set("sku.name", "Standard_XRS")],
        ["TLS 1.2 spelled with a dot", set("minimumTlsVersion", "TLS1.2")],
    ],
    "azure.storage.container.name": [
        ["double hyphen", set("containerName", "lang--smith")],
        ["public access on a private account", set("publicAccess", "Blob")],
    ],
    "azure.storage.management-policy.rules": [
        ["another policy name", set("managementPolicyName", "langsmith")],
        [
            "a rule name with an underscore",
            set("policy.rules", [
                {
                    name: "expire_ttl_s",
                    type: "Lifecycle",
                    definition: { filters: { blobTypes: ["blockBlob"], prefixMatch: ["langsmith/ttl_s/"] } },
                },
            ]),
        ],
        [
            "a prefix without the container",
            set("policy.rules", [
                {
                    name: "expireTtlS",
                    type: "Lifecycle",
                    definition: { filters: { blobTypes: ["blockBlob"], prefixMatch: ["ttl_s/"] } },
                },
            ]),
        ],
    ],
    "azure.storage.blob-service.soft-delete": [["366 days", set("deleteRetentionPolicy.days", 366)]],
    "azure.authorization.role-assignment.target": [
        ["role name instead of id", set("roleDefinitionId", "Storage Blob Data Contributor")],
        ["principal that is not a GUID", set("principalId", "langsmith")],
    ],
    "azure.network.private-endpoint.storage": [
        ["two sub-resources", set("privateLinkServiceConnections", [{ name: "x", groupIds: ["blob", "file"] }])],
        ["no subnet", set("subnet", undefined)],
    ],
    "azure.network.private-endpoint.manual-connection": [
        [
            "a host name instead of the private link service alias",
            set("manualPrivateLinkServiceConnections", [
                { name: "clickhouse", privateLinkServiceId: "abc123xyz.eastus.azure.clickhouse.cloud" },
            ]),
            "langsmith-clickhouse-endpoint",
        ],
        [
            "an automatic and a manual connection",
            set("privateLinkServiceConnections", [{ name: "x", privateLinkServiceId: "y" }]),
            "langsmith-clickhouse-endpoint",
        ],
        ["no connection", set("privateLinkServiceConnections", undefined), "langsmith-blob-endpoint"],
    ],
    "azure.network.private-endpoint.static-ip": [
        [
            "a static IP on the endpoint to LangChain's alias",
            set("ipConfigurations", [{ name: "ip", privateIPAddress: "10.240.0.10", groupId: "g", memberName: "m" }]),
            "langsmith-clickhouse-endpoint",
        ],
        [
            "a static IP without GroupId and MemberName",
            set("ipConfigurations", [{ name: "ip", privateIPAddress: "10.240.0.10" }]),
            "langsmith-blob-endpoint",
        ],
    ],
    "azure.privatedns.record-set.a": [
        ["an address that is not IPv4", set("aRecords", [{ ipv4Address: "10.240.0.256" }])],
        ["no address", set("aRecords", [])],
        ["a CNAME type", set("recordType", "CNAME")],
        ["a zone that does not exist", set("privateZoneName", "other.example.com")],
    ],
    "azure.network.private-dns-zone-group.zones": [
        [
            "the file zone for a blob endpoint",
            set("privateDnsZoneConfigs", [
                {
                    name: "blob",
                    privateDnsZoneId:
                        "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/privateDnsZones/privatelink.file.core.windows.net",
                },
            ]),
        ],
        ["no zone", set("privateDnsZoneConfigs", [])],
    ],
    "azure.redisenterprise.cluster.name": [
        ["a hyphen at the end", set("clusterName", "langsmith-dev-")],
        ["two hyphens in a row", set("clusterName", "langsmith--dev")],
        ["61 characters", set("clusterName", "a".repeat(61))],
    ],
    "azure.redisenterprise.cluster.settings": [
        ["a retiring Enterprise SKU", set("sku.name", "Enterprise_E10")],
        ["TLS 1.0", set("minimumTlsVersion", "1.0")],
        ["TLS 1.3, which the API does not offer", set("minimumTlsVersion", "1.3")],
        ["no publicNetworkAccess", set("publicNetworkAccess", undefined)],
        ["highAvailability true (not Enabled)", set("highAvailability", true)],
    ],
    "azure.redisenterprise.database.name": [
        ["a database not named default", set("databaseName", "langsmith")],
        ["port 0", set("port", 0)],
    ],
    "azure.redisenterprise.database.protocol": [
        ["clientProtocol TLS", set("clientProtocol", "TLS")],
        ["clusteringPolicy Cluster", set("clusteringPolicy", "Cluster")],
        ["accessKeysAuthentication false", set("accessKeysAuthentication", false)],
        ["an unknown eviction policy", set("evictionPolicy", "LRU")],
    ],
    "azure.redisenterprise.database.persistence": [
        ["AOF and RDB both on", set("persistence", { aofEnabled: true, rdbEnabled: true })],
        ["AOF every 5 seconds", set("persistence.aofFrequency", "5s")],
        ["RDB every 24 hours", set("persistence", { rdbEnabled: true, rdbFrequency: "24h" })],
    ],
    "azure.redisenterprise.access-policy-assignment.user": [
        ["a hyphen in the name", set("accessPolicyAssignmentName", "langsmith-workloads")],
        ["no name (the auto-name has a hyphen)", set("accessPolicyAssignmentName", undefined)],
        ["a custom policy", set("accessPolicyName", "readonly")],
        ["a client id instead of an object id", set("user.objectId", "langsmith-identity")],
    ],
    "azure.redisenterprise.access-policy-assignment.entra": [
        ["a database the cluster does not have", set("databaseName", "db1")],
    ],
    "azure.network.private-endpoint.redis": [
        [
            "the blob sub-resource for a Redis cluster",
            set("privateLinkServiceConnections", [
                {
                    name: "redisEnterprise",
                    privateLinkServiceId:
                        "/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/langsmith-dev/providers/Microsoft.Cache/redisEnterprise/langsmith-azure-dev-e6de65f0",
                    groupIds: ["redisCache"],
                },
            ]),
            "langsmith-redis-endpoint",
        ],
    ],
    "azure.network.private-dns-zone-group.redis": [
        [
            "Azure Cache for Redis' zone for a Managed Redis endpoint",
            set("privateDnsZoneConfigs", [
                {
                    name: "redisEnterprise",
                    privateDnsZoneId:
                        "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/privateDnsZones/privatelink.redis.cache.windows.net",
                },
            ]),
            "langsmith-redis-endpoint-dns",
        ],
    ],
    "azure.redisenterprise.cluster.tags": [["microsoft prefix", set("tags", { "microsoft-owner": "x" })]],
    "azure.storage.account.tags": [["microsoft prefix", set("tags", { "microsoft-owner": "x" })]],
    "azure.network.private-endpoint.tags": [["microsoft prefix", set("tags", { "microsoft-owner": "x" })]],
    "aws.rds.instance.engine": [["unknown engine", set("engine", "postgresql")]],
    "aws.rds.instance.db-name": [
        ["hyphen", set("dbName", "lang-smith")],
        ["digit first", set("dbName", "1langsmith")],
    ],
    "aws.rds.instance.master-username": [["hyphen", set("username", "ls-admin")]],
    "aws.rds.instance.master-password": [
        ["contains @", set("password", "abcdefgh@1")],
        ["7 characters", set("password", "abcdefg")],
    ],
    "aws.rds.instance.managed-master-password": [
        ["managed and given", set("manageMasterUserPassword", true)],
        [
            "a secret key without a managed secret",
            set("masterUserSecretKmsKeyId", "arn:aws:kms:us-east-1:123456789012:key/k"),
        ],
    ],
    "aws.rds.instance.ca-certificate": [["the expired 2019 CA", set("caCertIdentifier", "rds-ca-2019")]],
    "aws.rds.instance.instance-class": [["no db. prefix", set("instanceClass", "t4g.large")]],
    "aws.rds.instance.storage-type": [["unknown type", set("storageType", "gp4")]],
    "aws.rds.instance.allocated-storage": [
        ["gp3 below 20 GiB", all(set("allocatedStorage", 10), set("maxAllocatedStorage", undefined))],
    ],
    "aws.rds.instance.gp3-performance": [["iops below 400 GiB", set("iops", 12000)]],
    "aws.rds.instance.max-allocated-storage": [["105 for 100", set("maxAllocatedStorage", 105)]],
    "aws.rds.instance.backup-retention": [["36 days", set("backupRetentionPeriod", 36)]],
    "aws.rds.instance.port": [["port 80", set("port", 80)]],
    "aws.rds.instance.final-snapshot": [
        ["missing", set("finalSnapshotIdentifier", undefined)],
        ["double hyphen", set("finalSnapshotIdentifier", "final--snap")],
    ],
    "aws.rds.instance.parameter-group-family": [["a postgres17 group on PostgreSQL 16", set("engineVersion", "16.4")]],
    "aws.rds.parameter-group.name": [["capitals", set("name", "LangSmith-params")]],
    "aws.rds.parameter-group.family": [["not a family", set("family", "postgres-17")]],
    "aws.rds.parameter-group.apply-method": [
        ["unknown method", set("parameters", [{ name: "rds.force_ssl", value: "1", applyMethod: "later" }])],
    ],
    "aws.rds.subnet-group.name": [
        ["capitals", set("name", "LangSmith")],
        ["default", set("name", "default")],
    ],
    "aws.rds.subnet-group.subnets": [["one subnet", set("subnetIds", ["subnet-1"])]],
    "aws.ec2.security-group.name-description": [
        ["non-ASCII description", set("description", "LangSmith — PostgreSQL")],
        ["sg- name", set("name", "sg-langsmith")],
    ],
    "aws.ec2.prefix-list.entries": [
        ["more entries than maxEntries", set("maxEntries", 1)],
        ["an IPv6 block in an IPv4 list", set("entries", [{ cidr: "fd00::/64" }])],
        ["the same block twice", set("entries", [{ cidr: "10.0.0.0/19" }, { cidr: "10.0.0.0/19" }])],
        ["no address family", set("addressFamily", "IPv5")],
    ],
    "aws.ec2.prefix-list.tags": [["aws: prefix", set("tags", { "aws:owner": "x" })]],
    "aws.vpc.ingress-rule.source": [["two sources", set("cidrIpv4", "10.0.0.0/16")]],
    "aws.vpc.ingress-rule.ports": [
        ["from above to", set("fromPort", 6000)],
        ["unknown protocol", set("ipProtocol", "sctp-ish")],
    ],
    "aws.iam.role.name": [
        ["65 characters", set("name", "r".repeat(65))],
        ["space", set("name", "lang smith")],
    ],
    "aws.iam.role.description": [["emoji", set("description", "LangSmith 🚀")]],
    "aws.iam.role.max-session-duration": [["15 minutes", set("maxSessionDuration", 900)]],
    "aws.iam.role.trust-policy": [
        ["not JSON", set("assumeRolePolicy", "{")],
        [
            "too long",
            set("assumeRolePolicy", JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "x".repeat(2100) }] })),
        ],
    ],
    "aws.iam.role-policy.name": [["slash", set("name", "a/b")]],
    "aws.iam.role-policy.document": [
        ["no Version", set("policy", JSON.stringify({ Statement: [{ Effect: "Allow" }] }))],
    ],
    "gcp.memorystore.instance.id": [
        ["3 characters", set("instanceId", "abc")],
        ["upper case", set("instanceId", "LangSmith-redis")],
        ["trailing hyphen", set("instanceId", "langsmith-redis-")],
    ],
    "gcp.memorystore.instance.enums": [
        ["lower-case mode", set("mode", "cluster_disabled")],
        ["IAM auth by another name", set("authorizationMode", "IAM")],
        ["TLS by another name", set("transitEncryptionMode", "TLS")],
        ["an ElastiCache node type", set("nodeType", "cache.t4g.small")],
        ["RDB every 30 minutes", set("persistenceConfig.rdbConfig.rdbSnapshotPeriod", "THIRTY_MINUTES")],
    ],
    "gcp.memorystore.instance.cluster-disabled": [
        ["two shards", set("shardCount", 2)],
        ["three replicas", set("replicaCount", 3)],
        ["no shard count", set("shardCount", undefined)],
    ],
    "gcp.memorystore.instance.backups": [
        ["kept 400 days", set("automatedBackupConfig.retention", `${400 * 86400}s`)],
        ["kept an hour", set("automatedBackupConfig.retention", "3600s")],
        ["retention in days", set("automatedBackupConfig.retention", "7d")],
        ["start hour 24", set("automatedBackupConfig.fixedFrequencySchedule.startTime.hours", 24)],
        ["no start time", set("automatedBackupConfig.fixedFrequencySchedule", undefined)],
    ],
    "gcp.memorystore.instance.endpoints": [
        ["no endpoint", set("desiredAutoCreatedEndpoints", [])],
        [
            "network by bare name",
            set("desiredAutoCreatedEndpoints", [{ network: "vpc", projectId: "acme-langsmith-dev" }]),
        ],
        [
            "another network than the policy's",
            set("desiredAutoCreatedEndpoints", [
                { network: "projects/acme-langsmith-dev/global/networks/other", projectId: "acme-langsmith-dev" },
            ]),
        ],
    ],
    "gcp.memorystore.instance.labels": [["upper-case key", set("labels", { Team: "x" })]],
    "gcp.networkconnectivity.service-connection-policy.psc": [
        ["no subnetwork", set("pscConfig.subnetworks", [])],
        [
            "a subnetwork in another region",
            set("pscConfig.subnetworks", ["projects/acme-langsmith-dev/regions/us-east1/subnetworks/nodes"]),
        ],
        ["subnetwork by bare name", set("pscConfig.subnetworks", ["nodes"])],
        ["underscore in the name", set("name", "langsmith_memorystore")],
        ["no service class", set("serviceClass", undefined)],
    ],
    "gcp.networkconnectivity.service-connection-policy.labels": [["value with a dot", set("labels", { a: "b.c" })]],
    "gcp.iam.project-member.condition": [
        ["no title", set("condition.title", undefined), "langsmith-redis-connect"],
        ["blank expression", set("condition.expression", " "), "langsmith-redis-connect"],
        [
            "13 logical operators",
            set("condition.expression", Array.from({ length: 14 }, () => "true").join(" && ")),
            "langsmith-redis-connect",
        ],
    ],
    "aws.elasticache.subnet-group.name": [
        ["underscore", set("name", "langsmith_redis")],
        ["no subnet", set("subnetIds", [])],
    ],
    "aws.elasticache.user.id": [
        ["digit first", set("userId", "1langsmith"), "langsmith-redis-iam-user"],
        ["unknown engine", set("engine", "memcached"), "langsmith-redis-iam-user"],
        ["blank access string", set("accessString", " "), "langsmith-redis-iam-user"],
    ],
    "aws.elasticache.user.iam-name": [
        ["name differs from id", set("userName", "langsmith"), "langsmith-redis-iam-user"],
        ["a password on an IAM user", set("passwords", ["x".repeat(16)]), "langsmith-redis-iam-user"],
    ],
    "aws.elasticache.user-group.default-user": [
        ["no default user", set("userIds", ["langsmith-aws-dev"])],
        ["underscore in the id", set("userGroupId", "langsmith_group")],
    ],
    "aws.elasticache.replication-group.id": [
        ["41 characters", set("replicationGroupId", "a".repeat(41))],
        ["double hyphen", set("replicationGroupId", "langsmith--redis")],
    ],
    "aws.elasticache.replication-group.failover": [
        ["Multi-AZ without failover", set("automaticFailoverEnabled", false)],
        ["failover with one node", set("numCacheClusters", 1)],
    ],
    "aws.elasticache.replication-group.snapshot-retention": [["36 days", set("snapshotRetentionLimit", 36)]],
    "aws.elasticache.replication-group.iam-auth": [
        ["Valkey 7.1", set("engineVersion", "7.1")],
        ["Redis OSS 6.2", all(set("engine", "redis"), set("engineVersion", "6.2"))],
        ["no TLS", set("transitEncryptionEnabled", false)],
    ],
    "aws.elasticache.subnet-group.tags": [["aws: prefix", set("tags", { "aws:x": "v" })]],
    "aws.elasticache.user.tags": [["aws: prefix", set("tags", { "aws:x": "v" }), "langsmith-redis-iam-user"]],
    "aws.elasticache.user-group.tags": [["value with a comma", set("tags", { owner: "a,b" })]],
    "aws.elasticache.replication-group.tags": [["character outside the set", set("tags", { "team#1": "v" })]],
    "aws.eks.pod-identity.target": [
        ["capital namespace", set("namespace", "LangSmith")],
        ["user ARN", set("roleArn", "arn:aws:iam::123456789012:user/u")],
    ],
    "aws.provider.default-tags": [["aws: prefix", set("defaultTags", JSON.stringify({ tags: { "aws:owner": "me" } }))]],
    "aws.rds.instance.tags": [["value over 256", set("tags", { a: "v".repeat(257) })]],
    "aws.rds.parameter-group.tags": [["key over 128", set("tags", { ["k".repeat(129)]: "v" })]],
    "aws.rds.subnet-group.tags": [["aws: prefix", set("tags", { "AWS:x": "v" })]],
    "aws.ec2.security-group.tags": [["character outside the set", set("tags", { "team#1": "v" })]],
    "aws.vpc.ingress-rule.tags": [
        ["51 tags", set("tags", Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"])))],
    ],
    "aws.iam.role.tags": [["value with a comma", set("tags", { owner: "a,b" })]],
    "aws.eks.pod-identity.tags": [["aws: prefix", set("tags", { "aws:x": "v" })]],

    "gcp.sql.instance.name": [
        ["capitals", set("name", "LangSmith-db")],
        ["99 characters", set("name", "a".repeat(99))],
    ],
    "gcp.sql.instance.database-version": [["unknown version", set("databaseVersion", "POSTGRES_8")]],
    "gcp.sql.instance.tier-edition": [
        ["perf-optimized on Enterprise", set("settings.tier", "db-perf-optimized-N-4")],
        [
            "an unknown machine type without edition",
            all(set("settings.edition", undefined), set("settings.tier", "db-n1-standard-2x")),
        ],
    ],
    "gcp.sql.instance.custom-machine": [
        ["3 vCPUs", set("settings.tier", "db-custom-3-12288")],
        ["memory not a multiple of 256", set("settings.tier", "db-custom-2-8000")],
    ],
    "gcp.sql.instance.disk": [
        ["9 GB", set("settings.diskSize", 9)],
        ["limit below size", set("settings.diskAutoresizeLimit", 50)],
    ],
    "gcp.sql.instance.backups": [
        [
            "PITR without backups",
            all(set("settings.backupConfiguration.enabled", false), set("settings.availabilityType", "ZONAL")),
        ],
        ["14 days of logs on Enterprise", set("settings.backupConfiguration.transactionLogRetentionDays", 14)],
    ],
    "gcp.sql.instance.high-availability": [
        ["REGIONAL without backups", set("settings.backupConfiguration", { enabled: false })],
    ],
    "gcp.sql.instance.ip-configuration": [
        ["no address", set("settings.ipConfiguration", { ipv4Enabled: false })],
        ["unknown ssl mode", set("settings.ipConfiguration.sslMode", "REQUIRED")],
        ["unknown server CA mode", set("settings.ipConfiguration.serverCaMode", "GOOGLE_MANAGED_CA")],
        [
            "a CA pool without the customer-managed mode",
            set("settings.ipConfiguration.serverCaPool", "projects/p/locations/l/caPools/c"),
        ],
    ],
    "gcp.sql.instance.flags": [
        ["true instead of on", set("settings.databaseFlags", [{ name: "cloudsql.iam_authentication", value: "true" }])],
    ],
    "gcp.sql.instance.maintenance-window": [["day 0", set("settings.maintenanceWindow.day", 0)]],
    "gcp.sql.instance.labels": [
        ["capital key", set("settings.userLabels", { Environment: "dev" })],
        ["slash in value", set("settings.userLabels", { team: "a/b" })],
    ],
    "gcp.sql.database.name": [["64 bytes", set("name", "d".repeat(64))]],
    "gcp.sql.user.name-type": [
        ["full email", set("name", "langsmith-dev@acme-langsmith-dev.iam.gserviceaccount.com")],
        ["built-in without password", set("type", undefined)],
        ["an empty database role", set("databaseRoles", [""])],
    ],
    "gcp.iam.service-account.account-id": [
        ["5 characters", set("accountId", "ls-sa")],
        ["31 characters", set("accountId", "a".repeat(31))],
        ["underscore", set("accountId", "lang_smith")],
    ],
    "gcp.iam.service-account-member.binding": [
        ["bad WI member", set("member", "serviceAccount:acme-langsmith-dev.svc.id.goog[langsmith]")],
        ["role without roles/", set("role", "iam.workloadIdentityUser")],
    ],
    "gcp.iam.project-member.binding": [
        ["member without prefix", set("member", "langsmith-dev@acme-langsmith-dev.iam.gserviceaccount.com")],
    ],
    "gcp.compute.global-address.private-service-access": [
        ["/28 range", set("prefixLength", 28)],
        ["EXTERNAL", set("addressType", "EXTERNAL")],
    ],
    "gcp.servicenetworking.connection.peering": [["no range", set("reservedPeeringRanges", [])]],
    "gcp.provider.default-labels": [["capital key", set("defaultLabels", JSON.stringify({ CostCenter: "x" }))]],

    "azure.postgres.server.name": [
        ["capitals", set("serverName", "LangSmith-db")],
        ["2 characters", set("serverName", "ls")],
    ],
    "azure.postgres.server.sku": [
        ["Burstable tier with a D size", set("sku", { name: "Standard_D2ds_v5", tier: "Burstable" })],
    ],
    "azure.postgres.server.version": [["version 10", set("version", "10")]],
    "azure.postgres.server.storage-size": [["100 GiB", set("storage.storageSizeGB", 100)]],
    "azure.postgres.server.storage-auto-grow": [
        [
            "auto-grow on Premium SSD v2",
            set("storage", { storageSizeGB: 100, autoGrow: "Enabled", type: "PremiumV2_LRS" }),
        ],
    ],
    "azure.postgres.server.backup": [
        ["6 days", set("backup.backupRetentionDays", 6)],
        ["36 days", set("backup.backupRetentionDays", 36)],
    ],
    "azure.postgres.server.high-availability": [
        ["HA on Burstable", set("sku", { name: "Standard_B2ms", tier: "Burstable" })],
        ["standby in the primary's zone", set("highAvailability.standbyAvailabilityZone", "1")],
    ],
    "azure.postgres.server.administrator-login": [
        ["reserved", set("administratorLogin", "admin")],
        ["pg_ prefix", set("administratorLogin", "pg_admin")],
        ["hyphen", set("administratorLogin", "ls-admin")],
    ],
    "azure.postgres.server.administrator-password": [["two classes", set("administratorLoginPassword", "abcdefgh12")]],
    "azure.postgres.server.private-access": [
        [
            "zone outside postgres.database.azure.com",
            set(
                "network.privateDnsZoneArmResourceId",
                "/subscriptions/x/resourceGroups/g/providers/Microsoft.Network/privateDnsZones/db.internal",
            ),
        ],
    ],
    "azure.postgres.server.authentication": [
        ["both disabled", set("authConfig", { activeDirectoryAuth: "Disabled", passwordAuth: "Disabled" })],
    ],
    "azure.postgres.configuration.parameter": [
        ["spaces in the extension list", set("value", "BTREE_GIN, CITEXT")],
        ["unknown server", set("serverName", "other")],
    ],
    "azure.postgres.database.name": [["64 bytes", set("databaseName", "d".repeat(64))]],
    "azure.postgres.entra-admin.principal": [
        ["unknown principal type", set("principalType", "Application")],
        ["objectId not a GUID", set("objectId", "langsmith")],
    ],
    "azure.identity.user-assigned.name": [
        ["2 characters", set("resourceName", "ls")],
        ["period", set("resourceName", "lang.smith")],
    ],
    "azure.identity.federated-credential.name": [
        ["121 characters", set("federatedIdentityCredentialResourceName", "f".repeat(121))],
        ["underscore first", set("federatedIdentityCredentialResourceName", "_fic")],
    ],
    "azure.identity.federated-credential.claims": [
        ["two audiences", set("audiences", ["api://AzureADTokenExchange", "x"])],
        [
            "duplicate subject",
            set("subject", "system:serviceaccount:langsmith:langsmith-queue"),
            "langsmith-fic-backend",
        ],
        [
            "duplicate name",
            set("federatedIdentityCredentialResourceName", "langsmith-langsmith-queue"),
            "langsmith-fic-backend",
        ],
    ],
    "azure.network.subnet.name": [["ends with a period", set("subnetName", "postgres.")]],
    "azure.network.subnet.delegation": [["no delegation", set("delegations", [])]],
    "azure.privatedns.zone.name": [["one label", set("privateZoneName", "localhost")]],
    "azure.privatedns.zone.postgres-suffix": [["regional location", set("location", "eastus")]],
    "azure.privatedns.link.name": [["ends with a hyphen", set("virtualNetworkLinkName", "link-")]],
    "azure.privatedns.link.target": [
        [
            "subnet instead of a VNet",
            set(
                "virtualNetwork.id",
                "/subscriptions/x/resourceGroups/g/providers/Microsoft.Network/virtualNetworks/v/subnets/s",
            ),
        ],
    ],
    "azure.authorization.lock.name": [["ends with a period", set("lockName", "lock.")]],
    "azure.authorization.lock.level": [["NotSpecified", set("level", "NotSpecified")]],
    "azure.postgres.server.tags": [
        ["the part-of label as a tag", set("tags", { "app.kubernetes.io/part-of": "langsmith" })],
    ],
    "azure.identity.user-assigned.tags": [["microsoft prefix", set("tags", { "Microsoft.owner": "x" })]],
    "azure.privatedns.zone.tags": [["ampersand", set("tags", { "r&d": "x" })]],
    "azure.privatedns.link.tags": [["value over 256", set("tags", { a: "v".repeat(257) })]],

    "k8s.namespace.name": [
        ["capitals", set("metadata.name", "LangSmith")],
        ["64 characters", set("metadata.name", "n".repeat(64))],
    ],
    "k8s.service-account.name": [
        ["underscore", set("metadata.name", "lang_smith")],
        ["namespace with a period", set("metadata.namespace", "a.b")],
    ],
    "k8s.secret.name": [["capitals", set("metadata.name", "Config")]],
    "k8s.config-map.name": [["254 characters", set("metadata.name", "c".repeat(254))]],
    "k8s.job.name": [
        ["64 characters (a subdomain but not a label)", set("metadata.name", "j".repeat(64))],
        ["period", set("metadata.name", "job.v1")],
    ],
    "k8s.namespace.labels": [["value with a slash", set("metadata.labels", { team: "a/b" })]],
    "k8s.service-account.labels": [["name part over 63", set("metadata.labels", { ["k".repeat(64)]: "v" })]],
    "k8s.secret.labels": [["prefix not a subdomain", set("metadata.labels", { "Example.com/x": "v" })]],
    "k8s.config-map.labels": [["value over 63", set("metadata.labels", { a: "v".repeat(64) })]],
    "k8s.job.labels": [["pod label value ending in -", set("spec.template.metadata.labels", { a: "v-" })]],
    "k8s.namespace.annotations": [["key with two slashes", set("metadata.annotations", { "a/b/c": "v" })]],
    "k8s.service-account.annotations": [
        ["over 256 KiB", set("metadata.annotations", { a: "v".repeat(256 * 1024 + 1) })],
    ],
    "k8s.secret.annotations": [["non-string value", set("metadata.annotations", { a: 1 })]],
    "k8s.config-map.annotations": [["empty key", set("metadata.annotations", { "": "v" })]],
    "k8s.job.annotations": [
        ["pod annotation key with a space", set("spec.template.metadata.annotations", { "a b": "v" })],
    ],
    "k8s.secret.data": [
        ["key with a slash", set("stringData", { "a/b": "v" })],
        ["data not base64", set("data", { a: "not base64!" }), "langsmith-postgres"],
    ],
    "k8s.config-map.data": [["key with a space", set("data", { "bootstrap sql": "x" })]],
    "k8s.job.spec": [
        ["restartPolicy Always", set("spec.template.spec.restartPolicy", "Always")],
        ["negative backoffLimit", set("spec.backoffLimit", -1)],
        ["zero deadline", set("spec.activeDeadlineSeconds", 0)],
    ],
    "k8s.job.containers": [
        ["mount of a missing volume", set("spec.template.spec.volumes", [])],
        [
            "request above limit",
            set("spec.template.spec.containers.0.resources", {
                limits: { memory: "64Mi" },
                requests: { memory: "128Mi" },
            }),
        ],
        ["container name with capitals", set("spec.template.spec.containers.0.name", "PSQL")],
    ],
    "k8s.storage-class.name": [["capitals", set("metadata.name", "ClickHouse-gp3")]],
    "k8s.storage-class.labels": [["value with a space", set("metadata.labels", { tier: "fast ssd" })]],
    "k8s.storage-class.annotations": [["non-string value", set("metadata.annotations", { a: 1 })]],
    "k8s.storage-class.spec": [
        ["no provisioner", set("provisioner", undefined)],
        ["a number parameter", set("parameters.iops", 7000)],
        ["reclaimPolicy Recycle", set("reclaimPolicy", "Recycle")],
        ["volumeBindingMode Lazy", set("volumeBindingMode", "Lazy")],
        ["a namespace", set("metadata.namespace", "langsmith")],
    ],
    "k8s.storage-class.ebs-gp3": [
        ["an unknown volume type", set("parameters.type", "gp4")],
        ["throughput on io2", all(set("parameters.type", "io2"), set("parameters.iops", "7000"))],
        ["2000 gp3 IOPS", set("parameters.iops", "2000")],
        ["2001 MiB/s", set("parameters.throughput", "2001")],
        ["1000 MiB/s on the 3000 default IOPS", set("parameters.iops", undefined)],
    ],
    "k8s.helm.release.name": [
        ["54 characters", set("name", "r".repeat(54))],
        ["underscore", set("name", "lang_smith")],
    ],
    "k8s.helm.release.chart": [["version not SemVer", set("version", "0.16")]],
    "k8s.provider.kubeconfig": [
        ["current context missing", set("kubeconfig", JSON.stringify({ contexts: [], "current-context": "x" }))],
    ],

    "random.password.length": [
        ["shorter than the minimums", set("length", 7)],
        [
            "length 0",
            all(set("length", 0), set("minUpper", 0), set("minLower", 0), set("minNumeric", 0), set("minSpecial", 0)),
        ],
    ],
    "random.bytes.length": [["length 0", set("length", 0)]],

    "langsmith.secret.initial-org-admin-password": [
        ["no symbol", set("stringData.initial_org_admin_password", "WbrKuJAFhglq46OMcDweEA8h")],
        ["11 characters", set("stringData.initial_org_admin_password", "Ab$defghijk")],
        ["no upper-case letter", set("stringData.initial_org_admin_password", "ab$defghijkl")],
        ["symbol outside the set (&)", set("stringData.initial_org_admin_password", "Ab&defghijkl")],
    ],
    "langsmith.secret.fernet-keys": [
        ["standard base64 with +", set("stringData.insights_encryption_key", Buffer.alloc(32, 251).toString("base64"))],
        ["16 bytes", set("stringData.insights_encryption_key", Buffer.alloc(16, 7).toString("base64url") + "==")],
        ["no padding", set("stringData.insights_encryption_key", Buffer.alloc(32, 7).toString("base64url"))],
    ],
    "langsmith.secret.salts": [
        ["empty salt", set("stringData.api_key_salt", "")],
        ["short JWT secret", set("stringData.jwt_secret", "short")],
    ],
    "langsmith.release.existing-secrets": [
        ["polly on without its key", set("values.polly.enabled", true)],
        ["unknown config secret", set("values.config.existingSecretName", "other")],
        ["wrong Postgres key", set("values.postgres.external.connectionUrlSecretKey", "url")],
    ],
    "langsmith.release.iam-auth-provider": [["typo", set("values.postgres.external.iamAuthProvider", "AWS")]],
};

/** Valid inputs near a rule's edge: the rule stays silent. */
const VALID: [string, string, Mutation, string?][] = [
    [
        "gcp.dns.zone.private-visibility",
        "a network by its Compute API URL",
        set("privateVisibilityConfig.networks", [
            {
                networkUrl:
                    "https://www.googleapis.com/compute/v1/projects/acme-network-host/global/networks/shared-vpc",
            },
        ]),
    ],
    [
        "gcp.dns.record.name-in-zone",
        "a name under the zone",
        set("name", "db.1a2b3c4d5e6f.0123456789abc.europe-west4.sql.goog."),
    ],
    ["aws.rds.instance.max-allocated-storage", "autoscaling off (0)", set("maxAllocatedStorage", 0)],
    [
        "aws.rds.instance.max-allocated-storage",
        "exactly 110%",
        all(set("allocatedStorage", 1000), set("maxAllocatedStorage", 1100)),
    ],
    [
        "aws.rds.instance.gp3-performance",
        "IOPS from 400 GiB",
        all(set("allocatedStorage", 400), set("maxAllocatedStorage", undefined), set("iops", 12000)),
    ],
    ["aws.rds.instance.tags", "spaces and the allowed symbols", set("tags", { "cost center": "a_b.c:d/e=f+g-h@i" })],
    [
        "gcp.sql.instance.tier-edition",
        "an Enterprise Plus machine without edition",
        all(set("settings.edition", undefined), set("settings.tier", "db-perf-optimized-N-4")),
    ],
    ["gcp.sql.instance.name", "98 characters", set("name", "a".repeat(98))],
    ["gcp.sql.instance.tier-edition", "shared core on Enterprise", set("settings.tier", "db-f1-micro")],
    ["gcp.sql.instance.custom-machine", "1 vCPU with 3840 MB", set("settings.tier", "db-custom-1-3840")],
    ["azure.postgres.server.storage-size", "32767 GiB", set("storage.storageSizeGB", 32767)],
    [
        "azure.postgres.server.storage-size",
        "any size on Premium SSD v2",
        set("storage", { storageSizeGB: 100, type: "PremiumV2_LRS", autoGrow: "Disabled" }),
    ],
    [
        "azure.postgres.server.high-availability",
        "Burstable without HA",
        all(set("sku", { name: "Standard_B2ms", tier: "Burstable" }), set("highAvailability", { mode: "Disabled" })),
    ],
    [
        "azure.postgres.server.tags",
        "the same meaning without '/'",
        set("tags", { "app.kubernetes.io_part-of": "langsmith" }),
    ],
    [
        "azure.identity.federated-credential.name",
        "120 characters",
        set("federatedIdentityCredentialResourceName", "f".repeat(120)),
    ],
    [
        "k8s.storage-class.ebs-gp3",
        "750 MiB/s on 3000 IOPS",
        all(set("parameters.iops", "3000"), set("parameters.throughput", "750")),
    ],
    ["k8s.storage-class.ebs-gp3", "another provisioner's parameters", set("provisioner", "pd.csi.storage.gke.io")],
    ["k8s.helm.release.name", "53 characters", set("name", "r".repeat(53))],
    ["k8s.provider.kubeconfig", "a kubeconfig file path", set("kubeconfig", "~/.kube/platform-dev")],
    ["k8s.provider.kubeconfig", "the provider's context", set("context", "x")],
    ...[..."!#$%()+,-./:?@[\\]^_{~}"].map((c): [string, string, Mutation] => [
        "langsmith.secret.initial-org-admin-password",
        `the symbol ${c}`,
        set("stringData.initial_org_admin_password", `Abcdefghijk${c}`),
    ]),
    [
        "langsmith.secret.fernet-keys",
        "a key from data (base64 of the key)",
        all(
            set("stringData", {}),
            set("data", {
                polly_encryption_key: Buffer.from(Buffer.alloc(32, 9).toString("base64url") + "=").toString("base64"),
            }),
        ),
    ],
    ["random.password.length", "length equal to the minimums", set("length", 8)],
    ["gcp.memorystore.instance.backups", "kept 365 days", set("automatedBackupConfig.retention", `${365 * 86400}s`)],
    ["gcp.memorystore.instance.backups", "kept exactly a day", set("automatedBackupConfig.retention", "86400s")],
    ["gcp.memorystore.instance.cluster-disabled", "two replicas", set("replicaCount", 2)],
    [
        "gcp.memorystore.instance.cluster-disabled",
        "cluster mode with three shards",
        all(set("mode", "CLUSTER"), set("shardCount", 3)),
    ],
    ["gcp.memorystore.instance.id", "a digit first", set("instanceId", "1langsmith")],
    [
        "gcp.iam.project-member.condition",
        "12 logical operators",
        set("condition.expression", Array.from({ length: 13 }, () => "true").join(" || ")),
        "langsmith-redis-connect",
    ],
    ["aws.elasticache.replication-group.iam-auth", "Valkey 7.2", set("engineVersion", "7.2")],
    [
        "aws.elasticache.replication-group.iam-auth",
        "Redis OSS 7.0",
        all(set("engine", "redis"), set("engineVersion", "7.0")),
    ],
    [
        "aws.elasticache.replication-group.failover",
        "one node without failover",
        all(set("numCacheClusters", 1), set("automaticFailoverEnabled", false), set("multiAzEnabled", false)),
    ],
];

function clone<T>(v: T): T {
    return JSON.parse(JSON.stringify(v)) as T;
}

describe("service rules: each rule fires on broken input and passes valid input", function () {
    const world = validWorld();

    it("the valid world keeps every rule", () => {
        const violations = checkResources(world);
        assert.deepEqual(
            violations.map((v) => `${v.name}: ${v.rule}: ${v.message}`),
            [],
        );
    });

    it("every rule applies to a resource of the valid world (so its silence means something)", () => {
        const types = new Set(world.map((r) => r.type));
        assert.deepEqual(
            ALL_RULES.filter((r) => !types.has(r.resourceType)).map((r) => r.id),
            [],
        );
    });

    it("every rule has at least one broken case", () => {
        assert.deepEqual(
            ALL_RULES.map((r) => r.id).filter((id) => !BROKEN[id]?.length),
            [],
        );
        assert.deepEqual(
            Object.keys(BROKEN).filter((id) => !ALL_RULES.some((r) => r.id === id)),
            [],
            "cases for rules that do not exist",
        );
    });

    for (const rule of ALL_RULES) {
        for (const [what, mutate, name] of BROKEN[rule.id] ?? []) {
            it(`${rule.id}: fires on ${what}`, () => {
                const broken = clone(world);
                const target = broken.find(
                    (r) => r.type === rule.resourceType && (name === undefined || r.name === name),
                );
                assert.ok(target, `no ${rule.resourceType} in the valid world`);
                mutate(target);
                const found = checkResources(broken).filter((v) => v.rule === rule.id && v.urn === target.urn);
                assert.equal(
                    found.length,
                    1,
                    `${rule.id} did not fire on ${target.name}: ${JSON.stringify(checkResources(broken).map((v) => v.rule))}`,
                );
                assert.equal(found[0].url, rule.url);
                assert.match(found[0].message, /\S/);
            });
        }
    }

    for (const [id, what, mutate, name] of VALID) {
        it(`${id}: passes ${what}`, () => {
            const rule = ALL_RULES.find((r) => r.id === id);
            assert.ok(rule, id);
            const changed = clone(world);
            const target = changed.find(
                (r) => r.type === rule.resourceType && (name === undefined || r.name === name),
            )!;
            mutate(target);
            assert.deepEqual(
                checkResources(changed)
                    .filter((v) => v.rule === id)
                    .map((v) => v.message),
                [],
            );
        });
    }

    it("every rule cites an https page", () => {
        for (const rule of ALL_RULES) assert.match(rule.url, /^https:\/\/[^\s]+$/, rule.id);
    });

    it("rule ids are unique", () => {
        const ids = ALL_RULES.map((r) => r.id);
        assert.equal(new Set(ids).size, ids.length);
    });

    it("messages about secret values never contain the value", () => {
        const broken = clone(world);
        const secretValues = ["WbrKuJAFhglq46OMcDweEA8h", "abcdefgh12", "short"];
        const secret = broken.find((r) => r.name === "langsmith-config")!;
        set("stringData.initial_org_admin_password", secretValues[0])(secret);
        set("stringData.jwt_secret", secretValues[2])(secret);
        set(
            "administratorLoginPassword",
            secretValues[1],
        )(broken.find((r) => r.type === "azure-native:dbforpostgresql:Server")!);
        const messages = checkResources(broken).map((v) => v.message);
        assert.ok(messages.length >= 3);
        for (const m of messages)
            for (const s of secretValues) assert.ok(!m.includes(s), `a message shows a secret value: ${m}`);
    });

    it("redact replaces a secret value a message might carry", () => {
        const [v] = redact(
            [
                {
                    urn: "u",
                    type: "t",
                    name: "n",
                    property: "p",
                    rule: "r",
                    url: "https://x",
                    message: 'value "hunter22" is bad',
                },
            ],
            ["hunter22"],
        );
        assert.equal(v.message, 'value "[secret]" is bad');
    });

    it("a rule that throws is reported as a violation, not swallowed", () => {
        const broken = clone(world);
        broken.find((r) => r.type === "kubernetes:batch/v1:Job")!.inputs.spec = {
            template: { spec: { restartPolicy: "Never", containers: [], volumes: 5 } },
        };
        const found = checkResources(broken).find((v) => v.rule === "k8s.job.containers");
        assert.match(found?.message ?? "", /could not read the inputs/);
    });
});

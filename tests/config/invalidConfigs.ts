/**
 * The corpus of invalid stack configs: each case mutates a valid base config and names the config
 * key its error must name. Shared by the pure validation tests and the program-under-mocks tests.
 */

import type { RawConfig } from "../support/baseConfigs";

export interface InvalidCase {
    /** What is wrong, as a reader would put it. */
    what: string;
    /** The valid config the case starts from (default: AWS). */
    base?: "aws" | "gcp" | "azure";
    /** The full config key the error must name. */
    key: string;
    /** Changes a deep copy of the base config. */
    mutate: (c: RawConfig) => void;
}

const obj = (c: RawConfig, key: string): Record<string, unknown> => {
    if (typeof c[key] !== "object" || c[key] === null) c[key] = {};
    return c[key] as Record<string, unknown>;
};

export const INVALID_CASES: InvalidCase[] = [
    // cloud and top level
    { what: "no cloud", key: "langsmith:cloud", mutate: (c) => delete c.cloud },
    { what: "an unknown cloud", key: "langsmith:cloud", mutate: (c) => (c.cloud = "digitalocean") },
    { what: "cloud of the wrong type", key: "langsmith:cloud", mutate: (c) => (c.cloud = 5) },
    { what: "production as a word", key: "langsmith:production", mutate: (c) => (c.production = "yes") },
    { what: "no license key", key: "langsmith:licenseKey", mutate: (c) => delete c.licenseKey },
    { what: "an empty license key", key: "langsmith:licenseKey", mutate: (c) => (c.licenseKey = "") },
    { what: "a typo in a top-level key", key: "langsmith:regoin", mutate: (c) => (c.regoin = "us-east-1") },
    { what: "a tag value that is not text", key: "langsmith:tags.owner", mutate: (c) => (c.tags = { owner: 7 }) },
    // AWS block
    { what: "no aws block on an aws stack", key: "langsmith:aws", mutate: (c) => delete c.aws },
    { what: "no region", key: "langsmith:aws.region", mutate: (c) => delete obj(c, "aws").region },
    { what: "a malformed region", key: "langsmith:aws.region", mutate: (c) => (obj(c, "aws").region = "useast1") },
    {
        what: "a region without an RDS CA in the bundled list (the bootstrap could not verify the server)",
        key: "langsmith:aws.region",
        mutate: (c) => (obj(c, "aws").region = "us-gov-west-1"),
    },
    { what: "no cluster name", key: "langsmith:aws.clusterName", mutate: (c) => delete obj(c, "aws").clusterName },
    {
        what: "an invalid cluster name",
        key: "langsmith:aws.clusterName",
        mutate: (c) => (obj(c, "aws").clusterName = "bad name!"),
    },
    {
        what: "an unknown identity mode",
        key: "langsmith:aws.identityMode",
        mutate: (c) => (obj(c, "aws").identityMode = "kiam"),
    },
    {
        what: "IRSA's OIDC provider with Pod Identity",
        key: "langsmith:aws.oidcProviderArn",
        mutate: (c) =>
            Object.assign(obj(c, "aws"), {
                identityMode: "podIdentity",
                oidcProviderArn: "arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC",
            }),
    },
    {
        what: "a malformed OIDC provider ARN",
        key: "langsmith:aws.oidcProviderArn",
        mutate: (c) => (obj(c, "aws").oidcProviderArn = "oidc.eks.amazonaws.com"),
    },
    { what: "a malformed VPC id", key: "langsmith:aws.vpcId", mutate: (c) => (obj(c, "aws").vpcId = "vpc_123") },
    {
        what: "a single subnet",
        key: "langsmith:aws.subnetIds",
        mutate: (c) => (obj(c, "aws").subnetIds = ["subnet-0abc"]),
    },
    {
        what: "subnets as text, not a list",
        key: "langsmith:aws.subnetIds",
        mutate: (c) => (obj(c, "aws").subnetIds = "subnet-0abc,subnet-0def"),
    },
    {
        what: "a CIDR where a security group belongs",
        key: "langsmith:aws.allowedSecurityGroupIds.0",
        mutate: (c) => (obj(c, "aws").allowedSecurityGroupIds = ["0.0.0.0/0"]),
    },
    {
        what: "an unknown key in the aws block",
        key: "langsmith:aws.vpc",
        mutate: (c) => (obj(c, "aws").vpc = "vpc-0abc"),
    },
    { what: "another cloud's block on an aws stack", key: "langsmith:gcp", mutate: (c) => (c.gcp = { project: "p" }) },
    // PostgreSQL
    { what: "PostgreSQL 13", key: "langsmith:postgres.version", mutate: (c) => (obj(c, "postgres").version = 13) },
    { what: "PostgreSQL 19", key: "langsmith:postgres.version", mutate: (c) => (obj(c, "postgres").version = 19) },
    {
        what: "a version as a word",
        key: "langsmith:postgres.version",
        mutate: (c) => (obj(c, "postgres").version = "sixteen"),
    },
    { what: "a minor version", key: "langsmith:postgres.version", mutate: (c) => (obj(c, "postgres").version = 16.4) },
    { what: "zero storage", key: "langsmith:postgres.storageGb", mutate: (c) => (obj(c, "postgres").storageGb = 0) },
    {
        what: "negative storage",
        key: "langsmith:postgres.storageGb",
        mutate: (c) => (obj(c, "postgres").storageGb = -20),
    },
    {
        what: "an autoscaling limit below the storage",
        key: "langsmith:postgres.maxStorageGb",
        mutate: (c) => Object.assign(obj(c, "postgres"), { storageGb: 100, maxStorageGb: 50 }),
    },
    {
        what: "no backups",
        key: "langsmith:postgres.backupRetentionDays",
        mutate: (c) => (obj(c, "postgres").backupRetentionDays = 0),
    },
    {
        what: "3 days of backups in production",
        key: "langsmith:postgres.backupRetentionDays",
        mutate: (c) => Object.assign(c, { production: true }) && (obj(c, "postgres").backupRetentionDays = 3),
    },
    {
        what: "an unknown Redis mode",
        key: "langsmith:redis.mode",
        mutate: (c) => (obj(c, "redis").mode = "external"),
    },
    {
        what: "the in-cluster Redis on a production AWS stack",
        key: "langsmith:redis.mode",
        mutate: (c) => Object.assign(c, { production: true }) && (obj(c, "redis").mode = "inCluster"),
    },
    {
        what: "the in-cluster Redis on a production GCP stack",
        base: "gcp",
        key: "langsmith:redis.mode",
        mutate: (c) => Object.assign(c, { production: true }) && (obj(c, "redis").mode = "inCluster"),
    },
    {
        what: "an ElastiCache node type on GCP",
        base: "gcp",
        key: "langsmith:redis.nodeType",
        mutate: (c) => (obj(c, "redis").nodeType = "cache.t4g.small"),
    },
    {
        what: "a Memorystore node type in lower case",
        base: "gcp",
        key: "langsmith:redis.nodeType",
        mutate: (c) => (obj(c, "redis").nodeType = "standard-small"),
    },
    {
        what: "an ElastiCache user id on GCP (Memorystore's IAM user is default)",
        base: "gcp",
        key: "langsmith:redis.userId",
        mutate: (c) => (obj(c, "redis").userId = "langsmith-prod"),
    },
    {
        what: "a PSC subnetwork without creating the service connection policy",
        base: "gcp",
        key: "langsmith:gcp.pscSubnetwork",
        mutate: (c) => (obj(c, "gcp").pscSubnetwork = "memorystore-psc"),
    },
    {
        what: "a PSC subnetwork in another region than the stack's",
        base: "gcp",
        key: "langsmith:gcp.pscSubnetwork",
        mutate: (c) =>
            Object.assign(obj(c, "gcp"), {
                createServiceConnectionPolicy: true,
                pscSubnetwork: "projects/acme-langsmith-dev/regions/europe-west4/subnetworks/psc",
            }),
    },
    {
        what: "a PSC subnetwork given as a URL",
        base: "gcp",
        key: "langsmith:gcp.pscSubnetwork",
        mutate: (c) =>
            Object.assign(obj(c, "gcp"), {
                createServiceConnectionPolicy: true,
                pscSubnetwork: "https://www.googleapis.com/compute/v1/projects/p/regions/us-central1/subnetworks/s",
            }),
    },
    {
        what: "creating the service connection policy as a word",
        base: "gcp",
        key: "langsmith:gcp.createServiceConnectionPolicy",
        mutate: (c) => (obj(c, "gcp").createServiceConnectionPolicy = "yes"),
    },
    {
        what: "the in-cluster Redis on a production Azure stack",
        base: "azure",
        key: "langsmith:redis.mode",
        mutate: (c) => Object.assign(c, { production: true }) && (obj(c, "redis").mode = "inCluster"),
    },
    {
        what: "an ElastiCache node type as the Azure Managed Redis SKU",
        base: "azure",
        key: "langsmith:redis.nodeType",
        mutate: (c) => (obj(c, "redis").nodeType = "cache.m7g.large"),
    },
    {
        what: "a retiring Azure Cache for Redis Enterprise SKU",
        base: "azure",
        key: "langsmith:redis.nodeType",
        mutate: (c) => (obj(c, "redis").nodeType = "Enterprise_E10"),
    },
    {
        what: "an unknown Redis persistence mode",
        base: "azure",
        key: "langsmith:redis.persistence",
        mutate: (c) => (obj(c, "redis").persistence = "snapshots"),
    },
    {
        what: "production Azure Redis without persistence",
        base: "azure",
        key: "langsmith:redis.persistence",
        mutate: (c) => Object.assign(c, { production: true }) && (obj(c, "redis").persistence = "none"),
    },
    {
        what: "production Azure Redis without high availability",
        base: "azure",
        key: "langsmith:redis.highAvailability",
        mutate: (c) => Object.assign(c, { production: true }) && (obj(c, "redis").highAvailability = false),
    },
    {
        what: "an ElastiCache user id on Azure (the user is the identity's object id)",
        base: "azure",
        key: "langsmith:redis.userId",
        mutate: (c) => (obj(c, "redis").userId = "langsmith-prod"),
    },
    {
        what: "Redis snapshot days on Azure",
        base: "azure",
        key: "langsmith:redis.snapshotRetentionDays",
        mutate: (c) => (obj(c, "redis").snapshotRetentionDays = 7),
    },
    {
        what: "a blob zone as the Redis private DNS zone",
        base: "azure",
        key: "langsmith:redis.privateDnsZoneId",
        mutate: (c) =>
            (obj(c, "redis").privateDnsZoneId =
                "/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg/providers/Microsoft.Network/privateDnsZones/privatelink.blob.core.windows.net"),
    },
    {
        what: "a VNet id as the Redis private endpoint subnet",
        base: "azure",
        key: "langsmith:redis.privateEndpointSubnetId",
        mutate: (c) =>
            (obj(c, "redis").privateEndpointSubnetId =
                "/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet"),
    },
    {
        what: "Azure Redis persistence on AWS",
        key: "langsmith:redis.persistence",
        mutate: (c) => (obj(c, "redis").persistence = "aof"),
    },
    {
        what: "Azure Redis persistence with the in-cluster Redis",
        base: "azure",
        key: "langsmith:redis.persistence",
        mutate: (c) => Object.assign(obj(c, "redis"), { mode: "inCluster", persistence: "aof" }),
    },
    {
        what: "a Redis node type with the in-cluster Redis",
        key: "langsmith:redis.nodeType",
        mutate: (c) => Object.assign(obj(c, "redis"), { mode: "inCluster", nodeType: "cache.t4g.small" }),
    },
    {
        what: "an RDS instance class as the Redis node type",
        key: "langsmith:redis.nodeType",
        mutate: (c) => (obj(c, "redis").nodeType = "db.m7g.large"),
    },
    {
        what: "production Redis in one zone",
        key: "langsmith:redis.highAvailability",
        mutate: (c) => Object.assign(c, { production: true }) && (obj(c, "redis").highAvailability = false),
    },
    {
        what: "3 days of Redis snapshots in production",
        key: "langsmith:redis.snapshotRetentionDays",
        mutate: (c) => Object.assign(c, { production: true }) && (obj(c, "redis").snapshotRetentionDays = 3),
    },
    {
        what: "36 days of Redis snapshots",
        key: "langsmith:redis.snapshotRetentionDays",
        mutate: (c) => (obj(c, "redis").snapshotRetentionDays = 36),
    },
    {
        what: "an ElastiCache user id with an underscore",
        key: "langsmith:redis.userId",
        mutate: (c) => (obj(c, "redis").userId = "langsmith_prod"),
    },
    {
        what: "the account's built-in default user as the Redis user",
        key: "langsmith:redis.userId",
        mutate: (c) => (obj(c, "redis").userId = "default"),
    },
    {
        what: "fleet turned on in helmValues instead of langsmith:chart.fleet (its pods would lack the identity)",
        key: "langsmith:helmValues.fleet.enabled",
        mutate: (c) => (c.helmValues = { fleet: { enabled: true } }),
    },
    {
        what: "another service account for the backend in helmValues (its pods would run without the identity)",
        key: "langsmith:helmValues.backend.serviceAccount",
        mutate: (c) => (c.helmValues = { backend: { serviceAccount: { create: true, name: "mine" } } }),
    },
    {
        what: "the LLM gateway turned on with its own service account",
        key: "langsmith:helmValues.agentGateway.serviceAccount",
        mutate: (c) => (c.helmValues = { agentGateway: { enabled: true, serviceAccount: { name: "gw" } } }),
    },
    {
        what: "Azure Workload Identity's pod label turned off on the queue",
        base: "azure",
        key: "langsmith:helmValues.queue.deployment.labels.azure.workload.identity/use",
        mutate: (c) =>
            (c.helmValues = { queue: { deployment: { labels: { "azure.workload.identity/use": "false" } } } }),
    },
    {
        // Its pods read a Postgres metastore and an object store under an account without the identity
        // (rendered with the real chart, both lines: npm run chart:render).
        what: "SmithDB turned on in helmValues",
        key: "langsmith:helmValues.smithdb.enabled",
        mutate: (c) => (c.helmValues = { smithdb: { enabled: true } }),
    },
    {
        what: "redis.external in helmValues with managed Redis",
        key: "langsmith:helmValues.redis.external",
        mutate: (c) => (c.helmValues = { redis: { external: { enabled: true, connectionUrl: "redis://x" } } }),
    },
    {
        what: "IAM without TLS (disable)",
        key: "langsmith:postgres.sslMode",
        mutate: (c) => (obj(c, "postgres").sslMode = "disable"),
    },
    {
        what: "IAM with optional TLS (prefer)",
        key: "langsmith:postgres.sslMode",
        mutate: (c) => (obj(c, "postgres").sslMode = "prefer"),
    },
    {
        what: "an sslmode typo",
        key: "langsmith:postgres.sslMode",
        mutate: (c) => (obj(c, "postgres").sslMode = "required"),
    },
    {
        what: "verify-ca (libpq 16+ refuses it with sslrootcert=system)",
        key: "langsmith:postgres.sslMode",
        mutate: (c) =>
            Object.assign(obj(c, "postgres"), {
                sslMode: "verify-ca",
                caCertificate: { secretName: "pg-ca", secretKey: "ca.crt" },
            }),
    },
    {
        what: "a private DNS zone to reuse without verify-full (nothing would use it)",
        base: "gcp",
        key: "langsmith:gcp.privateDnsZone",
        mutate: (c) => (obj(c, "gcp").privateDnsZone = "sql-europe-west4"),
    },
    {
        what: "a private DNS project without verify-full (nothing would use it)",
        base: "gcp",
        key: "langsmith:gcp.privateDnsProject",
        mutate: (c) => (obj(c, "gcp").privateDnsProject = "acme-network-host"),
    },
    {
        what: "a private DNS zone name Cloud DNS refuses",
        base: "gcp",
        key: "langsmith:gcp.privateDnsZone",
        mutate: (c) =>
            Object.assign(obj(c, "gcp"), { privateDnsZone: "Sql_Zone" }) &&
            (obj(c, "postgres").sslMode = "verify-full"),
    },
    {
        what: "a private DNS project that is not a project id",
        base: "gcp",
        key: "langsmith:gcp.privateDnsProject",
        mutate: (c) =>
            Object.assign(obj(c, "gcp"), { privateDnsProject: "Network Host" }) &&
            (obj(c, "postgres").sslMode = "verify-full"),
    },
    {
        what: "mTLS without verifying the server",
        key: "langsmith:postgres.clientCertificate",
        mutate: (c) => (obj(c, "postgres").clientCertificate = { secretName: "pg-client" }),
    },
    {
        what: "SQL injection in the IAM user",
        key: "langsmith:postgres.iamUser",
        mutate: (c) => (obj(c, "postgres").iamUser = "app'; DROP ROLE admin; --"),
    },
    {
        what: "a space in the IAM user",
        key: "langsmith:postgres.iamUser",
        mutate: (c) => (obj(c, "postgres").iamUser = "lang smith"),
    },
    {
        what: "a double quote in the IAM user",
        key: "langsmith:postgres.iamUser",
        mutate: (c) => (obj(c, "postgres").iamUser = 'lang"smith'),
    },
    {
        what: "an IAM user longer than 63 bytes",
        key: "langsmith:postgres.iamUser",
        mutate: (c) => (obj(c, "postgres").iamUser = "u".repeat(64)),
    },
    {
        what: "the IAM user is the admin",
        key: "langsmith:postgres.iamUser",
        mutate: (c) => Object.assign(obj(c, "postgres"), { iamUser: "langsmith_admin" }),
    },
    {
        what: "a quote in the database name",
        key: "langsmith:postgres.database",
        mutate: (c) => (obj(c, "postgres").database = "lang'smith"),
    },
    {
        what: "a semicolon in the schema",
        key: "langsmith:postgres.schema",
        mutate: (c) => (obj(c, "postgres").schema = "app;drop"),
    },
    {
        what: "the previous IAM user is the current one",
        key: "langsmith:postgres.previousIamUser",
        mutate: (c) => (obj(c, "postgres").previousIamUser = "langsmith"),
    },
    {
        what: "drop the previous user without naming it",
        key: "langsmith:postgres.dropPreviousIamUser",
        mutate: (c) => (obj(c, "postgres").dropPreviousIamUser = true),
    },
    {
        what: "high availability as a word",
        key: "langsmith:postgres.highAvailability",
        mutate: (c) => (obj(c, "postgres").highAvailability = "yes"),
    },
    {
        what: "a typo in a postgres key",
        key: "langsmith:postgres.verison",
        mutate: (c) => (obj(c, "postgres").verison = 16),
    },
    // Kubernetes
    {
        what: "an upper-case namespace",
        key: "langsmith:kubernetes.namespace",
        mutate: (c) => (obj(c, "kubernetes").namespace = "LangSmith"),
    },
    {
        what: "a namespace starting with '-'",
        key: "langsmith:kubernetes.namespace",
        mutate: (c) => (obj(c, "kubernetes").namespace = "-langsmith"),
    },
    {
        what: "a 64-character namespace",
        key: "langsmith:kubernetes.namespace",
        mutate: (c) => (obj(c, "kubernetes").namespace = "a".repeat(64)),
    },
    {
        what: "the bootstrap sharing LangSmith's namespace",
        key: "langsmith:kubernetes.bootstrapNamespace",
        mutate: (c) => Object.assign(obj(c, "kubernetes"), { namespace: "langsmith", bootstrapNamespace: "langsmith" }),
    },
    {
        what: "a context without a kubeconfig",
        key: "langsmith:kubernetes.context",
        mutate: (c) => (obj(c, "kubernetes").context = "prod"),
    },
    // Chart
    {
        what: "a chart older than IAM support",
        key: "langsmith:chart.version",
        mutate: (c) => (obj(c, "chart").version = "0.12.33"),
    },
    {
        what: "a chart line whose workload list was not checked (older)",
        key: "langsmith:chart.version",
        mutate: (c) => (obj(c, "chart").version = "0.15.9"),
    },
    {
        what: "a chart line whose workload list was not checked (newer)",
        key: "langsmith:chart.version",
        mutate: (c) => (obj(c, "chart").version = "0.18.0"),
    },
    {
        what: "a rollback switch that is not a boolean",
        key: "langsmith:chart.rollbackOnFailure",
        mutate: (c) => (obj(c, "chart").rollbackOnFailure = "yes"),
    },
    // Maintenance
    {
        what: "a maintenance day spelled out",
        key: "langsmith:postgres.maintenanceWindow.day",
        mutate: (c) => (obj(c, "postgres").maintenanceWindow = { day: "sunday" }),
    },
    {
        what: "a maintenance hour past 23",
        key: "langsmith:postgres.maintenanceWindow.hour",
        mutate: (c) => (obj(c, "postgres").maintenanceWindow = { hour: 24 }),
    },
    {
        what: "a backup hour that is the maintenance hour",
        key: "langsmith:postgres.backupHour",
        mutate: (c) => {
            obj(c, "postgres").maintenanceWindow = { day: "sun", hour: 3 };
            obj(c, "postgres").backupHour = 3;
        },
    },
    {
        what: "a backup hour that is not an hour",
        key: "langsmith:postgres.backupHour",
        mutate: (c) => (obj(c, "postgres").backupHour = 2.5),
    },
    {
        what: "apply now given as text",
        key: "langsmith:postgres.applyNow",
        mutate: (c) => (obj(c, "postgres").applyNow = "now"),
    },
    {
        what: "a chart version that is not a version",
        key: "langsmith:chart.version",
        mutate: (c) => (obj(c, "chart").version = "latest"),
    },
    {
        what: "an invalid release name",
        key: "langsmith:chart.releaseName",
        mutate: (c) => (obj(c, "chart").releaseName = "LangSmith_Prod"),
    },
    {
        what: "basic auth without an admin email",
        key: "langsmith:chart.initialOrgAdminEmail",
        mutate: (c) => delete obj(c, "chart").initialOrgAdminEmail,
    },
    {
        what: "an admin email that is not one",
        key: "langsmith:chart.initialOrgAdminEmail",
        mutate: (c) => (obj(c, "chart").initialOrgAdminEmail = "not-an-email"),
    },
    {
        what: "an unknown auth type",
        key: "langsmith:chart.authType",
        mutate: (c) => (obj(c, "chart").authType = "saml"),
    },
    {
        what: "basic auth with authType oauth",
        key: "langsmith:chart.authType",
        mutate: (c) => (obj(c, "chart").authType = "oauth"),
    },
    // agent features
    {
        what: "Fleet without LangSmith Deployments (its trigger server calls the host backend)",
        key: "langsmith:chart.fleet",
        mutate: (c) => (obj(c, "chart").fleet = true),
    },
    { what: "fleet as a word", key: "langsmith:chart.fleet", mutate: (c) => (obj(c, "chart").fleet = "yes") },
    { what: "insights as text", key: "langsmith:chart.insights", mutate: (c) => (obj(c, "chart").insights = "true") },
    {
        what: "Insights turned on in helmValues instead of langsmith:chart.insights",
        key: "langsmith:helmValues.insights.enabled",
        mutate: (c) => (c.helmValues = { insights: { enabled: true } }),
    },
    {
        what: "an agent's Postgres wired in helmValues (the program gives each agent its own database)",
        key: "langsmith:helmValues.engineInsightsAgent.postgres.external",
        mutate: (c) => (c.helmValues = { engineInsightsAgent: { postgres: { external: { enabled: false } } } }),
    },
    {
        what: "an agent's Redis wired in helmValues",
        key: "langsmith:helmValues.fleet.redis.external",
        mutate: (c) => (c.helmValues = { fleet: { redis: { external: { enabled: false } } } }),
    },
    {
        what: "Engine on in helmValues while Insights (its shared deployment) is off",
        key: "langsmith:helmValues.engine.enabled",
        mutate: (c) => {
            obj(c, "chart").insights = false;
            c.helmValues = { engine: { enabled: true } };
        },
    },
    {
        what: "a main database name too long for the agents' databases (<database>_insights over 63 bytes)",
        key: "langsmith:postgres.database",
        mutate: (c) => (obj(c, "postgres").database = "d".repeat(60)),
    },
    {
        what: "LangSmith Deployments without a host name",
        key: "langsmith:chart.hostname",
        mutate: (c) => (obj(c, "chart").deployments = true),
    },
    {
        what: "a URL where a host name belongs",
        key: "langsmith:chart.hostname",
        mutate: (c) => (obj(c, "chart").hostname = "https://langsmith.example.com"),
    },
    {
        what: "a repository that is not a URL",
        key: "langsmith:chart.repository",
        mutate: (c) => (obj(c, "chart").repository = "langchain helm"),
    },
    // GCP
    { what: "no gcp block on a gcp stack", base: "gcp", key: "langsmith:gcp", mutate: (c) => delete c.gcp },
    { what: "no GCP project", base: "gcp", key: "langsmith:gcp.project", mutate: (c) => delete obj(c, "gcp").project },
    {
        what: "a project name where the id belongs",
        base: "gcp",
        key: "langsmith:gcp.project",
        mutate: (c) => (obj(c, "gcp").project = "My Project"),
    },
    {
        what: "a malformed GCP region",
        base: "gcp",
        key: "langsmith:gcp.region",
        mutate: (c) => (obj(c, "gcp").region = "central"),
    },
    {
        what: "no GKE cluster name",
        base: "gcp",
        key: "langsmith:gcp.clusterName",
        mutate: (c) => delete obj(c, "gcp").clusterName,
    },
    {
        what: "an unknown Cloud SQL edition",
        base: "gcp",
        key: "langsmith:gcp.edition",
        mutate: (c) => (obj(c, "gcp").edition = "PLATINUM"),
    },
    {
        what: "an IAM user name on GCP (Cloud SQL derives it)",
        base: "gcp",
        key: "langsmith:postgres.iamUser",
        mutate: (c) => (obj(c, "postgres").iamUser = "langsmith"),
    },
    {
        what: "a tier of the wrong Cloud SQL edition",
        base: "gcp",
        key: "langsmith:postgres.instanceClass",
        mutate: (c) =>
            Object.assign(obj(c, "gcp"), { edition: "ENTERPRISE_PLUS" }) &&
            (obj(c, "postgres").instanceClass = "db-custom-2-8192"),
    },
    // Azure
    {
        what: "a 30-character service account id in a 30-character project (Cloud SQL user over 63 bytes)",
        base: "gcp",
        key: "langsmith:gcp.serviceAccountId",
        mutate: (c) =>
            Object.assign(obj(c, "gcp"), {
                project: "acme-langsmith-production-eu1x",
                serviceAccountId: "langsmith-workloads-production",
            }),
    },
    // derived names over their limits
    {
        what: "a 53-character release name on Azure (service account names over 63)",
        base: "azure",
        key: "langsmith:chart.releaseName",
        mutate: (c) => (obj(c, "chart").releaseName = "r".repeat(53)),
    },
    {
        what: "a release name that fits until insights adds its longer service account names",
        key: "langsmith:chart.releaseName",
        mutate: (c) => Object.assign(obj(c, "chart"), { releaseName: `langsmith-${"x".repeat(30)}`, insights: true }),
    },
    {
        what: "a fullnameOverride too long for the chart's service account names",
        key: "langsmith:helmValues.fullnameOverride",
        mutate: (c) => (c.helmValues = { fullnameOverride: "f".repeat(50) }),
    },
    {
        what: "a 63-character namespace and a 40-character release name on Azure (federated credential names over 120)",
        base: "azure",
        key: "langsmith:kubernetes.namespace",
        mutate: (c) =>
            (obj(c, "kubernetes").namespace = "n".repeat(63)) &&
            // Agents off: their longer service account names would break the release name first.
            Object.assign(obj(c, "chart"), {
                releaseName: `langsmith-${"x".repeat(30)}`,
                insights: false,
                polly: false,
            }),
    },
    { what: "no azure block on an azure stack", base: "azure", key: "langsmith:azure", mutate: (c) => delete c.azure },
    {
        what: "no Azure location",
        base: "azure",
        key: "langsmith:azure.location",
        mutate: (c) => delete obj(c, "azure").location,
    },
    {
        what: "no resource group",
        base: "azure",
        key: "langsmith:azure.resourceGroupName",
        mutate: (c) => delete obj(c, "azure").resourceGroupName,
    },
    {
        what: "a delegated subnet without its private DNS zone",
        base: "azure",
        key: "langsmith:azure.privateDnsZoneId",
        mutate: (c) => {
            delete obj(c, "azure").createNetwork;
            obj(c, "azure").delegatedSubnetId =
                "/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/vnet/subnets/pg";
        },
    },
    {
        what: "SQL in an extension name",
        base: "azure",
        key: "langsmith:azure.extraExtensions.0",
        mutate: (c) => (obj(c, "azure").extraExtensions = ["pg;drop"]),
    },
    {
        what: "an unknown Flexible Server tier",
        base: "azure",
        key: "langsmith:azure.skuTier",
        mutate: (c) => (obj(c, "azure").skuTier = "Premium"),
    },
    {
        what: "availability zone 4",
        base: "azure",
        key: "langsmith:azure.availabilityZone",
        mutate: (c) => (obj(c, "azure").availabilityZone = "4"),
    },
    {
        what: "a delegated subnet range wider than /16",
        base: "azure",
        key: "langsmith:azure.createNetwork.subnetAddressPrefix",
        mutate: (c) => (obj(obj(c, "azure"), "createNetwork").subnetAddressPrefix = "10.0.0.0/8"),
    },
    // Blob storage
    {
        what: "a bucket name with capitals (S3 refuses it)",
        key: "langsmith:blobStorage.bucketName",
        mutate: (c) => (c.blobStorage = { bucketName: "LangSmith-Traces" }),
    },
    {
        what: "a dotted bucket name (breaks virtual-hosted-style HTTPS)",
        key: "langsmith:blobStorage.bucketName",
        mutate: (c) => (c.blobStorage = { bucketName: "traces.example.com" }),
    },
    {
        what: "an S3 bucket name with a reserved suffix",
        key: "langsmith:blobStorage.bucketName",
        mutate: (c) => (c.blobStorage = { bucketName: "langsmith-s3alias" }),
    },
    {
        what: "a two-character bucket name",
        key: "langsmith:blobStorage.bucketName",
        mutate: (c) => (c.blobStorage = { bucketName: "ls" }),
    },
    {
        what: "a GCS bucket name containing google",
        base: "gcp",
        key: "langsmith:blobStorage.bucketName",
        mutate: (c) => (c.blobStorage = { bucketName: "acme-google-traces" }),
    },
    {
        what: "a GCS bucket name starting with goog",
        base: "gcp",
        key: "langsmith:blobStorage.bucketName",
        mutate: (c) => (c.blobStorage = { bucketName: "goog-traces" }),
    },
    {
        what: "a storage account name with a hyphen",
        base: "azure",
        key: "langsmith:blobStorage.storageAccountName",
        mutate: (c) => (c.blobStorage = { storageAccountName: "langsmith-prod" }),
    },
    {
        what: "a storage account name of 25 characters",
        base: "azure",
        key: "langsmith:blobStorage.storageAccountName",
        mutate: (c) => (c.blobStorage = { storageAccountName: "a".repeat(25) }),
    },
    {
        what: "a container name with a double hyphen",
        base: "azure",
        key: "langsmith:blobStorage.containerName",
        mutate: (c) => (c.blobStorage = { containerName: "lang--smith" }),
    },
    {
        what: "a bucket name on Azure",
        base: "azure",
        key: "langsmith:blobStorage.bucketName",
        mutate: (c) => (c.blobStorage = { bucketName: "traces" }),
    },
    {
        what: "a storage account name on AWS",
        key: "langsmith:blobStorage.storageAccountName",
        mutate: (c) => (c.blobStorage = { storageAccountName: "lstraces" }),
    },
    {
        what: "an S3 VPC endpoint on GCP",
        base: "gcp",
        key: "langsmith:blobStorage.s3VpcEndpointId",
        mutate: (c) => (c.blobStorage = { s3VpcEndpointId: "vpce-0abc" }),
    },
    {
        what: "a malformed S3 VPC endpoint id",
        key: "langsmith:blobStorage.s3VpcEndpointId",
        mutate: (c) => (c.blobStorage = { s3VpcEndpointId: "endpoint-1" }),
    },
    {
        what: "an existing S3 endpoint and a new one",
        key: "langsmith:blobStorage.createS3GatewayEndpoint",
        mutate: (c) => (c.blobStorage = { s3VpcEndpointId: "vpce-0abc", createS3GatewayEndpoint: true }),
    },
    {
        what: "short retention longer than long retention",
        key: "langsmith:blobStorage.shortTtlDays",
        mutate: (c) => (c.blobStorage = { shortTtlDays: 500 }),
    },
    {
        what: "zero days of retention",
        key: "langsmith:blobStorage.longTtlDays",
        mutate: (c) => (c.blobStorage = { longTtlDays: 0 }),
    },
    {
        what: "a workspace retention listed twice",
        key: "langsmith:blobStorage.extraTtlDays",
        mutate: (c) => (c.blobStorage = { extraTtlDays: [30, 30] }),
    },
    {
        what: "a private DNS zone for files instead of blobs",
        base: "azure",
        key: "langsmith:blobStorage.privateDnsZoneId",
        mutate: (c) =>
            (c.blobStorage = {
                privateDnsZoneId:
                    "/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/net/providers/Microsoft.Network/privateDnsZones/privatelink.file.core.windows.net",
            }),
    },
    {
        what: "a chart without native GCS while blob storage is on (GCP)",
        base: "gcp",
        key: "langsmith:chart.version",
        mutate: (c) => (obj(c, "chart").version = "0.13.5"),
    },
    {
        what: "a blob storage access key in helmValues",
        key: "langsmith:helmValues.config.blobStorage.accessKey",
        mutate: (c) => (c.helmValues = { config: { blobStorage: { accessKey: "AKIA0000" } } }),
    },
    {
        what: "an Azure storage connection string in helmValues",
        base: "azure",
        key: "langsmith:helmValues.config.blobStorage.azureStorageConnectionString",
        mutate: (c) =>
            (c.helmValues = {
                config: { blobStorage: { azureStorageConnectionString: "DefaultEndpointsProtocol=https" } },
            }),
    },
    // Names
    {
        what: "names.legacy as text",
        key: "langsmith:names.legacy",
        mutate: (c) => (c.names = { legacy: "yes" }),
    },
    {
        what: "an unknown key in names",
        key: "langsmith:names.prefix",
        mutate: (c) => (c.names = { prefix: "team" }),
    },
    // Exposure
    {
        what: "a frontend Service type that is not ClusterIP or LoadBalancer",
        key: "langsmith:chart.frontend.serviceType",
        mutate: (c) => (obj(c, "chart").frontend = { serviceType: "NodePort" }),
    },
    {
        what: "a load balancer scheme that does not exist",
        key: "langsmith:chart.frontend.loadBalancerScheme",
        mutate: (c) => (obj(c, "chart").frontend = { serviceType: "LoadBalancer", loadBalancerScheme: "public" }),
    },
    {
        what: "an ingress certificate Secret without a host name",
        key: "langsmith:chart.ingress.tlsSecretName",
        mutate: (c) => (obj(c, "chart").ingress = { tlsSecretName: "langsmith-tls" }),
    },
    {
        what: "an ACM certificate that is not an ARN",
        key: "langsmith:chart.ingress.awsCertificateArn",
        mutate: (c) =>
            Object.assign(obj(c, "chart"), { hostname: "ls.example.com", ingress: { awsCertificateArn: "my-cert" } }),
    },
    {
        what: "an AWS certificate on a GCP stack",
        base: "gcp",
        key: "langsmith:chart.ingress.awsCertificateArn",
        mutate: (c) =>
            Object.assign(obj(c, "chart"), {
                hostname: "ls.example.com",
                ingress: {
                    awsCertificateArn:
                        "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-aaaa-bbbb-cccc-0123456789ab",
                },
            }),
    },
    // Helm values
    {
        what: "an inline database password in helmValues",
        key: "langsmith:helmValues.postgres.external",
        mutate: (c) => (c.helmValues = { postgres: { external: { password: "hunter2" } } }),
    },
    {
        what: "an inline license key in helmValues",
        key: "langsmith:helmValues.config.langsmithLicenseKey",
        mutate: (c) => (c.helmValues = { config: { langsmithLicenseKey: "lk" } }),
    },
    {
        what: "a Redis URL with a password in helmValues",
        key: "langsmith:helmValues.redis.external.connectionUrl",
        mutate: (c) =>
            (c.helmValues = { redis: { external: { enabled: true, connectionUrl: "rediss://:s3cret@redis:6380" } } }),
    },
    {
        what: "an inline Redis cluster password in helmValues",
        key: "langsmith:helmValues.redis.external.cluster.password",
        mutate: (c) => (c.helmValues = { redis: { external: { cluster: { enabled: true, password: "s3cret" } } } }),
    },
    {
        what: "an inline ClickHouse password in helmValues",
        key: "langsmith:helmValues.clickhouse.external.password",
        mutate: (c) => (c.helmValues = { clickhouse: { external: { enabled: true, password: "s3cret" } } }),
    },
    {
        what: "S3 access keys in helmValues",
        key: "langsmith:helmValues.config.blobStorage.accessKey",
        mutate: (c) => (c.helmValues = { config: { blobStorage: { enabled: true, accessKey: "AKIAEXAMPLE" } } }),
    },
    {
        what: "an Azure Storage connection string with its key in helmValues",
        base: "azure",
        key: "langsmith:helmValues.config.blobStorage.azureStorageConnectionString",
        mutate: (c) =>
            (c.helmValues = {
                config: {
                    blobStorage: {
                        azureStorageConnectionString: "DefaultEndpointsProtocol=https;AccountName=a;AccountKey=k==",
                    },
                },
            }),
    },
    // ClickHouse
    {
        what: "a production stack that does not choose its ClickHouse",
        key: "langsmith:clickhouse.mode",
        mutate: (c) => Object.assign(c, { production: true }),
    },
    {
        what: "an unknown ClickHouse mode",
        key: "langsmith:clickhouse.mode",
        mutate: (c) => (obj(c, "clickhouse").mode = "cloud"),
    },
    {
        what: "LangSmith-managed ClickHouse without blob storage",
        key: "langsmith:clickhouse.mode",
        mutate: (c) =>
            Object.assign(c, {
                blobStorage: { enabled: false },
                clickhousePassword: "p",
                clickhouse: {
                    mode: "langsmithManaged",
                    host: "abc123.us-east-1.aws.clickhouse.cloud",
                    privateConnection: { serviceName: "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0" },
                },
            }),
    },
    {
        what: "LangSmith-managed ClickHouse without the service name of its private connection",
        key: "langsmith:clickhouse.privateConnection.serviceName",
        mutate: (c) =>
            Object.assign(c, {
                clickhousePassword: "p",
                clickhouse: { mode: "langsmithManaged", host: "abc123.us-east-1.aws.clickhouse.cloud" },
            }),
    },
    {
        what: "LangSmith-managed ClickHouse on GCP with a service attachment in another region",
        base: "gcp",
        key: "langsmith:clickhouse.privateConnection.serviceName",
        mutate: (c) =>
            Object.assign(c, {
                clickhousePassword: "p",
                clickhouse: {
                    mode: "langsmithManaged",
                    host: "abc123.europe-west4.gcp.clickhouse.cloud",
                    privateConnection: {
                        serviceName: "projects/langchain-ch/regions/europe-west4/serviceAttachments/clickhouse",
                    },
                },
            }),
    },
    {
        what: "LangSmith-managed ClickHouse on GCP with an AWS service name",
        base: "gcp",
        key: "langsmith:clickhouse.privateConnection.serviceName",
        mutate: (c) =>
            Object.assign(c, {
                clickhousePassword: "p",
                clickhouse: {
                    mode: "langsmithManaged",
                    host: "abc123.us-central1.gcp.clickhouse.cloud",
                    privateConnection: { serviceName: "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0" },
                },
            }),
    },
    {
        what: "a ClickHouse password in the stack file's clickhouse block",
        key: "langsmith:clickhouse.password",
        mutate: (c) => (c.clickhouse = { mode: "external", host: "ch.example.com", password: "hunter2" }),
    },
    {
        what: "a ClickHouse password inline in helmValues",
        key: "langsmith:helmValues.clickhouse.external.password",
        mutate: (c) => (c.helmValues = { clickhouse: { external: { enabled: true, password: "hunter2" } } }),
    },
    {
        what: "external ClickHouse without its password",
        key: "langsmith:clickhousePassword",
        mutate: (c) => (c.clickhouse = { mode: "external", host: "ch.example.com" }),
    },
    {
        what: "a ClickHouse host with a scheme",
        key: "langsmith:clickhouse.host",
        mutate: (c) => (c.clickhouse = { mode: "external", host: "https://ch.example.com" }),
    },
    {
        what: "a ClickHouse port above 65535",
        key: "langsmith:clickhouse.port",
        mutate: (c) => (c.clickhouse = { mode: "external", host: "ch.example.com", port: 84430 }),
    },
    {
        what: "the same ClickHouse port for HTTP and the native protocol",
        key: "langsmith:clickhouse.nativePort",
        mutate: (c) =>
            Object.assign(c, {
                clickhousePassword: "p",
                clickhouse: { mode: "external", host: "ch.example.com", port: 9000, nativePort: 9000 },
            }),
    },
    {
        what: "a host for the in-cluster ClickHouse",
        key: "langsmith:clickhouse.host",
        mutate: (c) => (c.clickhouse = { mode: "inCluster", host: "ch.example.com" }),
    },
];

/**
 * A small world of resources whose inputs keep every rule (written by hand from the shapes the
 * offline preview records), for the table-driven rule tests: each broken case changes one input.
 */
import type { CheckedResource } from "../../tools/offline/rules";

const SUB = "/subscriptions/00000000-1111-2222-3333-444444444444";
const ZONE_NAME = "langsmith.private.postgres.database.azure.com";
const TENANT = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
export const VALID_ADMIN_PASSWORD = "Ab3$cdefgh-ijklmn";
export const VALID_FERNET_KEY = Buffer.alloc(32, 7).toString("base64url") + "=";

function res(
    type: string,
    name: string,
    inputs: Record<string, unknown>,
    outputs: Record<string, unknown> = {},
): CheckedResource {
    return { urn: `urn:pulumi:test::p::${type}::${name}`, type, name, inputs, outputs: { ...inputs, ...outputs } };
}

const awsTags = { "app.kubernetes.io/part-of": "langsmith", environment: "dev" };
const azureTags = { "part-of": "langsmith", environment: "dev" };
const k8sMeta = (name: string | undefined, extra: Record<string, unknown> = {}) => ({
    ...(name ? { name } : {}),
    namespace: "langsmith",
    labels: { "app.kubernetes.io/part-of": "langsmith" },
    annotations: { "example.com/note": "x" },
    ...extra,
});

export function validWorld(): CheckedResource[] {
    return [
        res("pulumi:providers:aws", "aws", { region: "us-east-1", defaultTags: JSON.stringify({ tags: awsTags }) }),
        res(
            "aws:rds/instance:Instance",
            "langsmith-db",
            {
                engine: "postgres",
                engineVersion: "17",
                instanceClass: "db.t4g.large",
                allocatedStorage: 100,
                maxAllocatedStorage: 110,
                storageType: "gp3",
                dbName: "langsmith",
                username: "langsmith_admin",
                password: "Yg91vVciUJjNc2albIWQ",
                backupRetentionPeriod: 7,
                port: 5432,
                finalSnapshotIdentifier: "langsmith-db-final-snapshot",
                skipFinalSnapshot: false,
                parameterGroupName: "langsmith-db-params-21865ce",
                tags: awsTags,
            },
            { identifier: "langsmith-db-d16c4af" },
        ),
        res(
            "aws:rds/parameterGroup:ParameterGroup",
            "langsmith-db-params",
            {
                family: "postgres17",
                parameters: [{ name: "rds.force_ssl", value: "1", applyMethod: "pending-reboot" }],
                tags: awsTags,
            },
            { name: "langsmith-db-params-21865ce" },
        ),
        res(
            "aws:rds/subnetGroup:SubnetGroup",
            "langsmith-db-subnets",
            { description: "LangSmith PostgreSQL", subnetIds: ["subnet-1", "subnet-2"], tags: awsTags },
            { name: "langsmith-db-subnets-2c00076" },
        ),
        res(
            "aws:ec2/securityGroup:SecurityGroup",
            "langsmith-db-sg",
            { description: "LangSmith PostgreSQL: 5432 from the EKS cluster only", vpcId: "vpc-1", tags: awsTags },
            { name: "langsmith-db-sg-1234567" },
        ),
        res(
            "aws:ec2/managedPrefixList:ManagedPrefixList",
            "langsmith-db-sources",
            {
                addressFamily: "IPv4",
                maxEntries: 2,
                entries: [{ cidr: "10.0.0.0/19", description: "subnet-1 (us-east-1a)" }, { cidr: "10.0.32.0/19" }],
                tags: awsTags,
            },
            { name: "langsmith-db-sources-1234567" },
        ),
        res("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "langsmith-db-ingress-0", {
            description: "PostgreSQL from the EKS cluster",
            ipProtocol: "tcp",
            fromPort: 5432,
            toPort: 5432,
            referencedSecurityGroupId: "sg-1",
            securityGroupId: "sg-2",
            tags: awsTags,
        }),
        res(
            "aws:iam/role:Role",
            "langsmith-identity-role",
            {
                description: "LangSmith workloads: passwordless RDS access",
                maxSessionDuration: 3600,
                assumeRolePolicy: JSON.stringify({
                    Version: "2012-10-17",
                    Statement: [
                        {
                            Effect: "Allow",
                            Principal: { Service: "pods.eks.amazonaws.com" },
                            Action: ["sts:AssumeRole", "sts:TagSession"],
                        },
                    ],
                }),
                tags: awsTags,
            },
            { name: "langsmith-identity-role-8eb2f00" },
        ),
        res(
            "aws:iam/rolePolicy:RolePolicy",
            "langsmith-identity-rds-connect",
            {
                role: "langsmith-identity-role-8eb2f00",
                policy: JSON.stringify({
                    Version: "2012-10-17",
                    Statement: [
                        {
                            Effect: "Allow",
                            Action: "rds-db:connect",
                            Resource: "arn:aws:rds-db:us-east-1:123456789012:dbuser:db-ABC/langsmith",
                        },
                    ],
                }),
            },
            { name: "langsmith-identity-rds-connect-1a2b3c4" },
        ),
        res("aws:eks/podIdentityAssociation:PodIdentityAssociation", "langsmith-pod-identity-backend", {
            clusterName: "platform",
            namespace: "langsmith",
            serviceAccount: "langsmith-backend",
            roleArn: "arn:aws:iam::123456789012:role/langsmith-identity-role-8eb2f00",
            tags: awsTags,
        }),

        res(
            "aws:elasticache/subnetGroup:SubnetGroup",
            "langsmith-redis-subnets",
            { description: "LangSmith Redis", subnetIds: ["subnet-1", "subnet-2"], tags: awsTags },
            { name: "langsmith-redis-subnets-1a2b3c4" },
        ),
        res("aws:elasticache/user:User", "langsmith-redis-iam-user", {
            userId: "langsmith-aws-dev",
            userName: "langsmith-aws-dev",
            engine: "redis",
            authenticationMode: { type: "iam" },
            accessString: "on ~* &* +@all",
            tags: awsTags,
        }),
        res("aws:elasticache/user:User", "langsmith-redis-default-user", {
            userId: "langsmith-aws-dev-default",
            userName: "default",
            engine: "redis",
            authenticationMode: { type: "no-password-required" },
            accessString: "off -@all",
            tags: awsTags,
        }),
        res("aws:elasticache/userGroup:UserGroup", "langsmith-redis-users", {
            userGroupId: "langsmith-aws-dev-group",
            engine: "redis",
            userIds: ["langsmith-aws-dev-default", "langsmith-aws-dev"],
            tags: awsTags,
        }),
        res(
            "aws:elasticache/replicationGroup:ReplicationGroup",
            "langsmith-redis",
            {
                description: "LangSmith Redis",
                engine: "valkey",
                engineVersion: "8.0",
                nodeType: "cache.m7g.large",
                numCacheClusters: 2,
                automaticFailoverEnabled: true,
                multiAzEnabled: true,
                transitEncryptionEnabled: true,
                transitEncryptionMode: "required",
                atRestEncryptionEnabled: true,
                userGroupIds: ["langsmith-aws-dev-group"],
                snapshotRetentionLimit: 7,
                tags: awsTags,
            },
            { replicationGroupId: "langsmith-redis-1a2b3c4" },
        ),
        res("aws:s3/bucket:Bucket", "langsmith-blob", {
            bucket: "langsmith-aws-dev-blob-1a2b3c4d",
            forceDestroy: true,
            tags: awsTags,
        }),
        res("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "langsmith-blob-public-access", {
            bucket: "langsmith-aws-dev-blob-1a2b3c4d",
            blockPublicAcls: true,
            blockPublicPolicy: true,
            ignorePublicAcls: true,
            restrictPublicBuckets: true,
        }),
        res(
            "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
            "langsmith-blob-encryption",
            {
                bucket: "langsmith-aws-dev-blob-1a2b3c4d",
                rules: [
                    {
                        applyServerSideEncryptionByDefault: {
                            sseAlgorithm: "aws:kms",
                            kmsMasterKeyId:
                                "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
                        },
                        bucketKeyEnabled: true,
                    },
                ],
            },
        ),
        res("aws:s3/bucketVersioning:BucketVersioning", "langsmith-blob-versioning", {
            bucket: "langsmith-aws-dev-blob-1a2b3c4d",
            versioningConfiguration: { status: "Enabled" },
        }),
        res("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "langsmith-blob-lifecycle", {
            bucket: "langsmith-aws-dev-blob-1a2b3c4d",
            rules: [
                { id: "expire-ttl_s", status: "Enabled", filter: { prefix: "ttl_s/" }, expiration: { days: 14 } },
                { id: "expire-ttl_l", status: "Enabled", filter: { prefix: "ttl_l/" }, expiration: { days: 400 } },
                {
                    id: "abort-incomplete-multipart-uploads",
                    status: "Enabled",
                    filter: {},
                    abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
                    expiration: { expiredObjectDeleteMarker: true },
                },
            ],
        }),
        res("aws:s3/bucketPolicy:BucketPolicy", "langsmith-blob-policy", {
            bucket: "langsmith-aws-dev-blob-1a2b3c4d",
            policy: JSON.stringify({
                Version: "2012-10-17",
                Statement: [
                    {
                        Effect: "Deny",
                        Principal: "*",
                        Action: "s3:*",
                        Resource: ["arn:aws:s3:::langsmith-aws-dev-blob-1a2b3c4d"],
                        Condition: { Bool: { "aws:SecureTransport": "false" } },
                    },
                ],
            }),
        }),
        res("aws:ec2/vpcEndpoint:VpcEndpoint", "langsmith-s3-endpoint", {
            vpcId: "vpc-0abc",
            serviceName: "com.amazonaws.us-east-1.s3",
            vpcEndpointType: "Gateway",
            routeTableIds: ["rtb-0abc"],
            tags: awsTags,
        }),
        res("aws:ec2/vpcEndpoint:VpcEndpoint", "langsmith-clickhouse-endpoint", {
            vpcId: "vpc-0abc",
            serviceName: "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0",
            vpcEndpointType: "Interface",
            privateDnsEnabled: true,
            subnetIds: ["subnet-0a", "subnet-0b"],
            securityGroupIds: ["sg-0abc"],
            tags: awsTags,
        }),

        res("pulumi:providers:gcp", "gcp", {
            project: "acme-langsmith-dev",
            defaultLabels: JSON.stringify({ "part-of": "langsmith", environment: "dev" }),
        }),
        res("gcp:storage/bucket:Bucket", "langsmith-blob", {
            project: "acme-langsmith-dev",
            name: "langsmith-gcp-dev-blob-1a2b3c4d",
            location: "us-central1",
            uniformBucketLevelAccess: true,
            publicAccessPrevention: "enforced",
            softDeletePolicy: { retentionDurationSeconds: 2592000 },
            lifecycleRules: [
                { action: { type: "Delete" }, condition: { age: 14, matchesPrefixes: ["ttl_s/"] } },
                { action: { type: "AbortIncompleteMultipartUpload" }, condition: { age: 7 } },
            ],
            labels: { "part-of": "langsmith" },
        }),
        res("gcp:storage/bucketIAMMember:BucketIAMMember", "langsmith-blob-object-user", {
            bucket: "langsmith-gcp-dev-blob-1a2b3c4d",
            role: "roles/storage.objectUser",
            member: "serviceAccount:langsmith@acme-langsmith-dev.iam.gserviceaccount.com",
        }),
        res(
            "gcp:sql/databaseInstance:DatabaseInstance",
            "langsmith-db",
            {
                project: "acme-langsmith-dev",
                databaseVersion: "POSTGRES_17",
                settings: {
                    edition: "ENTERPRISE",
                    tier: "db-custom-4-16384",
                    availabilityType: "REGIONAL",
                    diskSize: 100,
                    diskType: "PD_SSD",
                    diskAutoresizeLimit: 1000,
                    backupConfiguration: {
                        enabled: true,
                        pointInTimeRecoveryEnabled: true,
                        transactionLogRetentionDays: 7,
                        startTime: "03:00",
                        backupRetentionSettings: { retainedBackups: 14 },
                    },
                    ipConfiguration: {
                        ipv4Enabled: false,
                        privateNetwork: "projects/acme-network-host/global/networks/shared-vpc",
                        sslMode: "ENCRYPTED_ONLY",
                    },
                    databaseFlags: [{ name: "cloudsql.iam_authentication", value: "on" }],
                    maintenanceWindow: { day: 7, hour: 4, updateTrack: "stable" },
                    userLabels: { "part-of": "langsmith" },
                },
            },
            { name: "langsmith-db-d16c4af" },
        ),
        res("gcp:sql/database:Database", "langsmith-db-database", {
            instance: "langsmith-db-d16c4af",
            name: "langsmith",
        }),
        res("gcp:sql/user:User", "langsmith-db-iam-user", {
            instance: "langsmith-db-d16c4af",
            name: "langsmith-dev@acme-langsmith-dev.iam",
            type: "CLOUD_IAM_SERVICE_ACCOUNT",
        }),
        res("gcp:serviceaccount/account:Account", "langsmith-identity-sa", {
            accountId: "langsmith-dev",
            displayName: "LangSmith",
            project: "acme-langsmith-dev",
        }),
        res("gcp:serviceaccount/iAMMember:IAMMember", "langsmith-identity-wi-backend", {
            serviceAccountId:
                "projects/acme-langsmith-dev/serviceAccounts/langsmith-dev@acme-langsmith-dev.iam.gserviceaccount.com",
            role: "roles/iam.workloadIdentityUser",
            member: "serviceAccount:acme-langsmith-dev.svc.id.goog[langsmith/langsmith-backend]",
        }),
        res("gcp:projects/iAMMember:IAMMember", "langsmith-identity-instance-user", {
            project: "acme-langsmith-dev",
            role: "roles/cloudsql.instanceUser",
            member: "serviceAccount:langsmith-dev@acme-langsmith-dev.iam.gserviceaccount.com",
        }),
        res("gcp:projects/iAMMember:IAMMember", "langsmith-redis-connect", {
            project: "acme-langsmith-dev",
            role: "roles/memorystore.dbConnectionUser",
            member: "serviceAccount:langsmith-dev@acme-langsmith-dev.iam.gserviceaccount.com",
            condition: {
                title: "memorystore-connect-one-instance",
                description: "IAM AUTH to one instance",
                expression:
                    "resource.name == 'projects/acme-langsmith-dev/locations/us-central1/instances/langsmith-dev-redis' && resource.type == 'memorystore.googleapis.com/Instance'",
            },
        }),
        res("gcp:networkconnectivity/serviceConnectionPolicy:ServiceConnectionPolicy", "langsmith-redis-psc-policy", {
            name: "langsmith-dev-memorystore",
            project: "acme-langsmith-dev",
            location: "us-central1",
            serviceClass: "gcp-memorystore",
            network: "projects/acme-langsmith-dev/global/networks/vpc",
            pscConfig: { subnetworks: ["projects/acme-langsmith-dev/regions/us-central1/subnetworks/nodes"] },
            labels: { "part-of": "langsmith" },
        }),
        res("gcp:memorystore/instance:Instance", "langsmith-redis", {
            project: "acme-langsmith-dev",
            location: "us-central1",
            instanceId: "langsmith-dev-redis",
            mode: "CLUSTER_DISABLED",
            shardCount: 1,
            replicaCount: 1,
            zoneDistributionConfig: { mode: "MULTI_ZONE" },
            nodeType: "SHARED_CORE_NANO",
            engineVersion: "VALKEY_8_0",
            authorizationMode: "IAM_AUTH",
            transitEncryptionMode: "SERVER_AUTHENTICATION",
            desiredAutoCreatedEndpoints: [
                { network: "projects/acme-langsmith-dev/global/networks/vpc", projectId: "acme-langsmith-dev" },
            ],
            persistenceConfig: { mode: "RDB", rdbConfig: { rdbSnapshotPeriod: "ONE_HOUR" } },
            automatedBackupConfig: { fixedFrequencySchedule: { startTime: { hours: 3 } }, retention: "604800s" },
            labels: { "part-of": "langsmith" },
        }),
        res(
            "gcp:compute/globalAddress:GlobalAddress",
            "langsmith-psa-range",
            {
                purpose: "VPC_PEERING",
                addressType: "INTERNAL",
                prefixLength: 16,
                network: "projects/acme-langsmith-dev/global/networks/vpc",
            },
            { name: "langsmith-psa-range-1a2b3c4" },
        ),
        res("gcp:dns/managedZone:ManagedZone", "langsmith-db-dns-zone", {
            project: "acme-network-host",
            name: "langsmith-gcp-prod-postgres",
            dnsName: "1a2b3c4d5e6f.0123456789abc.europe-west4.sql.goog.",
            description: "Private DNS name of the LangSmith Cloud SQL instance (verify-full)",
            visibility: "private",
            privateVisibilityConfig: {
                networks: [{ networkUrl: "projects/acme-network-host/global/networks/shared-vpc" }],
            },
            labels: { "part-of": "langsmith" },
        }),
        res("gcp:dns/recordSet:RecordSet", "langsmith-db-dns-a", {
            project: "acme-network-host",
            managedZone: "langsmith-gcp-prod-postgres",
            name: "1a2b3c4d5e6f.0123456789abc.europe-west4.sql.goog.",
            type: "A",
            ttl: 300,
            rrdatas: ["10.20.0.3"],
        }),
        res(
            "gcp:compute/address:Address",
            "langsmith-clickhouse-address",
            {
                project: "acme-langsmith-dev",
                region: "us-central1",
                name: "langsmith-gcp-dev-clickhouse",
                addressType: "INTERNAL",
                subnetwork: "projects/acme-langsmith-dev/regions/us-central1/subnetworks/platform-dev-nodes",
            },
            {
                address: "10.128.0.7",
                selfLink:
                    "https://www.googleapis.com/compute/v1/projects/acme-langsmith-dev/regions/us-central1/addresses/langsmith-gcp-dev-clickhouse",
            },
        ),
        res("gcp:compute/forwardingRule:ForwardingRule", "langsmith-clickhouse-endpoint", {
            project: "acme-langsmith-dev",
            region: "us-central1",
            name: "langsmith-gcp-dev-clickhouse",
            target: "projects/langchain-ch-prod/regions/us-central1/serviceAttachments/clickhouse",
            loadBalancingScheme: "",
            network: "projects/acme-langsmith-dev/global/networks/platform-dev-vpc",
            ipAddress: "projects/acme-langsmith-dev/regions/us-central1/addresses/langsmith-gcp-dev-clickhouse",
            noAutomateDnsZone: true,
        }),
        res("gcp:servicenetworking/connection:Connection", "langsmith-psa", {
            network: "projects/acme-langsmith-dev/global/networks/vpc",
            service: "servicenetworking.googleapis.com",
            reservedPeeringRanges: ["langsmith-psa-range-1a2b3c4"],
        }),

        res(
            "azure-native:dbforpostgresql:Server",
            "langsmith-db",
            {
                resourceGroupName: "langsmith-dev",
                location: "eastus",
                version: "17",
                sku: { name: "Standard_D2ds_v5", tier: "GeneralPurpose" },
                storage: { storageSizeGB: 128, autoGrow: "Enabled" },
                backup: { backupRetentionDays: 14, geoRedundantBackup: "Disabled" },
                highAvailability: { mode: "ZoneRedundant", standbyAvailabilityZone: "2" },
                availabilityZone: "1",
                administratorLogin: "langsmith_admin",
                administratorLoginPassword: "Yg91vVciUJjNc2albIWQ",
                authConfig: { activeDirectoryAuth: "Enabled", passwordAuth: "Enabled", tenantId: TENANT },
                network: {
                    delegatedSubnetResourceId: `${SUB}/resourceGroups/platform-dev/providers/Microsoft.Network/virtualNetworks/vnet/subnets/langsmith-postgres`,
                    privateDnsZoneArmResourceId: `${SUB}/resourceGroups/langsmith-dev/providers/Microsoft.Network/privateDnsZones/${ZONE_NAME}`,
                },
                tags: azureTags,
            },
            { name: "langsmith-db8db69e9a" },
        ),
        res("azure-native:dbforpostgresql:Configuration", "langsmith-db-azure-extensions", {
            configurationName: "azure.extensions",
            serverName: "langsmith-db8db69e9a",
            value: "BTREE_GIN,CITEXT",
        }),
        res("azure-native:dbforpostgresql:Database", "langsmith-db-database", {
            databaseName: "langsmith",
            serverName: "langsmith-db8db69e9a",
            charset: "UTF8",
            collation: "en_US.utf8",
        }),
        res("azure-native:dbforpostgresql:AdministratorsMicrosoftEntra", "langsmith-db-entra-admin", {
            objectId: "2d86553e-a973-46ab-aec8-1ab9e21a86c6",
            principalName: "langsmith",
            principalType: "servicePrincipal",
            tenantId: TENANT,
            serverName: "langsmith-db8db69e9a",
        }),
        res("azure-native:managedidentity:UserAssignedIdentity", "langsmith-identity", {
            resourceGroupName: "langsmith-dev",
            resourceName: "langsmith",
            tags: azureTags,
        }),
        res("azure-native:managedidentity:FederatedIdentityCredential", "langsmith-fic-backend", {
            resourceGroupName: "langsmith-dev",
            resourceName: "langsmith",
            federatedIdentityCredentialResourceName: "langsmith-langsmith-backend",
            issuer: "https://eastus.oic.prod-aks.azure.com/tenant/issuer/",
            subject: "system:serviceaccount:langsmith:langsmith-backend",
            audiences: ["api://AzureADTokenExchange"],
        }),
        res("azure-native:managedidentity:FederatedIdentityCredential", "langsmith-fic-queue", {
            resourceGroupName: "langsmith-dev",
            resourceName: "langsmith",
            federatedIdentityCredentialResourceName: "langsmith-langsmith-queue",
            issuer: "https://eastus.oic.prod-aks.azure.com/tenant/issuer/",
            subject: "system:serviceaccount:langsmith:langsmith-queue",
            audiences: ["api://AzureADTokenExchange"],
        }),
        res("azure-native:network:Subnet", "langsmith-db-subnet", {
            subnetName: "langsmith-postgres",
            addressPrefix: "10.224.64.0/28",
            delegations: [{ name: "flexibleServers", serviceName: "Microsoft.DBforPostgreSQL/flexibleServers" }],
        }),
        res("azure-native:privatedns:PrivateZone", "langsmith-db-dns", {
            privateZoneName: ZONE_NAME,
            location: "global",
            tags: azureTags,
        }),
        res(
            "azure-native:privatedns:VirtualNetworkLink",
            "langsmith-db-dns-link",
            {
                privateZoneName: ZONE_NAME,
                location: "global",
                virtualNetwork: {
                    id: `${SUB}/resourceGroups/platform-dev/providers/Microsoft.Network/virtualNetworks/vnet`,
                },
                tags: azureTags,
            },
            { name: "langsmith-db-dns-link1a2b3c4d" },
        ),
        res(
            "azure-native:authorization:ManagementLockByScope",
            "langsmith-db-lock",
            {
                level: "CanNotDelete",
                notes: "remove deliberately",
                scope: `${SUB}/resourceGroups/langsmith-dev/providers/Microsoft.DBforPostgreSQL/flexibleServers/langsmith-db8db69e9a`,
            },
            { name: "langsmith-db-lock1a2b3c4d" },
        ),
        res(
            "azure-native:storage:StorageAccount",
            "langsmith-blob",
            {
                resourceGroupName: "langsmith-dev",
                location: "eastus",
                accountName: "lsazuredev1a2b3c4d",
                kind: "StorageV2",
                sku: { name: "Standard_LRS" },
                allowSharedKeyAccess: false,
                allowBlobPublicAccess: false,
                minimumTlsVersion: "TLS1_2",
                publicNetworkAccess: "Disabled",
                tags: azureTags,
            },
            {
                id: `${SUB}/resourceGroups/langsmith-dev/providers/Microsoft.Storage/storageAccounts/lsazuredev1a2b3c4d`,
            },
        ),
        res("azure-native:storage:BlobServiceProperties", "langsmith-blob-blob-service", {
            resourceGroupName: "langsmith-dev",
            accountName: "lsazuredev1a2b3c4d",
            blobServicesName: "default",
            deleteRetentionPolicy: { enabled: true, days: 30 },
            containerDeleteRetentionPolicy: { enabled: true, days: 30 },
        }),
        res("azure-native:storage:BlobContainer", "langsmith-blob-container", {
            resourceGroupName: "langsmith-dev",
            accountName: "lsazuredev1a2b3c4d",
            containerName: "langsmith",
            publicAccess: "None",
        }),
        res("azure-native:storage:ManagementPolicy", "langsmith-blob-lifecycle", {
            resourceGroupName: "langsmith-dev",
            accountName: "lsazuredev1a2b3c4d",
            managementPolicyName: "default",
            policy: {
                rules: [
                    {
                        name: "expireTtlS",
                        enabled: true,
                        type: "Lifecycle",
                        definition: {
                            filters: { blobTypes: ["blockBlob"], prefixMatch: ["langsmith/ttl_s/"] },
                            actions: { baseBlob: { delete: { daysAfterCreationGreaterThan: 14 } } },
                        },
                    },
                ],
            },
        }),
        res("azure-native:authorization:RoleAssignment", "langsmith-blob-blob-contributor", {
            principalId: "11111111-2222-3333-4444-555555555555",
            principalType: "ServicePrincipal",
            roleDefinitionId: `${SUB}/providers/Microsoft.Authorization/roleDefinitions/ba92f5b4-2d11-453d-a403-e96b0029c9fe`,
            scope: `${SUB}/resourceGroups/langsmith-dev/providers/Microsoft.Storage/storageAccounts/lsazuredev1a2b3c4d/blobServices/default/containers/langsmith`,
        }),
        res("azure-native:network:PrivateEndpoint", "langsmith-blob-endpoint", {
            resourceGroupName: "langsmith-dev",
            location: "eastus",
            subnet: {
                id: `${SUB}/resourceGroups/platform-dev/providers/Microsoft.Network/virtualNetworks/vnet/subnets/aks-nodes`,
            },
            privateLinkServiceConnections: [
                {
                    name: "blob",
                    privateLinkServiceId: `${SUB}/resourceGroups/langsmith-dev/providers/Microsoft.Storage/storageAccounts/lsazuredev1a2b3c4d`,
                    groupIds: ["blob"],
                },
            ],
            tags: azureTags,
        }),
        res("azure-native:network:PrivateDnsZoneGroup", "langsmith-blob-endpoint-dns", {
            resourceGroupName: "langsmith-dev",
            privateEndpointName: "langsmith-blob-endpoint1a2b",
            privateDnsZoneGroupName: "default",
            privateDnsZoneConfigs: [
                {
                    name: "blob",
                    privateDnsZoneId: `${SUB}/resourceGroups/langsmith-dev/providers/Microsoft.Network/privateDnsZones/privatelink.blob.core.windows.net`,
                },
            ],
        }),
        res(
            "azure-native:redisenterprise:RedisEnterprise",
            "langsmith-redis",
            {
                resourceGroupName: "langsmith-dev",
                location: "eastus",
                clusterName: "langsmith-azure-dev-e6de65f0",
                sku: { name: "Balanced_B0" },
                highAvailability: "Disabled",
                minimumTlsVersion: "1.2",
                publicNetworkAccess: "Disabled",
                tags: azureTags,
            },
            {
                id: `${SUB}/resourceGroups/langsmith-dev/providers/Microsoft.Cache/redisEnterprise/langsmith-azure-dev-e6de65f0`,
                hostName: "langsmith-azure-dev-e6de65f0.eastus.redis.azure.net",
            },
        ),
        res("azure-native:redisenterprise:Database", "langsmith-redis-database", {
            resourceGroupName: "langsmith-dev",
            clusterName: "langsmith-azure-dev-e6de65f0",
            databaseName: "default",
            clientProtocol: "Encrypted",
            port: 10000,
            clusteringPolicy: "EnterpriseCluster",
            accessKeysAuthentication: "Disabled",
            persistence: { aofEnabled: true, aofFrequency: "1s", rdbEnabled: false },
        }),
        res("azure-native:redisenterprise:AccessPolicyAssignment", "langsmith-redis-access", {
            resourceGroupName: "langsmith-dev",
            clusterName: "langsmith-azure-dev-e6de65f0",
            databaseName: "default",
            accessPolicyAssignmentName: "workloads",
            accessPolicyName: "default",
            user: { objectId: "11111111-2222-3333-4444-555555555555" },
        }),
        res(
            "azure-native:network:PrivateEndpoint",
            "langsmith-redis-endpoint",
            {
                resourceGroupName: "langsmith-dev",
                location: "eastus",
                subnet: {
                    id: `${SUB}/resourceGroups/platform-dev/providers/Microsoft.Network/virtualNetworks/vnet/subnets/aks-nodes`,
                },
                privateLinkServiceConnections: [
                    {
                        name: "redisEnterprise",
                        privateLinkServiceId: `${SUB}/resourceGroups/langsmith-dev/providers/Microsoft.Cache/redisEnterprise/langsmith-azure-dev-e6de65f0`,
                        groupIds: ["redisEnterprise"],
                    },
                ],
                tags: azureTags,
            },
            { name: "langsmith-redis-endpoint5e6f" },
        ),
        res("azure-native:network:PrivateDnsZoneGroup", "langsmith-redis-endpoint-dns", {
            resourceGroupName: "langsmith-dev",
            privateEndpointName: "langsmith-redis-endpoint5e6f",
            privateDnsZoneGroupName: "default",
            privateDnsZoneConfigs: [
                {
                    name: "redisEnterprise",
                    privateDnsZoneId: `${SUB}/resourceGroups/langsmith-dev/providers/Microsoft.Network/privateDnsZones/privatelink.redis.azure.net`,
                },
            ],
        }),
        res(
            "azure-native:network:PrivateEndpoint",
            "langsmith-clickhouse-endpoint",
            {
                resourceGroupName: "langsmith-dev",
                location: "eastus",
                subnet: {
                    id: `${SUB}/resourceGroups/platform-dev/providers/Microsoft.Network/virtualNetworks/vnet/subnets/aks-nodes`,
                },
                manualPrivateLinkServiceConnections: [
                    {
                        name: "clickhouse",
                        privateLinkServiceId:
                            "clickhouse-eastus.00000000-1111-2222-3333-444444444444.eastus.azure.privatelinkservice",
                        requestMessage: "LangSmith Self-Hosted: ClickHouse connection",
                    },
                ],
                tags: azureTags,
            },
            { name: "langsmith-clickhouse-endpoint9a8b", customDnsConfigs: [{ ipAddresses: ["10.240.0.7"] }] },
        ),
        res("azure-native:privatedns:PrivateZone", "langsmith-clickhouse-dns", {
            resourceGroupName: "langsmith-dev",
            privateZoneName: "abc123xyz.eastus.azure.clickhouse.cloud",
            location: "global",
            tags: azureTags,
        }),
        res("azure-native:privatedns:PrivateRecordSet", "langsmith-clickhouse-a", {
            resourceGroupName: "langsmith-dev",
            privateZoneName: "abc123xyz.eastus.azure.clickhouse.cloud",
            recordType: "A",
            relativeRecordSetName: "@",
            ttl: 300,
            aRecords: [{ ipv4Address: "10.240.0.7" }],
        }),

        res("pulumi:providers:kubernetes", "k8s", {
            kubeconfig: JSON.stringify({
                clusters: [{ name: "c", cluster: {} }],
                users: [{ name: "u", user: {} }],
                contexts: [{ name: "x", context: { cluster: "c", user: "u" } }],
                "current-context": "x",
            }),
        }),
        res("kubernetes:core/v1:Namespace", "langsmith-ns", {
            metadata: { name: "langsmith", labels: { "app.kubernetes.io/part-of": "langsmith" } },
        }),
        res("kubernetes:core/v1:ServiceAccount", "langsmith-sa-backend", {
            metadata: k8sMeta("langsmith-backend", {
                annotations: { "eks.amazonaws.com/role-arn": "arn:aws:iam::123456789012:role/r" },
            }),
        }),
        res(
            "kubernetes:core/v1:Secret",
            "langsmith-config",
            {
                metadata: k8sMeta(undefined),
                type: "Opaque",
                stringData: {
                    langsmith_license_key: "license",
                    api_key_salt: "IlCA9B4BSriCx50zZvd6Dy2bndtGEBEZfQrUBiOBJGxTYGPR",
                    jwt_secret: "WkEe0IQYVLu2FIMD2QoVCrKZnh6Ya5BmWIy3xwM1Fz9GyseCIZs2ClXf8flzxnoI",
                    initial_org_admin_password: VALID_ADMIN_PASSWORD,
                    insights_encryption_key: VALID_FERNET_KEY,
                },
            },
            { metadata: { ...k8sMeta(undefined), name: "langsmith-config-bd6e379" } },
        ),
        res(
            "kubernetes:core/v1:Secret",
            "langsmith-postgres",
            {
                metadata: k8sMeta(undefined),
                type: "Opaque",
                data: { connection_url: Buffer.from("langsmith@db:5432/langsmith?sslmode=require").toString("base64") },
            },
            { metadata: { ...k8sMeta(undefined), name: "langsmith-postgres-d5b7cb4" } },
        ),
        res(
            "kubernetes:core/v1:ConfigMap",
            "langsmith-db-bootstrap-sql",
            { metadata: k8sMeta(undefined), data: { "bootstrap.sql": "SELECT 1;" } },
            { metadata: { ...k8sMeta(undefined), name: "langsmith-db-bootstrap-sql-843d1aa" } },
        ),
        res("kubernetes:storage.k8s.io/v1:StorageClass", "langsmith-clickhouse-gp3", {
            metadata: { name: "langsmith-clickhouse-gp3", labels: { "app.kubernetes.io/part-of": "langsmith" } },
            provisioner: "ebs.csi.aws.com",
            parameters: { type: "gp3", iops: "7000", throughput: "1000", encrypted: "true" },
            volumeBindingMode: "WaitForFirstConsumer",
            allowVolumeExpansion: true,
            reclaimPolicy: "Retain",
        }),
        res("kubernetes:batch/v1:Job", "langsmith-db-bootstrap-job", {
            metadata: k8sMeta("langsmith-db-bootstrap-e87fe8fd92", { namespace: "langsmith-db-bootstrap" }),
            spec: {
                activeDeadlineSeconds: 900,
                backoffLimit: 6,
                template: {
                    metadata: {
                        labels: { "app.kubernetes.io/name": "database-bootstrap" },
                        annotations: { "langsmith-iam/sql-sha256": "e87fe8fd92" },
                    },
                    spec: {
                        restartPolicy: "Never",
                        containers: [
                            {
                                name: "psql",
                                image: "postgres:17-alpine",
                                env: [
                                    { name: "PGHOST", value: "db" },
                                    {
                                        name: "PGPASSWORD",
                                        valueFrom: {
                                            secretKeyRef: {
                                                key: "PGPASSWORD",
                                                name: "langsmith-db-bootstrap-admin-bb38c0a",
                                            },
                                        },
                                    },
                                ],
                                resources: { limits: { memory: "128Mi" }, requests: { cpu: "50m", memory: "64Mi" } },
                                volumeMounts: [{ mountPath: "/bootstrap", name: "sql", readOnly: true }],
                            },
                        ],
                        volumes: [{ configMap: { name: "langsmith-db-bootstrap-sql-843d1aa" }, name: "sql" }],
                    },
                },
            },
        }),
        res("kubernetes:helm.sh/v3:Release", "langsmith-release", {
            chart: "langsmith",
            version: "0.16.11",
            name: "langsmith",
            namespace: "langsmith",
            timeout: 900,
            values: {
                config: { existingSecretName: "langsmith-config-bd6e379", basicAuth: { enabled: true } },
                insights: { enabled: true },
                polly: { enabled: false },
                postgres: {
                    external: {
                        enabled: true,
                        existingSecretName: "langsmith-postgres-d5b7cb4",
                        connectionUrlSecretKey: "connection_url",
                        iamAuthProvider: "aws",
                    },
                },
            },
        }),

        res("random:index/randomPassword:RandomPassword", "langsmith-admin-password", {
            length: 24,
            minUpper: 2,
            minLower: 2,
            minNumeric: 2,
            minSpecial: 2,
        }),
        res("random:index/randomBytes:RandomBytes", "langsmith-insights-key", { length: 32 }),
    ];
}

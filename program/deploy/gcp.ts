/**
 * The GCP path: look up the GKE cluster (network, workload pool, endpoint), create the Google service
 * account with its Workload Identity bindings and Cloud SQL side by side, then the shared Kubernetes
 * side.
 */
import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import type { GcpStackSettings } from "../config/settings";
import { ConfigError } from "../config/errors";
import { clusterProvider, gkeKubeconfig } from "../../components/kubernetes/provider";
import { deployKubernetesSide, serviceAccountsFor } from "./kubernetesSide";
import { GCP_IAM_ROLE_MODEL } from "../../components/postgres/bootstrapSql";
import { cloudTags } from "../config/tags";
import { GcpWorkloadIdentity } from "../../components/gcp/identity";
import { GcpPrivateServiceAccess, networkPath } from "../../components/gcp/network";
import { cloudSqlBackupStartTime, cloudSqlMaintenanceWindow, type MajorVersionChange } from "../config/maintenance";
import { operatorOutputs } from "./operatorOutputs";
import { gcpPreflight } from "./preflight/gcp";
import { deployGcpBlob } from "./gcpBlob";
import { GCP_DEFAULT_TIER, GcpPostgres } from "../../components/gcp/postgres";
import { gcpBootstrapLogin } from "../../components/gcp/bootstrapLogin";
import { bootstrapServiceAccountOf } from "../config/derivedNames";
import { bootstrapAccountIdOf } from "../config/gcp";
import { gcpAppPostgres } from "./gcpPostgresDns";
import { deployGcpClickHouseEndpoint } from "./clickhouseGcp";
import { deployGcpRedis } from "./gcpRedis";

export { GCP_DEFAULT_TIER };

/** The workload pool of a cluster, or a message that says how to enable Workload Identity. */
export function requireWorkloadPool(configs: { workloadPool: string }[], project: string, clusterName: string): string {
    const pool = configs[0]?.workloadPool;
    if (!pool) {
        throw new ConfigError(
            "langsmith:gcp.clusterName",
            `GKE cluster ${clusterName} does not have Workload Identity enabled; run: gcloud container clusters update ${clusterName} --workload-pool=${project}.svc.id.goog (and enable the GKE metadata server on its node pools)`,
        );
    }
    return pool;
}

/**
 * The network the database peers with: the cluster's own, whatever `langsmith:gcp.network` says.
 * Private Service Access is a VPC peering, and peering is not transitive, so pods on any other
 * network (even one peered with it) cannot reach the private IP
 * (https://cloud.google.com/vpc/docs/vpc-peering: "VPC Network Peering is not transitive"). With a Shared VPC the cluster
 * reports the host project's network, which is then the right one.
 */
export function requireClusterNetwork(
    configured: string | undefined,
    clusterNetwork: string,
    clusterName: string,
): string {
    if (configured !== undefined && configured !== clusterNetwork) {
        throw new ConfigError(
            "langsmith:gcp.network",
            `is ${configured}, but GKE cluster ${clusterName} runs on ${clusterNetwork}; its pods could not reach a private IP on another VPC (Private Service Access is a peering, and peering is not transitive). Remove the key (the cluster's network is used) or set it to ${clusterNetwork}`,
        );
    }
    return clusterNetwork;
}

export async function deployGcp(
    settings: GcpStackSettings,
    majorChange: MajorVersionChange = { to: settings.postgres.version },
) {
    const gcpSettings = settings.gcp;
    const { project, region, clusterName } = gcpSettings;
    const labels = cloudTags("gcp", settings.tags);
    const provider = new gcp.Provider("gcp", { project, region, defaultLabels: labels });
    const providers = { providers: { gcp: provider } };
    // What the stack depends on exists, or the run stops here with the fix, before any resource.
    await gcpPreflight(settings, { provider });

    const location = gcpSettings.clusterLocation ?? region;
    const cluster = gcp.container.getClusterOutput({ name: clusterName, location, project }, { provider });
    const workloadPool = cluster.workloadIdentityConfigs.apply((configs) =>
        requireWorkloadPool(configs, project, clusterName),
    );
    const configuredNetwork = gcpSettings.network === undefined ? undefined : networkPath(project, gcpSettings.network);
    const network = cluster.network.apply((n) =>
        requireClusterNetwork(configuredNetwork, networkPath(project, n), clusterName),
    );

    const k8sProvider = clusterProvider("gke", {
        kubeconfig:
            settings.kubernetes.kubeconfig ??
            pulumi.all([cluster.endpoint, cluster.masterAuths]).apply(([endpoint, auths]) =>
                gkeKubeconfig({
                    project,
                    location,
                    clusterName,
                    endpoint,
                    clusterCaCertificate: auths[0].clusterCaCertificate,
                }),
            ),
        context: settings.kubernetes.context,
    });

    const serviceAccounts = serviceAccountsFor(settings);
    const identity = new GcpWorkloadIdentity(
        "langsmith-identity",
        {
            project,
            accountId: gcpSettings.serviceAccountId,
            workloadPool,
            namespace: settings.kubernetes.namespace,
            serviceAccountNames: serviceAccounts.map((sa) => sa.name),
            displayName: "LangSmith (Cloud SQL IAM login)",
            description: `LangSmith workloads in namespace ${settings.kubernetes.namespace}: passwordless Cloud SQL access through GKE Workload Identity`,
        },
        providers,
    );

    // The bootstrap Job's own Google service account, usable by exactly its own Kubernetes service account.
    const bootstrapSa = bootstrapServiceAccountOf(settings);
    const bootstrapIdentity = new GcpWorkloadIdentity(
        "langsmith-bootstrap-identity",
        {
            project,
            accountId: bootstrapAccountIdOf(gcpSettings.serviceAccountId, gcpSettings.project),
            workloadPool,
            namespace: bootstrapSa.namespace,
            serviceAccountNames: [bootstrapSa.name],
            displayName: "LangSmith database bootstrap (Cloud SQL IAM login)",
            description: `The LangSmith database bootstrap Job (${bootstrapSa.namespace}/${bootstrapSa.name}): Cloud SQL administrator (cloudsqlsuperuser) through GKE Workload Identity`,
        },
        providers,
    );

    const psa = gcpSettings.createPrivateServiceConnection
        ? new GcpPrivateServiceAccess(
              "langsmith-psa",
              {
                  project,
                  network,
                  prefixLength: gcpSettings.privateServiceRangePrefixLength,
                  labels,
                  // The program's own words; a description change replaces the range.
                  description: "Private Service Access range (Cloud SQL for LangSmith)",
              },
              providers,
          )
        : undefined;

    const pg = settings.postgres;
    const tiers = GCP_DEFAULT_TIER[gcpSettings.edition];
    const postgres = new GcpPostgres(
        "langsmith-db",
        {
            project,
            region,
            network,
            allocatedIpRange: psa?.rangeName ?? gcpSettings.allocatedIpRange,
            privateServiceConnection: psa?.connection,
            majorVersion: pg.version,
            tier: pg.instanceClass ?? (settings.production ? tiers.production : tiers.dev),
            edition: gcpSettings.edition,
            storageGb: pg.storageGb,
            maxStorageGb: pg.maxStorageGb,
            highAvailability: pg.highAvailability,
            backupRetentionDays: pg.backupRetentionDays,
            database: pg.database,
            iamUser: identity.databaseUserName,
            bootstrapUser: bootstrapIdentity.databaseUserName,
            sslMode: pg.sslMode,
            production: settings.production,
            labels,
            maintenanceWindow: cloudSqlMaintenanceWindow(pg.maintenanceWindow),
            backupStartTime: cloudSqlBackupStartTime(pg.backupHour),
        },
        providers,
    );

    const blob = deployGcpBlob(settings, { provider, serviceAccountEmail: identity.email, labels });
    // verify-full: LangSmith connects by the instance's DNS name, which a private zone resolves.
    const app = gcpAppPostgres(settings, { postgres, network, provider, labels });
    const redis = deployGcpRedis(settings, {
        provider,
        network,
        clusterSubnetwork: cluster.subnetwork,
        serviceAccountEmail: identity.email,
        labels,
    });

    // LangSmith-managed ClickHouse: the Private Service Connect endpoint and its DNS, which the release waits for.
    const clickhouseEndpoint = deployGcpClickHouseEndpoint(settings, {
        provider,
        network,
        clusterSubnetwork: cluster.subnetwork,
        labels,
    });

    const { bootstrap, langsmith } = deployKubernetesSide({
        settings,
        postgres,
        appPostgres: app.connection,
        redis,
        // No password exists on GCP: the Job logs in as its own IAM user with its Workload Identity token.
        bootstrapLogin: gcpBootstrapLogin(postgres, bootstrapIdentity),
        identity,
        blobStorage: blob,
        iamRoleModel: GCP_IAM_ROLE_MODEL,
        serviceAccounts,
        provider: k8sProvider,
        // The script needs both users and the database; the pods need their IAM permissions.
        bootstrapDependsOn: [
            postgres.langsmithDatabase,
            postgres.bootstrapDatabaseUser,
            postgres.iamDatabaseUser,
            postgres.bootstrapLoginGrant,
            ...bootstrapIdentity.workloadIdentityBindings,
        ],
        releaseDependsOn: [
            postgres.iamLoginGrant,
            ...identity.workloadIdentityBindings,
            ...app.dependsOn,
            ...(redis ? [redis.connectGrant] : []),
            ...(clickhouseEndpoint ? [clickhouseEndpoint.forwardingRule, clickhouseEndpoint.record] : []),
        ],
    });

    return {
        cloud: "gcp",
        // The look-up's checks first: a refusal (wrong network, no Workload Identity) fails here, before
        // the outputs of resources that wait on it. The VPC the database peers with is the cluster's
        // (with a Shared VPC, the host project's).
        databaseNetwork: network,
        workloadPool,
        databaseHost: postgres.host,
        databaseDnsName: app.dns?.host,
        databasePort: postgres.port,
        databaseName: postgres.database,
        databaseIamUser: postgres.iamUser,
        instanceConnectionName: postgres.connectionName,
        redisEndpoint: redis ? pulumi.interpolate`${redis.host}:${redis.port}` : "in-cluster (chart)",
        // Memorystore's own CA: in config.customCa unless langsmith:postgres.caCertificate names a bundle
        // of the stack's own, which must then hold it too (docs/gcp.md, "Managed Redis").
        redisCaCertificate: redis?.serverCaPem,
        serviceAccountEmail: identity.email,
        blobBucketName: blob?.bucketName,
        bootstrapServiceAccountEmail: bootstrapIdentity.email,
        databaseBootstrapUser: postgres.bootstrapUser,
        namespace: langsmith.namespaceName,
        releaseName: langsmith.releaseName,
        releaseStatus: langsmith.releaseStatus,
        langsmithUrl: langsmith.url,
        ...operatorOutputs({ settings, majorChange, bootstrap, langsmith }),
    };
}

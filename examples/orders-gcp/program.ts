/**
 * The orders service (not LangSmith) on GKE adopts the langsmith-iam components: a Cloud SQL for
 * PostgreSQL instance its pods log in to with IAM (Google access tokens, no password), a Google
 * service account that exactly its Kubernetes service account may act as (Workload Identity), and the
 * in-cluster bootstrap that gives that login its database. Only the GCP entry point is imported, so
 * the AWS and Azure SDKs are never loaded.
 */
import * as gcp from "@pulumi/gcp";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { DatabaseBootstrap, GcpPostgres, GcpWorkloadIdentity } from "langsmith-iam/gcp";

const NAMESPACE = "orders";
const SERVICE_ACCOUNT = "orders-api";

export function ordersDatabase() {
    const config = new pulumi.Config("orders");
    const project = config.require("project");
    const region = config.require("region");
    const labels = { app: "orders", team: "commerce" };

    // The cluster the service runs in: its VPC (the database's private IP lives there) and its Workload Identity pool.
    const cluster = gcp.container.getClusterOutput({
        project,
        location: config.require("clusterLocation"),
        name: config.require("clusterName"),
    });

    const identity = new GcpWorkloadIdentity("orders-identity", {
        project,
        accountId: "orders-api",
        workloadPool: cluster.workloadIdentityConfigs.apply((c) => c[0].workloadPool),
        namespace: NAMESPACE,
        serviceAccountNames: [SERVICE_ACCOUNT],
    });

    const db = new GcpPostgres("orders-db", {
        project,
        region,
        network: cluster.network,
        majorVersion: 17,
        tier: "db-custom-1-3840",
        edition: "ENTERPRISE",
        storageGb: 20,
        highAvailability: false,
        backupRetentionDays: 7,
        database: "orders",
        adminUser: "orders_admin",
        // The Cloud SQL IAM user is the service account's email without `.gserviceaccount.com`.
        iamUser: identity.databaseUserName,
        sslMode: "verify-full",
        production: false,
        labels,
    });

    const platform = new k8s.Provider("platform-dev", {
        kubeconfig: config.require("kubeconfig"),
        enableServerSideApply: true,
    });
    const bootstrap = new DatabaseBootstrap(
        "orders-db-bootstrap",
        {
            namespace: "orders-db-bootstrap",
            host: db.host,
            port: db.port,
            database: db.database,
            adminUser: db.admin.user,
            adminPassword: db.admin.password,
            // The package builds the SQL the GCP way: Cloud SQL created the login, an owner role owns the objects.
            iamLogin: { iamUser: db.iamUser, cloud: "gcp", extensions: ["pgcrypto"] },
        },
        { providers: { kubernetes: platform }, dependsOn: [db.iamDatabaseUser] },
    );

    // The service account the orders Deployment runs under: bound to the Google service account, after the bootstrap.
    const serviceAccount = new k8s.core.v1.ServiceAccount(
        SERVICE_ACCOUNT,
        { metadata: { name: SERVICE_ACCOUNT, namespace: NAMESPACE, annotations: identity.serviceAccountAnnotations } },
        { provider: platform, dependsOn: [bootstrap, db.iamLoginGrant, ...identity.workloadIdentityBindings] },
    );

    return {
        databaseHost: db.host,
        databasePort: db.port,
        databaseName: db.database,
        databaseUser: db.iamUser,
        connectionName: db.connectionName,
        googleServiceAccount: identity.email,
        serviceAccount: serviceAccount.metadata.name,
    };
}

/**
 * The orders service (not LangSmith) on GKE adopts the langsmith-iam components: a Cloud SQL for
 * PostgreSQL instance its pods log in to with IAM (Google access tokens, no password), a Google
 * service account that exactly its Kubernetes service account may act as (Workload Identity), and the
 * in-cluster bootstrap that gives that login its database. The bootstrap logs in passwordless too, as
 * a Google service account of its own (a `cloudsqlsuperuser` IAM user) that only the bootstrap Job's
 * Kubernetes service account may act as. Only the GCP entry point is imported, so the AWS and Azure
 * SDKs are never loaded.
 */
import * as gcp from "@pulumi/gcp";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { DatabaseBootstrap, gcpBootstrapLogin, GcpPostgres, GcpWorkloadIdentity } from "langsmith-iam/gcp";

const NAMESPACE = "orders";
const SERVICE_ACCOUNT = "orders-api";
/** The bootstrap Job's own namespace and service account: the orders pods cannot use its identity. */
const BOOTSTRAP = { namespace: "orders-db-bootstrap", name: "orders-db-bootstrap" };

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
    const workloadPool = cluster.workloadIdentityConfigs.apply((c) => c[0].workloadPool);

    const identity = new GcpWorkloadIdentity("orders-identity", {
        project,
        accountId: "orders-api",
        workloadPool,
        namespace: NAMESPACE,
        serviceAccountNames: [SERVICE_ACCOUNT],
        displayName: "orders (Cloud SQL IAM login)",
        description: "The orders service: passwordless Cloud SQL access through GKE Workload Identity",
    });
    // The bootstrap's own Google service account, usable by exactly the bootstrap Job's service account.
    const bootstrapIdentity = new GcpWorkloadIdentity("orders-bootstrap-identity", {
        project,
        accountId: "orders-db-bootstrap",
        workloadPool,
        namespace: BOOTSTRAP.namespace,
        serviceAccountNames: [BOOTSTRAP.name],
        displayName: "orders database bootstrap (Cloud SQL IAM login)",
        description: "The orders database bootstrap Job: Cloud SQL administrator through GKE Workload Identity",
    });

    // Only what differs from the component's defaults (PostgreSQL 17, ENTERPRISE, db-custom-1-3840, 20 GB, zonal, 7 backups).
    const db = new GcpPostgres("orders-db", {
        project,
        region,
        network: cluster.network,
        database: "orders",
        // Cloud SQL IAM users are the service accounts' emails without `.gserviceaccount.com`.
        iamUser: identity.databaseUserName,
        bootstrapUser: bootstrapIdentity.databaseUserName,
        sslMode: "verify-full",
        labels,
    });

    const platform = new k8s.Provider("platform-dev", {
        kubeconfig: config.require("kubeconfig"),
        enableServerSideApply: true,
    });
    const bootstrap = new DatabaseBootstrap(
        "orders-db-bootstrap",
        {
            namespace: BOOTSTRAP.namespace,
            host: db.host,
            port: db.port,
            database: db.database,
            // No password: the Job logs in as its own IAM user with its Workload Identity token, verify-full.
            login: gcpBootstrapLogin(db, bootstrapIdentity),
            serviceAccount: BOOTSTRAP,
            // The package builds the SQL the GCP way: Cloud SQL created the login, an owner role owns the objects.
            iamLogin: { iamUser: db.iamUser, cloud: "gcp", extensions: ["pgcrypto"] },
        },
        {
            providers: { kubernetes: platform },
            dependsOn: [
                db.langsmithDatabase,
                db.bootstrapDatabaseUser,
                db.iamDatabaseUser,
                db.bootstrapLoginGrant,
                ...bootstrapIdentity.workloadIdentityBindings,
            ],
        },
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
        databaseBootstrapUser: db.bootstrapUser,
        connectionName: db.connectionName,
        googleServiceAccount: identity.email,
        bootstrapGoogleServiceAccount: bootstrapIdentity.email,
        serviceAccount: serviceAccount.metadata.name,
    };
}

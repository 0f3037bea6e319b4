/**
 * The orders service (not LangSmith) on AKS adopts the langsmith-iam components: an Azure Database for
 * PostgreSQL flexible server its pods log in to with Microsoft Entra tokens (no password), a managed
 * identity that exactly its Kubernetes service account may use (AKS Workload Identity), and the
 * in-cluster bootstrap that gives that login its database. The bootstrap has a managed identity of its
 * own, the server's Entra administrator, that only the bootstrap Job's Kubernetes service account may
 * use; the orders identity is a normal principal the bootstrap creates, not an administrator. Only the
 * Azure entry point is imported, so the AWS and GCP SDKs are never loaded.
 */
import * as containerservice from "@pulumi/azure-native/containerservice";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import {
    azureBootstrapLogin,
    AzurePostgres,
    AzureWorkloadIdentity,
    DatabaseBootstrap,
    extensionsAllowList,
} from "langsmith-iam/azure";

const NAMESPACE = "orders";
const SERVICE_ACCOUNT = "orders-api";
/** The bootstrap Job's own namespace and service account: the orders pods cannot use its identity. */
const BOOTSTRAP = { namespace: "orders-db-bootstrap", name: "orders-db-bootstrap" };
const EXTENSIONS = ["pgcrypto"];

export function ordersDatabase() {
    const config = new pulumi.Config("orders");
    const resourceGroupName = config.require("resourceGroupName");
    const location = config.require("location");
    const tags = { app: "orders", team: "commerce" };

    // The cluster's OIDC issuer: the federated credentials trust tokens it signs for exactly one service account each.
    const cluster = containerservice.getManagedClusterOutput({
        resourceGroupName: config.require("clusterResourceGroupName"),
        resourceName: config.require("clusterName"),
    });
    const oidcIssuerUrl = cluster.apply((c) => c.oidcIssuerProfile?.issuerURL ?? "");

    const identity = new AzureWorkloadIdentity("orders-identity", {
        resourceGroupName,
        location,
        identityName: "orders-api",
        namespace: NAMESPACE,
        serviceAccountNames: [SERVICE_ACCOUNT],
        oidcIssuerUrl,
        tags,
    });
    // The bootstrap's own identity, the server's Entra administrator: usable by exactly the bootstrap Job's service account.
    const bootstrapIdentity = new AzureWorkloadIdentity("orders-bootstrap-identity", {
        resourceGroupName,
        location,
        identityName: "orders-db-bootstrap",
        namespace: BOOTSTRAP.namespace,
        serviceAccountNames: [BOOTSTRAP.name],
        oidcIssuerUrl,
        tags,
    });

    // Only what differs from the component's defaults (PostgreSQL 17, Standard_B2ms Burstable, 32 GiB, 7 days of backups).
    const db = new AzurePostgres("orders-db", {
        resourceGroupName,
        location,
        // The platform team's delegated subnet and private DNS zone (AzurePrivateNetwork creates them otherwise).
        delegatedSubnetId: config.require("delegatedSubnetId"),
        privateDnsZoneId: config.require("privateDnsZoneId"),
        database: "orders",
        // Only the extensions the orders service uses are allow-listed (not LangSmith's six).
        extensionsAllowList: extensionsAllowList([], EXTENSIONS),
        entraAdmin: {
            principalName: bootstrapIdentity.name,
            objectId: bootstrapIdentity.principalId,
            tenantId: bootstrapIdentity.tenantId,
        },
        // The orders identity: a normal principal the bootstrap creates (`principalSql`), granted its database only.
        appPrincipal: { name: identity.name, objectId: identity.principalId },
        sslMode: "verify-full",
        tags,
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
            // No password: the Job logs in as the Entra administrator with its own identity's token, verify-full.
            login: azureBootstrapLogin(db, bootstrapIdentity),
            serviceAccount: BOOTSTRAP,
            // The orders principal is created first, in database postgres (where the pgaadauth_* functions are).
            preSql: { database: "postgres", sql: db.principalSql },
            // The package builds the SQL the Azure way: an owner role owns the objects, the orders login gets it.
            iamLogin: { iamUser: db.iamUser, cloud: "azure", extensions: EXTENSIONS },
        },
        {
            providers: { kubernetes: platform },
            dependsOn: [
                db.entraAdministrator,
                db.databaseResource,
                ...db.parameters,
                ...bootstrapIdentity.federatedCredentials,
            ],
        },
    );

    // The service account the orders Deployment runs under (its pods also need the identity's label), after the bootstrap.
    const serviceAccount = new k8s.core.v1.ServiceAccount(
        SERVICE_ACCOUNT,
        { metadata: { name: SERVICE_ACCOUNT, namespace: NAMESPACE, annotations: identity.serviceAccountAnnotations } },
        { provider: platform, dependsOn: [bootstrap, ...identity.federatedCredentials] },
    );

    return {
        databaseHost: db.host,
        databasePort: db.port,
        databaseName: db.database,
        databaseUser: db.iamUser,
        databaseBootstrapUser: db.bootstrapUser,
        clientId: identity.clientId,
        bootstrapClientId: bootstrapIdentity.clientId,
        podLabels: identity.podLabels,
        serviceAccount: serviceAccount.metadata.name,
    };
}

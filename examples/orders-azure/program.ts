/**
 * The orders service (not LangSmith) on AKS adopts the langsmith-iam components: an Azure Database for
 * PostgreSQL flexible server its pods log in to with Microsoft Entra tokens (no password), a managed
 * identity that exactly its Kubernetes service account may use (AKS Workload Identity) and that is
 * the server's Entra administrator, and the in-cluster bootstrap that gives that login its database.
 * Only the Azure entry point is imported, so the AWS and GCP SDKs are never loaded.
 */
import * as containerservice from "@pulumi/azure-native/containerservice";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import {
    AzurePostgres,
    AzureWorkloadIdentity,
    DatabaseBootstrap,
    extensionsAllowList,
    skuTierFor,
} from "langsmith-iam/azure";

const NAMESPACE = "orders";
const SERVICE_ACCOUNT = "orders-api";
const EXTENSIONS = ["pgcrypto"];

export function ordersDatabase() {
    const config = new pulumi.Config("orders");
    const resourceGroupName = config.require("resourceGroupName");
    const location = config.require("location");
    const tags = { app: "orders", team: "commerce" };

    // The cluster's OIDC issuer: the federated credential trusts tokens it signs for the orders service account.
    const cluster = containerservice.getManagedClusterOutput({
        resourceGroupName: config.require("clusterResourceGroupName"),
        resourceName: config.require("clusterName"),
    });

    const identity = new AzureWorkloadIdentity("orders-identity", {
        resourceGroupName,
        location,
        identityName: "orders-api",
        namespace: NAMESPACE,
        serviceAccountNames: [SERVICE_ACCOUNT],
        oidcIssuerUrl: cluster.apply((c) => c.oidcIssuerProfile?.issuerURL ?? ""),
        tags,
    });

    const skuName = "Standard_B2ms";
    const db = new AzurePostgres("orders-db", {
        resourceGroupName,
        location,
        // The platform team's delegated subnet and private DNS zone (AzurePrivateNetwork creates them otherwise).
        delegatedSubnetId: config.require("delegatedSubnetId"),
        privateDnsZoneId: config.require("privateDnsZoneId"),
        majorVersion: 17,
        skuName,
        skuTier: skuTierFor(skuName),
        storageGb: 32,
        highAvailability: false,
        backupRetentionDays: 7,
        geoRedundantBackup: false,
        database: "orders",
        adminUser: "orders_admin",
        // Only the extensions the orders service uses are allow-listed (not LangSmith's six).
        extensionsAllowList: extensionsAllowList([], EXTENSIONS),
        // The managed identity is the server's Entra administrator: Azure creates its database role.
        entraAdmin: { principalName: identity.name, objectId: identity.principalId, tenantId: identity.tenantId },
        sslMode: "verify-full",
        production: false,
        tags,
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
            // The package builds the SQL the Azure way: Azure created the login, it gets grants, not ownership.
            iamLogin: { iamUser: db.iamUser, cloud: "azure", extensions: EXTENSIONS },
        },
        {
            providers: { kubernetes: platform },
            dependsOn: [db.entraAdministrator, db.databaseResource, ...db.parameters],
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
        clientId: identity.clientId,
        podLabels: identity.podLabels,
        serviceAccount: serviceAccount.metadata.name,
    };
}

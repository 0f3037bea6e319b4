/**
 * The orders service (not LangSmith) adopts the langsmith-iam components: an RDS for PostgreSQL
 * database its pods log in to with IAM tokens, an IRSA role that exactly its service account can
 * assume, and the in-cluster bootstrap that creates its IAM database user. Only the AWS entry point
 * is imported, so the GCP and Azure SDKs are never loaded.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { AwsPostgres, AwsWorkloadIdentity, DatabaseBootstrap, type AwsPostgresArgs } from "langsmith-iam/aws";

const NAMESPACE = "orders";
const SERVICE_ACCOUNT = "orders-api";
const DATABASE = "orders";
const IAM_USER = "orders_app";

export function ordersDatabase() {
    const config = new pulumi.Config("orders");
    const tags = { app: "orders", team: "commerce" };

    // Only what differs from the component's defaults (PostgreSQL 17, 20 GiB, 7 days of backups, require TLS...).
    const dbArgs: AwsPostgresArgs = {
        vpcId: config.require("vpcId"),
        subnetIds: config.requireObject<string[]>("subnetIds"),
        allowedSecurityGroupIds: [config.require("clusterSecurityGroupId")],
        instanceClass: "db.t4g.medium",
        database: DATABASE,
        iamUser: IAM_USER,
        adminUser: "orders_admin",
        sslMode: "verify-full",
        tags,
    };
    const db = new AwsPostgres("orders-db", dbArgs);

    const identity = new AwsWorkloadIdentity("orders-identity", {
        mode: "irsa",
        namespace: NAMESPACE,
        serviceAccountNames: [SERVICE_ACCOUNT],
        clusterName: config.require("clusterName"),
        clusterArn: config.require("clusterArn"),
        oidcProviderArn: config.require("oidcProviderArn"),
        oidcIssuerUrl: config.require("oidcIssuerUrl"),
        dbUserArn: db.iamUserArn,
        tags,
    });

    // The cluster is given explicitly; the components take it from opts.providers.
    const cluster = new k8s.Provider("platform-dev", {
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
            // The package builds the SQL: the IAM login, its grants and extensions, the AWS way.
            iamLogin: { iamUser: db.iamUser, cloud: "aws" },
        },
        { providers: { kubernetes: cluster } },
    );

    // The service account the orders Deployment runs under: annotated with the role, created after the bootstrap.
    const serviceAccount = new k8s.core.v1.ServiceAccount(
        SERVICE_ACCOUNT,
        { metadata: { name: SERVICE_ACCOUNT, namespace: NAMESPACE, annotations: identity.serviceAccountAnnotations } },
        { provider: cluster, dependsOn: [bootstrap] },
    );

    return {
        databaseHost: db.host,
        databasePort: db.port,
        databaseName: db.database,
        databaseUser: db.iamUser,
        roleArn: identity.roleArn,
        serviceAccount: serviceAccount.metadata.name,
    };
}

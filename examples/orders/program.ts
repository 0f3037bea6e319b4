/**
 * The orders service (not LangSmith) adopts the langsmith-iam components: an RDS for PostgreSQL
 * database its pods log in to with IAM tokens, an IRSA role that exactly its service account can
 * assume, and the in-cluster bootstrap that creates its IAM database user. Only the AWS entry point
 * is imported, so the GCP and Azure SDKs are never loaded.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import {
    AwsBootstrapIdentity,
    AwsPostgres,
    AwsWorkloadIdentity,
    DatabaseBootstrap,
    type AwsPostgresArgs,
} from "langsmith-iam/aws";

const NAMESPACE = "orders";
const SERVICE_ACCOUNT = "orders-api";
const DATABASE = "orders";
const IAM_USER = "orders_app";
/** The bootstrap's own namespace and service account (its role trusts exactly that one). */
const BOOTSTRAP = { namespace: "orders-db-bootstrap", name: "orders-db-bootstrap" };

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
    const region = new pulumi.Config("aws").require("region");

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

    // The bootstrap reads the master password RDS keeps in Secrets Manager with a role of its own.
    const bootstrapIdentity = new AwsBootstrapIdentity("orders-db-bootstrap-identity", {
        mode: "irsa",
        serviceAccount: BOOTSTRAP,
        clusterName: config.require("clusterName"),
        clusterArn: config.require("clusterArn"),
        oidcProviderArn: config.require("oidcProviderArn"),
        oidcIssuerUrl: config.require("oidcIssuerUrl"),
        secretArn: db.masterUserSecretArn,
        region,
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
            namespace: BOOTSTRAP.namespace,
            host: db.host,
            port: db.port,
            database: db.database,
            login: bootstrapIdentity.loginFor(db, region),
            serviceAccount: BOOTSTRAP,
            // The package builds the SQL: the IAM login, its grants and extensions, the AWS way.
            iamLogin: { iamUser: db.iamUser, cloud: "aws" },
        },
        { providers: { kubernetes: cluster }, dependsOn: [bootstrapIdentity.secretPolicy] },
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

/**
 * The cloud-agnostic half of a deploy: given a cloud's Postgres and identity contracts and a
 * Kubernetes provider, run the database bootstrap and install LangSmith wired to both. Every cloud's
 * platform function ends here, so the Kubernetes/Helm side is never forked per cloud.
 */
import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { Settings } from "../config/settings";
import { bootstrapServiceAccountOf, fullnameOverrideOf } from "../config/derivedNames";
import { agentGatewayEnabled } from "../config/chartSwitches";
import type { WorkloadIdentityBinding } from "../../components/identity/contract";
import type { BlobStorageBinding } from "../../components/blob/contract";
import { LangSmith } from "../../components/langsmith/release";
import { mergeValues } from "../../components/langsmith/values";
import { exposureValues } from "./exposure";
import { clickhouseArgsFor, defaultClickHouseStorageClass } from "./clickhouse";
import { postgresServiceAccounts, type PostgresServiceAccount } from "../../components/langsmith/workloads";
import { DatabaseBootstrap, type BootstrapPreSql } from "../../components/postgres/bootstrapJob";
import { bootstrapSql, type IamRoleModel } from "../../components/postgres/bootstrapSql";
import { agentDatabases } from "../config/agents";
import type { BootstrapLogin } from "../../components/postgres/bootstrapLogin";
import type { PostgresConnection } from "../../components/postgres/contract";
import type { RedisConnection } from "../../components/redis/contract";

/** The service accounts of every Postgres-connecting workload for these settings (the agent gateway too, when helmValues turn it on). */
export function serviceAccountsFor(settings: Settings): PostgresServiceAccount[] {
    return postgresServiceAccounts({
        releaseName: settings.chart.releaseName,
        deployments: settings.chart.deployments,
        insights: settings.chart.insights,
        polly: settings.chart.polly,
        fleet: settings.chart.fleet,
        agentGateway: agentGatewayEnabled(settings.helmValues),
        fullnameOverride: fullnameOverrideOf(settings.helmValues),
    });
}

/** Inputs a cloud hands to the shared Kubernetes side. */
export interface KubernetesSideArgs {
    settings: Settings;
    postgres: PostgresConnection;
    /** How LangSmith reaches the database, when not as the bootstrap does (GCP verify-full: by DNS name). */
    appPostgres?: PostgresConnection;
    /** Managed Redis (absent: the chart's in-cluster Redis). */
    redis?: RedisConnection;
    /** Who the bootstrap Job logs in as, how it fetches that credential at run time, and the server's CA. */
    bootstrapLogin: BootstrapLogin;
    /** SQL the Job runs first in another database (Azure: the app's Entra principal, in `postgres`). */
    bootstrapPreSql?: BootstrapPreSql;
    identity: WorkloadIdentityBinding;
    iamRoleModel: IamRoleModel;
    serviceAccounts: PostgresServiceAccount[];
    provider: k8s.Provider;
    /** Cloud resources the bootstrap must wait for besides the database itself (e.g. a Cloud SQL user). */
    bootstrapDependsOn?: pulumi.Resource[];
    /** Cloud resources the release must wait for (e.g. EKS Pod Identity associations). */
    releaseDependsOn?: pulumi.Resource[];
    /** The cloud's blob storage, when on: its chart settings, and its grants the release waits for. */
    blobStorage?: BlobStorageBinding;
}

export function deployKubernetesSide(args: KubernetesSideArgs): { bootstrap: DatabaseBootstrap; langsmith: LangSmith } {
    const { settings, postgres } = args;
    const pgSettings = settings.postgres;
    const sql = postgres.iamUser.apply((iamUser) =>
        bootstrapSql({
            model: args.iamRoleModel,
            database: pgSettings.database,
            schema: pgSettings.schema,
            iamUser,
            previousIamUser: pgSettings.previousIamUser,
            dropPreviousIamUser: pgSettings.dropPreviousIamUser,
        }),
    );
    // Each agent feature's own database, created and handed to the identity with the same role model
    // (no extensions: the agents' LangGraph servers need none of LangSmith's).
    const agents = agentDatabases(settings);
    const databases = agents.map(({ database }) => ({
        name: database,
        sql: postgres.iamUser.apply((iamUser) =>
            bootstrapSql({
                model: args.iamRoleModel,
                database,
                schema: "public",
                iamUser,
                extensions: [],
                // The main script (run last) drops the previous user once every database moved its objects.
                previousIamUser: pgSettings.previousIamUser,
            }),
        ),
    }));
    const bootstrap = new DatabaseBootstrap(
        "langsmith-db-bootstrap",
        {
            namespace: settings.kubernetes.bootstrapNamespace,
            host: postgres.host,
            port: postgres.port,
            database: postgres.database,
            login: args.bootstrapLogin,
            serviceAccount: bootstrapServiceAccountOf(settings),
            sql,
            image: pgSettings.bootstrapImage,
            credentialImage: pgSettings.bootstrapCredentialImage,
            preSql: args.bootstrapPreSql,
            databases,
        },
        { dependsOn: args.bootstrapDependsOn, providers: { kubernetes: args.provider } },
    );
    const chart = settings.chart;
    const exposure = exposureValues({
        cloud: settings.cloud,
        hostname: chart.hostname,
        frontend: chart.frontend,
        ingress: chart.ingress,
    });
    const clickhouseStorage = defaultClickHouseStorageClass(settings, args.provider);
    const langsmith = new LangSmith(
        "langsmith",
        {
            namespace: settings.kubernetes.namespace,
            releaseName: chart.releaseName,
            chartVersion: chart.version,
            chartRepository: chart.repository,
            timeoutSeconds: chart.timeoutSeconds,
            rollbackOnFailure: chart.rollbackOnFailure ?? settings.production,
            postgres: args.appPostgres ?? postgres,
            redis: args.redis,
            identity: args.identity,
            serviceAccounts: args.serviceAccounts,
            licenseKey: pulumi.secret(settings.licenseKey),
            authType: chart.authType,
            basicAuth: chart.basicAuth,
            initialOrgAdminEmail: chart.initialOrgAdminEmail,
            hostname: chart.hostname,
            tls: exposure.tls,
            frontendServiceType: chart.frontend.serviceType,
            deployments: chart.deployments,
            insights: chart.insights,
            polly: chart.polly,
            fleet: chart.fleet,
            agentDatabases: Object.fromEntries(agents.map((a) => [a.feature, a.database])),
            schema: pgSettings.schema,
            caCertificate: pgSettings.caCertificate,
            // verify-full without a CA Secret of the stack's own: the CA the bootstrap verifies with.
            serverCaPem: args.bootstrapLogin.caCertificate,
            clientCertificate: pgSettings.clientCertificate,
            extraUrlParams: pgSettings.extraUrlParams,
            blobStorage: args.blobStorage?.chartSettings,
            clickhouse: clickhouseArgsFor(settings, clickhouseStorage.name),
            // The exposure values first, the user's helmValues last (they win).
            helmValues: mergeValues(exposure.values, settings.helmValues ?? {}),
        },
        // The release waits for these (the component forwards `dependsOn` to it).
        {
            dependsOn: [
                bootstrap,
                ...(args.releaseDependsOn ?? []),
                ...(args.blobStorage?.grants ?? []),
                ...clickhouseStorage.resources,
            ],
            providers: { kubernetes: args.provider },
        },
    );
    return { bootstrap, langsmith };
}

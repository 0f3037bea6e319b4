/**
 * The cloud-agnostic half of a deploy: given a cloud's Postgres and identity contracts and a
 * Kubernetes provider, run the database bootstrap and install LangSmith wired to both. Every cloud's
 * platform function ends here, so the Kubernetes/Helm side is never forked per cloud.
 */
import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { Settings } from "../config/settings";
import { fullnameOverrideOf } from "../config/derivedNames";
import type { WorkloadIdentityBinding } from "../../components/identity/contract";
import { LangSmith } from "../../components/langsmith/release";
import { mergeValues } from "../../components/langsmith/values";
import { exposureValues } from "./exposure";
import { postgresServiceAccounts, type PostgresServiceAccount } from "../../components/langsmith/workloads";
import { DatabaseBootstrap } from "../../components/postgres/bootstrapJob";
import { bootstrapSql, type IamRoleModel } from "../../components/postgres/bootstrapSql";
import type { PostgresAdminLogin, PostgresConnection } from "../../components/postgres/contract";

/** The service accounts of every Postgres-connecting workload for these settings. */
export function serviceAccountsFor(settings: Settings): PostgresServiceAccount[] {
    return postgresServiceAccounts({
        releaseName: settings.chart.releaseName,
        deployments: settings.chart.deployments,
        insights: settings.chart.insights,
        polly: settings.chart.polly,
        fullnameOverride: fullnameOverrideOf(settings.helmValues),
    });
}

/** Inputs a cloud hands to the shared Kubernetes side. */
export interface KubernetesSideArgs {
    settings: Settings;
    postgres: PostgresConnection;
    admin: PostgresAdminLogin;
    identity: WorkloadIdentityBinding;
    iamRoleModel: IamRoleModel;
    serviceAccounts: PostgresServiceAccount[];
    provider: k8s.Provider;
    /** Cloud resources the bootstrap must wait for besides the database itself (e.g. a Cloud SQL user). */
    bootstrapDependsOn?: pulumi.Resource[];
    /** Cloud resources the release must wait for (e.g. EKS Pod Identity associations). */
    releaseDependsOn?: pulumi.Resource[];
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
    const bootstrap = new DatabaseBootstrap(
        "langsmith-db-bootstrap",
        {
            namespace: settings.kubernetes.bootstrapNamespace,
            host: postgres.host,
            port: postgres.port,
            database: postgres.database,
            adminUser: args.admin.user,
            adminPassword: args.admin.password,
            sql,
            image: pgSettings.bootstrapImage,
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
    const langsmith = new LangSmith(
        "langsmith",
        {
            namespace: settings.kubernetes.namespace,
            releaseName: chart.releaseName,
            chartVersion: chart.version,
            chartRepository: chart.repository,
            timeoutSeconds: chart.timeoutSeconds,
            postgres,
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
            schema: pgSettings.schema,
            caCertificate: pgSettings.caCertificate,
            clientCertificate: pgSettings.clientCertificate,
            extraUrlParams: pgSettings.extraUrlParams,
            // The exposure values first, the user's helmValues last (they win).
            helmValues: mergeValues(exposure.values, settings.helmValues ?? {}),
        },
        // The release waits for these (the component forwards `dependsOn` to it).
        { dependsOn: [bootstrap, ...(args.releaseDependsOn ?? [])], providers: { kubernetes: args.provider } },
    );
    return { bootstrap, langsmith };
}

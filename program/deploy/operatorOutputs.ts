/**
 * The stack outputs a team needs on day 2, with the same names on every cloud: how to get a
 * kubeconfig, how to reach the UI, the first admin's login, the bootstrap Job to read logs from, the
 * PostgreSQL major the database runs and when this run's database changes land.
 */
import * as pulumi from "@pulumi/pulumi";
import type { Settings } from "../config/settings";
import { fullnameOverrideOf } from "../config/derivedNames";
import { changesLandSentence, type MaintenancePlan, type MajorVersionChange } from "../config/maintenance";
import { chartFullname } from "../../components/langsmith/workloads";
import type { LangSmith } from "../../components/langsmith/release";
import type { DatabaseBootstrap } from "../../components/postgres/bootstrapJob";
import { MAJOR_VERSION_OUTPUT } from "./previousDeployment";

/** The command that writes a kubeconfig entry for the stack's cluster. */
export function kubeconfigCommand(settings: Settings): string {
    switch (settings.cloud) {
        case "aws":
            return `aws eks update-kubeconfig --region ${settings.aws.region} --name ${settings.aws.clusterName}`;
        case "gcp": {
            const g = settings.gcp;
            return `gcloud container clusters get-credentials ${g.clusterName} --location ${g.clusterLocation ?? g.region} --project ${g.project}`;
        }
        case "azure": {
            const a = settings.azure;
            return `az aks get-credentials --resource-group ${a.clusterResourceGroupName ?? a.resourceGroupName} --name ${a.clusterName}`;
        }
    }
}

/** The chart's frontend Service (`<fullname>-frontend`, HTTP port 80 in the chart's values). */
export function frontendServiceName(settings: Settings): string {
    return `${chartFullname(settings.chart.releaseName, fullnameOverrideOf(settings.helmValues))}-frontend`;
}

/** Without a host name, the UI is reached through a port-forward to the frontend Service. */
export function portForwardCommand(settings: Settings): string {
    return `kubectl -n ${settings.kubernetes.namespace} port-forward svc/${frontendServiceName(settings)} 8080:80  # then open http://localhost:8080`;
}

export function maintenancePlanOf(settings: Settings): MaintenancePlan {
    const pg = settings.postgres;
    return { ...pg.maintenanceWindow, backupHour: pg.backupHour, applyNow: pg.applyNow };
}

export interface OperatorOutputsArgs {
    settings: Settings;
    majorChange: MajorVersionChange;
    bootstrap: DatabaseBootstrap;
    langsmith: LangSmith;
}

/** The day-2 outputs; the initial admin password is a secret output (basic auth only). */
export function operatorOutputs(args: OperatorOutputsArgs): Record<string, pulumi.Input<unknown>> {
    const { settings, langsmith } = args;
    const outputs: Record<string, pulumi.Input<unknown>> = {
        kubeconfigCommand: kubeconfigCommand(settings),
        langsmithAccess: langsmith.url ?? portForwardCommand(settings),
        bootstrapJobName: pulumi.interpolate`${settings.kubernetes.bootstrapNamespace}/${args.bootstrap.jobName}`,
        [MAJOR_VERSION_OUTPUT]: settings.postgres.version,
        databaseChangesLand: changesLandSentence(settings.cloud, maintenancePlanOf(settings), args.majorChange),
    };
    if (langsmith.initialAdminPassword) {
        outputs.initialAdminEmail = settings.chart.initialOrgAdminEmail;
        outputs.initialAdminPassword = pulumi.secret(langsmith.initialAdminPassword);
    }
    return outputs;
}

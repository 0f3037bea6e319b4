import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import type { WorkloadIdentityBinding } from "../identity/contract";

/** The annotation GKE Workload Identity reads on a Kubernetes service account. */
export const GKE_SA_ANNOTATION = "iam.gke.io/gcp-service-account";

/** `serviceAccount:<pool>[<ns>/<sa>]`: one Kubernetes service account as an IAM principal. */
export function workloadIdentityMember(workloadPool: string, namespace: string, serviceAccount: string): string {
    if (!/^[a-z][a-z0-9-]{4,28}[a-z0-9]\.svc\.id\.goog$/.test(workloadPool))
        throw new Error(`not a GKE workload pool (<project>.svc.id.goog): ${JSON.stringify(workloadPool)}`);
    return `serviceAccount:${workloadPool}[${namespace}/${serviceAccount}]`;
}

/** Cloud SQL's Postgres user name for a service account: its email without `.gserviceaccount.com`. */
export function cloudSqlIamUserName(serviceAccountEmail: string): string {
    if (!serviceAccountEmail.endsWith(".gserviceaccount.com"))
        throw new Error(`not a service account email: ${serviceAccountEmail}`);
    return serviceAccountEmail.slice(0, -".gserviceaccount.com".length);
}

/** Arguments of {@link GcpWorkloadIdentity}. */
export interface GcpWorkloadIdentityArgs {
    /** Project of the service account (the Cloud SQL instance's project). */
    project: string;
    /** Account id of the Google service account (the part before `@`). */
    accountId: string;
    /** The cluster's workload pool, `<project>.svc.id.goog`. */
    workloadPool: pulumi.Input<string>;
    /** Namespace of the Kubernetes service accounts. */
    namespace: string;
    /** Exactly the Kubernetes service accounts that may act as the Google service account. */
    serviceAccountNames: string[];
    /**
     * Display name of the Google service account.
     * @default "Cloud SQL IAM login"
     */
    displayName?: string;
    /**
     * Description of the Google service account.
     * @default "Workloads in namespace <namespace>: passwordless Cloud SQL access through GKE Workload Identity"
     */
    description?: string;
}

/**
 * A Google service account for LangSmith, which exactly the listed Kubernetes service accounts may
 * impersonate through GKE Workload Identity (one `roles/iam.workloadIdentityUser` binding each on the
 * service account, no wildcard). It gets no project role here: its Cloud SQL login grant is bound by
 * `GcpPostgres`, conditioned on that one instance.
 */
export class GcpWorkloadIdentity extends pulumi.ComponentResource implements WorkloadIdentityBinding {
    /** The Google service account (escape hatch). */
    public readonly serviceAccount: gcp.serviceaccount.Account;
    /** One Workload Identity binding per Kubernetes service account. */
    public readonly workloadIdentityBindings: gcp.serviceaccount.IAMMember[];
    /** Email of the Google service account. */
    public readonly email: pulumi.Output<string>;
    /** The Cloud SQL user name of the service account (`<id>@<project>.iam`). */
    public readonly databaseUserName: pulumi.Output<string>;
    /** Annotations for the Kubernetes service accounts (`iam.gke.io/gcp-service-account`). */
    public readonly serviceAccountAnnotations: pulumi.Output<Record<string, string>>;
    /** Pod labels the binding needs (none on GKE). */
    public readonly podLabels: Record<string, string> = {};

    constructor(name: string, args: GcpWorkloadIdentityArgs, opts?: pulumi.ComponentResourceOptions) {
        super("langsmith-iam:index:GcpWorkloadIdentity", name, {}, opts);
        const { namespace, serviceAccountNames } = args;
        if (serviceAccountNames.length === 0)
            throw new Error(`${name}: serviceAccountNames is empty; the service account would be usable by nobody`);

        this.serviceAccount = new gcp.serviceaccount.Account(
            `${name}-sa`,
            {
                project: args.project,
                accountId: args.accountId,
                displayName: args.displayName ?? "Cloud SQL IAM login",
                description:
                    args.description ??
                    `Workloads in namespace ${namespace}: passwordless Cloud SQL access through GKE Workload Identity`,
            },
            { parent: this },
        );
        this.email = this.serviceAccount.email;
        this.workloadIdentityBindings = serviceAccountNames.map(
            (sa) =>
                new gcp.serviceaccount.IAMMember(
                    `${name}-wi-${sa}`,
                    {
                        serviceAccountId: this.serviceAccount.name,
                        role: "roles/iam.workloadIdentityUser",
                        member: pulumi
                            .output(args.workloadPool)
                            .apply((pool) => workloadIdentityMember(pool, namespace, sa)),
                    },
                    { parent: this },
                ),
        );
        this.databaseUserName = this.email.apply(cloudSqlIamUserName);
        this.serviceAccountAnnotations = this.email.apply((email): Record<string, string> => ({
            [GKE_SA_ANNOTATION]: email,
        }));
        this.registerOutputs({
            email: this.email,
            databaseUserName: this.databaseUserName,
            serviceAccountAnnotations: this.serviceAccountAnnotations,
        });
    }
}

import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { WorkloadIdentityBinding } from "../identity/contract";
import { irsaTrustPolicy, podIdentityTrustPolicy, rdsConnectPolicy } from "./iamPolicies";
import { AwsIdentityMode } from "./identityMode";

export { AwsIdentityMode };

/** Arguments of {@link AwsWorkloadIdentity}. */
export interface AwsWorkloadIdentityArgs {
    /** `irsa` (service account annotation + OIDC trust) or `podIdentity` (EKS Pod Identity associations). */
    mode: AwsIdentityMode;
    /** Namespace of the service accounts. */
    namespace: string;
    /** Exactly the service accounts whose pods may assume the role. */
    serviceAccountNames: string[];
    /** EKS cluster name (Pod Identity associations). */
    clusterName: pulumi.Input<string>;
    /** EKS cluster ARN (Pod Identity trust condition). */
    clusterArn: pulumi.Input<string>;
    /** IAM OIDC provider ARN of the cluster (IRSA). */
    oidcProviderArn?: pulumi.Input<string>;
    /** The cluster's OIDC issuer URL (IRSA condition keys). */
    oidcIssuerUrl?: pulumi.Input<string>;
    /** The exact `rds-db:connect` resource: `arn:...:dbuser:<resource id>/<user>`. */
    dbUserArn: pulumi.Input<string>;
    /** Tags for the IAM role. */
    tags?: Record<string, string>;
    /**
     * Description of the IAM role.
     * @default "Workloads in <namespace>: passwordless RDS access"
     */
    description?: string;
}

/**
 * An IAM role that exactly the given Kubernetes service accounts can assume, allowed `rds-db:connect`
 * as one database user, bound by IRSA or by EKS Pod Identity.
 */
export class AwsWorkloadIdentity extends pulumi.ComponentResource implements WorkloadIdentityBinding {
    /** The IAM role (escape hatch). */
    public readonly role: aws.iam.Role;
    /** The inline policy granting `rds-db:connect`. */
    public readonly connectPolicy: aws.iam.RolePolicy;
    /** Pod Identity associations, one per service account (empty with IRSA). */
    public readonly podIdentityAssociations: aws.eks.PodIdentityAssociation[];
    /** ARN of the role. */
    public readonly roleArn: pulumi.Output<string>;
    /** Annotations for the service accounts (`eks.amazonaws.com/role-arn` with IRSA, none with Pod Identity). */
    public readonly serviceAccountAnnotations: pulumi.Output<Record<string, string>>;
    /** Pod labels the binding needs (none on AWS). */
    public readonly podLabels: Record<string, string> = {};

    constructor(name: string, args: AwsWorkloadIdentityArgs, opts?: pulumi.ComponentResourceOptions) {
        // No args to super: the SDK would wait for every Output in them (the DB ARN) before creating the role.
        super("langsmith-iam:index:AwsWorkloadIdentity", name, {}, opts);
        const { mode, namespace, serviceAccountNames } = args;
        if (serviceAccountNames.length === 0)
            throw new Error(`${name}: serviceAccountNames is empty; the role would trust nobody`);

        let trustPolicy: pulumi.Output<string>;
        if (mode === "irsa") {
            if (!args.oidcProviderArn || !args.oidcIssuerUrl)
                throw new Error(`${name}: IRSA needs oidcProviderArn and oidcIssuerUrl`);
            trustPolicy = pulumi.all([args.oidcProviderArn, args.oidcIssuerUrl]).apply(([oidcProviderArn, issuerUrl]) =>
                JSON.stringify(
                    irsaTrustPolicy({
                        oidcProviderArn,
                        issuerUrl,
                        namespace,
                        serviceAccounts: serviceAccountNames,
                    }),
                ),
            );
        } else {
            trustPolicy = pulumi
                .output(args.clusterArn)
                .apply((clusterArn) =>
                    JSON.stringify(
                        podIdentityTrustPolicy({ clusterArn, namespace, serviceAccounts: serviceAccountNames }),
                    ),
                );
        }

        this.role = new aws.iam.Role(
            `${name}-role`,
            {
                description: args.description ?? `Workloads in ${namespace}: passwordless RDS access`,
                assumeRolePolicy: trustPolicy,
                maxSessionDuration: 3600,
                tags: args.tags,
            },
            { parent: this },
        );
        this.connectPolicy = new aws.iam.RolePolicy(
            `${name}-rds-connect`,
            {
                role: this.role.id,
                policy: pulumi.output(args.dbUserArn).apply((arn) => JSON.stringify(rdsConnectPolicy(arn))),
            },
            { parent: this },
        );
        this.podIdentityAssociations =
            mode === "podIdentity"
                ? serviceAccountNames.map(
                      (sa) =>
                          new aws.eks.PodIdentityAssociation(
                              `${name}-${sa}`,
                              {
                                  clusterName: args.clusterName,
                                  namespace,
                                  serviceAccount: sa,
                                  roleArn: this.role.arn,
                                  tags: args.tags,
                              },
                              { parent: this },
                          ),
                  )
                : [];

        this.roleArn = this.role.arn;
        this.serviceAccountAnnotations =
            mode === "irsa"
                ? this.role.arn.apply((arn): Record<string, string> => ({ "eks.amazonaws.com/role-arn": arn }))
                : pulumi.output<Record<string, string>>({});
        this.registerOutputs({ roleArn: this.roleArn, serviceAccountAnnotations: this.serviceAccountAnnotations });
    }
}

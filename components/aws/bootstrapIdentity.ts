import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { BootstrapLogin, BootstrapServiceAccount } from "../postgres/bootstrapLogin";
import { bootstrapSecretPolicy, irsaTrustPolicy, podIdentityTrustPolicy } from "./iamPolicies";
import type { AwsIdentityMode } from "./identityMode";

/** Arguments of {@link AwsBootstrapIdentity}. */
export interface AwsBootstrapIdentityArgs {
    /** `irsa` (service account annotation + OIDC trust) or `podIdentity` (an EKS Pod Identity association). */
    mode: AwsIdentityMode;
    /** The bootstrap Job's own service account: the only subject the role trusts. */
    serviceAccount: BootstrapServiceAccount;
    /** EKS cluster name (Pod Identity association). */
    clusterName: pulumi.Input<string>;
    /** EKS cluster ARN (Pod Identity trust condition). */
    clusterArn: pulumi.Input<string>;
    /** IAM OIDC provider ARN of the cluster (IRSA). */
    oidcProviderArn?: pulumi.Input<string>;
    /** The cluster's OIDC issuer URL (IRSA condition keys). */
    oidcIssuerUrl?: pulumi.Input<string>;
    /** The RDS-managed master user secret: the one resource the role may read. */
    secretArn: pulumi.Input<string>;
    /** Region of the secret (`kms:ViaService`). */
    region: pulumi.Input<string>;
    /** The customer-managed key the secret is encrypted with (none: the AWS-managed key). */
    kmsKeyArn?: string;
    /** Tags for the IAM role. */
    tags?: Record<string, string>;
}

/**
 * The bootstrap Job's own IAM role: trusted by exactly the Job's service account (IRSA or EKS Pod
 * Identity), allowed to read exactly the RDS master user secret (and decrypt it with exactly its
 * key). LangSmith's role cannot read the secret, and this role cannot connect as the app.
 */
export class AwsBootstrapIdentity extends pulumi.ComponentResource {
    /** The IAM role (escape hatch). */
    public readonly role: aws.iam.Role;
    /** The inline policy granting `secretsmanager:GetSecretValue` on the secret. */
    public readonly secretPolicy: aws.iam.RolePolicy;
    /** The Pod Identity association for the Job's service account (Pod Identity only). */
    public readonly podIdentityAssociation?: aws.eks.PodIdentityAssociation;
    /** ARN of the role. */
    public readonly roleArn: pulumi.Output<string>;
    /** Annotations for the Job's service account (`eks.amazonaws.com/role-arn` with IRSA, none with Pod Identity). */
    public readonly serviceAccountAnnotations: pulumi.Output<Record<string, string>>;

    constructor(name: string, args: AwsBootstrapIdentityArgs, opts?: pulumi.ComponentResourceOptions) {
        super("langsmith-iam:index:AwsBootstrapIdentity", name, {}, opts);
        const { mode, serviceAccount } = args;
        const subject = { namespace: serviceAccount.namespace, serviceAccounts: [serviceAccount.name] };
        let trustPolicy: pulumi.Output<string>;
        if (mode === "irsa") {
            if (!args.oidcProviderArn || !args.oidcIssuerUrl)
                throw new Error(`${name}: IRSA needs oidcProviderArn and oidcIssuerUrl`);
            trustPolicy = pulumi
                .all([args.oidcProviderArn, args.oidcIssuerUrl])
                .apply(([oidcProviderArn, issuerUrl]) =>
                    JSON.stringify(irsaTrustPolicy({ oidcProviderArn, issuerUrl, ...subject })),
                );
        } else {
            trustPolicy = pulumi
                .output(args.clusterArn)
                .apply((clusterArn) => JSON.stringify(podIdentityTrustPolicy({ clusterArn, ...subject })));
        }
        this.role = new aws.iam.Role(
            `${name}-role`,
            {
                description: `Database bootstrap (${serviceAccount.namespace}/${serviceAccount.name}): reads the RDS master user secret`,
                assumeRolePolicy: trustPolicy,
                maxSessionDuration: 3600,
                tags: args.tags,
            },
            { parent: this },
        );
        this.secretPolicy = new aws.iam.RolePolicy(
            `${name}-secret`,
            {
                role: this.role.id,
                policy: pulumi
                    .all([args.secretArn, args.region])
                    .apply(([secretArn, region]) =>
                        JSON.stringify(bootstrapSecretPolicy({ secretArn, region, kmsKeyArn: args.kmsKeyArn })),
                    ),
            },
            { parent: this },
        );
        if (mode === "podIdentity") {
            this.podIdentityAssociation = new aws.eks.PodIdentityAssociation(
                `${name}-association`,
                {
                    clusterName: args.clusterName,
                    namespace: serviceAccount.namespace,
                    serviceAccount: serviceAccount.name,
                    roleArn: this.role.arn,
                    tags: args.tags,
                },
                { parent: this },
            );
        }
        this.roleArn = this.role.arn;
        this.serviceAccountAnnotations =
            mode === "irsa"
                ? this.role.arn.apply((arn): Record<string, string> => ({ "eks.amazonaws.com/role-arn": arn }))
                : pulumi.output<Record<string, string>>({});
        this.registerOutputs({ roleArn: this.roleArn });
    }

    /**
     * What the bootstrap Job needs to log in as the master user: the secret to read at run time with
     * this role, in the instance's region, and the RDS CA bundle for `verify-full`.
     */
    loginFor(
        postgres: {
            adminUser: pulumi.Output<string>;
            masterUserSecretArn: pulumi.Output<string>;
            caCertificate: pulumi.Output<string>;
        },
        region: string,
    ): BootstrapLogin {
        return {
            user: postgres.adminUser,
            credential: { cloud: "aws", region, secretArn: postgres.masterUserSecretArn },
            serviceAccountAnnotations: this.serviceAccountAnnotations,
            podLabels: {},
            caCertificate: postgres.caCertificate,
        };
    }
}

/** The `langsmith:aws` config block. */
import { z } from "zod";

export const awsSchema = z.strictObject({
    /** AWS region of the EKS cluster and the database, e.g. us-east-1. */
    region: z.string().regex(/^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/, {
        error: (iss) => `${JSON.stringify(iss.input)} is not an AWS region like us-east-1; set the cluster's region`,
    }),
    /** Name of the existing EKS cluster. */
    clusterName: z.string().regex(/^[0-9A-Za-z][A-Za-z0-9\-_]{0,99}$/, {
        error: (iss) => `${JSON.stringify(iss.input)} is not a valid EKS cluster name; set the name shown by 'aws eks list-clusters'`,
    }),
    /** How pods get the IAM role: `irsa` (annotated service accounts) or `podIdentity` (EKS Pod Identity). */
    identityMode: z.enum(["irsa", "podIdentity"], { error: "is not an identity mode; set irsa or podIdentity" }).default("irsa"),
    /** Override: the VPC (default: the cluster's). */
    vpcId: z
        .string()
        .regex(/^vpc-[0-9a-f]+$/, { error: "is not a VPC id like vpc-0abc123; set the id or remove the key" })
        .optional(),
    /** Override: private subnets for the DB subnet group (default: the VPC's subnets tagged kubernetes.io/role/internal-elb=1). */
    subnetIds: z
        .array(z.string().regex(/^subnet-[0-9a-f]+$/, { error: "is not a subnet id; set an id like subnet-0abc123" }))
        .min(2, { error: "needs at least two subnets in different availability zones; add another private subnet" })
        .optional(),
    /** Override: security groups allowed to reach port 5432 (default: the cluster security group). */
    allowedSecurityGroupIds: z
        .array(z.string().regex(/^sg-[0-9a-f]+$/, { error: "is not a security group id; set an id like sg-0abc123 (CIDR ranges are not accepted: only security groups)" }))
        .min(1)
        .optional(),
    /** Override: the IAM OIDC provider ARN of the cluster (IRSA only; default: looked up from the cluster's issuer). */
    oidcProviderArn: z
        .string()
        .regex(/^arn:aws[a-z-]*:iam::\d{12}:oidc-provider\/.+$/, { error: "is not an IAM OIDC provider ARN; set arn:aws:iam::<account>:oidc-provider/<issuer host/path>" })
        .optional(),
    /** Optional customer-managed KMS key for storage encryption (default: the AWS-managed key). */
    kmsKeyArn: z
        .string()
        .regex(/^arn:aws[a-z-]*:kms:/, { error: "is not a KMS key ARN; set arn:aws:kms:<region>:<account>:key/<id> or remove it" })
        .optional(),
});

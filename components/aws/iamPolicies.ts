/**
 * IAM policy documents as pure functions, typed by the AWS SDK's own `PolicyDocument` type, so the
 * exact subjects and resources can be asserted without any cloud.
 */
import type * as aws from "@pulumi/aws";
import { serviceAccountSubject } from "../identity/contract";

/** The issuer URL without scheme: the prefix of IRSA's condition keys. */
export function issuerHostPath(issuerUrl: string): string {
    return issuerUrl.replace(/^https:\/\//, "").replace(/\/$/, "");
}

/** IRSA: trust the cluster's OIDC provider for exactly these service accounts, audience sts.amazonaws.com. */
export function irsaTrustPolicy(args: {
    oidcProviderArn: string;
    issuerUrl: string;
    namespace: string;
    serviceAccounts: string[];
}): aws.iam.PolicyDocument {
    const issuer = issuerHostPath(args.issuerUrl);
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "TrustedServiceAccounts",
                Effect: "Allow",
                Principal: { Federated: args.oidcProviderArn },
                Action: "sts:AssumeRoleWithWebIdentity",
                Condition: {
                    StringEquals: {
                        [`${issuer}:aud`]: "sts.amazonaws.com",
                        [`${issuer}:sub`]: args.serviceAccounts.map((sa) => serviceAccountSubject(args.namespace, sa)),
                    },
                },
            },
        ],
    };
}

/**
 * EKS Pod Identity: trust the Pod Identity service, narrowed by the session tags it sets to this
 * cluster, this namespace and exactly these service accounts.
 */
export function podIdentityTrustPolicy(args: {
    clusterArn: string;
    namespace: string;
    serviceAccounts: string[];
}): aws.iam.PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "TrustedPodIdentity",
                Effect: "Allow",
                Principal: { Service: "pods.eks.amazonaws.com" },
                Action: ["sts:AssumeRole", "sts:TagSession"],
                Condition: {
                    StringEquals: {
                        "aws:RequestTag/eks-cluster-arn": args.clusterArn,
                        "aws:RequestTag/kubernetes-namespace": args.namespace,
                        "aws:RequestTag/kubernetes-service-account": args.serviceAccounts,
                    },
                },
            },
        ],
    };
}

/** `rds-db:connect` on exactly one database user of one instance. */
export function rdsConnectPolicy(dbUserArn: string): aws.iam.PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [{ Sid: "ConnectAsIamUser", Effect: "Allow", Action: "rds-db:connect", Resource: dbUserArn }],
    };
}

/**
 * `arn:<partition>:rds-db:<region>:<account>:dbuser:<resource id>/<user>`, with partition, region and
 * account taken from the instance's own ARN (`arn:<partition>:rds:<region>:<account>:db:<id>`).
 */
export function rdsDbUserArn(instanceArn: string, dbResourceId: string, dbUser: string): string {
    const parts = instanceArn.split(":");
    if (parts.length < 7 || parts[2] !== "rds") throw new Error(`not an RDS instance ARN: ${instanceArn}`);
    const [, partition, , region, account] = parts;
    return `arn:${partition}:rds-db:${region}:${account}:dbuser:${dbResourceId}/${dbUser}`;
}

/**
 * The bootstrap role's only permission: read exactly the RDS-managed master user secret, and, when
 * that secret is under a customer-managed key, decrypt with exactly that key and only through
 * Secrets Manager in the secret's region (`kms:ViaService`). A secret under the AWS-managed
 * `aws/secretsmanager` key needs no KMS permission in the caller's policy
 * (https://docs.aws.amazon.com/secretsmanager/latest/userguide/security-encryption.html).
 */
export function bootstrapSecretPolicy(args: {
    secretArn: string;
    region: string;
    kmsKeyArn?: string;
}): aws.iam.PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "ReadRdsMasterUserSecret",
                Effect: "Allow",
                Action: "secretsmanager:GetSecretValue",
                Resource: args.secretArn,
            },
            ...(args.kmsKeyArn
                ? [
                      {
                          Sid: "DecryptRdsMasterUserSecret",
                          Effect: "Allow" as const,
                          Action: "kms:Decrypt",
                          Resource: args.kmsKeyArn,
                          Condition: {
                              StringEquals: { "kms:ViaService": `secretsmanager.${args.region}.amazonaws.com` },
                          },
                      },
                  ]
                : []),
        ],
    };
}

/**
 * The S3 blob bucket's policy documents as pure functions (evaluated in tests by an IAM policy
 * evaluator): the bucket refuses plain HTTP and, when pinned, data access from outside the VPC
 * endpoint; the workload role may read, write and delete objects and list exactly this bucket.
 */
import type * as aws from "@pulumi/aws";

/** Object-level actions LangSmith uses (multipart uploads are `s3:PutObject` too). */
export const S3_OBJECT_ACTIONS: string[] = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"];

/** The bucket policy: TLS only; with `vpcEndpointId`, object reads/writes and listing only through that endpoint. */
export function blobBucketPolicy(args: { bucketArn: string; vpcEndpointId?: string }): aws.iam.PolicyDocument {
    const both = [args.bucketArn, `${args.bucketArn}/*`];
    const statements: aws.iam.PolicyStatement[] = [
        {
            Sid: "DenyInsecureTransport",
            Effect: "Deny",
            Principal: "*",
            Action: "s3:*",
            Resource: both,
            Condition: { Bool: { "aws:SecureTransport": "false" } },
        },
    ];
    if (args.vpcEndpointId) {
        // Data actions only: bucket management (policy, lifecycle) stays possible from outside the
        // VPC, so the deployment can never lock itself out.
        statements.push({
            Sid: "DenyDataAccessOutsideVpcEndpoint",
            Effect: "Deny",
            Principal: "*",
            Action: [...S3_OBJECT_ACTIONS, "s3:ListBucket"],
            Resource: both,
            Condition: { StringNotEquals: { "aws:SourceVpce": args.vpcEndpointId } },
        });
    }
    return { Version: "2012-10-17", Statement: statements };
}

/** The workload role's grant: objects of this bucket, listing of this bucket, and the CMK when one is used. */
export function blobAccessPolicy(args: { bucketArn: string; kmsKeyArn?: string }): aws.iam.PolicyDocument {
    const statements: aws.iam.PolicyStatement[] = [
        {
            Sid: "LangSmithBlobObjects",
            Effect: "Allow",
            Action: S3_OBJECT_ACTIONS,
            Resource: `${args.bucketArn}/*`,
        },
        { Sid: "LangSmithBlobList", Effect: "Allow", Action: "s3:ListBucket", Resource: args.bucketArn },
    ];
    if (args.kmsKeyArn) {
        statements.push({
            Sid: "LangSmithBlobKey",
            Effect: "Allow",
            Action: ["kms:GenerateDataKey", "kms:Decrypt"],
            Resource: args.kmsKeyArn,
        });
    }
    return { Version: "2012-10-17", Statement: statements };
}

/**
 * The AWS blob storage of a stack: the bucket name (given, or derived from project, stack, account
 * and region), the optional S3 gateway endpoint, and the bucket with the workload role's grant.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { AwsStackSettings } from "../config/settings";
import { CONFIG_NAMESPACE, ConfigError } from "../config/errors";
import { defaultBucketName, s3BucketNameProblem, S3_NAMING } from "../../components/blob/names";
import { AwsBlobBucket } from "../../components/aws/bucket";

/** What the blob storage needs from the rest of the AWS deploy. */
export interface AwsBlobContext {
    provider: aws.Provider;
    /** Name of the workload identity's role. */
    roleName: pulumi.Input<string>;
    vpcId: pulumi.Input<string>;
    /** Subnets whose route tables get the gateway endpoint (the cluster's). */
    clusterSubnetIds: pulumi.Input<string[]>;
    tags: Record<string, string>;
}

/** The bucket name: the configured one, or the derived default (checked against S3's rules before any resource). */
export function awsBucketName(settings: AwsStackSettings, accountId: pulumi.Input<string>): pulumi.Output<string> {
    const given = settings.blobStorage.bucketName;
    if (given) return pulumi.output(given);
    const project = pulumi.getProject();
    const stack = pulumi.getStack();
    // The hash is hex, so the stem decides whether S3 accepts the name: check it with any account.
    const problem = s3BucketNameProblem(defaultBucketName(project, stack, ["000000000000", settings.aws.region]));
    if (problem)
        throw new ConfigError(
            `${CONFIG_NAMESPACE}:blobStorage.bucketName`,
            `is unset and the default derived from project ${project} and stack ${stack} ${problem} (${S3_NAMING}); set a bucket name`,
        );
    return pulumi
        .output(accountId)
        .apply((account) => defaultBucketName(project, stack, [account, settings.aws.region]));
}

export function deployAwsBlob(settings: AwsStackSettings, ctx: AwsBlobContext): AwsBlobBucket | undefined {
    const blob = settings.blobStorage;
    if (!blob.enabled) return undefined;
    const opts = { provider: ctx.provider };
    const region = settings.aws.region;
    const accountId = aws.getCallerIdentityOutput({}, opts).accountId;
    const bucketName = awsBucketName(settings, accountId);

    let vpcEndpointId: pulumi.Input<string> | undefined = blob.s3VpcEndpointId;
    if (blob.createS3GatewayEndpoint) {
        // The route tables of the cluster's subnets: pods' S3 traffic then leaves through the endpoint.
        const routeTableIds = aws.ec2
            .getRouteTablesOutput(
                {
                    vpcId: ctx.vpcId,
                    filters: [{ name: "association.subnet-id", values: ctx.clusterSubnetIds }],
                },
                opts,
            )
            .ids.apply((ids) => {
                if (ids.length === 0)
                    throw new Error(
                        `${CONFIG_NAMESPACE}:blobStorage.createS3GatewayEndpoint: the cluster's subnets have no explicitly associated route table; add the endpoint to the main route table yourself and set langsmith:blobStorage.s3VpcEndpointId`,
                    );
                return [...ids].sort();
            });
        const endpoint = new aws.ec2.VpcEndpoint(
            "langsmith-s3-endpoint",
            {
                vpcId: ctx.vpcId,
                serviceName: `com.amazonaws.${region}.s3`,
                vpcEndpointType: "Gateway",
                routeTableIds,
                tags: ctx.tags,
            },
            { provider: ctx.provider },
        );
        vpcEndpointId = endpoint.id;
    }

    return new AwsBlobBucket(
        "langsmith-blob",
        {
            bucketName,
            region,
            roleName: ctx.roleName,
            kmsKeyArn: settings.aws.kmsKeyArn,
            vpcEndpointId,
            retention: {
                shortTtlDays: blob.shortTtlDays,
                longTtlDays: blob.longTtlDays,
                extraTtlDays: blob.extraTtlDays,
            },
            production: settings.production,
            tags: ctx.tags,
        },
        { providers: { aws: ctx.provider } },
    );
}

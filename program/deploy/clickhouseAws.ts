/**
 * LangSmith-managed ClickHouse on AWS: the PrivateLink interface endpoint to the service name
 * LangChain provides, in one private subnet per Availability Zone, admitting the same sources as the
 * database on the ClickHouse ports.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { AwsStackSettings } from "../config/settings";
import { awsClickHouseEndpoint, type AwsClickHouseEndpoint } from "../../components/aws/clickhouseEndpoint";

/** What the endpoint needs from the rest of the AWS deploy. */
export interface AwsClickHouseContext {
    provider: aws.Provider;
    vpcId: pulumi.Input<string>;
    /** The stack's private subnets (the database's). */
    subnetIds: pulumi.Input<string[]>;
    allowedSecurityGroupIds: pulumi.Input<string>[];
    allowedPrefixListId?: pulumi.Input<string>;
    tags: Record<string, string>;
}

/**
 * The first subnet (in id order) of each Availability Zone: an interface endpoint takes at most one
 * subnet per zone (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVpcEndpoint.html, SubnetIds).
 */
export function oneSubnetPerZone(subnets: { id: string; availabilityZone: string }[]): string[] {
    const byZone = new Map<string, string>();
    for (const s of [...subnets].sort((a, b) => a.id.localeCompare(b.id)))
        if (!byZone.has(s.availabilityZone)) byZone.set(s.availabilityZone, s.id);
    return [...byZone.values()].sort();
}

/** The endpoint, with `langsmith:clickhouse.mode` langsmithManaged; nothing otherwise. */
export function deployAwsClickHouseEndpoint(
    settings: AwsStackSettings,
    ctx: AwsClickHouseContext,
): AwsClickHouseEndpoint | undefined {
    const ch = settings.clickhouse;
    if (ch.mode !== "langsmithManaged" || !ch.privateConnection) return undefined;
    const invokeOpts = { provider: ctx.provider };
    const subnetIds = pulumi
        .output(ctx.subnetIds)
        .apply((ids) => Promise.all(ids.map((id) => aws.ec2.getSubnet({ id }, invokeOpts))))
        .apply((subnets) => oneSubnetPerZone(subnets.map((s) => ({ id: s.id, availabilityZone: s.availabilityZone }))));
    return awsClickHouseEndpoint(
        "langsmith-clickhouse",
        {
            serviceName: ch.privateConnection.serviceName,
            vpcId: ctx.vpcId,
            subnetIds,
            ports: [ch.port, ch.nativePort],
            allowedSecurityGroupIds: ctx.allowedSecurityGroupIds,
            allowedPrefixListId: ctx.allowedPrefixListId,
            description: "LangSmith-managed ClickHouse endpoint: ClickHouse ports from the EKS cluster only",
            tags: ctx.tags,
        },
        { provider: ctx.provider },
    );
}

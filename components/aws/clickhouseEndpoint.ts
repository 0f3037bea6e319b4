/**
 * A private connection to a ClickHouse service another account runs (LangSmith-managed ClickHouse on
 * ClickHouse Cloud): an interface VPC endpoint to the endpoint service name the provider hands over,
 * with private DNS so the service's host name resolves to the endpoint's addresses inside the VPC,
 * and a security group admitting only the given sources on the ClickHouse ports
 * (https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html).
 */
import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { tcpIngressRules } from "./ingress";

/** Arguments of {@link awsClickHouseEndpoint}. */
export interface AwsClickHouseEndpointArgs {
    /** The endpoint service name (`com.amazonaws.vpce.<region>.vpce-svc-...`). */
    serviceName: string;
    vpcId: pulumi.Input<string>;
    /** Subnets for the endpoint's network interfaces: at most one per Availability Zone. */
    subnetIds: pulumi.Input<string[]>;
    /** The TCP ports the service listens on (HTTP and native, e.g. 8443 and 9440). */
    ports: number[];
    /** Security groups allowed to reach the ports; one ingress rule per group and port. */
    allowedSecurityGroupIds: pulumi.Input<string>[];
    /** A managed prefix list of IPv4 blocks allowed to reach the ports. */
    allowedPrefixListId?: pulumi.Input<string>;
    /** The security group's description (replaces the group when it changes). */
    description: string;
    tags?: Record<string, string>;
}

export interface AwsClickHouseEndpoint {
    securityGroup: aws.ec2.SecurityGroup;
    ingressRules: aws.vpc.SecurityGroupIngressRule[];
    endpoint: aws.ec2.VpcEndpoint;
}

/** The security group, its ingress rules and the interface endpoint. */
export function awsClickHouseEndpoint(
    name: string,
    args: AwsClickHouseEndpointArgs,
    opts: pulumi.CustomResourceOptions,
): AwsClickHouseEndpoint {
    if (args.allowedSecurityGroupIds.length === 0 && args.allowedPrefixListId === undefined)
        throw new Error(`${name}: no allowed security group or prefix list; nothing could reach the endpoint`);
    const securityGroup = new aws.ec2.SecurityGroup(
        `${name}-sg`,
        { description: args.description, vpcId: args.vpcId, tags: args.tags },
        opts,
    );
    const ingressRules: aws.vpc.SecurityGroupIngressRule[] = [];
    for (const port of args.ports) {
        const rule = tcpIngressRules(`${name}-${port}`, securityGroup.id, port, args.tags, opts);
        args.allowedSecurityGroupIds.forEach((referencedSecurityGroupId, i) =>
            ingressRules.push(rule(String(i), `ClickHouse ${port} from the cluster`, { referencedSecurityGroupId })),
        );
        if (args.allowedPrefixListId !== undefined)
            ingressRules.push(
                rule("cidrs", `ClickHouse ${port} from the cluster subnets`, {
                    prefixListId: args.allowedPrefixListId,
                }),
            );
    }
    const endpoint = new aws.ec2.VpcEndpoint(
        `${name}-endpoint`,
        {
            vpcId: args.vpcId,
            serviceName: args.serviceName,
            vpcEndpointType: "Interface",
            // The provider's host name resolves to the endpoint's private addresses inside this VPC.
            privateDnsEnabled: true,
            subnetIds: args.subnetIds,
            securityGroupIds: [securityGroup.id],
            tags: args.tags,
        },
        opts,
    );
    return { securityGroup, ingressRules, endpoint };
}

import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";

/** Where an ingress rule admits traffic from: another security group, or a managed prefix list. */
export type IngressSource = Pick<aws.vpc.SecurityGroupIngressRuleArgs, "referencedSecurityGroupId" | "prefixListId">;

/**
 * A maker of one-port TCP ingress rules on a store's security group, named `<name>-ingress-<suffix>`
 * (one rule per source, so adding a source never rewrites another's rule).
 */
export function tcpIngressRules(
    name: string,
    securityGroupId: pulumi.Input<string>,
    port: number,
    tags: Record<string, string> | undefined,
    opts: pulumi.CustomResourceOptions,
): (suffix: string, description: string, source: IngressSource) => aws.vpc.SecurityGroupIngressRule {
    return (suffix, description, source) =>
        new aws.vpc.SecurityGroupIngressRule(
            `${name}-ingress-${suffix}`,
            { securityGroupId, description, ipProtocol: "tcp", fromPort: port, toPort: port, ...source, tags },
            opts,
        );
}

/**
 * Checks before an AWS stack creates anything: the EKS cluster exists; with IRSA its IAM OIDC
 * provider exists; with Pod Identity the EKS Pod Identity Agent add-on is installed; the database
 * subnets exist (two or more). Each failure names the key and the command that fixes it.
 */
import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import type { AwsStackSettings } from "../../config/settings";
import { lookUp, refuse } from "./common";

/** The add-on that runs the EKS Pod Identity Agent on every node (https://docs.aws.amazon.com/eks/latest/userguide/pod-id-agent-setup.html). */
export const POD_IDENTITY_AGENT_ADDON = "eks-pod-identity-agent";

export async function awsPreflight(settings: AwsStackSettings, opts: pulumi.InvokeOptions): Promise<void> {
    const { region, clusterName } = settings.aws;
    const cluster = await lookUp(
        "aws.clusterName",
        (reason) =>
            `EKS cluster ${clusterName} was not found in ${region} (${reason}); check the name and region with: aws eks list-clusters --region ${region}`,
        () => aws.eks.getCluster({ name: clusterName }, opts),
    );
    if (settings.aws.identityMode === "irsa" && !settings.aws.oidcProviderArn) {
        const issuer = cluster.identities[0]?.oidcs[0]?.issuer ?? "";
        await lookUp(
            "aws.identityMode",
            () =>
                `is irsa, but EKS cluster ${clusterName} has no IAM OIDC provider for its issuer ${issuer || "(none)"}; create it with: eksctl utils associate-iam-oidc-provider --region ${region} --cluster ${clusterName} --approve (or set langsmith:aws.identityMode to podIdentity)`,
            () => aws.iam.getOpenIdConnectProvider({ url: issuer }, opts),
        );
    }
    if (settings.aws.identityMode === "podIdentity") {
        await lookUp(
            "aws.identityMode",
            () =>
                `is podIdentity, but EKS cluster ${clusterName} does not run the ${POD_IDENTITY_AGENT_ADDON} add-on; install it with: aws eks create-addon --region ${region} --cluster-name ${clusterName} --addon-name ${POD_IDENTITY_AGENT_ADDON} (or set langsmith:aws.identityMode to irsa)`,
            () => aws.eks.getAddon({ clusterName, addonName: POD_IDENTITY_AGENT_ADDON }, opts),
        );
    }
    if (settings.aws.subnetIds) {
        for (const id of settings.aws.subnetIds) {
            await lookUp(
                "aws.subnetIds",
                (reason) =>
                    `lists ${id}, which was not found in ${region} (${reason}); list the VPC's subnets with: aws ec2 describe-subnets --region ${region} --filters Name=vpc-id,Values=${cluster.vpcConfig.vpcId}`,
                () => aws.ec2.getSubnet({ id }, opts),
            );
        }
    } else {
        const found = await aws.ec2.getSubnets(
            {
                filters: [
                    { name: "vpc-id", values: [settings.aws.vpcId ?? cluster.vpcConfig.vpcId] },
                    { name: "tag:kubernetes.io/role/internal-elb", values: ["1"] },
                ],
            },
            opts,
        );
        if (found.ids.length < 2)
            refuse(
                "aws.subnetIds",
                `is needed: the cluster's VPC has ${found.ids.length} private subnet(s) tagged kubernetes.io/role/internal-elb=1 and RDS needs two in different availability zones; set langsmith:aws.subnetIds (aws ec2 describe-subnets --region ${region} --filters Name=vpc-id,Values=${cluster.vpcConfig.vpcId})`,
            );
    }
}

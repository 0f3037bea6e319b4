/**
 * The AWS path: look up the EKS cluster (VPC, private subnets, security group, OIDC provider), create
 * RDS and the IAM role side by side, then the shared Kubernetes side.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import type { AwsStackSettings } from "../config/settings";
import { clusterProvider, eksKubeconfig } from "../../components/kubernetes/provider";
import { deployKubernetesSide, serviceAccountsFor } from "./kubernetesSide";
import { AWS_IAM_ROLE_MODEL } from "../../components/postgres/bootstrapSql";
import { cloudTags } from "../config/tags";
import { defaultMaxAllocatedStorage } from "../config/aws";
import { AwsWorkloadIdentity } from "../../components/aws/identity";
import { AwsBootstrapIdentity } from "../../components/aws/bootstrapIdentity";
import { bootstrapServiceAccountOf } from "../config/derivedNames";
import { AwsPostgres, type AwsAllowedCidr } from "../../components/aws/postgres";
import { rdsBackupWindow, rdsMaintenanceWindow, type MajorVersionChange } from "../config/maintenance";
import { operatorOutputs } from "./operatorOutputs";
import { awsPreflight } from "./preflight/aws";
import { AwsRedis } from "../../components/aws/redis";
import { elastiCacheUserIdFrom } from "../../components/aws/redisNames";
import { deployAwsBlob } from "./awsBlob";
import { deployAwsClickHouseEndpoint } from "./clickhouseAws";

export const AWS_DEFAULT_INSTANCE_CLASS = { dev: "db.t4g.large", production: "db.m7g.large" } as const;
export const AWS_DEFAULT_IAM_USER = "langsmith";

export async function deployAws(
    settings: AwsStackSettings,
    majorChange: MajorVersionChange = { to: settings.postgres.version },
) {
    const awsSettings = settings.aws;
    const tags = cloudTags("aws", settings.tags);
    const provider = new aws.Provider("aws", { region: awsSettings.region as aws.Region, defaultTags: { tags } });
    const invokeOpts = { provider };
    // What the stack depends on exists, or the run stops here with the fix, before any resource.
    await awsPreflight(settings, invokeOpts);

    const cluster = aws.eks.getClusterOutput({ name: awsSettings.clusterName }, invokeOpts);
    const vpcId = awsSettings.vpcId ?? cluster.vpcConfig.vpcId;
    const subnetIds =
        awsSettings.subnetIds ??
        aws.ec2
            .getSubnetsOutput(
                {
                    filters: [
                        { name: "vpc-id", values: [vpcId] },
                        { name: "tag:kubernetes.io/role/internal-elb", values: ["1"] },
                    ],
                },
                invokeOpts,
            )
            .ids.apply((ids) => {
                if (ids.length < 2) {
                    throw new Error(
                        `langsmith:aws.subnetIds: found ${ids.length} private subnet(s) tagged kubernetes.io/role/internal-elb=1 in the cluster's VPC; RDS needs two in different AZs. Set langsmith:aws.subnetIds.`,
                    );
                }
                return [...ids].sort();
            });
    // Who may reach 5432. Explicit keys replace the default entirely. The default is the cluster
    // security group (nodes of managed node groups without a custom launch template, Fargate) plus
    // the CIDR blocks of the cluster's subnets: nodes from custom launch templates and Karpenter
    // usually lack the cluster security group, and with the VPC CNI their pods take addresses from
    // the node's subnet.
    const explicitSources =
        awsSettings.allowedSecurityGroupIds !== undefined || awsSettings.allowedCidrBlocks !== undefined;
    const allowedSecurityGroupIds = explicitSources
        ? (awsSettings.allowedSecurityGroupIds ?? [])
        : [cluster.vpcConfig.clusterSecurityGroupId];
    const allowedCidrs: pulumi.Input<AwsAllowedCidr[]> | undefined = explicitSources
        ? awsSettings.allowedCidrBlocks?.map((cidr) => ({ cidr, description: "langsmith:aws.allowedCidrBlocks" }))
        : clusterSubnetCidrs(awsSettings.clusterName, cluster.vpcConfig.subnetIds, invokeOpts);
    const issuerUrl = cluster.identities.apply((ids) => ids[0]?.oidcs[0]?.issuer ?? "");
    const irsa = awsSettings.identityMode === "irsa";
    const oidcProviderArn = irsa
        ? (awsSettings.oidcProviderArn ?? aws.iam.getOpenIdConnectProviderOutput({ url: issuerUrl }, invokeOpts).arn)
        : undefined;

    const k8sProvider = clusterProvider("eks", {
        kubeconfig:
            settings.kubernetes.kubeconfig ??
            pulumi.all([cluster.endpoint, cluster.certificateAuthorities]).apply(([endpoint, cas]) =>
                eksKubeconfig({
                    clusterName: awsSettings.clusterName,
                    region: awsSettings.region,
                    endpoint,
                    certificateAuthorityData: cas[0].data,
                }),
            ),
        context: settings.kubernetes.context,
    });

    const pg = settings.postgres;
    const iamUser = pg.iamUser ?? AWS_DEFAULT_IAM_USER;
    const postgres = new AwsPostgres(
        "langsmith-db",
        {
            // The program's own words; they are inputs that replace a security group when they change.
            resourceDescription: "LangSmith PostgreSQL",
            vpcId,
            subnetIds,
            allowedSecurityGroupIds,
            allowedCidrs,
            majorVersion: pg.version,
            instanceClass:
                pg.instanceClass ??
                (settings.production ? AWS_DEFAULT_INSTANCE_CLASS.production : AWS_DEFAULT_INSTANCE_CLASS.dev),
            storageGb: pg.storageGb,
            maxStorageGb: pg.maxStorageGb ?? defaultMaxAllocatedStorage(pg.storageGb),
            multiAz: pg.highAvailability,
            backupRetentionDays: pg.backupRetentionDays,
            database: pg.database,
            iamUser,
            adminUser: pg.adminUser,
            sslMode: pg.sslMode,
            production: settings.production,
            kmsKeyArn: awsSettings.kmsKeyArn,
            applyImmediately: pg.applyNow,
            allowMajorVersionUpgrade: majorChange.from !== undefined && majorChange.from < majorChange.to,
            maintenanceWindow: rdsMaintenanceWindow(pg.maintenanceWindow),
            backupWindow: rdsBackupWindow(pg.backupHour),
            region: awsSettings.region,
            finalSnapshotIdentifier: finalSnapshotIdentifier(settings),
            tags,
        },
        { providers: { aws: provider } },
    );
    // The bootstrap Job's own role: reads the master user secret RDS keeps, nothing else.
    const bootstrapIdentity = new AwsBootstrapIdentity(
        "langsmith-db-bootstrap-identity",
        {
            mode: awsSettings.identityMode,
            serviceAccount: bootstrapServiceAccountOf(settings),
            clusterName: awsSettings.clusterName,
            clusterArn: cluster.arn,
            oidcProviderArn,
            oidcIssuerUrl: issuerUrl,
            secretArn: postgres.masterUserSecretArn,
            region: awsSettings.region,
            kmsKeyArn: awsSettings.kmsKeyArn,
            tags,
        },
        { providers: { aws: provider } },
    );

    const serviceAccounts = serviceAccountsFor(settings);
    const identity = new AwsWorkloadIdentity(
        "langsmith-identity",
        {
            description: `LangSmith workloads in ${settings.kubernetes.namespace}: passwordless RDS access`,
            mode: awsSettings.identityMode,
            namespace: settings.kubernetes.namespace,
            serviceAccountNames: serviceAccounts.map((sa) => sa.name),
            clusterName: awsSettings.clusterName,
            clusterArn: cluster.arn,
            oidcProviderArn,
            oidcIssuerUrl: issuerUrl,
            dbUserArn: postgres.iamUserArn,
            tags,
        },
        { providers: { aws: provider } },
    );

    // Managed Redis: the same subnets and the same sources as the database; the role gets elasticache:Connect.
    const redisSettings = settings.redis;
    const redis =
        redisSettings.mode === "managed"
            ? new AwsRedis(
                  "langsmith-redis",
                  {
                      // The program's own words; they are inputs that replace a security group when they change.
                      resourceDescription: "LangSmith Redis",
                      vpcId,
                      subnetIds,
                      allowedSecurityGroupIds,
                      allowedPrefixListId: postgres.allowedPrefixList?.id,
                      userId:
                          redisSettings.userId ?? elastiCacheUserIdFrom(`${pulumi.getProject()}-${pulumi.getStack()}`),
                      roleName: identity.role.name,
                      nodeType: redisSettings.nodeType,
                      highAvailability: redisSettings.highAvailability,
                      snapshotRetentionDays: redisSettings.snapshotRetentionDays,
                      production: settings.production,
                      kmsKeyArn: awsSettings.kmsKeyArn,
                      tags,
                  },
                  { providers: { aws: provider } },
              )
            : undefined;

    const blob = deployAwsBlob(settings, {
        provider,
        roleName: identity.role.name,
        vpcId,
        clusterSubnetIds: cluster.vpcConfig.subnetIds,
        tags,
    });

    // LangSmith-managed ClickHouse: the PrivateLink endpoint the release waits for.
    const clickhouseEndpoint = deployAwsClickHouseEndpoint(settings, {
        provider,
        vpcId,
        subnetIds,
        allowedSecurityGroupIds,
        allowedPrefixListId: postgres.allowedPrefixList?.id,
        tags,
    });

    const { bootstrap, langsmith } = deployKubernetesSide({
        settings,
        postgres,
        redis,
        bootstrapLogin: bootstrapIdentity.loginFor(postgres, awsSettings.region),
        identity,
        blobStorage: blob,
        iamRoleModel: AWS_IAM_ROLE_MODEL,
        serviceAccounts,
        provider: k8sProvider,
        // The Job's first credential fetch needs its role's policy (and association) in place.
        bootstrapDependsOn: [
            bootstrapIdentity.secretPolicy,
            ...(bootstrapIdentity.podIdentityAssociation ? [bootstrapIdentity.podIdentityAssociation] : []),
        ],
        // The role's rds-db:connect policy (IRSA and Pod Identity) and the Pod Identity associations
        // must exist before pods start, or their first logins fail.
        releaseDependsOn: [
            identity.connectPolicy,
            ...identity.podIdentityAssociations,
            ...(redis ? [redis.connectPolicy] : []),
            ...(clickhouseEndpoint ? [clickhouseEndpoint.endpoint, ...clickhouseEndpoint.ingressRules] : []),
        ],
    });

    return {
        cloud: "aws",
        databaseHost: postgres.host,
        databasePort: postgres.port,
        databaseName: postgres.database,
        databaseIamUser: postgres.iamUser,
        databaseAllowedFrom: pulumi
            .all([postgres.allowedFrom, cluster.vpcConfig.clusterSecurityGroupId])
            .apply(([lines, clusterSg]) =>
                lines.map((line) =>
                    line === `${clusterSg} (security group)`
                        ? `${clusterSg} (security group of EKS cluster ${awsSettings.clusterName})`
                        : line,
                ),
            ),
        redisEndpoint: redis ? pulumi.interpolate`${redis.host}:${redis.port}` : "in-cluster (chart)",
        roleArn: identity.roleArn,
        blobBucketName: blob?.bucketName,
        bootstrapRoleArn: bootstrapIdentity.roleArn,
        databaseMasterUserSecretArn: postgres.masterUserSecretArn,
        identityMode: awsSettings.identityMode,
        namespace: langsmith.namespaceName,
        releaseName: langsmith.releaseName,
        releaseStatus: langsmith.releaseStatus,
        langsmithUrl: langsmith.url,
        ...operatorOutputs({ settings, majorChange, bootstrap, langsmith }),
    };
}

/**
 * The final snapshot's identifier: `<project>-<stack>-final-<random>` (unique per stack, and per
 * creation: a stack destroyed, recreated and destroyed again does not meet its own earlier snapshot).
 * Legacy-named stacks keep `langsmith-db-final-snapshot`. Changing it never replaces the instance.
 */
function finalSnapshotIdentifier(settings: AwsStackSettings): pulumi.Input<string> | undefined {
    if (!settings.production || settings.names.legacy) return undefined;
    // Not a secret: it only makes the name unique (RandomBytes marks its outputs secret).
    const suffix = new random.RandomBytes("langsmith-db-final-snapshot-suffix", { length: 4 });
    return pulumi.interpolate`${settings.names.awsFinalSnapshotPrefix}-final-${pulumi.unsecret(suffix.hex)}`;
}

/** The IPv4 blocks of the cluster's subnets, one entry per distinct block, in subnet id order. */
function clusterSubnetCidrs(
    clusterName: string,
    subnetIds: pulumi.Output<string[]>,
    opts: pulumi.InvokeOptions,
): pulumi.Output<AwsAllowedCidr[]> {
    return subnetIds
        .apply((ids) => Promise.all([...ids].sort().map((id) => aws.ec2.getSubnet({ id }, opts))))
        .apply((subnets) => {
            const seen = new Set<string>();
            const out: AwsAllowedCidr[] = [];
            for (const subnet of subnets) {
                if (!subnet.cidrBlock || seen.has(subnet.cidrBlock)) continue;
                seen.add(subnet.cidrBlock);
                out.push({
                    cidr: subnet.cidrBlock,
                    description: `subnet ${subnet.id} (${subnet.availabilityZone}) of EKS cluster ${clusterName}`,
                });
            }
            if (out.length === 0)
                throw new Error(
                    `langsmith:aws.allowedCidrBlocks: the subnets of EKS cluster ${clusterName} have no IPv4 block; set langsmith:aws.allowedCidrBlocks or langsmith:aws.allowedSecurityGroupIds`,
                );
            return out;
        });
}

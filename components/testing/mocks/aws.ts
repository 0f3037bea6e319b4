/** AWS: the resources and look-ups the AWS components make. */
import {
    autoName,
    MOCK_ACCOUNT_ID,
    stableHex,
    type AwsMockNode,
    type AwsMockSubnet,
    type InvokeMock,
    type MockWorld,
    type ResourceMock,
} from "./shared";

/** A stable UUID-shaped id from a seed. */
function mockUuid(seed: string): string {
    const h = stableHex(`uuid:${seed}`, 32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The cluster security group EKS creates for a cluster (what the cluster look-up reports). */
export function mockClusterSecurityGroupId(clusterName: string): string {
    return `sg-${stableHex(`clustersg:${clusterName}`, 17)}`;
}

/** The security group a node group's launch template (or a Karpenter node class) gives its nodes. */
export function mockNodeSecurityGroupId(clusterName: string): string {
    return `sg-${stableHex(`nodesg:${clusterName}`, 17)}`;
}

/** The subnets the EKS cluster was created with. */
export function mockClusterSubnetIds(w: MockWorld): string[] {
    return w.eksClusterSubnetIds ?? w.privateSubnetIds;
}

/** Every subnet the mocked VPC has, with its block and zone. */
export function mockSubnets(w: MockWorld): Record<string, AwsMockSubnet> {
    if (w.awsSubnets) return w.awsSubnets;
    const ids = [...new Set([...w.privateSubnetIds, ...mockClusterSubnetIds(w)])];
    return Object.fromEntries(
        ids.map((id, i) => [
            id,
            { cidrBlock: `10.0.${(i % 8) * 32}.0/19`, availabilityZone: `${w.awsRegion}${"abc"[i % 3]}` },
        ]),
    );
}

/** The worker nodes; by default one per cluster subnet, carrying a node security group only. */
export function mockNodes(w: MockWorld, clusterName: string): AwsMockNode[] {
    if (w.awsNodes) return w.awsNodes;
    const subnets = mockSubnets(w);
    return mockClusterSubnetIds(w).map((subnetId, i) => {
        const [a, b, c] = subnets[subnetId].cidrBlock.split("/")[0].split(".");
        return {
            name: `node-${i}`,
            subnetId,
            podIp: `${a}.${b}.${Number(c) + 1}.${20 + i}`,
            securityGroupIds: [mockNodeSecurityGroupId(clusterName)],
        };
    });
}

export const AWS_RESOURCE_MOCKS: Record<string, ResourceMock> = {
    "pulumi:providers:aws": (a) => ({ id: `${a.name}-provider`, state: a.inputs }),
    "aws:rds/subnetGroup:SubnetGroup": (a, w) => {
        const name = autoName(a.name);
        return {
            id: name,
            state: { ...a.inputs, name, arn: `arn:aws:rds:${w.awsRegion}:${MOCK_ACCOUNT_ID}:subgrp:${name}` },
        };
    },
    "aws:rds/parameterGroup:ParameterGroup": (a, w) => {
        const name = autoName(a.name);
        return {
            id: name,
            state: { ...a.inputs, name, arn: `arn:aws:rds:${w.awsRegion}:${MOCK_ACCOUNT_ID}:pg:${name}` },
        };
    },
    "aws:ec2/securityGroup:SecurityGroup": (a, w) => {
        const id = `sg-${stableHex(a.name, 17)}`;
        return {
            id,
            state: {
                ...a.inputs,
                name: autoName(a.name),
                arn: `arn:aws:ec2:${w.awsRegion}:${MOCK_ACCOUNT_ID}:security-group/${id}`,
            },
        };
    },
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": (a, w) => {
        const id = `sgr-${stableHex(a.name, 17)}`;
        return {
            id,
            state: {
                ...a.inputs,
                securityGroupRuleId: id,
                arn: `arn:aws:ec2:${w.awsRegion}:${MOCK_ACCOUNT_ID}:security-group-rule/${id}`,
            },
        };
    },
    "aws:ec2/managedPrefixList:ManagedPrefixList": (a, w) => {
        const id = `pl-${stableHex(a.name, 17)}`;
        return {
            id,
            state: {
                ...a.inputs,
                name: autoName(a.name),
                arn: `arn:aws:ec2:${w.awsRegion}:${MOCK_ACCOUNT_ID}:prefix-list/${id}`,
                ownerId: MOCK_ACCOUNT_ID,
                version: 1,
            },
        };
    },
    "aws:rds/instance:Instance": (a, w) => {
        const identifier = autoName(a.name);
        const address = `${identifier}.c${stableHex(a.name, 11)}.${w.awsRegion}.rds.amazonaws.com`;
        const port = Number(a.inputs.port ?? 5432);
        return {
            id: identifier,
            state: {
                ...a.inputs,
                identifier,
                address,
                port,
                endpoint: `${address}:${port}`,
                arn: `arn:aws:rds:${w.awsRegion}:${MOCK_ACCOUNT_ID}:db:${identifier}`,
                resourceId: `db-${stableHex(a.name, 26).toUpperCase()}`,
                engineVersionActual: `${a.inputs.engineVersion}.4`,
                hostedZoneId: "Z2R2ITUGPM61AM",
                status: "available",
                // RDS names the managed master secret `rds!db-<uuid>` (plus Secrets Manager's 6-character suffix).
                ...(a.inputs.manageMasterUserPassword
                    ? {
                          masterUserSecrets: [
                              {
                                  secretArn: `arn:aws:secretsmanager:${w.awsRegion}:${MOCK_ACCOUNT_ID}:secret:rds!db-${mockUuid(a.name)}-${stableHex(a.name, 6)}`,
                                  kmsKeyId:
                                      a.inputs.masterUserSecretKmsKeyId ??
                                      `arn:aws:kms:${w.awsRegion}:${MOCK_ACCOUNT_ID}:key/${mockUuid(`${a.name}-secretsmanager`)}`,
                                  secretStatus: "active",
                              },
                          ],
                      }
                    : {}),
            },
        };
    },
    "aws:elasticache/subnetGroup:SubnetGroup": (a, w) => {
        const name = String(a.inputs.name ?? autoName(a.name)).toLowerCase();
        return {
            id: name,
            state: {
                ...a.inputs,
                name,
                arn: `arn:aws:elasticache:${w.awsRegion}:${MOCK_ACCOUNT_ID}:subnetgroup:${name}`,
            },
        };
    },
    "aws:elasticache/user:User": (a, w) => ({
        id: String(a.inputs.userId),
        state: {
            ...a.inputs,
            arn: `arn:aws:elasticache:${w.awsRegion}:${MOCK_ACCOUNT_ID}:user:${String(a.inputs.userId)}`,
        },
    }),
    "aws:elasticache/userGroup:UserGroup": (a, w) => ({
        id: String(a.inputs.userGroupId),
        state: {
            ...a.inputs,
            arn: `arn:aws:elasticache:${w.awsRegion}:${MOCK_ACCOUNT_ID}:usergroup:${String(a.inputs.userGroupId)}`,
        },
    }),
    "aws:elasticache/replicationGroup:ReplicationGroup": (a, w) => {
        // Stored lower case (the provider's note on replicationGroupId).
        const id = String(a.inputs.replicationGroupId ?? autoName(a.name)).toLowerCase();
        const suffix = `${stableHex(a.name, 6)}.${w.awsRegion.replace(/-/g, "").slice(0, 4)}.cache.amazonaws.com`;
        return {
            id,
            state: {
                ...a.inputs,
                replicationGroupId: id,
                arn: `arn:aws:elasticache:${w.awsRegion}:${MOCK_ACCOUNT_ID}:replicationgroup:${id}`,
                primaryEndpointAddress: `master.${id}.${suffix}`,
                readerEndpointAddress: `replica.${id}.${suffix}`,
                engineVersionActual: `${String(a.inputs.engineVersion ?? "8.0")}.1`,
                memberClusters: Array.from(
                    { length: Number(a.inputs.numCacheClusters ?? 1) },
                    (_, i) => `${id}-00${i + 1}`,
                ),
            },
        };
    },
    "aws:iam/role:Role": (a) => {
        const name = autoName(a.name);
        return {
            id: name,
            state: {
                ...a.inputs,
                name,
                arn: `arn:aws:iam::${MOCK_ACCOUNT_ID}:role/${name}`,
                uniqueId: `AROA${stableHex(a.name, 17).toUpperCase()}`,
            },
        };
    },
    "aws:iam/rolePolicy:RolePolicy": (a) => ({
        id: `${String(a.inputs.role)}:${autoName(a.name)}`,
        state: { ...a.inputs, name: autoName(a.name) },
    }),
    "aws:eks/podIdentityAssociation:PodIdentityAssociation": (a, w) => {
        const associationId = `a-${stableHex(a.name, 17)}`;
        return {
            id: `${w.eksClusterName},${associationId}`,
            state: {
                ...a.inputs,
                associationId,
                associationArn: `arn:aws:eks:${w.awsRegion}:${MOCK_ACCOUNT_ID}:podidentityassociation/${w.eksClusterName}/${associationId}`,
            },
        };
    },
    "aws:s3/bucket:Bucket": (a, w) => {
        const bucket = String(a.inputs.bucket ?? autoName(a.name));
        return {
            id: bucket,
            state: {
                ...a.inputs,
                bucket,
                arn: `arn:aws:s3:::${bucket}`,
                bucketDomainName: `${bucket}.s3.amazonaws.com`,
                bucketRegionalDomainName: `${bucket}.s3.${w.awsRegion}.amazonaws.com`,
                region: w.awsRegion,
            },
        };
    },
    "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": (a) => ({ id: String(a.inputs.bucket), state: a.inputs }),
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": (a) => ({
        id: String(a.inputs.bucket),
        state: a.inputs,
    }),
    "aws:s3/bucketVersioning:BucketVersioning": (a) => ({ id: String(a.inputs.bucket), state: a.inputs }),
    "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": (a) => ({
        id: String(a.inputs.bucket),
        state: a.inputs,
    }),
    "aws:s3/bucketPolicy:BucketPolicy": (a) => ({ id: String(a.inputs.bucket), state: a.inputs }),
    "aws:ec2/vpcEndpoint:VpcEndpoint": (a, w) => {
        const id = `vpce-${stableHex(a.name, 17)}`;
        const arn = `arn:aws:ec2:${w.awsRegion}:${MOCK_ACCOUNT_ID}:vpc-endpoint/${id}`;
        if (a.inputs.vpcEndpointType === "Interface") {
            // An interface endpoint: one network interface per subnet, a regional DNS name, and (for an
            // endpoint service of another account) a connection that waits for the owner's acceptance.
            const subnets = (a.inputs.subnetIds as string[] | undefined) ?? [];
            return {
                id,
                state: {
                    ...a.inputs,
                    arn,
                    networkInterfaceIds: subnets.map((s) => `eni-${stableHex(`${id}:${s}`, 17)}`),
                    dnsEntries: [
                        {
                            dnsName: `${id}-${stableHex(id, 8)}.${String(a.inputs.serviceName).split(".").pop()}.${w.awsRegion}.vpce.amazonaws.com`,
                            hostedZoneId: "Z1HUB23UULQXV",
                        },
                    ],
                    ownerId: MOCK_ACCOUNT_ID,
                    requesterManaged: false,
                    state: "pendingAcceptance",
                },
            };
        }
        return {
            id,
            state: {
                ...a.inputs,
                arn,
                prefixListId: `pl-${stableHex(`s3:${w.awsRegion}`, 8)}`,
                state: "available",
            },
        };
    },
};

export const AWS_INVOKE_MOCKS: Record<string, InvokeMock> = {
    "aws:eks/getAddon:getAddon": (inputs, w) => {
        const clusterName = String(inputs.clusterName);
        const addonName = String(inputs.addonName);
        if (w.eksPodIdentityAgent === false || addonName !== "eks-pod-identity-agent")
            throw new Error(`reading EKS Add-On (${clusterName}:${addonName}): couldn't find resource`);
        return {
            id: `${clusterName}:${addonName}`,
            clusterName,
            addonName,
            addonVersion: "v1.3.8-eksbuild.2",
            arn: `arn:aws:eks:${w.awsRegion}:${MOCK_ACCOUNT_ID}:addon/${clusterName}/${addonName}/${stableHex(addonName, 8)}`,
        };
    },
    "aws:index/getCallerIdentity:getCallerIdentity": () => ({
        id: MOCK_ACCOUNT_ID,
        accountId: MOCK_ACCOUNT_ID,
        arn: `arn:aws:iam::${MOCK_ACCOUNT_ID}:user/deployer`,
        userId: "AIDAMOCKDEPLOYER",
    }),
    "aws:ec2/getRouteTables:getRouteTables": (inputs, w) => {
        // One route table per subnet named in an association.subnet-id filter (private subnets usually have their own).
        const filters = (inputs.filters ?? []) as { name: string; values: string[] }[];
        const subnets = filters.find((f) => f.name === "association.subnet-id")?.values ?? mockClusterSubnetIds(w);
        return {
            id: w.awsRegion,
            ids: subnets.map((s) => `rtb-${stableHex(`rtb:${s}`, 17)}`),
            filters: inputs.filters,
        };
    },
    "aws:eks/getCluster:getCluster": (inputs, w) => {
        const name = String(inputs.name);
        // The provider's answer for an unknown cluster is an error, not an empty result.
        if (w.clusterMissing) throw new Error(`reading EKS Cluster (${name}): couldn't find resource`);
        const oidcId = stableHex(`oidc:${name}`, 32).toUpperCase();
        return {
            id: name,
            name,
            arn: `arn:aws:eks:${w.awsRegion}:${MOCK_ACCOUNT_ID}:cluster/${name}`,
            endpoint: `https://${stableHex(`endpoint:${name}`, 32).toUpperCase()}.gr7.${w.awsRegion}.eks.amazonaws.com`,
            certificateAuthorities: [
                {
                    data: Buffer.from(
                        `-----BEGIN CERTIFICATE-----\nMOCK-CA-${name}\n-----END CERTIFICATE-----\n`,
                    ).toString("base64"),
                },
            ],
            identities: [{ oidcs: [{ issuer: `https://oidc.eks.${w.awsRegion}.amazonaws.com/id/${oidcId}` }] }],
            vpcConfig: {
                vpcId: `vpc-${stableHex(`vpc:${name}`, 17)}`,
                clusterSecurityGroupId: mockClusterSecurityGroupId(name),
                subnetIds: mockClusterSubnetIds(w),
                securityGroupIds: [],
                endpointPrivateAccess: true,
                endpointPublicAccess: false,
                publicAccessCidrs: [],
            },
            version: "1.33",
            status: "ACTIVE",
        };
    },
    "aws:ec2/getSubnets:getSubnets": (inputs, w) => ({
        id: w.awsRegion,
        ids: w.privateSubnetIds,
        filters: inputs.filters,
    }),
    "aws:ec2/getSubnet:getSubnet": (inputs, w) => {
        const id = String(inputs.id);
        const subnet = mockSubnets(w)[id];
        if (!subnet) throw new Error(`offline mocks: no subnet ${id} in the mocked VPC`);
        return {
            id,
            arn: `arn:aws:ec2:${w.awsRegion}:${MOCK_ACCOUNT_ID}:subnet/${id}`,
            cidrBlock: subnet.cidrBlock,
            availabilityZone: subnet.availabilityZone,
            vpcId: `vpc-${stableHex(`vpc:${w.eksClusterName}`, 17)}`,
        };
    },
    "aws:iam/getOpenIdConnectProvider:getOpenIdConnectProvider": (inputs, w) => {
        const url = String(inputs.url).replace(/^https:\/\//, "");
        if (w.awsOidcProviderMissing) throw new Error(`finding IAM OIDC Provider by url (${url}): not found`);
        return {
            arn: `arn:aws:iam::${MOCK_ACCOUNT_ID}:oidc-provider/${url}`,
            url,
            clientIdLists: ["sts.amazonaws.com"],
            thumbprintLists: [],
        };
    },
};

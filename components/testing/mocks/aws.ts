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
};

export const AWS_INVOKE_MOCKS: Record<string, InvokeMock> = {
    "aws:eks/getCluster:getCluster": (inputs, w) => {
        const name = String(inputs.name);
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
    "aws:iam/getOpenIdConnectProvider:getOpenIdConnectProvider": (inputs) => {
        const url = String(inputs.url).replace(/^https:\/\//, "");
        return {
            arn: `arn:aws:iam::${MOCK_ACCOUNT_ID}:oidc-provider/${url}`,
            url,
            clientIdLists: ["sts.amazonaws.com"],
            thumbprintLists: [],
        };
    },
};

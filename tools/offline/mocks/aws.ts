/** AWS: resources and look-ups the AWS path calls. */
import { autoName, MOCK_ACCOUNT_ID, stableHex, type InvokeMock, type ResourceMock } from "./shared";

export const AWS_RESOURCE_MOCKS: Record<string, ResourceMock> = {
    "pulumi:providers:aws": (a) => ({ id: `${a.name}-provider`, state: a.inputs }),
    "aws:rds/subnetGroup:SubnetGroup": (a, w) => {
        const name = autoName(a.name);
        return { id: name, state: { ...a.inputs, name, arn: `arn:aws:rds:${w.awsRegion}:${MOCK_ACCOUNT_ID}:subgrp:${name}` } };
    },
    "aws:rds/parameterGroup:ParameterGroup": (a, w) => {
        const name = autoName(a.name);
        return { id: name, state: { ...a.inputs, name, arn: `arn:aws:rds:${w.awsRegion}:${MOCK_ACCOUNT_ID}:pg:${name}` } };
    },
    "aws:ec2/securityGroup:SecurityGroup": (a, w) => {
        const id = `sg-${stableHex(a.name, 17)}`;
        return { id, state: { ...a.inputs, name: autoName(a.name), arn: `arn:aws:ec2:${w.awsRegion}:${MOCK_ACCOUNT_ID}:security-group/${id}` } };
    },
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": (a, w) => {
        const id = `sgr-${stableHex(a.name, 17)}`;
        return { id, state: { ...a.inputs, securityGroupRuleId: id, arn: `arn:aws:ec2:${w.awsRegion}:${MOCK_ACCOUNT_ID}:security-group-rule/${id}` } };
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
        return { id: name, state: { ...a.inputs, name, arn: `arn:aws:iam::${MOCK_ACCOUNT_ID}:role/${name}`, uniqueId: `AROA${stableHex(a.name, 17).toUpperCase()}` } };
    },
    "aws:iam/rolePolicy:RolePolicy": (a) => ({ id: `${String(a.inputs.role)}:${autoName(a.name)}`, state: { ...a.inputs, name: autoName(a.name) } }),
    "aws:eks/podIdentityAssociation:PodIdentityAssociation": (a, w) => {
        const associationId = `a-${stableHex(a.name, 17)}`;
        return {
            id: `${w.eksClusterName},${associationId}`,
            state: { ...a.inputs, associationId, associationArn: `arn:aws:eks:${w.awsRegion}:${MOCK_ACCOUNT_ID}:podidentityassociation/${w.eksClusterName}/${associationId}` },
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
            certificateAuthorities: [{ data: Buffer.from(`-----BEGIN CERTIFICATE-----\nMOCK-CA-${name}\n-----END CERTIFICATE-----\n`).toString("base64") }],
            identities: [{ oidcs: [{ issuer: `https://oidc.eks.${w.awsRegion}.amazonaws.com/id/${oidcId}` }] }],
            vpcConfig: {
                vpcId: `vpc-${stableHex(`vpc:${name}`, 17)}`,
                clusterSecurityGroupId: `sg-${stableHex(`clustersg:${name}`, 17)}`,
                subnetIds: w.privateSubnetIds,
                securityGroupIds: [],
                endpointPrivateAccess: true,
                endpointPublicAccess: false,
                publicAccessCidrs: [],
            },
            version: "1.33",
            status: "ACTIVE",
        };
    },
    "aws:ec2/getSubnets:getSubnets": (inputs, w) => ({ id: w.awsRegion, ids: w.privateSubnetIds, filters: inputs.filters }),
    "aws:iam/getOpenIdConnectProvider:getOpenIdConnectProvider": (inputs) => {
        const url = String(inputs.url).replace(/^https:\/\//, "");
        return { arn: `arn:aws:iam::${MOCK_ACCOUNT_ID}:oidc-provider/${url}`, url, clientIdLists: ["sts.amazonaws.com"], thumbprintLists: [] };
    },
};

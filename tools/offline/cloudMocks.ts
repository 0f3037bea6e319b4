/**
 * Deterministic, plausible answers for every cloud API the program touches, for the offline preview
 * and the tests. Each resource type returns the computed outputs the code reads (ARNs, endpoints,
 * resource ids, auto-generated names); an unknown resource type or invoke fails loudly, so a new
 * cloud call cannot silently produce empty values.
 */
import type * as pulumi from "@pulumi/pulumi";
import { createHash } from "node:crypto";

export const MOCK_ACCOUNT_ID = "123456789012";

/** What the mocked world looks like; tests can override any part. */
export interface MockWorld {
    awsRegion: string;
    eksClusterName: string;
    /** Private subnet ids the subnet look-up returns. */
    privateSubnetIds: string[];
}

export const DEFAULT_WORLD: MockWorld = {
    awsRegion: "us-east-1",
    eksClusterName: "platform",
    privateSubnetIds: ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002", "subnet-0a1b2c3d4e5f60003"],
};

/** A stable pseudo-random hex string derived from a seed. */
export function stableHex(seed: string, length: number): string {
    let out = "";
    for (let i = 0; out.length < length; i++) out += createHash("sha256").update(`${seed}#${i}`).digest("hex");
    return out.slice(0, length);
}

/** Stable password-like text with the requested length and alphabet. */
function stableText(seed: string, length: number, special: boolean): string {
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789" + (special ? "!#$%&*()-_=+[]{}<>:?" : "");
    const hex = stableHex(seed, length * 2);
    let out = "";
    for (let i = 0; i < length; i++) out += alphabet[parseInt(hex.slice(i * 2, i * 2 + 2), 16) % alphabet.length];
    return out;
}

type State = Record<string, unknown>;
type ResourceMock = (args: pulumi.runtime.MockResourceArgs, world: MockWorld) => { id: string; state: State };

/** Pulumi's auto-naming: `<name>-<7 hex>`. */
const autoName = (name: string) => `${name}-${stableHex(name, 7)}`;

function k8sObject(args: pulumi.runtime.MockResourceArgs): { id: string; state: State } {
    const metadata = { ...((args.inputs.metadata as State | undefined) ?? {}) };
    if (!metadata.name) metadata.name = autoName(args.name);
    const namespace = metadata.namespace as string | undefined;
    return { id: namespace ? `${namespace}/${metadata.name}` : String(metadata.name), state: { ...args.inputs, metadata } };
}

const RESOURCE_MOCKS: Record<string, ResourceMock> = {
    "pulumi:providers:aws": (a) => ({ id: `${a.name}-provider`, state: a.inputs }),
    "pulumi:providers:kubernetes": (a) => ({ id: `${a.name}-provider`, state: a.inputs }),
    "random:index/randomPassword:RandomPassword": (a) => {
        const length = Number(a.inputs.length ?? 16);
        const result = stableText(`password:${a.name}`, length, a.inputs.special !== false);
        return { id: "none", state: { ...a.inputs, result, bcryptHash: `$2a$10$${stableHex(result, 53)}` } };
    },
    "random:index/randomBytes:RandomBytes": (a) => {
        const bytes = Buffer.from(stableHex(`bytes:${a.name}`, Number(a.inputs.length) * 2), "hex");
        return { id: "none", state: { ...a.inputs, base64: bytes.toString("base64"), hex: bytes.toString("hex") } };
    },
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
    "kubernetes:core/v1:Namespace": k8sObject,
    "kubernetes:core/v1:ServiceAccount": k8sObject,
    "kubernetes:core/v1:Secret": k8sObject,
    "kubernetes:core/v1:ConfigMap": k8sObject,
    "kubernetes:batch/v1:Job": (a) => {
        const obj = k8sObject(a);
        return { id: obj.id, state: { ...obj.state, status: { succeeded: 1, conditions: [{ type: "Complete", status: "True" }] } } };
    },
    "kubernetes:helm.sh/v3:Release": (a) => {
        const name = String(a.inputs.name ?? autoName(a.name));
        return {
            id: `${a.inputs.namespace}/${name}`,
            state: {
                ...a.inputs,
                name,
                status: { name, namespace: a.inputs.namespace, chart: a.inputs.chart, version: a.inputs.version, appVersion: "0.16.45", revision: 1, status: "deployed" },
            },
        };
    },
};

type InvokeMock = (inputs: Record<string, unknown>, world: MockWorld) => Record<string, unknown>;

const INVOKE_MOCKS: Record<string, InvokeMock> = {
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

/** Mocks answering from RESOURCE_MOCKS / INVOKE_MOCKS for one mocked world. */
export class CloudMocks implements pulumi.runtime.Mocks {
    constructor(public readonly world: MockWorld = DEFAULT_WORLD) {}

    newResource(args: pulumi.runtime.MockResourceArgs): { id: string; state: State } {
        // Component resources are this project's own; they have no cloud state.
        if (!args.custom) return { id: "", state: {} };
        const mock = RESOURCE_MOCKS[args.type];
        if (!mock) throw new Error(`offline mocks: no mock for resource type ${args.type} (${args.name}); add one to tools/offline/cloudMocks.ts`);
        return mock(args, this.world);
    }

    call(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
        const mock = INVOKE_MOCKS[args.token];
        if (!mock) throw new Error(`offline mocks: unexpected invoke ${args.token}; add a mock to tools/offline/cloudMocks.ts`);
        return mock(args.inputs, this.world);
    }
}

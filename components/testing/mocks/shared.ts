/** Types and helpers shared by the per-cloud mock tables. */
import type * as pulumi from "@pulumi/pulumi";
import { createHash } from "node:crypto";

export const MOCK_ACCOUNT_ID = "123456789012";
export const MOCK_AZURE_SUBSCRIPTION_ID = "00000000-1111-2222-3333-444444444444";
export const MOCK_AZURE_TENANT_ID = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";

/** What the mocked world looks like; tests can override any part. */
export interface MockWorld {
    awsRegion: string;
    eksClusterName: string;
    /** Private subnet ids the subnet look-up returns. */
    privateSubnetIds: string[];
    /** AWS: the subnets the EKS cluster was created with (default: privateSubnetIds). */
    eksClusterSubnetIds?: string[];
    /** AWS: IPv4 block and zone of each subnet (default: a /19 of 10.0.0.0/16 per subnet, zones a, b, c). */
    awsSubnets?: Record<string, AwsMockSubnet>;
    /**
     * AWS: the worker nodes' network interfaces. Default: one node per cluster subnet whose only
     * security group is a node group (not the cluster security group), as terraform-aws-eks launch
     * templates and Karpenter node classes create them. With the VPC CNI a pod's address is a
     * secondary address of its node's interface, behind the same security groups.
     */
    awsNodes?: AwsMockNode[];
    /** Azure subscription of every mocked ARM id (default: MOCK_AZURE_SUBSCRIPTION_ID). */
    azureSubscriptionId?: string;
    /** Microsoft Entra tenant (default: MOCK_AZURE_TENANT_ID). */
    azureTenantId?: string;
    /** The AKS cluster's OIDC issuer and Workload Identity switches (default: both on). */
    aksOidcIssuerEnabled?: boolean;
    aksWorkloadIdentityEnabled?: boolean;
    /**
     * AKS: the `vnetSubnetID` of each agent pool the cluster look-up returns; `null` for a pool
     * without one (kubenet / AKS-managed VNet in the node resource group). Default: one pool on
     * `<cluster resource group>/.../virtualNetworks/<cluster>-vnet/subnets/aks-nodes`.
     */
    aksAgentPoolSubnetIds?: (string | null)[];
    /** Azure VNet peerings (connected both ways), as pairs of VNet ids. Default: none. */
    azureVnetPeerings?: [string, string][];
    /**
     * Azure: whether a private endpoint with a manual connection to a private link service reports a
     * DNS configuration (`customDnsConfigs`). Default false: empty, as Azure can leave it for a service
     * without FQDNs; the IP is then only on the endpoint's network interface.
     */
    azurePrivateLinkServiceDnsConfigs?: boolean;
    /** Links of private DNS zones the stack does not create: zone id → linked VNet ids. Default: none. */
    azurePrivateDnsZoneLinks?: Record<string, string[]>;
    /** GKE: whether the looked-up cluster has Workload Identity (default true). */
    gkeWorkloadIdentity?: boolean;
    /**
     * GKE: the network the cluster look-up reports for every cluster, a `projects/<p>/global/networks/<n>`
     * path (default: see `gkeClusterNetwork` in mocks/gcp.ts).
     */
    gkeNetwork?: string;
    /**
     * GKE: the network of particular clusters, `<project>/<cluster>` → `projects/<p>/global/networks/<n>`
     * (a Shared VPC cluster reports the host project's network). Default: none (`<cluster>-vpc`).
     */
    gkeClusterNetworks?: Record<string, string>;
    /**
     * GCP: Private Service Access that already exists outside the stack, per network: the network's
     * path and the names of its allocated ranges. Default: the cluster's network has one range,
     * `google-managed-services-default`. `[]`: no network has any.
     */
    gcpPrivateServiceAccess?: { network: string; ranges: string[] }[];
    /**
     * GCP: service connection policies that exist outside the stack: network path, region, service
     * class and the subnetworks the endpoints take addresses from. Default: one for `gcp-memorystore`
     * on the cluster's network in the cluster's region. `[]`: none.
     */
    gcpServiceConnectionPolicies?: { network: string; region: string; serviceClass: string; subnetworks: string[] }[];
    /**
     * GCP: Cloud DNS zones that exist outside the stack, for the zone look-up. Default: none (the
     * look-up answers 404).
     */
    gcpDnsZones?: { project: string; name: string; dnsName: string; visibility: "private" | "public" }[];
    /** Every cluster look-up (EKS, GKE, AKS) answers "not found" (default: the cluster exists). */
    clusterMissing?: boolean;
    /** AWS: the IAM OIDC provider of the cluster's issuer does not exist (default: it does). */
    awsOidcProviderMissing?: boolean;
    /** AWS: the EKS Pod Identity Agent add-on is installed (default true). */
    eksPodIdentityAgent?: boolean;
    /** The outputs the stack's last deployment reported, as its stack reference to itself reads them (default: none). */
    previousStackOutputs?: Record<string, unknown>;
    /** Which of those outputs are secret (default: none). */
    previousStackSecretOutputs?: string[];
}

/** A mocked VPC subnet. */
export interface AwsMockSubnet {
    cidrBlock: string;
    availabilityZone: string;
}

/** A mocked EKS worker node: where its interface sits and which security groups it carries. */
export interface AwsMockNode {
    name: string;
    subnetId: string;
    /** The address a pod on this node sends from. */
    podIp: string;
    securityGroupIds: string[];
}

export type State = Record<string, unknown>;
export type ResourceMock = (args: pulumi.runtime.MockResourceArgs, world: MockWorld) => { id: string; state: State };
export type InvokeMock = (inputs: Record<string, unknown>, world: MockWorld) => Record<string, unknown>;

/** A stable pseudo-random hex string derived from a seed. */
export function stableHex(seed: string, length: number): string {
    let out = "";
    for (let i = 0; out.length < length; i++) out += createHash("sha256").update(`${seed}#${i}`).digest("hex");
    return out.slice(0, length);
}

/** Pulumi's auto-naming: `<name>-<7 hex>`. */
export const autoName = (name: string) => `${name}-${stableHex(name, 7)}`;

export function k8sObject(args: pulumi.runtime.MockResourceArgs): { id: string; state: State } {
    const metadata = { ...((args.inputs.metadata as State | undefined) ?? {}) };
    if (!metadata.name) metadata.name = autoName(args.name);
    const namespace = metadata.namespace as string | undefined;
    return {
        id: namespace ? `${namespace}/${metadata.name}` : String(metadata.name),
        state: { ...args.inputs, metadata },
    };
}

/** A stable GUID derived from a seed (client ids, principal ids). */
export function stableGuid(seed: string): string {
    const h = stableHex(`guid:${seed}`, 32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * What a synthesised stack claims in scopes other stacks can share: cloud names unique per account,
 * project, resource group or VNet, Kubernetes objects unique per namespace (or cluster), Helm
 * releases unique per namespace. Resources Pulumi auto-names (no name in their inputs) claim nothing:
 * Pulumi adds a random suffix to their names.
 */
import type { SynthResource, SynthResult } from "../../tools/offline/synthesize";

type Inputs = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

/** Claims of one resource type, from its inputs (scope / name), or none. */
const CLOUD_CLAIMS: Record<string, (i: Inputs) => (string | undefined)[]> = {
    "aws:rds/instance:Instance": (i) => [
        str(i.identifier) && `rds instance ${String(i.identifier)}`,
        str(i.finalSnapshotIdentifier) && `rds snapshot ${String(i.finalSnapshotIdentifier)}`,
    ],
    "aws:rds/subnetGroup:SubnetGroup": (i) => [str(i.name) && `rds subnet group ${String(i.name)}`],
    "aws:rds/parameterGroup:ParameterGroup": (i) => [str(i.name) && `rds parameter group ${String(i.name)}`],
    "aws:ec2/securityGroup:SecurityGroup": (i) => [
        str(i.name) && `security group ${String(i.vpcId)}/${String(i.name)}`,
    ],
    "aws:ec2/managedPrefixList:ManagedPrefixList": (i) => [str(i.name) && `prefix list ${String(i.name)}`],
    "aws:iam/role:Role": (i) => [str(i.name) && `iam role ${String(i.name)}`],
    "aws:iam/policy:Policy": (i) => [str(i.name) && `iam policy ${String(i.name)}`],
    "aws:eks/podIdentityAssociation:PodIdentityAssociation": (i) => [
        `pod identity association ${String(i.clusterName)}/${String(i.namespace)}/${String(i.serviceAccount)}`,
    ],
    "gcp:serviceaccount/account:Account": (i) => [`service account ${String(i.project)}/${String(i.accountId)}`],
    "gcp:sql/databaseInstance:DatabaseInstance": (i) => [
        str(i.name) && `cloud sql instance ${String(i.project)}/${String(i.name)}`,
    ],
    "gcp:compute/globalAddress:GlobalAddress": (i) => [
        str(i.name) && `global address ${String(i.project)}/${String(i.name)}`,
    ],
    "gcp:servicenetworking/connection:Connection": (i) => [
        `private service connection ${String(i.network)}/${String(i.service)}`,
    ],
    // A zone name is unique per project; a domain is claimed once per network it is bound to.
    "gcp:dns/managedZone:ManagedZone": (i) => [
        str(i.name) && `dns zone ${String(i.project)}/${String(i.name)}`,
        ...(((i.privateVisibilityConfig as Inputs | undefined)?.networks as Inputs[] | undefined) ?? []).map(
            (n) => `private dns name ${String(n.networkUrl)}/${String(i.dnsName)}`,
        ),
    ],
    "gcp:dns/recordSet:RecordSet": (i) => [
        `dns record ${String(i.project)}/${String(i.managedZone)}/${String(i.name)}/${String(i.type)}`,
    ],
    "azure-native:managedidentity:UserAssignedIdentity": (i) => [
        `managed identity ${String(i.resourceGroupName)}/${String(i.resourceName)}`,
    ],
    "azure-native:network:Subnet": (i) => [
        `subnet ${String(i.resourceGroupName)}/${String(i.virtualNetworkName)}/${String(i.subnetName)}`,
        `subnet address range ${String(i.resourceGroupName)}/${String(i.virtualNetworkName)}/${String(i.addressPrefix)}`,
    ],
    "azure-native:privatedns:PrivateZone": (i) => [
        `private dns zone ${String(i.resourceGroupName)}/${String(i.privateZoneName)}`,
    ],
    "azure-native:privatedns:VirtualNetworkLink": (i) => [
        str(i.virtualNetworkLinkName) &&
            `dns zone link ${String(i.resourceGroupName)}/${String(i.privateZoneName)}/${String(i.virtualNetworkLinkName)}`,
    ],
    "azure-native:dbforpostgresql:Server": (i) => [str(i.serverName) && `postgres server ${String(i.serverName)}`],
    // Its host name <name>.<region>.redis.azure.net is unique across Azure.
    "azure-native:redisenterprise:RedisEnterprise": (i) => [
        str(i.clusterName) && `azure managed redis ${String(i.clusterName)}`,
    ],
};

/** Kubernetes kinds that live outside namespaces. */
const CLUSTER_SCOPED = new Set(["Namespace", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition"]);

function kubernetesClaims(r: SynthResource): string[] {
    if (r.type === "kubernetes:helm.sh/v3:Release" || r.type === "kubernetes:helm.sh/v4:Chart") {
        return [`helm release ${String(r.inputs.namespace)}/${String(r.inputs.name)}`];
    }
    const metadata = r.inputs.metadata as Inputs | undefined;
    const name = str(metadata?.name);
    if (!name) return [];
    const kind = r.type.split(":").pop() ?? r.type;
    return [CLUSTER_SCOPED.has(kind) ? `${kind} ${name}` : `${kind} ${String(metadata?.namespace)}/${name}`];
}

/** Every claim of a stack, each with the resource that makes it. */
export function claimsOf(result: SynthResult): Map<string, string> {
    const out = new Map<string, string>();
    for (const r of result.resources) {
        const claims = r.type.startsWith("kubernetes:")
            ? kubernetesClaims(r)
            : (CLOUD_CLAIMS[r.type]?.(r.inputs) ?? []).filter((c): c is string => typeof c === "string");
        for (const claim of claims) out.set(claim, `${r.type}::${r.name}`);
    }
    return out;
}

/** The claims two stacks share (each would fail, or take over the other's resource). */
export function sharedClaims(a: SynthResult, b: SynthResult): string[] {
    const claimsB = claimsOf(b);
    return [...claimsOf(a).keys()].filter((claim) => claimsB.has(claim)).sort();
}

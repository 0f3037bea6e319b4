/**
 * Deploy time on paper: how long `pulumi up` spends creating one resource of each type, written down
 * with the reason for each figure. These are typical create times, not worst cases; what matters for
 * the critical path is the order of magnitude (minutes for databases and Helm, seconds for API
 * objects). Unknown custom types get DEFAULT_SECONDS and are listed in the bench output.
 */

export interface TypeDuration {
    seconds: number;
    why: string;
}

/** Component resources take no time of their own; custom types not listed take this long. */
export const DEFAULT_SECONDS = 10;

/** A resource at least this slow is "slow": only the unavoidable chain may have slow resources on the critical path. */
export const SLOW_SECONDS = 60;

export const TYPE_DURATIONS: Record<string, TypeDuration> = {
    // --- the unavoidable chain -------------------------------------------------------------------
    "aws:rds/instance:Instance": {
        seconds: 600,
        why: "RDS PostgreSQL create: 5-15 min in practice (AWS: 'can take several minutes'; the Terraform provider's create timeout is 40 min); Multi-AZ is at the slow end",
    },
    "gcp:sql/databaseInstance:DatabaseInstance": {
        seconds: 600,
        why: "Cloud SQL instance create: 5-15 min in practice (the provider's create timeout is 90 min)",
    },
    "azure-native:dbforpostgresql:Server": {
        seconds: 600,
        why: "Azure Database for PostgreSQL Flexible Server create: 5-15 min (long-running ARM operation)",
    },
    "kubernetes:batch/v1:Job": {
        seconds: 90,
        why: "the Kubernetes provider waits for Job completion: schedule + pull the psql image (~30-60 s) + a few seconds of SQL",
    },
    "kubernetes:helm.sh/v3:Release": {
        seconds: 300,
        why: "Helm waits for every LangSmith Deployment to be ready (image pulls, backend migrations on start): ~5 min",
    },
    // --- AWS API objects: one or two API calls each ------------------------------------------------
    "aws:rds/parameterGroup:ParameterGroup": { seconds: 5, why: "CreateDBParameterGroup + ModifyDBParameterGroup" },
    "aws:rds/subnetGroup:SubnetGroup": { seconds: 3, why: "CreateDBSubnetGroup, one call" },
    "aws:ec2/securityGroup:SecurityGroup": { seconds: 5, why: "CreateSecurityGroup + revoke default egress + tags" },
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": {
        seconds: 2,
        why: "AuthorizeSecurityGroupIngress, one call",
    },
    "aws:ec2/managedPrefixList:ManagedPrefixList": {
        seconds: 5,
        why: "CreateManagedPrefixList, then the provider polls until the list is create-complete",
    },
    "aws:iam/role:Role": {
        seconds: 10,
        why: "CreateRole; the provider retries until IAM's eventual consistency settles (~10 s)",
    },
    "aws:iam/rolePolicy:RolePolicy": { seconds: 5, why: "PutRolePolicy, one call plus propagation retry" },
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": { seconds: 5, why: "AttachRolePolicy, one call" },
    "aws:eks/podIdentityAssociation:PodIdentityAssociation": {
        seconds: 10,
        why: "CreatePodIdentityAssociation, EKS API",
    },
    // --- GCP API objects -----------------------------------------------------------------------------
    "gcp:sql/user:User": { seconds: 15, why: "Cloud SQL admin API operation, serialised per instance (~10-20 s)" },
    "gcp:sql/database:Database": { seconds: 15, why: "Cloud SQL admin API operation (~10-20 s)" },
    "gcp:serviceaccount/account:Account": { seconds: 5, why: "IAM CreateServiceAccount, one call" },
    "gcp:serviceaccount/iAMMember:IAMMember": {
        seconds: 10,
        why: "read-modify-write of the service account's IAM policy",
    },
    "gcp:projects/iAMMember:IAMMember": {
        seconds: 15,
        why: "read-modify-write of the project IAM policy (etag retries)",
    },
    // --- Azure API objects (each an ARM operation) ---------------------------------------------------
    "azure-native:dbforpostgresql:Administrator": {
        seconds: 45,
        why: "Entra admin on the flexible server: long-running ARM operation (~30-60 s)",
    },
    "azure-native:dbforpostgresql:Configuration": {
        seconds: 30,
        why: "server parameter update: long-running ARM operation",
    },
    "azure-native:dbforpostgresql:Database": { seconds: 30, why: "long-running ARM operation" },
    "azure-native:dbforpostgresql:FirewallRule": { seconds: 30, why: "long-running ARM operation" },
    "azure-native:managedidentity:UserAssignedIdentity": { seconds: 10, why: "one ARM PUT" },
    "azure-native:managedidentity:FederatedIdentityCredential": {
        seconds: 10,
        why: "one ARM PUT (credentials are serialised per identity)",
    },
    "azure-native:authorization:RoleAssignment": { seconds: 15, why: "one ARM PUT plus Entra propagation retries" },
    "azure-native:resources:ResourceGroup": { seconds: 5, why: "one ARM PUT" },
    // --- Kubernetes objects: one API call, no waiting beyond creation -------------------------------
    "kubernetes:core/v1:Namespace": {
        seconds: 2,
        why: "one API call; the provider waits for the namespace to be Active",
    },
    "kubernetes:core/v1:Secret": { seconds: 1, why: "one API call" },
    "kubernetes:core/v1:ConfigMap": { seconds: 1, why: "one API call" },
    "kubernetes:core/v1:ServiceAccount": { seconds: 1, why: "one API call" },
    // --- local ---------------------------------------------------------------------------------------
    "random:index/randomPassword:RandomPassword": { seconds: 0, why: "computed locally by the provider" },
};

/** Provider resources (`pulumi:providers:*`) configure in about a second. */
const PROVIDER_SECONDS: TypeDuration = { seconds: 1, why: "provider configure, local" };

/** Create time of one resource of `type` (components: 0); `known` is false when the default was used. */
export function durationOf(type: string, custom: boolean): TypeDuration & { known: boolean } {
    if (!custom) return { seconds: 0, why: "component: done when its children are", known: true };
    if (type.startsWith("pulumi:providers:")) return { ...PROVIDER_SECONDS, known: true };
    const d = TYPE_DURATIONS[type];
    return d ? { ...d, known: true } : { seconds: DEFAULT_SECONDS, why: "not in the table: assumed", known: false };
}

/** The roles of the unavoidable chain, in order. */
export type ChainRole = "database" | "bootstrap" | "release";
export const CHAIN: readonly ChainRole[] = ["database", "bootstrap", "release"];

/** Which link of the unavoidable chain a resource type is, if any. */
export function chainRole(type: string): ChainRole | undefined {
    if (
        [
            "aws:rds/instance:Instance",
            "gcp:sql/databaseInstance:DatabaseInstance",
            "azure-native:dbforpostgresql:Server",
        ].includes(type)
    )
        return "database";
    if (type === "kubernetes:batch/v1:Job") return "bootstrap";
    if (type === "kubernetes:helm.sh/v3:Release" || type === "kubernetes:helm.sh/v4:Chart") return "release";
    return undefined;
}

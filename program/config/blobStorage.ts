/**
 * The `langsmith:blobStorage` config block and its rules: the clouds' documented naming rules for
 * buckets and storage accounts (globally unique names, so the defaults carry a hash), and which
 * keys belong to which cloud.
 */
import { z } from "zod";
import {
    AZURE_ACCOUNT_NAMING,
    AZURE_CONTAINER_NAMING,
    azureContainerNameProblem,
    azureStorageAccountNameProblem,
    GCS_NAMING,
    gcsBucketNameProblem,
    s3BucketNameProblem,
    S3_NAMING,
} from "../../components/blob/names";

const days = (what: string) =>
    z
        .number({ error: `must be a number of days; set a whole number such as 14` })
        .int({ error: "must be a whole number of days" })
        .min(1, { error: `must be at least 1 day; set the days ${what} are kept` })
        .max(3650, { error: "is above 3650 days (10 years); set 3650 or fewer" });

export const blobStorageSchema = z.strictObject({
    /** Store trace payloads in the cloud's object storage (S3, GCS, Azure Blob) through the workload identity. */
    enabled: z.boolean({ error: "must be true or false; set true or false (no quotes)" }).default(true),
    /** AWS/GCP: the bucket name (default: derived from project, stack and account/project with a hash). */
    bucketName: z.string().optional(),
    /** Azure: the storage account name (default: derived from the stack and subscription with a hash). */
    storageAccountName: z.string().optional(),
    /** Azure: the container name. */
    containerName: z.string().default("langsmith"),
    /** Days objects under `ttl_s/` are kept (LangSmith's short retention). */
    shortTtlDays: days("short-lived traces").default(14),
    /** Days objects under `ttl_l/` are kept (LangSmith's long retention). */
    longTtlDays: days("long-lived traces").default(400),
    /** Workspace-specific retentions: each N adds a rule deleting `ttl_<N>d/` objects after N days. */
    extraTtlDays: z.array(days("those traces")).optional(),
    /** Azure: subnet of the storage account's private endpoint (default: the subnet of the cluster's first node pool). */
    privateEndpointSubnetId: z
        .string()
        .regex(
            /^\/subscriptions\/[0-9a-fA-F-]{36}\/resourceGroups\/[^/]+\/providers\/Microsoft\.Network\/virtualNetworks\/[^/]+\/subnets\/[^/]+$/i,
            {
                error: "is not a subnet resource id; set /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.Network/virtualNetworks/<vnet>/subnets/<subnet>",
            },
        )
        .optional(),
    /** Azure: an existing privatelink.blob.core.windows.net zone (default: one is created and linked to the cluster's VNets). */
    privateDnsZoneId: z
        .string()
        .regex(
            /^\/subscriptions\/[0-9a-fA-F-]{36}\/resourceGroups\/[^/]+\/providers\/Microsoft\.Network\/privateDnsZones\/privatelink\.blob\.core\.windows\.net$/i,
            {
                error: "is not the id of a privatelink.blob.core.windows.net private DNS zone; set its resource id or remove the key",
            },
        )
        .optional(),
    /** AWS: pin data access in the bucket policy to this existing S3 VPC endpoint (`aws:SourceVpce`). */
    s3VpcEndpointId: z
        .string()
        .regex(/^vpce-[0-9a-f]+$/, { error: "is not a VPC endpoint id like vpce-0abc123; set one or remove the key" })
        .optional(),
    /** AWS: create an S3 gateway endpoint on the route tables of the cluster's subnets and pin the bucket to it. */
    createS3GatewayEndpoint: z
        .boolean({ error: "must be true or false; set true or false (no quotes)" })
        .default(false),
});

export type BlobStorageConfig = z.output<typeof blobStorageSchema>;

/** A broken rule: the key (without `langsmith:`) and the problem with its fix. */
export interface BlobConfigProblem {
    path: string;
    problem: string;
}

/** Which cloud's keys are set on which cloud, and the names the cloud would refuse: every problem (none: an empty list). */
export function blobConfigProblems(cloud: string, blob: BlobStorageConfig): BlobConfigProblem[] {
    const out: BlobConfigProblem[] = [];
    const awsOnly = (["s3VpcEndpointId", "createS3GatewayEndpoint"] as const).filter((k) =>
        k === "createS3GatewayEndpoint" ? blob[k] : blob[k] !== undefined,
    );
    if (cloud !== "aws") {
        for (const k of awsOnly)
            out.push({
                path: `blobStorage.${k}`,
                problem: `is an AWS setting but langsmith:cloud is ${cloud}; remove it`,
            });
    } else if (blob.s3VpcEndpointId && blob.createS3GatewayEndpoint) {
        out.push({
            path: "blobStorage.createS3GatewayEndpoint",
            problem:
                "is set together with langsmith:blobStorage.s3VpcEndpointId; pin to the existing endpoint or create one, not both",
        });
    }
    const azureOnly = (["storageAccountName", "privateEndpointSubnetId", "privateDnsZoneId"] as const).filter(
        (k) => blob[k] !== undefined,
    );
    if (cloud !== "azure")
        for (const k of azureOnly)
            out.push({
                path: `blobStorage.${k}`,
                problem: `is an Azure setting but langsmith:cloud is ${cloud}; remove it${k === "storageAccountName" ? " (set langsmith:blobStorage.bucketName instead)" : ""}`,
            });
    if (cloud === "azure" && blob.bucketName !== undefined)
        out.push({
            path: "blobStorage.bucketName",
            problem:
                "is an S3/Cloud Storage setting; on Azure set langsmith:blobStorage.storageAccountName and containerName",
        });
    // A key of the other cloud is refused above; its name is not checked against this cloud's rules.
    if (blob.bucketName !== undefined && cloud !== "azure") {
        const problem = cloud === "aws" ? s3BucketNameProblem(blob.bucketName) : gcsBucketNameProblem(blob.bucketName);
        if (problem)
            out.push({
                path: "blobStorage.bucketName",
                problem: `${JSON.stringify(blob.bucketName)} ${problem} (${cloud === "aws" ? S3_NAMING : GCS_NAMING}); choose another name or remove the key for the default`,
            });
    }
    if (blob.storageAccountName !== undefined && cloud === "azure") {
        const problem = azureStorageAccountNameProblem(blob.storageAccountName);
        if (problem)
            out.push({
                path: "blobStorage.storageAccountName",
                problem: `${JSON.stringify(blob.storageAccountName)} ${problem} (${AZURE_ACCOUNT_NAMING}); choose another name or remove the key for the default`,
            });
    }
    if (cloud === "azure") {
        const problem = azureContainerNameProblem(blob.containerName);
        if (problem)
            out.push({
                path: "blobStorage.containerName",
                problem: `${JSON.stringify(blob.containerName)} ${problem} (${AZURE_CONTAINER_NAMING}); choose another name`,
            });
    }
    if (blob.shortTtlDays > blob.longTtlDays)
        out.push({
            path: "blobStorage.shortTtlDays",
            problem: `${blob.shortTtlDays} is longer than langsmith:blobStorage.longTtlDays (${blob.longTtlDays}); short-lived traces cannot outlive long-lived ones; set it to ${blob.longTtlDays} or less, or raise longTtlDays`,
        });
    const extra = blob.extraTtlDays ?? [];
    const twice = extra.find((d, i) => extra.indexOf(d) !== i);
    if (twice !== undefined)
        out.push({ path: "blobStorage.extraTtlDays", problem: `lists ${twice} twice; remove the duplicate` });
    return out;
}

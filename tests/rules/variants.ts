/** The configurations the rules layer is checked on: every stack, and each stack with its optional paths on. */
import { listStacks } from "../../tools/offline/synthesize";

export interface Variant {
    name: string;
    stack: string;
    override?: Record<string, unknown>;
    /** Config keys of the override that are secrets (as `pulumi config set --secret` marks them). */
    secretKeys?: string[];
}

/** Options that create resource types (or shapes) the stack files alone do not. */
const OPTIONS: Variant[] = [
    {
        name: "aws-dev with EKS Pod Identity",
        stack: "aws-dev",
        override: { "langsmith:aws": { identityMode: "podIdentity" } },
    },
    {
        name: "aws-prod with EKS Pod Identity",
        stack: "aws-prod",
        override: { "langsmith:aws": { identityMode: "podIdentity" } },
    },
    {
        name: "aws-dev with an S3 gateway endpoint for blob storage",
        stack: "aws-dev",
        override: { "langsmith:blobStorage": { createS3GatewayEndpoint: true } },
    },
    {
        name: "gcp-dev creating Private Service Access",
        stack: "gcp-dev",
        override: { "langsmith:gcp": { createPrivateServiceConnection: true } },
    },
    {
        name: "gcp-prod creating the service connection policy for Memorystore (Shared VPC host project)",
        stack: "gcp-prod",
        override: { "langsmith:gcp": { createServiceConnectionPolicy: true } },
    },
    {
        name: "aws-dev with LangSmith-managed ClickHouse (PrivateLink endpoint)",
        stack: "aws-dev",
        override: {
            "langsmith:clickhouse": {
                mode: "langsmithManaged",
                host: "abc123xyz.us-east-1.aws.clickhouse.cloud",
                privateConnection: { serviceName: "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0" },
            },
            "langsmith:clickhousePassword": "offline-placeholder-clickhouse",
        },
        secretKeys: ["langsmith:clickhousePassword"],
    },
    {
        name: "gcp-dev with LangSmith-managed ClickHouse (Private Service Connect endpoint)",
        stack: "gcp-dev",
        override: {
            "langsmith:clickhouse": {
                mode: "langsmithManaged",
                host: "abc123xyz.us-central1.gcp.clickhouse.cloud",
                privateConnection: {
                    serviceName: "projects/langchain-ch-prod/regions/us-central1/serviceAttachments/clickhouse",
                },
            },
            "langsmith:clickhousePassword": "offline-placeholder-clickhouse",
        },
        secretKeys: ["langsmith:clickhousePassword"],
    },
    {
        name: "azure-dev with LangSmith-managed ClickHouse (private endpoint to a private link service alias)",
        stack: "azure-dev",
        override: {
            "langsmith:clickhouse": {
                mode: "langsmithManaged",
                host: "abc123xyz.eastus.azure.clickhouse.cloud",
                privateConnection: {
                    serviceName:
                        "clickhouse-eastus.00000000-1111-2222-3333-444444444444.eastus.azure.privatelinkservice",
                },
            },
            "langsmith:clickhousePassword": "offline-placeholder-clickhouse",
        },
        secretKeys: ["langsmith:clickhousePassword"],
    },
    {
        name: "aws-dev with an external ClickHouse",
        stack: "aws-dev",
        override: {
            "langsmith:clickhouse": { mode: "external", host: "clickhouse.internal.example.com", tls: false },
            "langsmith:clickhousePassword": "offline-placeholder-clickhouse",
        },
        secretKeys: ["langsmith:clickhousePassword"],
    },
    {
        name: "aws-dev with the Insights and Polly agents",
        stack: "aws-dev",
        override: { "langsmith:chart": { insights: true, polly: true } },
    },
    {
        name: "azure-dev as production",
        stack: "azure-dev",
        override: {
            "langsmith:production": "true",
            "langsmith:postgres": { highAvailability: false },
            "langsmith:clickhouse": { mode: "inCluster" },
        },
    },
];

export function variants(): Variant[] {
    return [...listStacks().map((stack) => ({ name: stack, stack })), ...OPTIONS];
}

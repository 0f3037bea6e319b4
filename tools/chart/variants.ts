/**
 * Config variants the chart render runs besides each stack as written, so one command covers the
 * combinations the program supports (agent features, in-cluster Redis, each ClickHouse mode, blob
 * storage off, stack-derived names, EKS Pod Identity). Each is a function of the stack's config: it
 * answers the keys to replace, or undefined where the variant does not apply (e.g. in-cluster Redis
 * on a production stack, which the config refuses). Values are placeholders, never real credentials.
 */
export type StackConfig = Record<string, string>;

export interface Variant {
    name: string;
    /** Config keys to replace (full keys), or undefined when the variant does not apply to this stack. */
    overrides(config: StackConfig): Record<string, string> | undefined;
}

const json = (config: StackConfig, key: string): Record<string, unknown> =>
    config[key] ? (JSON.parse(config[key]) as Record<string, unknown>) : {};
const text = (v: unknown, fallback: string): string => (typeof v === "string" && v !== "" ? v : fallback);
const cloudOf = (config: StackConfig) => config["langsmith:cloud"];
const production = (config: StackConfig) => config["langsmith:production"] === "true";
const regionOf = (config: StackConfig) => {
    const cloud = cloudOf(config);
    const block = json(config, `langsmith:${cloud}`);
    return text(block.region, text(block.location, ""));
};

/** A made-up ClickHouse password for the offline preview (the render checks it leaks nowhere). */
const PLACEHOLDER_PASSWORD = "offline-placeholder-clickhouse-password";

/** The private connection target each cloud's config accepts (program/config/clickhouse.ts forms). */
function managedTarget(config: StackConfig): string {
    const region = regionOf(config);
    if (cloudOf(config) === "aws") return `com.amazonaws.vpce.${region}.vpce-svc-0123456789abcdef0`;
    if (cloudOf(config) === "gcp") return `projects/langchain-ch/regions/${region}/serviceAttachments/clickhouse`;
    return `clickhouse.00000000-1111-2222-3333-444444444444.${region}.azure.privatelinkservice`;
}

export const VARIANTS: Variant[] = [
    {
        name: "deployments+fleet",
        overrides: (c) => ({
            "langsmith:chart": JSON.stringify({
                ...json(c, "langsmith:chart"),
                hostname: text(json(c, "langsmith:chart").hostname, "langsmith.example.com"),
                deployments: true,
                fleet: true,
            }),
        }),
    },
    {
        name: "redis-inCluster",
        overrides: (c) => (production(c) ? undefined : { "langsmith:redis": JSON.stringify({ mode: "inCluster" }) }),
    },
    {
        name: "clickhouse-external",
        overrides: () => ({
            "langsmith:clickhouse": JSON.stringify({ mode: "external", host: "clickhouse.example.com" }),
            "langsmith:clickhousePassword": PLACEHOLDER_PASSWORD,
        }),
    },
    {
        name: "clickhouse-managed",
        overrides: (c) => ({
            "langsmith:clickhouse": JSON.stringify({
                mode: "langsmithManaged",
                host: "abc123.clickhouse.example.com",
                privateConnection: { serviceName: managedTarget(c) },
            }),
            "langsmith:clickhousePassword": PLACEHOLDER_PASSWORD,
        }),
    },
    {
        name: "no-blob-no-agents",
        overrides: (c) => ({
            "langsmith:blobStorage": JSON.stringify({ enabled: false }),
            "langsmith:chart": JSON.stringify({ ...json(c, "langsmith:chart"), insights: false, polly: false }),
        }),
    },
    {
        name: "gateway+presidio",
        overrides: (c) => ({
            "langsmith:helmValues": JSON.stringify({
                ...json(c, "langsmith:helmValues"),
                agentGateway: { enabled: true },
                presidioAnalyzer: { enabled: true },
            }),
        }),
    },
    { name: "stack-names", overrides: () => ({ "langsmith:names": JSON.stringify({ legacy: false }) }) },
    {
        name: "pod-identity",
        overrides: (c) =>
            cloudOf(c) === "aws"
                ? { "langsmith:aws": JSON.stringify({ ...json(c, "langsmith:aws"), identityMode: "podIdentity" }) }
                : undefined,
    },
];

/** The variants named (`all`: every one). */
export function selectVariants(names: string[]): Variant[] {
    if (names.includes("all")) return VARIANTS;
    return names.map((name) => {
        const v = VARIANTS.find((x) => x.name === name);
        if (!v) throw new Error(`no variant ${name}; variants: all, ${VARIANTS.map((x) => x.name).join(", ")}`);
        return v;
    });
}

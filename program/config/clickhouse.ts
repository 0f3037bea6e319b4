/**
 * The `langsmith:clickhouse` config block: the chart's in-cluster ClickHouse (the dev default, sized
 * per LangSmith's AWS reference architecture), an external ClickHouse (self-managed or ClickHouse
 * Cloud), or LangSmith-managed ClickHouse reached over a private connection. A production stack
 * names its choice. ClickHouse has no identity-based login: its password is the one store
 * credential the user supplies, read only from the secret key `langsmith:clickhousePassword`.
 */
import { z } from "zod";
import { hostname } from "./fields";

export const ClickHouseMode = {
    InCluster: "inCluster",
    External: "external",
    LangsmithManaged: "langsmithManaged",
} as const;
export type ClickHouseMode = (typeof ClickHouseMode)[keyof typeof ClickHouseMode];

/** The secret config key holding the ClickHouse password (`pulumi config set --secret`). */
export const CLICKHOUSE_PASSWORD_KEY = "clickhousePassword";

/**
 * In-cluster sizing from the reference architecture (../shared/reference/seeds, AWS reference
 * architecture, "ClickHouse"): 8 vCPU / 32 GB on SSD storage in production, 4 vCPU / 16 GB for dev.
 */
export const IN_CLUSTER_SIZING = {
    production: { cpu: 8, memoryGi: 32 },
    dev: { cpu: 4, memoryGi: 16 },
} as const;
/** The chart's own persistence size (values.yaml `clickhouse.statefulSet.persistence.size`, its production hint). */
export const DEFAULT_IN_CLUSTER_STORAGE_GB = 50;

/** Ports of ClickHouse's HTTP and native interfaces, plain and TLS (ClickHouse Cloud serves only TLS). */
export const CLICKHOUSE_PORTS = { http: 8123, native: 9000, httpTls: 8443, nativeTls: 9440 } as const;

const port = z
    .number({ error: "must be a port number; set a whole number such as 8443" })
    .int({ error: "must be a whole port number; set e.g. 8443" })
    .min(1, { error: "is not a TCP port; set 1 to 65535" })
    .max(65535, { error: "is not a TCP port; set 1 to 65535" });

/** ClickHouse identifiers (user, database, cluster): letters, digits and underscores, not starting with a digit. */
const chIdentifier = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,62}$/, {
    error: "is not a plain ClickHouse identifier (letters, digits, underscores; not starting with a digit); set e.g. default",
});

const inClusterSchema = z.strictObject({
    /** vCPUs requested and allowed (default: 8 in production, 4 otherwise, per the reference architecture). */
    cpu: z
        .number({ error: "must be a number of vCPUs; set e.g. 8" })
        .int({ error: "must be a whole number of vCPUs; set e.g. 8" })
        .min(1, { error: "must be at least 1 vCPU; set e.g. 4" })
        .max(64, { error: "is above 64 vCPUs; set 64 or fewer" })
        .optional(),
    /** Memory in GiB requested and allowed (default: 32 in production, 16 otherwise). */
    memoryGi: z
        .number({ error: "must be a number of GiB; set e.g. 32" })
        .int({ error: "must be a whole number of GiB; set e.g. 32" })
        .min(4, { error: "is below the 4 GiB ClickHouse needs to start; set 16 or more" })
        .max(512, { error: "is above 512 GiB; set 512 or fewer" })
        .optional(),
    /** Size of the persistent volume in GiB. */
    storageGb: z
        .number({ error: "must be a number of GiB; set e.g. 50" })
        .int({ error: "must be a whole number of GiB; set e.g. 50" })
        .min(10, { error: "is below 10 GiB; set 50 or more" })
        .max(65536, { error: "is above 65536 GiB; set less" })
        .default(DEFAULT_IN_CLUSTER_STORAGE_GB),
    /** An SSD StorageClass of the cluster (default: AWS one this program creates, GKE premium-rwo, AKS managed-csi-premium). */
    storageClassName: z
        .string()
        .regex(/^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/, {
            error: "is not a Kubernetes object name (lower-case letters, digits, '-' and '.'); set the StorageClass name",
        })
        .optional(),
});

const privateConnectionSchema = z.strictObject({
    /**
     * What LangChain provides for the private connection: AWS, the endpoint service name
     * (`com.amazonaws.vpce.<region>.vpce-svc-...`); GCP, the service attachment
     * (`projects/<p>/regions/<r>/serviceAttachments/<name>`); Azure, the private link service alias
     * (`<name>.<guid>.<region>.azure.privatelinkservice`) or resource id.
     */
    serviceName: z.string().min(1, { error: "is empty; set the service name LangChain provides" }),
});

export const clickhouseSchema = z.strictObject({
    /** `inCluster` (the chart's StatefulSet), `external` (your ClickHouse) or `langsmithManaged`; required in production. */
    mode: z
        .enum(ClickHouseMode, {
            error: `is not a ClickHouse mode; set ${Object.values(ClickHouseMode).join(", ")}`,
        })
        .optional(),
    /** In-cluster sizing (mode `inCluster`). */
    inCluster: inClusterSchema.optional(),
    /** External / managed: the server's host name. */
    host: hostname.optional(),
    /** External / managed: HTTP port (default 8443 with TLS, 8123 without). */
    port: port.optional(),
    /** External / managed: native-protocol port (default 9440 with TLS, 9000 without). */
    nativePort: port.optional(),
    /** External / managed: connect over TLS (default true; managed ClickHouse needs it). */
    tls: z.boolean({ error: "must be true or false; set true or false (no quotes)" }).default(true),
    /** External / managed: the database. */
    database: chIdentifier.default("default"),
    /** External / managed: the user (its password is the secret `langsmith:clickhousePassword`). */
    user: chIdentifier.default("default"),
    /** External / managed: the ClickHouse cluster name for replicated tables (`clickhouse.external.cluster`). */
    cluster: chIdentifier.optional(),
    /** LangSmith-managed: the private connection from the service name LangChain provides. */
    privateConnection: privateConnectionSchema.optional(),
    /** Refused: a password here would sit in plain text in the stack file (use `langsmith:clickhousePassword`). */
    password: z.unknown().optional(),
});

export type ClickHouseConfig = z.output<typeof clickhouseSchema>;

/** The ClickHouse settings with every default resolved. */
export type ClickHouseSettings =
    | {
          mode: "inCluster";
          cpu: number;
          memoryGi: number;
          storageGb: number;
          storageClassName?: string;
      }
    | {
          mode: "external" | "langsmithManaged";
          host: string;
          port: number;
          nativePort: number;
          tls: boolean;
          database: string;
          user: string;
          cluster?: string;
          /** `clickhouse.external.hybrid`: true exactly for LangSmith-managed ClickHouse. */
          hybrid: boolean;
          privateConnection?: { serviceName: string };
      };

/** A broken ClickHouse rule: the key (without `langsmith:`) and the problem with its fix. */
export interface ClickHouseConfigProblem {
    path: string;
    problem: string;
}

/** Private connection service names, by cloud, as LangChain hands them over. */
const SERVICE_NAME_FORMS: Record<string, { pattern: RegExp; example: string }> = {
    aws: {
        // https://docs.aws.amazon.com/vpc/latest/privatelink/create-endpoint-service.html (service name)
        pattern: /^com\.amazonaws\.vpce\.[a-z]{2}(-[a-z]+)+-\d\.vpce-svc-[0-9a-f]{8,17}$/,
        example: "com.amazonaws.vpce.us-west-2.vpce-svc-0123456789abcdef0",
    },
    gcp: {
        // https://cloud.google.com/vpc/docs/configure-private-service-connect-services (target service attachment)
        pattern:
            /^projects\/[a-z][-a-z0-9]{4,28}[a-z0-9]\/regions\/[a-z]+-[a-z]+\d\/serviceAttachments\/[a-z]([-a-z0-9]*[a-z0-9])?$/,
        example: "projects/langchain-ch/regions/us-central1/serviceAttachments/clickhouse",
    },
    azure: {
        // https://learn.microsoft.com/azure/private-link/private-link-service-overview#alias
        pattern:
            /^([a-z0-9][-a-z0-9_.]*\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.[a-z0-9]+\.azure\.privatelinkservice|\/subscriptions\/[0-9a-f-]{36}\/resourceGroups\/[^/]+\/providers\/Microsoft\.Network\/privateLinkServices\/[^/]+)$/i,
        example: "clickhouse.00000000-1111-2222-3333-444444444444.eastus.azure.privatelinkservice",
    },
};

/** Clouds where this program builds the private connection LangSmith-managed ClickHouse needs. */
export const MANAGED_CLICKHOUSE_CLOUDS: readonly string[] = ["aws", "gcp", "azure"];

const EXTERNAL_KEYS = ["host", "port", "nativePort", "cluster", "privateConnection"] as const;

/** Resolves the defaults, or returns every problem found. */
export function resolveClickHouse(
    ch: ClickHouseConfig,
    context: {
        cloud: string;
        production: boolean;
        blobStorageEnabled: boolean;
        passwordSet: boolean;
        helmValues?: Record<string, unknown>;
        /** The stack's region, where the private connection's endpoint is made (GCP). */
        region?: string;
    },
): ClickHouseSettings | ClickHouseConfigProblem[] {
    const problems: ClickHouseConfigProblem[] = [];
    const modes = Object.values(ClickHouseMode).join(", ");
    if (ch.password !== undefined)
        problems.push({
            path: "clickhouse.password",
            problem: `is a password written in plain text in the stack file; remove it and run: pulumi config set --secret langsmith:${CLICKHOUSE_PASSWORD_KEY} <password>`,
        });
    if (ch.mode === undefined && context.production)
        problems.push({
            path: "clickhouse.mode",
            problem: `is required on a production stack: choose where traces live; set one of ${modes} (inCluster is sized per the reference architecture, 8 vCPU / 32 GiB on SSD)`,
        });
    const mode = ch.mode ?? ClickHouseMode.InCluster;
    const chartClickhouse = context.helmValues?.clickhouse as Record<string, unknown> | undefined;
    // With inCluster, a stack may still point the chart at its own Secret through helmValues (as before this key existed).
    if (mode !== ClickHouseMode.InCluster && chartClickhouse?.external !== undefined)
        problems.push({
            path: "helmValues.clickhouse.external",
            problem:
                "is managed by this program (the connection Secret and TLS); remove it and use the langsmith:clickhouse keys",
        });

    if (mode === ClickHouseMode.InCluster) {
        for (const key of EXTERNAL_KEYS)
            if (ch[key] !== undefined)
                problems.push({
                    path: `clickhouse.${key}`,
                    problem:
                        "configures an external ClickHouse but langsmith:clickhouse.mode is inCluster; remove it or set mode external",
                });
        if (context.passwordSet)
            problems.push({
                path: CLICKHOUSE_PASSWORD_KEY,
                problem:
                    "is set but the in-cluster ClickHouse does not use it; remove it (pulumi config rm) or set langsmith:clickhouse.mode external",
            });
        if (problems.length > 0) return problems;
        const sizing = context.production ? IN_CLUSTER_SIZING.production : IN_CLUSTER_SIZING.dev;
        const inCluster = ch.inCluster ?? { storageGb: DEFAULT_IN_CLUSTER_STORAGE_GB };
        return {
            mode,
            cpu: inCluster.cpu ?? sizing.cpu,
            memoryGi: inCluster.memoryGi ?? sizing.memoryGi,
            storageGb: inCluster.storageGb,
            ...(inCluster.storageClassName !== undefined ? { storageClassName: inCluster.storageClassName } : {}),
        };
    }

    if (ch.inCluster !== undefined)
        problems.push({
            path: "clickhouse.inCluster",
            problem: `sizes the in-cluster ClickHouse but langsmith:clickhouse.mode is ${mode}; remove it`,
        });
    if (ch.host === undefined)
        problems.push({
            path: "clickhouse.host",
            problem: `is required with mode ${mode}; set the ClickHouse server's host name${mode === ClickHouseMode.LangsmithManaged ? " (LangChain provides it)" : ""}`,
        });
    if (!context.passwordSet)
        problems.push({
            path: CLICKHOUSE_PASSWORD_KEY,
            problem: `is required with mode ${mode} (ClickHouse has no identity login); run: pulumi config set --secret langsmith:${CLICKHOUSE_PASSWORD_KEY} <password>`,
        });
    const defaultPorts = ch.tls
        ? { http: CLICKHOUSE_PORTS.httpTls, native: CLICKHOUSE_PORTS.nativeTls }
        : { http: CLICKHOUSE_PORTS.http, native: CLICKHOUSE_PORTS.native };
    const httpPort = ch.port ?? defaultPorts.http;
    const nativePort = ch.nativePort ?? defaultPorts.native;
    if (httpPort === nativePort)
        problems.push({
            path: "clickhouse.nativePort",
            problem: `is the same as langsmith:clickhouse.port (${httpPort}); ClickHouse serves HTTP and the native protocol on different ports, set both (e.g. ${defaultPorts.http} and ${defaultPorts.native})`,
        });
    if (mode === ClickHouseMode.LangsmithManaged) {
        if (!context.blobStorageEnabled)
            problems.push({
                path: "clickhouse.mode",
                problem:
                    "langsmithManaged needs blob storage (trace inputs and outputs stay in your cloud), but langsmith:blobStorage.enabled is false; set langsmith:blobStorage.enabled to true or choose another mode",
            });
        if (!ch.tls)
            problems.push({
                path: "clickhouse.tls",
                problem:
                    "is false, but LangSmith-managed ClickHouse is served over TLS only; remove the key or set true",
            });
        if (!MANAGED_CLICKHOUSE_CLOUDS.includes(context.cloud))
            problems.push({
                path: "clickhouse.mode",
                problem: `langsmithManaged needs a private connection this program does not build on ${context.cloud} yet (only on ${MANAGED_CLICKHOUSE_CLOUDS.join(", ")}); choose external (with the private connection set up by you) or inCluster`,
            });
        const form = SERVICE_NAME_FORMS[context.cloud];
        if (ch.privateConnection === undefined)
            problems.push({
                path: "clickhouse.privateConnection.serviceName",
                problem: `is required with mode langsmithManaged; set the service name LangChain provides for your region, like ${form?.example ?? "the one LangChain gives you"}`,
            });
        else if (form && !form.pattern.test(ch.privateConnection.serviceName))
            problems.push({
                path: "clickhouse.privateConnection.serviceName",
                problem: `${JSON.stringify(ch.privateConnection.serviceName)} is not a ${context.cloud} private connection target like ${form.example}; set the one LangChain provides`,
            });
        else if (context.cloud === "gcp" && context.region !== undefined) {
            // "The IP address must be in the same region as the service producer's service attachment"
            // (https://cloud.google.com/vpc/docs/configure-private-service-connect-services, "Create an endpoint").
            const region = /\/regions\/([^/]+)\//.exec(ch.privateConnection.serviceName)?.[1];
            if (region !== context.region)
                problems.push({
                    path: "clickhouse.privateConnection.serviceName",
                    problem: `is a service attachment in ${region}, but the endpoint is made in the stack's region ${context.region} and must be in the attachment's; ask LangChain for a service attachment in ${context.region} and set it (or deploy the stack in ${region})`,
                });
        }
    } else if (ch.privateConnection !== undefined) {
        problems.push({
            path: "clickhouse.privateConnection",
            problem:
                "is for LangSmith-managed ClickHouse but langsmith:clickhouse.mode is external; remove it, or set mode langsmithManaged",
        });
    }
    if (problems.length > 0 || ch.host === undefined) return problems;
    return {
        mode,
        host: ch.host,
        port: httpPort,
        nativePort,
        tls: ch.tls,
        database: ch.database,
        user: ch.user,
        hybrid: mode === ClickHouseMode.LangsmithManaged,
        ...(ch.cluster !== undefined ? { cluster: ch.cluster } : {}),
        ...(ch.privateConnection !== undefined ? { privateConnection: { ...ch.privateConnection } } : {}),
    };
}

export function isClickHouseProblems(
    v: ClickHouseSettings | ClickHouseConfigProblem[],
): v is ClickHouseConfigProblem[] {
    return Array.isArray(v);
}

/**
 * The one list of LangSmith workloads that connect to PostgreSQL, and the Kubernetes service
 * account each runs under. Identity bindings (trust-policy subjects, workload identity members,
 * federated credentials), the service accounts and the Helm values all read this list, so a
 * service account name is written once. Source: the chart facts (`helm template` of chart 0.16
 * and 0.17): every Deployment below and the backend's Helm-hook Jobs receive
 * `POSTGRES_DATABASE_URI`, and use it. The chart also gives that environment to the Presidio
 * analyzer (`presidioAnalyzer.enabled`), which is not in the list: it is Microsoft's
 * `presidio-analyzer` image, whose server reads no store (microsoft/presidio
 * `presidio-analyzer/app.py` reads only its port, log level, configuration files and batch sizes),
 * so it gets no identity.
 */

/** Chart options that change which Postgres-connecting workloads exist. */
export interface WorkloadOptions {
    /** Helm release name. */
    releaseName: string;
    /** `config.deployment.enabled`: adds hostBackend and listener. */
    deployments: boolean;
    /** `insights.enabled`: adds the insights agent's api server and queue. */
    insights: boolean;
    /** `polly.enabled`: adds the polly agent's api server and queue. */
    polly: boolean;
    /**
     * `fleet.enabled`: adds the fleet agent's api server and queue and the fleet tool and trigger
     * servers (every one of them gets the chart's common environment, so reads Postgres and Redis).
     * @default false
     */
    fleet?: boolean;
    /**
     * `agentGateway.enabled`: adds the LLM gateway, which "requires access to Postgres and Redis
     * [...] similar to backend and platform-backend" (LangChain, "Enable the LLM Gateway":
     * https://docs.langchain.com/langsmith/llm-gateway-self-hosted) and gets the chart's common environment.
     * @default false
     */
    agentGateway?: boolean;
    /** `fullnameOverride`, when the user set one in helmValues. */
    fullnameOverride?: string;
}

/** One service account and the chart value paths of the pods that run under it. */
export interface PostgresServiceAccount {
    /** Kubernetes service account name (the chart's default name for that component). */
    name: string;
    /** Values path of the component owning the service account, e.g. `["backend"]`. */
    componentPath: string[];
    /** Values paths of the label maps of every pod that uses this account (Deployments and Jobs). */
    podLabelPaths: string[][];
}

/** Kubernetes' limit on a service account (DNS-1123 label) name. */
export const MAX_KUBERNETES_NAME = 63;

/** The chart's "fullname": `<release>` when it contains `langsmith`, else `<release>-langsmith`, cut to 63. */
export function chartFullname(releaseName: string, fullnameOverride?: string): string {
    const full = fullnameOverride ?? (releaseName.includes("langsmith") ? releaseName : `${releaseName}-langsmith`);
    return full.slice(0, 63).replace(/-+$/, "");
}

/** Backend Helm-hook Jobs: they run under the backend service account. */
const BACKEND_JOBS = ["migrations", "clickhouseMigrations", "authBootstrap", "backfillCheck", "e2eTest"];

/** Every service account whose pods connect to Postgres, for these chart options. */
export function postgresServiceAccounts(options: WorkloadOptions): PostgresServiceAccount[] {
    const accounts = accountsFor(options);
    const tooLong = accounts.find((sa) => sa.name.length > MAX_KUBERNETES_NAME);
    // Cutting to 63 would make two accounts collide (and differ from the chart's own names).
    if (tooLong)
        throw new Error(
            `service account ${tooLong.name} is longer than Kubernetes' ${MAX_KUBERNETES_NAME} characters; use a shorter releaseName or fullnameOverride`,
        );
    return accounts;
}

/** The service account names longer than Kubernetes allows for these options (empty when all fit). */
export function overlongServiceAccountNames(options: WorkloadOptions): string[] {
    return accountsFor(options)
        .map((sa) => sa.name)
        .filter((name) => name.length > MAX_KUBERNETES_NAME);
}

function accountsFor(options: WorkloadOptions): PostgresServiceAccount[] {
    const full = chartFullname(options.releaseName, options.fullnameOverride);
    const deployment = (component: string[], suffix: string): PostgresServiceAccount => ({
        name: `${full}-${suffix}`,
        componentPath: component,
        podLabelPaths: [[...component, "deployment", "labels"]],
    });

    const backend = deployment(["backend"], "backend");
    backend.podLabelPaths.push(...BACKEND_JOBS.map((job) => ["backend", job, "labels"]));

    const accounts = [
        backend,
        deployment(["queue"], "queue"),
        deployment(["ingestQueue"], "ingest-queue"),
        deployment(["platformBackend"], "platform-backend"),
    ];
    if (options.deployments) {
        accounts.push(deployment(["hostBackend"], "host-backend"), deployment(["listener"], "listener"));
    }
    if (options.insights) {
        accounts.push(
            deployment(["engineInsightsAgent", "apiServer"], "standalone-insights-api-server"),
            deployment(["engineInsightsAgent", "queue"], "standalone-insights-queue"),
        );
    }
    if (options.polly) {
        accounts.push(
            deployment(["polly", "apiServer"], "standalone-polly-api-server"),
            deployment(["polly", "queue"], "standalone-polly-queue"),
        );
    }
    if (options.fleet) {
        accounts.push(
            deployment(["fleet", "apiServer"], "standalone-fleet-api-server"),
            deployment(["fleet", "queue"], "standalone-fleet-queue"),
            deployment(["fleetToolServer"], "fleet-tool-server"),
            deployment(["fleetTriggerServer"], "fleet-trigger-server"),
        );
    }
    // `agentGateway.name` (default `agent-gateway`) names only the Deployment once the account name is set.
    if (options.agentGateway) accounts.push(deployment(["agentGateway"], "agent-gateway"));
    return accounts;
}

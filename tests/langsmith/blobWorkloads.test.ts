/**
 * Every pod the chart gives blob settings holds the workload identity. Read from the chart templates
 * of both lines (langchain-ai/helm `charts/langsmith`, branch v16-stable = chart 0.16.11 and main =
 * 0.17.0-rc.12): the `config.blobStorage` environment (BLOB_STORAGE_ENGINE, S3_BUCKET_NAME,
 * AZURE_STORAGE_ACCOUNT_NAME, ...) is rendered by the helper `langsmith.commonEnv`, the same helper
 * that renders POSTGRES_DATABASE_URI, so blob storage reaches exactly the Postgres-connecting pods.
 * The templates that include it, with the values that turn each on (identical on both lines), are
 * below; the smithdb migration Job has its own blob settings and only exists with `smithdb.enabled`
 * (off by default, not set by this project). One template gets the environment without reading it:
 * the Presidio analyzer runs Microsoft's `presidio-analyzer` image, whose server reads no store
 * (microsoft/presidio `presidio-analyzer/app.py`), so it holds no identity.
 */
import { strict as assert } from "node:assert";
import { postgresServiceAccounts, type WorkloadOptions } from "../../components/langsmith/workloads";

type Options = Omit<WorkloadOptions, "releaseName" | "fullnameOverride">;

/**
 * Template → the service account suffix it runs under, when the chart renders it with this project's
 * values, and whether its program reads the stores (default: it does).
 */
const COMMON_ENV_TEMPLATES: {
    template: string;
    serviceAccount: string;
    on: (o: Options) => boolean;
    readsStores?: false;
}[] = [
    { template: "backend/deployment.yaml", serviceAccount: "backend", on: () => true },
    { template: "backend/postgres-migrations.yaml", serviceAccount: "backend", on: () => true },
    { template: "backend/clickhouse-migrations.yaml", serviceAccount: "backend", on: () => true },
    { template: "backend/auth-bootstrap.yaml", serviceAccount: "backend", on: () => true },
    { template: "backend/backfill-check.yaml", serviceAccount: "backend", on: () => true },
    { template: "backend/e2e-test.yaml", serviceAccount: "backend", on: () => true },
    { template: "queue/deployment.yaml", serviceAccount: "queue", on: () => true },
    { template: "ingest-queue/deployment.yaml", serviceAccount: "ingest-queue", on: () => true },
    { template: "platform-backend/deployment.yaml", serviceAccount: "platform-backend", on: () => true },
    { template: "host-backend/deployment.yaml", serviceAccount: "host-backend", on: (o) => o.deployments },
    { template: "listener/deployment.yaml", serviceAccount: "listener", on: (o) => o.deployments },
    {
        template: "agent-features/insights/api-server/deployment.yaml",
        serviceAccount: "standalone-insights-api-server",
        on: (o) => o.insights,
    },
    {
        template: "agent-features/insights/queue/deployment.yaml",
        serviceAccount: "standalone-insights-queue",
        on: (o) => o.insights,
    },
    {
        template: "agent-features/polly/api-server/deployment.yaml",
        serviceAccount: "standalone-polly-api-server",
        on: (o) => o.polly,
    },
    {
        template: "agent-features/polly/queue/deployment.yaml",
        serviceAccount: "standalone-polly-queue",
        on: (o) => o.polly,
    },
    // fleet.enabled (langsmith:chart.fleet). config.agentBuilder.enabled, presidioAnalyzer.enabled,
    // agentGateway.enabled: off by default on both lines; the last two a stack may turn on in helmValues.
    {
        template: "agent-features/fleet/api-server/deployment.yaml",
        serviceAccount: "standalone-fleet-api-server",
        on: (o) => o.fleet ?? false,
    },
    {
        template: "agent-features/fleet/queue/deployment.yaml",
        serviceAccount: "standalone-fleet-queue",
        on: (o) => o.fleet ?? false,
    },
    {
        template: "agent-features/fleet/tool-server/deployment.yaml",
        serviceAccount: "fleet-tool-server",
        on: (o) => o.fleet ?? false,
    },
    {
        template: "agent-features/fleet/trigger-server/deployment.yaml",
        serviceAccount: "fleet-trigger-server",
        on: (o) => o.fleet ?? false,
    },
    // Whatever helmValues say: Microsoft's analyzer never opens the URLs it is given.
    {
        template: "presidio-analyzer/deployment.yaml",
        serviceAccount: "presidio-analyzer",
        on: () => true,
        readsStores: false,
    },
    { template: "agent-gateway/deployment.yaml", serviceAccount: "agent-gateway", on: (o) => o.agentGateway ?? false },
];

describe("blob storage reaches only pods that hold the identity (chart 0.16 and 0.17)", function () {
    for (const deployments of [false, true])
        for (const insights of [false, true])
            for (const polly of [false, true])
                for (const fleet of [false, true])
                    for (const agentGateway of [false, true]) {
                        const options = { deployments, insights, polly, fleet, agentGateway };
                        it(JSON.stringify(options), function () {
                            const identity = new Set(
                                postgresServiceAccounts({ releaseName: "langsmith", ...options }).map((sa) => sa.name),
                            );
                            const blobReaders = COMMON_ENV_TEMPLATES.filter(
                                (t) => t.on(options) && t.readsStores !== false,
                            );
                            const uncovered = blobReaders.filter((t) => !identity.has(`langsmith-${t.serviceAccount}`));
                            assert.deepEqual(
                                uncovered.map((t) => t.template),
                                [],
                                "these pods would read blob storage without the workload identity",
                            );
                            // And the identity is not wider than the pods that need it.
                            const needed = new Set(blobReaders.map((t) => `langsmith-${t.serviceAccount}`));
                            assert.deepEqual(
                                [...identity].filter((sa) => !needed.has(sa)),
                                [],
                            );
                        });
                    }
});

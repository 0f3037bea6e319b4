/**
 * The agent features on the managed stores, on every stack: each enabled feature's pods (api server
 * and queue, Fleet's tool and trigger servers) run under service accounts from the one workload list,
 * and every such account holds the cloud's identity (annotation, Azure pod label, a trust subject /
 * federated credential / Pod Identity association naming it); each feature reads its own database
 * and Redis database from a Secret with no password; no stack asks the chart for an agent's
 * in-cluster Postgres or Redis, and production stacks keep Redis on the managed service where this
 * program creates one.
 */
import { strict as assert } from "node:assert";
import { listStacks, type SynthResult } from "../../tools/offline/synthesize";
import { AGENT_FEATURES, agentDatabaseName, type AgentFeature } from "../../components/langsmith/agents";
import { postgresServiceAccounts } from "../../components/langsmith/workloads";
import { MANAGED_REDIS_CLOUDS } from "../../program/config/redis";
import { chartValidationProblems } from "../support/chartValidation";
import { at, helmValues, ofType, one, stackSettings, synthStack } from "../support/synth";

type Values = Record<string, unknown>;

/** Every agent workload's service account, and the values paths of its pods' labels, for these settings. */
function agentAccounts(settings: ReturnType<typeof stackSettings>) {
    const fullnameOverride = (settings.helmValues?.fullnameOverride as string | undefined) ?? undefined;
    const agentBlocks = new Set(
        AGENT_FEATURES.map((s) => s.storesBlock).concat(["fleetToolServer", "fleetTriggerServer"]),
    );
    return postgresServiceAccounts({ ...settings.chart, fullnameOverride }).filter((sa) =>
        agentBlocks.has(sa.componentPath[0]),
    );
}

/** True when some cloud resource binds `sa` in `namespace` to the identity. */
function identityBinds(result: SynthResult, namespace: string, sa: string): boolean {
    const cloudInputs = result.resources
        .filter((r) => !r.type.startsWith("kubernetes:") && !r.type.startsWith("pulumi:"))
        .map((r) => JSON.stringify(r.inputs))
        .join("\n");
    const associations = result.resources.filter(
        (r) => r.type === "aws:eks/podIdentityAssociation:PodIdentityAssociation",
    );
    return (
        cloudInputs.includes(`system:serviceaccount:${namespace}:${sa}`) ||
        cloudInputs.includes(`[${namespace}/${sa}]`) ||
        associations.some((a) => a.inputs.serviceAccount === sa && a.inputs.namespace === namespace)
    );
}

const IDENTITY_ANNOTATION: Record<string, string> = {
    aws: "eks.amazonaws.com/role-arn",
    gcp: "iam.gke.io/gcp-service-account",
    azure: "azure.workload.identity/client-id",
};

const CASES: { stack: string; override?: Record<string, unknown> }[] = [
    ...listStacks().map((stack) => ({ stack })),
    // Fleet needs LangSmith Deployments (and so a host name).
    ...["aws-prod", "gcp-prod", "azure-prod"].map((stack) => ({
        stack,
        override: {
            "langsmith:chart": { deployments: true, fleet: true, hostname: "langsmith.example.com" },
        },
    })),
];

describe("agent features on the managed stores, reached by identity", function () {
    for (const { stack, override } of CASES) {
        const label = override ? `${stack} with Fleet and Deployments` : stack;
        it(`${label}: every agent pod holds the identity and reads its own stores, no password`, async function () {
            const settings = stackSettings(stack, override);
            const result = await synthStack(stack, { override, showSecrets: true });
            const values = helmValues(result) as Values;
            const namespace = settings.kubernetes.namespace;
            const enabled = AGENT_FEATURES.filter((s) => settings.chart[s.feature]);
            assert.ok(enabled.length > 0, "the chart's default agents are on");

            // Identity: the values name the accounts of the list; each is annotated and bound.
            const accounts = agentAccounts(settings);
            assert.equal(accounts.length, enabled.length * 2 + (settings.chart.fleet ? 2 : 0));
            const serviceAccounts = ofType(result, "kubernetes:core/v1:ServiceAccount");
            for (const sa of accounts) {
                assert.equal(at(values, [...sa.componentPath, "serviceAccount", "name"]), sa.name);
                assert.equal(at(values, [...sa.componentPath, "serviceAccount", "create"]), false);
                const resource = serviceAccounts.find((r) => at(r.inputs, ["metadata", "name"]) === sa.name);
                assert.ok(resource, `no ServiceAccount ${sa.name}`);
                const annotations = (at(resource.inputs, ["metadata", "annotations"]) ?? {}) as Record<string, string>;
                const podIdentity = settings.cloud === "aws" && settings.aws.identityMode === "podIdentity";
                if (!podIdentity)
                    assert.ok(
                        annotations[IDENTITY_ANNOTATION[settings.cloud]],
                        `${sa.name} lacks the identity annotation`,
                    );
                assert.ok(identityBinds(result, namespace, sa.name), `no trust subject / credential for ${sa.name}`);
                if (settings.cloud === "azure")
                    for (const labels of sa.podLabelPaths)
                        assert.equal(at(values, [...labels, "azure.workload.identity/use"]), "true");
            }

            // Stores: external, from one Secret per feature, own database, own Redis database where possible.
            const secrets = ofType(result, "kubernetes:core/v1:Secret");
            const redisNumbers = new Set<string>();
            for (const spec of enabled) {
                const pg = at(values, [spec.storesBlock, "postgres", "external"]) as Values;
                const redis = at(values, [spec.storesBlock, "redis", "external"]) as Values;
                assert.equal(pg.enabled, true, `${spec.feature} would run the chart's own Postgres`);
                assert.equal(redis.enabled, true, `${spec.feature} would run the chart's own Redis`);
                assert.equal(pg.iamProvider, settings.cloud);
                assert.equal(pg.connectionUrl, undefined);
                const secret = secrets.find((s) => s.name === `langsmith-${spec.feature}-stores`);
                assert.ok(secret, `no stores Secret for ${spec.feature}`);
                assert.equal(pg.existingSecretName, at(secret.inputs, ["metadata", "name"]) ?? pg.existingSecretName);
                assert.equal(redis.existingSecretName, pg.existingSecretName);
                const data = at(secret.inputs, ["stringData"]) as Record<string, string>;
                const pgUrl = new URL(data.postgres_connection_url);
                assert.equal(pgUrl.protocol, "postgres:");
                assert.equal(pgUrl.password, "", "no password in the agent's Postgres URL");
                assert.equal(pgUrl.pathname, `/${agentDatabaseName(settings.postgres.database, spec.feature)}`);
                assert.match(pgUrl.search, /sslmode=(require|verify-full)/);
                const redisUrl = new URL(data.redis_connection_url);
                assert.equal(redisUrl.password, "", "no password in the agent's Redis URL");
                redisNumbers.add(redisUrl.pathname);
                if (settings.redis.mode === "managed") {
                    assert.equal(redisUrl.protocol, "rediss:");
                    assert.equal(redis.iamProvider, settings.cloud);
                } else {
                    // The chart's own Redis (the config says inCluster): no token provider.
                    assert.equal(redis.iamProvider, undefined);
                }
            }
            // Azure Managed Redis has database 0 only (no SELECT): the agents share it with the app.
            if (settings.redis.mode === "managed" && settings.cloud === "azure")
                assert.deepEqual([...redisNumbers], [""], "no database number on Azure Managed Redis");
            else assert.equal(redisNumbers.size, enabled.length, "each agent has its own Redis database");

            // The Fernet keys the chart requires, and nothing the chart would refuse.
            const configSecret = one(result, "kubernetes:core/v1:Secret", "langsmith-config");
            const keys = Object.keys(at(configSecret.inputs, ["stringData"]) as object);
            for (const spec of enabled) assert.ok(keys.includes(spec.encryptionSecretKey), spec.encryptionSecretKey);
            assert.deepEqual(chartValidationProblems(values, keys), []);

            // No in-cluster store in production where the cloud has managed Redis.
            assert.equal(at(values, ["postgres", "external", "enabled"]), true);
            if (settings.production && MANAGED_REDIS_CLOUDS.includes(settings.cloud))
                assert.equal(at(values, ["redis", "external", "enabled"]), true);
        });
    }

    it("the bootstrap creates each enabled agent's database and prepares it before the main script", async function () {
        const override = { "langsmith:chart": { deployments: true, fleet: true, hostname: "langsmith.example.com" } };
        const result = await synthStack("gcp-prod", { override });
        const data = at(one(result, "kubernetes:core/v1:ConfigMap").inputs, ["data"]) as Record<string, string>;
        const job = one(result, "kubernetes:batch/v1:Job");
        const init = at(job.inputs, ["spec", "template", "spec", "initContainers"]) as {
            name: string;
            command: string[];
            env: { name: string; value: string }[];
        }[];
        const features: AgentFeature[] = ["insights", "polly", "fleet"];
        for (const f of features) assert.match(data["create-databases.sql"], new RegExp(`'langsmith_${f}'`));
        const create = init.find((c) => c.name === "create-databases");
        assert.ok(
            create && !create.command.includes("--single-transaction"),
            "CREATE DATABASE needs no transaction block",
        );
        features.forEach((f, i) => {
            const step = init.find((c) => c.name === `database-${i}`);
            assert.ok(step, `no step for ${f}`);
            assert.equal(step.env.find((e) => e.name === "PGDATABASE")?.value, `langsmith_${f}`);
            assert.ok(step.command.includes("--single-transaction"));
            assert.match(
                data[`database-${i}.sql`],
                new RegExp(`ALTER DATABASE "langsmith_${f}" OWNER TO "langsmith_${f}_owner"`),
            );
        });
        assert.ok(
            init.findIndex((c) => c.name === "create-databases") < init.findIndex((c) => c.name === "database-0"),
        );
    });

    it("gcp-prod: the agents trust config.customCa (Cloud SQL and Memorystore CAs) through OpenSSL's store, as the chart sets SSL_CERT_FILE", async function () {
        // Both chart lines give every agent pod langsmith.commonEnv (SSL_CERT_FILE when config.customCa is
        // set) and langsmith.tlsVolumes; libpq's sslrootcert=system reads that store, redis clients too.
        const result = await synthStack("gcp-prod", { showSecrets: true });
        const values = helmValues(result) as Values;
        const ca = at(values, ["config", "customCa"]) as { secretName: string; secretKey: string };
        const bundle = ofType(result, "kubernetes:core/v1:Secret").find(
            (s) => at(s.inputs, ["metadata", "name"]) === ca.secretName,
        );
        const pem = String(at(bundle?.inputs, ["stringData", ca.secretKey]));
        assert.match(pem, /MOCK-CLOUD-SQL-CA/);
        assert.match(pem, /MOCK-MEMORYSTORE-CA/);
        const stores = ofType(result, "kubernetes:core/v1:Secret").filter((s) => s.name.endsWith("-stores"));
        assert.ok(stores.length > 0);
        for (const s of stores) {
            const pg = new URL(String(at(s.inputs, ["stringData", "postgres_connection_url"])));
            assert.equal(pg.searchParams.get("sslmode"), "verify-full", s.name);
            assert.equal(pg.searchParams.get("sslrootcert"), "system", s.name);
            assert.match(String(at(s.inputs, ["stringData", "redis_connection_url"])), /^rediss:\/\//, s.name);
        }
    });

    it("a dev stack with the agents off creates no agent database, Secret or key", async function () {
        const result = await synthStack("aws-dev", {
            override: { "langsmith:chart": { insights: false, polly: false } },
        });
        const values = helmValues(result) as Values;
        assert.equal(at(values, ["insights", "enabled"]), false);
        assert.equal(at(values, ["polly", "enabled"]), false);
        assert.equal(at(values, ["fleet", "enabled"]), false);
        assert.equal(ofType(result, "kubernetes:core/v1:Secret").filter((s) => s.name.endsWith("-stores")).length, 0);
        const data = at(one(result, "kubernetes:core/v1:ConfigMap").inputs, ["data"]) as Record<string, string>;
        assert.equal(data["create-databases.sql"], undefined);
        assert.equal(ofType(result, "random:index/randomBytes:RandomBytes").length, 0);
    });
});

/**
 * Managed Redis on GCP (components/gcp/redis.ts through the real program under the offline mocks):
 * Memorystore for Valkey with Cluster Mode Disabled, IAM authorization, in-transit encryption with the
 * instance's CA given to the app, Private Service Connect endpoints on the cluster's network, the
 * connect role on this instance only, production protection, and the chart wired to it by a
 * passwordless URL naming `default`.
 */
import { strict as assert } from "node:assert";
import { parseSettings } from "../../program/config/settings";
import { ConfigError } from "../../program/config/errors";
import {
    gcpRedisArgsProblem,
    gcpRedisDefaults,
    memorystoreCaBundle,
    memorystoreInstanceCondition,
    MEMORYSTORE_CONNECT_ROLE,
    primaryEndpoint,
} from "../../components/gcp/redis";
import { memorystoreInstanceIdFrom, memorystoreInstanceIdProblem } from "../../components/gcp/redisNames";
import { gcpCloudSqlLoginOnly } from "../../policy/rules";
import { at, helmValues, ofType, one, synthStack } from "../support/synth";
import type { SynthResult } from "../../tools/offline/synthesize";

const INSTANCE = "gcp:memorystore/instance:Instance";
const POLICY = "gcp:networkconnectivity/serviceConnectionPolicy:ServiceConnectionPolicy";
const PROJECT_MEMBER = "gcp:projects/iAMMember:IAMMember";

function redisOf(result: SynthResult) {
    return { instance: one(result, INSTANCE), grant: one(result, PROJECT_MEMBER, "langsmith-redis-connect") };
}

describe("GCP managed Redis (Memorystore for Valkey by IAM)", function () {
    this.timeout(60000);

    it("gcp-dev: one Valkey 8 node, cluster mode disabled, IAM AUTH, TLS, a day of backups, not protected", async function () {
        const result = await synthStack("gcp-dev");
        const { instance } = redisOf(result);
        const i = instance.inputs;
        assert.equal(i.mode, "CLUSTER_DISABLED");
        assert.equal(i.shardCount, 1);
        assert.equal(i.replicaCount, 0);
        assert.equal(i.engineVersion, "VALKEY_8_0");
        assert.equal(i.nodeType, "SHARED_CORE_NANO");
        assert.equal(i.authorizationMode, "IAM_AUTH");
        assert.equal(i.transitEncryptionMode, "SERVER_AUTHENTICATION");
        assert.deepEqual(i.persistenceConfig, { mode: "DISABLED" });
        assert.deepEqual(i.automatedBackupConfig, {
            fixedFrequencySchedule: { startTime: { hours: 3 } },
            retention: "86400s",
        });
        assert.equal(i.deletionProtectionEnabled, false);
        assert.equal(instance.protect, false);
        assert.equal(ofType(result, POLICY).length, 0, "the VPC's existing service connection policy is used");
    });

    it("gcp-prod: a replica in another zone, hourly RDB persistence, 7 days of backups, deletion protection, Pulumi-protected", async function () {
        const { instance } = redisOf(await synthStack("gcp-prod"));
        const i = instance.inputs;
        assert.equal(i.nodeType, "STANDARD_SMALL");
        assert.equal(i.replicaCount, 1);
        assert.deepEqual(i.zoneDistributionConfig, { mode: "MULTI_ZONE" });
        assert.deepEqual(i.persistenceConfig, { mode: "RDB", rdbConfig: { rdbSnapshotPeriod: "ONE_HOUR" } });
        assert.equal(at(i, ["automatedBackupConfig", "retention"]), `${7 * 86400}s`);
        assert.equal(i.deletionProtectionEnabled, true);
        assert.equal(instance.protect, true);
        assert.deepEqual(instance.ignoreChanges.sort(), [
            "maintenanceVersion",
            "persistenceConfig.rdbConfig.rdbSnapshotStartTime",
        ]);
    });

    it("config: nodeType, highAvailability and snapshotRetentionDays reach the instance", async function () {
        const { instance } = redisOf(
            await synthStack("gcp-dev", {
                override: {
                    "langsmith:redis": { nodeType: "HIGHMEM_MEDIUM", highAvailability: true, snapshotRetentionDays: 0 },
                },
            }),
        );
        assert.equal(instance.inputs.nodeType, "HIGHMEM_MEDIUM");
        assert.equal(instance.inputs.replicaCount, 1);
        assert.equal(instance.inputs.automatedBackupConfig, undefined, "0 days: no automated backups");
    });

    it("names the instance after <project>-<stack> (legacy stacks too: it had no earlier name), within 4-63 characters", async function () {
        const dev = redisOf(await synthStack("gcp-dev")).instance;
        assert.equal(dev.inputs.instanceId, "langsmith-gcp-dev-redis");
        const long = memorystoreInstanceIdFrom(`langsmith-${"x".repeat(80)}`);
        const other = memorystoreInstanceIdFrom(`langsmith-${"x".repeat(79)}y`);
        assert.equal(long.length, 63);
        assert.notEqual(long, other, "two long stack names sharing a prefix stay apart");
        for (const id of [long, other, memorystoreInstanceIdFrom("9lives-prod"), memorystoreInstanceIdFrom("A_B")])
            assert.equal(memorystoreInstanceIdProblem(id), undefined, id);
        assert.match(memorystoreInstanceIdFrom("9lives-prod"), /^ls-9lives-prod-redis$/);
    });

    it("the chart reads rediss://default@<primary endpoint>:6379/0 from a Secret, with the gcp provider", async function () {
        const result = await synthStack("gcp-prod", { showSecrets: true });
        const { instance } = redisOf(result);
        const secret = one(result, "kubernetes:core/v1:Secret", "langsmith-redis");
        const url = String(at(secret.inputs, ["stringData", "connection_url"]));
        // The mock lists the reader endpoint before the primary: the URL must name the primary.
        const connections = at(instance.outputs, ["endpoints", "0", "connections"]) as {
            pscAutoConnection: { connectionType: string; ipAddress: string };
        }[];
        assert.equal(connections[0].pscAutoConnection.connectionType, "CONNECTION_TYPE_READER");
        const primaryIp = connections.find((c) => c.pscAutoConnection.connectionType === "CONNECTION_TYPE_PRIMARY")!
            .pscAutoConnection.ipAddress;
        assert.equal(url, `rediss://default@${primaryIp}:6379/0`);
        assert.equal(new URL(url).password, "");
        assert.deepEqual(at(helmValues(result), ["redis", "external"]), {
            enabled: true,
            existingSecretName: at(secret.outputs, ["metadata", "name"]),
            connectionUrlSecretKey: "connection_url",
            iamAuthProvider: "gcp",
            clusterSafeMode: false,
        });
        assert.equal(result.outputs.redisEndpoint, `${primaryIp}:6379`);
    });

    it("the app trusts the instance's CA: every managed server CA chain in config.customCa, Postgres' customTls untouched", async function () {
        const result = await synthStack("gcp-dev", { showSecrets: true });
        const { instance } = redisOf(result);
        const ca = one(result, "kubernetes:core/v1:Secret", "langsmith-server-ca");
        const pem = String(at(ca.inputs, ["stringData", "ca.crt"]));
        const expected = (at(instance.outputs, ["managedServerCas"]) as { caCerts: { certificates: string[] }[] }[])
            .flatMap((c) => c.caCerts)
            .flatMap((c) => c.certificates);
        assert.equal(expected.length, 4, "fixture: two chains during a rotation, two certificates each");
        for (const cert of expected) assert.ok(pem.includes(cert.trim()), cert);
        const values = helmValues(result);
        assert.deepEqual(at(values, ["config", "customCa"]), {
            secretName: "langsmith-server-ca",
            secretKey: "ca.crt",
        });
        assert.equal(at(values, ["postgres", "external", "customTls"]), undefined, "sslMode require: no custom TLS");
        const release = one(result, "kubernetes:helm.sh/v3:Release");
        assert.ok(release.dependencies.includes(ca.urn));
    });

    it("with a CA bundle of the stack's own (postgres.caCertificate), config.customCa stays it and the Memorystore CA is an output to add to it", async function () {
        const result = await synthStack("gcp-dev", {
            override: {
                "langsmith:postgres": {
                    sslMode: "verify-full",
                    caCertificate: { secretName: "corp-ca", secretKey: "ca.pem" },
                },
            },
        });
        assert.deepEqual(at(helmValues(result), ["config", "customCa"]), {
            secretName: "corp-ca",
            secretKey: "ca.pem",
        });
        assert.equal(ofType(result, "kubernetes:core/v1:Secret").filter((x) => x.name.endsWith("-ca")).length, 0);
        assert.match(String(result.outputs.redisCaCertificate), /MOCK-MEMORYSTORE-CA[\s\S]*-ROOT/);
    });

    it("grants roles/memorystore.dbConnectionUser to the app's service account on this instance only, and the release waits for it", async function () {
        const result = await synthStack("gcp-prod");
        const { instance, grant } = redisOf(result);
        const app = one(result, "gcp:serviceaccount/account:Account", "langsmith-identity-sa");
        assert.equal(grant.inputs.role, MEMORYSTORE_CONNECT_ROLE);
        assert.equal(grant.inputs.member, `serviceAccount:${String(app.outputs.email)}`);
        assert.equal(grant.inputs.project, "acme-langsmith-prod");
        assert.deepEqual(grant.inputs.condition, memorystoreInstanceCondition(String(instance.outputs.name)));
        assert.equal(
            at(grant.inputs, ["condition", "expression"]),
            "resource.name == 'projects/acme-langsmith-prod/locations/europe-west4/instances/langsmith-gcp-prod-redis' && resource.type == 'memorystore.googleapis.com/Instance'",
        );
        const bootstrap = one(result, "gcp:serviceaccount/account:Account", "langsmith-bootstrap-identity-sa");
        assert.ok(
            !ofType(result, PROJECT_MEMBER).some(
                (g) =>
                    g.inputs.role === MEMORYSTORE_CONNECT_ROLE &&
                    g.inputs.member === `serviceAccount:${String(bootstrap.outputs.email)}`,
            ),
            "the bootstrap Job gets no Redis access",
        );
        const release = one(result, "kubernetes:helm.sh/v3:Release");
        assert.ok(release.dependencies.includes(grant.urn));
        assert.deepEqual(
            gcpCloudSqlLoginOnly.check({ type: grant.type, name: grant.name, inputs: grant.inputs }, true),
            [],
        );
    });

    it("the condition cannot be widened through the instance name", function () {
        assert.throws(
            () => memorystoreInstanceCondition("projects/p-123456/locations/us-central1/instances/*' || true || '"),
            /not a Memorystore instance name/,
        );
        assert.throws(
            () => memorystoreInstanceCondition("projects/p-123456/instances/x"),
            /not a Memorystore instance name/,
        );
        for (const expression of [
            undefined,
            "resource.type == 'memorystore.googleapis.com/Instance'",
            "resource.name.startsWith('projects/p-123456/locations/us-central1/instances/')",
            "resource.name == 'projects/p-123456/locations/us-central1/instances/langsmith-redis' && resource.type == 'memorystore.googleapis.com/Instance' || true",
        ])
            assert.match(
                gcpCloudSqlLoginOnly
                    .check(
                        {
                            type: PROJECT_MEMBER,
                            name: "g",
                            inputs: {
                                role: MEMORYSTORE_CONNECT_ROLE,
                                ...(expression ? { condition: { title: "t", expression } } : {}),
                            },
                        },
                        false,
                    )
                    .join(),
                /roles\/memorystore\.dbConnectionUser must carry the condition/,
                String(expression),
            );
    });

    it("endpoints on the cluster's network (Shared VPC: the host project's), like the database's private IP", async function () {
        for (const stack of ["gcp-dev", "gcp-prod"]) {
            const result = await synthStack(stack);
            const endpoints = redisOf(result).instance.inputs.desiredAutoCreatedEndpoints as {
                network: string;
                projectId: string;
            }[];
            assert.deepEqual(
                endpoints.map((e) => e.network),
                [String(result.outputs.databaseNetwork)],
                stack,
            );
            assert.equal(
                at(one(result, "gcp:sql/databaseInstance:DatabaseInstance").inputs, [
                    "settings",
                    "ipConfiguration",
                    "privateNetwork",
                ]),
                endpoints[0].network,
            );
            assert.equal(
                endpoints[0].projectId,
                String(redisOf(result).instance.inputs.project),
                "the endpoints live in the stack's project",
            );
        }
    });

    it("createServiceConnectionPolicy: the policy for gcp-memorystore in the network's project and region, on the cluster's subnetwork, before the instance", async function () {
        const result = await synthStack("gcp-prod", {
            override: { "langsmith:gcp": { createServiceConnectionPolicy: true } },
        });
        const policy = one(result, POLICY);
        const { instance } = redisOf(result);
        assert.equal(policy.inputs.serviceClass, "gcp-memorystore");
        assert.equal(policy.inputs.project, "acme-network-host", "Shared VPC: the host project");
        assert.equal(policy.inputs.location, "europe-west4");
        assert.equal(policy.inputs.network, "projects/acme-network-host/global/networks/shared-vpc");
        // GKE reports the node subnetwork in the network's project (Shared VPC: the host project).
        assert.deepEqual(at(policy.inputs, ["pscConfig", "subnetworks"]), [
            "projects/acme-network-host/regions/europe-west4/subnetworks/platform-prod-nodes",
        ]);
        assert.equal(policy.inputs.name, "langsmith-gcp-prod-memorystore");
        assert.ok(instance.dependencies.includes(policy.urn));
        const subnet = await synthStack("gcp-dev", {
            override: { "langsmith:gcp": { createServiceConnectionPolicy: true, pscSubnetwork: "memorystore-psc" } },
        });
        assert.deepEqual(at(one(subnet, POLICY).inputs, ["pscConfig", "subnetworks"]), [
            "projects/acme-langsmith-dev/regions/us-central1/subnetworks/memorystore-psc",
        ]);
        // A bare name on a Shared VPC is a subnetwork of the host project's network.
        const shared = await synthStack("gcp-prod", {
            override: { "langsmith:gcp": { createServiceConnectionPolicy: true, pscSubnetwork: "memorystore-psc" } },
        });
        assert.deepEqual(at(one(shared, POLICY).inputs, ["pscConfig", "subnetworks"]), [
            "projects/acme-network-host/regions/europe-west4/subnetworks/memorystore-psc",
        ]);
    });

    it("a dev stack that says redis.mode inCluster keeps the chart's Redis: no Memorystore, no grant, no redis values", async function () {
        const result = await synthStack("gcp-dev", { override: { "langsmith:redis": { mode: "inCluster" } } });
        assert.equal(ofType(result, INSTANCE).length, 0);
        assert.equal(
            ofType(result, PROJECT_MEMBER).filter((g) => g.inputs.role === MEMORYSTORE_CONNECT_ROLE).length,
            0,
        );
        assert.equal(at(helmValues(result), ["redis"]), undefined);
        assert.equal(at(helmValues(result), ["config", "customCa"]), undefined);
        assert.equal(result.outputs.redisEndpoint, "in-cluster (chart)");
    });

    it("a production GCP stack refuses the in-cluster Redis", function () {
        const raw = {
            cloud: "gcp",
            production: true,
            licenseKey: "lk",
            gcp: { project: "acme-langsmith-prod", region: "europe-west4", clusterName: "platform-prod" },
            chart: { initialOrgAdminEmail: "a@example.com" },
            redis: { mode: "inCluster" },
        };
        assert.throws(
            () => parseSettings(raw),
            (e: unknown) => e instanceof ConfigError && /langsmith:redis\.mode/.test(e.message),
        );
    });

    it("the primary endpoint and the CA bundle come from what the instance reports, or fail with the cause", function () {
        assert.deepEqual(
            primaryEndpoint([
                {
                    connections: [
                        {
                            pscAutoConnection: {
                                connectionType: "CONNECTION_TYPE_READER",
                                ipAddress: "10.0.0.9",
                                port: 6379,
                            },
                        },
                        {
                            pscAutoConnection: {
                                connectionType: "CONNECTION_TYPE_PRIMARY",
                                ipAddress: "10.0.0.8",
                                port: 6379,
                            },
                        },
                    ],
                },
            ]),
            { host: "10.0.0.8", port: 6379 },
        );
        assert.throws(() => primaryEndpoint([]), /no primary endpoint .*service connection policy/);
        assert.throws(() => memorystoreCaBundle([]), /no server CA certificate/);
        assert.equal(
            memorystoreCaBundle([{ caCerts: [{ certificates: ["A\n", "B"] }, { certificates: ["B", "C"] }] }]),
            "A\nB\nC\n",
        );
    });

    it("the component refuses what Memorystore would (before any cloud call)", function () {
        const base = {
            project: "acme-langsmith-dev",
            region: "us-central1",
            network: "vpc",
            instanceId: "langsmith-dev-redis",
            serviceAccountEmail: "a@acme-langsmith-dev.iam.gserviceaccount.com",
        };
        const problem = (extra: Record<string, unknown>) =>
            gcpRedisArgsProblem(gcpRedisDefaults({ ...base, ...extra }));
        assert.equal(problem({}), undefined);
        assert.match(String(problem({ instanceId: "LS" })), /instanceId "LS"/);
        assert.match(String(problem({ nodeType: "cache.t4g.small" })), /not a Memorystore node type/);
        assert.match(String(problem({ backupRetentionDays: 366 })), /0 \(off\) to 365/);
        assert.match(String(problem({ production: true, highAvailability: false })), /highAvailability/);
        assert.match(String(problem({ createServiceConnectionPolicy: true })), /pscSubnetworks/);
    });
});

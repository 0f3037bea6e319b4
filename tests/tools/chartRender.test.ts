/**
 * The chart render check's pure parts (tools/chart): the manifest analysis on small hand-written
 * manifests shaped like the chart's output, the program facts read from offline previews, the zip
 * reader and the table. The render itself needs the chart, which CI does not have (docs/CHART-RENDER.md).
 */
import { strict as assert } from "node:assert";
import * as zlib from "node:zlib";
import {
    analyze,
    leakProblems,
    urlHasPassword,
    type Manifest,
    type ProgramFacts,
    type TrustedSubject,
} from "../../tools/chart/analyze";
import { irsaSubjects, programView, storeSecretKeys } from "../../tools/chart/programFacts";
import { formatTable } from "../../tools/chart/report";
import { readZipEntry } from "../../tools/chart/zip";
import { selectVariants, VARIANTS } from "../../tools/chart/variants";
import { stackConfig, synthConfig, synthStack } from "../support/synth";

const NS = "langsmith";

/** A Deployment with the chart's common env (POSTGRES_DATABASE_URI, REDIS_DATABASE_URI, blob settings). */
function deployment(
    name: string,
    sa: string | undefined,
    env: Record<string, unknown>[],
    labels: Record<string, string> = {},
): Manifest {
    return {
        kind: "Deployment",
        metadata: { name, namespace: NS },
        spec: {
            template: {
                metadata: { labels },
                spec: { ...(sa ? { serviceAccountName: sa } : {}), containers: [{ name: "main", env }] },
            },
        },
    };
}

const fromSecret = (name: string, secret: string, key: string, optional?: boolean) => ({
    name,
    valueFrom: { secretKeyRef: { name: secret, key, ...(optional === undefined ? {} : { optional }) } },
});
const PG = fromSecret("POSTGRES_DATABASE_URI", "pg-url", "connection_url", false);
const REDIS = fromSecret("REDIS_DATABASE_URI", "redis-url", "connection_url", false);
const BLOB = { name: "BLOB_STORAGE_ENGINE", value: "S3" };

function facts(
    cloud: ProgramFacts["cloud"],
    accounts: Record<string, Record<string, string>>,
    trusted: TrustedSubject[],
) {
    const f: ProgramFacts = {
        cloud,
        namespace: NS,
        serviceAccounts: Object.entries(accounts).map(([name, annotations]) => ({ namespace: NS, name, annotations })),
        trusted,
        secrets: [
            { namespace: NS, name: "pg-url", keys: ["connection_url"], stores: { connection_url: "postgres" } },
            { namespace: NS, name: "redis-url", keys: ["connection_url"], stores: { connection_url: "redis" } },
        ],
        allowedInClusterStores: [],
    };
    return f;
}

const ROLE = "arn:aws:iam::123456789012:role/langsmith";
const irsa = (sa: string, identity = ROLE): TrustedSubject => ({
    namespace: NS,
    serviceAccount: sa,
    kind: "irsa",
    identity,
});
const azure = (sa: string): TrustedSubject => ({
    namespace: NS,
    serviceAccount: sa,
    kind: "azure",
    identity: "client-1",
});

describe("chart render check: manifest analysis", () => {
    it("passes a Postgres reader whose service account is annotated with a role that trusts it", () => {
        const a = analyze(
            [deployment("ls-backend", "ls-backend", [PG, REDIS, BLOB])],
            facts("aws", { "ls-backend": { "eks.amazonaws.com/role-arn": ROLE } }, [irsa("ls-backend")]),
        );
        assert.deepEqual(a.problems, []);
        assert.deepEqual(a.workloads[0].stores, ["blob", "postgres", "redis"]);
        assert.deepEqual(a.workloads[0].identityStores, ["blob", "postgres", "redis"]);
    });

    it("flags a reader whose service account has no role annotation and no Pod Identity association", () => {
        const a = analyze([deployment("ls-gw", "ls-gw", [PG])], facts("aws", { "ls-gw": {} }, []));
        assert.equal(a.problems.length, 1);
        assert.match(a.problems[0], /Deployment\/ls-gw reads postgres: .*no eks\.amazonaws\.com\/role-arn annotation/);
    });

    it("flags a reader annotated with a role whose trust policy does not name its service account", () => {
        const a = analyze(
            [deployment("ls-q", "ls-q", [PG])],
            facts("aws", { "ls-q": { "eks.amazonaws.com/role-arn": ROLE } }, [irsa("ls-backend")]),
        );
        assert.match(a.problems.join("\n"), /does not trust it/);
    });

    it("passes an EKS Pod Identity reader (association, no annotation)", () => {
        const a = analyze(
            [deployment("ls-q", "ls-q", [PG])],
            facts("aws", { "ls-q": {} }, [
                { namespace: NS, serviceAccount: "ls-q", kind: "podIdentity", identity: ROLE },
            ]),
        );
        assert.deepEqual(a.problems, []);
    });

    it("lets Microsoft's Presidio analyzer image run without the identity, and nothing else", () => {
        const presidio = deployment("ls-presidio-analyzer", "ls-presidio-analyzer", [PG, REDIS, BLOB]);
        const containers = (presidio.spec as any).template.spec.containers; // eslint-disable-line @typescript-eslint/no-explicit-any
        containers[0].image = "mcr.microsoft.com/presidio-analyzer:2.2.354";
        const a = analyze([presidio], facts("azure", {}, []));
        assert.deepEqual(a.problems, []);
        assert.deepEqual(a.workloads[0].stores, ["blob", "postgres", "redis"]);
        assert.deepEqual(a.workloads[0].identityStores, []);
        // The same environment in any other image (here a look-alike repository) is a reader.
        containers[0].image = "mcr.microsoft.com/presidio-analyzer-fork:1";
        const reads = /^Deployment\/ls-presidio-analyzer reads blob, postgres, redis: /;
        assert.match(analyze([presidio], facts("azure", {}, [])).problems[0], reads);
        // A sidecar of another image reads the stores: the pod needs the identity.
        containers[0].image = "mcr.microsoft.com/presidio-analyzer@sha256:abc";
        containers.push({ name: "sidecar", image: "busybox:1", env: [] });
        assert.match(analyze([presidio], facts("azure", {}, [])).problems[0], reads);
    });

    it("flags a reader whose service account exists neither in the program nor in the chart", () => {
        const a = analyze([deployment("ls-x", undefined, [BLOB])], facts("gcp", {}, []));
        assert.match(a.problems[0], /service account langsmith\/default is created neither/);
    });

    it("on GCP needs the annotation and a workloadIdentityUser binding for that Google service account", () => {
        const email = "ls@p.iam.gserviceaccount.com";
        const ok = analyze(
            [deployment("ls-b", "ls-b", [PG])],
            facts("gcp", { "ls-b": { "iam.gke.io/gcp-service-account": email } }, [
                { namespace: NS, serviceAccount: "ls-b", kind: "gke", identity: email },
            ]),
        );
        assert.deepEqual(ok.problems, []);
        const other = analyze(
            [deployment("ls-b", "ls-b", [PG])],
            facts("gcp", { "ls-b": { "iam.gke.io/gcp-service-account": "other@p.iam.gserviceaccount.com" } }, [
                { namespace: NS, serviceAccount: "ls-b", kind: "gke", identity: email },
            ]),
        );
        assert.match(other.problems.join("\n"), /grants it no roles\/iam\.workloadIdentityUser/);
    });

    it("on Azure flags a pod without the azure.workload.identity/use label even when its account is federated", () => {
        const accounts = { "ls-b": { "azure.workload.identity/client-id": "client-1" } };
        const labelled = analyze(
            [deployment("ls-b", "ls-b", [PG], { "azure.workload.identity/use": "true" })],
            facts("azure", accounts, [azure("ls-b")]),
        );
        assert.deepEqual(labelled.problems, []);
        const unlabelled = analyze([deployment("ls-b", "ls-b", [PG])], facts("azure", accounts, [azure("ls-b")]));
        assert.deepEqual(unlabelled.problems, [
            'Deployment/ls-b reads postgres: pod lacks the label azure.workload.identity/use: "true"',
        ]);
    });

    it("on Azure flags a service account without a federated credential", () => {
        const a = analyze(
            [deployment("ls-b", "ls-b", [PG], { "azure.workload.identity/use": "true" })],
            facts("azure", { "ls-b": { "azure.workload.identity/client-id": "client-1" } }, []),
        );
        assert.match(a.problems.join("\n"), /has no federated credential/);
    });

    it("does not ask the identity of a pod that reads only the chart's own Redis, or nothing", () => {
        const chartRedis = fromSecret("REDIS_DATABASE_URI", "ls-redis", "connection_url", false);
        const a = analyze(
            [
                deployment("ls-agw", "ls-agw", [chartRedis]),
                deployment("ls-frontend", "ls-frontend", []),
                { kind: "Secret", metadata: { name: "ls-redis" }, data: { connection_url: "cmVkaXM6Ly8=" } },
            ],
            facts("aws", {}, []),
        );
        assert.deepEqual(a.problems, []);
        assert.deepEqual(
            a.workloads.map((w) => [w.workload, w.stores, w.identityStores]),
            [
                ["Deployment/ls-agw", ["redis"], []],
                ["Deployment/ls-frontend", [], []],
            ],
        );
    });

    it("recognises agent databases by the program's Secret keys, and finds Jobs' and CronJobs' pod templates", () => {
        const f = facts("aws", { "ls-agent": { "eks.amazonaws.com/role-arn": ROLE } }, []);
        f.secrets.push({
            namespace: NS,
            name: "agent-stores",
            keys: ["postgres_connection_url", "redis_connection_url"],
            stores: { postgres_connection_url: "agentPostgres", redis_connection_url: "agentRedis" },
        });
        const env = [fromSecret("X_DB", "agent-stores", "postgres_connection_url")];
        const job: Manifest = {
            kind: "Job",
            metadata: { name: "ls-migrate" },
            spec: { template: { spec: { serviceAccountName: "ls-agent", containers: [{ name: "m", env }] } } },
        };
        const cron: Manifest = {
            kind: "CronJob",
            metadata: { name: "ls-cron" },
            spec: {
                jobTemplate: { spec: { template: { spec: { serviceAccountName: "ls-cron", containers: [{ env }] } } } },
            },
        };
        const a = analyze([job, cron], f);
        assert.deepEqual(
            a.workloads.map((w) => [w.workload, w.stores]),
            [
                ["Job/ls-migrate", ["agentPostgres"]],
                ["CronJob/ls-cron", ["agentPostgres"]],
            ],
        );
        // The Job's account holds the role, but no trust subject names it; the CronJob's account does not exist.
        assert.equal(a.problems.length, 2);
        assert.match(a.problems[0], /^Job\/ls-migrate reads agentPostgres: .*does not trust it/);
        assert.match(a.problems[1], /^CronJob\/ls-cron reads agentPostgres: .*created neither/);
    });

    it("recognises SmithDB's metastore (Postgres) and object store (blob) settings by their suffix", () => {
        const env = [
            { name: "SMITHDB_QUERY__METASTORE__HOST", value: "h" },
            { name: "SMITHDB_QUERY__OBJECT_STORE__TYPE", value: "s3" },
        ];
        const a = analyze([deployment("ls-smithdb-query", "ls-smithdb", env)], facts("aws", {}, []));
        assert.deepEqual(a.workloads[0].stores, ["blob", "postgres"]);
        assert.match(a.problems[0], /reads blob, postgres: service account langsmith\/ls-smithdb is created neither/);
    });

    it("flags a required Secret key the program's Secret lacks, and a Secret nobody writes; skips optional refs", () => {
        const a = analyze(
            [
                deployment("ls-b", "ls-b", [
                    fromSecret("POSTGRES_DATABASE_URI", "pg-url", "url", false),
                    fromSecret("LICENSE", "missing-secret", "k"),
                    fromSecret("AZURE_STORAGE_ACCOUNT_KEY", "missing-secret", "azure_storage_account_key", true),
                ]),
            ],
            facts("aws", { "ls-b": {} }, [
                { namespace: NS, serviceAccount: "ls-b", kind: "podIdentity", identity: "" },
            ]),
        );
        assert.deepEqual(a.problems, [
            "Deployment/ls-b container main env POSTGRES_DATABASE_URI: Secret pg-url has no key url",
            "Deployment/ls-b container main env LICENSE: Secret missing-secret is written neither by the program nor by the chart",
        ]);
    });

    it("flags a Secret volume item missing from a Secret the program writes; leaves a Secret the user brings", () => {
        const pod = deployment("ls-b", "ls-b", []);
        const spec = (pod.spec as { template: { spec: Record<string, unknown> } }).template.spec;
        spec.volumes = [
            { name: "ca", secret: { secretName: "pg-url", items: [{ key: "ca.crt", path: "ca.crt" }] } },
            { name: "mine", secret: { secretName: "user-cert", items: [{ key: "tls.key", path: "client.key" }] } },
            { name: "ok", secret: { secretName: "pg-url", items: [{ key: "connection_url", path: "u" }] } },
        ];
        assert.deepEqual(analyze([pod], facts("aws", {}, [])).problems, [
            "Deployment/ls-b volume ca: Secret pg-url has no key ca.crt",
        ]);
    });

    it("flags in-cluster Postgres and Redis servers unless the stack's config asks for them", () => {
        const sts = (name: string): Manifest => ({ kind: "StatefulSet", metadata: { name }, spec: { template: {} } });
        const manifests = [sts("ls-redis"), sts("ls-postgres"), sts("ls-clickhouse")];
        const f = facts("gcp", {}, []);
        const a = analyze(manifests, f);
        assert.deepEqual(a.inClusterStores, ["StatefulSet/ls-redis", "StatefulSet/ls-postgres"]);
        assert.equal(a.problems.length, 2);
        f.allowedInClusterStores = ["redis"];
        assert.deepEqual(analyze(manifests, f).problems, [
            "StatefulSet/ls-postgres: an in-cluster postgres the stack's config does not ask for",
        ]);
    });
});

describe("chart render check: secrets in the wrong place", () => {
    const f = facts("aws", {}, []);

    it("finds a secret value in the values or in the rendered manifests", () => {
        const secret = "s3cr3t-value-123";
        assert.deepEqual(leakProblems({ config: { x: `a${secret}` } }, [], f, [secret], []), [
            "a secret value of the program is in the Helm values",
        ]);
        const cm: Manifest = { kind: "ConfigMap", data: { x: secret } };
        assert.deepEqual(leakProblems({}, [cm], f, [secret], []), [
            "a secret value of the program is in the rendered manifests",
        ]);
        assert.deepEqual(leakProblems({ a: "other" }, [], f, [secret], []), []);
    });

    it("finds storage keys in the values, in rendered Secrets and in the program's Secrets", () => {
        assert.deepEqual(leakProblems({ config: { blobStorage: { accessKey: "AKIA" } } }, [], f, [], []), [
            "config.blobStorage.accessKey is set in the Helm values (keyless storage takes none)",
        ]);
        const rendered: Manifest = {
            kind: "Secret",
            metadata: { name: "ls" },
            data: { blob_storage_access_key: "QUtJQQ==" },
        };
        assert.deepEqual(leakProblems({}, [rendered], f, [], []), ["rendered Secret ls has blob_storage_access_key"]);
        const withKey = facts("azure", {}, []);
        withKey.secrets.push({ namespace: NS, name: "cfg", keys: ["azure_storage_account_key"], stores: {} });
        assert.deepEqual(leakProblems({}, [], withKey, [], []), [
            "the program's Secret cfg has azure_storage_account_key",
        ]);
    });

    it("finds a password the chart writes into a Secret from its values (e.g. its ClickHouse default)", () => {
        const chSecret: Manifest = {
            kind: "Secret",
            metadata: { name: "ls-clickhouse" },
            data: { clickhouse_user: "ZGVmYXVsdA==", clickhouse_password: "cGFzc3dvcmQ=" },
        };
        assert.deepEqual(leakProblems({}, [chSecret], f, [], []), [
            "rendered Secret ls-clickhouse holds a password from the values (clickhouse_password)",
        ]);
    });

    it("finds a password in a store URL, with or without a scheme", () => {
        assert.equal(urlHasPassword("rediss://user:pw@host:6380"), true);
        assert.equal(urlHasPassword("user:pw@host:5432/db?sslmode=require"), true);
        assert.equal(urlHasPassword("rediss://2d86553e-a973-46ab-aec8-1ab9e21a86c6@host:10000"), false);
        assert.equal(urlHasPassword("sa%40p.iam@host:5432/db?options=a:b@c"), false);
        assert.equal(urlHasPassword("host:5432/db"), false);
        assert.deepEqual(leakProblems({}, [], f, [], [{ secret: "r", key: "connection_url", url: "redis://u:p@h" }]), [
            "r/connection_url holds a URL with a password",
        ]);
    });
});

describe("chart render check: program facts", () => {
    it("reads IRSA subjects from a trust policy", () => {
        const policy = JSON.stringify({
            Statement: [
                {
                    Effect: "Allow",
                    Condition: {
                        StringEquals: {
                            "oidc.eks/id/X:aud": "sts.amazonaws.com",
                            "oidc.eks/id/X:sub": ["system:serviceaccount:ns:a", "system:serviceaccount:ns:b"],
                        },
                    },
                },
                { Effect: "Deny", Condition: { StringEquals: { "x:sub": "system:serviceaccount:ns:c" } } },
            ],
        });
        assert.deepEqual(irsaSubjects(policy), [
            { namespace: "ns", serviceAccount: "a" },
            { namespace: "ns", serviceAccount: "b" },
        ]);
    });

    it("maps the values' Secret references to stores", () => {
        const map = storeSecretKeys({
            postgres: {
                external: { enabled: true, existingSecretName: "pg", connectionUrlSecretKey: "connection_url" },
            },
            redis: { external: { enabled: true, existingSecretName: "rd" } },
            polly: {
                postgres: { external: { enabled: true, existingSecretName: "polly" } },
                redis: { external: { enabled: true, existingSecretName: "polly" } },
            },
        });
        assert.deepEqual(Object.fromEntries(map), {
            pg: { connection_url: "postgres" },
            rd: { connection_url: "redis" },
            polly: { postgres_connection_url: "agentPostgres", redis_connection_url: "agentRedis" },
        });
    });

    for (const stack of ["aws-prod", "gcp-dev", "azure-dev"]) {
        it(`${stack}: every LangSmith service account the program creates is trusted by the cloud identity`, async () => {
            const result = await synthStack(stack, { showSecrets: true });
            const { config, secretKeys } = stackConfig(stack);
            const view = programView(result, config, secretKeys);
            assert.equal(view.release.releaseName, "langsmith");
            const ours = view.facts.serviceAccounts.filter((s) => s.namespace === view.release.namespace);
            assert.ok(ours.length >= 8);
            for (const sa of ours)
                assert.ok(
                    view.facts.trusted.some((t) => t.namespace === sa.namespace && t.serviceAccount === sa.name),
                    `${sa.name} has no trusted subject`,
                );
            const stores = view.facts.secrets.flatMap((s) => Object.values(s.stores)).sort();
            assert.deepEqual([...new Set(stores)], ["agentPostgres", "agentRedis", "postgres", "redis"]);
            assert.ok(view.urls.length >= 4 && view.urls.every((u) => !urlHasPassword(u.url)));
        });
    }
});

describe("chart render check: zip reader and table", () => {
    /** A zip with one stored and one deflated entry, written field by field (PKWARE APPNOTE 4.3). */
    function zip(entries: { name: string; data: Buffer; deflate: boolean }[]): Buffer {
        const locals: Buffer[] = [];
        const centrals: Buffer[] = [];
        let offset = 0;
        for (const e of entries) {
            const body = e.deflate ? zlib.deflateRawSync(e.data) : e.data;
            const name = Buffer.from(e.name);
            const local = Buffer.alloc(30);
            local.writeUInt32LE(0x04034b50, 0);
            local.writeUInt16LE(e.deflate ? 8 : 0, 8);
            local.writeUInt32LE(body.length, 18);
            local.writeUInt32LE(e.data.length, 22);
            local.writeUInt16LE(name.length, 26);
            const central = Buffer.alloc(46);
            central.writeUInt32LE(0x02014b50, 0);
            central.writeUInt16LE(e.deflate ? 8 : 0, 10);
            central.writeUInt32LE(body.length, 20);
            central.writeUInt32LE(e.data.length, 24);
            central.writeUInt16LE(name.length, 28);
            central.writeUInt32LE(offset, 42);
            locals.push(local, name, body);
            centrals.push(central, name);
            offset += 30 + name.length + body.length;
        }
        const cd = Buffer.concat(centrals);
        const end = Buffer.alloc(22);
        end.writeUInt32LE(0x06054b50, 0);
        end.writeUInt16LE(entries.length, 8);
        end.writeUInt16LE(entries.length, 10);
        end.writeUInt32LE(cd.length, 12);
        end.writeUInt32LE(offset, 16);
        return Buffer.concat([...locals, cd, end]);
    }

    it("reads stored and deflated entries, and answers undefined for a missing one", () => {
        const big = Buffer.from("helm ".repeat(5000));
        const archive = zip([
            { name: "helm/", data: Buffer.alloc(0), deflate: false },
            { name: "helm/README", data: Buffer.from("stored"), deflate: false },
            { name: "helm/helm", data: big, deflate: true },
        ]);
        assert.equal(readZipEntry(archive, "helm/README")?.toString(), "stored");
        assert.ok(readZipEntry(archive, "helm/helm")?.equals(big));
        assert.equal(readZipEntry(archive, "kubectl/kubectl"), undefined);
        assert.throws(
            () => readZipEntry(Buffer.from("not a zip at all, longer than twenty-two bytes"), "x"),
            /not a zip/,
        );
    });

    it("prints one row per line and stack", () => {
        const table = formatTable([
            {
                line: "main",
                chartVersion: "0.17.0",
                stack: "aws-dev",
                workloads: 17,
                readers: 13,
                withoutIdentity: 0,
                inClusterStores: [],
                renderMs: 201.4,
                problems: [],
            },
            { line: "v16-stable", chartVersion: "0.16.11", stack: "gcp-dev", renderMs: 3, problems: ["x", "y"] },
        ]);
        const rows = table.trimEnd().split("\n");
        assert.equal(rows.length, 4);
        assert.match(rows[2], /\| main +\| 0\.17\.0 +\| aws-dev +\| 17 +\| 13 +\| 0 +\| none +\| 201 ms \| ok +\|/);
        assert.match(
            rows[3],
            /\| v16-stable \| 0\.16\.11 \| gcp-dev +\| - +\| - +\| - +\| - +\| 3 ms +\| 2 problems \|/,
        );
    });
});

describe("chart render check: config variants", function () {
    this.timeout(120000);

    it("applies each variant only where the config allows it", () => {
        const applies = (stack: string) =>
            VARIANTS.filter((v) => v.overrides(stackConfig(stack).config) !== undefined).map((v) => v.name);
        assert.deepEqual(
            applies("aws-dev"),
            VARIANTS.map((v) => v.name),
        );
        assert.ok(!applies("aws-prod").includes("redis-inCluster"), "production refuses in-cluster Redis");
        assert.ok(!applies("gcp-dev").includes("pod-identity") && !applies("azure-dev").includes("pod-identity"));
        assert.deepEqual(selectVariants(["all"]), VARIANTS);
        assert.throws(() => selectVariants(["nope"]), /no variant nope/);
    });

    // The program accepts every variant on every stack it applies to (else the render reports a failed preview).
    for (const stack of ["aws-prod", "gcp-dev", "azure-prod"])
        it(`${stack}: the program accepts every variant that applies`, async () => {
            const base = stackConfig(stack);
            for (const v of VARIANTS) {
                const o = v.overrides(base.config);
                if (!o) continue;
                const secretKeys = [...base.secretKeys];
                if ("langsmith:clickhousePassword" in o) secretKeys.push("langsmith:clickhousePassword");
                await synthConfig(stack, { ...base.config, ...o }, secretKeys).catch((err: unknown) => {
                    throw new Error(`${stack} +${v.name}: ${err instanceof Error ? err.message : String(err)}`);
                });
            }
        });
});

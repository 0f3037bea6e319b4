import { strict as assert } from "node:assert";
import { parseSettings } from "../../program/config/settings";
import { inlineCredentialProblems } from "../../program/config/inlineCredentials";
import { isConfigError } from "../../program/config/errors";
import { awsBase } from "../support/baseConfigs";

/** The keys a config with these helmValues is refused for (empty: accepted). */
function refusedKeys(helmValues: Record<string, unknown>): string[] {
    // The chart's own Redis and no blob storage of the program's: here helmValues may set those blocks,
    // so only the inline-credential rule speaks.
    const raw = { ...awsBase(), redis: { mode: "inCluster" }, blobStorage: { enabled: false }, helmValues };
    try {
        parseSettings(raw);
        return [];
    } catch (err) {
        assert.ok(isConfigError(err), String(err));
        return err.problems.map((p) => p.key);
    }
}

describe("helmValues: no inline credential for any store", function () {
    const cases: [string, Record<string, unknown>, string][] = [
        [
            "Redis URL with a password",
            { redis: { external: { enabled: true, connectionUrl: "redis://default:pw@cache:6379/0" } } },
            "langsmith:helmValues.redis.external.connectionUrl",
        ],
        [
            "Redis URL with an empty user and a password",
            { redis: { external: { connectionUrl: "rediss://:pw@cache:6380" } } },
            "langsmith:helmValues.redis.external.connectionUrl",
        ],
        [
            "Redis cluster node URI with a password",
            { redis: { external: { cluster: { nodeUris: ["redis://a:6379", "redis://u:pw@b:6379"] } } } },
            "langsmith:helmValues.redis.external.cluster.nodeUris.1",
        ],
        [
            "Redis cluster password",
            { redis: { external: { cluster: { password: "pw" } } } },
            "langsmith:helmValues.redis.external.cluster.password",
        ],
        [
            "ClickHouse password",
            { clickhouse: { external: { enabled: true, host: "ch", password: "pw" } } },
            "langsmith:helmValues.clickhouse.external.password",
        ],
        [
            "S3/GCS HMAC access key",
            { config: { blobStorage: { accessKey: "AKIA" } } },
            "langsmith:helmValues.config.blobStorage.accessKey",
        ],
        [
            "S3/GCS HMAC secret",
            { config: { blobStorage: { accessKeySecret: "s" } } },
            "langsmith:helmValues.config.blobStorage.accessKeySecret",
        ],
        [
            "Azure storage account key",
            { config: { blobStorage: { azureStorageAccountKey: "k==" } } },
            "langsmith:helmValues.config.blobStorage.azureStorageAccountKey",
        ],
        [
            "Azure storage connection string",
            { config: { blobStorage: { azureStorageConnectionString: "AccountName=a;AccountKey=k==" } } },
            "langsmith:helmValues.config.blobStorage.azureStorageConnectionString",
        ],
        [
            // The agents' stores are the program's (langsmith:chart.insights/polly/fleet): the whole block is refused.
            "an agent's Postgres URL with a password",
            { polly: { postgres: { external: { connectionUrl: "postgres://u:pw@db:5432/polly" } } } },
            "langsmith:helmValues.polly.postgres.external",
        ],
        [
            "the SmithDB task database password",
            { smithdb: { taskdb: { auth: { password: "pw" } } } },
            "langsmith:helmValues.smithdb.taskdb.auth.password",
        ],
        [
            "a sandbox signing key",
            { sandboxes: { callbackSigningJwk: "{}" } },
            "langsmith:helmValues.sandboxes.callbackSigningJwk",
        ],
    ];
    for (const [what, values, key] of cases) {
        it(`refuses ${what}, naming ${key}`, function () {
            assert.deepEqual(refusedKeys(values), [key]);
        });
    }

    it("refuses every inline credential of one config in one run", function () {
        const keys = refusedKeys({
            redis: { external: { connectionUrl: "redis://:pw@cache:6379" } },
            clickhouse: { external: { password: "pw" } },
            config: { blobStorage: { accessKey: "AKIA", accessKeySecret: "s" } },
        });
        assert.deepEqual(keys.sort(), [
            "langsmith:helmValues.clickhouse.external.password",
            "langsmith:helmValues.config.blobStorage.accessKey",
            "langsmith:helmValues.config.blobStorage.accessKeySecret",
            "langsmith:helmValues.redis.external.connectionUrl",
        ]);
    });

    it("says what to use instead, per store", function () {
        const byPath = (v: unknown) => inlineCredentialProblems(v)[0]?.problem ?? "";
        assert.match(
            byPath({ redis: { external: { connectionUrl: "redis://:p@h" } } }),
            /existingSecretName.*iamAuthProvider/,
        );
        assert.match(byPath({ clickhouse: { external: { password: "p" } } }), /clickhouse_password/);
        assert.match(byPath({ config: { blobStorage: { accessKey: "a" } } }), /workload identity/);
    });

    it("accepts Secret references and IAM URLs", function () {
        assert.deepEqual(
            refusedKeys({
                redis: {
                    external: {
                        enabled: true,
                        existingSecretName: "redis-url",
                        iamAuthProvider: "aws",
                        connectionUrl: "rediss://langsmith@cache.example.com:6379",
                        cluster: { nodeUris: ["rediss://a:6379"], passwordSecretKey: "redis_cluster_password" },
                    },
                },
                clickhouse: {
                    external: { enabled: true, existingSecretName: "ch", passwordSecretKey: "clickhouse_password" },
                },
                // (Blob storage key fields are refused even empty: the program owns config.blobStorage's keys.)
                config: { blobStorage: { enabled: true, engine: "S3", bucketName: "b" } },
                frontend: { service: { type: "ClusterIP" } },
            }),
            [],
        );
    });
});

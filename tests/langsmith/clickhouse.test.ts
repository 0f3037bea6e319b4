/**
 * ClickHouse through the real program under the offline mocks: the in-cluster StatefulSet sized per
 * the reference architecture on each cloud's SSD StorageClass, and an external server reached through
 * the connection Secret, whose password never appears in the chart values, the outputs or a masked preview.
 */
import { strict as assert } from "node:assert";
import { CLICKHOUSE_SECRET_KEYS } from "../../components/clickhouse/contract";
import { isConfigError } from "../../program/config/errors";
import { SECRET_PLACEHOLDER } from "../../tools/offline/synthesize";
import { at, helmValues, one, ofType, stackConfig, synthConfig, synthStack } from "../support/synth";

const STORAGE_CLASS = "kubernetes:storage.k8s.io/v1:StorageClass";
const SECRET = "kubernetes:core/v1:Secret";
const PASSWORD = "ch-Password-0123456789";

/** A stack file with external ClickHouse and the password as a secret config value. */
async function withExternal(stack: string, clickhouse: Record<string, unknown>, showSecrets: boolean) {
    const { config, secretKeys } = stackConfig(stack, {
        replace: { "langsmith:clickhouse": clickhouse, "langsmith:clickhousePassword": PASSWORD },
    });
    return synthConfig(stack, config, [...secretKeys, "langsmith:clickhousePassword"], showSecrets);
}

describe("ClickHouse (in-cluster and external)", function () {
    this.timeout(60000);

    it("aws-dev: the in-cluster StatefulSet at 4 vCPU / 16 GiB on a gp3 StorageClass of 7000 IOPS / 1000 MiB/s", async function () {
        const result = await synthStack("aws-dev");
        const sc = one(result, STORAGE_CLASS);
        assert.equal(sc.inputs.provisioner, "ebs.csi.aws.com");
        assert.deepEqual(sc.inputs.parameters, { type: "gp3", iops: "7000", throughput: "1000", encrypted: "true" });
        assert.equal(sc.inputs.volumeBindingMode, "WaitForFirstConsumer");
        assert.equal(sc.inputs.reclaimPolicy, "Delete");
        const statefulSet = at(helmValues(result), ["clickhouse", "statefulSet"]);
        assert.deepEqual(statefulSet, {
            resources: { requests: { cpu: "4", memory: "16Gi" }, limits: { cpu: "4", memory: "16Gi" } },
            persistence: { enabled: true, size: "50Gi", storageClassName: at(sc.inputs, ["metadata", "name"]) },
        });
        // The chart's own server, reading the program's Secret (tests/langsmith/clickhouseInCluster.test.ts).
        assert.deepEqual(Object.keys(at(helmValues(result), ["clickhouse", "external"]) as object), [
            "existingSecretName",
        ]);
    });

    it("aws-prod: 8 vCPU / 32 GiB and a StorageClass that retains the volume", async function () {
        const result = await synthStack("aws-prod");
        assert.equal(one(result, STORAGE_CLASS).inputs.reclaimPolicy, "Retain");
        assert.deepEqual(at(helmValues(result), ["clickhouse", "statefulSet", "resources", "requests"]), {
            cpu: "8",
            memory: "32Gi",
        });
    });

    it("gcp-prod and azure-prod use the cluster's built-in SSD class (premium-rwo, managed-csi-premium)", async function () {
        for (const [stack, cls] of [
            ["gcp-prod", "premium-rwo"],
            ["azure-prod", "managed-csi-premium"],
        ]) {
            const result = await synthStack(stack);
            assert.equal(ofType(result, STORAGE_CLASS).length, 0);
            assert.equal(at(helmValues(result), ["clickhouse", "statefulSet", "persistence", "storageClassName"]), cls);
            assert.equal(
                at(helmValues(result), ["clickhouse", "statefulSet", "resources", "limits", "memory"]),
                "32Gi",
            );
        }
    });

    it("a configured storageClassName replaces the AWS StorageClass", async function () {
        const result = await synthStack("aws-dev", {
            replace: { "langsmith:clickhouse": { inCluster: { storageClassName: "fast-ssd" } } },
        });
        assert.equal(ofType(result, STORAGE_CLASS).length, 0);
        assert.equal(
            at(helmValues(result), ["clickhouse", "statefulSet", "persistence", "storageClassName"]),
            "fast-ssd",
        );
    });

    it("external: the chart reads all seven keys from the program's Secret; TLS on, ports 8443 / 9440", async function () {
        const result = await withExternal("aws-dev", { mode: "external", host: "ch.example.com", cluster: "c1" }, true);
        const secret = one(result, SECRET, "langsmith-clickhouse");
        const data = secret.inputs.stringData as Record<string, string>;
        const k = CLICKHOUSE_SECRET_KEYS;
        assert.deepEqual(data, {
            [k.host]: "ch.example.com",
            [k.port]: "8443",
            [k.nativePort]: "9440",
            [k.user]: "default",
            [k.password]: PASSWORD,
            [k.database]: "default",
            [k.tls]: "true",
        });
        const values = helmValues(result);
        assert.deepEqual(at(values, ["clickhouse", "external"]), {
            enabled: true,
            existingSecretName: at(secret.inputs, ["metadata", "name"]) ?? at(secret.outputs, ["metadata", "name"]),
            hybrid: false,
            cluster: "c1",
        });
        assert.equal(at(values, ["clickhouse", "statefulSet"]), undefined);
        assert.equal(ofType(result, STORAGE_CLASS).length, 0);
    });

    it("external: the password is in no chart value, no output, and is masked in the Secret and the state", async function () {
        const shown = await withExternal("aws-dev", { mode: "external", host: "ch.example.com" }, true);
        assert.ok(!JSON.stringify(helmValues(shown)).includes(PASSWORD), "no password in the chart values");
        assert.ok(!JSON.stringify(shown.outputs).includes(PASSWORD), "no password in the outputs");
        const masked = await withExternal("aws-dev", { mode: "external", host: "ch.example.com" }, false);
        assert.ok(!JSON.stringify(masked).includes(PASSWORD), "a masked preview holds no password");
        assert.equal(one(masked, SECRET, "langsmith-clickhouse").inputs.stringData, SECRET_PLACEHOLDER);
    });

    it("external: a password stored in plain text is refused before any resource exists", async function () {
        const { config, secretKeys } = stackConfig("aws-dev", {
            replace: {
                "langsmith:clickhouse": { mode: "external", host: "ch.example.com" },
                "langsmith:clickhousePassword": PASSWORD,
            },
        });
        const registrations: unknown[] = [];
        await assert.rejects(
            () => synthConfig("aws-dev", config, secretKeys, false, registrations),
            (err: unknown) =>
                isConfigError(err) && err.key === "langsmith:clickhousePassword" && !err.message.includes(PASSWORD),
        );
        assert.equal(registrations.length, 0);
    });
});

/**
 * The chart's in-cluster ClickHouse without the chart's well-known password. Without
 * `clickhouse.external.existingSecretName` the chart writes its own Secret with values.yaml's
 * `clickhouse.external.password` ("password", both lines); the program writes the Secret instead, with a
 * generated password, and names it in the values. Chart facts (langchain-ai/helm, v16-stable and main):
 * - templates/clickhouse/secrets.yaml line 1: no chart Secret when `existingSecretName` is set;
 * - templates/_helpers.tpl lines 120-126: `langsmith.clickhouseSecretsName` is `existingSecretName`;
 * - templates/clickhouse/stateful-set.yaml lines 1-19: the server reads `clickhouse_db`, `clickhouse_user`,
 *   `clickhouse_password` of that Secret;
 * - templates/_helpers.tpl lines 255-300 (every backend, platform, queue, ... workload) and
 *   templates/smithdb/migration-job.yaml lines 133-163: the clients read the keys values.yaml names in
 *   `clickhouse.external.{host,port,nativePort,user,password,database,tls}SecretKey` (defaults `clickhouse_*`);
 * - templates/clickhouse/config-map.yaml lines 13-22: the server's users.xml declares `clickhouse.external.user`.
 */
import { strict as assert } from "node:assert";
import { CLICKHOUSE_SECRET_KEYS, inClusterClickHouseConnection } from "../../components/clickhouse/contract";
import { SECRET_PLACEHOLDER, listStacks, type SynthResult } from "../../tools/offline/synthesize";
import { at, helmValues, ofType, synthStack } from "../support/synth";

const SECRET = "kubernetes:core/v1:Secret";
/** values.yaml `clickhouse.external.password` on both chart lines. */
const CHART_DEFAULT_PASSWORD = "password";
/** Every key the server and the clients read (the chart's defaults for the `*SecretKey` values). */
const READ_KEYS = Object.values(CLICKHOUSE_SECRET_KEYS).sort();

/** Every leaf string of a value. */
function leaves(v: unknown, out: string[] = []): string[] {
    if (typeof v === "string") out.push(v);
    else if (v !== null && typeof v === "object") Object.values(v).forEach((x) => leaves(x, out));
    return out;
}

/** The Secret the values name for ClickHouse, as the stack creates it. */
function clickhouseSecret(result: SynthResult) {
    const name = at(helmValues(result), ["clickhouse", "external", "existingSecretName"]);
    assert.equal(typeof name, "string", "the values name a ClickHouse Secret");
    const found = ofType(result, SECRET).filter(
        (s) => (at(s.inputs, ["metadata", "name"]) ?? at(s.outputs, ["metadata", "name"])) === name,
    );
    assert.equal(found.length, 1, `the stack creates the Secret ${String(name)}`);
    return found[0];
}

describe("in-cluster ClickHouse: a generated password, never the chart's default", function () {
    this.timeout(120000);

    for (const stack of listStacks()) {
        describe(stack, function () {
            let shown: SynthResult;
            let masked: SynthResult;
            before(async function () {
                shown = await synthStack(stack, { showSecrets: true });
                masked = await synthStack(stack);
            });

            it("the values name the program's Secret and carry no user or password", function () {
                const external = at(helmValues(shown), ["clickhouse", "external"]) as Record<string, unknown>;
                assert.equal(typeof external.existingSecretName, "string");
                assert.equal(external.enabled ?? false, false, "the chart's own StatefulSet");
                for (const key of ["password", "user"])
                    assert.equal(external[key], undefined, `no clickhouse.external.${key} in the values`);
            });

            it("the Secret has exactly the keys the server and the clients read, a generated password and the in-cluster host", function () {
                const data = clickhouseSecret(shown).inputs.stringData as Record<string, string>;
                assert.deepEqual(Object.keys(data).sort(), READ_KEYS);
                const k = CLICKHOUSE_SECRET_KEYS;
                assert.match(data[k.password], /^[A-Za-z0-9]{32}$/);
                assert.equal(data[k.user], "default");
                assert.equal(data[k.database], "default");
                assert.equal(data[k.port], "8123");
                assert.equal(data[k.nativePort], "9000");
                assert.equal(data[k.tls], "false");
                assert.match(data[k.host], /^[a-z0-9-]+-clickhouse\.[a-z0-9-]+\.svc\.cluster\.local$/);
                assert.equal(clickhouseSecret(masked).inputs.stringData, SECRET_PLACEHOLDER, "masked whole");
            });

            it("the chart's default password is nowhere: no resource, value or output holds it", function () {
                const b64 = Buffer.from(CHART_DEFAULT_PASSWORD).toString("base64");
                const everything = leaves({ resources: shown.resources, outputs: shown.outputs });
                assert.deepEqual(
                    everything.filter((s) => s === CHART_DEFAULT_PASSWORD || s === b64),
                    [],
                );
                const generated = (clickhouseSecret(shown).inputs.stringData as Record<string, string>)
                    .clickhouse_password;
                assert.ok(!JSON.stringify(masked).includes(generated), "the generated password is masked");
                assert.ok(!JSON.stringify(helmValues(shown)).includes(generated), "not in the values");
                assert.ok(!JSON.stringify(shown.outputs).includes(generated), "not in the outputs");
            });
        });
    }

    it("the connection follows the user's extra values where the chart would (name, domain, namespace, ports, user)", function () {
        assert.deepEqual(inClusterClickHouseConnection("langsmith", "ls", undefined), {
            host: "langsmith-clickhouse.ls.svc.cluster.local",
            port: 8123,
            nativePort: 9000,
            user: "default",
            database: "default",
        });
        assert.deepEqual(
            inClusterClickHouseConnection("ls-langsmith", "ls", {
                namespace: "other",
                clusterDomain: "corp.local",
                clickhouse: {
                    name: "ch",
                    containerHttpPort: 18123,
                    containerNativePort: 19000,
                    external: { user: "langsmith", database: "traces" },
                },
            }),
            {
                host: "ls-langsmith-ch.other.svc.corp.local",
                port: 18123,
                nativePort: 19000,
                user: "langsmith",
                database: "traces",
            },
        );
    });
});

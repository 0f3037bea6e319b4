import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { listStacks, type SynthResult } from "../../tools/offline/synthesize";
import { synthStack } from "../support/synth";

/** Resources that hold data or keys: replacing one loses data or rotates a secret. */
const STATEFUL_TYPES = [
    "aws:rds/instance:Instance",
    "gcp:sql/databaseInstance:DatabaseInstance",
    "gcp:sql/database:Database",
    "azure-native:dbforpostgresql:Server",
    "azure-native:dbforpostgresql:Database",
    // Managed Redis holds LangSmith's queues: a replacement drops queued work.
    "aws:elasticache/replicationGroup:ReplicationGroup",
    "gcp:memorystore/instance:Instance",
    "azure-native:redisenterprise:RedisEnterprise",
    "azure-native:redisenterprise:Database",
    // Blob storage: trace payloads.
    "aws:s3/bucket:Bucket",
    "gcp:storage/bucket:Bucket",
    "azure-native:storage:StorageAccount",
    "azure-native:storage:BlobContainer",
];
const DATABASE_SERVERS = [
    "aws:rds/instance:Instance",
    "gcp:sql/databaseInstance:DatabaseInstance",
    "azure-native:dbforpostgresql:Server",
];
const GENERATED_SECRETS = ["random:index/randomPassword:RandomPassword", "random:index/randomBytes:RandomBytes"];

const SNAPSHOT_DIR = path.join(__dirname, "..", "..", "..", "tests", "safety", "snapshots");

/**
 * The inputs of every stateful resource and generated secret, by type and logical name (secrets
 * masked). Committed per stack: a change to any of them, replace-forcing or not, shows up in review
 * as a snapshot diff. Regenerate deliberately with UPDATE_SNAPSHOTS=1.
 */
function statefulInputs(result: SynthResult): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const r of result.resources.filter((x) => [...STATEFUL_TYPES, ...GENERATED_SECRETS].includes(x.type))) {
        out[`${r.type}::${r.name}`] = { protect: r.protect, inputs: r.inputs };
    }
    return out;
}

describe("nothing is lost", function () {
    for (const name of listStacks()) {
        describe(name, function () {
            let first: SynthResult;
            before(async function () {
                first = await synthStack(name);
            });

            it("sends exactly the committed inputs for every database resource and generated secret (tests/safety/snapshots)", function () {
                const file = path.join(SNAPSHOT_DIR, `${name}.json`);
                const actual = statefulInputs(first);
                if (process.env.UPDATE_SNAPSHOTS === "1")
                    fs.writeFileSync(file, JSON.stringify(actual, null, 2) + "\n");
                assert.ok(fs.existsSync(file), `no snapshot ${file}; create it with UPDATE_SNAPSHOTS=1 and review it`);
                const expected = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>;
                assert.deepEqual(
                    actual,
                    expected,
                    "a stateful input changed: review the diff (a replaced database loses data, a replaced secret rotates), then UPDATE_SNAPSHOTS=1",
                );
                assert.ok(Object.keys(actual).some((k) => DATABASE_SERVERS.some((t) => k.startsWith(t))));
            });

            it("keeps generated secrets stable: at least the salt, JWT secret and admin password, no keepers", function () {
                const secrets = first.resources.filter((x) => GENERATED_SECRETS.includes(x.type));
                assert.ok(secrets.length >= 3, "salt, JWT secret and admin password at least");
                for (const r of secrets)
                    assert.equal(
                        r.inputs.keepers,
                        undefined,
                        `${r.name}: keepers would rotate the secret when they change`,
                    );
            });

            if (name.endsWith("-prod")) {
                it("protects every stateful resource with Pulumi protect (a replacement or deletion fails before it starts)", function () {
                    const stateful = first.resources.filter((x) => STATEFUL_TYPES.includes(x.type));
                    for (const r of stateful)
                        assert.equal(r.protect, true, `${r.type} ${r.name} must be protected in production`);
                    assert.ok(stateful.some((r) => DATABASE_SERVERS.includes(r.type)));
                });
            }
        });
    }
});

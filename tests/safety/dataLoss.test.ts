import { strict as assert } from "node:assert";
import { listStacks, type SynthResult } from "../../tools/offline/synthesize";
import { synthStack } from "../support/synth";

/** Resources that hold data or keys: replacing one loses data or rotates a secret. */
const STATEFUL_TYPES = [
    "aws:rds/instance:Instance",
    "gcp:sql/databaseInstance:DatabaseInstance",
    "gcp:sql/database:Database",
    "azure-native:dbforpostgresql:Server",
    "azure-native:dbforpostgresql:Database",
];
const DATABASE_SERVERS = ["aws:rds/instance:Instance", "gcp:sql/databaseInstance:DatabaseInstance", "azure-native:dbforpostgresql:Server"];
const GENERATED_SECRETS = ["random:index/randomPassword:RandomPassword", "random:index/randomBytes:RandomBytes"];

const byUrn = (r: SynthResult, types: string[]) => Object.fromEntries(r.resources.filter((x) => types.includes(x.type)).map((x) => [x.urn, x]));

describe("nothing is lost", function () {
    for (const name of listStacks()) {
        describe(name, function () {
            let first: SynthResult;
            let second: SynthResult;
            before(async function () {
                first = await synthStack(name, { showSecrets: true });
                second = await synthStack(name, { showSecrets: true });
            });

            it("sends the same inputs for every database resource on a re-run with the same config (no diff, so no replacement)", function () {
                const a = byUrn(first, STATEFUL_TYPES);
                const b = byUrn(second, STATEFUL_TYPES);
                assert.ok(Object.keys(a).length >= 1);
                assert.deepEqual(Object.keys(b).sort(), Object.keys(a).sort(), "same logical names (a renamed resource is a replacement)");
                for (const urn of Object.keys(a)) assert.deepEqual(b[urn].inputs, a[urn].inputs, urn);
            });

            it("keeps generated secrets stable: the same random resources with the same inputs and no changing keepers", function () {
                const a = byUrn(first, GENERATED_SECRETS);
                const b = byUrn(second, GENERATED_SECRETS);
                assert.ok(Object.keys(a).length >= 3, "salt, JWT secret and admin password at least");
                assert.deepEqual(Object.keys(b).sort(), Object.keys(a).sort());
                for (const urn of Object.keys(a)) {
                    assert.deepEqual(b[urn].inputs, a[urn].inputs, urn);
                    assert.equal(a[urn].inputs.keepers, undefined, `${urn}: keepers would rotate the secret when they change`);
                }
            });

            if (name.endsWith("-prod")) {
                it("protects every stateful resource with Pulumi protect (a replacement or deletion fails before it starts)", function () {
                    const stateful = first.resources.filter((x) => STATEFUL_TYPES.includes(x.type));
                    for (const r of stateful) assert.equal(r.protect, true, `${r.type} ${r.name} must be protected in production`);
                    assert.ok(stateful.some((r) => DATABASE_SERVERS.includes(r.type)));
                });
            }
        });
    }
});

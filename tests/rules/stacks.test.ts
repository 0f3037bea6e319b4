/**
 * Every stack, and each optional path, keeps every rule: the offline preview (which runs the rules
 * layer) succeeds. The rules layer stays fast: under 50 ms per stack.
 */
import { strict as assert } from "node:assert";
import { checkResources } from "../../tools/offline/rules";
import { record } from "./synthRecord";
import { variants } from "./variants";

describe("service rules: every stack keeps every rule", function () {
    this.timeout(60000);
    for (const variant of variants()) {
        it(`${variant.name}: no input the real services would refuse`, async () => {
            const { violations: fromHook, checked } = await record(variant);
            assert.ok(checked.length > 10, "the program registered almost nothing");
            // The hook's verdict and a direct check of the same recording agree.
            const violations = checkResources(checked);
            assert.deepEqual(
                fromHook.map((v) => `${v.urn} ${v.rule}`),
                violations.map((v) => `${v.urn} ${v.rule}`),
            );
            assert.deepEqual(
                violations.map((v) => `${v.name} (${v.type}) ${v.property}: ${v.message} [${v.rule}]`),
                [],
            );
        });
    }

    it("checking a stack's resources takes under 50 ms", async () => {
        for (const variant of variants().slice(0, 6)) {
            const { checked } = await record(variant);
            checkResources(checked); // warm-up (regex compilation, JIT)
            const start = process.hrtime.bigint();
            checkResources(checked);
            const ms = Number(process.hrtime.bigint() - start) / 1e6;
            assert.ok(ms < 50, `${variant.name}: ${ms.toFixed(1)} ms`);
        }
    });
});

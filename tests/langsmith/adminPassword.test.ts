import { strict as assert } from "node:assert";
import fc from "fast-check";
import type * as random from "@pulumi/random";
import {
    ADMIN_PASSWORD_GENERATOR,
    adminPasswordProblem,
    LANGSMITH_PASSWORD_SYMBOLS,
} from "../../components/langsmith/adminPassword";
import { modelPassword, seededInts, type PasswordParams } from "../../components/testing/mocks/random";
import { listStacks } from "../../tools/offline/synthesize";
import { at, one, synthStack } from "../support/synth";

/** Does every password the provider could draw from these settings pass LangSmith's rule? */
function alwaysValid(params: random.RandomPasswordArgs, numRuns: number) {
    return fc.check(
        fc.property(
            fc.string(),
            (seed) => adminPasswordProblem(modelPassword(params as PasswordParams, seededInts(seed))) === undefined,
        ),
        { numRuns, seed: 42 },
    );
}

describe("the initial admin password meets LangSmith's rule by construction", function () {
    it("the rule: 12+ characters, lower, upper and one of LangSmith's symbols", function () {
        assert.equal(adminPasswordProblem("Abcdefghijk!"), undefined);
        assert.match(adminPasswordProblem("Abcdefghij!") ?? "", /shorter than 12/);
        assert.match(adminPasswordProblem("ABCDEFGHIJK!") ?? "", /lower-case/);
        assert.match(adminPasswordProblem("abcdefghijk!") ?? "", /upper-case/);
        assert.match(adminPasswordProblem("Abcdefghijk1") ?? "", /no symbol/);
        assert.match(adminPasswordProblem("Abcdefghijk&") ?? "", /no symbol/, "& is not one of LangSmith's symbols");
    });

    it("the generator's settings are the random provider's arguments, none misspelt (a type check)", function () {
        // What `satisfies` on the constant checked before its declaration had to be emitted on its own.
        const settings: random.RandomPasswordArgs = ADMIN_PASSWORD_GENERATOR;
        type Unknown = Exclude<keyof typeof ADMIN_PASSWORD_GENERATOR, keyof random.RandomPasswordArgs>;
        const noUnknownKey: [Unknown] extends [never] ? true : false = true;
        assert.ok(noUnknownKey && settings.length === 24);
    });

    it("the generator's symbols are all LangSmith symbols", function () {
        for (const c of ADMIN_PASSWORD_GENERATOR.overrideSpecial) assert.ok(LANGSMITH_PASSWORD_SYMBOLS.includes(c), c);
    });

    it("every password the random provider can draw with the generator's settings passes (2000 draws)", function () {
        const result = alwaysValid(ADMIN_PASSWORD_GENERATOR, 2000);
        assert.equal(result.failed, false, `counterexample seed: ${JSON.stringify(result.counterexample)}`);
    });

    it("the same check finds the old generator (no symbols) and one without minSpecial", function () {
        const old = { length: 24, minUpper: 2, minLower: 2, minNumeric: 2, special: false };
        assert.equal(alwaysValid(old, 2000).failed, true);
        assert.equal(alwaysValid({ ...ADMIN_PASSWORD_GENERATOR, minSpecial: 0 }, 2000).failed, true);
        assert.equal(alwaysValid({ ...ADMIN_PASSWORD_GENERATOR, overrideSpecial: "&*" }, 200).failed, true);
    });

    it("the model keeps the provider's rules: length, minimums, only enabled characters", function () {
        fc.assert(
            fc.property(
                fc.string(),
                fc.integer({ min: 0, max: 3 }),
                fc.integer({ min: 0, max: 3 }),
                fc.boolean(),
                (seed, minUpper, minSpecial, special) => {
                    const pw = modelPassword(
                        { length: 16, minUpper, minSpecial, special, numeric: false, overrideSpecial: "-_" },
                        seededInts(seed),
                    );
                    assert.equal(pw.length, 16);
                    assert.ok((pw.match(/[A-Z]/g) ?? []).length >= minUpper);
                    assert.ok((pw.match(/[-_]/g) ?? []).length >= minSpecial);
                    assert.doesNotMatch(pw, /[0-9]/);
                    if (!special && minSpecial === 0) assert.doesNotMatch(pw, /[-_]/);
                },
            ),
            { numRuns: 300, seed: 7 },
        );
    });

    for (const stack of listStacks()) {
        it(`${stack}: the config Secret's admin password passes the rule`, async function () {
            const result = await synthStack(stack, { showSecrets: true });
            const data = at(one(result, "kubernetes:core/v1:Secret", "langsmith-config").inputs, [
                "stringData",
            ]) as Record<string, string>;
            assert.ok("initial_org_admin_password" in data, "every stack uses basic auth");
            assert.equal(adminPasswordProblem(data.initial_org_admin_password), undefined);
        });
    }
});

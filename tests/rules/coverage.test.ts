/**
 * Coverage: every resource type any stack (or an optional path of one) creates has rules, and every
 * rule's type is one the program creates (no rule for a type that never occurs).
 */
import { strict as assert } from "node:assert";
import { ALL_RULES, coveredTypes, needsRules, RULES_BY_PROVIDER } from "../../tools/offline/rules";
import { record } from "./synthRecord";
import { variants } from "./variants";

describe("service rules: coverage of the resource types the program creates", function () {
    this.timeout(120000);
    const created = new Map<string, string[]>();

    before(async () => {
        for (const variant of variants()) {
            const { types } = await record(variant);
            for (const type of types) created.set(type, [...(created.get(type) ?? []), variant.name]);
        }
    });

    it("the variants create resources", () => assert.ok(created.size > 20, `only ${created.size} types`));

    it("every custom resource type created has at least one rule", () => {
        const covered = coveredTypes();
        const missing = [...created.keys()].filter((t) => needsRules(t) && !covered.has(t));
        assert.deepEqual(
            missing,
            [],
            `types without rules (created by ${missing.map((t) => created.get(t)?.join(", ")).join("; ")})`,
        );
    });

    it("every rule is for a type the program creates", () => {
        assert.deepEqual(
            ALL_RULES.filter((r) => !created.has(r.resourceType)).map((r) => `${r.id} (${r.resourceType})`),
            [],
        );
    });

    it("every provider's rules are registered", () => {
        for (const [provider, rules] of Object.entries(RULES_BY_PROVIDER)) assert.ok(rules.length > 0, provider);
    });
});

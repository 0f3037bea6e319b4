import { strict as assert } from "node:assert";
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { baselinePolicies } from "../../policy/pack";
import { RESOURCE_RULES, STACK_RULES } from "../../policy/rules";
import { synthStack } from "../support/synth";

/** Calls a CrossGuard resource policy the way the engine does, collecting its violations. */
function runResourcePolicy(
    policy: ResourceValidationPolicy,
    resource: { type: string; name: string; props: Record<string, unknown>; protect?: boolean },
    production: boolean,
): string[] {
    const found: string[] = [];
    const validate = policy.validateResource as (args: unknown, report: (m: string) => void) => void;
    validate(
        {
            type: resource.type,
            name: resource.name,
            props: resource.props,
            urn: `urn:${resource.name}`,
            opts: { protect: resource.protect ?? false },
            getConfig: () => ({ production }),
        },
        (m) => found.push(m),
    );
    return found;
}

describe("the CrossGuard policy pack", function () {
    const policies = baselinePolicies();

    it("has one mandatory policy per rule, with the rule's name", function () {
        assert.deepEqual(
            policies.map((p) => p.name).sort(),
            [...RESOURCE_RULES, ...STACK_RULES].map((r) => r.name).sort(),
        );
        for (const p of policies) assert.equal(p.enforcementLevel, "mandatory");
    });

    it("passes the aws-prod stack's resources and reports a broken one through the engine's callbacks", async function () {
        const result = await synthStack("aws-prod");
        const resourcePolicies = policies.filter((p): p is ResourceValidationPolicy => "validateResource" in p);
        const all = (props: (r: (typeof result.resources)[number]) => Record<string, unknown>) =>
            result.resources.flatMap((r) =>
                resourcePolicies.flatMap((p) =>
                    runResourcePolicy(p, { type: r.type, name: r.name, props: props(r), protect: r.protect }, true),
                ),
            );
        assert.deepEqual(
            all((r) => r.inputs),
            [],
        );
        const broken = all((r) =>
            r.type === "aws:rds/instance:Instance" ? { ...r.inputs, publiclyAccessible: true } : r.inputs,
        );
        assert.deepEqual(broken, ["RDS instance: set publiclyAccessible: false"]);

        const stackPolicy = policies.find((p): p is StackValidationPolicy => "validateStack" in p)!;
        const found: string[] = [];
        const validate = stackPolicy.validateStack as (args: unknown, report: (m: string) => void) => void;
        const resources = result.resources.map((r) => ({
            type: r.type,
            name: r.name,
            props: r.inputs,
            opts: { protect: r.type === "aws:rds/instance:Instance" ? false : r.protect },
        }));
        validate({ resources, getConfig: () => ({ production: true }) }, (m) => found.push(m));
        assert.equal(found.length, 1);
        assert.match(found[0], /protect: true/);
    });
});

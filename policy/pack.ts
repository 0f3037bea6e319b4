/**
 * The CrossGuard policies built from the pure rules in rules.ts. Kept apart from index.ts because
 * constructing a PolicyPack starts the policy gRPC server; tests call `baselinePolicies()` directly.
 */
import type { Policy, ReportViolation, ResourceValidationArgs, StackValidationArgs } from "@pulumi/policy";
import { RESOURCE_RULES, STACK_RULES } from "./rules";

/** Policy config: `production: true` turns on the production-only rules (set it for production stacks). */
export interface BaselineConfig {
    production?: boolean;
}

const CONFIG_SCHEMA = { properties: { production: { type: "boolean" as const, default: false } } };

/** What every policy of the pack shares: the rule's name and description, mandatory, the production switch. */
const policyBase = (rule: { name: string; description: string }) => ({
    name: rule.name,
    description: rule.description,
    enforcementLevel: "mandatory" as const,
    configSchema: CONFIG_SCHEMA,
});

const isProduction = (args: { getConfig<T extends object>(): T }) =>
    args.getConfig<BaselineConfig>().production === true;

export function baselinePolicies(): Policy[] {
    const resourcePolicies = RESOURCE_RULES.map((rule) => ({
        ...policyBase(rule),
        validateResource: (args: ResourceValidationArgs, report: ReportViolation) => {
            for (const message of rule.check(
                { type: args.type, name: args.name, inputs: args.props, protect: args.opts?.protect },
                isProduction(args),
            ))
                report(message);
        },
    }));
    const stackPolicies = STACK_RULES.map((rule) => ({
        ...policyBase(rule),
        validateStack: (args: StackValidationArgs, report: ReportViolation) => {
            const resources = args.resources.map((r) => ({
                type: r.type,
                name: r.name,
                inputs: r.props,
                protect: r.opts?.protect,
            }));
            for (const message of rule.check(resources, isProduction(args))) report(message);
        },
    }));
    return [...resourcePolicies, ...stackPolicies];
}

/**
 * The rules layer: every input of every resource the program creates, checked against the service's
 * documented rules (one rule per documented rule, with its page). synthesize() runs it on the raw
 * recorded inputs, so rules see the real values; messages name properties, never secret values.
 */
import { AWS_RULES } from "./aws";
import { AZURE_RULES } from "./azure";
import { GCP_RULES } from "./gcp";
import { KUBERNETES_RULES } from "./kubernetes";
import { LANGSMITH_RULES } from "./langsmith";
import { RANDOM_RULES } from "./random";
import type { CheckedResource, ServiceRule, Violation } from "./types";

export type { CheckedResource, ServiceRule, Violation } from "./types";

/** Every rule, by provider (the order docs/RULES.md lists them in). */
export const RULES_BY_PROVIDER: Record<string, readonly ServiceRule[]> = {
    aws: AWS_RULES,
    gcp: GCP_RULES,
    azure: AZURE_RULES,
    kubernetes: KUBERNETES_RULES,
    random: RANDOM_RULES,
    langsmith: LANGSMITH_RULES,
};

export const ALL_RULES: readonly ServiceRule[] = Object.values(RULES_BY_PROVIDER).flat();

const BY_TYPE = new Map<string, ServiceRule[]>();
for (const rule of ALL_RULES) BY_TYPE.set(rule.resourceType, [...(BY_TYPE.get(rule.resourceType) ?? []), rule]);

/** The resource types at least one rule covers. */
export function coveredTypes(): Set<string> {
    return new Set(BY_TYPE.keys());
}

/** Components of this package hold no cloud inputs of their own: their children are checked. */
export function needsRules(type: string): boolean {
    return !type.startsWith("langsmith-iam:index:");
}

/** Checks every resource against the rules of its type; a rule that throws is reported, not swallowed. */
export function checkResources(resources: readonly CheckedResource[]): Violation[] {
    const violations: Violation[] = [];
    for (const resource of resources) {
        for (const rule of BY_TYPE.get(resource.type) ?? []) {
            let message: string | undefined;
            try {
                message = rule.check(resource.inputs, resource, resources);
            } catch (err) {
                message = `the rule could not read the inputs (${err instanceof Error ? err.message : String(err)})`;
            }
            if (message)
                violations.push({
                    urn: resource.urn,
                    type: resource.type,
                    name: resource.name,
                    property: rule.property,
                    rule: rule.id,
                    url: rule.url,
                    message,
                });
        }
    }
    return violations;
}

/** Replaces every secret value that a message might contain (a safety net: rules say "the value"). */
export function redact(violations: Violation[], secrets: readonly string[]): Violation[] {
    const longestFirst = [...new Set(secrets.filter((s) => s.length >= 4))].sort((a, b) => b.length - a.length);
    if (longestFirst.length === 0) return violations;
    return violations.map((v) => ({
        ...v,
        message: longestFirst.reduce((m, s) => m.split(s).join("[secret]"), v.message),
    }));
}

/** One error listing every violation: resource, property, what is wrong, rule id and page. */
export class ServiceRulesError extends Error {
    constructor(public readonly violations: Violation[]) {
        super(
            [
                `the offline preview found ${violations.length} input(s) the real services would refuse:`,
                ...violations.map(
                    (v) => `  - ${v.name} (${v.type}) ${v.property}: ${v.message} [rule ${v.rule}, ${v.url}]`,
                ),
            ].join("\n"),
        );
        this.name = "ServiceRulesError";
    }
}

export function isServiceRulesError(err: unknown): err is ServiceRulesError {
    return (
        err instanceof Error && err.name === "ServiceRulesError" && Array.isArray((err as ServiceRulesError).violations)
    );
}

/**
 * The rules layer's data model: one ServiceRule per documented input rule of a service, each with the
 * page it comes from. Rules read the recorded inputs with secrets shown (some rules need the real
 * value) and must never put a secret value in their message: they say "the value" instead.
 */

/** A registered resource as the rules see it: inputs unmasked, plus what the mocks returned. */
export interface CheckedResource {
    urn: string;
    type: string;
    /** The Pulumi logical name. */
    name: string;
    inputs: Record<string, unknown>;
    outputs: Record<string, unknown>;
}

export interface ServiceRule {
    /** Stable id, `<provider>.<service>.<what>`, shown in errors and in docs/RULES.md. */
    id: string;
    /** The exact Pulumi type token the rule applies to. */
    resourceType: string;
    /** The input it checks, as a dotted path (documentation; the check reads what it needs). */
    property: string;
    /** The rule in one sentence. */
    description: string;
    /** The page that documents the rule. */
    url: string;
    /** What is wrong, or undefined when the input keeps the rule (or is not set and not required). */
    check(
        inputs: Record<string, unknown>,
        resource: CheckedResource,
        all: readonly CheckedResource[],
    ): string | undefined;
}

export interface Violation {
    urn: string;
    type: string;
    name: string;
    property: string;
    rule: string;
    url: string;
    message: string;
}

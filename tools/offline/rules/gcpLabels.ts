/** Google Cloud's label rules, shared by every labelled resource's rule (one page, one check). */
import { get, problems, q, stringMap } from "./common";
import type { ServiceRule } from "./types";

const LABELS = "https://cloud.google.com/resource-manager/docs/labels-overview#requirements";

/** Label keys and values: lower case, digits, '_' and '-' (international letters too), 63 characters; keys start with a letter. */
export function gcpLabelProblems(labels: Record<string, string>): string | undefined {
    return problems([
        Object.keys(labels).length > 64 && `${Object.keys(labels).length} labels, more than 64`,
        ...Object.entries(labels).flatMap(([k, v]) => [
            !/^\p{Ll}[\p{Ll}\p{Lo}\p{N}_-]{0,62}$/u.test(k) &&
                `label key ${q(k)} must start with a lower-case letter and have at most 63 lower-case letters, digits, '_' or '-'`,
            !/^[\p{Ll}\p{Lo}\p{N}_-]{0,63}$/u.test(v) &&
                `the value of label ${q(k)} must be at most 63 lower-case letters, digits, '_' or '-'`,
        ]),
    ]);
}

/** The rule that the labels at `property` (a dotted path of the inputs) follow Google Cloud's label rules. */
export function gcpLabelsRule(
    rule: Pick<ServiceRule, "id" | "resourceType" | "property" | "description">,
): ServiceRule {
    return {
        ...rule,
        url: LABELS,
        check: (inputs) => {
            const labels = stringMap(get(inputs, rule.property));
            return labels && gcpLabelProblems(labels);
        },
    };
}

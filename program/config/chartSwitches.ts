/**
 * Chart components a stack turns on through `langsmith:helmValues` rather than a key of its own,
 * read the way the chart reads them, so the program gives the identity to exactly the pods the
 * chart renders.
 */

/**
 * Go templates' truth: `{{ if x }}` is false only for false, 0, nil and empty strings, lists and maps
 * (https://pkg.go.dev/text/template, "Actions"), so a quoted "false" still renders the component.
 */
export function goTemplateTruthy(value: unknown): boolean {
    if (value === undefined || value === null || value === false || value === 0 || value === "") return false;
    if (Array.isArray(value)) return value.length > 0;
    if (typeof value === "object") return Object.keys(value).length > 0;
    return true;
}

/** `agentGateway.enabled` (chart default false, on both checked lines): the LLM gateway's Deployment. */
export function agentGatewayEnabled(helmValues: Record<string, unknown> | undefined): boolean {
    const section = helmValues?.agentGateway;
    return (
        typeof section === "object" && section !== null && goTemplateTruthy((section as { enabled?: unknown }).enabled)
    );
}

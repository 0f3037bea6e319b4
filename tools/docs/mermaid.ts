/**
 * A stack's resource graph as a Mermaid flowchart: components are subgraphs holding their children
 * (parent containment), arrows run from a resource to the resources that wait for it (its
 * dependents). Providers are left out (they are configuration, not infrastructure). Deterministic:
 * nodes are ordered by URN, so regenerating an unchanged stack gives the same text.
 */
import type { SynthResource, SynthResult } from "../offline/synthesize";

/** Mermaid-safe label text: quotes and angle brackets as entities. */
function label(resource: SynthResource): string {
    const escape = (s: string) =>
        s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    return `"${escape(resource.type)}<br/><b>${escape(resource.name)}</b>${resource.protect ? "<br/>(protected)" : ""}"`;
}

export function mermaidGraph(result: SynthResult): string {
    const resources = result.resources
        .filter((r) => !r.type.startsWith("pulumi:providers:"))
        .sort((a, b) => (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0));
    const ids = new Map(resources.map((r, i) => [r.urn, `r${i}`]));
    const children = new Map<string | null, SynthResource[]>();
    for (const r of resources) {
        const parent = r.parent && ids.has(r.parent) ? r.parent : null;
        children.set(parent, [...(children.get(parent) ?? []), r]);
    }

    const lines = ["flowchart LR"];
    const walk = (parent: string | null, indent: string) => {
        for (const r of children.get(parent) ?? []) {
            const id = ids.get(r.urn)!;
            if (children.has(r.urn)) {
                lines.push(`${indent}subgraph ${id}[${label(r)}]`);
                walk(r.urn, indent + "    ");
                lines.push(`${indent}end`);
            } else {
                lines.push(`${indent}${id}[${label(r)}]`);
            }
        }
    };
    walk(null, "    ");

    const edges = new Set<string>();
    for (const r of resources) {
        for (const dep of r.dependencies) {
            const from = ids.get(dep);
            if (from && from !== ids.get(r.urn)) edges.add(`    ${from} --> ${ids.get(r.urn)!}`);
        }
    }
    lines.push(...[...edges].sort());
    return lines.join("\n") + "\n";
}

/** The results table of a chart render run (plain text, one row per chart line and stack). */

export interface RenderRow {
    line: string;
    chartVersion: string;
    stack: string;
    /** Pod templates rendered (Deployments, StatefulSets, Jobs...); undefined when the render failed. */
    workloads?: number;
    /** Pod templates reading a store reached by the identity (Postgres, managed Redis, blob, agent DBs). */
    readers?: number;
    /** ...of which without the identity. */
    withoutIdentity?: number;
    /** In-cluster Postgres/Redis servers rendered. */
    inClusterStores?: string[];
    renderMs: number;
    problems: string[];
}

const HEADER = [
    "line",
    "chart",
    "stack",
    "workloads",
    "readers",
    "no identity",
    "in-cluster PG/Redis",
    "render",
    "result",
];

export function formatTable(rows: RenderRow[]): string {
    const cells = rows.map((r) => [
        r.line,
        r.chartVersion,
        r.stack,
        r.workloads === undefined ? "-" : String(r.workloads),
        r.readers === undefined ? "-" : String(r.readers),
        r.withoutIdentity === undefined ? "-" : String(r.withoutIdentity),
        r.inClusterStores === undefined ? "-" : r.inClusterStores.length === 0 ? "none" : r.inClusterStores.join(" "),
        `${Math.round(r.renderMs)} ms`,
        r.problems.length === 0 ? "ok" : `${r.problems.length} problem${r.problems.length === 1 ? "" : "s"}`,
    ]);
    const widths = HEADER.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
    const line = (c: string[]) => `| ${c.map((v, i) => v.padEnd(widths[i])).join(" | ")} |`;
    return [line(HEADER), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...cells.map(line)].join("\n") + "\n";
}

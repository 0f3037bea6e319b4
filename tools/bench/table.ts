/** The benchmark's one table: each figure, its floor or target, the ratio and the verdict, as Markdown. */
import * as os from "node:os";

export type Verdict = "pass" | "FAIL" | "info" | "skipped";

export interface Row {
    /** Issue target number (1-5). */
    item: number;
    figure: string;
    value: string;
    /** The floor it is compared with, if any. */
    floor?: string;
    ratio?: string;
    target?: string;
    verdict: Verdict;
}

export function verdict(ok: boolean): Verdict {
    return ok ? "pass" : "FAIL";
}

/** One line describing the machine the figures come from. */
export function machineLine(): string {
    const cpus = os.cpus();
    return `${cpus.length} cores (${cpus[0]?.model.trim() ?? "unknown CPU"}), ${Math.round(os.totalmem() / 2 ** 30)} GB RAM, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

export function renderTable(rows: readonly Row[]): string {
    const header = ["#", "figure", "value", "floor", "ratio", "target", "verdict"];
    const cells = rows.map((r) => [
        String(r.item),
        r.figure,
        r.value,
        r.floor ?? "",
        r.ratio ?? "",
        r.target ?? "",
        r.verdict,
    ]);
    const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
    const line = (c: string[]) => `| ${c.map((v, i) => v.padEnd(widths[i])).join(" | ")} |`;
    return [line(header), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...cells.map(line)].join("\n");
}

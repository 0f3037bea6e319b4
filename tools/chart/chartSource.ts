/**
 * The LangSmith chart of one line, taken out of a `langchain-ai/helm` git repository (a checkout or
 * a bare mirror) into a temporary folder with `git archive`. The chart is never copied into this
 * repository: its files are LangChain's and no registry the CI reaches serves them.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse as parseYaml } from "yaml";

/** The chart lines checked: `main` (0.17 release candidates) and `v16-stable` (0.16, what stacks pin). */
export const CHART_LINES = ["main", "v16-stable"] as const;
export type ChartLine = (typeof CHART_LINES)[number];

export interface ChartCheckout {
    line: string;
    commit: string;
    /** `version` of Chart.yaml. */
    version: string;
    /** Folder holding Chart.yaml. */
    dir: string;
}

function git(repo: string, args: string[]): { status: number | null; stdout: Buffer; stderr: string } {
    const r = spawnSync("git", ["-C", repo, ...args], { maxBuffer: 256 * 1024 * 1024 });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr?.toString() ?? r.error?.message ?? "" };
}

/** The commit of the line's branch: local branch first, then the remote-tracking one. */
function resolveLine(repo: string, line: string): string {
    for (const ref of [line, `origin/${line}`, `refs/remotes/origin/${line}`]) {
        const r = git(repo, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
        if (r.status === 0) return r.stdout.toString().trim();
    }
    throw new Error(`${repo}: no branch ${line} (fetch langchain-ai/helm with its ${line} branch)`);
}

/** Extracts `charts/langsmith` of the line into `into` (created) and reads its version. */
export function extractChart(repo: string, line: string, into: string): ChartCheckout {
    const commit = resolveLine(repo, line);
    const archive = git(repo, ["archive", "--format=tar", commit, "charts/langsmith"]);
    if (archive.status !== 0) throw new Error(`git archive ${line}: ${archive.stderr.trim()}`);
    fs.mkdirSync(into, { recursive: true });
    const tar = spawnSync("tar", ["-x", "-C", into], { input: archive.stdout });
    if (tar.status !== 0) throw new Error(`tar: ${tar.stderr?.toString().trim()}`);
    const dir = path.join(into, "charts", "langsmith");
    const chart = parseYaml(fs.readFileSync(path.join(dir, "Chart.yaml"), "utf8")) as { version?: string };
    return { line, commit, version: String(chart.version ?? "?"), dir };
}

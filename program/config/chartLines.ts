/**
 * The chart lines this project supports: those whose Postgres-connecting workloads were read from
 * the rendered chart (components/langsmith/workloads.ts; `helm template` of the `v16-stable` branch,
 * chart 0.16.11, and of `main`, chart 0.17.0-rc.12). Another line may add, rename or drop a
 * workload, which would leave a pod without its identity binding; so it is refused until its list
 * has been checked and its line added here.
 */

/** `<major>.<minor>` of every checked chart line, oldest first. */
export const CHECKED_CHART_LINES = ["0.16", "0.17"] as const;

/** The supported range in words, for messages and docs. */
export function supportedChartRange(): string {
    const lines = CHECKED_CHART_LINES.map((l) => `${l}.x`);
    return `${lines.slice(0, -1).join(", ")}${lines.length > 1 ? " or " : ""}${lines.at(-1)}`;
}

/** Why a chart version is refused, or undefined. `version` is a semver the schema already checked. */
export function chartVersionProblem(version: string): string | undefined {
    const line = /^(\d+)\.(\d+)\./.exec(version);
    if (line && (CHECKED_CHART_LINES as readonly string[]).includes(`${line[1]}.${line[2]}`)) return undefined;
    return `${version} is outside the chart lines whose workload list this project has checked (${supportedChartRange()}); set a version from those lines, e.g. the default, or see docs/UPGRADE.md for adding a line`;
}

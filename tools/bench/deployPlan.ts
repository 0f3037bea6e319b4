/**
 * Deploy time on paper for one stack: the critical path through `synth --json` with the durations
 * table, and the verdict: the slow resources on the path must be exactly the unavoidable chain
 * database -> bootstrap Job -> Helm release, in that order.
 */
import { criticalPath, type CriticalPath, type GraphResource } from "./criticalPath";
import { CHAIN, chainRole, durationOf, SLOW_SECONDS } from "./durations";
import { formatDuration } from "./stats";

export interface DeployPlan extends CriticalPath {
    /** The slow steps on the path, as chain roles ("?" for a slow resource that is not a chain link). */
    slowChain: string[];
    /** The durations of the chain links found on the path: the floor no ordering can beat. */
    chainSeconds: number;
    /** True when the path's slow steps are exactly database -> bootstrap -> release. */
    ok: boolean;
    /** Custom types that fell back to the default duration. */
    unknownTypes: string[];
}

export function deployPlan(resources: readonly GraphResource[]): DeployPlan {
    const path = criticalPath(resources, (r) => durationOf(r.type, r.custom).seconds);
    const slow = path.steps.filter((s) => s.seconds >= SLOW_SECONDS);
    const slowChain = slow.map((s) => chainRole(s.type) ?? `?${s.type}`);
    const unknownTypes = [
        ...new Set(resources.filter((r) => !durationOf(r.type, r.custom).known).map((r) => r.type)),
    ].sort();
    return {
        ...path,
        slowChain,
        chainSeconds: slow.filter((s) => chainRole(s.type)).reduce((sum, s) => sum + s.seconds, 0),
        ok: slowChain.join(">") === CHAIN.join(">"),
        unknownTypes,
    };
}

/** The path as printable lines: start, duration, type, name. */
export function renderPlan(stack: string, plan: DeployPlan): string {
    const lines = [
        `${stack}: critical path ${formatDuration(plan.totalSeconds)} (fully serial would be ${formatDuration(plan.serialSeconds)}); slow links: ${plan.slowChain.join(" -> ") || "none"} ${plan.ok ? "= the unavoidable chain" : "!= database -> bootstrap -> release"}`,
    ];
    for (const s of plan.steps) {
        lines.push(
            `    t+${formatDuration(s.start).padEnd(12)} ${formatDuration(s.seconds).padEnd(8)} ${s.type}  ${s.name}`,
        );
    }
    if (plan.unknownTypes.length) lines.push(`    (assumed durations for: ${plan.unknownTypes.join(", ")})`);
    return lines.join("\n");
}

/**
 * The critical path of a deploy, from what `synth --json` records: each resource starts when its
 * dependencies are done, its provider is ready and its parent is registered (the SDK awaits the
 * parent's URN); a component registers when its own dependencies are done and is done when all its
 * children are. Pure: the durations come from a function.
 */

/** The fields of a `synth --json` resource this needs. */
export interface GraphResource {
    urn: string;
    type: string;
    name: string;
    custom: boolean;
    parent: string | null;
    dependencies: string[];
    /** Provider reference `<urn>::<id>`, if any. */
    provider: string | null;
}

/** One custom resource on the path, in deploy order. */
export interface PathStep {
    urn: string;
    type: string;
    name: string;
    start: number;
    finish: number;
    seconds: number;
}

export interface CriticalPath {
    /** Time until the last resource is done. */
    totalSeconds: number;
    /** Sum of every custom resource's duration: what a fully serial deploy would take. */
    serialSeconds: number;
    steps: PathStep[];
}

/** The URN part of a provider reference `<urn>::<id>` (URNs themselves contain `::`). */
export function providerUrn(ref: string): string {
    const i = ref.lastIndexOf("::");
    return i > 0 && ref.startsWith("urn:") && ref.slice(0, i).split("::").length >= 4 ? ref.slice(0, i) : ref;
}

export function criticalPath(
    resources: readonly GraphResource[],
    secondsOf: (r: GraphResource) => number,
): CriticalPath {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const children = new Map<string, GraphResource[]>();
    for (const r of resources)
        if (r.parent && byUrn.has(r.parent)) children.set(r.parent, [...(children.get(r.parent) ?? []), r]);

    // For each resource: when it may start (and which predecessor decided that), when it is done.
    type Edge = { urn: string; kind: "done" | "registered" } | null;
    const start = new Map<string, { at: number; by: Edge }>();
    const done = new Map<string, { at: number; byChild: string | null }>();
    const visiting = new Set<string>();

    const registeredAt = (urn: string): number => {
        const r = byUrn.get(urn)!;
        return r.custom ? startOf(urn) + secondsOf(r) : startOf(urn);
    };
    function startOf(urn: string): number {
        const cached = start.get(urn);
        if (cached) return cached.at;
        if (visiting.has(urn)) throw new Error(`dependency cycle through ${urn}`);
        visiting.add(urn);
        const r = byUrn.get(urn)!;
        let best: { at: number; by: Edge } = { at: 0, by: null };
        const consider = (at: number, by: Edge) => {
            if (at > best.at) best = { at, by };
        };
        for (const d of r.dependencies) if (byUrn.has(d)) consider(doneOf(d), { urn: d, kind: "done" });
        const p = r.provider ? providerUrn(r.provider) : undefined;
        if (p && byUrn.has(p)) consider(doneOf(p), { urn: p, kind: "done" });
        if (r.parent && byUrn.has(r.parent)) consider(registeredAt(r.parent), { urn: r.parent, kind: "registered" });
        visiting.delete(urn);
        start.set(urn, best);
        return best.at;
    }
    function doneOf(urn: string): number {
        const cached = done.get(urn);
        if (cached) return cached.at;
        const r = byUrn.get(urn)!;
        let best = { at: startOf(urn) + (r.custom ? secondsOf(r) : 0), byChild: null as string | null };
        for (const c of children.get(urn) ?? []) {
            const at = doneOf(c.urn);
            if (at > best.at) best = { at, byChild: c.urn };
        }
        done.set(urn, best);
        return best.at;
    }

    let last: string | undefined;
    for (const r of resources) if (last === undefined || doneOf(r.urn) > doneOf(last)) last = r.urn;

    // Walk back from the last resource to be done.
    const steps: PathStep[] = [];
    const walk = (urn: string, kind: "done" | "registered") => {
        const r = byUrn.get(urn)!;
        const byChild = done.get(urn)?.byChild;
        if (kind === "done" && byChild) return walk(byChild, "done");
        if (r.custom) {
            const s = start.get(urn)!.at;
            steps.unshift({
                urn,
                type: r.type,
                name: r.name,
                start: s,
                finish: s + secondsOf(r),
                seconds: secondsOf(r),
            });
        }
        const by = start.get(urn)?.by;
        if (by) walk(by.urn, by.kind);
    };
    if (last) walk(last, "done");

    return {
        totalSeconds: last ? doneOf(last) : 0,
        serialSeconds: resources.reduce((sum, r) => sum + (r.custom ? secondsOf(r) : 0), 0),
        steps,
    };
}

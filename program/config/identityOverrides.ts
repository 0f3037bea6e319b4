/**
 * The program points every store-reading component at a service account it created and annotated
 * for the workload identity (`<component>.serviceAccount`), and labels its pods for Azure Workload
 * Identity. A stack that sets either in `langsmith:helmValues` would silently run those pods without
 * the identity (they would then fail to log in to the stores), so config refuses it by key.
 */
import { USE_LABEL } from "../../components/azure/names";
import {
    overlongServiceAccountNames,
    postgresServiceAccounts,
    type WorkloadOptions,
} from "../../components/langsmith/workloads";

/** One refused override: the path under `langsmith:` and what to do. */
export interface IdentityOverrideProblem {
    path: string;
    problem: string;
}

/** Every identity override in `helmValues` for the components these options render (none: an empty list). */
export function identityOverrideProblems(
    helmValues: Record<string, unknown> | undefined,
    workloads: WorkloadOptions,
): IdentityOverrideProblem[] {
    // Names over Kubernetes' limit are reported by the derived-name check; nothing to compare here.
    if (!helmValues || overlongServiceAccountNames(workloads).length > 0) return [];
    const out: IdentityOverrideProblem[] = [];
    for (const sa of postgresServiceAccounts(workloads)) {
        const path = [...sa.componentPath, "serviceAccount"];
        if (valueAt(helmValues, path) !== undefined)
            out.push({
                path: `helmValues.${path.join(".")}`,
                problem: `is managed by this program: ${sa.name} is created and annotated for the workload identity, and another account would run these pods without it; remove it (the program's account already runs these pods)`,
            });
        for (const labels of sa.podLabelPaths) {
            const map = valueAt(helmValues, labels);
            if (map !== null && typeof map === "object" && USE_LABEL in map)
                out.push({
                    path: `helmValues.${labels.join(".")}.${USE_LABEL}`,
                    problem: `is managed by this program (Azure Workload Identity's pod label); remove it`,
                });
        }
    }
    return out;
}

function valueAt(obj: unknown, path: string[]): unknown {
    let cur: unknown = obj;
    for (const part of path) {
        if (cur === null || typeof cur !== "object") return undefined;
        cur = (cur as Record<string, unknown>)[part];
    }
    return cur;
}

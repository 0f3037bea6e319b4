/**
 * Chart components whose pods would read the stores this program reaches by identity, under service
 * accounts the program does not give that identity: turning one on in `langsmith:helmValues` would
 * start pods that cannot log in. Found by rendering the real chart (npm run chart:render).
 *
 * SmithDB (`smithdb.enabled`, off by default on both lines): its query, ingestion, compaction,
 * compaction-worker Deployments and its metastore migration Job run under their own service account
 * (`<fullname>-smithdb`, templates/_helpers.tpl `langsmith.smithdb.serviceAccountName` L560) and read a
 * Postgres metastore (`<PREFIX>__METASTORE__HOST`, `__IAM_AUTH_PROVIDER`) and an object store
 * (`<PREFIX>__OBJECT_STORE__*`) from `langsmith.smithdb.serviceEnv` (L731-824, chart 0.16.11 and
 * 0.17.0-rc.12); its migration mode adds an in-cluster task database StatefulSet
 * (templates/smithdb/taskdb-postgres-statefulset.yaml).
 */
import type { KeyedProblem } from "./errors";

const UNCOVERED_COMPONENTS: { component: string; what: string }[] = [
    {
        component: "smithdb",
        what: "turns on SmithDB, whose pods read a Postgres metastore and an object store under the smithdb service account, which this program does not give the workload identity; remove it",
    },
];

/** One problem per uncovered component turned on in the user's extra values. */
export function uncoveredComponentProblems(helmValues: Record<string, unknown> | undefined): KeyedProblem[] {
    const out: KeyedProblem[] = [];
    for (const { component, what } of UNCOVERED_COMPONENTS) {
        const section = helmValues?.[component];
        if (typeof section === "object" && section !== null && (section as { enabled?: unknown }).enabled === true)
            out.push({ path: `helmValues.${component}.enabled`, problem: what });
    }
    return out;
}

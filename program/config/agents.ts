/**
 * The agent features (`langsmith:chart.insights`, `chart.polly`, `chart.fleet`): the chart's
 * defaults (Insights and Polly on, Fleet off), each on its own database of the managed PostgreSQL
 * and on the managed Redis, reached by the workload identity (components/langsmith/agents.ts).
 * A cheap dev stack turns them off with `chart.insights: false` and `chart.polly: false`.
 */
import {
    AGENT_FEATURES,
    agentDatabaseName,
    enabledAgentFeatures,
    MAX_MAIN_DATABASE_NAME_WITH_AGENTS,
    type AgentFeature,
} from "../../components/langsmith/agents";

/** Chart values the program owns for the agents: their switches and their stores. */
export const AGENT_RESERVED_HELM_VALUE_PATHS: readonly string[] = AGENT_FEATURES.flatMap((spec) => [
    `${spec.enabledBlock}.enabled`,
    `${spec.storesBlock}.postgres.external`,
    `${spec.storesBlock}.redis.external`,
]);

/** A broken agent rule: the key (without `langsmith:`) and the problem with its fix. */
export interface AgentConfigProblem {
    path: string;
    problem: string;
}

/** What the rules read from the parsed config. */
export interface AgentConfigInput {
    chart: { deployments: boolean } & Record<AgentFeature, boolean>;
    postgres: { database: string };
    helmValues?: Record<string, unknown>;
}

/** Every broken agent rule (empty when the config is fine). */
export function agentConfigProblems(input: AgentConfigInput): AgentConfigProblem[] {
    const problems: AgentConfigProblem[] = [];
    if (input.chart.fleet && !input.chart.deployments)
        problems.push({
            path: "chart.fleet",
            problem:
                "needs langsmith:chart.deployments (Fleet's trigger server calls the host backend, which runs only with LangSmith Deployments); set chart.deployments true (with chart.hostname) or turn fleet off",
        });
    const agents = enabledAgentFeatures(input.chart);
    if (agents.length > 0 && Buffer.byteLength(input.postgres.database) > MAX_MAIN_DATABASE_NAME_WITH_AGENTS) {
        const longest = agents
            .map((s) => `${input.postgres.database}_${s.feature}`)
            .sort((a, b) => b.length - a.length)[0];
        problems.push({
            path: "postgres.database",
            problem: `makes the agent database ${longest} longer than PostgreSQL's 63 bytes; use a name of at most ${MAX_MAIN_DATABASE_NAME_WITH_AGENTS} bytes, or turn the agent features off`,
        });
    }
    // Engine shares the Insights deployment: on alone, its pods would run without the identity or stores.
    const engine = input.helmValues?.engine;
    if (
        !input.chart.insights &&
        typeof engine === "object" &&
        engine !== null &&
        (engine as { enabled?: unknown }).enabled === true
    )
        problems.push({
            path: "helmValues.engine.enabled",
            problem:
                "runs the Insights deployment (shared with Engine) while langsmith:chart.insights is false, so its pods would lack the workload identity and their own database; set chart.insights true or remove it",
        });
    return problems;
}

/** The databases the bootstrap creates for the agent features that are on, by feature. */
export function agentDatabases(input: {
    chart: Record<AgentFeature, boolean>;
    postgres: { database: string };
}): { feature: AgentFeature; database: string }[] {
    return enabledAgentFeatures(input.chart).map((spec) => ({
        feature: spec.feature,
        database: agentDatabaseName(input.postgres.database, spec.feature),
    }));
}

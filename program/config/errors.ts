import * as pulumi from "@pulumi/pulumi";

/** The Pulumi project name, and so the namespace of every config key (`langsmith:<key>`). */
export const CONFIG_NAMESPACE = "langsmith";

/**
 * A configuration mistake found before any resource is created. It extends Pulumi's `RunError`
 * so `pulumi up` prints only the message (no stack trace), and it names the config key.
 */
export class ConfigError extends pulumi.RunError {
    /** The full config key, e.g. `langsmith:postgres.version` (the first one when there are several). */
    public readonly key: string;
    /** Every problem found in one run, each with its key (the first is `key`). */
    public readonly problems: readonly ConfigProblem[];

    constructor(key: string, problem: string, more: readonly ConfigProblem[] = []) {
        const problems = [{ key, problem }, ...more];
        // One line per problem, each starting with its key, so one run shows everything to fix.
        super(problems.map((p) => `${p.key}: ${p.problem}`).join("\n"));
        this.name = "ConfigError";
        this.key = key;
        this.problems = problems;
    }
}

/** One configuration problem: the full key and what is wrong with the fix. */
export interface ConfigProblem {
    key: string;
    problem: string;
}

/** A rule's finding: the key without the `langsmith:` prefix (e.g. `redis.mode`) and the problem with its fix. */
export interface KeyedProblem {
    path: string;
    problem: string;
}

/**
 * What a resolver returns: its settings with defaults applied when it found no problem, else every
 * problem it found (never only the first).
 */
export type Resolved<T> = { ok: true; value: T } | { ok: false; problems: KeyedProblem[] };

/** `Resolved` from a value and the problems found while making it. */
export function resolved<T>(value: T, problems: readonly KeyedProblem[]): Resolved<T> {
    return problems.length === 0 ? { ok: true, value } : { ok: false, problems: [...problems] };
}

/**
 * Collects the problems of one config read, so a run reports all of them at once instead of one per
 * round trip. `add` takes a key without the `langsmith:` prefix; `collect` keeps a ConfigError's own.
 *
 * How a config module reports (program/config/<module>.ts; follow it for a new one):
 * - a check returns EVERY problem it finds as `KeyedProblem[]` (`xxxProblems(...)`), or a resolver returns
 *   `Resolved<T>` (`resolveXxx(...)`): push each finding to a list and go on; stop early only where a
 *   later rule reads what an earlier one refused (e.g. a name check on a value of the wrong form);
 * - settings.ts passes the list to `addAll` (or a `Resolved` to `take`) and runs the module only when
 *   the config blocks it reads parsed (`inputsOk` there), so one run lists schema and cross-field
 *   problems of every module together;
 * - code that must throw (a helper also used at deploy time) throws ONE ConfigError with every problem
 *   (`new ConfigError(first.key, first.problem, more)`), which `collect` unpacks.
 */
export class ConfigProblems {
    private readonly items: ConfigProblem[] = [];

    add(path: string, problem: string): void {
        const key = path.startsWith(`${CONFIG_NAMESPACE}:`) ? path : `${CONFIG_NAMESPACE}:${path}`;
        if (!this.items.some((p) => p.key === key && p.problem === problem)) this.items.push({ key, problem });
    }

    /** Adds every finding of a check. */
    addAll(found: Iterable<KeyedProblem>): void {
        for (const p of found) this.add(p.path, p.problem);
    }

    /** A resolver's value, or undefined after adding its problems. */
    take<T>(result: Resolved<T>): T | undefined {
        if (result.ok) return result.value;
        this.addAll(result.problems);
        return undefined;
    }

    /** Runs `check`, keeping a ConfigError it throws as problems (anything else is rethrown). */
    collect<T>(check: () => T): T | undefined {
        try {
            return check();
        } catch (err) {
            if (!isConfigError(err)) throw err;
            for (const p of err.problems ?? [{ key: err.key, problem: err.message }]) this.add(p.key, p.problem);
            return undefined;
        }
    }

    /** Throws one ConfigError with every problem (keys given without `langsmith:`), if any. */
    static throwAll(found: readonly KeyedProblem[]): void {
        const problems = new ConfigProblems();
        problems.addAll(found);
        problems.throwIfAny();
    }

    get size(): number {
        return this.items.length;
    }

    /** Throws one ConfigError listing every problem collected so far, if any. */
    throwIfAny(): void {
        if (this.items.length === 0) return;
        const [first, ...more] = this.items;
        throw new ConfigError(first.key, first.problem, more);
    }
}

/** True for a ConfigError, also across duplicate copies of this package. */
export function isConfigError(err: unknown): err is ConfigError {
    return err instanceof Error && err.name === "ConfigError" && typeof (err as ConfigError).key === "string";
}

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

/**
 * Collects the problems of one config read, so a run reports all of them at once instead of one per
 * round trip. `add` takes a key without the `langsmith:` prefix; `addError` keeps a ConfigError's own.
 */
export class ConfigProblems {
    private readonly items: ConfigProblem[] = [];

    add(path: string, problem: string): void {
        const key = path.startsWith(`${CONFIG_NAMESPACE}:`) ? path : `${CONFIG_NAMESPACE}:${path}`;
        if (!this.items.some((p) => p.key === key && p.problem === problem)) this.items.push({ key, problem });
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

import * as pulumi from "@pulumi/pulumi";

/** The Pulumi project name, and so the namespace of every config key (`langsmith:<key>`). */
export const CONFIG_NAMESPACE = "langsmith";

/**
 * A configuration mistake found before any resource is created. It extends Pulumi's `RunError`
 * so `pulumi up` prints only the message (no stack trace), and it names the config key.
 */
export class ConfigError extends pulumi.RunError {
    /** The full config key, e.g. `langsmith:postgres.version`. */
    public readonly key: string;

    constructor(key: string, problem: string) {
        super(`${key}: ${problem}`);
        this.name = "ConfigError";
        this.key = key;
    }
}

/** True for a ConfigError, also across duplicate copies of this package. */
export function isConfigError(err: unknown): err is ConfigError {
    return err instanceof Error && err.name === "ConfigError" && typeof (err as ConfigError).key === "string";
}

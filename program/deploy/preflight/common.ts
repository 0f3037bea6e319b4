/** Shared by the per-cloud preflight checks: a look-up that fails or finds nothing becomes a ConfigError with the fix. */
import { CONFIG_NAMESPACE, ConfigError } from "../../config/errors";

/** Runs a look-up; a failure (most providers answer "not found" with an error) becomes the given ConfigError. */
export async function lookUp<T>(key: string, fix: (reason: string) => string, call: () => Promise<T>): Promise<T> {
    try {
        return await call();
    } catch (err) {
        const reason = err instanceof Error ? err.message.split("\n")[0] : String(err);
        throw new ConfigError(`${CONFIG_NAMESPACE}:${key}`, fix(reason));
    }
}

export function refuse(key: string, problem: string): never {
    throw new ConfigError(`${CONFIG_NAMESPACE}:${key}`, problem);
}

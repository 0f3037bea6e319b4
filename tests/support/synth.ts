/** Runs the real program under the offline mocks, for tests. */
import { runProgram } from "../../program";
import {
    loadStackConfig,
    projectName,
    stackFile,
    synthesize,
    type SynthResource,
    type SynthResult,
} from "../../tools/offline/synthesize";
import type { MockWorld } from "../../tools/offline/cloudMocks";

export interface SynthTestOptions {
    /** Config keys to replace (full keys, values as Pulumi hands them over: strings, JSON for objects). */
    override?: Record<string, unknown>;
    /** Config keys to replace whole (objects are not merged). */
    replace?: Record<string, unknown>;
    /** Config keys to remove. */
    remove?: string[];
    showSecrets?: boolean;
    /** Parts of the mocked world to change. */
    world?: Partial<MockWorld>;
}

/** The config of a stack file with overrides applied; objects are merged one level deep. */
export function stackConfig(
    stack: string,
    options: SynthTestOptions = {},
): { config: Record<string, string>; secretKeys: string[] } {
    const { config, secretKeys } = loadStackConfig(stackFile(stack));
    for (const [key, value] of Object.entries(options.override ?? {})) {
        if (value !== null && typeof value === "object" && !Array.isArray(value) && config[key]?.startsWith("{")) {
            config[key] = JSON.stringify({ ...JSON.parse(config[key]), ...value });
        } else {
            config[key] = typeof value === "string" ? value : JSON.stringify(value);
        }
    }
    for (const [key, value] of Object.entries(options.replace ?? {}))
        config[key] = typeof value === "string" ? value : JSON.stringify(value);
    for (const key of options.remove ?? []) delete config[key];
    return { config, secretKeys };
}

/** Previews already run in this test process, by stack and options (the program is deterministic). */
const previews = new Map<string, Promise<SynthResult>>();

/**
 * The preview of a stack file with overrides, run once per distinct (stack, options) in a test run;
 * each caller gets its own copy, so a test that changes the result cannot affect another. A failed
 * preview is not kept (every caller sees the failure again).
 */
export async function synthStack(stack: string, options: SynthTestOptions = {}): Promise<SynthResult> {
    const key = JSON.stringify([stack, options]);
    let preview = previews.get(key);
    if (!preview) {
        const { config, secretKeys } = stackConfig(stack, options);
        preview = synthesize({
            project: projectName(),
            stack,
            config,
            secretKeys,
            showSecrets: options.showSecrets,
            world: options.world,
            program: runProgram,
        });
        previews.set(key, preview);
        preview.catch(() => previews.delete(key));
    }
    return structuredClone(await preview);
}

export async function synthConfig(
    stack: string,
    config: Record<string, string>,
    secretKeys: string[],
    showSecrets = false,
    registrations?: unknown[],
): Promise<SynthResult> {
    return synthesize({
        project: projectName(),
        stack,
        config,
        secretKeys,
        showSecrets,
        program: runProgram,
        registrations,
    });
}

export function ofType(result: SynthResult, type: string): SynthResource[] {
    return result.resources.filter((r) => r.type === type);
}

export function one(result: SynthResult, type: string, name?: string): SynthResource {
    const found = ofType(result, type).filter((r) => name === undefined || r.name === name);
    if (found.length !== 1)
        throw new Error(`expected one ${type}${name ? ` named ${name}` : ""}, found ${found.length}`);
    return found[0];
}

/** The Helm release's values. */
export function helmValues(result: SynthResult): Record<string, unknown> {
    return one(result, "kubernetes:helm.sh/v3:Release").inputs.values as Record<string, unknown>;
}

/** Reads a nested value by path. */
export function at(obj: unknown, path: string[]): unknown {
    return path.reduce<unknown>(
        (cur, key) => (cur === null || typeof cur !== "object" ? undefined : (cur as Record<string, unknown>)[key]),
        obj,
    );
}

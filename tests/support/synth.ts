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
import { parseSettings } from "../../program/config/settings";

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

/** A stack's settings (with overrides), parsed as the program parses them. */
export function stackSettings(stack: string, override?: Record<string, unknown>) {
    const { config } = stackConfig(stack, { override });
    const raw = Object.fromEntries(
        Object.entries(config).map(([k, v]) => {
            const key = k.replace(/^langsmith:/, "");
            try {
                return [key, JSON.parse(v)];
            } catch {
                return [key, v];
            }
        }),
    );
    return parseSettings(raw, { project: "langsmith", stack });
}

const UNDEFINED = "\u0000undefined";

/** JSON that keeps a key set to undefined apart from a missing one (`{ awsRegion: undefined }` is not `{}`). */
export function jsonKey(value: unknown): string {
    return JSON.stringify(value, (_, v: unknown) => (v === undefined ? UNDEFINED : v));
}

/** A map's entries sorted by key: the order of config keys or of the world's fields means nothing. */
function sortedEntries(map: object): [string, unknown][] {
    return Object.entries(map).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
}

/**
 * Previews already run in this test process, by everything a preview depends on (the program is
 * deterministic): the stack, the full config, the secret keys, showSecrets and the mocked world.
 * Equal configs reached from different files, overrides or helpers share one preview.
 */
const previews = new Map<string, Promise<SynthResult>>();
/**
 * The same previews by synthStack's arguments as given, which spares re-reading the stack file (key
 * order kept: an override's key order is the order of the merged JSON the program reads).
 */
const byOptions = new Map<string, Promise<SynthResult>>();

/** How many previews this process ran, and how many calls an earlier one answered (a test reads them). */
export const previewCounts = { run: 0, shared: 0 };

/**
 * The preview of a config, run once per distinct input in a test run; each caller gets its own copy,
 * so a test that changes the result cannot affect another. A failed preview is not kept (every
 * caller sees the failure again).
 */
function sharedPreview(
    stack: string,
    config: Record<string, string>,
    secretKeys: string[],
    showSecrets = false,
    world?: Partial<MockWorld>,
): Promise<SynthResult> {
    const secrets = [...new Set(secretKeys)].sort();
    const key = jsonKey([stack, sortedEntries(config), secrets, showSecrets, sortedEntries(world ?? {})]);
    let preview = previews.get(key);
    if (preview) previewCounts.shared++;
    else {
        previewCounts.run++;
        preview = synthesize({
            project: projectName(),
            stack,
            config,
            secretKeys: secrets,
            showSecrets,
            world,
            program: runProgram,
        });
        previews.set(key, preview);
        preview.catch(() => previews.delete(key));
    }
    return preview;
}

/** The preview of a stack file with overrides (see sharedPreview). */
export async function synthStack(stack: string, options: SynthTestOptions = {}): Promise<SynthResult> {
    const key = jsonKey([stack, options]);
    let preview = byOptions.get(key);
    if (preview) previewCounts.shared++;
    else {
        const { config, secretKeys } = stackConfig(stack, options);
        preview = sharedPreview(stack, config, secretKeys, options.showSecrets, options.world);
        byOptions.set(key, preview);
        preview.catch(() => byOptions.delete(key));
    }
    return structuredClone(await preview);
}

/**
 * A stack previewed with LangSmith-managed ClickHouse: `clickhouse` is merged over the mode (it may
 * replace it), and the password is set as a secret, as `pulumi config set --secret` would.
 */
export async function synthManagedClickHouse(
    stack: string,
    clickhouse: Record<string, unknown>,
    world?: Partial<MockWorld>,
): Promise<SynthResult> {
    const { config, secretKeys } = stackConfig(stack, {
        replace: {
            "langsmith:clickhouse": { mode: "langsmithManaged", ...clickhouse },
            "langsmith:clickhousePassword": "ch-managed-password-1",
        },
    });
    const secrets = [...secretKeys, "langsmith:clickhousePassword"];
    return structuredClone(await sharedPreview(stack, config, secrets, false, world));
}

/**
 * The preview of a config (see sharedPreview). With `registrations` (which receive every
 * registration, also when the program fails) the preview runs on its own.
 */
export async function synthConfig(
    stack: string,
    config: Record<string, string>,
    secretKeys: string[],
    showSecrets = false,
    registrations?: unknown[],
): Promise<SynthResult> {
    if (!registrations) return structuredClone(await sharedPreview(stack, { ...config }, secretKeys, showSecrets));
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

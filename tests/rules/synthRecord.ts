/** Synthesises a variant and keeps what was registered, also when the rules layer refuses the preview. */
import { checkResources, isServiceRulesError, type CheckedResource, type Violation } from "../../tools/offline/rules";
import { renderValue } from "../../tools/offline/synthesize";
import { jsonKey, stackConfig, synthConfig } from "../support/synth";
import type { Variant } from "./variants";

interface Registration {
    urn: string;
    type: string;
    name: string;
    custom: boolean;
    rawInputs: Record<string, unknown>;
    rawOutputs: Record<string, unknown>;
}

export interface Recording {
    /** Custom resource types registered (providers included). */
    types: Set<string>;
    /** The rules layer's verdict (empty when the preview passed). */
    violations: Violation[];
    /** The registered resources as the rules see them (secrets shown: keep inside the test). */
    checked: CheckedResource[];
}

/** Recordings already made in this test process, by variant (stacks.test.ts and coverage.test.ts share them). */
const recordings = new Map<string, Promise<Recording>>();

/** The recording of a variant, made once per distinct variant; each caller gets its own copy. */
export async function record(variant: Variant): Promise<Recording> {
    const key = jsonKey([variant.stack, variant.override ?? {}, variant.secretKeys ?? []]);
    let recording = recordings.get(key);
    if (!recording) {
        recording = recordOnce(variant);
        recordings.set(key, recording);
        recording.catch(() => recordings.delete(key));
    }
    return structuredClone(await recording);
}

async function recordOnce(variant: Variant): Promise<Recording> {
    const { config, secretKeys } = stackConfig(variant.stack, { override: variant.override });
    const registrations: Registration[] = [];
    let violations: Violation[] = [];
    try {
        await synthConfig(variant.stack, config, [...secretKeys, ...(variant.secretKeys ?? [])], false, registrations);
    } catch (err) {
        if (!isServiceRulesError(err)) throw err;
        violations = err.violations;
    }
    const checked = registrations.map((r) => ({
        urn: r.urn,
        type: r.type,
        name: r.name,
        inputs: renderValue(r.rawInputs, true) as Record<string, unknown>,
        outputs: renderValue(r.rawOutputs, true) as Record<string, unknown>,
    }));
    return { types: new Set(registrations.filter((r) => r.custom).map((r) => r.type)), violations, checked };
}

export { checkResources };

/** Runs the real program offline on the gcp-dev stack file, with config keys overridden per test. */
import { runProgram } from "../../program";
import { loadStackConfig, projectName, stackFile, synthesize, type SynthResult } from "../../tools/offline/synthesize";
import type { MockWorld } from "../../tools/offline/cloudMocks";

/** Synthesizes `stack` with `overrides` (`langsmith:<key>` → value; objects replace the whole key, undefined removes it). */
export async function synthGcp(
    overrides: Record<string, unknown> = {},
    opts: { stack?: string; showSecrets?: boolean; world?: Partial<MockWorld> } = {},
): Promise<SynthResult> {
    const stack = opts.stack ?? "gcp-dev";
    const { config, secretKeys } = loadStackConfig(stackFile(stack));
    for (const [key, value] of Object.entries(overrides)) {
        if (value === undefined) delete config[key];
        else config[key] = typeof value === "string" ? value : JSON.stringify(value);
    }
    return synthesize({
        project: projectName(),
        stack,
        config,
        secretKeys,
        showSecrets: opts.showSecrets,
        world: opts.world,
        program: runProgram,
    });
}

export { ofType, one } from "../support/synth";

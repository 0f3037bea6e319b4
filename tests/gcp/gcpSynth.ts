/** The GCP tests' view of the one memoised synth helper (tests/support/synth.ts). */
import type { MockWorld } from "../../tools/offline/cloudMocks";
import type { SynthResult } from "../../tools/offline/synthesize";
import { synthStack } from "../support/synth";

/** Synthesizes `stack` with `overrides` (`langsmith:<key>` → value; objects replace the whole key, undefined removes it). */
export function synthGcp(
    overrides: Record<string, unknown> = {},
    opts: { stack?: string; showSecrets?: boolean; world?: Partial<MockWorld> } = {},
): Promise<SynthResult> {
    const replace = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
    const remove = Object.keys(overrides).filter((k) => overrides[k] === undefined);
    return synthStack(opts.stack ?? "gcp-dev", { replace, remove, showSecrets: opts.showSecrets, world: opts.world });
}

export { ofType, one } from "../support/synth";

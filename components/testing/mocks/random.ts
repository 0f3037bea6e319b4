/**
 * The random provider's password algorithm, so a mocked password has exactly the properties a real
 * one can have and no more (the provider's `internal/random/string.go`): the minimum count of each
 * class is drawn from that class (whether or not the class is enabled), the rest from the union of
 * the enabled classes, then the characters are shuffled. A generator that does not guarantee a
 * property produces values without it, in the mock as in a real account.
 */
import { createHash } from "node:crypto";

/** The inputs of `random.RandomPassword` that shape its result. */
export interface PasswordParams {
    length: number;
    upper?: boolean;
    lower?: boolean;
    numeric?: boolean;
    special?: boolean;
    minUpper?: number;
    minLower?: number;
    minNumeric?: number;
    minSpecial?: number;
    overrideSpecial?: string;
}

/** The provider's default symbols (used when `overrideSpecial` is empty). */
export const DEFAULT_SPECIAL = "!@#$%&*()-_=+[]{}<>:?";
const UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const LOWER = "abcdefghijklmnopqrstuvwxyz";
const DIGITS = "0123456789";

/** A source of uniform integers in [0, n). */
export type IntSource = (n: number) => number;

/** A deterministic IntSource from a seed (sha256 in counter mode). */
export function seededInts(seed: string): IntSource {
    let counter = 0;
    return (n) => createHash("sha256").update(`${seed}#${counter++}`).digest().readUInt32BE(0) % n;
}

/** One password as the provider would draw it, with `next` as its randomness. */
export function modelPassword(params: PasswordParams, next: IntSource): string {
    const special = params.overrideSpecial ? params.overrideSpecial : DEFAULT_SPECIAL;
    const enabled =
        (params.upper !== false ? UPPER : "") +
        (params.lower !== false ? LOWER : "") +
        (params.numeric !== false ? DIGITS : "") +
        (params.special !== false ? special : "");
    const draw = (set: string, count: number) =>
        Array.from({ length: Math.max(0, count) }, () => set[next(set.length)]);
    const chars = [
        ...draw(DIGITS, params.minNumeric ?? 0),
        ...draw(LOWER, params.minLower ?? 0),
        ...draw(UPPER, params.minUpper ?? 0),
        ...draw(special, params.minSpecial ?? 0),
    ];
    // Impossible settings (minimums above the length, no class enabled) are the rules layer's to
    // report, with the page; the mock still answers so the preview can say what is wrong.
    if (enabled !== "") chars.push(...draw(enabled, params.length - chars.length));
    // Fisher-Yates shuffle: the minimums land anywhere, as in the provider.
    for (let i = chars.length - 1; i > 0; i--) {
        const j = next(i + 1);
        [chars[i], chars[j]] = [chars[j], chars[i]];
    }
    return chars.join("");
}

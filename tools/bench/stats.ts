/** Small pure helpers for the benchmark: medians and human-readable figures. */

/** The median of a non-empty list (mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
    if (values.length === 0) throw new Error("median of an empty list");
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** `value / floor`, or NaN when the floor is missing or zero (printed as "n/a"). */
export function ratio(value: number, floor: number): number {
    return floor > 0 ? value / floor : Number.NaN;
}

export function formatMs(ms: number): string {
    if (!Number.isFinite(ms)) return "n/a";
    return ms >= 10000 ? `${(ms / 1000).toFixed(1)} s` : `${(ms / 1000).toFixed(2)} s`;
}

export function formatMb(kb: number): string {
    return Number.isFinite(kb) ? `${Math.round(kb / 1024)} MB` : "n/a";
}

export function formatRatio(r: number): string {
    return Number.isFinite(r) ? `${r.toFixed(2)}x` : "n/a";
}

/** Seconds as "1 h 02 min", "12 min 30 s" or "45 s". */
export function formatDuration(seconds: number): string {
    const s = Math.round(seconds);
    if (s < 60) return `${s} s`;
    const m = Math.floor(s / 60);
    const rest = s % 60;
    return rest === 0 ? `${m} min` : `${m} min ${rest} s`;
}

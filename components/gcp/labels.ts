/**
 * GCP labels accept only lower-case letters, digits, `_` and `-` (keys start with a letter, both at
 * most 63 characters), so Kubernetes-style tags such as `app.kubernetes.io/part-of` are rewritten.
 */
function clean(text: string): string {
    return text
        .toLowerCase()
        .replace(/[^a-z0-9_-]/g, "_")
        .slice(0, 63);
}

/** The stack's tags as valid GCP labels (later keys win when two tags clean to the same key). */
export function toGcpLabels(tags: Record<string, string>): Record<string, string> {
    const labels: Record<string, string> = {};
    for (const [key, value] of Object.entries(tags)) {
        let k = clean(key);
        if (!/^[a-z]/.test(k)) k = `l_${k}`.slice(0, 63);
        labels[k] = clean(value);
    }
    return labels;
}

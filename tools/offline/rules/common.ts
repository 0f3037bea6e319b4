/** Small helpers the per-provider rule files share: reading inputs, name forms, messages. */
import type { CheckedResource, ServiceRule } from "./types";

/** How the offline preview renders a value that is only known after `pulumi up`. */
export const UNKNOWN = "[unknown]";

/** The value at a dotted path (`settings.backupConfiguration.enabled`), or undefined. */
export function get(obj: unknown, path: string): unknown {
    let cur = obj;
    for (const key of path.split(".")) {
        if (cur === null || typeof cur !== "object") return undefined;
        cur = (cur as Record<string, unknown>)[key];
    }
    return cur === UNKNOWN ? undefined : cur;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
    return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** A string input, or undefined when unset or unknown. */
export function str(obj: unknown, path: string): string | undefined {
    const v = get(obj, path);
    return typeof v === "string" ? v : undefined;
}

/** A numeric input (providers accept numbers as numbers; strings of digits too). */
export function num(obj: unknown, path: string): number | undefined {
    const v = get(obj, path);
    if (typeof v === "number") return v;
    if (typeof v === "string" && /^-?\d+(\.\d+)?$/.test(v)) return Number(v);
    return undefined;
}

/** A string map input (tags, labels), parsing a JSON string (how providers record `defaultTags`). */
export function stringMap(v: unknown): Record<string, string> | undefined {
    if (typeof v === "string" && v.startsWith("{")) {
        try {
            v = JSON.parse(v);
        } catch {
            return undefined;
        }
    }
    if (!isRecord(v)) return undefined;
    const out: Record<string, string> = {};
    for (const [k, val] of Object.entries(v))
        if (val !== UNKNOWN) out[k] = typeof val === "string" ? val : JSON.stringify(val);
    return out;
}

/**
 * The name a resource will have: the input when the program sets it, otherwise the provider's
 * auto-name (what the mocks return, `<logical name>-<random suffix>` like the real providers).
 */
export function nameOf(
    resource: CheckedResource,
    inputPath: string,
    outputPath = inputPath,
): { value: string; auto: boolean } | undefined {
    const given = str(resource.inputs, inputPath);
    if (given !== undefined) return { value: given, auto: false };
    const auto = str(resource.outputs, outputPath);
    return auto === undefined ? undefined : { value: auto, auto: true };
}

export function q(value: string): string {
    return JSON.stringify(value);
}

/** `"name"` or `the auto-name "name-1a2b3c4"`, for messages about names. */
export function describeName(n: { value: string; auto: boolean }): string {
    return n.auto ? `the auto-name ${q(n.value)}` : q(n.value);
}

/** Every problem of a list, joined; undefined when there is none. */
export function problems(list: (string | undefined | false)[]): string | undefined {
    const found = list.filter((p): p is string => typeof p === "string" && p.length > 0);
    return found.length ? found.join("; ") : undefined;
}

/** Kubernetes-style DNS names (RFC 1123). */
export const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
export const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export function dnsLabelProblem(value: string, max = 63): string | undefined {
    if (value.length > max) return `is ${value.length} characters, more than ${max}`;
    if (!DNS_LABEL.test(value))
        return "must be lower-case letters, digits and '-', starting and ending with a letter or digit (RFC 1123 label)";
    return undefined;
}

export function dnsSubdomainProblem(value: string, max = 253): string | undefined {
    if (value.length > max) return `is ${value.length} characters, more than ${max}`;
    if (!DNS_SUBDOMAIN.test(value))
        return "must be lower-case letters, digits, '-' and '.', each part starting and ending with a letter or digit (RFC 1123 subdomain)";
    return undefined;
}

/** The same rule for several resource types (tags, labels, names): one rule object per type. */
export function forEachType(
    types: Record<string, string>,
    make: (type: string, short: string) => ServiceRule,
): ServiceRule[] {
    return Object.entries(types).map(([type, short]) => make(type, short));
}

/** Characters that are not printable ASCII (for descriptions limited to a charset). */
export function outsideCharset(value: string, allowed: RegExp): string[] {
    return [...new Set([...value].filter((c) => !allowed.test(c)))];
}

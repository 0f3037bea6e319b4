/**
 * Tags (AWS, Azure) and labels (GCP) for every cloud resource: the project's defaults plus
 * `langsmith:tags`, made to follow each cloud's documented rules. A tag is rewritten only where its
 * meaning survives (a character the cloud refuses becomes `_`, GCP's upper case becomes lower case);
 * anything else (a reserved prefix, a key too long, two keys that end up the same) is a ConfigError
 * naming `langsmith:tags.<key>`. Pure functions: config validation and the platforms call them.
 */
import { CONFIG_NAMESPACE } from "./settings";
import { ConfigError, ConfigProblems, type KeyedProblem } from "./errors";

export type TagCloud = "aws" | "azure" | "gcp";

/** The pages the rules below come from. */
export const TAG_RULES_URL: Record<TagCloud, string> = {
    aws: "https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html#tag-conventions",
    azure: "https://learn.microsoft.com/en-us/azure/azure-resource-manager/management/tag-resources#limitations",
    gcp: "https://cloud.google.com/resource-manager/docs/labels-overview#requirements",
};

/** What the project adds to every resource. Azure refuses `/` in tag names, GCP any upper case or `.`. */
export const DEFAULT_TAGS: Record<TagCloud, Readonly<Record<string, string>>> = {
    aws: { "app.kubernetes.io/part-of": "langsmith", "managed-by": "pulumi" },
    azure: { "part-of": "langsmith", "managed-by": "pulumi" },
    gcp: { "part-of": "langsmith", "managed-by": "pulumi" },
};

/** Limits from the pages in TAG_RULES_URL (lengths in Unicode code points). */
export const TAG_LIMITS = {
    aws: { keyLength: 128, valueLength: 256, count: 50 },
    // Azure Private DNS zones take 15 tags, every other resource this project creates 50.
    azure: { keyLength: 512, valueLength: 256, count: 50, privateDnsZoneCount: 15 },
    gcp: { keyLength: 63, valueLength: 63, count: 64 },
} as const;

export interface CloudTagOptions {
    /** Azure: the tags also go on a private DNS zone (15 tags at most). */
    azurePrivateDnsZone?: boolean;
}

const length = (s: string) => [...s].length;
const tagKey = (key: string) => `${CONFIG_NAMESPACE}:tags.${key}`;

/** One user tag made valid for a cloud: the new key and value, or the reason it cannot be. */
type Rewrite = { key: string; value: string } | { problem: string };

/**
 * AWS: letters, digits, white space and `_ . : / = + - @` (the set RDS, IAM and EC2 all accept),
 * key 1-128, value 0-256, no `aws:` prefix on keys or values. IAM refuses keys that differ only in
 * case, so keys are compared case-insensitively.
 */
function awsRewrite(key: string, value: string): Rewrite {
    const clean = (s: string) => s.replace(/[^\p{L}\p{Z}\p{N}_.:/=+\-@]/gu, "_");
    if (/^aws:/i.test(key) || /^aws:/i.test(value))
        return {
            problem: "uses the aws: prefix, which AWS reserves for its own tags; rename the tag or change its value",
        };
    if (length(key) > TAG_LIMITS.aws.keyLength)
        return {
            problem: `is longer than the ${TAG_LIMITS.aws.keyLength} characters AWS allows in a tag key; shorten it`,
        };
    if (length(value) > TAG_LIMITS.aws.valueLength)
        return {
            problem: `has a value longer than the ${TAG_LIMITS.aws.valueLength} characters AWS allows; shorten it`,
        };
    return { key: clean(key), value: clean(value) };
}

/**
 * Azure: names without `< > % & \ ? /`, not starting with `microsoft`, `azure` or `windows`, at most
 * 512 characters, values at most 256. The same tags go on the private DNS zone, whose tag names take
 * no spaces, parentheses, special or Unicode characters and do not start with a digit: names here
 * are kept to ASCII letters, digits, `_`, `-` and `.`, starting with a letter. Names are
 * case-insensitive.
 */
function azureRewrite(key: string, value: string): Rewrite {
    if (/^(microsoft|azure|windows)/i.test(key))
        return {
            problem: "starts with microsoft, azure or windows, which Azure reserves for its own tags; rename the tag",
        };
    if (/[^\x20-\x7e]/.test(key))
        return {
            problem:
                "has characters outside ASCII, which Azure DNS zones refuse in tag names; rename the tag with letters, digits, '-', '_' or '.'",
        };
    const clean = key.replace(/[^A-Za-z0-9_.-]/g, "_");
    if (!/^[A-Za-z]/.test(clean))
        return { problem: "does not start with a letter, which Azure DNS zones require of tag names; rename the tag" };
    if (length(clean) > TAG_LIMITS.azure.keyLength)
        return {
            problem: `is longer than the ${TAG_LIMITS.azure.keyLength} characters Azure allows in a tag name; shorten it`,
        };
    if (length(value) > TAG_LIMITS.azure.valueLength)
        return {
            problem: `has a value longer than the ${TAG_LIMITS.azure.valueLength} characters Azure allows; shorten it`,
        };
    return { key: clean, value };
}

/**
 * GCP labels: lower-case letters (international ones too), digits, `_` and `-`; keys start with a
 * lower-case letter and are 1-63 characters, values 0-63. Upper case becomes lower case and other
 * characters `_`; a key that would not start with a letter gets the prefix `l_`.
 */
function gcpRewrite(key: string, value: string): Rewrite {
    const clean = (s: string) => s.toLowerCase().replace(/[^\p{Ll}\p{Lo}\p{N}_-]/gu, "_");
    let k = clean(key);
    if (!/^[\p{Ll}\p{Lo}]/u.test(k)) k = `l_${k}`;
    const v = clean(value);
    if (length(k) > TAG_LIMITS.gcp.keyLength)
        return {
            problem: `is longer than the ${TAG_LIMITS.gcp.keyLength} characters GCP allows in a label key (as the label ${JSON.stringify(k)}); shorten it`,
        };
    if (length(v) > TAG_LIMITS.gcp.valueLength)
        return {
            problem: `has a value longer than the ${TAG_LIMITS.gcp.valueLength} characters GCP allows in a label value; shorten it`,
        };
    return { key: k, value: v };
}

const REWRITE: Record<TagCloud, (key: string, value: string) => Rewrite> = {
    aws: awsRewrite,
    azure: azureRewrite,
    gcp: gcpRewrite,
};
/** AWS (IAM) and Azure compare keys without case; GCP keys are lower case anyway. */
const identity = (key: string) => key.toLowerCase();

/**
 * The user's tags made valid for a cloud (without the defaults). Throws one ConfigError naming every
 * `langsmith:tags.<key>` where a tag cannot follow the cloud's rules and keep its meaning.
 */
export function userTagsFor(cloud: TagCloud, userTags: Readonly<Record<string, string>>): Record<string, string> {
    const page = TAG_RULES_URL[cloud];
    const seen = new Map<string, string>();
    const out: [string, string][] = [];
    // Every tag is checked, and all the refused ones are reported together.
    const problems: KeyedProblem[] = [];
    for (const [key, value] of Object.entries(userTags)) {
        if (key.length === 0) {
            problems.push({ path: tagKey(key), problem: `is an empty tag key; every cloud needs a name (${page})` });
            continue;
        }
        const rewritten = REWRITE[cloud](key, value);
        if ("problem" in rewritten) {
            problems.push({ path: tagKey(key), problem: `${rewritten.problem} (${page})` });
            continue;
        }
        const clash = seen.get(identity(rewritten.key));
        if (clash !== undefined) {
            problems.push({
                path: tagKey(key),
                problem: `becomes the ${cloud === "gcp" ? "label" : "tag"} ${JSON.stringify(rewritten.key)}, as langsmith:tags.${clash} does (keys are compared without case and characters the cloud refuses become '_'); rename one of them (${page})`,
            });
            continue;
        }
        seen.set(identity(rewritten.key), key);
        out.push([rewritten.key, rewritten.value]);
    }
    ConfigProblems.throwAll(problems);
    // fromEntries keeps a key such as `__proto__` as a plain tag.
    return Object.fromEntries(out);
}

/**
 * The tags every resource of a cloud gets: DEFAULT_TAGS, then the user's (a user tag replaces a
 * default with the same key). Throws a ConfigError naming `langsmith:tags.<key>`, or
 * `langsmith:tags` for too many tags.
 */
export function cloudTags(
    cloud: TagCloud,
    userTags: Readonly<Record<string, string>> = {},
    options: CloudTagOptions = {},
): Record<string, string> {
    const user = userTagsFor(cloud, userTags);
    const userIds = new Set(Object.keys(user).map(identity));
    const tags = Object.fromEntries([
        ...Object.entries(DEFAULT_TAGS[cloud]).filter(([key]) => !userIds.has(identity(key))),
        ...Object.entries(user),
    ]);

    const dnsZone = cloud === "azure" && options.azurePrivateDnsZone === true;
    const max = dnsZone ? TAG_LIMITS.azure.privateDnsZoneCount : TAG_LIMITS[cloud].count;
    const count = Object.keys(tags).length;
    if (count > max) {
        const why = dnsZone ? "Azure Private DNS zones take" : `${cloud.toUpperCase()} allows`;
        throw new ConfigError(
            `${CONFIG_NAMESPACE}:tags`,
            `makes ${count} tags with the project's own, but ${why} ${max} per resource; remove some (${TAG_RULES_URL[cloud]})`,
        );
    }
    return tags;
}

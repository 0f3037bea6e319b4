/**
 * GCP labels from tags: the GCP rules of components/tags.ts (lower case, `[a-z0-9_-]` and
 * international lower-case letters, keys start with a letter, 63 characters), without the defaults.
 */
import { userTagsFor } from "./tags";

/** The tags as valid GCP labels; a ConfigError naming the tag where that cannot keep its meaning. */
export function toGcpLabels(tags: Record<string, string>): Record<string, string> {
    return userTagsFor("gcp", tags);
}

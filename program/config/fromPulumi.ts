import * as pulumi from "@pulumi/pulumi";
import { CONFIG_NAMESPACE, parseSettings, rawConfigFromPulumi, type Settings } from "./settings";
import { ConfigError } from "./errors";

/** Config keys every stack sets, stored encrypted (`pulumi config set --secret`). */
export const SECRET_CONFIG_KEYS = ["licenseKey"] as const;
/** Config keys only some stacks set, stored encrypted when set (the schema says when they are required). */
export const OPTIONAL_SECRET_CONFIG_KEYS = ["clickhousePassword"] as const;

/** Reads the stack's config once, validates it, and refuses secrets stored in plain text. */
export function loadSettings(): Settings {
    const all = pulumi.runtime.allConfig();
    // Default names derive from the project and stack, so two stacks can share an account and a cluster.
    const settings = parseSettings(rawConfigFromPulumi(all), {
        project: pulumi.getProject(),
        stack: pulumi.getStack(),
    });
    const isSecret = (pulumi.runtime as unknown as { isConfigSecret?: (k: string) => boolean }).isConfigSecret;
    for (const key of [...SECRET_CONFIG_KEYS, ...OPTIONAL_SECRET_CONFIG_KEYS]) {
        const fullKey = `${CONFIG_NAMESPACE}:${key}`;
        if (!(fullKey in all)) continue;
        if (isSecret && !isSecret(fullKey)) {
            throw new ConfigError(
                fullKey,
                `is stored in plain text; run: pulumi config set --secret ${fullKey} <value>`,
            );
        }
    }
    return settings;
}

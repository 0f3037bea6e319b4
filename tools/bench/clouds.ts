/**
 * Which SDK modules each cloud's stacks need. This is the "floor" of program evaluation: a process
 * that only loads these modules. It is also what the isolation test holds the program to: a stack
 * must not load another cloud's SDK.
 */
import { loadStackConfig, stackFile } from "../offline/synthesize";

export type Cloud = "aws" | "gcp" | "azure";
export const CLOUDS: readonly Cloud[] = ["aws", "gcp", "azure"];

/** Loaded by every stack: the engine SDK, the Kubernetes side and generated passwords. */
export const COMMON_MODULES = ["@pulumi/pulumi", "@pulumi/kubernetes", "@pulumi/random"] as const;

/**
 * Per cloud. azure-native is loaded per module: its top-level index pulls in every service module
 * the package has (hundreds), which alone costs more than the whole program should. The list is
 * exactly the modules components/azure/*.ts and program/deploy/azure.ts import (a test keeps the two in step).
 */
export const CLOUD_MODULES: Record<Cloud, readonly string[]> = {
    aws: ["@pulumi/aws"],
    gcp: ["@pulumi/gcp"],
    azure: [
        "@pulumi/azure-native/dbforpostgresql",
        "@pulumi/azure-native/managedidentity",
        "@pulumi/azure-native/authorization",
        "@pulumi/azure-native/containerservice",
        "@pulumi/azure-native/network",
        "@pulumi/azure-native/privatedns",
        "@pulumi/azure-native/redisenterprise",
        "@pulumi/azure-native/storage",
    ],
};

/** The npm package of each cloud's SDK (for `require.cache` checks and install size). */
export const CLOUD_PACKAGES: Record<Cloud, string> = {
    aws: "@pulumi/aws",
    gcp: "@pulumi/gcp",
    azure: "@pulumi/azure-native",
};

/** Everything a stack of this cloud is allowed to need: the floor's `require` list. */
export function floorModules(cloud: Cloud): string[] {
    return [...COMMON_MODULES, ...CLOUD_MODULES[cloud]];
}

/** The stack's `langsmith:cloud` from its stack file. */
export function cloudOfStack(stack: string, root?: string): Cloud {
    const { config } = loadStackConfig(stackFile(stack, root));
    const cloud = config["langsmith:cloud"];
    if (!CLOUDS.includes(cloud as Cloud))
        throw new Error(
            `stack ${stack}: langsmith:cloud is ${JSON.stringify(cloud)}, expected one of ${CLOUDS.join(", ")}`,
        );
    return cloud as Cloud;
}

/**
 * Loaded-module paths that break cloud isolation for a stack of `cloud`: any file of another cloud's
 * SDK, and azure-native's top-level index (the per-module rule).
 */
export function isolationViolations(cloud: Cloud, loadedPaths: readonly string[]): string[] {
    const norm = (p: string) => p.split("\\").join("/");
    const foreign = CLOUDS.filter((c) => c !== cloud).map((c) => `/node_modules/${CLOUD_PACKAGES[c]}/`);
    return loadedPaths
        .map(norm)
        .filter((p) => foreign.some((f) => p.includes(f)) || p.endsWith("/node_modules/@pulumi/azure-native/index.js"));
}

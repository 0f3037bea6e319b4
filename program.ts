/**
 * The LangSmith platform program: read and validate the stack config (nothing is created when it is
 * wrong), then build the chosen cloud's path. Each cloud's SDK is loaded only for its own stacks.
 */
import { loadSettings } from "./program/config/fromPulumi";

// `require` on demand (not a top-level import) so an AWS stack never loads the GCP or Azure SDKs.
type AwsDeploy = typeof import("./program/deploy/aws");
type AzureDeploy = typeof import("./program/deploy/azure");
type GcpDeploy = typeof import("./program/deploy/gcp");

/** Runs the program and returns the stack outputs. */
export function runProgram() {
    const settings = loadSettings();
    switch (settings.cloud) {
        case "aws":
            return (require("./program/deploy/aws") as AwsDeploy).deployAws(settings);
        case "azure":
            return (require("./program/deploy/azure") as AzureDeploy).deployAzure(settings);
        case "gcp":
            return (require("./program/deploy/gcp") as GcpDeploy).deployGcp(settings);
        default:
            // Settings is a union over the clouds: a new cloud without a deploy fails the type check here.
            return settings satisfies never;
    }
}

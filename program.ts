/**
 * The LangSmith platform program: read and validate the stack config (nothing is created when it is
 * wrong), compare it with what the last deployment reported (a PostgreSQL downgrade is refused
 * before anything is registered), then build the chosen cloud's path. Each cloud's SDK is loaded
 * only for its own stacks.
 */
import { loadSettings } from "./program/config/fromPulumi";
import { checkMajorVersionChange, type MajorVersionChange } from "./program/config/maintenance";
import { previousMajorVersion } from "./program/deploy/previousDeployment";

// `require` on demand (not a top-level import) so an AWS stack never loads the GCP or Azure SDKs.
type AwsDeploy = typeof import("./program/deploy/aws");
type AzureDeploy = typeof import("./program/deploy/azure");
type GcpDeploy = typeof import("./program/deploy/gcp");

/** Runs the program and returns the stack outputs. */
export async function runProgram() {
    const settings = loadSettings();
    const majorChange: MajorVersionChange = { from: await previousMajorVersion(), to: settings.postgres.version };
    checkMajorVersionChange(majorChange, settings.postgres.applyNow);
    switch (settings.cloud) {
        case "aws":
            return (require("./program/deploy/aws") as AwsDeploy).deployAws(settings, majorChange);
        case "azure":
            return (require("./program/deploy/azure") as AzureDeploy).deployAzure(settings, majorChange);
        case "gcp":
            return (require("./program/deploy/gcp") as GcpDeploy).deployGcp(settings, majorChange);
        default:
            // Settings is a union over the clouds: a new cloud without a deploy fails the type check here.
            return settings satisfies never;
    }
}

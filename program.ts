/**
 * The LangSmith platform program: read and validate the stack config (nothing is created when it is
 * wrong), then build the chosen cloud's path. Each cloud's SDK is loaded only for its own stacks.
 */
import { loadSettings } from "./components/settingsFromPulumi";

// `require` on demand (not a top-level import) so an AWS stack never loads the GCP or Azure SDKs.
type AwsPlatform = typeof import("./components/aws/platform");
type AzurePlatform = typeof import("./components/azure/platform");
type GcpPlatform = typeof import("./components/gcp/platform");

/** Runs the program and returns the stack outputs. */
export function runProgram() {
    const settings = loadSettings();
    switch (settings.cloud) {
        case "aws":
            return (require("./components/aws/platform") as AwsPlatform).deployAws(settings);
        case "azure":
            return (require("./components/azure/platform") as AzurePlatform).deployAzure(settings);
        case "gcp":
            return (require("./components/gcp/platform") as GcpPlatform).deployGcp(settings);
        default:
            throw new Error(`cloud ${settings.cloud} has no platform module`);
    }
}

import * as fs from "node:fs";
import * as path from "node:path";

/** The credential script's file name in the package (beside this module, in `credential/`). */
export const CREDENTIAL_SCRIPT_FILE = "fetchCredential.mjs";

/**
 * Where the script is: beside this module (the package's lib/, or the sources run as TypeScript),
 * else in the sources when this module was compiled into the repository's dist/ (tsc copies no .mjs).
 */
export function credentialScriptPath(): string {
    const candidates = [
        path.join(__dirname, "credential", CREDENTIAL_SCRIPT_FILE),
        path.join(__dirname, "..", "..", "..", "components", "postgres", "credential", CREDENTIAL_SCRIPT_FILE),
    ];
    const found = candidates.find((p) => fs.existsSync(p));
    if (!found) throw new Error(`the bootstrap credential script is missing (looked in ${candidates.join(", ")})`);
    return found;
}

/**
 * The bootstrap's credential step: a dependency-free ES module the Job's init container runs with
 * `node fetch-credential.mjs <aws|gcp|azure>`; it fetches the administrator's credential with the
 * pod's workload identity and writes a libpq password file.
 */
export function credentialScript(): string {
    return fs.readFileSync(credentialScriptPath(), "utf8");
}

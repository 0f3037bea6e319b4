/**
 * Packs the component package once per test run (`npm pack`, which builds lib/ through `prepare`)
 * and shares the tarball and npm's file list between the package tests.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** The repository root (tests run from dist/tests/...). */
export const REPO_ROOT = path.resolve(__dirname, "../../..");

export interface PackedPackage {
    /** Absolute path of the .tgz. */
    tarball: string;
    /** Paths inside the package, as `npm pack --json` lists them. */
    files: string[];
    name: string;
    version: string;
}

let packed: PackedPackage | undefined;

/** `npm pack --json` into a temp directory; the result is reused by every caller in this process. */
export function packPackage(): PackedPackage {
    if (packed) return packed;
    const dest = fs.mkdtempSync(path.join(os.tmpdir(), "langsmith-iam-pack-"));
    const stdout = execFileSync("npm", ["pack", "--json", "--pack-destination", dest], { cwd: REPO_ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    // Lifecycle script output may precede the JSON on stdout.
    const report = JSON.parse(stdout.slice(stdout.indexOf("[\n"))) as { filename: string; name: string; version: string; files: { path: string }[] }[];
    const [entry] = report;
    packed = { tarball: path.join(dest, entry.filename), files: entry.files.map((f) => f.path), name: entry.name, version: entry.version };
    return packed;
}

/** Extracts the tarball into `dir/package`. */
export function extractPackage(tarball: string, dir: string): string {
    execFileSync("tar", ["-xzf", tarball, "-C", dir]);
    return path.join(dir, "package");
}

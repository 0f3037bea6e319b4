/**
 * Packs the component package once per test run (`npm pack`, which builds lib/ through `prepare`)
 * and shares the tarball and npm's file list between the package tests.
 */
import { execFile, execFileSync } from "node:child_process";
import { promisify } from "node:util";
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

let packed: Promise<PackedPackage> | undefined;

/**
 * `npm pack --json` into a temp directory, in a child process; the promise is shared by every caller
 * in this process. The root hook starts it at the beginning of the run so it overlaps other tests.
 */
export function packPackage(): Promise<PackedPackage> {
    packed ??= (async () => {
        const dest = fs.mkdtempSync(path.join(os.tmpdir(), "langsmith-iam-pack-"));
        const { stdout } = await promisify(execFile)("npm", ["pack", "--json", "--pack-destination", dest], { cwd: REPO_ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
        // Lifecycle script output may precede the JSON on stdout.
        const report = JSON.parse(stdout.slice(stdout.indexOf("[\n"))) as { filename: string; name: string; version: string; files: { path: string }[] }[];
        const [entry] = report;
        return { tarball: path.join(dest, entry.filename), files: entry.files.map((f) => f.path), name: entry.name, version: entry.version };
    })();
    return packed;
}

/** Extracts the tarball into `dir/package`. */
export function extractPackage(tarball: string, dir: string): string {
    execFileSync("tar", ["-xzf", tarball, "-C", dir]);
    return path.join(dir, "package");
}

/**
 * Packs the component package once per test run as it is published (`npm run build:pkg`, then
 * tools/pack/pack.ts: the published package.json in a staging folder, `npm pack` there) and shares
 * the tarball, npm's file list and the published manifest between the package tests.
 */
import { execFile, execFileSync } from "node:child_process";
import { promisify } from "node:util";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { PublishedManifest } from "../../tools/pack/manifest";

/** The repository root (tests run from dist/tests/...). */
export const REPO_ROOT = path.resolve(__dirname, "../../..");

export interface PackedPackage {
    /** Absolute path of the .tgz. */
    tarball: string;
    /** Paths inside the package, as `npm pack --json` lists them. */
    files: string[];
    name: string;
    version: string;
    /** The package.json inside the tarball. */
    manifest: PublishedManifest;
}

let packed: Promise<PackedPackage> | undefined;

/**
 * Builds lib/ and packs it into a temp directory, in a child process; the promise is shared by every caller
 * in this process. The root hook starts it at the beginning of the run so it overlaps other tests.
 */
export function packPackage(): Promise<PackedPackage> {
    packed ??= (async () => {
        const dest = fs.mkdtempSync(path.join(os.tmpdir(), "langsmith-iam-pack-"));
        const run = promisify(execFile);
        await run("npm", ["run", "build:pkg", "--silent"], { cwd: REPO_ROOT, encoding: "utf8" });
        const packer = path.join(REPO_ROOT, "dist", "tools", "pack", "pack.js");
        const { stdout } = await run(process.execPath, [packer, "--json", "--pack-destination", dest], {
            cwd: REPO_ROOT,
            encoding: "utf8",
            maxBuffer: 64 * 1024 * 1024,
        });
        const report = JSON.parse(stdout.slice(stdout.indexOf("["))) as {
            filename: string;
            name: string;
            version: string;
            files: { path: string }[];
        }[];
        const [entry] = report;
        const tarball = path.join(dest, entry.filename);
        const manifest = JSON.parse(
            execFileSync("tar", ["-xzOf", tarball, "package/package.json"], { encoding: "utf8" }),
        ) as PublishedManifest;
        return { tarball, files: entry.files.map((f) => f.path), name: entry.name, version: entry.version, manifest };
    })();
    return packed;
}

/** Extracts the tarball into `dir/package`. */
export function extractPackage(tarball: string, dir: string): string {
    execFileSync("tar", ["-xzf", tarball, "-C", dir]);
    return path.join(dir, "package");
}

/**
 * A fresh folder under dist/ with the tarball installed as npm installs a tarball dependency
 * (`node_modules/langsmith-iam`). Under dist/ so the package's peers (@pulumi/*) resolve from this
 * repository's node_modules: the registry is not needed offline.
 */
export function installPacked(tarball: string, prefix: string): string {
    const work = fs.mkdtempSync(path.join(REPO_ROOT, "dist", prefix));
    const modules = path.join(work, "node_modules");
    fs.mkdirSync(modules);
    fs.renameSync(extractPackage(tarball, modules), path.join(modules, "langsmith-iam"));
    // Its own package.json: without one, `langsmith-iam/...` would resolve to this repository's lib/ by
    // Node's package self-reference (the nearest package.json above would be the repository's).
    fs.writeFileSync(path.join(work, "package.json"), JSON.stringify({ name: "adopter", private: true }) + "\n");
    return work;
}

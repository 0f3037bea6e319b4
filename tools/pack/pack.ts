/**
 * Packs the component package from a staging folder: lib/ (built by `npm run build:pkg`), README,
 * CHANGELOG and the published package.json (tools/pack/manifest.ts). `npm run pack:pkg` builds and
 * runs this; publish the tarball it prints (`npm publish langsmith-iam-<version>.tgz`).
 *
 *   node dist/tools/pack/pack.js [--pack-destination <dir>] [--json]
 *
 * The published manifest has no lifecycle scripts, so an install runs nothing from this package.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { libRequires } from "./libModules";
import { publishedManifest, type PublishedManifest, type RepoManifest } from "./manifest";

const REPO_ROOT = path.resolve(__dirname, "../../..");

/** Writes the package as it is published into `stagingDir` (created if missing) and returns its manifest. */
export function stagePackage(root: string, stagingDir: string): PublishedManifest {
    const lib = path.join(root, "lib");
    if (!fs.existsSync(path.join(lib, "index.js"))) throw new Error("lib/ is not built: run `npm run build:pkg` first");
    const repo = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as RepoManifest;
    const manifest = publishedManifest(repo, libRequires(lib));
    fs.mkdirSync(stagingDir, { recursive: true });
    fs.cpSync(lib, path.join(stagingDir, "lib"), { recursive: true });
    for (const file of ["README.md", "CHANGELOG.md", "LICENSE"])
        if (fs.existsSync(path.join(root, file))) fs.copyFileSync(path.join(root, file), path.join(stagingDir, file));
    fs.writeFileSync(path.join(stagingDir, "package.json"), JSON.stringify(manifest, null, 2) + "\n");
    return manifest;
}

/** Stages into a temp folder and runs `npm pack --json` there; returns npm's JSON report. */
export function packStaged(root: string, destination: string): string {
    const staging = fs.mkdtempSync(path.join(os.tmpdir(), "langsmith-iam-stage-"));
    try {
        stagePackage(root, staging);
        return execFileSync(
            "npm",
            ["pack", "--json", "--ignore-scripts", "--pack-destination", path.resolve(destination)],
            { cwd: staging, encoding: "utf8" },
        );
    } finally {
        fs.rmSync(staging, { recursive: true, force: true });
    }
}

if (require.main === module) {
    const args = process.argv.slice(2);
    const at = args.indexOf("--pack-destination");
    const report = packStaged(REPO_ROOT, at >= 0 ? args[at + 1] : REPO_ROOT);
    if (args.includes("--json")) process.stdout.write(report);
    else {
        const [entry] = JSON.parse(report) as {
            filename: string;
            size: number;
            unpackedSize: number;
            entryCount: number;
        }[];
        process.stdout.write(
            `${entry.filename}: ${entry.entryCount} files, ${(entry.size / 1024).toFixed(0)} kB packed, ${(entry.unpackedSize / 1024).toFixed(0)} kB unpacked\n`,
        );
    }
}

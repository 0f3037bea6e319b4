/**
 * The package.json an adopter installs (the one inside the tarball, not the repository's): the SDKs
 * as peers with ranges, the cloud SDKs optional, nothing test-only, no install scripts, and exactly
 * the dependencies the built library loads.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { libRequires } from "../../tools/pack/libModules";
import {
    packageName,
    PEERS,
    publishedManifest,
    type PublishedManifest,
    type RepoManifest,
} from "../../tools/pack/manifest";
import { extractPackage, packPackage, REPO_ROOT } from "../support/pack";

const CLOUD_SDKS = ["@pulumi/aws", "@pulumi/gcp", "@pulumi/azure-native"];
const SHARED_SDKS = ["@pulumi/pulumi", "@pulumi/kubernetes", "@pulumi/random"];

/** Whether a caret range admits an exact version (the only range form the package publishes). */
function caretAdmits(range: string, version: string): boolean {
    const r = /^\^(\d+)\.(\d+)\.(\d+)$/.exec(range);
    const v = /^(\d+)\.(\d+)\.(\d+)$/.exec(version);
    if (!r || !v) return false;
    const [rMajor, rMinor, rPatch] = r.slice(1).map(Number);
    const [major, minor, patch] = v.slice(1).map(Number);
    return major === rMajor && (minor > rMinor || (minor === rMinor && patch >= rPatch));
}

describe("published package.json (what an adopter installs)", function () {
    this.timeout(180_000);
    const repo = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as RepoManifest &
        Record<string, unknown>;
    let published: PublishedManifest & Record<string, unknown>;
    let unpacked: string;
    before(async function () {
        const packed = await packPackage();
        published = packed.manifest as PublishedManifest & Record<string, unknown>;
        unpacked = extractPackage(packed.tarball, fs.mkdtempSync(path.join(path.dirname(packed.tarball), "manifest-")));
    });

    it("declares every SDK as a peer with a range that admits the version the repository tests, not an exact pin", function () {
        for (const sdk of [...SHARED_SDKS, ...CLOUD_SDKS]) {
            const range = published.peerDependencies?.[sdk];
            assert.ok(range, `${sdk} is not a peer dependency`);
            assert.ok(
                caretAdmits(range, repo.dependencies![sdk]),
                `${sdk}: peer range ${range} does not admit the tested ${repo.dependencies![sdk]}`,
            );
            assert.ok(
                !published.dependencies?.[sdk],
                `${sdk} is also a dependency: npm would install it for every adopter`,
            );
        }
    });

    it("makes the cloud SDKs optional peers, and @pulumi/pulumi, kubernetes and random required ones", function () {
        for (const sdk of CLOUD_SDKS)
            assert.equal(published.peerDependenciesMeta?.[sdk]?.optional, true, `${sdk} is not an optional peer`);
        for (const sdk of SHARED_SDKS)
            assert.ok(!published.peerDependenciesMeta?.[sdk], `${sdk} must be a required peer (every entry loads it)`);
    });

    it("carries nothing test-only and no install scripts", function () {
        for (const field of [
            "scripts",
            "devDependencies",
            "optionalDependencies",
            "bundleDependencies",
            "bundledDependencies",
            "allowScripts",
            "private",
        ]) {
            assert.ok(!(field in published), `published package.json has ${field}`);
        }
        assert.ok(
            !JSON.stringify(published).includes("postgres-binaries"),
            "the test-only PostgreSQL binaries reach the published manifest",
        );
        assert.ok(
            !fs.existsSync(path.join(unpacked, "binding.gyp")),
            "a binding.gyp makes npm run node-gyp on install",
        );
        // The repository itself is not publishable by mistake (its manifest pins every SDK).
        assert.equal(repo.private, true);
    });

    it("depends on exactly the packages the built library loads, besides the peers", function () {
        const loaded = new Set(
            [...libRequires(path.join(unpacked, "lib"))].map(packageName).filter((name) => !name.startsWith("node:")),
        );
        const declared = new Set([...Object.keys(published.dependencies), ...Object.keys(published.peerDependencies)]);
        assert.deepEqual(
            [...loaded].filter((name) => !declared.has(name)),
            [],
            "loaded but not declared",
        );
        assert.deepEqual(
            Object.keys(published.dependencies).filter((name) => !loaded.has(name)),
            [],
            "declared but never loaded",
        );
        for (const [name, range] of Object.entries(published.dependencies))
            assert.equal(range, repo.dependencies![name], `${name}: not the repository's range`);
    });

    it("points every export condition at a file in the tarball (the repository's `default` names the TypeScript source)", function () {
        for (const [subpath, target] of Object.entries(published.exports)) {
            for (const file of typeof target === "string" ? [target] : Object.values(target)) {
                assert.ok(fs.existsSync(path.join(unpacked, file)), `${subpath} → ${file} is not in the tarball`);
            }
        }
        for (const [subpath, [file]] of Object.entries(published.typesVersions["*"])) {
            assert.ok(
                fs.existsSync(path.join(unpacked, file)),
                `typesVersions ${subpath} → ${file} is not in the tarball`,
            );
        }
    });
});

describe("publishedManifest", function () {
    const repo: RepoManifest = {
        name: "p",
        version: "1.0.0",
        main: "lib/index.js",
        types: "lib/index.d.ts",
        exports: {
            ".": { types: "./lib/index.d.ts", require: "./lib/index.js", default: "./src/index.js" },
            "./aws": { types: "./lib/aws/index.d.ts", require: "./lib/aws/index.js" },
        },
        dependencies: {
            ...Object.fromEntries(Object.keys(PEERS).map((name) => [name, "1.2.3"])),
            pg: "^8.0.0",
            yaml: "^2.0.0",
        },
    };

    it("publishes only the dependencies the library loads, and refuses a module package.json does not list", function () {
        const manifest = publishedManifest(repo, ["pg", "node:crypto", "@pulumi/aws", "@pulumi/azure-native/network"]);
        assert.deepEqual(manifest.dependencies, { pg: "^8.0.0" });
        assert.equal(manifest.peerDependencies["@pulumi/aws"], "^1.2.3");
        assert.throws(
            () => publishedManifest(repo, ["left-pad"]),
            /lib\/ loads left-pad, which package\.json does not list/,
        );
    });

    it("maps each subpath's types for node10 resolution and points `default` at the built file", function () {
        const manifest = publishedManifest(repo, []);
        assert.deepEqual(manifest.typesVersions, { "*": { aws: ["lib/aws/index.d.ts"] } });
        assert.equal((manifest.exports["."] as Record<string, string>).default, "./lib/index.js");
    });
});

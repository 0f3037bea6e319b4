import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { extractPackage, packPackage, REPO_ROOT } from "../support/pack";

const COMPONENTS = [
    "AwsPostgres",
    "AwsRedis",
    "AwsWorkloadIdentity",
    "GcpPostgres",
    "GcpPostgresPrivateDns",
    "GcpPrivateServiceAccess",
    "GcpRedis",
    "GcpWorkloadIdentity",
    "AzurePostgres",
    "AzurePrivateNetwork",
    "AzureWorkloadIdentity",
    "DatabaseBootstrap",
    "LangSmith",
];

/** The one file in the package that is not compiled: the Job's init container runs it with node. */
const CREDENTIAL_SCRIPT = "lib/postgres/credential/fetchCredential.mjs";

interface Manifest {
    name: string;
    version: string;
    main: string;
    types: string;
    exports: Record<string, string | Record<string, string>>;
}

describe("component package (npm pack)", function () {
    this.timeout(180_000);
    const cleanup: string[] = [];
    after(() => cleanup.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
    const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as Manifest;

    it("is langsmith-iam with a semver version", function () {
        assert.equal(manifest.name, "langsmith-iam");
        assert.match(manifest.version, /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/);
        const changelog = fs.readFileSync(path.join(REPO_ROOT, "CHANGELOG.md"), "utf8");
        assert.match(
            changelog,
            new RegExp(`^## \\[${manifest.version.replace(/\./g, "\\.")}\\]`, "m"),
            "CHANGELOG.md has no section for the package version",
        );
    });

    it("contains only the built library, package.json, README and CHANGELOG", async function () {
        const { files } = await packPackage();
        const stray = files.filter(
            (f) =>
                !/^lib\/.+\.(js|d\.ts)$/.test(f) &&
                ![CREDENTIAL_SCRIPT, "package.json", "README.md", "CHANGELOG.md"].includes(f),
        );
        assert.deepEqual(stray, [], "files outside lib/ in the tarball");
        for (const dev of [
            "tests/",
            "stacks/",
            "tools/",
            "dist/",
            "components/",
            "examples/",
            "policy/",
            "docs/",
            ".ci/",
            "Pulumi.",
        ]) {
            assert.ok(!files.some((f) => f.startsWith(dev)), `${dev} is packed`);
        }
        assert.ok(!files.some((f) => f.endsWith(".ts") && !f.endsWith(".d.ts")), "TypeScript sources are packed");
        assert.ok(!files.some((f) => /\.test\./.test(f)), "tests are packed");
    });

    it("ships the bootstrap's credential script, and the packed component reads it from the package", async function () {
        const { files, tarball } = await packPackage();
        assert.ok(files.includes(CREDENTIAL_SCRIPT), `${CREDENTIAL_SCRIPT} is not packed`);
        const tmp = fs.mkdtempSync(path.join(REPO_ROOT, "dist", "unpacked-"));
        cleanup.push(tmp);
        const dir = extractPackage(tarball, tmp);
        const loader = require(path.join(dir, "lib/postgres/credentialScript.js")) as {
            credentialScriptPath(): string;
            credentialScript(): string;
        };
        assert.equal(loader.credentialScriptPath(), path.join(dir, CREDENTIAL_SCRIPT));
        assert.equal(
            loader.credentialScript(),
            fs.readFileSync(path.join(REPO_ROOT, "components/postgres/credential/fetchCredential.mjs"), "utf8"),
        );
    });

    it("ships every entry point that the published package.json exports, with types", async function () {
        const { files, manifest: published } = await packPackage();
        for (const [subpath, target] of Object.entries(published.exports)) {
            if (subpath === "./package.json") continue;
            assert.equal(typeof target, "object", `${subpath}: conditional export expected`);
            const conditions = target as Record<string, string>;
            for (const condition of ["types", "require", "import"]) {
                const file = conditions[condition]?.replace(/^\.\//, "");
                assert.ok(
                    file && files.includes(file),
                    `${subpath} (${condition}) points at ${file}, which is not packed`,
                );
            }
        }
        assert.ok(files.includes(published.main) && files.includes(published.types));
    });

    it("exports every component (and its args type) from the root entry, and each cloud's from its own entry", async function () {
        // Unpacked under dist/ so the package resolves its dependencies from this repository's node_modules.
        const tmp = fs.mkdtempSync(path.join(REPO_ROOT, "dist", "unpacked-"));
        cleanup.push(tmp);
        const dir = extractPackage((await packPackage()).tarball, tmp);
        const root = require(path.join(dir, "lib/index.js")) as Record<string, unknown>;
        const declarations = ["index", "shared", "aws/index", "gcp/index", "azure/index"]
            .map((f) => fs.readFileSync(path.join(dir, `lib/${f}.d.ts`), "utf8"))
            .join("\n");
        for (const name of COMPONENTS) {
            assert.equal(typeof root[name], "function", `${name} is not exported from the root entry`);
            assert.match(declarations, new RegExp(`\\b${name}Args\\b`), `${name}Args is not exported`);
        }
        for (const cloud of ["aws", "gcp", "azure"]) {
            const prefix = { aws: "Aws", gcp: "Gcp", azure: "Azure" }[cloud]!;
            const cloudEntry = require(path.join(dir, `lib/${cloud}/index.js`)) as Record<string, unknown>;
            for (const name of COMPONENTS.filter(
                (c) => c.startsWith(prefix) || c === "DatabaseBootstrap" || c === "LangSmith",
            )) {
                assert.equal(cloudEntry[name], root[name], `${name} missing from langsmith-iam/${cloud}`);
            }
            // A one-cloud entry must not reach another cloud's SDK.
            const reached = reachableModules(dir, `lib/${cloud}/index.js`);
            const sdk = { aws: "@pulumi/aws", gcp: "@pulumi/gcp", azure: "@pulumi/azure-native" }[cloud]!;
            assert.ok(
                [...reached].some((m) => m === sdk || m.startsWith(`${sdk}/`)),
                `lib/${cloud} does not load ${sdk}`,
            );
            for (const other of ["@pulumi/aws", "@pulumi/gcp", "@pulumi/azure-native"].filter((s) => s !== sdk)) {
                assert.ok(
                    ![...reached].some((m) => m === other || m.startsWith(`${other}/`)),
                    `lib/${cloud} requires ${other}`,
                );
            }
        }
    });
});

/** Bare module names `require`d by a file and every package-local file it requires, transitively. */
function reachableModules(pkgDir: string, entry: string): Set<string> {
    const bare = new Set<string>();
    const seen = new Set<string>();
    const visit = (file: string) => {
        if (seen.has(file)) return;
        seen.add(file);
        const source = fs.readFileSync(file, "utf8");
        for (const [, spec] of source.matchAll(/require\("([^"]+)"\)/g)) {
            if (spec.startsWith("."))
                visit(path.resolve(path.dirname(file), spec.endsWith(".js") ? spec : `${spec}.js`));
            else bare.add(spec);
        }
    };
    visit(path.join(pkgDir, entry));
    return bare;
}

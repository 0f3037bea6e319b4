/**
 * The Pulumi package schema of the components, inferred exactly as `pulumi package add` infers it:
 * the Node.js component provider host runs the SDK's Analyzer on the package's TypeScript source
 * (entry: package.json `exports["."].default`, compiler options: tsconfig.json) and generateSchema.
 * Offline, no CLI needed. `node dist/tools/schema.js` prints it.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { Analyzer } from "@pulumi/pulumi/provider/experimental/analyzer";
import { generateSchema, type PackageSpec } from "@pulumi/pulumi/provider/experimental/schema";

export type InferredSchema = PackageSpec;

/** The component classes the provider host would find: every ComponentResource the entry point exports. */
export function exportedComponentNames(root: string): string[] {
    const { getPulumiComponents } =
        require("@pulumi/pulumi/provider/experimental/provider") as typeof import("@pulumi/pulumi/provider/experimental/provider");
    const manifest = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { main: string };
    // The host `require`s the plugin directory, i.e. package.json `main` (the built lib/).
    return getPulumiComponents(require(path.join(root, manifest.main))).map((c) => c.name);
}

/** Runs the Analyzer and generateSchema on the package at `root` (components found as the host finds them). */
export function inferSchema(root: string, components = exportedComponentNames(root)): InferredSchema {
    const manifest = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as {
        name: string;
        version: string;
        description: string;
    };
    const analyzer = new Analyzer(root, manifest.name, manifest, new Set(components));
    const { components: definitions, typeDefinitions, dependencies } = analyzer.analyze();
    return generateSchema(
        manifest.name,
        manifest.version,
        manifest.description,
        definitions,
        typeDefinitions,
        dependencies,
    );
}

if (require.main === module) {
    process.stdout.write(JSON.stringify(inferSchema(path.resolve(__dirname, "../..")), null, 2) + "\n");
}

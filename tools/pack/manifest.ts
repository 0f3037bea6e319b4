/**
 * The package.json that is published, derived from the repository's. The repository's manifest serves
 * the program and the tests (exact pins, every cloud SDK, the test-only PostgreSQL binaries, the build
 * scripts); npm's `publishConfig` cannot replace dependencies or scripts (it only overrides npm config
 * such as registry, tag and access), so the published manifest is written into a staging folder and
 * packed from there (tools/pack/pack.ts).
 */

/** The fields of the repository's package.json this module reads. */
export interface RepoManifest {
    name: string;
    version: string;
    description?: string;
    license?: string;
    keywords?: string[];
    main: string;
    types: string;
    exports: Record<string, string | Record<string, string>>;
    files?: string[];
    engines?: Record<string, string>;
    dependencies?: Record<string, string>;
}

/** The published package.json: the repository's fields, its peers, and types for `moduleResolution: node`. */
export interface PublishedManifest extends Omit<RepoManifest, "dependencies"> {
    typesVersions: Record<string, Record<string, string[]>>;
    dependencies: Record<string, string>;
    peerDependencies: Record<string, string>;
    peerDependenciesMeta: Record<string, { optional: true }>;
}

/**
 * The SDKs the components are built on. The adopter's program uses them too, so they are peers (one
 * copy, the adopter's); a cloud's SDK is optional: an adopter installs only the clouds it imports.
 */
export const PEERS: Record<string, { optional: boolean }> = {
    "@pulumi/pulumi": { optional: false },
    "@pulumi/kubernetes": { optional: false },
    "@pulumi/random": { optional: false },
    "@pulumi/aws": { optional: true },
    "@pulumi/gcp": { optional: true },
    "@pulumi/azure-native": { optional: true },
};

/** `7.48.0` → `^7.48.0` (the version tested, and every later one of the same major); a range stays as is. */
export function peerRange(pin: string): string {
    return /^\d+\.\d+\.\d+$/.test(pin) ? `^${pin}` : pin;
}

/** `@pulumi/azure-native/network` → `@pulumi/azure-native`; `zod/v4` → `zod`. */
export function packageName(specifier: string): string {
    const parts = specifier.split("/");
    return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

/**
 * The published manifest. `required` is every bare module the built library loads (see
 * `libRequires`): each must be a peer or one of the repository's dependencies, and only those the
 * library loads are published (the program's own dependencies, such as yaml, are not).
 */
export function publishedManifest(repo: RepoManifest, required: Iterable<string>): PublishedManifest {
    const repoDeps = repo.dependencies ?? {};
    const dependencies: Record<string, string> = {};
    const undeclared: string[] = [];
    for (const name of [...new Set([...required].map(packageName))].sort()) {
        if (name.startsWith("node:") || name in PEERS) continue;
        if (name in repoDeps) dependencies[name] = repoDeps[name];
        else undeclared.push(name);
    }
    if (undeclared.length > 0)
        throw new Error(`lib/ loads ${undeclared.join(", ")}, which package.json does not list in dependencies`);
    const peerDependencies: Record<string, string> = {};
    const peerDependenciesMeta: Record<string, { optional: true }> = {};
    for (const [name, { optional }] of Object.entries(PEERS)) {
        const pin = repoDeps[name];
        if (!pin)
            throw new Error(
                `package.json does not list ${name} in dependencies: no version to derive its peer range from`,
            );
        peerDependencies[name] = peerRange(pin);
        if (optional) peerDependenciesMeta[name] = { optional: true };
    }
    // The repository's `default` condition names the TypeScript source for `pulumi package add`'s
    // analysis (components/index.js → .ts); the tarball has no sources, so it names the built file.
    const entryPoints = Object.fromEntries(
        Object.entries(repo.exports).map(([subpath, target]) => [
            subpath,
            typeof target === "string" ? target : { ...target, default: target.require ?? target.default },
        ]),
    );
    return {
        name: repo.name,
        version: repo.version,
        description: repo.description,
        license: repo.license,
        keywords: repo.keywords,
        main: repo.main,
        types: repo.types,
        exports: entryPoints,
        typesVersions: { "*": subpathTypes(repo.exports) },
        files: repo.files,
        engines: repo.engines,
        dependencies,
        peerDependencies,
        peerDependenciesMeta,
    };
}

/**
 * `moduleResolution: "node"` (node10, still in Pulumi's templates) ignores `exports`, so
 * `langsmith-iam/aws` would find no types; `typesVersions` maps each subpath to its declarations.
 */
function subpathTypes(exports: RepoManifest["exports"]): Record<string, string[]> {
    const map: Record<string, string[]> = {};
    for (const [subpath, target] of Object.entries(exports)) {
        if (subpath === "." || typeof target === "string" || !target.types) continue;
        map[subpath.replace(/^\.\//, "")] = [target.types.replace(/^\.\//, "")];
    }
    return map;
}

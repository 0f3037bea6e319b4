/**
 * Import first (before `@pulumi/pulumi`) in an offline entry point: defers modules the Pulumi SDKs load
 * at start-up for work an offline preview never does. Each becomes a stand-in that loads the real module
 * on its first use, so a program that does that work still gets the real one. Each is read by its parent
 * only inside functions or through a namespace object, never while the parent loads.
 *
 * - The closure serializer (serialising JavaScript functions into resources): `typescript` through
 *   `typescript-shim.js`, `@npmcli/arborist`, `normalize-package-data` and `fdir` in
 *   `runtime/closure/codePaths.js`, `semver` in `rewriteSuper.js`. This program serialises no function,
 *   yet `typescript` and `arborist` alone cost 0.6-1 s of the preview's 1.5-2.5 s here.
 * - `pulumi.automation` (122 modules, about 0.1 s without a code cache: it drives the `pulumi` CLI, which
 *   a program never does) and `pulumi.provider` (hosting a component provider).
 * - What only a live engine uses: `semver` in `runtime/rpc.js` (matching provider versions),
 *   `@opentelemetry/api` in `runtime/settings.js` (tracing the gRPC calls to the engine).
 * - The Kubernetes SDK's file globber (`glob`, read only when `yaml.ConfigFile`/`ConfigGroup` reads files).
 * - zod's translated error messages: zod's entry points load all of its ~60 locales (about 35 ms here) to
 *   offer `z.locales`, while its default English messages come from their own module. The config schema
 *   never switches locale, so the others load only if something reads `z.locales`.
 *
 * Together, measured on `npm run synth -- --stack aws-dev` with an empty loader cache: 1001 modules loaded
 * before the last six were added, 787 after, and about 0.25 s less CPU (docs/PERFORMANCE.md).
 */
import Module = require("node:module");
import * as path from "node:path";

/** A `request` made by the file ending in `parent` (path segments under node_modules) that is deferred. */
export const DEFERRED: readonly { parent: string; request: string }[] = [
    { parent: "@pulumi/pulumi/typescript-shim.js", request: "typescript" },
    { parent: "@pulumi/pulumi/runtime/closure/codePaths.js", request: "@npmcli/arborist" },
    { parent: "@pulumi/pulumi/runtime/closure/codePaths.js", request: "normalize-package-data" },
    { parent: "@pulumi/pulumi/runtime/closure/codePaths.js", request: "fdir" },
    { parent: "@pulumi/pulumi/index.js", request: "./automation" },
    { parent: "@pulumi/pulumi/index.js", request: "./provider" },
    { parent: "@pulumi/kubernetes/yaml/yaml.js", request: "glob" },
    { parent: "@pulumi/pulumi/runtime/rpc.js", request: "semver" },
    { parent: "@pulumi/pulumi/runtime/closure/rewriteSuper.js", request: "semver" },
    { parent: "@pulumi/pulumi/runtime/settings.js", request: "@opentelemetry/api" },
    { parent: "zod/v4/core/index.cjs", request: "../locales/index.cjs" },
    { parent: "zod/v4/classic/external.cjs", request: "../locales/index.cjs" },
].map(({ parent, request }) => ({ parent: path.join("node_modules", ...parent.split("/")), request }));

/** A stand-in for `request` (as `parent` would load it) that loads the module on first use. */
function deferred(load: () => unknown): object {
    let real: object | undefined;
    const target = () => (real ??= load() as object);
    return new Proxy(
        {},
        {
            // `__esModule` answered without loading: tsc's `__importStar` / `__importDefault` then keep the
            // stand-in as is, so `default` must give what they would have made of a CommonJS module: itself.
            get: (_, key) => {
                if (key === "__esModule") return true;
                const mod = target() as { __esModule?: boolean };
                return key === "default" && !mod.__esModule && !("default" in mod) ? mod : Reflect.get(mod, key);
            },
            has: (_, key) => key === "__esModule" || key === "default" || Reflect.has(target(), key),
            ownKeys: () => Reflect.ownKeys(target()),
            getOwnPropertyDescriptor: (_, key) => {
                const d = Reflect.getOwnPropertyDescriptor(target(), key);
                return d && { ...d, configurable: true };
            },
        },
    );
}

type Loader = (request: string, parent: { filename?: string } | undefined, isMain: boolean) => unknown;
const internals = Module as unknown as { _load: Loader };
const load = internals._load;
internals._load = function (request, parent, isMain) {
    const filename = parent?.filename ?? "";
    if (DEFERRED.some((d) => d.request === request && filename.endsWith(d.parent)))
        return deferred(() => load.call(this, request, parent, isMain));
    return load.call(this, request, parent, isMain);
};

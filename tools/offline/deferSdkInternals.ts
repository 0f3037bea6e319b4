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
 * - What only a live engine uses: gRPC (`@grpc/grpc-js` and the engine's, monitor's and callbacks'
 *   service stubs: the mock runtime calls its monitor in-process), `semver` in `runtime/rpc.js` (matching
 *   provider versions), `@opentelemetry/api` in `runtime/settings.js` (tracing the gRPC calls).
 * - The Kubernetes SDK's API groups a program does not use (see KUBERNETES_GROUPS) and its file globber
 *   (`glob`, read only when `yaml.ConfigFile`/`ConfigGroup` reads files).
 * - zod's translated error messages: zod's entry points load all of its ~60 locales (about 35 ms here) to
 *   offer `z.locales`, while its default English messages come from their own module. The config schema
 *   never switches locale, so the others load only if something reads `z.locales`.
 *
 * Measured on `npm run synth -- --stack aws-dev` with an empty loader cache: 1001 modules loaded with only
 * the first three and zod's locales deferred, 627 with all of these (docs/PERFORMANCE.md has the times).
 */
import Module = require("node:module");
import * as path from "node:path";

/**
 * The Kubernetes SDK's API groups, each loaded eagerly by its index and again by `yaml/yaml.js` (through
 * `helm.v3`) although a program reads only the few it creates resources of (about 0.1 s without a code
 * cache for the 90 modules of the others). A group missing from an SDK version fails the stand-in test.
 */
const KUBERNETES_GROUPS = (
    "admissionregistration apiextensions apiregistration apps auditregistration autoscaling batch certificates " +
    "coordination core discovery events extensions flowcontrol kustomize lifecycle meta networking node policy " +
    "rbac resource scheduling settings storage storagemigration types"
).split(" ");

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
    ...["errors.js", "runtime/settings.js", "runtime/callbacks.js", "runtime/resource.js", "runtime/invoke.js"].map(
        (file) => ({ parent: `@pulumi/pulumi/${file}`, request: "@grpc/grpc-js" }),
    ),
    { parent: "@pulumi/pulumi/runtime/settings.js", request: "../proto/engine_grpc_pb" },
    { parent: "@pulumi/pulumi/runtime/settings.js", request: "../proto/resource_grpc_pb" },
    { parent: "@pulumi/pulumi/runtime/callbacks.js", request: "../proto/callback_grpc_pb" },
    ...KUBERNETES_GROUPS.flatMap((group) => [
        { parent: "@pulumi/kubernetes/index.js", request: `./${group}` },
        { parent: "@pulumi/kubernetes/yaml/yaml.js", request: `../${group}` },
    ]),
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

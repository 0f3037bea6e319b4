/**
 * Import first (before `@pulumi/pulumi`) in an offline entry point: defers two modules the Pulumi SDK
 * loads at start-up only for serialising JavaScript functions into resources (its closure
 * serializer: `typescript` through `typescript-shim.js`, `@npmcli/arborist` in
 * `runtime/closure/codePaths.js`). This program serialises no function, yet loading them costs about
 * 0.6-1 s of the offline preview's 1.5-2.5 s here. Each becomes a stand-in that loads the real module
 * on its first use, so anything that does serialise a function still gets the real one.
 *
 * The same for zod's translated error messages: zod's entry points load all of its ~60 locales (about
 * 35 ms here) to offer `z.locales`, while its default English messages come from their own module.
 * The config schema never switches locale, so the others load only if something reads `z.locales`.
 */
import Module = require("node:module");
import * as path from "node:path";

/** A `request` made by the file ending in `parent` (path segments under node_modules) that is deferred. */
const DEFERRED: readonly { parent: string; request: string }[] = [
    { parent: "@pulumi/pulumi/typescript-shim.js", request: "typescript" },
    { parent: "@pulumi/pulumi/runtime/closure/codePaths.js", request: "@npmcli/arborist" },
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
            // `__esModule` answered without loading: tsc's `__importStar` then keeps the stand-in as is.
            get: (_, key) => (key === "__esModule" ? true : Reflect.get(target(), key)),
            has: (_, key) => key === "__esModule" || Reflect.has(target(), key),
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

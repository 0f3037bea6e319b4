/**
 * Import first (before `@pulumi/pulumi`) in an offline entry point: defers two modules the Pulumi SDK
 * loads at start-up only for serialising JavaScript functions into resources (its closure
 * serializer: `typescript` through `typescript-shim.js`, `@npmcli/arborist` in
 * `runtime/closure/codePaths.js`). This program serialises no function, yet loading them costs about
 * 0.6-1 s of the offline preview's 1.5-2.5 s here. Each becomes a stand-in that loads the real module
 * on its first use, so anything that does serialise a function still gets the real one.
 */
import Module = require("node:module");
import * as path from "node:path";

/** `parent file suffix` → module it requires that is deferred. */
const DEFERRED: Record<string, string> = {
    "typescript-shim.js": "typescript",
    "codePaths.js": "@npmcli/arborist",
};
const FROM_SDK = ["", "@pulumi", "pulumi", ""].join(path.sep);

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
    const suffix = Object.keys(DEFERRED).find((s) => filename.endsWith(s));
    if (suffix && DEFERRED[suffix] === request && filename.includes(FROM_SDK))
        return deferred(() => load.call(this, request, parent, isMain));
    return load.call(this, request, parent, isMain);
};

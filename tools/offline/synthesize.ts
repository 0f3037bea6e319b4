/**
 * The offline preview: runs the real program under the Pulumi SDK's mock runtime with a stack's
 * config file, records every registration request (type, parent, dependencies, protect, inputs with
 * their secret markers) and what the mocks returned, and resolves the stack outputs.
 */
import "./skipStackCaptures";
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import { setMockOptions } from "@pulumi/pulumi/runtime/settings";

/** The SDK's runtime store (internal module without typings for getStore). */
const { getStore } = require("@pulumi/pulumi/runtime/state") as { getStore: () => Record<string, unknown> };
import { parse as parseYaml } from "yaml";
import { CONFIG_NAMESPACE } from "../../program/config/settings";
import { SECRET_CONFIG_KEYS } from "../../program/config/fromPulumi";
import { CloudMocks, DEFAULT_WORLD, type MockWorld } from "./cloudMocks";
import { checkResources, redact, ServiceRulesError } from "./rules";

export const SECRET_PLACEHOLDER = "[secret]";
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** One registered resource, as `synth --json` prints it. */
export interface SynthResource {
    urn: string;
    /** The provider id the mock returned ("" for components). */
    id: string;
    type: string;
    name: string;
    custom: boolean;
    parent: string | null;
    dependencies: string[];
    protect: boolean;
    retainOnDelete: boolean;
    /** Input properties Pulumi leaves alone after creation (`ignoreChanges`). */
    ignoreChanges: string[];
    /** `customTimeouts` of the registration (create/update/delete, as given), when set. */
    customTimeouts?: { create?: string; update?: string; delete?: string };
    provider: string | null;
    inputs: Record<string, unknown>;
    outputs: Record<string, unknown>;
}

export interface SynthResult {
    project: string;
    stack: string;
    resources: SynthResource[];
    outputs: Record<string, unknown>;
}

/** Raw recording: values keep the SDK's secret markers until rendering. */
interface Recorded extends Omit<SynthResource, "inputs" | "outputs"> {
    rawInputs: Record<string, unknown>;
    rawOutputs: Record<string, unknown>;
    secretOutputNames: string[];
}

/** Renders a serialized property: secrets as SECRET_PLACEHOLDER (or their value), resource references as URNs. */
export function renderValue(value: unknown, showSecrets: boolean): unknown {
    if (value === UNKNOWN) return "[unknown]";
    if (Array.isArray(value)) return value.map((v) => renderValue(v, showSecrets));
    if (value !== null && typeof value === "object") {
        const obj = value as Record<string, unknown>;
        if (obj[SIG_KEY] === SECRET_SIG) return showSecrets ? renderValue(obj.value, showSecrets) : SECRET_PLACEHOLDER;
        if (obj[SIG_KEY] === RESOURCE_SIG) return obj.urn;
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(obj)) out[k] = renderValue(v, showSecrets);
        return out;
    }
    return value;
}

class RecordingMonitor extends MockMonitor {
    public recorded: Recorded[] = [];
    /** additionalSecretOutputs of the registration in flight (read synchronously by newResource). */
    private pendingSecretOutputs: string[] = [];

    constructor(mocks: pulumi.runtime.Mocks) {
        // The engine, not the SDK, marks `additionalSecretOutputs` secret; the mock monitor does not,
        // so the recorder does it, as `pulumi up` would.
        super({
            call: (args) => mocks.call(args),
            newResource: async (args) => {
                const secretNames = this.pendingSecretOutputs;
                const result = await mocks.newResource(args);
                const state: Record<string, unknown> = { ...result.state };
                for (const key of secretNames) if (key in state) state[key] = pulumi.secret(state[key]);
                return { id: result.id, state };
            },
        });
    }

    // The SDK's request and callback types are generated protobuf classes; only getters are used.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async registerResource(req: any, callback: (err: any, resp: any) => void): Promise<void> {
        const entry: Omit<Recorded, "urn" | "id" | "rawOutputs"> = {
            type: req.getType(),
            name: req.getName(),
            custom: req.getCustom(),
            parent: req.getParent() || null,
            dependencies: [...req.getDependenciesList()].sort(),
            protect: req.getProtect() === true,
            retainOnDelete: req.getRetainondelete() === true,
            ignoreChanges: [...req.getIgnorechangesList()],
            ...customTimeoutsOf(req.getCustomtimeouts()),
            provider: req.getProvider() || null,
            rawInputs: req.getObject()?.toJavaScript() ?? {},
            secretOutputNames: [...req.getAdditionalsecretoutputsList()],
        };
        this.pendingSecretOutputs = entry.secretOutputNames;
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        await super.registerResource(req, (err: any, resp: any) => {
            if (!err && resp) {
                this.recorded.push({
                    ...entry,
                    urn: resp.getUrn(),
                    id: resp.getId(),
                    rawOutputs: resp.getObject()?.toJavaScript() ?? {},
                });
            }
            callback(err, resp);
        });
    }
}

/** A stack file's config as Pulumi hands it to a program; `secure:` values become secret placeholders. */
export function loadStackConfig(stackFile: string): { config: Record<string, string>; secretKeys: string[] } {
    const doc = parseYaml(fs.readFileSync(stackFile, "utf8")) as { config?: Record<string, unknown> } | null;
    const config: Record<string, string> = {};
    const secretKeys: string[] = [];
    for (const [key, value] of Object.entries(doc?.config ?? {})) {
        if (value !== null && typeof value === "object" && "secure" in value) {
            // The offline preview cannot decrypt; it stands in a marked placeholder and keeps it secret.
            config[key] = `offline-placeholder-${key.replace(/[^a-zA-Z0-9]/g, "-")}`;
            secretKeys.push(key);
        } else {
            config[key] = typeof value === "string" ? value : JSON.stringify(value);
        }
    }
    // Secrets a user sets with `pulumi config set --secret` are usually not in the file at all.
    for (const key of SECRET_CONFIG_KEYS.map((k) => `${CONFIG_NAMESPACE}:${k}`)) {
        if (!(key in config)) {
            config[key] = `offline-placeholder-${key.replace(/[^a-zA-Z0-9]/g, "-")}`;
            secretKeys.push(key);
        }
    }
    return { config, secretKeys };
}

async function resolveOutput(value: unknown, showSecrets: boolean): Promise<unknown> {
    if (pulumi.Output.isInstance(value)) {
        const out = value as pulumi.Output<unknown> & { promise(): Promise<unknown> };
        const [resolved, secret] = await Promise.all([out.promise(), pulumi.isSecret(out)]);
        if (secret && !showSecrets) return SECRET_PLACEHOLDER;
        return resolveOutput(resolved, showSecrets);
    }
    if (value instanceof Promise) return resolveOutput(await value, showSecrets);
    if (Array.isArray(value)) return Promise.all(value.map((v) => resolveOutput(v, showSecrets)));
    if (value !== null && typeof value === "object" && !(value instanceof pulumi.Resource)) {
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(value)) {
            const r = await resolveOutput(v, showSecrets);
            if (r !== undefined) out[k] = r;
        }
        return out;
    }
    return value;
}

export interface SynthOptions {
    /** Pulumi project name (from Pulumi.yaml). */
    project: string;
    /** Stack name. */
    stack: string;
    /** Config map (`langsmith:key` → string) and which keys are secret. */
    config: Record<string, string>;
    secretKeys?: string[];
    /** Print secret values instead of SECRET_PLACEHOLDER. */
    showSecrets?: boolean;
    /** Override parts of the mocked world. */
    world?: Partial<MockWorld>;
    /** The program entry: a function returning the stack outputs. */
    program: () => unknown;
    /** Receives every registration as it happens, also when the program fails (tests count them). */
    registrations?: unknown[];
}

/** Runs the program once under mocks and returns what `pulumi up` would register. */
export async function synthesize(options: SynthOptions): Promise<SynthResult> {
    const world: MockWorld = { ...DEFAULT_WORLD, ...options.world };
    const region = options.config["langsmith:aws"]
        ? (JSON.parse(options.config["langsmith:aws"]) as { region?: string }).region
        : undefined;
    if (region && !options.world?.awsRegion) world.awsRegion = region;
    const mocks = new CloudMocks(world);
    const monitor = new RecordingMonitor(mocks);
    if (options.registrations) monitor.recorded = options.registrations as Recorded[];
    // "organization": the organization name of a DIY backend, as a stack reference to itself names it.
    setMockOptions(monitor, options.project, options.stack, true, "organization");
    // setMockOptions resets the feature flags that setMocks would set: secrets and resource references on.
    Object.assign(getStore(), {
        supportsSecrets: true,
        supportsResourceReferences: true,
        supportsOutputValues: false,
        supportsDeletedWith: true,
        supportsAliasSpecs: true,
    });
    pulumi.runtime.setAllConfig(options.config, options.secretKeys ?? []);

    let exported: unknown;
    try {
        exported = await options.program();
    } catch (err) {
        await (pulumi.runtime as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
        throw err;
    }
    const outputs = (await resolveOutput(exported, options.showSecrets === true)) as Record<string, unknown>;
    await (pulumi.runtime as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();

    const showSecrets = options.showSecrets === true;
    const resources = monitor.recorded.map((r): SynthResource => {
        const inputs = renderValue(r.rawInputs, showSecrets) as Record<string, unknown>;
        const outputsRendered = renderValue(r.rawOutputs, showSecrets) as Record<string, unknown>;
        for (const key of Object.keys(outputsRendered)) {
            const inputWasSecret = isSecretMarker(r.rawInputs[key]);
            if (!showSecrets && (r.secretOutputNames.includes(key) || inputWasSecret))
                outputsRendered[key] = SECRET_PLACEHOLDER;
        }
        const { rawInputs: _i, rawOutputs: _o, secretOutputNames: _s, ...rest } = r;
        return { ...rest, inputs, outputs: outputsRendered };
    });
    checkServiceRules(monitor.recorded);
    return { project: options.project, stack: options.stack, resources, outputs };
}

/** The request's custom timeouts, only those set (the engine passes them to the provider's await). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function customTimeoutsOf(t: any): { customTimeouts?: SynthResource["customTimeouts"] } {
    if (!t) return {};
    const out: NonNullable<SynthResource["customTimeouts"]> = {};
    if (t.getCreate()) out.create = t.getCreate();
    if (t.getUpdate()) out.update = t.getUpdate();
    if (t.getDelete()) out.delete = t.getDelete();
    return Object.keys(out).length ? { customTimeouts: out } : {};
}

/**
 * The rules layer, always on: every recorded input, secrets shown (some rules need the real value),
 * against the services' documented rules. One error lists every violation; secret values are redacted.
 */
function checkServiceRules(recorded: readonly Recorded[]): void {
    const checked = recorded.map((r) => ({
        urn: r.urn,
        type: r.type,
        name: r.name,
        inputs: renderValue(r.rawInputs, true) as Record<string, unknown>,
        outputs: renderValue(r.rawOutputs, true) as Record<string, unknown>,
    }));
    const violations = checkResources(checked);
    if (violations.length === 0) return;
    const secrets: string[] = [];
    for (const r of recorded) {
        collectSecretStrings([r.rawInputs, r.rawOutputs], false, secrets);
        for (const key of r.secretOutputNames) collectSecretStrings(r.rawOutputs[key], true, secrets);
    }
    throw new ServiceRulesError(redact(violations, secrets));
}

/** Every string inside a secret marker (and every output marked secret by additionalSecretOutputs). */
function collectSecretStrings(value: unknown, inSecret: boolean, out: string[]): void {
    if (typeof value === "string") {
        if (inSecret) out.push(value);
    } else if (Array.isArray(value)) {
        for (const v of value) collectSecretStrings(v, inSecret, out);
    } else if (value !== null && typeof value === "object") {
        const secret = inSecret || isSecretMarker(value);
        for (const v of Object.values(value)) collectSecretStrings(v, secret, out);
    }
}

function isSecretMarker(v: unknown): boolean {
    return v !== null && typeof v === "object" && (v as Record<string, unknown>)[SIG_KEY] === SECRET_SIG;
}

/** The project root (where Pulumi.yaml is), from the compiled tools folder or the sources. */
export function projectRoot(): string {
    let dir = __dirname;
    while (!fs.existsSync(path.join(dir, "Pulumi.yaml"))) {
        const up = path.dirname(dir);
        if (up === dir) throw new Error("Pulumi.yaml not found above " + __dirname);
        dir = up;
    }
    return dir;
}

export function projectName(root = projectRoot()): string {
    return (parseYaml(fs.readFileSync(path.join(root, "Pulumi.yaml"), "utf8")) as { name: string }).name;
}

export function stackFile(stack: string, root = projectRoot()): string {
    return path.join(root, "stacks", `Pulumi.${stack}.yaml`);
}

export function listStacks(root = projectRoot()): string[] {
    return fs
        .readdirSync(path.join(root, "stacks"))
        .filter((f) => /^Pulumi\..+\.yaml$/.test(f))
        .map((f) => f.replace(/^Pulumi\.(.+)\.yaml$/, "$1"))
        .sort();
}

/**
 * `langsmith-iam/testing`: offline unit tests of a program that uses the package, without a cloud
 * account. `setCloudMocks()` installs Pulumi mocks (`pulumi.runtime.setMocks`) that answer the
 * resources and look-ups the package's components make with values shaped like the clouds' own
 * (ARNs, Cloud SQL connection names, ARM ids, endpoints) from one deterministic mocked world, and
 * record every registration for assertions.
 *
 * Unlike a mock that echoes its inputs, an unexpected resource type or look-up FAILS: the resource's
 * outputs reject, and `settled()` throws with every unexpected call listed, so a component that
 * starts calling a new API cannot pass a test on empty values. Mock your own resources with
 * `resources` / `invokes`. Loads `@pulumi/pulumi` only (no cloud SDK).
 *
 * ```ts
 * const mocks = await setCloudMocks({ world: { awsRegion: "eu-west-1" } });
 * const db = new AwsPostgres("orders-db", { vpcId, subnetIds: mocks.world.privateSubnetIds, ... });
 * await mocks.settled(); // throws if anything had no mock
 * assert.equal(await valueOf(db.host), mocks.one("aws:rds/instance:Instance").state.address);
 * ```
 */
import * as pulumi from "@pulumi/pulumi";
import { AWS_INVOKE_MOCKS, AWS_RESOURCE_MOCKS } from "./mocks/aws";
import { AZURE_INVOKE_MOCKS, AZURE_RESOURCE_MOCKS } from "./mocks/azure";
import { COMMON_RESOURCE_MOCKS } from "./mocks/common";
import { GCP_INVOKE_MOCKS, GCP_RESOURCE_MOCKS } from "./mocks/gcp";
import type { InvokeMock, MockWorld, ResourceMock, State } from "./mocks/shared";

export {
    MOCK_ACCOUNT_ID,
    MOCK_AZURE_SUBSCRIPTION_ID,
    MOCK_AZURE_TENANT_ID,
    stableHex,
    type AwsMockNode,
    type AwsMockSubnet,
    type InvokeMock,
    type MockWorld,
    type ResourceMock,
    type State,
} from "./mocks/shared";

/** The mocked world unless told otherwise: an EKS cluster `platform` in us-east-1 with three private subnets. */
export const DEFAULT_WORLD: MockWorld = {
    awsRegion: "us-east-1",
    eksClusterName: "platform",
    privateSubnetIds: ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002", "subnet-0a1b2c3d4e5f60003"],
};

/** Every resource type the package's components (and their providers) register, with its mocked answer. */
export const RESOURCE_MOCKS: Readonly<Record<string, ResourceMock>> = {
    ...COMMON_RESOURCE_MOCKS,
    ...AWS_RESOURCE_MOCKS,
    ...GCP_RESOURCE_MOCKS,
    ...AZURE_RESOURCE_MOCKS,
};

/** Every look-up (invoke) the package's components make, with its mocked answer. */
export const INVOKE_MOCKS: Readonly<Record<string, InvokeMock>> = {
    ...AWS_INVOKE_MOCKS,
    ...GCP_INVOKE_MOCKS,
    ...AZURE_INVOKE_MOCKS,
};

export interface CloudMocksOptions {
    /** Parts of the mocked world to change. @default DEFAULT_WORLD */
    world?: Partial<MockWorld>;
    /** Mocks for resource types the package does not create (your own), by type token; they win over the package's. */
    resources?: Record<string, ResourceMock>;
    /** Mocks for look-ups the package does not make, by invoke token; they win over the package's. */
    invokes?: Record<string, InvokeMock>;
}

/** One custom resource as it was registered and what the mock answered. */
export interface MockedResource {
    type: string;
    name: string;
    inputs: Record<string, unknown>;
    id: string;
    state: State;
}

/** One look-up and what the mock answered. */
export interface MockedCall {
    token: string;
    inputs: Record<string, unknown>;
    result: Record<string, unknown>;
}

/**
 * Pulumi mocks that answer from the package's tables for one mocked world, record every custom
 * resource and look-up, and refuse (throw, and remember) anything they have no answer for.
 */
export class CloudMocks implements pulumi.runtime.Mocks {
    readonly world: MockWorld;
    /** Custom resources registered so far, in order (components are not recorded: they have no cloud state). */
    readonly resources: MockedResource[] = [];
    /** Look-ups made so far, in order. */
    readonly calls: MockedCall[] = [];
    /** What had no mock: `resource <type> (<name>)` or `invoke <token>`. */
    readonly unexpected: string[] = [];
    private readonly resourceMocks: Record<string, ResourceMock>;
    private readonly invokeMocks: Record<string, InvokeMock>;

    constructor(options: CloudMocksOptions = {}) {
        this.world = { ...DEFAULT_WORLD, ...options.world };
        this.resourceMocks = { ...RESOURCE_MOCKS, ...options.resources };
        this.invokeMocks = { ...INVOKE_MOCKS, ...options.invokes };
    }

    newResource(args: pulumi.runtime.MockResourceArgs): { id: string; state: State } {
        if (!args.custom) return { id: "", state: {} };
        const mock = this.resourceMocks[args.type];
        if (!mock) {
            this.unexpected.push(`resource ${args.type} (${args.name})`);
            throw new Error(
                `langsmith-iam/testing: no mock for resource type ${args.type} (${args.name}); pass one in setCloudMocks({ resources })`,
            );
        }
        const { id, state } = mock(args, this.world);
        this.resources.push({ type: args.type, name: args.name, inputs: args.inputs, id, state });
        return { id, state };
    }

    call(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
        const mock = this.invokeMocks[args.token];
        if (!mock) {
            this.unexpected.push(`invoke ${args.token}`);
            throw new Error(
                `langsmith-iam/testing: unexpected invoke ${args.token}; pass a mock in setCloudMocks({ invokes })`,
            );
        }
        const result = mock(args.inputs, this.world);
        this.calls.push({ token: args.token, inputs: args.inputs, result });
        return result;
    }

    /** The recorded resources of one type. */
    ofType(type: string): MockedResource[] {
        return this.resources.filter((r) => r.type === type);
    }

    /** The one recorded resource of a type (and name); throws when there are none or several. */
    one(type: string, name?: string): MockedResource {
        const found = this.ofType(type).filter((r) => name === undefined || r.name === name);
        if (found.length !== 1)
            throw new Error(`expected one ${type}${name ? ` named ${name}` : ""}, found ${found.length}`);
        return found[0];
    }

    /** Forgets what was recorded (between tests that share the mocks). */
    reset(): void {
        this.resources.length = 0;
        this.calls.length = 0;
        this.unexpected.length = 0;
    }

    /**
     * Waits until every registration and look-up started so far has been answered, then throws if
     * any had no mock. Call it after creating the resources under test, before asserting.
     */
    async settled(): Promise<void> {
        // The SDK counts outstanding RPCs; waitForRPCs is on its runtime module but not in its typings.
        await (pulumi.runtime as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
        if (this.unexpected.length > 0)
            throw new Error(
                `langsmith-iam/testing: ${this.unexpected.length} call(s) had no mock:\n  ${this.unexpected.join("\n  ")}`,
            );
    }
}

/** Where the mocked program runs. */
export interface SetCloudMocksOptions extends CloudMocksOptions {
    /** @default "project" */
    project?: string;
    /** @default "stack" */
    stack?: string;
    /** Run as `pulumi preview` (unknown outputs stay unknown) instead of `pulumi up`. @default false */
    preview?: boolean;
}

/**
 * Installs {@link CloudMocks} as the Pulumi runtime's mocks and returns them. Call it before the
 * module that creates resources is loaded (or before the function that creates them runs).
 */
export async function setCloudMocks(options: SetCloudMocksOptions = {}): Promise<CloudMocks> {
    const mocks = new CloudMocks(options);
    await pulumi.runtime.setMocks(mocks, options.project ?? "project", options.stack ?? "stack", options.preview);
    return mocks;
}

/** The value of an output, for assertions; rejects when the resource behind it failed (e.g. had no mock). */
export function valueOf<T>(output: pulumi.Input<T>): Promise<T> {
    // `promise()` is the SDK's own accessor; it is not in the typings.
    return (pulumi.output(output) as unknown as { promise(): Promise<T> }).promise();
}

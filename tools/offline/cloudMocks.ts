/**
 * Deterministic, plausible answers for every cloud API the program touches, for the offline preview
 * and the tests. Each resource type returns the computed outputs the code reads (ARNs, endpoints,
 * resource ids, auto-generated names); an unknown resource type or invoke fails loudly, so a new
 * cloud call cannot silently produce empty values. The tables live per cloud under mocks/.
 */
import type * as pulumi from "@pulumi/pulumi";
import { AWS_INVOKE_MOCKS, AWS_RESOURCE_MOCKS } from "./mocks/aws";
import { AZURE_INVOKE_MOCKS, AZURE_RESOURCE_MOCKS } from "./mocks/azure";
import { COMMON_RESOURCE_MOCKS } from "./mocks/common";
import { GCP_INVOKE_MOCKS, GCP_RESOURCE_MOCKS } from "./mocks/gcp";
import type { InvokeMock, MockWorld, ResourceMock, State } from "./mocks/shared";

export { MOCK_ACCOUNT_ID, stableHex, type MockWorld } from "./mocks/shared";

export const DEFAULT_WORLD: MockWorld = {
    awsRegion: "us-east-1",
    eksClusterName: "platform",
    privateSubnetIds: ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002", "subnet-0a1b2c3d4e5f60003"],
};

const RESOURCE_MOCKS: Record<string, ResourceMock> = {
    ...COMMON_RESOURCE_MOCKS,
    ...AWS_RESOURCE_MOCKS,
    ...GCP_RESOURCE_MOCKS,
    ...AZURE_RESOURCE_MOCKS,
};
const INVOKE_MOCKS: Record<string, InvokeMock> = { ...AWS_INVOKE_MOCKS, ...GCP_INVOKE_MOCKS, ...AZURE_INVOKE_MOCKS };

/** Mocks answering from RESOURCE_MOCKS / INVOKE_MOCKS for one mocked world. */
export class CloudMocks implements pulumi.runtime.Mocks {
    constructor(public readonly world: MockWorld = DEFAULT_WORLD) {}

    newResource(args: pulumi.runtime.MockResourceArgs): { id: string; state: State } {
        // Component resources are this project's own; they have no cloud state.
        if (!args.custom) return { id: "", state: {} };
        const mock = RESOURCE_MOCKS[args.type];
        if (!mock)
            throw new Error(
                `offline mocks: no mock for resource type ${args.type} (${args.name}); add one to tools/offline/cloudMocks.ts`,
            );
        return mock(args, this.world);
    }

    call(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
        const mock = INVOKE_MOCKS[args.token];
        if (!mock)
            throw new Error(
                `offline mocks: unexpected invoke ${args.token}; add a mock to tools/offline/cloudMocks.ts`,
            );
        return mock(args.inputs, this.world);
    }
}

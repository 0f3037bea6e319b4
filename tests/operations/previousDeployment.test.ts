/**
 * The stack's reference to itself (program/deploy/previousDeployment.ts): the name it reads on each
 * kind of backend, and what the last deployment's outputs give on a first deployment, an older one and
 * one whose output is secret, answered by the offline mocks.
 */
import { strict as assert } from "node:assert";
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import { setMockOptions } from "@pulumi/pulumi/runtime/settings";
import {
    DIY_ORGANIZATION,
    MAJOR_VERSION_OUTPUT,
    previousMajorVersion,
    thisStackName,
} from "../../program/deploy/previousDeployment";
import type { MockWorld } from "../../tools/offline/cloudMocks";
import { synthesize } from "../../tools/offline/synthesize";

/** previousMajorVersion() under mocks whose stack reference answers with `world`'s outputs. */
async function readMajor(world: Partial<MockWorld>): Promise<unknown> {
    const result = await synthesize({
        project: "langsmith",
        stack: "prod",
        config: {},
        world,
        program: async () => ({ major: await previousMajorVersion() }),
    });
    return result.outputs.major;
}

/** thisStackName() with the organization a backend reports. */
function nameUnder(organization: string): string {
    const monitor = new MockMonitor({
        newResource: () => ({ id: "x", state: {} }),
        call: () => ({}),
    });
    setMockOptions(monitor, "langsmith", "prod", true, organization);
    return thisStackName();
}

describe("the stack's reference to itself", function () {
    it("names the stack fully on Pulumi Cloud (a bare name would mean the user's default organization)", function () {
        assert.equal(nameUnder("acme"), "acme/langsmith/prod");
    });

    it("names the stack bare on a DIY backend, which its legacy layout needs (no '/' in a stack name there)", function () {
        assert.equal(nameUnder(DIY_ORGANIZATION), "prod");
    });

    it("first deployment: no outputs yet, so no previous major", async function () {
        assert.equal(await readMajor({ previousStackOutputs: {} }), undefined);
    });

    it("a stack deployed before the output existed: no previous major", async function () {
        assert.equal(await readMajor({ previousStackOutputs: { someOtherOutput: "x" } }), undefined);
    });

    it("reads the last deployment's major", async function () {
        assert.equal(await readMajor({ previousStackOutputs: { [MAJOR_VERSION_OUTPUT]: 16 } }), 16);
        assert.equal(await readMajor({ previousStackOutputs: { [MAJOR_VERSION_OUTPUT]: "15" } }), 15);
        assert.equal(await readMajor({ previousStackOutputs: { [MAJOR_VERSION_OUTPUT]: "latest" } }), undefined);
    });

    it("reads it also when the output is secret (getOutputValue would throw there)", async function () {
        const major = await readMajor({
            previousStackOutputs: { [MAJOR_VERSION_OUTPUT]: 16 },
            previousStackSecretOutputs: [MAJOR_VERSION_OUTPUT],
        });
        assert.equal(major, 16);
    });
});

/**
 * tools/offline/skipStackCaptures.ts: the offline preview skips the SDK's stack captures (source
 * positions, promise-leak stacks), which the mock monitor never records, and the preview stays the same.
 */
import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { ORIGINAL, skipStackCaptures } from "../../tools/offline/skipStackCaptures";
import { runProgram } from "../../program";
import { projectName, synthesize } from "../../tools/offline/synthesize";
import { stackConfig } from "../support/synth";

const debuggable = require("@pulumi/pulumi/runtime/debuggable") as {
    debuggablePromise: (p: Promise<unknown>, ctx: unknown) => Promise<unknown>;
};

/** The stack trace a tracked promise keeps for the SDK's leak report. */
function trackedStack(): string {
    const p = Promise.resolve();
    void debuggable.debuggablePromise(p, "probe");
    return (p as unknown as { _debugStackTrace: string })._debugStackTrace;
}

describe("tools/offline/skipStackCaptures (the preview skips the SDK's stack captures)", function () {
    afterEach(() => skipStackCaptures());

    it("the preview turns it on: no source position, no stack kept by a tracked promise", function () {
        const preview = require.cache[require.resolve("../../tools/offline/synthesize")];
        assert.ok(preview?.children.some((m) => m.id === require.resolve("../../tools/offline/skipStackCaptures")));
        assert.deepEqual((pulumi.Resource as unknown as { callsites(): unknown[] }).callsites(), []);
        assert.equal(trackedStack(), "Error");
        skipStackCaptures(false);
        assert.notEqual((pulumi.Resource as unknown as { callsites(): unknown[] }).callsites().length, 0);
        assert.match(trackedStack(), /\n\s+at /, "the SDK's own tracker keeps a stack");
        assert.equal(debuggable.debuggablePromise, ORIGINAL.debuggablePromise);
    });

    it("a stack's preview is the same with the SDK's own stack captures", async function () {
        // synthesize itself: the tests' helpers would answer the second call with the first preview.
        const { config, secretKeys } = stackConfig("azure-dev");
        const preview = () =>
            synthesize({
                project: projectName(),
                stack: "azure-dev",
                config,
                secretKeys,
                showSecrets: true,
                program: runProgram,
            });
        const skipped = await preview();
        skipStackCaptures(false);
        const full = await preview();
        assert.ok(full.resources.length > 50, `only ${full.resources.length} resources`);
        assert.deepEqual(skipped, full);
    });
});

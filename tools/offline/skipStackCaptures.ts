/**
 * The offline preview's share of the SDK's stack captures, skipped. The Pulumi SDK formats a stack
 * trace for every resource it constructs (with no depth limit, to send the engine the resource's
 * source position) and for every promise it tracks for its leak report (kept only for
 * PULUMI_DEBUG_PROMISE_LEAKS's printout). The mock monitor records neither, yet formatting them was
 * about half of a preview's CPU time here (measured on the suite's previews: 200-400 ms each before,
 * 75-250 ms after). So, once imported:
 * - a resource gets no source position (`Resource.callsites()` answers no frame);
 * - a tracked promise keeps its leak bookkeeping but no stack, unless PULUMI_DEBUG_PROMISE_LEAKS asks.
 * What the program registers, and every input and output the tests read, stay the same
 * (tests/tools/skipStackCaptures.test.ts compares a preview with and without).
 */
import { Resource } from "@pulumi/pulumi";

type Tracker = (p: Promise<unknown>, ctx: unknown) => Promise<unknown>;
/** The SDK's promise tracker (internal module without typings for it). */
const debuggable = require("@pulumi/pulumi/runtime/debuggable") as {
    debuggablePromise: Tracker;
    debugPromiseLeaks: boolean;
};
const statics = Resource as unknown as { callsites: () => unknown[] };

/** The SDK's own functions, to restore (tests compare a preview with them). */
export const ORIGINAL = { callsites: statics.callsites, debuggablePromise: debuggable.debuggablePromise };

/** The trackers without their stack capture; `on = false` restores the SDK's own. */
export function skipStackCaptures(on = true): void {
    if (!on) {
        statics.callsites = ORIGINAL.callsites;
        debuggable.debuggablePromise = ORIGINAL.debuggablePromise;
        return;
    }
    statics.callsites = () => [];
    debuggable.debuggablePromise = function (p, ctx) {
        if (debuggable.debugPromiseLeaks) return ORIGINAL.debuggablePromise.call(this, p, ctx);
        // An Error made inside captures no frame; its message stays.
        const limit = Error.stackTraceLimit;
        Error.stackTraceLimit = 0;
        try {
            return ORIGINAL.debuggablePromise.call(this, p, ctx);
        } finally {
            Error.stackTraceLimit = limit;
        }
    };
}

skipStackCaptures();

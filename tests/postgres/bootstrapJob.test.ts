/**
 * Defect 8 (issue 11): the Kubernetes provider waited its default 10 minutes for the bootstrap Job
 * while the Job's own deadline is 15, and a failing Job ended in a generic timeout. The Job's await
 * now covers its deadline and back-off, and psql's last output lines reach the error of `pulumi up`.
 */
import { strict as assert } from "node:assert";
import {
    BOOTSTRAP_JOB_BACKOFF_LIMIT,
    BOOTSTRAP_JOB_DEADLINE_SECONDS,
    jobAwaitTimeoutSeconds,
    jobBackoffSeconds,
} from "../../components/postgres/bootstrapJob";
import { at, one, synthStack } from "../support/synth";

/** pulumi-kubernetes: `DefaultJobTimeoutMins = 10` (provider/pkg/await/job.go). */
const PROVIDER_DEFAULT_JOB_TIMEOUT_SECONDS = 600;

/** A Go duration as the engine passes it ("1020s", "17m"), in seconds. */
function durationSeconds(text: string): number {
    const m = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(text);
    if (!m || text === "") throw new Error(`not a duration: ${text}`);
    return Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
}

describe("bootstrap Job: await timeout and failure message", function () {
    it("the back-off schedule is 10 s doubling, capped at 6 minutes", function () {
        assert.equal(jobBackoffSeconds(0), 0);
        assert.equal(jobBackoffSeconds(1), 10);
        assert.equal(jobBackoffSeconds(6), 10 + 20 + 40 + 80 + 160 + 320);
        assert.equal(jobBackoffSeconds(8), 10 + 20 + 40 + 80 + 160 + 320 + 360 + 360);
    });

    it("the await covers the Job's deadline, or its back-off when that is longer, plus grace", function () {
        assert.equal(jobAwaitTimeoutSeconds(6, 900, 120), 1020);
        assert.equal(jobAwaitTimeoutSeconds(10, 300, 60), jobBackoffSeconds(10) + 60);
        // The deadline the program uses leaves room for every retry, so the Job fails by itself first.
        assert.ok(BOOTSTRAP_JOB_DEADLINE_SECONDS > jobBackoffSeconds(BOOTSTRAP_JOB_BACKOFF_LIMIT));
    });

    for (const stack of ["aws-dev", "gcp-dev", "azure-dev"]) {
        it(`${stack}: the registered Job's custom timeouts derive from its own spec and exceed the provider default`, async function () {
            const result = await synthStack(stack);
            const job = one(result, "kubernetes:batch/v1:Job");
            const spec = job.inputs.spec as { backoffLimit: number; activeDeadlineSeconds: number };
            assert.ok(job.customTimeouts, "the Job has customTimeouts");
            const expected = jobAwaitTimeoutSeconds(spec.backoffLimit, spec.activeDeadlineSeconds);
            for (const op of ["create", "update"] as const) {
                const seconds = durationSeconds(String(job.customTimeouts[op]));
                assert.equal(seconds, expected, op);
                assert.ok(seconds > spec.activeDeadlineSeconds, `${op}: the await outlasts the Job's deadline`);
                assert.ok(seconds > PROVIDER_DEFAULT_JOB_TIMEOUT_SECONDS, `${op}: longer than the provider's default`);
            }
        });
    }

    it("psql's output tail becomes the termination message of a failed container", async function () {
        const result = await synthStack("aws-dev");
        const job = one(result, "kubernetes:batch/v1:Job");
        const container = at(job.inputs, ["spec", "template", "spec", "containers", "0"]) as Record<string, unknown>;
        assert.equal(container.terminationMessagePolicy, "FallbackToLogsOnError");
        assert.equal(
            at(job.inputs, ["spec", "template", "spec", "restartPolicy"]),
            "Never",
            "each retry is a new pod whose status keeps its message",
        );
    });
});

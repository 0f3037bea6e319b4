/**
 * tests/support/synth.ts: equal previews are run once per test run, whichever helper, file or
 * spelling of the options asks for them, and each caller still gets its own copy.
 */
import { strict as assert } from "node:assert";
import { jsonKey, previewCounts, stackConfig, synthConfig, synthStack } from "../support/synth";

/** A field of the mocked world a GCP stack never reads: previews no other test runs, same resources. */
const world = { eksClusterName: "shared-previews-probe" };

/** How many previews `calls` ran. */
async function previewsRun(calls: () => Promise<unknown>): Promise<number> {
    const before = previewCounts.run;
    await calls();
    return previewCounts.run - before;
}

describe("tests/support/synth (one preview per distinct input in a test run)", function () {
    it("jsonKey keeps a key set to undefined apart from a missing key", function () {
        assert.notEqual(jsonKey({ world: { awsRegion: undefined } }), jsonKey({ world: {} }));
        assert.equal(jsonKey({ a: 1 }), jsonKey({ a: 1 }));
    });

    it("options of equal content in another key order share one preview, and callers get copies", async function () {
        const override = { "langsmith:tags": { team: "shared-previews" } };
        let first: unknown, second: unknown;
        const run = await previewsRun(async () => {
            first = await synthStack("gcp-dev", { override, world, showSecrets: false });
            second = await synthStack("gcp-dev", {
                showSecrets: false,
                world: { ...world },
                override: { ...override },
            });
        });
        assert.equal(run, 1);
        assert.deepEqual(first, second);
        assert.notEqual(first, second);
    });

    it("synthConfig of a stack file's config shares synthStack's preview; another config runs its own", async function () {
        const stackFile = await synthStack("gcp-prod"); // maybe already run by another file
        const { config, secretKeys } = stackConfig("gcp-prod");
        const reordered = Object.fromEntries(Object.entries(config).reverse());
        let same: unknown;
        assert.equal(
            await previewsRun(async () => (same = await synthConfig("gcp-prod", reordered, [...secretKeys].reverse()))),
            0,
        );
        assert.deepEqual(same, stackFile);
        const { config: other } = stackConfig("gcp-prod", {
            override: { "langsmith:tags": { team: "shared-previews" } },
        });
        assert.equal(await previewsRun(() => synthConfig("gcp-prod", other, secretKeys)), 1);
    });
});

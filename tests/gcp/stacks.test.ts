import { strict as assert } from "node:assert";
import { listStacks } from "../../tools/offline/synthesize";
import { synthGcp, one } from "./gcpSynth";

describe("GCP stack files synthesize offline", function () {
    this.timeout(60000);
    const stacks = listStacks().filter((s) => s.startsWith("gcp-"));

    it("has a dev and a prod GCP stack", () => {
        assert.deepEqual(stacks, ["gcp-dev", "gcp-prod"]);
    });

    for (const stack of stacks) {
        it(`${stack}: Cloud SQL with IAM auth, the IAM user, and the LangSmith release`, async () => {
            const result = await synthGcp({}, { stack });
            const production = stack.endsWith("-prod");
            const instance = one(result, "gcp:sql/databaseInstance:DatabaseInstance");
            assert.equal(instance.protect, production);
            assert.equal(
                (instance.inputs.settings as { deletionProtectionEnabled: boolean }).deletionProtectionEnabled,
                production,
            );
            assert.ok(
                result.resources.some(
                    (r) => r.type === "gcp:sql/user:User" && r.inputs.type === "CLOUD_IAM_SERVICE_ACCOUNT",
                ),
            );
            one(result, "kubernetes:helm.sh/v3:Release");
            assert.equal(result.outputs.cloud, "gcp");
        });
    }
});

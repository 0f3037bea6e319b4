/** The Cloud Storage blob bucket of the GCP stacks: private, expiring, and the service account's object role on exactly it. */
import { strict as assert } from "node:assert";
import { compareVersions, MIN_CHART_VERSION_WITH_NATIVE_GCS, parseSettings } from "../../program/config/settings";
import { isConfigError } from "../../program/config/errors";
import { gcpBase } from "../support/baseConfigs";
import { at, helmValues, one, ofType, synthStack } from "../support/synth";

describe("GCP blob bucket", function () {
    it("uniform bucket-level access, public access prevention enforced, LangSmith's expiry rules", async function () {
        const result = await synthStack("gcp-dev");
        const bucket = one(result, "gcp:storage/bucket:Bucket");
        assert.equal(bucket.inputs.uniformBucketLevelAccess, true);
        assert.equal(bucket.inputs.publicAccessPrevention, "enforced");
        assert.equal(bucket.inputs.location, "us-central1");
        assert.deepEqual(bucket.inputs.lifecycleRules, [
            { action: { type: "Delete" }, condition: { age: 14, matchesPrefixes: ["ttl_s/"] } },
            { action: { type: "Delete" }, condition: { age: 400, matchesPrefixes: ["ttl_l/"] } },
            { action: { type: "AbortIncompleteMultipartUpload" }, condition: { age: 7 } },
        ]);
    });

    it("the Google service account gets roles/storage.objectUser on this bucket only", async function () {
        const result = await synthStack("gcp-dev");
        const bucket = one(result, "gcp:storage/bucket:Bucket");
        const account = one(result, "gcp:serviceaccount/account:Account", "langsmith-identity-sa");
        const grants = ofType(result, "gcp:storage/bucketIAMMember:BucketIAMMember");
        assert.equal(grants.length, 1);
        assert.deepEqual(
            { bucket: grants[0].inputs.bucket, role: grants[0].inputs.role, member: grants[0].inputs.member },
            {
                bucket: bucket.outputs.name,
                role: "roles/storage.objectUser",
                member: `serviceAccount:${String(account.outputs.email)}`,
            },
        );
        // No project-wide storage role: the project members are Cloud SQL's only.
        for (const m of ofType(result, "gcp:projects/iAMMember:IAMMember"))
            assert.doesNotMatch(String(m.inputs.role), /storage/, String(m.inputs.role));
        const release = one(result, "kubernetes:helm.sh/v3:Release");
        assert.ok(release.dependencies.includes(grants[0].urn), "pods must not start before they may write");
    });

    it("the chart gets native GCS settings: engine, bucket, API URL, and no HMAC key", async function () {
        const result = await synthStack("gcp-prod", { showSecrets: true });
        const bucket = one(result, "gcp:storage/bucket:Bucket");
        assert.deepEqual(at(helmValues(result), ["config", "blobStorage"]), {
            enabled: true,
            engine: "GCS",
            bucketName: bucket.outputs.name,
            apiURL: "https://storage.googleapis.com",
        });
        assert.match(String(bucket.outputs.name), /^langsmith-gcp-prod-blob-[0-9a-f]{8}$/);
        const config = at(one(result, "kubernetes:core/v1:Secret", "langsmith-config").inputs, [
            "stringData",
        ]) as object;
        assert.ok(!Object.keys(config).some((k) => k.startsWith("blob_storage")));
    });

    it("production: protected, not force-destroyable, deleted objects kept 30 days; dev: soft delete off", async function () {
        const prod = one(await synthStack("gcp-prod"), "gcp:storage/bucket:Bucket");
        assert.equal(prod.protect, true);
        assert.equal(prod.inputs.forceDestroy, false);
        assert.deepEqual(prod.inputs.softDeletePolicy, { retentionDurationSeconds: 30 * 86400 });
        const dev = one(await synthStack("gcp-dev"), "gcp:storage/bucket:Bucket");
        assert.equal(dev.protect, false);
        assert.deepEqual(dev.inputs.softDeletePolicy, { retentionDurationSeconds: 0 });
    });

    it("a chart older than 0.13.29 (no native GCS) is outside the checked chart lines, so never reaches GCS", function () {
        // The checked lines (0.16.x, 0.17.x) all have native GCS; the GCS floor stays as a guard should an
        // older line ever be added.
        assert.ok(compareVersions(MIN_CHART_VERSION_WITH_NATIVE_GCS, "0.16.0") < 0);
        const raw = { ...gcpBase(), chart: { initialOrgAdminEmail: "a@example.com", version: "0.13.0" } };
        assert.throws(
            () => parseSettings(raw),
            (e: unknown) => isConfigError(e) && e.key === "langsmith:chart.version",
        );
    });
});

import { strict as assert } from "node:assert";
import { parseSettings } from "../../program/config/settings";
import { ConfigError } from "../../program/config/errors";
import fc from "fast-check";
import { bootstrapAccountIdOf } from "../../program/config/gcp";
import { gcpBase } from "../support/baseConfigs";

const base = gcpBase();

function refuses(raw: Record<string, unknown>, key: string, message: RegExp) {
    assert.throws(
        () => parseSettings(raw),
        (err: unknown) => err instanceof ConfigError && err.key === key && message.test(err.message),
    );
}

describe("GCP config (langsmith:gcp)", function () {
    it("accepts a minimal GCP stack and fills the defaults", () => {
        const s = parseSettings(base);
        assert.equal(s.cloud, "gcp");
        assert.deepEqual(s.gcp, {
            ...base.gcp,
            createPrivateServiceConnection: false,
            createServiceConnectionPolicy: false,
            privateServiceRangePrefixLength: 20,
            // Derived from the project and stack (parseSettings' example stack: langsmith/dev).
            serviceAccountId: "langsmith-dev",
            edition: "ENTERPRISE",
        });
        assert.equal(s.postgres.iamUser, undefined, "derived from the service account later");
    });

    it("derives the bootstrap's service account id: <id>-bootstrap when it fits, else a hashed short form within every limit", () => {
        const id20 = `ls${"a".repeat(18)}`;
        assert.equal(bootstrapAccountIdOf(id20, base.gcp.project), `${id20}-bootstrap`);
        // Two stacks' derived ids share their first 20 characters: the short forms still differ.
        const blue = bootstrapAccountIdOf("langsmith-gcp-dev-blue", base.gcp.project);
        const green = bootstrapAccountIdOf("langsmith-gcp-dev-green", base.gcp.project);
        assert.notEqual(blue, green);
        assert.equal(parseSettings({ ...base, gcp: { ...base.gcp, serviceAccountId: `${id20}a` } }).cloud, "gcp");
    });

    it("bootstrap ids are valid Google account ids and Cloud SQL users for any valid id and project (property)", () => {
        const accountId = /^[a-z][-a-z0-9]{4,28}[a-z0-9]$/;
        fc.assert(
            fc.property(
                fc.stringMatching(/^[a-z][-a-z0-9]{4,28}[a-z0-9]$/),
                fc.stringMatching(/^[a-z][-a-z0-9]{4,28}[a-z0-9]$/),
                (id, project) => {
                    fc.pre(Buffer.byteLength(`${id}@${project}.iam`) <= 63);
                    const boot = bootstrapAccountIdOf(id, project);
                    assert.match(boot, accountId);
                    assert.ok(Buffer.byteLength(`${boot}@${project}.iam`) <= 63, boot);
                    assert.notEqual(boot, id);
                },
            ),
            { numRuns: 500 },
        );
    });

    it("refuses dropPreviousIamUser: Cloud SQL created the previous user", () => {
        refuses(
            { ...base, postgres: { previousIamUser: "old@acme-langsmith-dev.iam", dropPreviousIamUser: true } },
            "langsmith:postgres.dropPreviousIamUser",
            /gcloud sql users delete/,
        );
        const switched = parseSettings({ ...base, postgres: { previousIamUser: "old@acme-langsmith-dev.iam" } });
        assert.equal(switched.postgres.previousIamUser, "old@acme-langsmith-dev.iam");
    });

    it("requires the gcp block on a gcp stack", () => {
        refuses({ ...base, gcp: undefined }, "langsmith:gcp", /is required when langsmith:cloud is gcp/);
    });

    it("refuses an aws block on a gcp stack", () => {
        refuses(
            { ...base, aws: { region: "us-east-1", clusterName: "x" } },
            "langsmith:aws",
            /is set but langsmith:cloud is gcp/,
        );
    });

    it("names bad project ids, regions, cluster names and networks", () => {
        refuses(
            { ...base, gcp: { ...base.gcp, project: "My Project" } },
            "langsmith:gcp.project",
            /is not a GCP project id/,
        );
        refuses(
            { ...base, gcp: { ...base.gcp, region: "us-central1-a" } },
            "langsmith:gcp.region",
            /is not a GCP region like us-central1/,
        );
        refuses(
            { ...base, gcp: { ...base.gcp, clusterName: "Platform" } },
            "langsmith:gcp.clusterName",
            /is not a valid GKE cluster name/,
        );
        refuses(
            { ...base, gcp: { ...base.gcp, network: "projects/x/networks/y" } },
            "langsmith:gcp.network",
            /is not a VPC network name/,
        );
        refuses(
            { ...base, gcp: { ...base.gcp, serviceAccountId: "ls" } },
            "langsmith:gcp.serviceAccountId",
            /is not a service account id/,
        );
    });

    it("refuses postgres.iamUser (Cloud SQL derives it) and a previousIamUser equal to the derived user", () => {
        refuses(
            { ...base, postgres: { iamUser: "langsmith" } },
            "langsmith:postgres.iamUser",
            /set langsmith:gcp.serviceAccountId instead/,
        );
        refuses(
            { ...base, postgres: { previousIamUser: "langsmith-dev@acme-langsmith-dev.iam" } },
            "langsmith:postgres.previousIamUser",
            /is the IAM user this stack creates/,
        );
        // A password user named like the AWS default is a legitimate previous owner on GCP.
        assert.equal(
            parseSettings({ ...base, postgres: { previousIamUser: "langsmith" } }).postgres.previousIamUser,
            "langsmith",
        );
    });

    it("checks the tier against the edition", () => {
        refuses(
            { ...base, postgres: { instanceClass: "db-n1-standard-2" } },
            "langsmith:postgres.instanceClass",
            /is not a Cloud SQL tier/,
        );
        refuses(
            {
                ...base,
                gcp: { ...base.gcp, edition: "ENTERPRISE_PLUS" },
                postgres: { instanceClass: "db-custom-2-8192" },
            },
            "langsmith:postgres.instanceClass",
            /not available on the ENTERPRISE_PLUS edition/,
        );
        refuses(
            { ...base, postgres: { instanceClass: "db-perf-optimized-N-2" } },
            "langsmith:postgres.instanceClass",
            /needs the ENTERPRISE_PLUS edition/,
        );
    });

    it("refuses an existing range together with creating one, and client certificates (the bootstrap Job has none)", () => {
        refuses(
            {
                ...base,
                gcp: {
                    ...base.gcp,
                    createPrivateServiceConnection: true,
                    allocatedIpRange: "google-managed-services-default",
                },
            },
            "langsmith:gcp.allocatedIpRange",
            /remove one of them/,
        );
        refuses(
            {
                ...base,
                postgres: {
                    sslMode: "verify-full",
                    caCertificate: { secretName: "ca", secretKey: "ca.crt" },
                    clientCertificate: { secretName: "client" },
                },
            },
            "langsmith:postgres.clientCertificate",
            /not supported on GCP yet/,
        );
    });
});

import { strict as assert } from "node:assert";
import { parseSettings } from "../../program/config/settings";
import { isConfigError, type ConfigError } from "../../program/config/errors";
import { awsBase, azureBase, gcpBase, type RawConfig } from "../support/baseConfigs";

/** The ConfigError a config fails with. */
function errorOf(raw: RawConfig): ConfigError {
    try {
        parseSettings(raw);
    } catch (err) {
        assert.ok(isConfigError(err), `expected a ConfigError, got ${String(err)}`);
        return err;
    }
    return assert.fail("expected the config to be refused");
}

/** Each key appears on a line of its own, at the start, in the message a run prints. */
function assertListsEveryKey(err: ConfigError, keys: string[]): void {
    const lines = err.message.split("\n");
    for (const key of keys) {
        assert.ok(
            lines.some((line) => line.startsWith(`${key}: `)),
            `${key} missing from the message:\n${err.message}`,
        );
    }
    assert.deepEqual(
        [...new Set(err.problems.map((p) => p.key))].sort(),
        [...keys].sort(),
        "the error's problem list names exactly these keys",
    );
    assert.equal(lines.length, err.problems.length, "one line per problem");
    assert.ok(!/more problem/.test(err.message), "no problem is left out as a count");
}

describe("config: every problem in one run", function () {
    it("lists every schema problem with its key (three mistakes, three lines)", function () {
        const raw = awsBase();
        raw.postgres = { version: 9, instanceClass: "db.t4g.large" };
        raw.chart = { initialOrgAdminEmail: "admin@example.com", hostname: "not a host" };
        raw.kubernetes = { namespase: "x" };
        const err = errorOf(raw);
        assertListsEveryKey(err, [
            "langsmith:chart.hostname",
            "langsmith:kubernetes.namespase",
            "langsmith:postgres.version",
        ]);
        assert.equal(err.key, "langsmith:chart.hostname", "the first key (in key order) is the error's key");
    });

    it("lists every cross-field problem with its key (AWS)", function () {
        const raw = awsBase();
        raw.postgres = {
            instanceClass: "db.t4g.large",
            sslMode: "verify-ca",
            dropPreviousIamUser: true,
            database: "select",
            adminUser: "admin",
        };
        raw.kubernetes = { namespace: "same", bootstrapNamespace: "same" };
        raw.chart = { basicAuth: true };
        const err = errorOf(raw);
        assertListsEveryKey(err, [
            "langsmith:postgres.sslMode",
            "langsmith:postgres.dropPreviousIamUser",
            "langsmith:postgres.database",
            "langsmith:postgres.adminUser",
            "langsmith:kubernetes.bootstrapNamespace",
            "langsmith:chart.initialOrgAdminEmail",
        ]);
    });

    it("lists GCP rule problems together with the shared ones", function () {
        const raw: RawConfig = gcpBase();
        raw.postgres = { iamUser: "someone", instanceClass: "db-custom-3-8192" };
        raw.chart = { deployments: true, initialOrgAdminEmail: "admin@example.com" };
        const err = errorOf(raw);
        assertListsEveryKey(err, [
            "langsmith:postgres.iamUser",
            "langsmith:postgres.instanceClass",
            "langsmith:chart.hostname",
        ]);
    });

    it("lists the Azure plan's problem together with the shared ones", function () {
        const raw = azureBase();
        raw.postgres = { adminUser: "azure_superuser", highAvailability: true, instanceClass: "Standard_B2ms" };
        raw.kubernetes = { context: "ctx" };
        const err = errorOf(raw);
        // The plan stops at its first problem (it resolves names in order), the shared rules are all there.
        assert.ok(
            err.problems.some((p) => p.key === "langsmith:kubernetes.context"),
            err.message,
        );
        assert.ok(
            err.problems.some((p) => p.key === "langsmith:postgres.highAvailability"),
            err.message,
        );
    });

    it("keeps a single problem's message as before: the key, then the problem", function () {
        const raw = awsBase();
        raw.kubernetes = { context: "ctx" };
        const err = errorOf(raw);
        assert.equal(err.problems.length, 1);
        assert.equal(
            err.message,
            "langsmith:kubernetes.context: needs langsmith:kubernetes.kubeconfig; set both or neither",
        );
    });
});

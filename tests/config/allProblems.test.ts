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

    it("lists every Azure plan problem together with the shared ones", function () {
        const raw = azureBase();
        raw.postgres = {
            highAvailability: true,
            instanceClass: "Standard_B2ms",
            storageGb: 40000,
            previousIamUser: "old_user",
            dropPreviousIamUser: true,
        };
        raw.kubernetes = { context: "ctx" };
        const err = errorOf(raw);
        assertListsEveryKey(err, [
            "langsmith:kubernetes.context",
            "langsmith:postgres.highAvailability",
            "langsmith:postgres.storageGb",
            "langsmith:postgres.dropPreviousIamUser",
        ]);
    });

    it("lists schema, cross-field, Azure plan and derived-name problems of one config in one error", function () {
        const raw = azureBase();
        raw.postgres = {
            // schema: a key of the wrong form
            bootstrapImage: "",
            // Azure plan: three independent problems
            highAvailability: true,
            instanceClass: "Standard_B2ms",
            storageGb: 40000,
            previousIamUser: "old_user",
            dropPreviousIamUser: true,
            // cross-field
            sslMode: "verify-ca",
        };
        raw.blobStorage = { shortTtlDays: 0 }; // schema
        raw.kubernetes = {
            // derived name: the federated credential names grow past Azure's 120 characters
            namespace: "n".repeat(63),
            context: "ctx", // cross-field: no kubeconfig
        };
        raw.chart = {
            initialOrgAdminEmail: "admin@example.com",
            releaseName: `langsmith-${"r".repeat(22)}`, // fits 63 with the longest agent account; with the namespace: the federated credential names
            authType: "oauth", // cross-field: basic auth needs mixed
        };
        const err = errorOf(raw);
        assertListsEveryKey(err, [
            "langsmith:postgres.bootstrapImage",
            "langsmith:blobStorage.shortTtlDays",
            "langsmith:postgres.sslMode",
            "langsmith:kubernetes.context",
            "langsmith:chart.authType",
            "langsmith:postgres.highAvailability",
            "langsmith:postgres.storageGb",
            "langsmith:postgres.dropPreviousIamUser",
            "langsmith:kubernetes.namespace",
        ]);
        // The schema's problems come first (in key order), as before.
        assert.deepEqual(
            err.problems.slice(0, 2).map((p) => p.key),
            ["langsmith:blobStorage.shortTtlDays", "langsmith:postgres.bootstrapImage"],
        );
    });

    it("skips only the rules that read a refused key", function () {
        const raw = awsBase();
        // postgres.backupHour is refused by the schema: the rule comparing it with the maintenance hour does
        // not run (its default, 3, would clash with hour 3 and report a problem that is not there); the
        // rules on other postgres keys still do.
        raw.postgres = {
            instanceClass: "db.t4g.large",
            backupHour: 25,
            maintenanceWindow: { hour: 3 },
            sslMode: "disable",
        };
        const err = errorOf(raw);
        assertListsEveryKey(err, ["langsmith:postgres.backupHour", "langsmith:postgres.sslMode"]);
        assert.equal(err.problems.length, 2, err.message);
    });

    it("skips the rules of a block with an unknown key (it may be a misspelt key whose value is missing)", function () {
        const raw = awsBase();
        // `namespase` was meant as the namespace: comparing the bootstrap namespace with the default one
        // would report a problem that is not there.
        raw.kubernetes = { namespase: "team-a", bootstrapNamespace: "langsmith-dev" };
        raw.chart = { basicAuth: true }; // another block's rule still runs
        const err = errorOf(raw);
        assertListsEveryKey(err, ["langsmith:kubernetes.namespase", "langsmith:chart.initialOrgAdminEmail"]);
    });

    it("reports only the schema problems when langsmith:cloud itself is refused", function () {
        const raw = awsBase();
        raw.cloud = "digitalocean";
        raw.kubernetes = { context: "ctx" };
        const err = errorOf(raw);
        assertListsEveryKey(err, ["langsmith:cloud"]);
    });

    it("lists every Redis problem at once", function () {
        const raw = awsBase();
        raw.production = true;
        raw.postgres = { instanceClass: "db.t4g.large" };
        raw.redis = { highAvailability: false, snapshotRetentionDays: 3, nodeType: "m7g.large" };
        raw.clickhouse = { mode: "inCluster" }; // production names its ClickHouse
        const err = errorOf(raw);
        assertListsEveryKey(err, [
            "langsmith:redis.highAvailability",
            "langsmith:redis.snapshotRetentionDays",
            "langsmith:redis.nodeType",
        ]);
    });

    it("lists every blob storage problem at once", function () {
        const raw = awsBase();
        raw.blobStorage = {
            storageAccountName: "acct",
            privateDnsZoneId:
                "/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/net/providers/Microsoft.Network/privateDnsZones/privatelink.blob.core.windows.net",
            shortTtlDays: 30,
            longTtlDays: 20,
        };
        const err = errorOf(raw);
        assertListsEveryKey(err, [
            "langsmith:blobStorage.storageAccountName",
            "langsmith:blobStorage.privateDnsZoneId",
            "langsmith:blobStorage.shortTtlDays",
        ]);
    });

    it("lists every refused tag at once", function () {
        const raw = azureBase();
        raw.tags = { "1team": "a", "2owner": "b" };
        const err = errorOf(raw);
        assertListsEveryKey(err, ["langsmith:tags.1team", "langsmith:tags.2owner"]);
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

/**
 * Plausible user configs that the config schema may accept but a cloud refuses: each must end in a
 * clean ConfigError naming the key, or in the rules layer's refusal citing the expected rule. A
 * preview that passes would be a `pulumi up` the cloud rejects.
 */
import { strict as assert } from "node:assert";
import { isConfigError } from "../../program/config/errors";
import { isServiceRulesError } from "../../tools/offline/rules";
import { synthStack } from "../support/synth";

interface Case {
    what: string;
    stack: string;
    override: Record<string, unknown>;
    /** The config key a ConfigError may name. */
    key: string;
    /** The rule that must refuse it when config validation lets it through. */
    rule: string;
}

const CASES: Case[] = [
    {
        what: "a hyphenated RDS database name",
        stack: "aws-dev",
        override: { "langsmith:postgres": { database: "lang-smith" } },
        key: "langsmith:postgres.database",
        rule: "aws.rds.instance.db-name",
    },
    {
        what: "a hyphenated RDS master user",
        stack: "aws-dev",
        override: { "langsmith:postgres": { adminUser: "ls-admin" } },
        key: "langsmith:postgres.adminUser",
        rule: "aws.rds.instance.master-username",
    },
    {
        what: "an RDS storage limit under 110%",
        stack: "aws-dev",
        override: { "langsmith:postgres": { storageGb: 100, maxStorageGb: 105 } },
        key: "langsmith:postgres.maxStorageGb",
        rule: "aws.rds.instance.max-allocated-storage",
    },
    {
        what: "an aws: tag",
        stack: "aws-dev",
        override: { "langsmith:tags": { "aws:owner": "me" } },
        key: "langsmith:tags",
        rule: "aws.provider.default-tags",
    },
    {
        what: "a Cloud SQL custom machine with 3 vCPUs",
        stack: "gcp-dev",
        override: { "langsmith:postgres": { instanceClass: "db-custom-3-12288" } },
        key: "langsmith:postgres.instanceClass",
        rule: "gcp.sql.instance.custom-machine",
    },
    {
        what: "high availability on a Burstable server",
        stack: "azure-dev",
        override: { "langsmith:postgres": { highAvailability: true } },
        key: "langsmith:postgres.highAvailability",
        rule: "azure.postgres.server.high-availability",
    },
];

/** Inputs the program rewrites into what the cloud accepts: the guarding rule must stay silent. */
const SANITISED: Omit<Case, "key">[] = [
    {
        what: "a GCP label key with capitals (lower-cased)",
        stack: "gcp-dev",
        override: { "langsmith:tags": { CostCenter: "Platform" } },
        rule: "gcp.provider.default-labels",
    },
    {
        what: "an Azure tag name with '/' (sanitised to '_')",
        stack: "azure-dev",
        override: { "langsmith:tags": { "team/name": "x" } },
        rule: "azure.postgres.server.tags",
    },
    {
        what: "a reserved administrator login (Azure servers get none: not sent)",
        stack: "azure-dev",
        override: { "langsmith:postgres": { adminUser: "admin" } },
        rule: "azure.postgres.server.administrator-login",
    },
    {
        what: "an Azure storage size not offered (rounded up)",
        stack: "azure-dev",
        override: { "langsmith:postgres": { storageGb: 100 } },
        rule: "azure.postgres.server.storage-size",
    },
];

describe("service rules: configs the clouds refuse end in a clean refusal", function () {
    this.timeout(30000);
    for (const c of CASES) {
        it(`${c.stack}: ${c.what}`, async () => {
            let error: unknown;
            try {
                await synthStack(c.stack, { override: c.override });
            } catch (err) {
                error = err;
            }
            assert.ok(error, "the preview passed: `pulumi up` would be refused by the cloud");
            if (isConfigError(error)) {
                assert.ok(
                    error.key === c.key || error.message.includes(c.key),
                    `the ConfigError names ${error.key}, not ${c.key}: ${error.message}`,
                );
                return;
            }
            assert.ok(
                isServiceRulesError(error),
                `neither a ConfigError nor the rules layer: ${error instanceof Error ? error.message : JSON.stringify(error)}`,
            );
            assert.ok(
                error.violations.some((v) => v.rule === c.rule),
                `rule ${c.rule} did not fire: ${error.violations.map((v) => v.rule).join(", ")}`,
            );
        });
    }
    for (const c of SANITISED) {
        // The whole preview must pass (every rule kept), not only the rule that guards this input.
        it(`${c.stack}: ${c.what} keeps ${c.rule} and every other rule`, async () => {
            await synthStack(c.stack, { override: c.override });
        });
    }
});

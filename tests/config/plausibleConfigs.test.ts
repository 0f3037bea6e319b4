/**
 * Configs a platform engineer plausibly writes and a naive schema accepts: tags in another cloud's
 * style, hyphenated or long names, sizes a cloud does not offer. Each must end in a clean refusal
 * naming the key, or in a preview that keeps every service rule (the rules run inside synthesize:
 * a broken rule fails the preview with the resource, property, rule and page).
 */
import { strict as assert } from "node:assert";
import { isConfigError } from "../../program/config/errors";
import { synthConfig } from "../support/synth";
import { BASES, toPulumiConfig, type RawConfig } from "../support/baseConfigs";

interface PlausibleCase {
    what: string;
    base: "aws" | "gcp" | "azure";
    /** The key a refusal must name (the config may also be accepted, then every rule must hold). */
    key: string;
    mutate: (c: RawConfig) => void;
}

const block = (c: RawConfig, key: string): Record<string, unknown> => {
    if (typeof c[key] !== "object" || c[key] === null) c[key] = {};
    return c[key] as Record<string, unknown>;
};
const tags = (t: Record<string, string>) => (c: RawConfig) => (c.tags = t);
const clouds = ["aws", "gcp", "azure"] as const;

export const PLAUSIBLE_CASES: PlausibleCase[] = [
    // Per cloud: the issue's own examples, and what each cloud answers differently.
    ...clouds.flatMap((base): PlausibleCase[] => [
        {
            what: "a Kubernetes-style tag with '/'",
            base,
            key: "langsmith:tags",
            mutate: tags({ "team.example.com/owner": "platform" }),
        },
        {
            what: "tags with capitals, spaces and '&'",
            base,
            key: "langsmith:tags",
            mutate: tags({ CostCenter: "R&D 42", Owner: "Platform Team" }),
        },
        {
            what: "a hyphenated database name",
            base,
            key: "langsmith:postgres.database",
            mutate: (c) => (block(c, "postgres").database = "lang-smith"),
        },
        {
            what: "a hyphenated administrator name",
            base,
            key: "langsmith:postgres.adminUser",
            mutate: (c) => (block(c, "postgres").adminUser = "ls-admin"),
        },
        {
            what: "a storage size of 10 GiB",
            base,
            key: "langsmith:postgres.storageGb",
            mutate: (c) => (block(c, "postgres").storageGb = 10),
        },
        {
            what: "a storage size the cloud does not offer as such (100 GiB)",
            base,
            key: "langsmith:postgres.storageGb",
            mutate: (c) => (block(c, "postgres").storageGb = 100),
        },
        {
            what: "a 1-day backup window",
            base,
            key: "langsmith:postgres.backupRetentionDays",
            mutate: (c) => (block(c, "postgres").backupRetentionDays = 1),
        },
    ]),
    // Where only one cloud has the rule.
    { what: "an aws: tag prefix", base: "aws", key: "langsmith:tags", mutate: tags({ "aws:createdBy": "me" }) },
    {
        what: "an Azure-reserved tag prefix",
        base: "azure",
        key: "langsmith:tags",
        mutate: tags({ "microsoft-owner": "x", "Azure.Env": "dev" }),
    },
    {
        what: "a 300-character tag value",
        base: "azure",
        key: "langsmith:tags",
        mutate: tags({ description: "d".repeat(300) }),
    },
    {
        what: "two tags that differ only in case",
        base: "aws",
        key: "langsmith:tags",
        mutate: tags({ Environment: "dev", environment: "dev" }),
    },
    {
        what: "two labels that differ only in case",
        base: "gcp",
        key: "langsmith:tags",
        mutate: tags({ Environment: "dev", environment: "dev" }),
    },
    {
        what: "a 50-character release name",
        base: "azure",
        key: "langsmith:chart.releaseName",
        mutate: (c) => (block(c, "chart").releaseName = `langsmith-${"p".repeat(40)}`),
    },
    {
        what: "a 30-day backup window",
        base: "gcp",
        key: "langsmith:postgres.backupRetentionDays",
        mutate: (c) => (block(c, "postgres").backupRetentionDays = 30),
    },
    {
        what: "production with high availability",
        base: "azure",
        key: "langsmith:postgres.highAvailability",
        mutate: (c) =>
            Object.assign(c, { production: true, clickhouse: { mode: "inCluster" } }) &&
            (block(c, "postgres").highAvailability = true),
    },
    {
        what: "an upper-case schema",
        base: "gcp",
        key: "langsmith:postgres.schema",
        mutate: (c) => (block(c, "postgres").schema = "LangSmith"),
    },
    {
        what: "extra URL parameters with spaces",
        base: "azure",
        key: "langsmith:postgres.extraUrlParams",
        mutate: (c) => (block(c, "postgres").extraUrlParams = { application_name: "langsmith prod" }),
    },
    {
        what: "a release name without 'langsmith'",
        base: "aws",
        key: "langsmith:chart.releaseName",
        mutate: (c) => (block(c, "chart").releaseName = "ls"),
    },
    {
        what: "storage autoscaling limit 105 for 100 GiB",
        base: "aws",
        key: "langsmith:postgres.maxStorageGb",
        mutate: (c) => Object.assign(block(c, "postgres"), { storageGb: 100, maxStorageGb: 105 }),
    },
    {
        what: "an older instance class",
        base: "aws",
        key: "langsmith:postgres.instanceClass",
        mutate: (c) => (block(c, "postgres").instanceClass = "db.t3.medium"),
    },
    {
        what: "an instance class without the db. prefix",
        base: "aws",
        key: "langsmith:postgres.instanceClass",
        mutate: (c) => (block(c, "postgres").instanceClass = "m7g.large"),
    },
    {
        what: "a Cloud SQL tier with too little memory per vCPU",
        base: "gcp",
        key: "langsmith:postgres.instanceClass",
        mutate: (c) => (block(c, "postgres").instanceClass = "db-custom-2-1024"),
    },
    {
        what: "a Cloud SQL tier with an odd vCPU count",
        base: "gcp",
        key: "langsmith:postgres.instanceClass",
        mutate: (c) => (block(c, "postgres").instanceClass = "db-custom-3-12288"),
    },
    {
        what: "a 6-character service account id",
        base: "gcp",
        key: "langsmith:gcp.serviceAccountId",
        mutate: (c) => (block(c, "gcp").serviceAccountId = "lsmith"),
    },
    {
        what: "a dotted identity name on Azure",
        base: "azure",
        key: "langsmith:postgres.iamUser",
        mutate: (c) => (block(c, "postgres").iamUser = "langsmith.app"),
    },
    {
        what: "a general-purpose SKU of an older series",
        base: "azure",
        key: "langsmith:postgres.instanceClass",
        mutate: (c) => (block(c, "postgres").instanceClass = "Standard_D2s_v3"),
    },
    {
        what: "a burstable SKU in production",
        base: "azure",
        key: "langsmith:postgres.instanceClass",
        mutate: (c) =>
            Object.assign(c, { production: true, clickhouse: { mode: "inCluster" } }) &&
            (block(c, "postgres").instanceClass = "Standard_B1ms"),
    },
    {
        what: "geo-redundant backups",
        base: "azure",
        key: "langsmith:azure.geoRedundantBackup",
        mutate: (c) => (block(c, "azure").geoRedundantBackup = true),
    },
];

describe("plausible configs end in a keyed refusal or a preview that keeps every rule", function () {
    const outcomes: string[] = [];
    after(function () {
        const refused = outcomes.filter((o) => o.startsWith("refused")).length;
        process.stdout.write(`\n      plausible configs: ${outcomes.length - refused} previewed, ${refused} refused\n`);
    });
    for (const c of PLAUSIBLE_CASES) {
        it(`${c.base}: ${c.what}`, async function () {
            const raw = structuredClone(BASES[c.base]());
            c.mutate(raw);
            try {
                await synthConfig(`plausible-${c.base}`, toPulumiConfig(raw), ["langsmith:licenseKey"]);
                outcomes.push("previewed");
            } catch (err) {
                assert.ok(
                    isConfigError(err),
                    `not a clean refusal: ${err instanceof Error ? err.message : String(err)}`,
                );
                assert.ok(
                    err.key === c.key || err.key.startsWith(`${c.key}.`),
                    `the refusal names ${err.key}, expected ${c.key}: ${err.message}`,
                );
                outcomes.push("refused");
            }
        });
    }
});

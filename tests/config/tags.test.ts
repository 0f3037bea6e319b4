/**
 * Tags and labels per cloud (program/config/tags.ts) against each cloud's documented rules, written out
 * here independently of the code under test:
 * - AWS: https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html#tag-conventions
 *   (key 1-128, value 0-256, letters/digits/white space and `_ . : / = + - @`, no `aws:` prefix,
 *   50 per resource; IAM refuses keys that differ only in case)
 * - Azure: https://learn.microsoft.com/en-us/azure/azure-resource-manager/management/tag-resources#limitations
 *   (name 1-512 without `< > % & \ ? /`, no prefix microsoft/azure/windows, value 0-256, 50 per
 *   resource, names case-insensitive; DNS zones: names without spaces, parentheses, special or
 *   Unicode characters, not starting with a digit, 15 tags on Private DNS zones)
 * - GCP: https://cloud.google.com/resource-manager/docs/labels-overview#requirements
 *   (keys 1-63 starting with a lower-case letter, keys and values lower-case letters, digits, `_`,
 *   `-`, international characters allowed, values 0-63, 64 per resource)
 */
import { strict as assert } from "node:assert";
import fc from "fast-check";
import { parseSettings } from "../../program/config/settings";
import { isConfigError } from "../../program/config/errors";
import { cloudTags, DEFAULT_TAGS, type TagCloud } from "../../program/config/tags";

const cp = (s: string) => [...s].length;
const noCaseDuplicates = (keys: string[]) => new Set(keys.map((k) => k.toLowerCase())).size === keys.length;

function awsAccepts(tags: Record<string, string>): boolean {
    const allowed = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
    const entries = Object.entries(tags);
    return (
        entries.length <= 50 &&
        noCaseDuplicates(Object.keys(tags)) &&
        entries.every(
            ([k, v]) =>
                cp(k) >= 1 &&
                cp(k) <= 128 &&
                cp(v) <= 256 &&
                allowed.test(k) &&
                allowed.test(v) &&
                !/^aws:/i.test(k) &&
                !/^aws:/i.test(v),
        )
    );
}

function azureAccepts(tags: Record<string, string>, privateDnsZone: boolean): boolean {
    const entries = Object.entries(tags);
    return (
        entries.length <= (privateDnsZone ? 15 : 50) &&
        noCaseDuplicates(Object.keys(tags)) &&
        entries.every(
            ([k, v]) =>
                cp(k) >= 1 &&
                cp(k) <= 512 &&
                cp(v) <= 256 &&
                !/[<>%&\\?/]/.test(k) &&
                !/^(microsoft|azure|windows)/i.test(k) &&
                // DNS zones: no spaces or parentheses, no digit first, no special or Unicode characters.
                !/[\s()]/.test(k) &&
                !/^[0-9]/.test(k) &&
                /^[\x21-\x7e]+$/.test(k),
        )
    );
}

function gcpAccepts(labels: Record<string, string>): boolean {
    const entries = Object.entries(labels);
    return (
        entries.length <= 64 &&
        entries.every(
            ([k, v]) =>
                /^[\p{Ll}\p{Lo}][\p{Ll}\p{Lo}\p{N}_-]*$/u.test(k) &&
                cp(k) <= 63 &&
                /^[\p{Ll}\p{Lo}\p{N}_-]*$/u.test(v) &&
                cp(v) <= 63,
        )
    );
}

const accepts: Record<TagCloud, (tags: Record<string, string>) => boolean> = {
    aws: awsAccepts,
    azure: (t) => azureAccepts(t, false),
    gcp: gcpAccepts,
};

/** Keys and values users plausibly write, plus anything at all. */
const text = (maxLength: number) =>
    fc.oneof(
        fc.string({ maxLength }),
        fc.string({ unit: "grapheme", maxLength }),
        fc.string({
            unit: fc.constantFrom(
                "a",
                "B",
                "z",
                "0",
                "9",
                "-",
                "_",
                ".",
                "/",
                ":",
                " ",
                "(",
                "&",
                "%",
                "?",
                "ü",
                "É",
                "日",
                "@",
                "#",
            ),
            maxLength,
        }),
        fc.constantFrom(
            "app.kubernetes.io/part-of",
            "aws:createdBy",
            "AWS:x",
            "Azure-team",
            "microsoftOwner",
            "windows",
            "Environment",
            "environment",
            "cost center",
            "2fa",
            "Part-Of",
            "managed-by",
        ),
        fc.string({ minLength: 60, maxLength: 600 }),
    );
const tagMaps = fc.dictionary(text(80), text(80), { maxKeys: 20 });

describe("tags and labels per cloud", function () {
    this.timeout(60000);

    for (const cloud of ["aws", "azure", "gcp"] as const) {
        it(`${cloud}: every accepted tag map yields tags ${cloud} accepts; every refusal names the tag (or langsmith:tags)`, function () {
            fc.assert(
                fc.property(tagMaps, (userTags) => {
                    let tags: Record<string, string>;
                    try {
                        tags = cloudTags(cloud, userTags);
                    } catch (err) {
                        assert.ok(isConfigError(err), `not a ConfigError: ${String(err)}`);
                        const named = Object.keys(userTags).map((k) => `langsmith:tags.${k}`);
                        assert.ok(err.key === "langsmith:tags" || named.includes(err.key), `refusal names ${err.key}`);
                        return;
                    }
                    assert.ok(accepts[cloud](tags), `${cloud} would refuse ${JSON.stringify(tags)}`);
                }),
                { numRuns: 400 },
            );
        });
    }

    it("azure with a private DNS zone: at most 15 tags, and every accepted map keeps the DNS zone rules", function () {
        fc.assert(
            fc.property(tagMaps, (userTags) => {
                try {
                    assert.ok(azureAccepts(cloudTags("azure", userTags, { azurePrivateDnsZone: true }), true));
                } catch (err) {
                    if (!isConfigError(err)) throw err;
                }
            }),
            { numRuns: 300 },
        );
        const sixteen = Object.fromEntries(Array.from({ length: 14 }, (_, i) => [`team${i}`, "x"]));
        assert.throws(
            () => cloudTags("azure", sixteen, { azurePrivateDnsZone: true }),
            (e: Error & { key?: string }) => e.key === "langsmith:tags" && /Private DNS zones take 15/.test(e.message),
        );
        assert.equal(Object.keys(cloudTags("azure", sixteen)).length, 16);
    });

    it("tags that already keep a cloud's rules pass unchanged, after the project's defaults", function () {
        const plain = fc.stringMatching(/^[a-z][a-z0-9_-]{0,20}$/);
        fc.assert(
            fc.property(fc.dictionary(plain, fc.stringMatching(/^[a-z0-9_-]{0,20}$/), { maxKeys: 10 }), (userTags) => {
                fc.pre(!Object.keys(userTags).some((k) => /^(aws|microsoft|azure|windows)/.test(k)));
                for (const cloud of ["aws", "azure", "gcp"] as const) {
                    assert.deepEqual(cloudTags(cloud, userTags), { ...DEFAULT_TAGS[cloud], ...userTags });
                }
            }),
        );
    });

    it("keeps every accepted tag, even one named __proto__", function () {
        fc.assert(
            fc.property(tagMaps, (userTags) => {
                for (const cloud of ["aws", "azure", "gcp"] as const) {
                    let tags: Record<string, string>;
                    try {
                        tags = cloudTags(cloud, userTags);
                    } catch {
                        continue;
                    }
                    // One tag per user key, plus the defaults no user tag replaced.
                    assert.ok(Object.keys(tags).length >= Object.keys(userTags).length);
                }
            }),
            { numRuns: 200 },
        );
        assert.deepEqual(Object.keys(cloudTags("aws", JSON.parse('{"__proto__": "x"}') as Record<string, string>)), [
            "app.kubernetes.io/part-of",
            "managed-by",
            "__proto__",
        ]);
    });

    it("the defaults keep every cloud's rules (Azure's was app.kubernetes.io/part-of, which ARM refuses)", function () {
        assert.ok(awsAccepts(cloudTags("aws")));
        assert.ok(azureAccepts(cloudTags("azure", {}, { azurePrivateDnsZone: true }), true));
        assert.ok(gcpAccepts(cloudTags("gcp")));
        assert.deepEqual(cloudTags("azure"), { "part-of": "langsmith", "managed-by": "pulumi" });
    });

    it("sanitises where the meaning survives", function () {
        assert.deepEqual(cloudTags("azure", { "app.kubernetes.io/name": "LangSmith", "cost center": "a&b" }), {
            "part-of": "langsmith",
            "managed-by": "pulumi",
            "app.kubernetes.io_name": "LangSmith",
            cost_center: "a&b",
        });
        assert.deepEqual(cloudTags("gcp", { Environment: "Prod EU", "team.name": "Platform" }), {
            "part-of": "langsmith",
            "managed-by": "pulumi",
            environment: "prod_eu",
            team_name: "platform",
        });
        assert.deepEqual(cloudTags("aws", { "owner#1": "a,b" }), {
            "app.kubernetes.io/part-of": "langsmith",
            "managed-by": "pulumi",
            owner_1: "a_b",
        });
        // A user tag replaces the default it matches, case aside.
        assert.deepEqual(cloudTags("azure", { "Part-Of": "platform" }), {
            "managed-by": "pulumi",
            "Part-Of": "platform",
        });
    });

    it("refuses, naming the tag, where the meaning would not survive", function () {
        const refused = (cloud: TagCloud, tags: Record<string, string>, key: string, text: RegExp) =>
            assert.throws(
                () => cloudTags(cloud, tags),
                (e: Error & { key?: string }) => {
                    assert.equal(e.name, "ConfigError");
                    assert.equal(e.key, key);
                    assert.match(e.message, text);
                    return true;
                },
            );
        refused("aws", { "aws:owner": "x" }, "langsmith:tags.aws:owner", /aws: prefix.*tag-editor/);
        refused("aws", { owner: "AWS:team" }, "langsmith:tags.owner", /aws: prefix/);
        refused(
            "aws",
            { Env: "a", env: "b" },
            "langsmith:tags.env",
            /becomes the tag "env", as langsmith:tags.Env does/,
        );
        refused("aws", { ["k".repeat(129)]: "x" }, `langsmith:tags.${"k".repeat(129)}`, /128 characters/);
        refused(
            "azure",
            { "azure-team": "x" },
            "langsmith:tags.azure-team",
            /microsoft, azure or windows.*learn\.microsoft\.com/,
        );
        refused("azure", { "Microsoft.Owner": "x" }, "langsmith:tags.Microsoft.Owner", /reserves/);
        refused("azure", { "a/b": "1", "a?b": "2" }, "langsmith:tags.a?b", /becomes the tag "a_b"/);
        refused("azure", { "2fa": "x" }, "langsmith:tags.2fa", /start with a letter/);
        refused("azure", { équipe: "x" }, "langsmith:tags.équipe", /outside ASCII/);
        refused("azure", { owner: "v".repeat(257) }, "langsmith:tags.owner", /256/);
        refused("gcp", { Team: "a", team: "b" }, "langsmith:tags.team", /becomes the label "team"/);
        refused("gcp", { owner: "v".repeat(64) }, "langsmith:tags.owner", /63 characters.*labels-overview/);
        refused("aws", { "": "x" }, "langsmith:tags.", /empty tag key/);
        const many = Object.fromEntries(Array.from({ length: 49 }, (_, i) => [`t${i}`, "x"]));
        assert.throws(
            () => cloudTags("aws", many),
            (e: Error & { key?: string }) => e.key === "langsmith:tags" && /51 tags.*AWS allows 50/.test(e.message),
        );
    });

    it("config validation refuses such tags before any resource exists, for the stack's cloud only", function () {
        const base = { licenseKey: "k", chart: { initialOrgAdminEmail: "a@example.com" } };
        const aws = { ...base, cloud: "aws", aws: { region: "us-east-1", clusterName: "c" } };
        const sub = "00000000-1111-2222-3333-444444444444";
        const azure = {
            ...base,
            cloud: "azure",
            azure: {
                location: "eastus",
                resourceGroupName: "rg",
                clusterName: "aks",
                createNetwork: {
                    virtualNetworkId: `/subscriptions/${sub}/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/v`,
                    subnetAddressPrefix: "10.0.8.0/28",
                },
            },
        };
        assert.throws(
            () => parseSettings({ ...azure, tags: { "azure-owner": "x" } }),
            (e: Error & { key?: string }) => e.key === "langsmith:tags.azure-owner",
        );
        assert.throws(
            () => parseSettings({ ...aws, tags: { "aws:owner": "x" } }),
            (e: Error & { key?: string }) => e.key === "langsmith:tags.aws:owner",
        );
        // `azure-owner` is fine on AWS; `app.kubernetes.io/name` fine on AWS, rewritten on Azure.
        assert.deepEqual(parseSettings({ ...aws, tags: { "azure-owner": "x" } }).tags, { "azure-owner": "x" });
        const fourteen = Object.fromEntries(Array.from({ length: 14 }, (_, i) => [`team${i}`, "x"]));
        assert.throws(
            () => parseSettings({ ...azure, tags: fourteen }),
            (e: Error & { key?: string }) => e.key === "langsmith:tags",
        );
    });
});

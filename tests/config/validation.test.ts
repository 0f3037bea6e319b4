import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import fc from "fast-check";
import { stringify as toYaml } from "yaml";
import { parseSettings } from "../../program/config/settings";
import { isConfigError } from "../../program/config/errors";
import { synthConfig } from "../support/synth";
import { awsBase, BASES, toPulumiConfig, type RawConfig } from "../support/baseConfigs";
import { INVALID_CASES } from "./invalidConfigs";

/** A message names the key, then says what is wrong and what to do. */
const FIX_WORDS = /\b(set|remove|use|run|raise|fix|choose|turn|change|add)\b/;

function expectConfigError(fn: () => unknown, key: string): string {
    try {
        fn();
    } catch (err) {
        assert.ok(isConfigError(err), `expected a ConfigError, got ${String(err)}`);
        assert.equal(err.key, key, `wrong key in: ${err.message}`);
        assert.ok(err.message.startsWith(`${key}: `), err.message);
        assert.match(err.message, FIX_WORDS, `the message must say what to do: ${err.message}`);
        assert.ok(!/\n\s+at /.test(err.message), "no stack trace in the message");
        return err.message;
    }
    assert.fail(`expected ${key} to be rejected`);
}

function mutated(c: (typeof INVALID_CASES)[number]): RawConfig {
    const raw = structuredClone(BASES[c.base ?? "aws"]());
    c.mutate(raw);
    return raw;
}

describe("config validation", function () {
    it("accepts the valid base config of each cloud", function () {
        for (const base of Object.values(BASES)) parseSettings(base());
        const settings = parseSettings(awsBase());
        assert.equal(settings.cloud, "aws");
        assert.equal(settings.postgres.version, 17);
        assert.equal(settings.postgres.sslMode, "require");
        // parseSettings without a stack: the example stack langsmith/dev (the program passes its own).
        assert.equal(settings.kubernetes.namespace, "langsmith-dev");
    });

    it(`has a corpus of at least 40 invalid configs (${INVALID_CASES.length})`, function () {
        assert.ok(INVALID_CASES.length >= 40);
    });

    describe("each invalid config fails with one message naming the key and the fix", function () {
        for (const c of INVALID_CASES) {
            it(`${c.what} -> ${c.key}`, function () {
                expectConfigError(() => parseSettings(mutated(c)), c.key);
            });
        }
    });

    describe("the program under mocks registers zero resources for each invalid config", function () {
        for (const c of INVALID_CASES) {
            it(`${c.what}`, async function () {
                const registrations: unknown[] = [];
                const secretKeys = ["langsmith:licenseKey"];
                await assert.rejects(
                    () => synthConfig("invalid", toPulumiConfig(mutated(c)), secretKeys, false, registrations),
                    (err: unknown) => isConfigError(err) && err.key === c.key,
                );
                assert.equal(registrations.length, 0, "no resource may be registered before validation passes");
            });
        }
    });

    it("refuses a license key stored in plain text", async function () {
        const registrations: unknown[] = [];
        await assert.rejects(
            () => synthConfig("plain", toPulumiConfig(awsBase()), [], false, registrations),
            (err: unknown) => isConfigError(err) && err.key === "langsmith:licenseKey" && /--secret/.test(err.message),
        );
        assert.equal(registrations.length, 0);
    });

    describe("the synth CLI", function () {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ls-stacks-"));
        const synth = path.join(__dirname, "..", "..", "tools", "synth.js");
        for (const c of INVALID_CASES.filter((x) =>
            ["PostgreSQL 13", "IAM without TLS (disable)", "an upper-case namespace"].includes(x.what),
        )) {
            it(`exits non-zero with only the message on stderr and no JSON: ${c.what}`, function () {
                const raw = mutated(c);
                delete raw.licenseKey; // the CLI stands in a secret placeholder, as for real stacks
                fs.writeFileSync(
                    path.join(dir, "Pulumi.bad.yaml"),
                    toYaml({
                        config: Object.fromEntries(
                            Object.entries(toPulumiConfig(raw)).map(([k, v]) => [k, raw[k.slice(10)] ?? v]),
                        ),
                    }),
                );
                let status = 0;
                let stdout = "";
                let stderr = "";
                try {
                    stdout = execFileSync("node", [synth, "--stack", "bad", "--json", "--stack-dir", dir], {
                        encoding: "utf8",
                        stdio: "pipe",
                    });
                } catch (err) {
                    const e = err as { status: number; stdout: string; stderr: string };
                    status = e.status;
                    stdout = e.stdout;
                    stderr = e.stderr;
                }
                assert.equal(status, 2);
                assert.equal(stdout, "", "no JSON on stdout");
                assert.equal(stderr.trim().split("\n").length, 1, `one line: ${stderr}`);
                assert.ok(stderr.startsWith(`error: ${c.key}: `), stderr);
                assert.ok(!/\bat .+:\d+:\d+/.test(stderr), "no stack trace");
            });
        }
    });

    describe("property-based: random configs either validate or fail with a keyed message, never crash", function () {
        const anyValue = fc.oneof(
            fc.string(),
            fc.integer({ min: -5, max: 70000 }),
            fc.boolean(),
            fc.constant(null),
            fc.double(),
            fc.array(fc.string(), { maxLength: 3 }),
        );
        const keyOf = (keys: string[]) => fc.constantFrom(...keys);
        const block = (keys: string[]) => fc.dictionary(keyOf(keys), anyValue, { maxKeys: 4 });
        const arbitraryConfig = fc.record(
            {
                cloud: fc.oneof(fc.constantFrom("aws", "gcp", "azure"), anyValue),
                production: fc.oneof(fc.boolean(), anyValue),
                licenseKey: fc.oneof(fc.string(), anyValue),
                aws: fc.oneof(
                    block(["region", "clusterName", "identityMode", "vpcId", "subnetIds", "oidcProviderArn", "typo"]),
                    anyValue,
                ),
                postgres: fc.oneof(
                    block([
                        "version",
                        "storageGb",
                        "sslMode",
                        "iamUser",
                        "schema",
                        "database",
                        "previousIamUser",
                        "dropPreviousIamUser",
                        "backupRetentionDays",
                        "verison",
                    ]),
                    anyValue,
                ),
                kubernetes: fc.oneof(block(["namespace", "bootstrapNamespace", "context", "kubeconfig"]), anyValue),
                chart: fc.oneof(
                    block([
                        "version",
                        "releaseName",
                        "hostname",
                        "authType",
                        "basicAuth",
                        "initialOrgAdminEmail",
                        "deployments",
                    ]),
                    anyValue,
                ),
                helmValues: fc.oneof(fc.dictionary(fc.string(), anyValue, { maxKeys: 3 }), anyValue),
            },
            { requiredKeys: [] },
        );
        it("holds for 500 generated configs", function () {
            fc.assert(
                fc.property(arbitraryConfig, (raw) => {
                    try {
                        parseSettings(raw);
                    } catch (err) {
                        if (!isConfigError(err)) throw err;
                        assert.match(err.message, /^langsmith:[A-Za-z0-9_.@ -]*: \S/);
                        assert.match(err.message, FIX_WORDS);
                    }
                }),
                { numRuns: 500, seed: 20261124 },
            );
        });
        it("holds for mutations of a valid config (one key replaced by a random value)", function () {
            const paths = [
                ["cloud"],
                ["aws", "region"],
                ["aws", "clusterName"],
                ["postgres", "version"],
                ["postgres", "iamUser"],
                ["postgres", "sslMode"],
                ["kubernetes", "namespace"],
                ["chart", "version"],
                ["chart", "hostname"],
            ];
            fc.assert(
                fc.property(fc.constantFrom(...paths), anyValue, (p, value) => {
                    const raw = structuredClone(awsBase()) as Record<string, Record<string, unknown>>;
                    if (p.length === 1) (raw as RawConfig)[p[0]] = value;
                    else raw[p[0]] = { ...(raw[p[0]] ?? {}), [p[1]]: value };
                    try {
                        parseSettings(raw);
                    } catch (err) {
                        if (!isConfigError(err)) throw err;
                        assert.match(err.message, FIX_WORDS);
                    }
                }),
                { numRuns: 500, seed: 7 },
            );
        });
    });
});

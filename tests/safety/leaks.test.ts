import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { SECRET_PLACEHOLDER, listStacks, type SynthResult } from "../../tools/offline/synthesize";
import { helmValues, synthStack } from "../support/synth";

/**
 * Every leaf string (8+ characters) that the masked run hides behind "[secret]": the values the same
 * run generated or read as secrets (license key, admin passwords, salts, encryption keys).
 */
function hiddenValues(masked: unknown, shown: unknown, out = new Set<string>()): Set<string> {
    if (masked === SECRET_PLACEHOLDER && shown !== SECRET_PLACEHOLDER) {
        const collect = (v: unknown) => {
            if (typeof v === "string" && v.length >= 8) out.add(v);
            else if (v !== null && typeof v === "object") Object.values(v).forEach(collect);
        };
        collect(shown);
    } else if (masked !== null && typeof masked === "object" && shown !== null && typeof shown === "object") {
        for (const key of Object.keys(masked))
            hiddenValues((masked as Record<string, unknown>)[key], (shown as Record<string, unknown>)[key], out);
    }
    return out;
}

/** Secrets that are not Kubernetes/cloud plumbing: the admin password, salts, keys, the license key. */
function secretValues(masked: SynthResult, shown: SynthResult): string[] {
    const values = hiddenValues(masked.resources, shown.resources);
    // A Secret's stringData is masked whole; the connection URL inside it is not a secret (no password).
    for (const r of shown.resources.filter((x) => x.type === "kubernetes:core/v1:Secret")) {
        const url = (r.inputs.stringData as Record<string, string> | undefined)?.connection_url;
        if (url) values.delete(url);
    }
    return [...values];
}

describe("no secret in plain text", function () {
    for (const name of listStacks()) {
        describe(name, function () {
            let masked: SynthResult;
            let shown: SynthResult;
            before(async function () {
                masked = await synthStack(name);
                shown = await synthStack(name, { showSecrets: true });
            });

            it("the masked preview contains none of the secret values the same run generated or read", function () {
                const secrets = secretValues(masked, shown);
                assert.ok(
                    secrets.includes(`offline-placeholder-langsmith-licenseKey`),
                    "the license key is among the secrets",
                );
                assert.ok(
                    secrets.length >= 4,
                    `expected the license key, salts and passwords, found ${secrets.length}`,
                );
                const text = JSON.stringify(masked);
                const leaked = secrets.filter((s) => text.includes(s));
                assert.deepEqual(leaked, []);
            });

            it("Helm values hold only Secret references", function () {
                const secrets = secretValues(masked, shown);
                const values = JSON.stringify(helmValues(shown));
                assert.deepEqual(
                    secrets.filter((s) => values.includes(s)),
                    [],
                );
                assert.match(values, /"existingSecretName":"[a-z0-9-]+"/);
            });

            it("stack outputs carry no secret value (but the initial admin password, itself a secret output)", function () {
                const secrets = secretValues(masked, shown);
                // The one output that is meant to carry a secret, and only as a secret output.
                const secretOutputs = Object.keys(masked.outputs).filter((k) => masked.outputs[k] === "[secret]");
                assert.ok(
                    secretOutputs.every((k) => k === "initialAdminPassword"),
                    secretOutputs.join(", "),
                );
                const outputs = JSON.stringify({ ...shown.outputs, initialAdminPassword: undefined });
                assert.deepEqual(
                    secrets.filter((s) => outputs.includes(s)),
                    [],
                );
            });
        });
    }

    it("`synth --json` (the CLI, without --show-secrets) prints none of them", async function () {
        const masked = await synthStack("aws-prod");
        const shown = await synthStack("aws-prod", { showSecrets: true });
        const stdout = execFileSync(
            "node",
            [path.join(__dirname, "..", "..", "tools", "synth.js"), "--stack", "aws-prod", "--json"],
            { encoding: "utf8" },
        );
        const secrets = secretValues(masked, shown);
        assert.ok(JSON.parse(stdout).resources.length > 0);
        assert.deepEqual(
            secrets.filter((s) => stdout.includes(s)),
            [],
        );
    });
});

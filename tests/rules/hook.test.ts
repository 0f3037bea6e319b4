/**
 * The hook: synthesize() runs the rules layer on every recorded input, with secrets read in memory,
 * and fails with one error that names the resource, the property, the rule and its page, and never
 * shows a secret value. There is no option to turn it off.
 */
import { strict as assert } from "node:assert";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { isServiceRulesError } from "../../tools/offline/rules";
import { synthesize } from "../../tools/offline/synthesize";

const SECRET_PASSWORD = "nosymbolPassword1";

/** A tiny program: a password whose minimums exceed its length, and a Secret with a weak admin password. */
function brokenProgram(): Record<string, unknown> {
    new random.RandomPassword("too-short", { length: 4, minUpper: 3, minLower: 3 });
    new k8s.core.v1.Secret("langsmith-config", {
        metadata: { namespace: "langsmith" },
        stringData: { initial_org_admin_password: pulumi.secret(SECRET_PASSWORD) },
    });
    return {};
}

async function synthBroken(showSecrets: boolean): Promise<unknown> {
    try {
        await synthesize({
            project: "langsmith-iam",
            stack: "hook-test",
            config: {},
            showSecrets,
            program: brokenProgram,
        });
    } catch (err) {
        return err;
    }
    return undefined;
}

describe("service rules: the synthesize() hook", function () {
    this.timeout(30000);

    it("fails the preview with every violation: resource, property, rule and page", async () => {
        const err = await synthBroken(false);
        assert.ok(
            isServiceRulesError(err),
            `expected the rules layer to refuse the preview, got ${err instanceof Error ? err.message : "no error"}`,
        );
        assert.deepEqual(err.violations.map((v) => v.rule).sort(), [
            "langsmith.secret.initial-org-admin-password",
            "random.password.length",
        ]);
        for (const v of err.violations) {
            assert.ok(
                err.message.includes(v.name) &&
                    err.message.includes(v.rule) &&
                    err.message.includes(v.url) &&
                    err.message.includes(v.property),
                err.message,
            );
        }
    });

    it("reads secrets (the password rule needs the real value) but never prints them, even with --show-secrets", async () => {
        for (const showSecrets of [false, true]) {
            const err = await synthBroken(showSecrets);
            assert.ok(isServiceRulesError(err));
            assert.match(err.message, /initial_org_admin_password: the value has no symbol/);
            assert.ok(!err.message.includes(SECRET_PASSWORD), "the error shows the secret value");
        }
    });

    it("has no switch: the options of synthesize() cannot turn the rules off", () => {
        const source = synthesize.toString();
        assert.match(source, /checkServiceRules\(/);
        assert.doesNotMatch(source, /process\.env/);
    });
});

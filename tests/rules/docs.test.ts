/** docs/RULES.md is generated from the rule registry: it must match the code. */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { ALL_RULES } from "../../tools/offline/rules";
import { RULES_DOC, rulesMarkdown } from "../../tools/offline/rules/docs";
import { projectRoot } from "../../tools/offline/synthesize";

describe("docs/RULES.md", () => {
    it("is up to date with the rule registry (regenerate: node dist/tools/offline/rules/docs.js)", () => {
        const have = fs.readFileSync(path.join(projectRoot(), RULES_DOC), "utf8");
        assert.equal(have, rulesMarkdown());
    });

    it("lists every rule with its page", () => {
        const doc = rulesMarkdown();
        for (const rule of ALL_RULES)
            assert.ok(doc.includes(`\`${rule.id}\``) && doc.includes(`(${rule.url})`), rule.id);
    });
});

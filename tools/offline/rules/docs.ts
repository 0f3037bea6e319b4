/**
 * docs/RULES.md, generated from the rule registry so the table cannot drift from the code:
 * `node dist/tools/offline/rules/docs.js` writes it, `--check` fails when it is stale
 * (tests/rules/docs.test.ts runs the same comparison).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { RULES_BY_PROVIDER } from ".";
import { projectRoot } from "../synthesize";

export const RULES_DOC = "docs/RULES.md";

const PROVIDER_TITLES: Record<string, string> = {
    aws: "AWS",
    gcp: "Google Cloud",
    azure: "Azure",
    kubernetes: "Kubernetes and Helm",
    random: "Random provider",
    langsmith: "LangSmith (the app's own rules)",
};

function cell(text: string): string {
    return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\n/g, " ");
}

export function rulesMarkdown(): string {
    const all = Object.values(RULES_BY_PROVIDER).flat();
    const lines = [
        "<!-- Generated from tools/offline/rules by `node dist/tools/offline/rules/docs.js`; do not edit (tests/rules/docs.test.ts fails when this is stale). -->",
        "# Service rules: what the offline preview refuses",
        "",
        "`npm run synth` and every test that synthesises run the program under mocks, then check every input of every",
        "resource against the rules below (secrets are read in memory and never printed). One broken rule fails the",
        "preview with the resource, the property, what is wrong, the rule id and the page the rule comes from.",
        "Components of this package (`langsmith-iam:index:*`) hold no cloud inputs of their own; their children are checked.",
        "",
        `${all.length} rules on ${new Set(all.map((r) => r.resourceType)).size} resource types:`,
        "",
        "| provider | rules | resource types |",
        "|---|---|---|",
        ...Object.entries(RULES_BY_PROVIDER).map(
            ([p, rules]) =>
                `| ${PROVIDER_TITLES[p] ?? p} | ${rules.length} | ${new Set(rules.map((r) => r.resourceType)).size} |`,
        ),
    ];
    for (const [provider, rules] of Object.entries(RULES_BY_PROVIDER)) {
        lines.push(
            "",
            `## ${PROVIDER_TITLES[provider] ?? provider}`,
            "",
            "| id | resource type | property | rule | page |",
            "|---|---|---|---|---|",
        );
        for (const r of rules)
            lines.push(
                `| \`${r.id}\` | \`${r.resourceType}\` | ${cell(r.property)} | ${cell(r.description)} | [page](${r.url}) |`,
            );
    }
    return lines.join("\n") + "\n";
}

if (require.main === module) {
    const file = path.join(projectRoot(), RULES_DOC);
    const want = rulesMarkdown();
    if (process.argv.includes("--check")) {
        const have = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
        if (have !== want) {
            process.stderr.write(
                `${RULES_DOC} is stale; run: npx tsc -p tsconfig.dev.json && node dist/tools/offline/rules/docs.js\n`,
            );
            process.exit(1);
        }
    } else {
        fs.writeFileSync(file, want);
        process.stdout.write(`wrote ${RULES_DOC}\n`);
    }
}

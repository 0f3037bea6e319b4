/**
 * docs/components/bootstrapSql.md: the bootstrap SQL builder and the per-cloud IAM role models, from
 * the code itself: each model's JSDoc (who creates the login, who owns the objects, why), its fields,
 * and the script `bootstrapSql` builds with it for a sample database. A change to a model or to the
 * SQL shows up in this page (and the stale-docs test) in review.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import {
    AWS_IAM_ROLE_MODEL,
    AZURE_IAM_ROLE_MODEL,
    bootstrapSql,
    GCP_IAM_ROLE_MODEL,
    type IamRoleModel,
} from "../../components/postgres";

const SOURCE = "components/postgres/bootstrapSql.ts";
const MODELS: Record<string, IamRoleModel> = { AWS_IAM_ROLE_MODEL, GCP_IAM_ROLE_MODEL, AZURE_IAM_ROLE_MODEL };
/** The sample the scripts are built for: what examples/orders asks for. */
const SAMPLE = { database: "orders", schema: "public", iamUser: "orders_app", extensions: ["pgcrypto"] };

/** The JSDoc text of each exported `const` of a source file, by name. */
export function constDocs(sourceText: string): Record<string, string> {
    const file = ts.createSourceFile("source.ts", sourceText, ts.ScriptTarget.Latest, true);
    const docs: Record<string, string> = {};
    for (const statement of file.statements) {
        if (!ts.isVariableStatement(statement)) continue;
        const jsDoc = (statement as ts.Node & { jsDoc?: ts.JSDoc[] }).jsDoc?.at(-1);
        const text = jsDoc ? ts.getTextOfJSDocComment(jsDoc.comment) : undefined;
        for (const decl of statement.declarationList.declarations)
            if (ts.isIdentifier(decl.name) && text)
                docs[decl.name.text] = text
                    .replace(/\{@link\s+([^}\s]+)\s*\}/g, "`$1`")
                    .replace(/\s*\n\s*/g, " ")
                    .trim();
    }
    return docs;
}

/** The page, from the source of the models (their JSDoc) and the models themselves. */
export function roleModelsPage(notice: string, root: string): string {
    const docs = constDocs(fs.readFileSync(path.join(root, SOURCE), "utf8"));
    const lines = [
        notice,
        "# Bootstrap SQL and the per-cloud IAM role models",
        "",
        "The SQL that makes a workload's IAM identity a PostgreSQL login able to run its migrations, for RDS, Cloud SQL",
        "and Azure's flexible server. `DatabaseBootstrap` runs it in the cluster (`iamLogin`); a program that bootstraps",
        "its own way builds it with the same function:",
        "",
        "```ts",
        'import { AWS_IAM_ROLE_MODEL, bootstrapSql } from "langsmith-iam/postgres"; // loads no Pulumi or cloud SDK',
        "",
        `const sql = bootstrapSql({ model: AWS_IAM_ROLE_MODEL, ${Object.entries(SAMPLE)
            .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
            .join(", ")} });`,
        "```",
        "",
        "Run it as the cloud's administrator with `psql -v ON_ERROR_STOP=1 --single-transaction -f`. Every statement is",
        "idempotent. `extensions` defaults to `LANGSMITH_EXTENSIONS` (LangSmith's six); another workload passes its own.",
        "",
        "| Model | `roleCreation` | `iamGrantRole` | `ownership` | `principalScript` |",
        "| --- | --- | --- | --- | --- |",
        ...Object.entries(MODELS).map(
            ([name, m]) =>
                `| \`${name}\` | \`${m.roleCreation}\` | ${m.iamGrantRole ? `\`${m.iamGrantRole}\`` : "none"} | \`${m.ownership ?? "iamUser"}\` | ${m.principalScript ? `\`${m.principalScript}\`` : "none"} |`,
        ),
        "",
    ];
    for (const [name, model] of Object.entries(MODELS)) {
        lines.push(
            `## ${name}`,
            "",
            docs[name] ?? "(no JSDoc)",
            "",
            "```sql",
            bootstrapSql({ model, ...SAMPLE }).trimEnd(),
            "```",
            "",
        );
    }
    return lines.join("\n");
}

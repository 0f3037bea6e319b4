/**
 * The generated docs (Mermaid resource graphs per cloud, one page per component from the inferred
 * schema) are regenerated in memory and compared with docs/: a code or JSDoc change without
 * `npm run docs` fails here.
 */
import * as assert from "node:assert/strict";
import { CLOUDS, collectInputs, generateDocs, staleFiles, type DocsInputs } from "../../tools/docs/generate";
import { mermaidGraph } from "../../tools/docs/mermaid";
import { REPO_ROOT } from "../support/pack";
import { packageSchema } from "../support/schema";

describe("generated docs (npm run docs)", function () {
    this.timeout(180_000);
    let inputs: DocsInputs;
    let files: Map<string, string>;
    before(async function () {
        inputs = await collectInputs(REPO_ROOT, await packageSchema());
        files = generateDocs(inputs);
    });

    it("are up to date in docs/generated and docs/components", function () {
        assert.deepEqual(
            staleFiles(REPO_ROOT, files),
            [],
            "generated docs are stale: run `npm run docs` and commit the result",
        );
    });

    it("have a page per component listing every argument of the schema", function () {
        for (const [token, resource] of Object.entries(inputs.schema.resources)) {
            const page = files.get(`docs/components/${token.split(":")[2]}.md`);
            assert.ok(page, `${token} has no page`);
            for (const input of Object.keys(resource.inputProperties ?? {}))
                assert.ok(page.includes(`| \`${input}\` |`), `${token}: ${input} is not in its args table`);
        }
    });

    for (const cloud of CLOUDS) {
        it(`draw the ${cloud} stack: every resource, components as subgraphs, the release after the bootstrap Job`, function () {
            const result = inputs.stacks[cloud];
            const graph = mermaidGraph(result);
            const drawn = result.resources.filter((r) => !r.type.startsWith("pulumi:providers:"));
            for (const r of drawn) assert.ok(graph.includes(`<b>${r.name}</b>`), `${r.type} ${r.name} is not drawn`);
            assert.equal((graph.match(/^\s*subgraph /gm) ?? []).length, drawn.filter((r) => !r.custom).length);
            const id = (type: string) =>
                /^\s*(r\d+)\[/m.exec(graph.split("\n").find((l) => l.includes(`"${type}<br/>`)) ?? "")?.[1];
            const job = id("kubernetes:batch/v1:Job");
            const release = id("kubernetes:helm.sh/v3:Release");
            assert.ok(
                job && release && graph.includes(`    ${job} --> ${release}\n`),
                "the release must be drawn after the bootstrap Job",
            );
            assert.ok(files.get(`docs/generated/${cloud}.md`)?.includes("```mermaid\nflowchart LR\n"));
        });
    }
});

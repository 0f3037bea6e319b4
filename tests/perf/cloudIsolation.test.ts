/**
 * Every stack loads only its own cloud's SDK: the program runs under mocks in a CHILD process (a
 * clean `require.cache`), and the loaded module list must hold the stack's cloud SDK and no file of
 * another cloud's SDK (nor azure-native's top-level index).
 */
import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import * as path from "node:path";
import { CLOUD_PACKAGES, cloudOfStack, isolationViolations } from "../../tools/bench/clouds";
import type { LoadedModulesReport } from "../../tools/bench/loadedModules";
import { listStacks, projectRoot } from "../../tools/offline/synthesize";

const root = projectRoot();
const childScript = path.join(root, "dist", "tools", "bench", "loadedModules.js");

/** Runs each stack's child process, two at a time (the machine's cores), and keeps the reports. */
async function loadedModules(stacks: string[]): Promise<Map<string, LoadedModulesReport>> {
    const reports = new Map<string, LoadedModulesReport>();
    const queue = [...stacks];
    const worker = async () => {
        for (let stack = queue.shift(); stack !== undefined; stack = queue.shift()) {
            const { stdout } = await promisify(execFile)(process.execPath, [childScript, "--stack", stack], {
                cwd: root,
                encoding: "utf8",
                maxBuffer: 64 * 1024 * 1024,
            });
            reports.set(stack, JSON.parse(stdout) as LoadedModulesReport);
        }
    };
    await Promise.all([worker(), worker()]);
    return reports;
}

describe("cloud isolation: a stack loads only its own cloud's SDK", function () {
    const stacks = listStacks(root);
    let reports: Map<string, LoadedModulesReport>;
    before(async function () {
        this.timeout(120000);
        reports = await loadedModules(stacks);
    });
    it("has stacks to check", () => assert.ok(stacks.length > 0, "no stacks/Pulumi.*.yaml found"));
    for (const stack of stacks) {
        it(`${stack}: no other cloud's SDK in require.cache`, function () {
            const cloud = cloudOfStack(stack, root);
            const report = reports.get(stack);
            assert.ok(report, `no report for ${stack}`);
            assert.ok(report.resources > 0, "the program registered no resources");
            // Not vacuous: the stack's own SDK must show up, so the list really is the program's.
            const own = `/node_modules/${CLOUD_PACKAGES[cloud]}/`;
            assert.ok(
                report.modules.some((m) => m.split("\\").join("/").includes(own)),
                `${stack} (${cloud}) never loaded ${CLOUD_PACKAGES[cloud]}`,
            );
            assert.deepEqual(
                isolationViolations(cloud, report.modules),
                [],
                `${stack} (${cloud}) loaded another cloud's SDK`,
            );
        });
        it(`${stack}: pg's quoting functions without its client (the bootstrap SQL needs two pure functions)`, function () {
            const modules = (reports.get(stack)?.modules ?? []).map((m) => m.split("\\").join("/"));
            assert.ok(
                modules.some((m) => m.endsWith("/node_modules/pg/lib/utils.js")),
                "pg/lib/utils.js not loaded",
            );
            assert.deepEqual(
                modules.filter((m) => /\/node_modules\/pg(-pool|-protocol)?\/lib\/(index|client)\.js$/.test(m)),
                [],
            );
        });
    }
});

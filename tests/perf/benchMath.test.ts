/** The pure parts of the benchmark: medians, the critical path on small hand-made graphs, the chain verdict, isolation rules. */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { CLOUD_MODULES, isolationViolations } from "../../tools/bench/clouds";
import { criticalPath, providerUrn, type GraphResource } from "../../tools/bench/criticalPath";
import { deployPlan } from "../../tools/bench/deployPlan";
import { npmErrorSummary } from "../../tools/bench/footprint";
import { median } from "../../tools/bench/stats";

const urn = (type: string, name: string) => `urn:pulumi:s::p::${type}::${name}`;
function res(type: string, name: string, extra: Partial<GraphResource> = {}): GraphResource {
    return { urn: urn(type, name), type, name, custom: true, parent: null, dependencies: [], provider: null, ...extra };
}

describe("bench: median", () => {
    it("takes the middle of an odd count and the mean of the two middles of an even count, regardless of order", () => {
        assert.equal(median([5, 1, 3]), 3);
        assert.equal(median([4, 1, 3, 2]), 2.5);
        assert.equal(median([7]), 7);
    });
    it("refuses an empty list", () => assert.throws(() => median([]), /empty/));
});

describe("bench: critical path", () => {
    const secs: Record<string, number> = { db: 600, job: 90, release: 300, role: 10, sa: 1, ns: 2, comp: 0 };
    const secondsOf = (r: GraphResource) => (r.custom ? (secs[r.name] ?? 0) : 0);

    it("follows the longest dependency chain and sums it, not the serial total", () => {
        const db = res("t:db", "db");
        const role = res("t:role", "role");
        const ns = res("t:ns", "ns");
        const job = res("t:job", "job", { dependencies: [db.urn, ns.urn] });
        const sa = res("t:sa", "sa", { dependencies: [role.urn] });
        const release = res("t:rel", "release", { dependencies: [job.urn, sa.urn] });
        const p = criticalPath([db, role, ns, job, sa, release], secondsOf);
        assert.equal(p.totalSeconds, 990);
        assert.equal(p.serialSeconds, 1003);
        assert.deepEqual(
            p.steps.map((s) => [s.name, s.start, s.finish]),
            [
                ["db", 0, 600],
                ["job", 600, 690],
                ["release", 690, 990],
            ],
        );
    });

    it("treats a dependency on a component as waiting for all of its children", () => {
        const comp = res("c:Comp", "comp", { custom: false });
        const db = res("t:db", "db", { parent: comp.urn });
        const role = res("t:role", "role", { parent: comp.urn });
        const job = res("t:job", "job", { dependencies: [comp.urn] });
        const p = criticalPath([comp, db, role, job], secondsOf);
        assert.equal(p.totalSeconds, 690);
        assert.deepEqual(
            p.steps.map((s) => s.name),
            ["db", "job"],
        );
    });

    it("makes children of a component wait for the component's own dependencies (the SDK awaits the parent URN)", () => {
        const db = res("t:db", "db");
        const comp = res("c:Comp", "comp", { custom: false, dependencies: [db.urn] });
        const role = res("t:role", "role", { parent: comp.urn });
        const p = criticalPath([db, comp, role], secondsOf);
        assert.equal(p.totalSeconds, 610);
        assert.deepEqual(
            p.steps.map((s) => [s.name, s.start]),
            [
                ["db", 0],
                ["role", 600],
            ],
        );
    });

    it("waits for the provider named by `<urn>::<id>`", () => {
        const prov = res("pulumi:providers:k8s", "ns");
        const ns = res("t:ns", "ns", { provider: `${prov.urn}::some-id` });
        assert.equal(providerUrn(ns.provider!), prov.urn);
        assert.equal(criticalPath([prov, ns], secondsOf).totalSeconds, 4);
    });

    it("reports a dependency cycle instead of looping", () => {
        const a = res("t:a", "role", { dependencies: [urn("t:b", "sa")] });
        const b = res("t:b", "sa", { dependencies: [a.urn] });
        assert.throws(() => criticalPath([a, b], secondsOf), /cycle/);
    });
});

describe("bench: the unavoidable chain verdict", () => {
    const db = res("aws:rds/instance:Instance", "db");
    const job = res("kubernetes:batch/v1:Job", "job", { dependencies: [db.urn] });
    it("passes database -> bootstrap -> release", () => {
        const release = res("kubernetes:helm.sh/v3:Release", "rel", { dependencies: [job.urn] });
        const plan = deployPlan([db, job, release]);
        assert.equal(plan.ok, true);
        assert.deepEqual(plan.slowChain, ["database", "bootstrap", "release"]);
        assert.equal(plan.chainSeconds, plan.totalSeconds);
    });
    it("fails when something slow is serialised into the chain (a second database before the release)", () => {
        const replica = res("aws:rds/instance:Instance", "replica", { dependencies: [job.urn] });
        const release = res("kubernetes:helm.sh/v3:Release", "rel", { dependencies: [replica.urn] });
        const plan = deployPlan([db, job, replica, release]);
        assert.equal(plan.ok, false);
        assert.deepEqual(plan.slowChain, ["database", "bootstrap", "database", "release"]);
    });
    it("fails when the release does not wait for the bootstrap", () => {
        const release = res("kubernetes:helm.sh/v3:Release", "rel", { dependencies: [db.urn] });
        assert.equal(deployPlan([db, job, release]).ok, false);
    });
    it("lists custom types missing from the durations table", () => {
        assert.deepEqual(deployPlan([db, res("x:y/z:Z", "z")]).unknownTypes, ["x:y/z:Z"]);
    });
});

describe("bench: cloud isolation rule", () => {
    const nm = "/p/node_modules/@pulumi";
    it("flags other clouds' SDK files and azure-native's top-level index, not the stack's own SDK", () => {
        const loaded = [`${nm}/aws/index.js`, `${nm}/gcp/sql/index.js`, `${nm}/pulumi/index.js`];
        assert.deepEqual(isolationViolations("aws", loaded), [`${nm}/gcp/sql/index.js`]);
        assert.deepEqual(isolationViolations("azure", [`${nm}/azure-native/dbforpostgresql/index.js`]), []);
        assert.deepEqual(isolationViolations("azure", [`${nm}/azure-native/index.js`]), [
            `${nm}/azure-native/index.js`,
        ]);
    });
});

describe("bench: npm error summary", () => {
    it("names the lock-file drift instead of npm's usage text", () => {
        const stderr = [
            "npm error code EUSAGE",
            "npm error",
            "npm error `npm ci` can only install packages when ...",
            "npm error Missing: a@ from lock file",
            "npm error Missing: b@ from lock file",
            "npm error Usage:",
        ].join("\n");
        assert.equal(
            npmErrorSummary(stderr),
            "lock file out of sync with package.json: 2 missing, e.g. a@ from lock file",
        );
    });
    it("otherwise keeps the first lines after the error code, shortened", () => {
        assert.equal(
            npmErrorSummary("npm error code E404\nnpm error 404 Not Found - GET x\nnpm error more\nnpm error rest"),
            "404 Not Found - GET x more",
        );
    });
});

describe("the Azure floor", function () {
    it("loads exactly the azure-native modules the Azure components and the Azure deploy import", function () {
        const root = path.join(__dirname, "..", "..", "..");
        const files = [
            ...fs
                .readdirSync(path.join(root, "components", "azure"))
                .filter((x) => x.endsWith(".ts"))
                .map((f) => path.join(root, "components", "azure", f)),
            path.join(root, "program", "deploy", "azure.ts"),
        ];
        const imported = new Set<string>();
        for (const f of files) {
            for (const m of fs.readFileSync(f, "utf8").matchAll(/"(@pulumi\/azure-native\/[a-z]+)"/g))
                imported.add(m[1]);
        }
        assert.deepEqual([...CLOUD_MODULES.azure].sort(), [...imported].sort());
    });
});

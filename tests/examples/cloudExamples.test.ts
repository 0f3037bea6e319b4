/**
 * examples/orders-gcp and examples/orders-azure, as the team that copies them would run them: the
 * PACKED package installed in a copy of the example, type-checked and built with the example's own
 * tsconfig, then run under the package's own test helper (`langsmith-iam/testing`, loaded from the
 * installed tarball). The assertions compare with the mocked world's answers (the cluster look-up,
 * the identity the mocks created), not with the shapes of the mocks' invented ids.
 */
import * as assert from "node:assert/strict";
import { execFile, execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import type * as testing from "../../components/testing";
import { checkResources } from "../../tools/offline/rules";
import { loadStackConfig } from "../../tools/offline/synthesize";
import { installPacked, packPackage, REPO_ROOT } from "../support/pack";

/** What the example's run under the package's mocks recorded (CloudMocks' records, as JSON). */
interface ExampleRun {
    work: string;
    mocks: Recorded;
    outputs: Record<string, unknown>;
    /** Modules of the installed package the run loaded, relative to its lib/. */
    loaded: string[];
}

/** `CloudMocks`' records with its look-up helpers. */
class Recorded {
    constructor(
        readonly resources: testing.MockedResource[],
        readonly calls: testing.MockedCall[],
    ) {}
    ofType(type: string): testing.MockedResource[] {
        return this.resources.filter((r) => r.type === type);
    }
    one(type: string, name?: string): testing.MockedResource {
        const found = this.ofType(type).filter((r) => name === undefined || r.name === name);
        assert.equal(found.length, 1, `one ${type}${name ? ` named ${name}` : ""}`);
        return found[0];
    }
}

/**
 * The example's own test, as its team would write it with the package's helper (`langsmith-iam/testing`
 * from the installed tarball): mocks on, the stack's config, the program, then every value recorded.
 * Run in its own Node process, like the team's test runner, so the Pulumi runtime it mocks is its own.
 */
const RUNNER = `
const path = require("node:path");
const pulumi = require("@pulumi/pulumi");
const { setCloudMocks, valueOf } = require("langsmith-iam/testing");
const [project, configJson, secretKeysJson] = process.argv.slice(2);
(async () => {
    const mocks = await setCloudMocks({ project, stack: "dev" });
    pulumi.runtime.setAllConfig(JSON.parse(configJson), JSON.parse(secretKeysJson));
    const exported = require("./bin/program.js").ordersDatabase();
    await mocks.settled();
    const outputs = {};
    for (const [key, value] of Object.entries(exported)) outputs[key] = await valueOf(value);
    const lib = path.join(__dirname, "node_modules", "langsmith-iam", "lib") + path.sep;
    const loaded = Object.keys(require.cache).filter((f) => f.startsWith(lib)).map((f) => f.slice(lib.length));
    process.stdout.write(JSON.stringify({ resources: mocks.resources, calls: mocks.calls, outputs, loaded }));
})().catch((err) => {
    process.stderr.write(String(err && err.stack || err));
    process.exit(1);
});
`;

/** Installs the tarball into a copy of the example, builds it, and runs it under the package's mocks. */
async function runExample(example: string): Promise<ExampleRun> {
    const source = path.join(REPO_ROOT, "examples", example);
    const work = installPacked((await packPackage()).tarball, `example-${example}-`);
    for (const file of fs.readdirSync(source))
        if (!["node_modules", "bin"].includes(file)) fs.copyFileSync(path.join(source, file), path.join(work, file));
    execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", path.join(work, "tsconfig.json")], {
        cwd: work,
        stdio: "pipe",
    });
    fs.writeFileSync(path.join(work, "run.js"), RUNNER);
    const { config, secretKeys } = loadStackConfig(path.join(work, "Pulumi.dev.yaml"));
    const { stdout } = await promisify(execFile)(
        process.execPath,
        ["run.js", example, JSON.stringify(config), JSON.stringify(secretKeys)],
        { cwd: work, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
    );
    const run = JSON.parse(stdout) as {
        resources: testing.MockedResource[];
        calls: testing.MockedCall[];
        outputs: Record<string, unknown>;
        loaded: string[];
    };
    return { work, mocks: new Recorded(run.resources, run.calls), outputs: run.outputs, loaded: run.loaded };
}

/** The documented service input rules (tools/offline/rules) over what the mocks recorded. */
function ruleViolations(mocks: Recorded): string[] {
    return checkResources(
        mocks.resources.map((r) => ({ urn: r.name, type: r.type, name: r.name, inputs: r.inputs, outputs: r.state })),
    ).map((v) => `${v.type} ${v.name}: ${v.property}: ${v.message}`);
}

/** The example's sources import the package only by name, through its own cloud's entry. */
function assertPublicImports(example: string, entry: string): void {
    for (const file of ["index.ts", "program.ts"]) {
        const text = fs.readFileSync(path.join(REPO_ROOT, "examples", example, file), "utf8");
        const specifiers = [...text.matchAll(/from "([^"]+)"/g)].map((m) => m[1]);
        assert.ok(
            specifiers.every((s) => (!s.startsWith(".") || s === "./program") && !s.includes("components")),
            `${file} imports ${specifiers.join(", ")}`,
        );
        assert.ok(
            specifiers.filter((s) => s.startsWith("langsmith-iam")).every((s) => s === entry),
            `${file}: only ${entry}`,
        );
    }
}

/** The bootstrap script the example's DatabaseBootstrap runs. */
function bootstrapScript(mocks: Recorded): string {
    return (mocks.one("kubernetes:core/v1:ConfigMap").inputs.data as Record<string, string>)["bootstrap.sql"];
}

describe("examples/orders-gcp: another service on GKE adopts the packed package", function () {
    this.timeout(180_000);
    let run: ExampleRun;
    before(async () => (run = await runExample("orders-gcp")));
    after(() => run?.work && fs.rmSync(run.work, { recursive: true, force: true }));

    it("imports only langsmith-iam/gcp, and loads no other cloud's modules", function () {
        assertPublicImports("orders-gcp", "langsmith-iam/gcp");
        const loaded = run.loaded;
        assert.ok(loaded.includes(path.join("gcp", "index.js")));
        assert.deepEqual(
            loaded.filter((f) => f.startsWith(`aws${path.sep}`) || f.startsWith(`azure${path.sep}`)),
            [],
        );
    });

    it("puts the instance on the VPC the GKE look-up reports, and connects to its private IP", function () {
        const cluster = run.mocks.calls.find((c) => c.token === "gcp:container/getCluster:getCluster");
        assert.ok(cluster, "the example looks the cluster up");
        const instance = run.mocks.one("gcp:sql/databaseInstance:DatabaseInstance");
        const ip = (instance.inputs.settings as { ipConfiguration: Record<string, unknown> }).ipConfiguration;
        assert.equal(ip.privateNetwork, cluster.result.network);
        assert.equal(ip.ipv4Enabled, false);
        assert.equal(run.outputs.databaseHost, instance.state.privateIpAddress);
        assert.equal(run.outputs.connectionName, instance.state.connectionName);
    });

    it("logs in as the Cloud SQL IAM user of the Google service account that only orders/orders-api may act as", function () {
        const account = run.mocks.one("gcp:serviceaccount/account:Account");
        const email = String(account.state.email);
        const user = run.mocks.one("gcp:sql/user:User", "orders-db-iam-user");
        assert.equal(user.inputs.type, "CLOUD_IAM_SERVICE_ACCOUNT");
        assert.equal(user.inputs.name, email.replace(/\.gserviceaccount\.com$/, ""));
        assert.equal(run.outputs.databaseUser, user.inputs.name);
        const pool = run.mocks.calls.find((c) => c.token === "gcp:container/getCluster:getCluster")?.result
            .workloadIdentityConfigs as { workloadPool: string }[];
        const members = run.mocks.ofType("gcp:serviceaccount/iAMMember:IAMMember").map((b) => b.inputs.member);
        assert.deepEqual(members, [`serviceAccount:${pool[0].workloadPool}[orders/orders-api]`]);
    });

    it("bootstraps the login the GCP way with only the extensions the service asks for", function () {
        const sql = bootstrapScript(run.mocks);
        const user = String(run.outputs.databaseUser);
        assert.match(sql, new RegExp(`^GRANT "orders_owner" TO "${user.replace(/[.]/g, "\\.")}";$`, "m"));
        assert.match(sql, /^CREATE EXTENSION IF NOT EXISTS "pgcrypto";$/m);
        assert.doesNotMatch(sql, /btree_gin/);
    });

    it("meets the services' documented input rules", function () {
        assert.deepEqual(ruleViolations(run.mocks), []);
    });
});

describe("examples/orders-azure: another service on AKS adopts the packed package", function () {
    this.timeout(180_000);
    let run: ExampleRun;
    before(async () => (run = await runExample("orders-azure")));
    after(() => run?.work && fs.rmSync(run.work, { recursive: true, force: true }));

    it("imports only langsmith-iam/azure, and loads no other cloud's modules", function () {
        assertPublicImports("orders-azure", "langsmith-iam/azure");
        const loaded = run.loaded;
        assert.ok(loaded.includes(path.join("azure", "index.js")));
        assert.deepEqual(
            loaded.filter((f) => f.startsWith(`aws${path.sep}`) || f.startsWith(`gcp${path.sep}`)),
            [],
        );
    });

    it("makes the managed identity the server's Entra administrator and connects to the server's FQDN", function () {
        const identity = run.mocks.one("azure-native:managedidentity:UserAssignedIdentity");
        const admin = run.mocks.one("azure-native:dbforpostgresql:AdministratorsMicrosoftEntra");
        assert.equal(admin.inputs.objectId, identity.state.principalId);
        assert.equal(admin.inputs.principalName, identity.state.name);
        assert.equal(admin.inputs.tenantId, identity.state.tenantId);
        assert.equal(run.outputs.databaseUser, identity.state.name);
        assert.equal(run.outputs.clientId, identity.state.clientId);
        const server = run.mocks.one("azure-native:dbforpostgresql:Server");
        assert.equal(run.outputs.databaseHost, server.state.fullyQualifiedDomainName);
    });

    it("trusts exactly orders/orders-api, as signed by the issuer the AKS look-up reports", function () {
        const cluster = run.mocks.calls.find((c) => c.token === "azure-native:containerservice:getManagedCluster");
        assert.ok(cluster, "the example looks the cluster up");
        const credentials = run.mocks.ofType("azure-native:managedidentity:FederatedIdentityCredential");
        assert.deepEqual(
            credentials.map((c) => [c.inputs.issuer, c.inputs.subject]),
            [
                [
                    (cluster.result.oidcIssuerProfile as { issuerURL: string }).issuerURL,
                    "system:serviceaccount:orders:orders-api",
                ],
            ],
        );
    });

    it("allow-lists and creates only the extensions the service asks for, and grants (not owns) the database", function () {
        const extensions = run.mocks
            .ofType("azure-native:dbforpostgresql:Configuration")
            .find((c) => c.inputs.configurationName === "azure.extensions");
        assert.equal(extensions?.inputs.value, "PGCRYPTO");
        const sql = bootstrapScript(run.mocks);
        assert.match(
            sql,
            new RegExp(`^GRANT ALL PRIVILEGES ON DATABASE "orders" TO "${String(run.outputs.databaseUser)}";$`, "m"),
        );
        assert.doesNotMatch(sql, /OWNER TO/);
        assert.match(sql, /^CREATE EXTENSION IF NOT EXISTS "pgcrypto";$/m);
    });

    it("meets the services' documented input rules", function () {
        assert.deepEqual(ruleViolations(run.mocks), []);
    });
});

/**
 * examples/orders-gcp and examples/orders-azure, as the team that copies them would run them: the
 * PACKED package installed in a copy of the example, type-checked and built with the example's own
 * tsconfig, then run under the package's own test helper (`langsmith-iam/testing`, loaded from the
 * installed tarball). The assertions compare with the mocked world's answers (the cluster look-up,
 * the identities the mocks created), not with the shapes of the mocks' invented ids. Both examples
 * bootstrap without a password, as an identity of their own that only the Job's service account may use.
 */
import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import type * as testing from "../../components/testing";
import { checkResources } from "../../tools/offline/rules";
import { loadStackConfig } from "../../tools/offline/synthesize";
import { builtExample } from "../support/consumerBuilds";
import { REPO_ROOT } from "../support/pack";

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

/** The example built against the installed tarball (support/consumerBuilds), run under the package's mocks. */
async function runExample(example: string): Promise<ExampleRun> {
    const work = await builtExample(example);
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

/** The workload pool the GKE look-up reports. */
function workloadPool(mocks: Recorded): string {
    const cluster = mocks.calls.find((c) => c.token === "gcp:container/getCluster:getCluster");
    assert.ok(cluster, "the example looks the cluster up");
    return (cluster.result.workloadIdentityConfigs as { workloadPool: string }[])[0].workloadPool;
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

interface EnvVar {
    name: string;
    value?: unknown;
}
interface Container {
    name: string;
    env: EnvVar[];
}

/** What the example's bootstrap Job runs as: its pod spec, and the service account that spec names. */
function bootstrapJob(mocks: Recorded) {
    const job = mocks.one("kubernetes:batch/v1:Job");
    const template = (job.inputs.spec as { template: { metadata: { labels: Record<string, string> }; spec: never } })
        .template;
    const pod = template.spec as {
        serviceAccountName: string;
        initContainers: Container[];
        containers: Container[];
    };
    const account = mocks
        .ofType("kubernetes:core/v1:ServiceAccount")
        .filter(
            (sa) =>
                (sa.inputs.metadata as { name: string }).name === pod.serviceAccountName &&
                (sa.inputs.metadata as { namespace: string }).namespace ===
                    (job.inputs.metadata as { namespace: string }).namespace,
        );
    assert.equal(account.length, 1, `the Job's service account ${pod.serviceAccountName}`);
    return {
        namespace: (job.inputs.metadata as { namespace: string }).namespace,
        podLabels: template.metadata.labels,
        pod,
        serviceAccount: account[0].inputs.metadata as { name: string; annotations?: Record<string, string> },
        env: (container: string) =>
            Object.fromEntries(
                [...(pod.initContainers ?? []), ...pod.containers]
                    .find((c) => c.name === container)!
                    .env.map((e) => [e.name, e.value]),
            ),
    };
}

/** No Kubernetes Secret and no generated password anywhere in what the example creates. */
function assertNoPassword(mocks: Recorded): void {
    assert.deepEqual(
        mocks.resources.filter((r) => r.type === "kubernetes:core/v1:Secret" || r.type.startsWith("random:")),
        [],
    );
    const passwords = mocks.resources.filter((r) => JSON.stringify(r.inputs).match(/"[a-zA-Z]*[pP]assword"\s*:/));
    assert.deepEqual(
        passwords.map((r) => r.name),
        [],
    );
}

/**
 * A generic component names no product of ours in what it creates: another team's resources carry
 * their own words (component type tokens, `langsmith-iam:index:...`, are the package's name, not inputs).
 */
function assertNoLangSmithNames(mocks: Recorded): void {
    const named = mocks.resources
        // The package's own annotation domain (`langsmith-iam/...`) is its name, like the type tokens.
        .filter((r) => /langsmith(?!-iam\/)/i.test(JSON.stringify(r.inputs)))
        .map(
            (r) => `${r.type} ${r.name}: ${JSON.stringify(r.inputs).match(/.{0,40}langsmith(?!-iam\/).{0,40}/i)?.[0]}`,
        );
    assert.deepEqual(named, []);
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
        const account = run.mocks.one("gcp:serviceaccount/account:Account", "orders-identity-sa");
        const email = String(account.state.email);
        assert.equal(run.outputs.googleServiceAccount, email);
        const user = run.mocks.one("gcp:sql/user:User", "orders-db-iam-user");
        assert.equal(user.inputs.type, "CLOUD_IAM_SERVICE_ACCOUNT");
        assert.equal(user.inputs.name, email.replace(/\.gserviceaccount\.com$/, ""));
        assert.equal(user.inputs.databaseRoles, undefined, "the app's login is no Cloud SQL administrator");
        assert.equal(run.outputs.databaseUser, user.inputs.name);
        const binding = run.mocks.one("gcp:serviceaccount/iAMMember:IAMMember", "orders-identity-wi-orders-api");
        assert.equal(binding.inputs.member, `serviceAccount:${workloadPool(run.mocks)}[orders/orders-api]`);
        assert.equal(binding.inputs.serviceAccountId, account.state.name);
    });

    it("bootstraps without a password, as a Google service account of its own that only the Job's service account may act as", function () {
        const account = run.mocks.one("gcp:serviceaccount/account:Account", "orders-bootstrap-identity-sa");
        const email = String(account.state.email);
        assert.equal(run.outputs.bootstrapGoogleServiceAccount, email);
        assert.notEqual(email, run.outputs.googleServiceAccount);
        const user = run.mocks.one("gcp:sql/user:User", "orders-db-bootstrap-user");
        assert.equal(user.inputs.type, "CLOUD_IAM_SERVICE_ACCOUNT");
        assert.equal(user.inputs.name, email.replace(/\.gserviceaccount\.com$/, ""));
        assert.deepEqual(user.inputs.databaseRoles, ["cloudsqlsuperuser"]);
        assert.deepEqual(
            run.mocks.ofType("gcp:sql/user:User").map((u) => u.inputs.type),
            ["CLOUD_IAM_SERVICE_ACCOUNT", "CLOUD_IAM_SERVICE_ACCOUNT"],
            "no built-in user",
        );
        const job = bootstrapJob(run.mocks);
        const binding = run.mocks.one(
            "gcp:serviceaccount/iAMMember:IAMMember",
            "orders-bootstrap-identity-wi-orders-db-bootstrap",
        );
        assert.equal(binding.inputs.serviceAccountId, account.state.name);
        assert.equal(
            binding.inputs.member,
            `serviceAccount:${workloadPool(run.mocks)}[${job.namespace}/${job.serviceAccount.name}]`,
        );
        assert.deepEqual(
            run.mocks.ofType("gcp:serviceaccount/iAMMember:IAMMember").map((b) => b.name),
            ["orders-identity-wi-orders-api", "orders-bootstrap-identity-wi-orders-db-bootstrap"],
        );
        assert.notEqual(job.namespace, "orders");
        assert.equal(job.serviceAccount.annotations?.["iam.gke.io/gcp-service-account"], email);
        const psql = job.env("psql");
        assert.equal(psql.PGUSER, user.inputs.name);
        assert.equal(run.outputs.databaseBootstrapUser, user.inputs.name);
        assert.equal(psql.PGSSLMODE, "verify-full");
        // libpq verifies the instance's DNS name and connects to its private IP.
        const instance = run.mocks.one("gcp:sql/databaseInstance:DatabaseInstance");
        assert.equal(psql.PGHOSTADDR, instance.state.privateIpAddress);
        assert.equal(
            psql.PGHOST,
            String(instance.state.dnsName).replace(/\.$/, ""),
            "the DNS name, without the root dot",
        );
        assertNoPassword(run.mocks);
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

    it("carries no LangSmith names in what the generic components create", function () {
        assertNoLangSmithNames(run.mocks);
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

    it("makes the bootstrap's own managed identity the Entra administrator, the app's a normal principal, and connects to the server's FQDN", function () {
        const identity = run.mocks.one("azure-native:managedidentity:UserAssignedIdentity", "orders-identity-identity");
        const bootstrapIdentity = run.mocks.one(
            "azure-native:managedidentity:UserAssignedIdentity",
            "orders-bootstrap-identity-identity",
        );
        const admin = run.mocks.one("azure-native:dbforpostgresql:AdministratorsMicrosoftEntra");
        assert.equal(admin.inputs.objectId, bootstrapIdentity.state.principalId);
        assert.equal(admin.inputs.principalName, bootstrapIdentity.state.name);
        assert.equal(admin.inputs.tenantId, bootstrapIdentity.state.tenantId);
        assert.notEqual(admin.inputs.objectId, identity.state.principalId);
        assert.equal(run.outputs.databaseBootstrapUser, bootstrapIdentity.state.name);
        assert.equal(run.outputs.databaseUser, identity.state.name);
        assert.equal(run.outputs.clientId, identity.state.clientId);
        assert.equal(run.outputs.bootstrapClientId, bootstrapIdentity.state.clientId);
        // The bootstrap creates the app's principal first, in database postgres, with the app identity's object id.
        const data = run.mocks.one("kubernetes:core/v1:ConfigMap").inputs.data as Record<string, string>;
        assert.match(data["pre.sql"], /pgaadauth_create_principal_with_oid/);
        assert.ok(data["pre.sql"].includes(String(identity.state.principalId)), data["pre.sql"]);
        assert.ok(data["pre.sql"].includes(String(identity.state.name)), data["pre.sql"]);
        const job = bootstrapJob(run.mocks);
        assert.equal(job.env("pre-sql").PGDATABASE, "postgres");
        const server = run.mocks.one("azure-native:dbforpostgresql:Server");
        assert.equal(run.outputs.databaseHost, server.state.fullyQualifiedDomainName);
        assert.equal(job.env("psql").PGHOST, server.state.fullyQualifiedDomainName);
    });

    it("bootstraps without a password: authentication Entra only, the Job on its own service account with its identity's token", function () {
        const server = run.mocks.one("azure-native:dbforpostgresql:Server");
        const auth = server.inputs.authConfig as Record<string, unknown>;
        assert.equal(auth.passwordAuth, "Disabled");
        assert.equal(auth.activeDirectoryAuth, "Enabled");
        assert.equal(server.inputs.administratorLogin, undefined);
        const bootstrapIdentity = run.mocks.one(
            "azure-native:managedidentity:UserAssignedIdentity",
            "orders-bootstrap-identity-identity",
        );
        const job = bootstrapJob(run.mocks);
        assert.notEqual(job.namespace, "orders");
        assert.equal(
            job.serviceAccount.annotations?.["azure.workload.identity/client-id"],
            bootstrapIdentity.state.clientId,
        );
        assert.equal(job.podLabels["azure.workload.identity/use"], "true");
        for (const container of ["pre-sql", "psql"]) {
            assert.equal(job.env(container).PGUSER, bootstrapIdentity.state.name);
            assert.equal(job.env(container).PGSSLMODE, "verify-full");
        }
        assertNoPassword(run.mocks);
    });

    it("trusts exactly orders/orders-api for the app, and the Job's service account for the bootstrap, as signed by the issuer the AKS look-up reports", function () {
        const cluster = run.mocks.calls.find((c) => c.token === "azure-native:containerservice:getManagedCluster");
        assert.ok(cluster, "the example looks the cluster up");
        const issuer = (cluster.result.oidcIssuerProfile as { issuerURL: string }).issuerURL;
        const job = bootstrapJob(run.mocks);
        const credentials = run.mocks.ofType("azure-native:managedidentity:FederatedIdentityCredential");
        const identities = run.mocks.ofType("azure-native:managedidentity:UserAssignedIdentity");
        const nameOf = (resourceName: unknown) => identities.find((i) => i.state.name === resourceName)?.name;
        assert.deepEqual(
            credentials.map((c) => [nameOf(c.inputs.resourceName), c.inputs.issuer, c.inputs.subject]),
            [
                ["orders-identity-identity", issuer, "system:serviceaccount:orders:orders-api"],
                [
                    "orders-bootstrap-identity-identity",
                    issuer,
                    `system:serviceaccount:${job.namespace}:${job.serviceAccount.name}`,
                ],
            ],
        );
    });

    it("allow-lists and creates only the extensions the service asks for; the app gets the owner role, not an administrator's", function () {
        const extensions = run.mocks
            .ofType("azure-native:dbforpostgresql:Configuration")
            .find((c) => c.inputs.configurationName === "azure.extensions");
        assert.equal(extensions?.inputs.value, "PGCRYPTO");
        const sql = bootstrapScript(run.mocks);
        const user = String(run.outputs.databaseUser);
        assert.match(sql, new RegExp(`^GRANT "orders_owner" TO "${user}";$`, "m"));
        assert.match(sql, /^ALTER DATABASE "orders" OWNER TO "orders_owner";$/m);
        assert.match(sql, /^CREATE EXTENSION IF NOT EXISTS "pgcrypto";$/m);
        assert.doesNotMatch(sql, /btree_gin/);
    });

    it("meets the services' documented input rules", function () {
        assert.deepEqual(ruleViolations(run.mocks), []);
    });

    it("carries no LangSmith names in what the generic components create", function () {
        assertNoLangSmithNames(run.mocks);
    });
});

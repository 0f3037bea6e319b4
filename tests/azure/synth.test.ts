/**
 * The Azure path under Pulumi mocks: what `pulumi up` would register for the Azure stacks and a few
 * variants, checked field by field (Entra settings, extensions allow-list, the administrator
 * mapping, federated credentials, annotations, pod labels, the connection URL, production guards).
 */
import { strict as assert } from "node:assert";
import { parse as parseYaml } from "yaml";
import { parseSettings, rawConfigFromPulumi } from "../../program/config/settings";
import { serviceAccountsFor } from "../../program/deploy/kubernetesSide";
import { runProgram } from "../../program";
import {
    listStacks,
    loadStackConfig,
    stackFile,
    synthesize,
    type SynthResource,
    type SynthResult,
} from "../../tools/offline/synthesize";
import type { MockWorld } from "../../tools/offline/cloudMocks";

type Values = Record<string, unknown>;

async function synth(
    stack: string,
    overrides: Record<string, unknown> = {},
    world: Partial<MockWorld> = {},
): Promise<{ result: SynthResult; config: Record<string, string> }> {
    const { config, secretKeys } = loadStackConfig(stackFile(stack));
    for (const [k, v] of Object.entries(overrides))
        config[`langsmith:${k}`] = typeof v === "string" ? v : JSON.stringify(v);
    const result = await synthesize({
        project: "langsmith",
        stack,
        config,
        secretKeys,
        showSecrets: true,
        world,
        program: runProgram,
    });
    return { result, config };
}

const ofType = (r: SynthResult, type: string) => r.resources.filter((x) => x.type === `azure-native:${type}`);
function one(r: SynthResult, type: string, name?: string): SynthResource {
    const found = r.resources.filter(
        (x) => (x.type === type || x.type === `azure-native:${type}`) && (name === undefined || x.name === name),
    );
    assert.equal(found.length, 1, `expected one ${type}, found ${found.length}`);
    return found[0];
}
/** The app's managed identity, or the bootstrap Job's own (`langsmith-bootstrap-identity`). */
function identityOf(r: SynthResult, which: "app" | "bootstrap"): SynthResource {
    const name = which === "app" ? "langsmith-identity-identity" : "langsmith-bootstrap-identity-identity";
    const found = ofType(r, "managedidentity:UserAssignedIdentity").filter((x) => x.name === name);
    assert.equal(found.length, 1, `expected one ${which} identity`);
    return found[0];
}
function at(values: Values, path: string[]): unknown {
    return path.reduce<unknown>(
        (cur, k) => (cur !== null && typeof cur === "object" ? (cur as Values)[k] : undefined),
        values,
    );
}

describe("Azure path under mocks", function () {
    this.timeout(60000);
    let dev: SynthResult;
    let devConfig: Record<string, string>;
    let prod: SynthResult;

    before(async function () {
        ({ result: dev, config: devConfig } = await synth("azure-dev"));
        ({ result: prod } = await synth("azure-prod"));
    });

    it("every Azure stack synthesizes with a server, an identity and a release", async function () {
        const stacks = listStacks().filter((s) => s.startsWith("azure-"));
        assert.deepEqual(stacks, ["azure-dev", "azure-prod"]);
        for (const r of [dev, prod]) {
            one(r, "dbforpostgresql:Server");
            assert.equal(ofType(r, "managedidentity:UserAssignedIdentity").length, 2, "the app's and the bootstrap's");
            one(r, "kubernetes:helm.sh/v3:Release");
            assert.equal(r.outputs.cloud, "azure");
        }
    });

    it("server: Entra auth only (password auth Disabled, no administrator login), private access only, TLS required, version and SKU", function () {
        const server = one(dev, "dbforpostgresql:Server").inputs;
        const identity = identityOf(dev, "bootstrap").outputs;
        assert.deepEqual(server.authConfig, {
            activeDirectoryAuth: "Enabled",
            passwordAuth: "Disabled",
            tenantId: identity.tenantId,
        });
        assert.equal(server.administratorLogin, undefined);
        assert.equal(server.administratorLoginPassword, undefined);
        assert.deepEqual(
            dev.resources.filter(
                (r) =>
                    r.type === "random:index/randomPassword:RandomPassword" &&
                    !r.urn.includes("langsmith-iam:index:LangSmith$"),
            ),
            [],
            "no generated database password",
        );
        const network = server.network as Values;
        assert.equal(network.publicNetworkAccess, "Disabled");
        assert.equal(server.version, "17");
        assert.deepEqual(server.sku, { name: "Standard_B2ms", tier: "Burstable" });
        assert.equal((server.highAvailability as Values).mode, "Disabled");
        const tls = ofType(dev, "dbforpostgresql:Configuration").find(
            (c) => c.inputs.configurationName === "require_secure_transport",
        );
        assert.equal(tls?.inputs.value, "on");

        const prodServer = one(prod, "dbforpostgresql:Server").inputs;
        assert.deepEqual(prodServer.sku, { name: "Standard_D2ds_v5", tier: "GeneralPurpose" });
        assert.equal((prodServer.highAvailability as Values).mode, "ZoneRedundant");
        assert.deepEqual(prodServer.backup, { backupRetentionDays: 14, geoRedundantBackup: "Enabled" });
        const prodCfg = loadStackConfig(stackFile("azure-prod")).config;
        const azureCfg = JSON.parse(prodCfg["langsmith:azure"]) as Values;
        assert.deepEqual(prodServer.network, {
            delegatedSubnetResourceId: azureCfg.delegatedSubnetId,
            privateDnsZoneArmResourceId: azureCfg.privateDnsZoneId,
            publicNetworkAccess: "Disabled",
        });
    });

    it("azure.extensions allow-lists LangSmith's extensions, merged with the user's", async function () {
        const value = (r: SynthResult) =>
            String(
                ofType(r, "dbforpostgresql:Configuration").find(
                    (c) => c.inputs.configurationName === "azure.extensions",
                )?.inputs.value,
            );
        assert.equal(value(dev), "BTREE_GIN,BTREE_GIST,CITEXT,LTREE,PGCRYPTO,PG_TRGM");
        const azure = JSON.parse(devConfig["langsmith:azure"]) as Values;
        const { result } = await synth("azure-dev", {
            azure: { ...azure, extraExtensions: ["pg_stat_statements", "citext"] },
        });
        assert.equal(value(result), "BTREE_GIN,BTREE_GIST,CITEXT,LTREE,PGCRYPTO,PG_STAT_STATEMENTS,PG_TRGM");
    });

    it("server operations run one at a time: parameters, then the Entra administrator, then the database", function () {
        const chain = [
            one(dev, "dbforpostgresql:Server"),
            ...ofType(dev, "dbforpostgresql:Configuration"),
            one(dev, "dbforpostgresql:AdministratorsMicrosoftEntra"),
            one(dev, "dbforpostgresql:Database"),
        ];
        for (let i = 1; i < chain.length; i++) {
            assert.ok(
                chain[i].dependencies.includes(chain[i - 1].urn),
                `${chain[i].name} must wait for ${chain[i - 1].name}`,
            );
        }
    });

    it("the bootstrap's identity is the Entra administrator (service principal, its name and principal id), the app's is not", function () {
        const identity = identityOf(dev, "bootstrap").outputs;
        const admin = one(dev, "dbforpostgresql:AdministratorsMicrosoftEntra").inputs;
        assert.equal(admin.principalType, "servicePrincipal");
        assert.equal(admin.principalName, identity.name);
        assert.equal(admin.principalName, "langsmith-bootstrap");
        assert.notEqual(
            admin.objectId,
            identityOf(dev, "app").outputs.principalId,
            "the app identity is no administrator",
        );
        assert.equal(dev.outputs.databaseIamUser, "langsmith");
        assert.equal(dev.outputs.databaseBootstrapUser, "langsmith-bootstrap");
        assert.ok(identity.principalId, "the mocked identity has a principal id");
        assert.equal(admin.objectId, identity.principalId);
        assert.equal(admin.tenantId, identity.tenantId);
        assert.equal(one(dev, "dbforpostgresql:Database").inputs.databaseName, "langsmith");
    });

    it("the Job creates the app's Entra principal in database postgres first, as the bootstrap identity with its token", function () {
        const job = one(dev, "kubernetes:batch/v1:Job");
        const pod = ((job.inputs.spec as Values).template as Values).spec as Values;
        const init = pod.initContainers as Values[];
        assert.deepEqual(
            init.map((c) => c.name),
            ["credential", "pre-sql", "create-databases", "database-0", "database-1"],
            "the token first, then the principal, the agents' databases, then (main container) the database script",
        );
        const envOf = (c: Values) =>
            Object.fromEntries((c.env as Values[]).map((e) => [e.name, e.value])) as Record<string, unknown>;
        const pre = envOf(init[1]);
        const main = envOf((pod.containers as Values[])[0]);
        assert.equal(pre.PGDATABASE, "postgres");
        assert.equal(main.PGDATABASE, "langsmith");
        for (const env of [pre, main]) {
            assert.equal(env.PGUSER, "langsmith-bootstrap");
            assert.equal(env.PGSSLMODE, "verify-full");
            assert.equal(env.PGPASSWORD, undefined);
        }
        assert.ok((init[1].command as string[]).includes("/bootstrap/pre.sql"));
        const data = one(dev, "kubernetes:core/v1:ConfigMap", "langsmith-db-bootstrap-sql").inputs.data as Values;
        const app = identityOf(dev, "app").outputs;
        assert.match(
            String(data["pre.sql"]),
            new RegExp(`pgaadauth_create_principal_with_oid\\('langsmith', '${String(app.principalId)}', 'service'`),
        );
    });

    it("one federated credential per Postgres-connecting service account, exact subjects, AKS issuer, token-exchange audience", async function () {
        const { result, config } = await synth("azure-dev", {
            chart: {
                initialOrgAdminEmail: "a@example.com",
                hostname: "ls.example.com",
                deployments: true,
                insights: true,
                polly: true,
            },
        });
        const accounts = serviceAccountsFor(parseSettings(rawConfigFromPulumi(config))).map((sa) => sa.name);
        assert.equal(accounts.length, 10);
        const app = identityOf(result, "app");
        const all = ofType(result, "managedidentity:FederatedIdentityCredential");
        const creds = all.filter((c) => c.inputs.resourceName === app.outputs.name);
        // The bootstrap's identity trusts exactly the bootstrap's own service account, nothing of LangSmith's.
        const bootstrapCreds = all.filter(
            (c) => c.inputs.resourceName === identityOf(result, "bootstrap").outputs.name,
        );
        assert.deepEqual(
            bootstrapCreds.map((c) => c.inputs.subject),
            ["system:serviceaccount:langsmith-db-bootstrap:langsmith-db-bootstrap"],
        );
        assert.equal(creds.length + bootstrapCreds.length, all.length);
        assert.deepEqual(
            creds.map((c) => c.inputs.subject).sort(),
            accounts.map((sa) => `system:serviceaccount:langsmith:${sa}`).sort(),
        );
        const issuer = String(result.outputs.oidcIssuerUrl);
        assert.match(issuer, /^https:\/\/eastus\.oic\.prod-aks\.azure\.com\//);
        const identity = app;
        for (const c of creds) {
            assert.equal(c.inputs.issuer, issuer);
            assert.deepEqual(c.inputs.audiences, ["api://AzureADTokenExchange"]);
            assert.equal(c.inputs.resourceName, identity.outputs.name);
        }
        // Azure refuses concurrent credential writes on one identity: each waits for the one before.
        for (let i = 1; i < creds.length; i++) assert.ok(creds[i].dependencies.includes(creds[i - 1].urn));
        // The release waits for every credential.
        const release = one(result, "kubernetes:helm.sh/v3:Release");
        for (const c of creds) assert.ok(release.dependencies.includes(c.urn), `the release must wait for ${c.name}`);
    });

    it("service accounts are annotated with the identity's client id", function () {
        const clientId = identityOf(dev, "app").outputs.clientId;
        const sas = dev.resources.filter(
            (r) =>
                r.type === "kubernetes:core/v1:ServiceAccount" &&
                (r.inputs.metadata as Values).namespace === "langsmith",
        );
        // The four core workloads and the Insights and Polly agents' api servers and queues.
        assert.equal(sas.length, 8);
        for (const sa of sas)
            assert.deepEqual((sa.inputs.metadata as Values).annotations, {
                "azure.workload.identity/client-id": clientId,
            });
        assert.equal(dev.outputs.identityClientId, clientId);
    });

    it("every Postgres-connecting Deployment and backend Job carries azure.workload.identity/use=true", async function () {
        const { result } = await synth("azure-dev", {
            chart: {
                initialOrgAdminEmail: "a@example.com",
                hostname: "ls.example.com",
                deployments: true,
                insights: true,
                polly: true,
            },
        });
        const values = one(result, "kubernetes:helm.sh/v3:Release").inputs.values as Values;
        // From the chart facts, written out here rather than read from the code under test.
        const paths = [
            "backend.deployment.labels",
            "backend.migrations.labels",
            "backend.clickhouseMigrations.labels",
            "backend.authBootstrap.labels",
            "backend.backfillCheck.labels",
            "backend.e2eTest.labels",
            "queue.deployment.labels",
            "ingestQueue.deployment.labels",
            "platformBackend.deployment.labels",
            "hostBackend.deployment.labels",
            "listener.deployment.labels",
            "engineInsightsAgent.apiServer.deployment.labels",
            "engineInsightsAgent.queue.deployment.labels",
            "polly.apiServer.deployment.labels",
            "polly.queue.deployment.labels",
        ];
        for (const p of paths)
            assert.deepEqual(
                at(values, p.split(".")),
                { "azure.workload.identity/use": "true" },
                `${p} lacks the label`,
            );
        assert.equal(at(values, ["postgres", "external", "iamAuthProvider"]), "azure");
    });

    it("the Postgres Secret's URL: identity name, server FQDN, sslmode=require, no password", function () {
        const fqdn = one(dev, "dbforpostgresql:Server").outputs.fullyQualifiedDomainName;
        assert.equal(typeof fqdn, "string", "the server reports its FQDN");
        const secret = dev.resources.find(
            (r) => r.type === "kubernetes:core/v1:Secret" && r.name === "langsmith-postgres",
        );
        assert.equal(
            (secret?.inputs.stringData as Values).connection_url,
            `langsmith@${fqdn}:5432/langsmith?sslmode=require`,
        );
    });

    it("production: CanNotDelete lock on the server, server and database protected; dev: neither", function () {
        const server = one(prod, "dbforpostgresql:Server");
        assert.equal(server.protect, true);
        assert.equal(one(prod, "dbforpostgresql:Database").protect, true);
        const lock = one(prod, "authorization:ManagementLockByScope", "langsmith-db-lock");
        assert.equal(lock.inputs.level, "CanNotDelete");
        assert.equal(lock.inputs.scope, prod.outputs.serverId);
        assert.match(
            String(prod.outputs.serverId),
            /^\/subscriptions\/[0-9a-f-]{36}\/resourceGroups\/langsmith-prod\/providers\/Microsoft\.DBforPostgreSQL\/flexibleServers\//,
        );
        assert.equal(one(dev, "dbforpostgresql:Server").protect, false);
        assert.equal(ofType(dev, "authorization:ManagementLockByScope").length, 0);
    });

    it("dev creates the delegated subnet and a private DNS zone linked to the VNet", function () {
        const subnet = one(dev, "network:Subnet").inputs;
        assert.deepEqual(subnet.delegations, [
            { name: "flexibleServers", serviceName: "Microsoft.DBforPostgreSQL/flexibleServers" },
        ]);
        assert.equal(subnet.virtualNetworkName, "platform-dev-vnet");
        assert.equal(subnet.resourceGroupName, "platform-dev");
        // (The blob storage's privatelink zone and its links are the other zone: tests/azure/blobStorage.test.ts.)
        const zone = one(dev, "privatedns:PrivateZone", "langsmith-db-dns");
        const link = one(dev, "privatedns:VirtualNetworkLink", "langsmith-db-dns-link");
        const network = one(dev, "dbforpostgresql:Server").inputs.network as Values;
        assert.equal(zone.inputs.privateZoneName, "langsmith.private.postgres.database.azure.com");
        assert.match(
            String(network.privateDnsZoneArmResourceId),
            /\/resourceGroups\/langsmith-dev\/providers\/Microsoft\.Network\/privateDnsZones\/langsmith\.private\.postgres\.database\.azure\.com$/,
        );
        assert.match(
            String(network.delegatedSubnetResourceId),
            /\/resourceGroups\/platform-dev\/providers\/Microsoft\.Network\/virtualNetworks\/platform-dev-vnet\/subnets\/langsmith-postgres$/,
        );
        // The server resolves its name through the zone: the link exists first.
        const db = dev.resources.find((r) => r.type === "langsmith-iam:index:AzurePostgres");
        assert.ok(db?.dependencies.includes(link.urn), "the database component must wait for the DNS zone link");
        assert.equal(
            ((link.inputs.virtualNetwork as Values) ?? {}).id,
            (JSON.parse(devConfig["langsmith:azure"]) as { createNetwork: { virtualNetworkId: string } }).createNetwork
                .virtualNetworkId,
        );
    });

    it("the AKS kubeconfig logs in through the Azure CLI, never by device code", function () {
        const provider = one(dev, "pulumi:providers:kubernetes").inputs;
        const kubeconfig = parseYaml(String(provider.kubeconfig)) as {
            users: { user: { exec: { command: string; args: string[] } } }[];
        };
        assert.equal(kubeconfig.users.length, 1);
        assert.equal(kubeconfig.users[0].user.exec.command, "kubelogin");
        assert.deepEqual(kubeconfig.users[0].user.exec.args, [
            "get-token",
            "--login",
            "azurecli",
            "--server-id",
            "6dae42f8-4368-4678-94ff-3960e28e3630",
        ]);
    });
});

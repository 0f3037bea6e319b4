import { strict as assert } from "node:assert";
import fc from "fast-check";
import { parseSettings, type Settings } from "../../program/config/settings";
import { bootstrapServiceAccountOf } from "../../program/config/derivedNames";
import { serviceAccountsFor } from "../../program/deploy/kubernetesSide";
import { federatedCredentialName, MAX_FEDERATED_CREDENTIAL_NAME } from "../../components/azure/names";
import { LEGACY_NAMES, stackScope } from "../../program/config/stackNames";
import { awsBase, azureBase, gcpBase, type RawConfig } from "../support/baseConfigs";

const parse = (raw: RawConfig, stack: string, project = "langsmith"): Settings =>
    parseSettings(raw, { project, stack });

describe("default names come from the project and stack; explicit names are kept", function () {
    it("derives every shared-scope name from the stack", function () {
        const aws = parse(awsBase(), "team-a");
        assert.equal(aws.kubernetes.namespace, "langsmith-team-a");
        assert.equal(aws.kubernetes.bootstrapNamespace, "langsmith-team-a-db-bootstrap");
        assert.equal(aws.chart.releaseName, "langsmith-team-a");
        assert.deepEqual(bootstrapServiceAccountOf(aws), {
            namespace: "langsmith-team-a-db-bootstrap",
            name: "langsmith-db-bootstrap",
        });
        const gcp = parse(gcpBase(), "team-a");
        assert.equal(gcp.cloud === "gcp" && gcp.gcp.serviceAccountId, "langsmith-team-a");
        const azure = parse(azureBase(), "team-a");
        assert.ok(azure.cloud === "azure");
        assert.equal(azure.azurePlan.identityName, "langsmith-team-a");
        assert.equal(azure.azurePlan.subnetName, "langsmith-team-a-postgres");
        assert.equal(azure.azurePlan.privateDnsZoneName, "langsmith-team-a.private.postgres.database.azure.com");
    });

    it("keeps different stack names apart, even ones the slug would merge", function () {
        assert.notEqual(
            stackScope({ project: "langsmith", stack: "langsmith-x" }),
            stackScope({ project: "langsmith", stack: "x" }),
        );
        // A name the slug changes keeps a hash of itself: prod_eu and prod-eu are different stacks.
        assert.match(stackScope({ project: "langsmith", stack: "Prod_EU.1" }), /^langsmith-prod-eu-1-[0-9a-f]{8}$/);
        assert.notEqual(
            stackScope({ project: "langsmith", stack: "prod_eu" }),
            stackScope({ project: "langsmith", stack: "prod-eu" }),
        );
    });

    it("keeps every name set explicitly, whatever the stack", function () {
        const raw = awsBase();
        raw.kubernetes = { namespace: "ls", bootstrapNamespace: "ls-boot" };
        raw.chart = { initialOrgAdminEmail: "a@example.com", releaseName: "ls" };
        const s = parse(raw, "team-a");
        assert.equal(s.kubernetes.namespace, "ls");
        assert.equal(s.kubernetes.bootstrapNamespace, "ls-boot");
        assert.equal(s.chart.releaseName, "ls");
        const g = gcpBase();
        (g.gcp as RawConfig).serviceAccountId = "langsmith";
        const gs = parse(g, "team-a");
        assert.equal(gs.cloud === "gcp" && gs.gcp.serviceAccountId, "langsmith");
        const z = azureBase();
        z.postgres = { iamUser: "ls-identity" };
        ((z.azure as RawConfig).createNetwork as RawConfig).subnetName = "pg-delegated";
        const zs = parse(z, "team-a");
        assert.ok(zs.cloud === "azure");
        assert.equal(zs.azurePlan.identityName, "ls-identity");
        assert.equal(zs.azurePlan.subnetName, "pg-delegated");
    });

    it("names.legacy gives exactly the names of stacks created before", function () {
        const legacy = (raw: RawConfig) => parse({ ...raw, names: { legacy: true } }, "team-a");
        const aws = legacy(awsBase());
        assert.equal(aws.kubernetes.namespace, LEGACY_NAMES.namespace);
        assert.equal(aws.kubernetes.namespace, "langsmith");
        assert.equal(aws.kubernetes.bootstrapNamespace, "langsmith-db-bootstrap");
        assert.equal(aws.chart.releaseName, "langsmith");
        const gcp = legacy(gcpBase());
        assert.equal(gcp.cloud === "gcp" && gcp.gcp.serviceAccountId, "langsmith");
        const azure = legacy(azureBase());
        assert.ok(azure.cloud === "azure");
        assert.equal(azure.azurePlan.identityName, "langsmith");
        assert.equal(azure.azurePlan.subnetName, "langsmith-postgres");
        assert.equal(azure.azurePlan.privateDnsZoneName, "langsmith.private.postgres.database.azure.com");
    });

    it("refuses a non-boolean names.legacy, naming the key", function () {
        assert.throws(
            () => parse({ ...awsBase(), names: { legacy: "yes" } }, "x"),
            /^ConfigError|langsmith:names\.legacy/,
        );
        assert.throws(
            () => parse({ ...awsBase(), names: { legacy: "yes" } }, "x"),
            (err: Error) => err.message.startsWith("langsmith:names.legacy: "),
        );
    });

    it("any stack name: derived names are valid, within every limit, and differ between stacks", function () {
        const stackName = fc.stringMatching(/^[A-Za-z0-9._-]{1,100}$/);
        fc.assert(
            fc.property(stackName, stackName, fc.boolean(), fc.boolean(), (s1, s2, insights, polly) => {
                fc.pre(s1 !== s2);
                // Stack names that differ only by a "langsmith-" prefix must stay apart too.
                const names = (stack: string) => {
                    const z = azureBase();
                    z.chart = { ...(z.chart as RawConfig), insights, polly };
                    const azure = parse(z, stack);
                    assert.ok(azure.cloud === "azure");
                    const gcp = parse(
                        {
                            ...gcpBase(),
                            gcp: { ...(gcpBase().gcp as RawConfig), project: "a-very-long-project-id-29chars" },
                        },
                        stack,
                    );
                    assert.ok(gcp.cloud === "gcp");
                    const ns = azure.kubernetes.namespace;
                    const dns = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
                    assert.match(ns, dns);
                    assert.ok(ns.length <= 63 && azure.kubernetes.bootstrapNamespace.length <= 63);
                    assert.match(azure.kubernetes.bootstrapNamespace, dns);
                    assert.ok(azure.chart.releaseName.length <= 53);
                    for (const sa of serviceAccountsFor(azure)) {
                        assert.ok(sa.name.length <= 63, sa.name);
                        assert.ok(federatedCredentialName(ns, sa.name).length <= MAX_FEDERATED_CREDENTIAL_NAME);
                    }
                    const id = gcp.gcp.serviceAccountId;
                    assert.match(id, /^[a-z]([-a-z0-9]{4,28}[a-z0-9])$/);
                    assert.ok(Buffer.byteLength(`${id}@${gcp.gcp.project}.iam`) <= 63);
                    assert.ok(azure.azurePlan.identityName.length <= 63);
                    assert.ok(azure.azurePlan.subnetName.length <= 80);
                    assert.ok(azure.azurePlan.privateDnsZoneName.split(".")[0].length <= 63);
                    return [
                        ns,
                        azure.kubernetes.bootstrapNamespace,
                        azure.chart.releaseName,
                        id,
                        azure.azurePlan.identityName,
                        azure.azurePlan.subnetName,
                        azure.azurePlan.privateDnsZoneName,
                    ];
                };
                const a = names(s1);
                const b = names(s2);
                a.forEach((n, i) => assert.notEqual(n, b[i], `${s1} and ${s2} share ${n}`));
            }),
            { numRuns: 300, seed: 16 },
        );
    });
});

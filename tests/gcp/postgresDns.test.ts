/**
 * verify-full for LangSmith on GCP: the private Cloud DNS zone for the Cloud SQL instance's name (or a
 * reused zone), its A record, LangSmith's URL by that name and its CA Secret from the instance's
 * server CAs. Component level, program level (gcp-prod turns it on, gcp-dev keeps require), the
 * reused zone's checks, and two stacks side by side.
 */
import { strict as assert } from "node:assert";
import { runProgram } from "../../program";
import { isConfigError } from "../../program/config/errors";
import { postgresDnsZoneName } from "../../program/deploy/gcpPostgresDns";
import { absoluteDnsName, dnsNameInZone, GcpPostgresPrivateDns } from "../../components/gcp/privateDns";
import { GcpPostgres, serverCaBundle } from "../../components/gcp/postgres";
import { memorystoreCaBundle } from "../../components/gcp/redis";
import type { MockWorld } from "../../tools/offline/cloudMocks";
import { projectName, synthesize, type SynthResource, type SynthResult } from "../../tools/offline/synthesize";
import { claimsOf, sharedClaims } from "../support/claims";
import { helmValues, stackConfig } from "../support/synth";
import { ofType, one, synthGcp } from "./gcpSynth";

type Obj = Record<string, unknown>;
const T = {
    zone: "gcp:dns/managedZone:ManagedZone",
    record: "gcp:dns/recordSet:RecordSet",
    instance: "gcp:sql/databaseInstance:DatabaseInstance",
    secret: "kubernetes:core/v1:Secret",
    release: "kubernetes:helm.sh/v3:Release",
};
const HOST_NETWORK = "projects/acme-network-host/global/networks/shared-vpc";

/** LangSmith's connection URL, from its Postgres Secret. */
function connectionUrl(result: SynthResult): string {
    return String((one(result, T.secret, "langsmith-postgres").inputs.stringData as Obj).connection_url);
}

/** The host part of a connection URL (`user@host:port/db?...`). */
function urlHost(url: string): string {
    return /@([^:/]+):\d+\//.exec(url)?.[1] ?? "";
}

/** A preview of a stack file with overrides and a mocked world, also recording what was registered. */
async function synthRecorded(
    stack: string,
    override: Record<string, unknown>,
    world: Partial<MockWorld> = {},
): Promise<{ result?: SynthResult; error?: unknown; registered: unknown[] }> {
    const { config, secretKeys } = stackConfig(stack, { override });
    const registered: unknown[] = [];
    try {
        const result = await synthesize({
            project: projectName(),
            stack,
            config,
            secretKeys,
            world,
            registrations: registered,
            program: runProgram,
        });
        return { result, registered };
    } catch (error) {
        return { error, registered };
    }
}

describe("GCP verify-full for LangSmith: the instance's DNS name in a private zone", function () {
    this.timeout(120000);

    describe("pure helpers", function () {
        it("absoluteDnsName adds exactly one root dot and refuses what is not a DNS name", function () {
            assert.equal(absoluteDnsName("abc.def.us-central1.sql.goog"), "abc.def.us-central1.sql.goog.");
            assert.equal(absoluteDnsName("abc.def.us-central1.sql.goog."), "abc.def.us-central1.sql.goog.");
            assert.throws(() => absoluteDnsName("10.0.0.3"), /not a DNS name/);
            assert.throws(() => absoluteDnsName("bad name.sql.goog"), /not a DNS name/);
        });

        it("dnsNameInZone: the zone's name itself or a name under it, label by label", function () {
            assert.ok(dnsNameInZone("a.b.europe-west4.sql.goog.", "europe-west4.sql.goog."));
            assert.ok(dnsNameInZone("a.b.europe-west4.sql.goog", "a.b.europe-west4.sql.goog."));
            assert.ok(!dnsNameInZone("a.b.europe-west4.sql.goog.", "west4.sql.goog."), "not a suffix of a label");
            assert.ok(!dnsNameInZone("a.b.us-central1.sql.goog.", "europe-west4.sql.goog."));
        });

        it("postgresDnsZoneName: <project>-<stack>-postgres, a Cloud DNS zone name even for long or odd stacks", function () {
            assert.equal(
                postgresDnsZoneName({ project: "langsmith", stack: "gcp-prod" }),
                "langsmith-gcp-prod-postgres",
            );
            const long = postgresDnsZoneName({ project: "langsmith", stack: "x".repeat(80) });
            assert.ok(long.length <= 63, long);
            assert.notEqual(long, postgresDnsZoneName({ project: "langsmith", stack: `${"x".repeat(79)}y` }));
            for (const name of [long, postgresDnsZoneName({ project: "9lives", stack: "Prod_EU" })])
                assert.match(name, /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/);
        });
    });

    describe("component (GcpPostgresPrivateDns)", function () {
        it("creates a private zone for the name alone, bound to the network, and an A record to the address", async function () {
            const result = await synthesize({
                project: "p",
                stack: "dns-component",
                config: {},
                program: () => {
                    const dns = new GcpPostgresPrivateDns("db-dns", {
                        project: "acme-orders",
                        network: "projects/acme-orders/global/networks/vpc",
                        dnsName: "abc123.def456.us-central1.sql.goog",
                        address: "10.20.0.3",
                    });
                    return { host: dns.host, zoneName: dns.zoneName };
                },
            });
            const zone = one(result, T.zone);
            assert.equal(zone.inputs.visibility, "private");
            assert.equal(zone.inputs.dnsName, "abc123.def456.us-central1.sql.goog.");
            assert.deepEqual(zone.inputs.privateVisibilityConfig, {
                networks: [{ networkUrl: "projects/acme-orders/global/networks/vpc" }],
            });
            assert.equal(zone.inputs.project, "acme-orders");
            const record = one(result, T.record);
            assert.deepEqual(
                { ...record.inputs },
                {
                    project: "acme-orders",
                    managedZone: zone.outputs.name,
                    name: "abc123.def456.us-central1.sql.goog.",
                    type: "A",
                    ttl: 300,
                    rrdatas: ["10.20.0.3"],
                },
            );
            assert.equal(result.outputs.host, "abc123.def456.us-central1.sql.goog", "clients use it without the dot");
        });

        it("with existingZoneName adds only the record, in that zone", async function () {
            const result = await synthesize({
                project: "p",
                stack: "dns-component-reuse",
                config: {},
                program: () => {
                    const dns = new GcpPostgresPrivateDns("db-dns", {
                        project: "acme-host",
                        network: "projects/acme-host/global/networks/vpc",
                        dnsName: "abc123.def456.us-central1.sql.goog.",
                        address: "10.20.0.3",
                        existingZoneName: "sql-us-central1",
                        ttl: 60,
                    });
                    return { zoneName: dns.zoneName };
                },
            });
            assert.deepEqual(ofType(result, T.zone), []);
            const record = one(result, T.record);
            assert.equal(record.inputs.managedZone, "sql-us-central1");
            assert.equal(record.inputs.ttl, 60);
            assert.equal(result.outputs.zoneName, "sql-us-central1");
        });

        it("takes the GcpPostgres instance's certificate name and private IP", async function () {
            const result = await synthesize({
                project: "p",
                stack: "dns-component-pg",
                config: {},
                program: () => {
                    const pg = new GcpPostgres("db", {
                        project: "acme-orders",
                        region: "us-central1",
                        network: "projects/acme-orders/global/networks/vpc",
                        iamUser: "orders@acme-orders.iam",
                        bootstrapUser: "orders-bootstrap@acme-orders.iam",
                        sslMode: "verify-full",
                    });
                    const dns = new GcpPostgresPrivateDns("db-dns", {
                        project: "acme-orders",
                        network: "projects/acme-orders/global/networks/vpc",
                        dnsName: pg.tlsServerName,
                        address: pg.host,
                    });
                    return { host: dns.host, tlsServerName: pg.tlsServerName };
                },
            });
            const instance = one(result, T.instance);
            const record = one(result, T.record);
            assert.equal(record.inputs.name, instance.outputs.dnsName, "the name Cloud SQL reports, with its dot");
            assert.deepEqual(record.inputs.rrdatas, [instance.outputs.privateIpAddress]);
            assert.equal(result.outputs.host, result.outputs.tlsServerName, "the name the certificate carries");
        });
    });

    describe("program", function () {
        it("gcp-prod (verify-full, Shared VPC): the zone in the host project on the shared network, the record to the instance", async function () {
            const result = await synthGcp({}, { stack: "gcp-prod", showSecrets: true });
            const instance = one(result, T.instance);
            const zone = one(result, T.zone);
            assert.equal(zone.inputs.project, "acme-network-host", "Shared VPC: the host project");
            assert.equal(zone.inputs.name, "langsmith-gcp-prod-postgres");
            assert.equal(zone.inputs.visibility, "private");
            assert.deepEqual(zone.inputs.privateVisibilityConfig, { networks: [{ networkUrl: HOST_NETWORK }] });
            assert.equal(zone.inputs.dnsName, instance.outputs.dnsName);
            assert.match(String(zone.inputs.dnsName), /^[0-9a-f]+\.[0-9a-f]+\.europe-west4\.sql\.goog\.$/);
            const record = one(result, T.record);
            assert.equal(record.inputs.project, "acme-network-host");
            assert.equal(record.inputs.managedZone, zone.outputs.name);
            assert.equal(record.inputs.name, instance.outputs.dnsName);
            assert.equal(record.inputs.type, "A");
            assert.deepEqual(record.inputs.rrdatas, [instance.outputs.privateIpAddress]);
        });

        it("gcp-prod: LangSmith's URL names the instance's DNS name with verify-full, its CA Secret holds the instance's CAs (then Memorystore's), and the release waits for the record", async function () {
            const result = await synthGcp({}, { stack: "gcp-prod", showSecrets: true });
            const instance = one(result, T.instance);
            const name = String(instance.outputs.dnsName).replace(/\.$/, "");
            const url = connectionUrl(result);
            assert.equal(urlHost(url), name);
            assert.ok(!url.includes(String(instance.outputs.privateIpAddress)), "no IP in the URL");
            assert.match(url, /\?sslmode=verify-full&sslrootcert=system$/);
            const ca = one(result, T.secret, "langsmith-postgres-ca");
            // Managed Redis on gcp-prod: one customCa bundle holds both servers' CAs.
            const memorystore = one(result, "gcp:memorystore/instance:Instance");
            assert.deepEqual(ca.inputs.stringData, {
                "ca.crt":
                    serverCaBundle(instance.outputs.serverCaCerts as { cert?: string }[]) +
                    memorystoreCaBundle(
                        memorystore.outputs.managedServerCas as Parameters<typeof memorystoreCaBundle>[0],
                    ),
            });
            const values = helmValues(result) as { config: Obj };
            assert.deepEqual(values.config.customCa, { secretName: "langsmith-postgres-ca", secretKey: "ca.crt" });
            const release = one(result, T.release);
            const record = one(result, T.record);
            const dns = result.resources.find((r) => r.type === "langsmith-iam:index:GcpPostgresPrivateDns");
            assert.ok(
                release.dependencies.includes(record.urn) || (dns && release.dependencies.includes(dns.urn)),
                `the release waits for the record: ${release.dependencies.join(", ")}`,
            );
            assert.equal(result.outputs.databaseDnsName, name);
        });

        it("gcp-prod: the bootstrap Job still checks the name and connects to the address (no DNS needed)", async function () {
            const result = await synthGcp({}, { stack: "gcp-prod" });
            const instance = one(result, T.instance);
            const job = one(result, "kubernetes:batch/v1:Job");
            const spec = (job.inputs.spec as Obj).template as { spec: { containers: { env: Obj[] }[] } };
            const env = Object.fromEntries(
                spec.spec.containers.flatMap((c) => c.env ?? []).map((e) => [String(e.name), e.value]),
            );
            assert.equal(env.PGHOST, String(instance.outputs.dnsName).replace(/\.$/, ""));
            assert.equal(env.PGHOSTADDR, instance.outputs.privateIpAddress);
        });

        it("gcp-dev (require): no zone, no record, LangSmith's URL keeps the private IP", async function () {
            const result = await synthGcp({}, { stack: "gcp-dev", showSecrets: true });
            assert.deepEqual(ofType(result, T.zone), []);
            assert.deepEqual(ofType(result, T.record), []);
            const instance = one(result, T.instance);
            assert.equal(urlHost(connectionUrl(result)), instance.outputs.privateIpAddress);
            assert.match(connectionUrl(result), /\?sslmode=require$/);
            assert.equal(result.outputs.databaseDnsName, undefined);
        });

        it("gcp-dev with verify-full: the zone in the stack's own project (its network's), a CA from a Secret of the user wins", async function () {
            const own = await synthGcp(
                {
                    "langsmith:postgres": { instanceClass: "db-custom-1-3840", storageGb: 20, sslMode: "verify-full" },
                },
                { stack: "gcp-dev", showSecrets: true },
            );
            const zone = one(own, T.zone);
            assert.equal(zone.inputs.project, "acme-langsmith-dev");
            assert.deepEqual(zone.inputs.privateVisibilityConfig, {
                networks: [{ networkUrl: "projects/acme-langsmith-dev/global/networks/platform-dev-vpc" }],
            });
            const given = await synthGcp(
                {
                    "langsmith:postgres": {
                        sslMode: "verify-full",
                        caCertificate: { secretName: "corp-ca", secretKey: "bundle.pem" },
                    },
                },
                { stack: "gcp-dev", showSecrets: true },
            );
            assert.deepEqual(
                given.resources.filter((r) => r.name === "langsmith-postgres-ca"),
                [],
                "no Secret of the program's own",
            );
            assert.deepEqual((helmValues(given) as { config: Obj }).config.customCa, {
                secretName: "corp-ca",
                secretKey: "bundle.pem",
            });
            assert.equal(urlHost(connectionUrl(given)), String(one(given, T.zone).inputs.dnsName).replace(/\.$/, ""));
        });

        it("langsmith:gcp.privateDnsProject puts the zone and record in that project", async function () {
            const { result: other } = await synthRecorded("gcp-prod", {
                "langsmith:gcp": { privateDnsProject: "acme-dns-hub" },
            });
            assert.ok(other, "previewed");
            assert.equal(one(other, T.zone).inputs.project, "acme-dns-hub");
            assert.equal(one(other, T.record).inputs.project, "acme-dns-hub");
            assert.deepEqual(
                (one(other, T.zone).inputs.privateVisibilityConfig as { networks: Obj[] }).networks,
                [{ networkUrl: HOST_NETWORK }],
                "still bound to the cluster's network",
            );
        });
    });

    describe("reusing an existing zone (langsmith:gcp.privateDnsZone)", function () {
        const regionalZone = {
            project: "acme-network-host",
            name: "sql-europe-west4",
            dnsName: "europe-west4.sql.goog.",
            visibility: "private" as const,
        };

        it("adds only the A record to the zone, which is looked up first", async function () {
            const { result, error } = await synthRecorded(
                "gcp-prod",
                { "langsmith:gcp": { privateDnsZone: "sql-europe-west4" } },
                { gcpDnsZones: [regionalZone] },
            );
            assert.ok(result, String(error));
            assert.deepEqual(ofType(result, T.zone), []);
            const record = one(result, T.record);
            assert.equal(record.inputs.managedZone, "sql-europe-west4");
            assert.equal(record.inputs.project, "acme-network-host");
            assert.equal(record.inputs.name, one(result, T.instance).outputs.dnsName);
        });

        const refusals: [string, Partial<MockWorld>, Obj, RegExp][] = [
            [
                "a zone that does not exist",
                {},
                {},
                /was not found in project acme-network-host .*gcloud dns managed-zones list/,
            ],
            [
                "a public zone",
                { gcpDnsZones: [{ ...regionalZone, visibility: "public" }] },
                {},
                /which is public: the instance's private address must not be published/,
            ],
            [
                "a zone of another region",
                { gcpDnsZones: [{ ...regionalZone, dnsName: "us-central1.sql.goog." }] },
                {},
                /does not hold every instance name of the region \(<uid>\.<project label>\.europe-west4\.sql\.goog\.\)/,
            ],
            [
                "a zone narrower than the region (another project's label, or another instance's name)",
                { gcpDnsZones: [{ ...regionalZone, dnsName: "0123456789abc.europe-west4.sql.goog." }] },
                {},
                /name a zone for europe-west4\.sql\.goog\. \(or sql\.goog\.\)/,
            ],
            [
                "a zone of the wrong project",
                { gcpDnsZones: [regionalZone] },
                { privateDnsProject: "acme-langsmith-prod" },
                /not found in project acme-langsmith-prod/,
            ],
        ];
        for (const [what, world, extra, message] of refusals) {
            it(`refuses ${what} before anything exists, naming langsmith:gcp.privateDnsZone`, async function () {
                const { result, error, registered } = await synthRecorded(
                    "gcp-prod",
                    { "langsmith:gcp": { privateDnsZone: "sql-europe-west4", ...extra } },
                    world,
                );
                assert.equal(result, undefined, "refused");
                assert.ok(isConfigError(error), String(error));
                assert.equal(error.key, "langsmith:gcp.privateDnsZone");
                assert.match(error.message, message);
                const custom = (registered as { type: string }[]).filter(
                    (r) => !r.type.startsWith("pulumi:") && !r.type.startsWith("langsmith-iam:"),
                );
                assert.deepEqual(custom, [], "no cloud or Kubernetes resource registered");
            });
        }
    });

    describe("side by side", function () {
        /** gcp-prod under a new stack name: derived names, no legacy names, no fixed service account. */
        async function asNewStack(stack: string, gcp: Obj = {}, world: Partial<MockWorld> = {}) {
            const { config, secretKeys } = stackConfig("gcp-prod", { remove: ["langsmith:names"] });
            const block = JSON.parse(config["langsmith:gcp"]) as Obj;
            delete block.serviceAccountId;
            config["langsmith:gcp"] = JSON.stringify({ ...block, ...gcp });
            return synthesize({ project: projectName(), stack, config, secretKeys, world, program: runProgram });
        }

        it("two stacks each create a zone of their own, for their own instance's name", async function () {
            const a = await asNewStack("gcp-prod-blue");
            const b = await asNewStack("gcp-prod-green");
            const zones = [a, b].map((r) => one(r, T.zone).inputs);
            assert.notEqual(zones[0].name, zones[1].name);
            assert.notEqual(zones[0].dnsName, zones[1].dnsName);
            assert.deepEqual(sharedClaims(a, b), []);
            assert.ok([...claimsOf(a).keys()].some((c) => c.startsWith(`private dns name ${HOST_NETWORK}/`)));
        });

        it("a zone for a shared domain is a shared claim; reusing one, two stacks share nothing", async function () {
            // The check sees a domain claimed twice on one network (what creating <region>.sql.goog twice would be).
            const zoneOf = (r: SynthResult): SynthResource => one(r, T.zone);
            const a = await asNewStack("gcp-prod-blue");
            const b = await asNewStack("gcp-prod-green");
            zoneOf(b).inputs.dnsName = zoneOf(a).inputs.dnsName;
            assert.ok(sharedClaims(a, b).some((c) => c.startsWith("private dns name ")));

            const world = {
                gcpDnsZones: [
                    {
                        project: "acme-network-host",
                        name: "sql-europe-west4",
                        dnsName: "europe-west4.sql.goog.",
                        visibility: "private" as const,
                    },
                ],
            };
            const c = await asNewStack("gcp-prod-blue", { privateDnsZone: "sql-europe-west4" }, world);
            const d = await asNewStack("gcp-prod-green", { privateDnsZone: "sql-europe-west4" }, world);
            assert.deepEqual(sharedClaims(c, d), []);
            assert.notEqual(one(c, T.record).inputs.name, one(d, T.record).inputs.name);
        });
    });
});

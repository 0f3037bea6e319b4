/**
 * The GCP side of the passwordless bootstrap, component by component: the login the Job gets
 * (its own IAM user, the Workload Identity annotation of its own Google service account, the
 * instance's CAs and DNS name for verify-full), the package defaults, and the pure helpers.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { gcpBootstrapLogin } from "../../components/gcp/bootstrapLogin";
import { GcpWorkloadIdentity } from "../../components/gcp/identity";
import { GcpPostgres, gcpPostgresDefaults, serverCaBundle, serverTlsName } from "../../components/gcp/postgres";
import { synthesize } from "../../tools/offline/synthesize";

const required = {
    project: "acme-orders",
    region: "us-central1",
    network: "projects/acme-orders/global/networks/vpc",
    iamUser: "orders@acme-orders.iam",
    bootstrapUser: "orders-bootstrap@acme-orders.iam",
};

describe("GCP bootstrap login (component level)", function () {
    this.timeout(60000);

    it("logs the Job in as the bootstrap's own IAM user, with its own service account's annotation, the instance's CAs and DNS name", async function () {
        const result = await synthesize({
            project: "p",
            stack: "gcp-bootstrap-login",
            config: {},
            program: () => {
                const bootstrap = new GcpWorkloadIdentity("boot", {
                    project: "acme-orders",
                    accountId: "orders-bootstrap",
                    workloadPool: "acme-orders.svc.id.goog",
                    namespace: "orders-db-bootstrap",
                    serviceAccountNames: ["orders-db-bootstrap"],
                });
                const postgres = new GcpPostgres("db", { ...required, bootstrapUser: bootstrap.databaseUserName });
                const login = gcpBootstrapLogin(postgres, bootstrap);
                return {
                    user: login.user,
                    credential: login.credential,
                    annotations: login.serviceAccountAnnotations,
                    podLabels: login.podLabels,
                    ca: login.caCertificate,
                    tlsServerName: login.tlsServerName,
                    host: postgres.host,
                };
            },
        });
        const o = result.outputs;
        assert.equal(o.user, "orders-bootstrap@acme-orders.iam");
        assert.deepEqual(o.credential, { cloud: "gcp" });
        assert.deepEqual(o.annotations, {
            "iam.gke.io/gcp-service-account": "orders-bootstrap@acme-orders.iam.gserviceaccount.com",
        });
        assert.deepEqual(o.podLabels, {});
        assert.match(String(o.ca), /^-----BEGIN CERTIFICATE-----\n[\s\S]*-----END CERTIFICATE-----\n$/);
        assert.match(
            String(o.tlsServerName),
            /^[0-9a-f]+\.[0-9a-f]+\.us-central1\.sql\.goog$/,
            `the DNS name without the root's dot: ${String(o.tlsServerName)}`,
        );
        assert.notEqual(o.tlsServerName, o.host, "libpq checks the name and connects to the address");
        const users = result.resources.filter((r) => r.type === "gcp:sql/user:User");
        const boot = users.find((u) => u.inputs.name === "orders-bootstrap@acme-orders.iam");
        assert.deepEqual(boot?.inputs.databaseRoles, ["cloudsqlsuperuser"]);
        assert.equal(users.length, 2, "the app's and the bootstrap's IAM users, no built-in user");
        assert.equal(result.resources.filter((r) => r.type.startsWith("random:")).length, 0, "no generated password");
    });

    it("GcpPostgres: the defaults its @default tags state, production-dependent where they say so", function () {
        const dev = gcpPostgresDefaults(required);
        assert.deepEqual(
            [dev.majorVersion, dev.edition, dev.tier, dev.storageGb, dev.maxStorageGb, dev.highAvailability],
            [17, "ENTERPRISE", "db-custom-1-3840", 20, 0, false],
        );
        assert.deepEqual(
            [dev.backupRetentionDays, dev.database, dev.sslMode, dev.requireClientCertificates, dev.production],
            [7, "langsmith", "require", false, false],
        );
        const prod = gcpPostgresDefaults({ ...required, production: true });
        assert.deepEqual([prod.tier, prod.storageGb, prod.backupRetentionDays], ["db-custom-2-8192", 100, 14]);
        assert.equal(gcpPostgresDefaults({ ...required, edition: "ENTERPRISE_PLUS" }).tier, "db-perf-optimized-N-2");
        assert.equal(gcpPostgresDefaults({ ...required, tier: "db-custom-4-16384" }).tier, "db-custom-4-16384");
    });

    it("GcpPostgres and GcpWorkloadIdentity: every defaulted arg says its default in the JSDoc (@default)", function () {
        const source = (file: string) =>
            fs.readFileSync(path.join(__dirname, "..", "..", "..", "components", "gcp", file), "utf8");
        const block = (text: string, name: string) =>
            text.slice(
                text.indexOf(`export interface ${name}`),
                text.indexOf("\n}\n", text.indexOf(`export interface ${name}`)),
            );
        const cases: [string, string, string[]][] = [
            [
                "postgres.ts",
                "GcpPostgresArgs",
                [
                    "majorVersion",
                    "edition",
                    "tier",
                    "storageGb",
                    "maxStorageGb",
                    "highAvailability",
                    "backupRetentionDays",
                    "database",
                    "sslMode",
                    "requireClientCertificates",
                    "production",
                ],
            ],
            ["identity.ts", "GcpWorkloadIdentityArgs", ["displayName", "description"]],
        ];
        for (const [file, name, args] of cases) {
            const argsBlock = block(source(file), name);
            for (const arg of args)
                assert.match(
                    argsBlock,
                    new RegExp(`@default[^\\n]*\\n\\s*\\*/\\n\\s*${arg}\\?:`),
                    `${name}.${arg} needs an @default tag and must be optional`,
                );
        }
    });

    it("serverCaBundle joins every server CA (a rotation has two) and refuses none", function () {
        const a = "-----BEGIN CERTIFICATE-----\nA\n-----END CERTIFICATE-----\n";
        const b = "-----BEGIN CERTIFICATE-----\nB\n-----END CERTIFICATE-----";
        assert.equal(serverCaBundle([{ cert: a }, { cert: b }]), `${a.trim()}\n${b}\n`);
        assert.throws(() => serverCaBundle([]), /no server CA certificate/);
    });

    it("serverTlsName prefers the Private Service Access DNS name and drops the root's dot", function () {
        assert.equal(
            serverTlsName("abc.us-central1.sql.goog.", [
                { connectionType: "PUBLIC", name: "pub.sql.goog." },
                { connectionType: "PRIVATE_SERVICES_ACCESS", name: "psa.us-central1.sql.goog." },
            ]),
            "psa.us-central1.sql.goog",
        );
        assert.equal(serverTlsName("abc.us-central1.sql.goog.", []), "abc.us-central1.sql.goog");
        assert.throws(() => serverTlsName("", []), /no DNS name/);
    });
});

/**
 * The Azure side of the passwordless bootstrap, component by component: the login the Job gets
 * (the Entra administrator = the bootstrap's own identity, its client id and tenant, the pod label),
 * the app identity as a normal principal, the root CAs Azure documents, and the package defaults.
 */
import { strict as assert } from "node:assert";
import { X509Certificate } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import * as tls from "node:tls";
import { azureBootstrapLogin } from "../../components/azure/bootstrapLogin";
import { AzureWorkloadIdentity } from "../../components/azure/identity";
import { AzurePostgres, azurePostgresDefaults } from "../../components/azure/postgres";
import { AZURE_POSTGRES_CA_BUNDLE, AZURE_POSTGRES_ROOT_CA_FINGERPRINTS } from "../../components/azure/rootCas";
import { synthesize } from "../../tools/offline/synthesize";

const SUB = "00000000-1111-2222-3333-444444444444";
const required = {
    resourceGroupName: "orders",
    location: "eastus",
    delegatedSubnetId: `/subscriptions/${SUB}/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/v/subnets/pg`,
    privateDnsZoneId: `/subscriptions/${SUB}/resourceGroups/net/providers/Microsoft.Network/privateDnsZones/orders.private.postgres.database.azure.com`,
    entraAdmin: { principalName: "orders-bootstrap", objectId: "11111111-2222-4333-8444-555555555555", tenantId: SUB },
    appPrincipal: { name: "orders", objectId: "66666666-7777-4888-8999-000000000000" },
};

/** The certificates of a PEM bundle. */
function certificates(bundle: string): X509Certificate[] {
    return [...bundle.matchAll(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g)].map(
        (m) => new X509Certificate(m[0]),
    );
}
const commonName = (cert: X509Certificate) => /^CN=(.*)$/m.exec(cert.subject)?.[1];

describe("Azure bootstrap login (component level)", function () {
    this.timeout(60000);

    it("logs the Job in as the bootstrap's own identity (the Entra administrator) with its client id and tenant; the app is a normal principal", async function () {
        const result = await synthesize({
            project: "p",
            stack: "azure-bootstrap-login",
            config: {},
            program: () => {
                const oidcIssuerUrl = "https://eastus.oic.prod-aks.azure.com/t/x/";
                const bootstrap = new AzureWorkloadIdentity("boot", {
                    resourceGroupName: "orders",
                    location: "eastus",
                    identityName: "orders-bootstrap",
                    namespace: "orders-db-bootstrap",
                    serviceAccountNames: ["orders-db-bootstrap"],
                    oidcIssuerUrl,
                });
                const app = new AzureWorkloadIdentity("app", {
                    resourceGroupName: "orders",
                    location: "eastus",
                    identityName: "orders",
                    namespace: "orders",
                    serviceAccountNames: ["orders-api"],
                    oidcIssuerUrl,
                });
                const postgres = new AzurePostgres("db", {
                    ...required,
                    entraAdmin: {
                        principalName: bootstrap.name,
                        objectId: bootstrap.principalId,
                        tenantId: bootstrap.tenantId,
                    },
                    appPrincipal: { name: app.name, objectId: app.principalId },
                });
                const login = azureBootstrapLogin(postgres, bootstrap);
                return {
                    user: login.user,
                    credential: login.credential,
                    annotations: login.serviceAccountAnnotations,
                    podLabels: login.podLabels,
                    ca: login.caCertificate,
                    tlsServerName: login.tlsServerName,
                    bootstrapClientId: bootstrap.clientId,
                    bootstrapTenantId: bootstrap.tenantId,
                    appObjectId: app.principalId,
                    iamUser: postgres.iamUser,
                    principalSql: postgres.principalSql,
                };
            },
        });
        const o = result.outputs;
        assert.equal(o.user, "orders-bootstrap");
        assert.deepEqual(o.credential, {
            cloud: "azure",
            tenantId: o.bootstrapTenantId,
            clientId: o.bootstrapClientId,
        });
        assert.deepEqual(o.annotations, { "azure.workload.identity/client-id": o.bootstrapClientId });
        assert.deepEqual(o.podLabels, { "azure.workload.identity/use": "true" });
        assert.equal(o.ca, AZURE_POSTGRES_CA_BUNDLE);
        assert.equal(o.tlsServerName, undefined, "the Job connects to the server's FQDN, which the certificate names");
        assert.equal(o.iamUser, "orders");
        assert.match(
            String(o.principalSql),
            new RegExp(
                `pgaadauth_create_principal_with_oid\\('orders', '${String(o.appObjectId)}', 'service', false, false\\)`,
            ),
        );
        const admins = result.resources.filter(
            (r) => r.type === "azure-native:dbforpostgresql:AdministratorsMicrosoftEntra",
        );
        assert.deepEqual(
            admins.map((a) => a.inputs.principalName),
            ["orders-bootstrap"],
            "only the bootstrap's identity administers the server",
        );
        const server = result.resources.find((r) => r.type === "azure-native:dbforpostgresql:Server");
        assert.equal((server?.inputs.authConfig as { passwordAuth: string }).passwordAuth, "Disabled");
        assert.equal(result.resources.filter((r) => r.type.startsWith("random:")).length, 0, "no generated password");
    });

    it("trusts exactly the root CAs Azure documents for Flexible Server, checked against their issuers' fingerprints and Node's root store", function () {
        const certs = certificates(AZURE_POSTGRES_CA_BUNDLE);
        assert.deepEqual(certs.map(commonName), [
            "DigiCert Global Root G2",
            "Microsoft RSA Root Certificate Authority 2017",
            "DigiCert Global Root CA",
        ]);
        const nodeRoots = new Map(
            tls.rootCertificates.map((pem) => {
                const c = new X509Certificate(pem);
                return [c.fingerprint256, c] as const;
            }),
        );
        for (const cert of certs) {
            const cn = String(commonName(cert));
            assert.equal(
                cert.fingerprint256,
                AZURE_POSTGRES_ROOT_CA_FINGERPRINTS[cn],
                `${cn}: not the issuer's certificate`,
            );
            assert.ok(cert.ca, `${cn} is a CA certificate`);
            assert.equal(cert.subject, cert.issuer, `${cn} is a root (self-issued)`);
            assert.ok(cert.verify(cert.publicKey), `${cn}: self-signature`);
            assert.ok(new Date(cert.validTo) > new Date(), `${cn} has expired`);
            assert.ok(nodeRoots.has(cert.fingerprint256), `${cn} differs from the copy in Node's root store`);
        }
    });

    it("AzurePostgres: the defaults its @default tags state, production-dependent where they say so", function () {
        const dev = azurePostgresDefaults(required);
        assert.deepEqual(
            [dev.majorVersion, dev.skuName, dev.skuTier, dev.storageGb, dev.highAvailability, dev.backupRetentionDays],
            [17, "Standard_B2ms", "Burstable", 32, false, 7],
        );
        assert.deepEqual(
            [dev.geoRedundantBackup, dev.database, dev.extensionsAllowList, dev.sslMode, dev.production],
            [false, "langsmith", "BTREE_GIN,BTREE_GIST,CITEXT,LTREE,PGCRYPTO,PG_TRGM", "require", false],
        );
        const prod = azurePostgresDefaults({ ...required, production: true });
        assert.deepEqual(
            [prod.skuName, prod.skuTier, prod.storageGb, prod.backupRetentionDays],
            ["Standard_D2ds_v5", "GeneralPurpose", 128, 14],
        );
        assert.equal(azurePostgresDefaults({ ...required, skuName: "Standard_E4ds_v5" }).skuTier, "MemoryOptimized");
    });

    it("AzurePostgres: every defaulted arg says its default in the JSDoc (@default)", function () {
        const source = fs.readFileSync(
            path.join(__dirname, "..", "..", "..", "components", "azure", "postgres.ts"),
            "utf8",
        );
        const start = source.indexOf("export interface AzurePostgresArgs");
        const argsBlock = source.slice(start, source.indexOf("\n}\n", start));
        for (const arg of [
            "majorVersion",
            "skuName",
            "skuTier",
            "storageGb",
            "highAvailability",
            "backupRetentionDays",
            "geoRedundantBackup",
            "database",
            "extensionsAllowList",
            "sslMode",
            "production",
        ])
            assert.match(
                argsBlock,
                new RegExp(`@default[^\\n]*\\n\\s*\\*/\\n\\s*${arg}\\?:`),
                `${arg} needs an @default tag and must be optional`,
            );
    });
});

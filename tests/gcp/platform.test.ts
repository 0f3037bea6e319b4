import { strict as assert } from "node:assert";
import { SECRET_PLACEHOLDER } from "../../tools/offline/synthesize";
import { synthGcp, ofType, one } from "./gcpSynth";

const T = {
    instance: "gcp:sql/databaseInstance:DatabaseInstance",
    database: "gcp:sql/database:Database",
    user: "gcp:sql/user:User",
    account: "gcp:serviceaccount/account:Account",
    saMember: "gcp:serviceaccount/iAMMember:IAMMember",
    projectMember: "gcp:projects/iAMMember:IAMMember",
    ksa: "kubernetes:core/v1:ServiceAccount",
    secret: "kubernetes:core/v1:Secret",
    configMap: "kubernetes:core/v1:ConfigMap",
    job: "kubernetes:batch/v1:Job",
    release: "kubernetes:helm.sh/v3:Release",
};

/** LangSmith's Kubernetes service accounts (the bootstrap's own lives in its namespace). */
const appAccounts = (result: Awaited<ReturnType<typeof synthGcp>>) =>
    ofType(result, T.ksa).filter((sa) => (sa.inputs.metadata as { namespace?: string }).namespace === "langsmith");

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe("GCP path (offline, mocked cloud): gcp-dev stack", function () {
    this.timeout(60000);
    let result: Awaited<ReturnType<typeof synthGcp>>;
    before(async () => {
        result = await synthGcp({}, { showSecrets: true });
    });

    it("creates a private-IP-only Cloud SQL for PostgreSQL instance with IAM auth, TLS enforced and PITR backups", () => {
        const instance = one(result, T.instance);
        const i = instance.inputs as Obj;
        assert.equal(i.databaseVersion, "POSTGRES_17");
        assert.equal(i.project, "acme-langsmith-dev");
        assert.equal(i.region, "us-central1");
        assert.equal(i.deletionProtection, false);
        assert.equal(instance.protect, false);
        const s = i.settings as Obj;
        assert.equal(s.tier, "db-custom-1-3840");
        assert.equal(
            s.edition,
            "ENTERPRISE",
            "custom tiers need ENTERPRISE; POSTGRES_16+ would default to ENTERPRISE_PLUS",
        );
        assert.equal(s.availabilityType, "ZONAL");
        assert.equal(s.deletionProtectionEnabled, false);
        assert.deepEqual(s.ipConfiguration, {
            ipv4Enabled: false,
            // The cluster's network, from the GKE look-up.
            privateNetwork: "projects/acme-langsmith-dev/global/networks/platform-dev-vpc",
            sslMode: "ENCRYPTED_ONLY",
            // Certificates that name the instance's DNS name, so the bootstrap can use verify-full.
            serverCaMode: "GOOGLE_MANAGED_CAS_CA",
        });
        assert.equal(i.rootPassword, undefined, "no root password: nobody logs in with a password");
        assert.deepEqual(s.databaseFlags, [{ name: "cloudsql.iam_authentication", value: "on" }]);
        assert.equal(s.backupConfiguration.enabled, true);
        assert.equal(s.backupConfiguration.pointInTimeRecoveryEnabled, true);
        assert.equal(s.backupConfiguration.backupRetentionSettings.retainedBackups, 3);
        assert.equal(s.diskSize, 20);
        assert.equal(s.userLabels.environment, "dev");
        assert.equal(s.userLabels["part-of"], "langsmith");
    });

    it("creates the LangSmith database on the instance", () => {
        const instance = one(result, T.instance);
        const db = one(result, T.database);
        assert.equal(db.inputs.name, "langsmith");
        assert.equal(db.inputs.instance, instance.outputs.name);
    });

    it("names the IAM database users after their service accounts' emails; only the bootstrap's is a cloudsqlsuperuser member; no built-in user", () => {
        const email = String(one(result, T.account, "langsmith-identity-sa").outputs.email);
        assert.equal(email, "langsmith@acme-langsmith-dev.iam.gserviceaccount.com");
        const bootstrapEmail = String(one(result, T.account, "langsmith-bootstrap-identity-sa").outputs.email);
        assert.equal(bootstrapEmail, "langsmith-bootstrap@acme-langsmith-dev.iam.gserviceaccount.com");
        const users = ofType(result, T.user).map((u) => ({
            name: u.inputs.name,
            type: u.inputs.type,
            databaseRoles: u.inputs.databaseRoles,
            password: u.inputs.password,
        }));
        assert.deepEqual(
            users.sort((a, b) => String(a.name).localeCompare(String(b.name))),
            [
                {
                    name: "langsmith-bootstrap@acme-langsmith-dev.iam",
                    type: "CLOUD_IAM_SERVICE_ACCOUNT",
                    databaseRoles: ["cloudsqlsuperuser"],
                    password: undefined,
                },
                {
                    name: "langsmith@acme-langsmith-dev.iam",
                    type: "CLOUD_IAM_SERVICE_ACCOUNT",
                    databaseRoles: undefined,
                    password: undefined,
                },
            ],
        );
        assert.equal(result.outputs.databaseIamUser, "langsmith@acme-langsmith-dev.iam");
        assert.equal(result.outputs.databaseBootstrapUser, "langsmith-bootstrap@acme-langsmith-dev.iam");
    });

    it("generates no database password (RandomPasswords are LangSmith's own secrets only), no password on any database user", () => {
        const generated = ofType(result, "random:index/randomPassword:RandomPassword");
        assert.ok(generated.length > 0, "fixture: LangSmith's own generated secrets exist");
        assert.deepEqual(
            generated.filter((r) => !r.urn.includes("langsmith-iam:index:LangSmith$")).map((r) => r.name),
            [],
        );
        for (const u of ofType(result, T.user)) assert.equal(u.inputs.password, undefined, `${u.name} has a password`);
    });

    it("grants each Google service account only roles/cloudsql.instanceUser, conditioned on this one instance (besides the Redis grant)", () => {
        const emails = [
            String(one(result, T.account, "langsmith-identity-sa").outputs.email),
            String(one(result, T.account, "langsmith-bootstrap-identity-sa").outputs.email),
        ];
        const instance = String(one(result, T.instance).outputs.name);
        const bindings = ofType(result, T.projectMember)
            .filter((m) => m.inputs.role !== "roles/memorystore.dbConnectionUser")
            .map((m) => ({
                project: m.inputs.project,
                role: m.inputs.role,
                member: m.inputs.member,
                condition: m.inputs.condition,
            }));
        assert.deepEqual(
            bindings,
            emails.map((email) => ({
                project: "acme-langsmith-dev",
                role: "roles/cloudsql.instanceUser",
                member: `serviceAccount:${email}`,
                condition: {
                    title: "cloudsql-login-one-instance",
                    description: `IAM database login to Cloud SQL instance ${instance} only`,
                    expression: `resource.name == 'projects/acme-langsmith-dev/instances/${instance}' && resource.type == 'sqladmin.googleapis.com/Instance'`,
                },
            })),
        );
        // No project role, and nothing but the Workload Identity bindings and the blob bucket's own
        // member (tests/gcp/blobBucket.test.ts), anywhere else.
        const iamTypes = new Set(result.resources.filter((r) => /IAM|iAM/.test(r.type)).map((r) => r.type));
        assert.deepEqual([...iamTypes].sort(), [
            T.projectMember,
            T.saMember,
            "gcp:storage/bucketIAMMember:BucketIAMMember",
        ]);
    });

    it("waits for each identity's login grant and Workload Identity bindings: the app's before the release, the bootstrap's before the Job", () => {
        const release = one(result, T.release);
        const app = (r: { name: string }) => !r.name.includes("bootstrap");
        const grants = [...ofType(result, T.projectMember), ...ofType(result, T.saMember)];
        for (const r of grants.filter(app))
            assert.ok(release.dependencies.includes(r.urn), `${r.name} before the release`);
        const bootstrap = one(result, "langsmith-iam:index:DatabaseBootstrap");
        const bootstrapGrants = grants.filter((r) => !app(r));
        assert.equal(bootstrapGrants.length, 2, "the bootstrap's login grant and its one Workload Identity binding");
        for (const r of bootstrapGrants)
            assert.ok(bootstrap.dependencies.includes(r.urn), `${r.name} before the bootstrap Job`);
    });

    it("binds the bootstrap's Google service account to exactly the bootstrap's own Kubernetes service account", () => {
        const account = one(result, T.account, "langsmith-bootstrap-identity-sa");
        const members = ofType(result, T.saMember).filter((m) => m.inputs.serviceAccountId === account.outputs.name);
        assert.deepEqual(
            members.map((m) => [m.inputs.role, m.inputs.member]),
            [
                [
                    "roles/iam.workloadIdentityUser",
                    "serviceAccount:acme-langsmith-dev.svc.id.goog[langsmith-db-bootstrap/langsmith-db-bootstrap]",
                ],
            ],
        );
    });

    it("binds roles/iam.workloadIdentityUser for exactly each Postgres-connecting Kubernetes service account, one each", () => {
        const account = one(result, T.account, "langsmith-identity-sa");
        const ksaNames = appAccounts(result).map((sa) => String((sa.inputs.metadata as Obj).name));
        assert.deepEqual(ksaNames.sort(), [
            "langsmith-backend",
            "langsmith-ingest-queue",
            "langsmith-platform-backend",
            "langsmith-queue",
            // The agents the chart turns on by default.
            "langsmith-standalone-insights-api-server",
            "langsmith-standalone-insights-queue",
            "langsmith-standalone-polly-api-server",
            "langsmith-standalone-polly-queue",
        ]);
        const members = ofType(result, T.saMember).filter((m) => m.inputs.serviceAccountId === account.outputs.name);
        assert.equal(members.length, ksaNames.length);
        for (const m of members) {
            assert.equal(m.inputs.role, "roles/iam.workloadIdentityUser");
            assert.equal(m.inputs.serviceAccountId, account.outputs.name);
            assert.ok(!String(m.inputs.member).includes("*"), "no wildcard members");
        }
        assert.deepEqual(
            members.map((m) => m.inputs.member).sort(),
            ksaNames.map((n) => `serviceAccount:acme-langsmith-dev.svc.id.goog[langsmith/${n}]`).sort(),
        );
    });

    it("annotates every Kubernetes service account with the Google service account's email", () => {
        const email = one(result, T.account, "langsmith-identity-sa").outputs.email;
        for (const sa of appAccounts(result)) {
            assert.deepEqual((sa.inputs.metadata as Obj).annotations, { "iam.gke.io/gcp-service-account": email });
        }
    });

    it("writes the connection URL with the percent-encoded IAM user, the private IP and sslmode=require", () => {
        const ip = one(result, T.instance).outputs.privateIpAddress;
        assert.match(String(ip), /^10\.\d+\.\d+\.\d+$/);
        const pgSecret = one(result, T.secret, "langsmith-postgres");
        assert.deepEqual(pgSecret.inputs.stringData, {
            connection_url: `langsmith%40acme-langsmith-dev.iam@${ip}:5432/langsmith?sslmode=require`,
        });
    });

    it("hands Helm iamAuthProvider gcp and only Secret references", () => {
        const values = one(result, T.release).inputs.values as Obj;
        const pgSecret = one(result, T.secret, "langsmith-postgres");
        assert.deepEqual(values.postgres.external, {
            enabled: true,
            existingSecretName: (pgSecret.outputs.metadata as Obj).name,
            connectionUrlSecretKey: "connection_url",
            iamAuthProvider: "gcp",
            schema: "public",
        });
        assert.equal(values.backend.serviceAccount.create, false);
        const text = JSON.stringify(values);
        assert.ok(!text.includes("bootstrap"), "nothing of the bootstrap's identity in the values");
        assert.ok(!text.includes("offline-placeholder"), "no license key in the values");
    });

    it("bootstraps the database as the bootstrap's IAM user with the Cloud SQL owner-role SQL, against the private IP", () => {
        const sql = String((one(result, T.configMap).inputs.data as Obj)["bootstrap.sql"]);
        assert.match(sql, /bootstrap \(gcp\)/);
        assert.match(sql, /GRANT "langsmith_owner" TO "langsmith@acme-langsmith-dev\.iam";/);
        assert.match(sql, /ALTER DATABASE "langsmith" OWNER TO "langsmith_owner";/);
        const env = ((one(result, T.job).inputs.spec as Obj).template.spec.containers[0].env as Obj[]).reduce(
            (acc, e) => ({ ...acc, [e.name]: e.value ?? e.valueFrom }),
            {} as Obj,
        );
        // libpq connects to the private IP and checks the certificate against the instance's DNS name.
        const instance = one(result, T.instance);
        assert.equal(env.PGHOSTADDR, instance.outputs.privateIpAddress);
        const psaName = (instance.outputs.dnsNames as Obj[]).find(
            (n) => n.connectionType === "PRIVATE_SERVICES_ACCESS",
        )?.name;
        assert.equal(env.PGHOST, String(psaName ?? instance.outputs.dnsName).replace(/\.$/, ""));
        assert.equal(env.PGSSLMODE, "verify-full");
        assert.equal(env.PGUSER, "langsmith-bootstrap@acme-langsmith-dev.iam");
        // No password reaches the Job (issue 12): no admin Secret, no PGPASSWORD.
        assert.equal(env.PGPASSWORD, undefined);
        assert.equal(ofType(result, T.secret).filter((x) => x.name === "langsmith-db-bootstrap-admin").length, 0);
    });

    it("targets the GKE cluster through gke-gcloud-auth-plugin", () => {
        const provider = one(result, "pulumi:providers:kubernetes");
        const kubeconfig = JSON.parse(String(provider.inputs.kubeconfig));
        assert.match(kubeconfig.clusters[0].cluster.server, /^https:\/\/34\.\d+\.\d+\.\d+$/);
        assert.equal(kubeconfig.users[0].user.exec.command, "gke-gcloud-auth-plugin");
        assert.equal(kubeconfig["current-context"], "gke_acme-langsmith-dev_us-central1-a_platform-dev");
    });
});

describe("GCP path (offline): secrets and variations", function () {
    this.timeout(60000);

    it("keeps the connection secret's inputs secret without --show-secrets", async () => {
        const result = await synthGcp();
        assert.deepEqual(one(result, T.secret, "langsmith-postgres").inputs.stringData, SECRET_PLACEHOLDER);
    });

    it("production: protected instance and database, deletion protection in Pulumi and in Cloud SQL, regional, 2 vCPU / 8 GB by default", async () => {
        const result = await synthGcp({ "langsmith:postgres": { storageGb: 100 } }, { stack: "gcp-prod" });
        const instance = one(result, T.instance);
        assert.equal(instance.protect, true);
        assert.equal(one(result, T.database).protect, true);
        assert.equal(instance.inputs.deletionProtection, true);
        const s = instance.inputs.settings as Obj;
        assert.equal(s.deletionProtectionEnabled, true);
        assert.equal(s.tier, "db-custom-2-8192");
        assert.equal(s.availabilityType, "ZONAL", "highAvailability was overridden off here");
        assert.equal(s.backupConfiguration.backupRetentionSettings.retainedBackups, 14);
        assert.equal(s.backupConfiguration.transactionLogRetentionDays, 7, "ENTERPRISE keeps at most 7 days of logs");
        assert.equal(s.ipConfiguration.privateNetwork, "projects/acme-network-host/global/networks/shared-vpc");
    });

    it("binds one member per service account when more workloads connect to Postgres (deployments, insights, polly off)", async () => {
        const result = await synthGcp({
            "langsmith:chart": {
                initialOrgAdminEmail: "a@example.com",
                hostname: "ls.example.com",
                deployments: true,
                insights: true,
                polly: false,
            },
        });
        const ksaNames = appAccounts(result).map((sa) => String((sa.inputs.metadata as Obj).name));
        assert.equal(ksaNames.length, 8);
        assert.deepEqual(
            ofType(result, T.saMember)
                .filter((m) => !m.name.includes("bootstrap"))
                .map((m) => m.inputs.member)
                .sort(),
            ksaNames.map((n) => `serviceAccount:acme-langsmith-dev.svc.id.goog[langsmith/${n}]`).sort(),
        );
    });

    it("creates the Private Service Access range and peering when asked, and places the instance in it", async () => {
        const result = await synthGcp(
            {
                "langsmith:gcp": {
                    project: "acme-langsmith-dev",
                    region: "us-central1",
                    clusterName: "platform-dev",
                    network: "shared",
                    createPrivateServiceConnection: true,
                },
            },
            { world: { gkeNetwork: "projects/acme-langsmith-dev/global/networks/shared" } },
        );
        const range = one(result, "gcp:compute/globalAddress:GlobalAddress");
        assert.equal(range.inputs.purpose, "VPC_PEERING");
        assert.equal(range.inputs.project, "acme-langsmith-dev");
        assert.equal(range.inputs.network, "projects/acme-langsmith-dev/global/networks/shared");
        const peering = one(result, "gcp:servicenetworking/connection:Connection");
        assert.deepEqual(peering.inputs.reservedPeeringRanges, [range.outputs.name]);
        const instance = one(result, T.instance);
        assert.equal((instance.inputs.settings as Obj).ipConfiguration.allocatedIpRange, range.outputs.name);
        assert.ok(instance.dependencies.includes(peering.urn), "the instance waits for the peering");
    });

    it("fails with the fix when the cluster has no Workload Identity", async () => {
        await assert.rejects(
            synthGcp({}, { world: { gkeWorkloadIdentity: false } }),
            /does not have Workload Identity enabled; run: gcloud container clusters update platform-dev --workload-pool=acme-langsmith-dev\.svc\.id\.goog/,
        );
    });
});

import { strict as assert } from "node:assert";
import { cloudSqlIamUserName, workloadIdentityMember } from "../../components/gcp/identity";
import { toGcpLabels } from "../../program/config/gcpLabels";
import { networkPath } from "../../components/gcp/network";
import { cloudSqlSettings, gcpPostgresDefaults } from "../../components/gcp/postgres";
import { gkeKubeconfig } from "../../components/kubernetes/provider";

describe("GCP helpers", function () {
    it("derives the Cloud SQL user name from a service account email", () => {
        assert.equal(cloudSqlIamUserName("langsmith@my-project.iam.gserviceaccount.com"), "langsmith@my-project.iam");
        assert.throws(() => cloudSqlIamUserName("someone@example.com"), /not a service account email/);
    });

    it("builds one exact Workload Identity member and refuses anything but a workload pool", () => {
        assert.equal(
            workloadIdentityMember("my-project.svc.id.goog", "langsmith", "langsmith-backend"),
            "serviceAccount:my-project.svc.id.goog[langsmith/langsmith-backend]",
        );
        assert.throws(() => workloadIdentityMember("", "langsmith", "x"), /not a GKE workload pool/);
        assert.throws(() => workloadIdentityMember("*", "langsmith", "x"), /not a GKE workload pool/);
    });

    it("normalises network names, paths and URLs to projects/<p>/global/networks/<n>", () => {
        assert.equal(networkPath("p-123456", "default"), "projects/p-123456/global/networks/default");
        assert.equal(
            networkPath("p-123456", "projects/host-proj/global/networks/shared"),
            "projects/host-proj/global/networks/shared",
        );
        assert.equal(
            networkPath("p-123456", "https://www.googleapis.com/compute/v1/projects/host-proj/global/networks/shared"),
            "projects/host-proj/global/networks/shared",
        );
        assert.throws(() => networkPath("p-123456", "Not A Network"), /not a VPC network/);
    });

    it("turns Kubernetes-style tags into valid GCP labels", () => {
        assert.deepEqual(toGcpLabels({ "app.kubernetes.io/part-of": "LangSmith", "9lives": "x y" }), {
            "app_kubernetes_io_part-of": "langsmith",
            l_9lives: "x_y",
        });
    });

    it("keeps transaction logs within the edition's limit and requires client certificates only when asked", () => {
        const args = {
            project: "p-123456",
            region: "us-central1",
            network: "projects/p-123456/global/networks/default",
            majorVersion: 17,
            tier: "db-custom-2-8192",
            storageGb: 100,
            highAvailability: true,
            backupRetentionDays: 30,
            database: "langsmith",
            iamUser: "langsmith@p-123456.iam",
            bootstrapUser: "langsmith-bootstrap@p-123456.iam",
            sslMode: "require" as const,
            production: true,
        };
        const enterprise = cloudSqlSettings(gcpPostgresDefaults({ ...args, edition: "ENTERPRISE" })) as {
            backupConfiguration: { transactionLogRetentionDays: number };
            ipConfiguration: { sslMode: string; serverCaMode: string };
            availabilityType: string;
        };
        assert.equal(enterprise.backupConfiguration.transactionLogRetentionDays, 7);
        assert.equal(enterprise.ipConfiguration.sslMode, "ENCRYPTED_ONLY");
        assert.equal(enterprise.availabilityType, "REGIONAL");
        assert.equal(
            enterprise.ipConfiguration.serverCaMode,
            "GOOGLE_MANAGED_CAS_CA",
            "verify-full needs CAS-issued certificates",
        );
        const plus = cloudSqlSettings(
            gcpPostgresDefaults({ ...args, edition: "ENTERPRISE_PLUS", requireClientCertificates: true }),
        ) as typeof enterprise;
        assert.equal(plus.backupConfiguration.transactionLogRetentionDays, 30);
        assert.equal(plus.ipConfiguration.sslMode, "TRUSTED_CLIENT_CERTIFICATE_REQUIRED");
    });

    it("writes a GKE kubeconfig that authenticates with gke-gcloud-auth-plugin and stores no credentials", () => {
        const config = JSON.parse(
            gkeKubeconfig({
                project: "p-123456",
                location: "us-central1",
                clusterName: "c1",
                endpoint: "34.1.2.3",
                clusterCaCertificate: "Q0E=",
            }),
        );
        assert.equal(config.clusters[0].cluster.server, "https://34.1.2.3");
        assert.equal(config.clusters[0].cluster["certificate-authority-data"], "Q0E=");
        assert.deepEqual(Object.keys(config.users[0].user), ["exec"]);
        assert.equal(config.users[0].user.exec.command, "gke-gcloud-auth-plugin");
    });
});

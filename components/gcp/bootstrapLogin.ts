import type { BootstrapLogin } from "../postgres/bootstrapLogin";
import type { GcpWorkloadIdentity } from "./identity";
import type { GcpPostgres } from "./postgres";

/**
 * How the bootstrap Job logs in to Cloud SQL: as the bootstrap's own IAM user, with the access
 * token the GKE metadata server issues for the Google service account its Kubernetes service
 * account is bound to (`iam.gke.io/gcp-service-account`), verifying the server against the
 * instance's CAs and its DNS name (libpq connects to the private IP and checks that name).
 */
export function gcpBootstrapLogin(postgres: GcpPostgres, bootstrapIdentity: GcpWorkloadIdentity): BootstrapLogin {
    return {
        user: postgres.bootstrapUser,
        credential: { cloud: "gcp" },
        serviceAccountAnnotations: bootstrapIdentity.serviceAccountAnnotations,
        podLabels: bootstrapIdentity.podLabels,
        caCertificate: postgres.caCertificate,
        tlsServerName: postgres.tlsServerName,
    };
}

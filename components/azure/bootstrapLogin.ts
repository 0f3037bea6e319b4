import type { BootstrapLogin } from "../postgres/bootstrapLogin";
import type { AzureWorkloadIdentity } from "./identity";
import type { AzurePostgres } from "./postgres";

/**
 * How the bootstrap Job logs in to Flexible Server: as the Entra administrator, which is the
 * bootstrap's own managed identity, with the Entra token its federated credential gets for its own
 * Kubernetes service account (client id annotation, `azure.workload.identity/use` pod label),
 * verifying the server's FQDN against the root CAs Azure documents.
 */
export function azureBootstrapLogin(postgres: AzurePostgres, bootstrapIdentity: AzureWorkloadIdentity): BootstrapLogin {
    return {
        user: postgres.bootstrapUser,
        credential: { cloud: "azure", tenantId: bootstrapIdentity.tenantId, clientId: bootstrapIdentity.clientId },
        serviceAccountAnnotations: bootstrapIdentity.serviceAccountAnnotations,
        podLabels: bootstrapIdentity.podLabels,
        caCertificate: postgres.caCertificate,
    };
}

/** Names the Azure path derives, as pure functions (no SDK), so config validation can check them. */

/** Pod label without which the Workload Identity webhook injects no token (the pod silently gets none). */
export const USE_LABEL = "azure.workload.identity/use";

/** Azure's limit on a federated identity credential's name (3-120 letters, digits, '-' and '_'). */
export const MAX_FEDERATED_CREDENTIAL_NAME = 120;

/** Azure's limit of federated identity credentials on one user-assigned managed identity. */
export const MAX_FEDERATED_CREDENTIALS = 20;

/** The federated identity credential for one Kubernetes service account: `<namespace>-<sa>`. */
export function federatedCredentialName(namespace: string, serviceAccount: string): string {
    return `${namespace}-${serviceAccount}`.replace(/[^A-Za-z0-9_-]/g, "-");
}

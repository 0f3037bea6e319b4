import type * as pulumi from "@pulumi/pulumi";
import type { IamAuthProvider } from "./contract";

/**
 * Where the bootstrap Job gets its administrator credential at run time. Pulumi never holds it:
 * on AWS RDS keeps the master password in Secrets Manager and the Job's own role reads it; on GCP
 * and Azure the Job's own workload identity fetches an access token that is the password.
 *
 * One interface with per-cloud optional fields rather than a union per cloud: Pulumi's component
 * schema (`pulumi package add`) does not support union types.
 */
export interface BootstrapCredential {
    /** Which cloud's credential the Job fetches (`aws`, `gcp`: the GKE metadata server, `azure`). */
    cloud: IamAuthProvider;
    /** AWS (required there): region of the RDS instance and its secret. */
    region?: string;
    /** AWS (required there): ARN of the RDS-managed master user secret (JSON with `username` and `password`). */
    secretArn?: pulumi.Input<string>;
    /** Azure: Entra tenant of the Job's managed identity (the Workload Identity webhook injects it in the pod). */
    tenantId?: pulumi.Input<string>;
    /** Azure: client id of the Job's managed identity (the Workload Identity webhook injects it in the pod). */
    clientId?: pulumi.Input<string>;
}

/**
 * What a cloud's components hand to the bootstrap: who the Job logs in as, how it gets the
 * credential, what its own service account and pods need for the workload identity, and the CA
 * that verifies the server (`verify-full`). Nothing here is a secret.
 */
export interface BootstrapLogin {
    /** The database user the Job logs in as. */
    user: pulumi.Output<string>;
    /** How the Job fetches the credential for `user` at run time. */
    credential: BootstrapCredential;
    /** Annotations for the Job's own service account (IRSA role, GKE service account, Azure client id). */
    serviceAccountAnnotations: pulumi.Output<Record<string, string>>;
    /** Labels for the Job's pods (Azure Workload Identity's `azure.workload.identity/use`). */
    podLabels: Record<string, string>;
    /** PEM bundle of the CAs that may have signed the server's certificate. */
    caCertificate: pulumi.Output<string>;
    /**
     * The name the server's certificate is issued for, when the Job connects to an address instead
     * (libpq checks `PGHOST` and connects to `PGHOSTADDR`: Cloud SQL's private IP).
     */
    tlsServerName?: pulumi.Output<string>;
}

/** The bootstrap's own Kubernetes identity: a service account in a namespace of its own. */
export interface BootstrapServiceAccount {
    namespace: string;
    name: string;
}

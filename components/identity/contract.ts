import * as pulumi from "@pulumi/pulumi";

/**
 * What every cloud's workload identity component hands to the Kubernetes side: the annotations each
 * Postgres-connecting service account needs and the labels each of their pods needs. Empty maps are
 * valid (EKS Pod Identity needs no annotation; only Azure needs a pod label).
 */
export interface WorkloadIdentityBinding {
    /** Annotations for every service account in the workload list. */
    serviceAccountAnnotations: pulumi.Output<Record<string, string>>;
    /** Labels for every pod (Deployments and Jobs) that runs under those service accounts. */
    podLabels: Record<string, string>;
}

/** `system:serviceaccount:<ns>:<sa>`: the subject Kubernetes puts in projected tokens. */
export function serviceAccountSubject(namespace: string, serviceAccount: string): string {
    return `system:serviceaccount:${namespace}:${serviceAccount}`;
}

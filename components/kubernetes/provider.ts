import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

/** Where Kubernetes resources go: an explicit cluster, never the ambient kubectl context. */
export interface ClusterAccess {
    /** Kubeconfig contents (or a path) to use as given. */
    kubeconfig: pulumi.Input<string>;
    /** Context inside the kubeconfig. */
    context?: string;
}

/** Arguments of {@link eksKubeconfig}. */
export interface EksKubeconfigArgs {
    clusterName: string;
    region: string;
    endpoint: string;
    /** Base64 certificate authority data of the cluster. */
    certificateAuthorityData: string;
}

/** A kubeconfig for one EKS cluster that authenticates with `aws eks get-token` (no stored credentials). */
export function eksKubeconfig(args: EksKubeconfigArgs): string {
    const name = `eks-${args.region}-${args.clusterName}`;
    return JSON.stringify({
        apiVersion: "v1",
        kind: "Config",
        clusters: [
            { name, cluster: { server: args.endpoint, "certificate-authority-data": args.certificateAuthorityData } },
        ],
        users: [
            {
                name,
                user: {
                    exec: {
                        apiVersion: "client.authentication.k8s.io/v1beta1",
                        command: "aws",
                        args: [
                            "eks",
                            "get-token",
                            "--cluster-name",
                            args.clusterName,
                            "--region",
                            args.region,
                            "--output",
                            "json",
                        ],
                        interactiveMode: "Never",
                    },
                },
            },
        ],
        contexts: [{ name, context: { cluster: name, user: name } }],
        "current-context": name,
    });
}

/** Arguments of {@link gkeKubeconfig}. */
export interface GkeKubeconfigArgs {
    /** GCP project id of the cluster. */
    project: string;
    /** Cluster location (region or zone). */
    location: string;
    clusterName: string;
    /** The control plane's address (IP or host name, without scheme), as the GKE API returns it. */
    endpoint: string;
    /** Base64 certificate authority of the cluster (`masterAuth.clusterCaCertificate`). */
    clusterCaCertificate: string;
}

/**
 * A kubeconfig for one GKE cluster that authenticates with `gke-gcloud-auth-plugin` (the caller's
 * Google credentials, no stored token), like `gcloud container clusters get-credentials` writes.
 */
export function gkeKubeconfig(args: GkeKubeconfigArgs): string {
    const name = `gke_${args.project}_${args.location}_${args.clusterName}`;
    const server = /^https:\/\//.test(args.endpoint) ? args.endpoint : `https://${args.endpoint}`;
    return JSON.stringify({
        apiVersion: "v1",
        kind: "Config",
        clusters: [{ name, cluster: { server, "certificate-authority-data": args.clusterCaCertificate } }],
        users: [
            {
                name,
                user: {
                    exec: {
                        apiVersion: "client.authentication.k8s.io/v1beta1",
                        command: "gke-gcloud-auth-plugin",
                        installHint: "Install gke-gcloud-auth-plugin: gcloud components install gke-gcloud-auth-plugin",
                        provideClusterInfo: true,
                        interactiveMode: "Never",
                    },
                },
            },
        ],
        contexts: [{ name, context: { cluster: name, user: name } }],
        "current-context": name,
    });
}

/** The Kubernetes provider for the target cluster. */
export function clusterProvider(
    name: string,
    access: ClusterAccess,
    opts?: pulumi.CustomResourceOptions,
): k8s.Provider {
    return new k8s.Provider(
        name,
        {
            kubeconfig: access.kubeconfig,
            context: access.context,
            enableServerSideApply: true,
            deleteUnreachable: false,
        },
        opts,
    );
}

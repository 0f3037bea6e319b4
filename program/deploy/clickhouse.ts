/**
 * The stack's ClickHouse as the LangSmith component takes it: the in-cluster StatefulSet sized per
 * the reference architecture on an SSD StorageClass of the cloud, or an external server whose
 * password (the secret `langsmith:clickhousePassword`) reaches only the connection Secret.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { Settings } from "../config/settings";
import type { ClickHouseArgs } from "../../components/clickhouse/contract";

/**
 * SSD StorageClasses the managed clusters ship with:
 * GKE `premium-rwo` (pd-ssd, https://cloud.google.com/kubernetes-engine/docs/how-to/persistent-volumes/gce-pd-csi-driver),
 * AKS `managed-csi-premium` (Premium SSD, https://learn.microsoft.com/azure/aks/create-volume-azure-disk).
 * EKS ships none with gp3, so the AWS stack creates its own (below).
 */
export const BUILT_IN_SSD_STORAGE_CLASS = { gcp: "premium-rwo", azure: "managed-csi-premium" } as const;

/**
 * The reference architecture's disk for ClickHouse (~7000 IOPS, ~1000 MiB/s) as a gp3 volume, through
 * the EBS CSI driver's StorageClass parameters
 * (https://github.com/kubernetes-sigs/aws-ebs-csi-driver/blob/master/docs/parameters.md).
 */
export const AWS_CLICKHOUSE_GP3 = { iops: 7000, throughputMiBs: 1000 } as const;

/** The AWS gp3 StorageClass for the in-cluster ClickHouse (cluster-scoped, so named after the namespace). */
export function awsClickHouseStorageClass(
    settings: Settings,
    provider: k8s.Provider,
    kmsKeyArn?: string,
): k8s.storage.v1.StorageClass {
    const parameters: Record<string, string> = {
        type: "gp3",
        iops: String(AWS_CLICKHOUSE_GP3.iops),
        throughput: String(AWS_CLICKHOUSE_GP3.throughputMiBs),
        encrypted: "true",
    };
    if (kmsKeyArn) parameters.kmsKeyId = kmsKeyArn;
    return new k8s.storage.v1.StorageClass(
        "langsmith-clickhouse-gp3",
        {
            metadata: {
                name: `${settings.kubernetes.namespace}-clickhouse-gp3`,
                labels: { "app.kubernetes.io/part-of": "langsmith", "app.kubernetes.io/managed-by": "pulumi" },
            },
            provisioner: "ebs.csi.aws.com",
            parameters,
            // The volume is made in the zone the pod lands in; it grows with the PVC.
            volumeBindingMode: "WaitForFirstConsumer",
            allowVolumeExpansion: true,
            // Production keeps the EBS volume if the claim goes (trace data outlives a mistaken uninstall).
            reclaimPolicy: settings.production ? "Retain" : "Delete",
        },
        { provider },
    );
}

/** The component's ClickHouse arguments for these settings (`storageClassName` from the cloud when unset). */
export function clickhouseArgsFor(settings: Settings, defaultStorageClass?: pulumi.Input<string>): ClickHouseArgs {
    const ch = settings.clickhouse;
    if (ch.mode === "inCluster") {
        const storageClassName = ch.storageClassName ?? defaultStorageClass;
        return {
            inCluster: {
                cpu: ch.cpu,
                memoryGi: ch.memoryGi,
                storageGb: ch.storageGb,
                ...(storageClassName !== undefined ? { storageClassName } : {}),
            },
        };
    }
    const password = settings.clickhousePassword;
    // The config rules refuse an external mode without the password; this guards the type only.
    if (password === undefined)
        throw new Error("clickhouse: an external ClickHouse needs langsmith:clickhousePassword");
    return {
        external: {
            host: ch.host,
            port: ch.port,
            nativePort: ch.nativePort,
            tls: ch.tls,
            database: ch.database,
            user: ch.user,
            password: pulumi.secret(password),
            hybrid: ch.hybrid,
            ...(ch.cluster !== undefined ? { cluster: ch.cluster } : {}),
        },
    };
}

/** The default in-cluster StorageClass of each cloud (AWS: the one created here). */
export function defaultClickHouseStorageClass(
    settings: Settings,
    provider: k8s.Provider,
): { name?: pulumi.Input<string>; resources: pulumi.Resource[] } {
    const ch = settings.clickhouse;
    if (ch.mode !== "inCluster" || ch.storageClassName !== undefined) return { resources: [] };
    if (settings.cloud === "aws") {
        const sc = awsClickHouseStorageClass(settings, provider, settings.aws.kmsKeyArn);
        return { name: sc.metadata.name, resources: [sc] };
    }
    return { name: BUILT_IN_SSD_STORAGE_CLASS[settings.cloud], resources: [] };
}

/** The GCP blob storage of a stack: the bucket name (given, or derived from project, stack and GCP project) and the bucket. */
import type * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import type { GcpStackSettings } from "../config/settings";
import { CONFIG_NAMESPACE, ConfigError } from "../config/errors";
import { defaultBucketName, gcsBucketNameProblem, GCS_NAMING } from "../../components/blob/names";
import { GcpBlobBucket } from "../../components/gcp/bucket";

/** The bucket name: the configured one, or the default (checked against Cloud Storage's rules before any resource). */
export function gcsBucketName(settings: GcpStackSettings): string {
    const given = settings.blobStorage.bucketName;
    if (given) return given;
    const project = pulumi.getProject();
    const stack = pulumi.getStack();
    // The GCP project id is globally unique: with it in the hash, the name is too.
    const name = defaultBucketName(project, stack, [settings.gcp.project]);
    const problem = gcsBucketNameProblem(name);
    if (problem)
        throw new ConfigError(
            `${CONFIG_NAMESPACE}:blobStorage.bucketName`,
            `is unset and the default ${name} derived from project ${project} and stack ${stack} ${problem} (${GCS_NAMING}); set a bucket name`,
        );
    return name;
}

export function deployGcpBlob(
    settings: GcpStackSettings,
    ctx: { provider: gcp.Provider; serviceAccountEmail: pulumi.Input<string>; labels: Record<string, string> },
): GcpBlobBucket | undefined {
    const blob = settings.blobStorage;
    if (!blob.enabled) return undefined;
    return new GcpBlobBucket(
        "langsmith-blob",
        {
            project: settings.gcp.project,
            bucketName: gcsBucketName(settings),
            location: settings.gcp.region,
            serviceAccountEmail: ctx.serviceAccountEmail,
            retention: {
                shortTtlDays: blob.shortTtlDays,
                longTtlDays: blob.longTtlDays,
                extraTtlDays: blob.extraTtlDays,
            },
            production: settings.production,
            labels: ctx.labels,
        },
        { providers: { gcp: ctx.provider } },
    );
}

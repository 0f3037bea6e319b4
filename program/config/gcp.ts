/** The `langsmith:gcp` config block, and the GCP-only cross-field rules. */
import { createHash } from "node:crypto";
import { z } from "zod";
import { CloudSqlEdition } from "../../components/gcp/edition";
import { gcpRedisNetworkProblems } from "./gcpRedis";

/** A GCP project id: 6-30 characters, lower-case letters, digits and hyphens, starting with a letter. */
const projectId = z.string().regex(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, {
    error: (iss) =>
        `${JSON.stringify(iss.input)} is not a GCP project id like my-project-123; set the project id (not its name or number)`,
});
/** An RFC 1035 name, as GCP requires for networks, address ranges and clusters. */
const rfc1035 = (what: string, maxLength: number) =>
    z.string().regex(new RegExp(`^[a-z]([-a-z0-9]{0,${maxLength - 2}}[a-z0-9])?$`), {
        error: (iss) =>
            `${JSON.stringify(iss.input)} is not a valid ${what}; use lower-case letters, digits and '-', starting with a letter (at most ${maxLength} characters)`,
    });

export const gcpSchema = z.strictObject({
    /** The GCP project id of the GKE cluster and the database. */
    project: projectId,
    /** Region of the Cloud SQL instance, e.g. us-central1 (the cluster's region). */
    region: z.string().regex(/^[a-z]+-[a-z]+\d+$/, {
        error: (iss) => `${JSON.stringify(iss.input)} is not a GCP region like us-central1; set the cluster's region`,
    }),
    /** Name of the existing GKE cluster (Workload Identity enabled). */
    clusterName: rfc1035("GKE cluster name", 40),
    /** Location of the cluster: a region (regional cluster) or a zone such as us-central1-a (default: `region`). */
    clusterLocation: z
        .string()
        .regex(/^[a-z]+-[a-z]+\d+(-[a-z])?$/, {
            error: (iss) =>
                `${JSON.stringify(iss.input)} is not a GCP region or zone like us-central1 or us-central1-a; set the cluster's location`,
        })
        .optional(),
    /**
     * Override: the VPC network for the database's private IP, as a name or
     * `projects/<project>/global/networks/<name>` (default: the cluster's network).
     */
    network: z
        .string()
        .regex(/^(projects\/[a-z][a-z0-9-]{4,28}[a-z0-9]\/global\/networks\/)?[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/, {
            error: (iss) =>
                `${JSON.stringify(iss.input)} is not a VPC network name or projects/<project>/global/networks/<name>; set it or remove the key`,
        })
        .optional(),
    /**
     * Create the Private Service Access connection (an allocated range and the
     * servicenetworking peering) instead of using the one the VPC already has.
     */
    createPrivateServiceConnection: z
        .boolean({ error: "must be true or false; set true or false (no quotes)" })
        .default(false),
    /**
     * Create the service connection policy Memorystore needs for its Private Service Connect endpoints
     * (class gcp-memorystore, the cluster's network and region) instead of using the one the VPC has.
     */
    createServiceConnectionPolicy: z
        .boolean({ error: "must be true or false; set true or false (no quotes)" })
        .default(false),
    /**
     * With createServiceConnectionPolicy: the subnetwork the Memorystore endpoints take addresses
     * from, a name or `projects/<p>/regions/<r>/subnetworks/<s>` in the region (default: the GKE cluster's).
     */
    pscSubnetwork: z
        .string()
        .regex(
            /^(projects\/[a-z][a-z0-9-]{4,28}[a-z0-9]\/regions\/[a-z]+-[a-z]+\d+\/subnetworks\/)?[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/,
            {
                error: (iss) =>
                    `${JSON.stringify(iss.input)} is not a subnetwork name or projects/<project>/regions/<region>/subnetworks/<name>; set it or remove the key`,
            },
        )
        .optional(),
    /** Prefix length of the range reserved for Private Service Access (with createPrivateServiceConnection). */
    privateServiceRangePrefixLength: z
        .number()
        .int({ error: "must be a whole number; set e.g. 20" })
        .min(16, { error: "must be 16 or more (Google reserves at most a /16 here); set 16 to 24" })
        .max(24, { error: "must be 24 or less (Cloud SQL needs at least a /24); set 16 to 24" })
        .default(20),
    /** Override: the name of an existing Private Service Access range to place the database in. */
    allocatedIpRange: rfc1035("address range name", 63).optional(),
    /** Account id of the Google service account LangSmith runs as; the database user is `<id>@<project>.iam` (default: `<project>-<stack>`, shortened to fit). */
    serviceAccountId: z
        .string()
        .regex(/^[a-z]([-a-z0-9]{4,28}[a-z0-9])$/, {
            error: (iss) =>
                `${JSON.stringify(iss.input)} is not a service account id; use 6-30 lower-case letters, digits and '-', starting with a letter`,
        })
        .optional(),
    /**
     * With `langsmith:postgres.sslMode` verify-full: the project of the private Cloud DNS zone that makes
     * the instance's DNS name resolve on the cluster's network (default: the network's project, which
     * with a Shared VPC is the host project).
     */
    privateDnsProject: projectId.optional(),
    /**
     * With verify-full: an existing private Cloud DNS zone (its name, in `privateDnsProject`) bound to
     * the cluster's network that covers the instance's DNS name, e.g. a `<region>.sql.goog.` zone;
     * the stack adds only its A record there (default: the stack creates a zone for the name alone).
     */
    privateDnsZone: rfc1035("Cloud DNS zone name", 63).optional(),
    /** Cloud SQL edition. `ENTERPRISE` runs the `db-custom-*` tiers; `ENTERPRISE_PLUS` needs `db-perf-optimized-N-*`. */
    edition: z
        .enum(CloudSqlEdition, {
            error: `is not a Cloud SQL edition; set ${Object.values(CloudSqlEdition).join(" or ")}`,
        })
        .default(CloudSqlEdition.Enterprise),
});

/** The GCP block with the service account id resolved (explicit, or derived from the stack). */
export type GcpConfig = Omit<z.output<typeof gcpSchema>, "serviceAccountId"> & { serviceAccountId: string };

/** The database user Cloud SQL names after the service account: its email without `.gserviceaccount.com`. */
export function expectedIamUser(gcp: Pick<GcpConfig, "serviceAccountId" | "project">): string {
    return `${gcp.serviceAccountId}@${gcp.project}.iam`;
}

/** The bootstrap's Google service account id: the app's with this suffix. */
export const GCP_BOOTSTRAP_ACCOUNT_SUFFIX = "-bootstrap";
/** Google's limit on a service account id (6-30 characters). */
export const MAX_GCP_ACCOUNT_ID = 30;

/** PostgreSQL's limit on a role name in bytes (the Cloud SQL IAM user is a role). */
const MAX_POSTGRES_ROLE_BYTES = 63;

/**
 * The bootstrap Job's own Google service account id, derived from the app's: `<id>-bootstrap` when
 * it fits both Google's 30 characters and, as `<id>@<project>.iam`, PostgreSQL's 63-byte role names;
 * otherwise the app's id cut short plus `-b` and a hash of the whole id, so it stays unique per stack.
 */
export function bootstrapAccountIdOf(serviceAccountId: string, project: string): string {
    const full = `${serviceAccountId}${GCP_BOOTSTRAP_ACCOUNT_SUFFIX}`;
    const limit = Math.min(MAX_GCP_ACCOUNT_ID, MAX_POSTGRES_ROLE_BYTES - Buffer.byteLength(`@${project}.iam`));
    if (full.length <= limit) return full;
    const hash = createHash("sha256").update(serviceAccountId).digest("hex").slice(0, 6);
    const base = serviceAccountId.slice(0, Math.max(1, limit - hash.length - 2)).replace(/-+$/, "");
    return `${base}-b${hash}`;
}

/** What the GCP rules need from the postgres block. */
export interface GcpPostgresView {
    instanceClass?: string;
    iamUser?: string;
    previousIamUser?: string;
    dropPreviousIamUser?: boolean;
    clientCertificate?: unknown;
    sslMode?: string;
}

/** A broken GCP rule: the key (without `langsmith:`) and the problem with its fix. */
export interface GcpConfigProblem {
    path: string;
    problem: string;
}

/** Cross-field rules of a GCP stack; every problem found (none: an empty list). */
export function gcpConfigProblems(gcp: GcpConfig, postgres: GcpPostgresView): GcpConfigProblem[] {
    const out: GcpConfigProblem[] = [];
    if (postgres.iamUser !== undefined) {
        out.push({
            path: "postgres.iamUser",
            problem:
                "is derived on GCP (Cloud SQL names a service account's user <account id>@<project>.iam); remove it and set langsmith:gcp.serviceAccountId instead",
        });
    }
    if (postgres.previousIamUser !== undefined && postgres.previousIamUser === expectedIamUser(gcp)) {
        out.push({
            path: "postgres.previousIamUser",
            problem: `is the IAM user this stack creates (${expectedIamUser(gcp)}); remove it, or set it to the user that owned the objects before`,
        });
    }
    const bootstrapId = bootstrapAccountIdOf(gcp.serviceAccountId, gcp.project);
    if (bootstrapId.length > MAX_GCP_ACCOUNT_ID) {
        out.push({
            path: "gcp.serviceAccountId",
            problem: `makes the bootstrap Job's service account id ${bootstrapId} ${bootstrapId.length} characters long, above Google's ${MAX_GCP_ACCOUNT_ID}; use a service account id of at most ${MAX_GCP_ACCOUNT_ID - GCP_BOOTSTRAP_ACCOUNT_SUFFIX.length} characters`,
        });
    }
    const bootstrapUser = expectedIamUser({ ...gcp, serviceAccountId: bootstrapId });
    if (Buffer.byteLength(bootstrapUser) > 63) {
        out.push({
            path: "gcp.serviceAccountId",
            problem: `makes the bootstrap Job's Cloud SQL IAM user ${bootstrapUser} ${Buffer.byteLength(bootstrapUser)} bytes long, above PostgreSQL's 63-byte role names; use a service account id at least ${Buffer.byteLength(bootstrapUser) - 63} characters shorter`,
        });
    }
    if (postgres.dropPreviousIamUser) {
        out.push({
            path: "postgres.dropPreviousIamUser",
            problem:
                "is not supported on GCP: Cloud SQL created the previous IAM user, so only its API can delete it; remove the key and delete the old user with gcloud sql users delete once the switch is done",
        });
    }
    if (postgres.clientCertificate !== undefined) {
        out.push({
            path: "postgres.clientCertificate",
            problem:
                "is not supported on GCP yet: requiring Cloud SQL client certificates would also lock out the bootstrap Job, which has none; remove it (Cloud SQL still enforces TLS with sslMode ENCRYPTED_ONLY)",
        });
    }
    // The zone serves the app's verify-full connection only; without it nothing would use it.
    for (const key of ["privateDnsProject", "privateDnsZone"] as const) {
        if (gcp[key] !== undefined && postgres.sslMode !== "verify-full") {
            out.push({
                path: `gcp.${key}`,
                problem: `is used only with langsmith:postgres.sslMode verify-full (LangSmith then connects by the Cloud SQL instance's DNS name, resolved in a private Cloud DNS zone); set sslMode to verify-full or remove the key`,
            });
        }
    }
    if (gcp.createPrivateServiceConnection && gcp.allocatedIpRange) {
        out.push({
            path: "gcp.allocatedIpRange",
            problem:
                "names an existing range but langsmith:gcp.createPrivateServiceConnection creates one; remove one of them",
        });
    }
    out.push(...gcpRedisNetworkProblems(gcp));
    const tier = postgres.instanceClass;
    if (tier !== undefined) {
        if (!/^db-(custom-\d+-\d+|perf-optimized-N-\d+|f1-micro|g1-small)$/.test(tier)) {
            out.push({
                path: "postgres.instanceClass",
                problem: `${JSON.stringify(tier)} is not a Cloud SQL tier like db-custom-2-8192; set a Cloud SQL machine type`,
            });
            return out;
        }
        const perfOptimized = tier.startsWith("db-perf-optimized-");
        if (gcp.edition === "ENTERPRISE_PLUS" && !perfOptimized) {
            out.push({
                path: "postgres.instanceClass",
                problem: `${tier} is not available on the ENTERPRISE_PLUS edition; use a db-perf-optimized-N-* tier or set langsmith:gcp.edition to ENTERPRISE`,
            });
        }
        if (gcp.edition === "ENTERPRISE" && perfOptimized) {
            out.push({
                path: "postgres.instanceClass",
                problem: `${tier} needs the ENTERPRISE_PLUS edition; set langsmith:gcp.edition to ENTERPRISE_PLUS or use a db-custom-* tier`,
            });
        }
        const custom = customMachineProblem(tier);
        if (custom)
            out.push({
                path: "postgres.instanceClass",
                problem: `${tier}: ${custom}; use a size Cloud SQL offers such as db-custom-2-8192`,
            });
    }
    return out;
}

/**
 * Cloud SQL custom machine types (`db-custom-<vCPUs>-<MB>`): 1 or an even number of vCPUs up to 96,
 * memory a multiple of 256 MB, 0.9 to 6.5 GB per vCPU and at least 3840 MB
 * (https://cloud.google.com/sql/docs/postgres/instance-settings).
 */
export function customMachineProblem(tier: string): string | undefined {
    const m = /^db-custom-(\d+)-(\d+)$/.exec(tier);
    if (!m) return undefined;
    const [cpus, mb] = [Number(m[1]), Number(m[2])];
    if (cpus < 1 || cpus > 96 || (cpus > 1 && cpus % 2 !== 0))
        return `${cpus} vCPUs is not offered (1 or an even number up to 96)`;
    if (mb % 256 !== 0) return `${mb} MB is not a multiple of 256 MB`;
    if (mb < 3840) return `${mb} MB is below the 3840 MB minimum`;
    if (mb < 0.9 * 1024 * cpus || mb > 6.5 * 1024 * cpus)
        return `${mb} MB is outside 0.9-6.5 GB per vCPU for ${cpus} vCPUs`;
    return undefined;
}

/** Google Cloud input rules of the blob storage: the Cloud Storage bucket and its IAM member. */
import { gcsBucketNameProblem, GCS_NAMING } from "../../../components/blob/names";
import { gcpLabelsRule } from "./gcpLabels";
import { get, num, problems, q, str } from "./common";
import type { ServiceRule } from "./types";

const BUCKET = "gcp:storage/bucket:Bucket";
const BUCKET_MEMBER = "gcp:storage/bucketIAMMember:BucketIAMMember";

const LIFECYCLE = "https://cloud.google.com/storage/docs/lifecycle";
const SOFT_DELETE = "https://cloud.google.com/storage/docs/soft-delete";
const PUBLIC_ACCESS = "https://cloud.google.com/storage/docs/public-access-prevention";
const BUCKET_IAM = "https://cloud.google.com/storage/docs/access-control/iam";

const ACTIONS = ["Delete", "SetStorageClass", "AbortIncompleteMultipartUpload"];

export const GCP_STORAGE_RULES: ServiceRule[] = [
    {
        id: "gcp.storage.bucket.name",
        resourceType: BUCKET,
        property: "name",
        description:
            "Bucket names: 3-63 lower-case letters, digits, '-' and '_' (dots need a verified domain), a letter or digit at both ends, no \"goog\" prefix, no \"google\".",
        url: GCS_NAMING,
        check: (inputs) => {
            const name = str(inputs, "name");
            const problem = name === undefined ? undefined : gcsBucketNameProblem(name);
            return problem && `${q(name ?? "")} ${problem}`;
        },
    },
    {
        id: "gcp.storage.bucket.lifecycle",
        resourceType: BUCKET,
        property: "lifecycleRules",
        description:
            "Lifecycle: at most 100 rules; each action is Delete, SetStorageClass or AbortIncompleteMultipartUpload and has at least one condition; ages are whole days, 0 or more.",
        url: LIFECYCLE,
        check: (inputs) => {
            const rules = get(inputs, "lifecycleRules");
            if (rules === undefined) return undefined;
            if (!Array.isArray(rules)) return "lifecycleRules must be a list";
            return problems([
                rules.length > 100 && `${rules.length} rules, more than 100`,
                ...rules.flatMap((r, i) => {
                    const type = str(r, "action.type") ?? "";
                    const condition = get(r, "condition");
                    const age = num(r, "condition.age");
                    return [
                        !ACTIONS.includes(type) && `rule #${i}: action ${q(type)} is not one of ${ACTIONS.join(", ")}`,
                        (condition === undefined || Object.keys(condition as object).length === 0) &&
                            `rule #${i}: a rule needs at least one condition`,
                        age !== undefined &&
                            (!Number.isInteger(age) || age < 0) &&
                            `rule #${i}: age must be whole days`,
                    ];
                }),
            ]);
        },
    },
    {
        id: "gcp.storage.bucket.soft-delete",
        resourceType: BUCKET,
        property: "softDeletePolicy.retentionDurationSeconds",
        description: "Soft delete retention is 0 (off) or 7 to 90 days, in seconds.",
        url: SOFT_DELETE,
        check: (inputs) => {
            const seconds = num(inputs, "softDeletePolicy.retentionDurationSeconds");
            if (seconds === undefined || seconds === 0) return undefined;
            return seconds >= 7 * 86400 && seconds <= 90 * 86400
                ? undefined
                : `${seconds} seconds is neither 0 nor 7 to 90 days (604800 to 7776000)`;
        },
    },
    {
        id: "gcp.storage.bucket.public-access-prevention",
        resourceType: BUCKET,
        property: "publicAccessPrevention",
        description: "Public access prevention is enforced or inherited.",
        url: PUBLIC_ACCESS,
        check: (inputs) => {
            const v = str(inputs, "publicAccessPrevention");
            return v === undefined || v === "enforced" || v === "inherited"
                ? undefined
                : `${q(v)} is not enforced or inherited`;
        },
    },
    gcpLabelsRule({
        id: "gcp.storage.bucket.labels",
        resourceType: BUCKET,
        property: "labels",
        description:
            "Labels: keys start with a lower-case letter; keys and values at most 63 lower-case letters, digits, '_' or '-'; at most 64 labels.",
    }),
    {
        id: "gcp.storage.bucket-iam.member",
        resourceType: BUCKET_MEMBER,
        property: "bucket, role, member",
        description:
            "A bucket IAM member names the bucket, a role (roles/... or a custom role) and a member such as serviceAccount:<email>.",
        url: BUCKET_IAM,
        check: (inputs) => {
            const role = str(inputs, "role") ?? "";
            const member = str(inputs, "member") ?? "";
            return problems([
                !str(inputs, "bucket") && "bucket is required",
                !/^(roles\/[A-Za-z.]+|projects\/[^/]+\/roles\/[\w.]+|organizations\/\d+\/roles\/[\w.]+)$/.test(role) &&
                    `role ${q(role)} is not roles/<name> or a custom role`,
                !/^(serviceAccount|user|group|domain|principal|principalSet|projectOwner|projectEditor|projectViewer):.+$|^allUsers$|^allAuthenticatedUsers$/.test(
                    member,
                ) && `member ${q(member)} is not <type>:<id>`,
            ]);
        },
    },
];

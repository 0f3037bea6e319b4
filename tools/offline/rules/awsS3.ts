/** AWS input rules of the blob storage: the S3 bucket and its configuration resources, the S3 gateway endpoint. */
import { s3BucketNameProblem, S3_NAMING } from "../../../components/blob/names";
import { get, isRecord, num, problems, q, str } from "./common";
import type { ServiceRule } from "./types";

export const S3_BUCKET = "aws:s3/bucket:Bucket";
const PUBLIC_ACCESS = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
const SSE = "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration";
const VERSIONING = "aws:s3/bucketVersioning:BucketVersioning";
const LIFECYCLE = "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration";
const BUCKET_POLICY = "aws:s3/bucketPolicy:BucketPolicy";
export const VPC_ENDPOINT = "aws:ec2/vpcEndpoint:VpcEndpoint";

const LIFECYCLE_RULE = "https://docs.aws.amazon.com/AmazonS3/latest/API/API_LifecycleRule.html";
const LIFECYCLE_EXPIRATION = "https://docs.aws.amazon.com/AmazonS3/latest/API/API_LifecycleExpiration.html";
const SSE_DEFAULT = "https://docs.aws.amazon.com/AmazonS3/latest/API/API_ServerSideEncryptionByDefault.html";
const VERSIONING_CONFIG = "https://docs.aws.amazon.com/AmazonS3/latest/API/API_VersioningConfiguration.html";
const PUBLIC_ACCESS_CONFIG = "https://docs.aws.amazon.com/AmazonS3/latest/API/API_PublicAccessBlockConfiguration.html";
const BUCKET_POLICY_PAGE = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-iam-policies.html";
const GATEWAY_ENDPOINT = "https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-s3.html";

/** The rules of a lifecycle configuration that S3 checks on PutBucketLifecycleConfiguration. */
function lifecycleProblems(rules: unknown): string | undefined {
    if (!Array.isArray(rules) || rules.length === 0) return "a lifecycle configuration needs at least one rule";
    const ids = rules.map((r) => str(r, "id") ?? "");
    return problems([
        rules.length > 1000 && `${rules.length} rules, more than the 1000 S3 allows`,
        ...ids.map((id, i) => ids.indexOf(id) !== i && `rule id ${q(id)} is used twice`),
        ...rules.flatMap((r, i) => {
            const id = ids[i] || `#${i}`;
            const days = num(r, "expiration.days");
            const status = str(r, "status");
            return [
                (ids[i].length < 1 || ids[i].length > 255) && `rule ${id}: the id must be 1 to 255 characters`,
                status !== "Enabled" && status !== "Disabled" && `rule ${id}: status must be Enabled or Disabled`,
                days !== undefined &&
                    (!Number.isInteger(days) || days < 1) &&
                    `rule ${id}: expiration days must be a positive whole number`,
                get(r, "abortIncompleteMultipartUpload") !== undefined &&
                    get(r, "filter.tag") !== undefined &&
                    `rule ${id}: abortIncompleteMultipartUpload cannot be used with a tag filter`,
            ];
        }),
    ]);
}

export const AWS_S3_RULES: ServiceRule[] = [
    {
        id: "aws.s3.bucket.name",
        resourceType: S3_BUCKET,
        property: "bucket",
        description:
            "Bucket names: 3-63 lower-case letters, digits, '.' and '-', a letter or digit at both ends, not an IP address, no reserved prefix or suffix (and no '.' for virtual-hosted-style HTTPS).",
        url: S3_NAMING,
        check: (inputs) => {
            const name = str(inputs, "bucket");
            const problem = name === undefined ? undefined : s3BucketNameProblem(name);
            return problem && `${q(name ?? "")} ${problem}`;
        },
    },
    {
        id: "aws.s3.public-access-block.flags",
        resourceType: PUBLIC_ACCESS,
        property: "bucket, blockPublicAcls, blockPublicPolicy, ignorePublicAcls, restrictPublicBuckets",
        description: "A public access block names its bucket; its four settings are booleans.",
        url: PUBLIC_ACCESS_CONFIG,
        check: (inputs) =>
            problems([
                !str(inputs, "bucket") && "bucket is required",
                ...["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"].map(
                    (k) => inputs[k] !== undefined && typeof inputs[k] !== "boolean" && `${k} must be a boolean`,
                ),
            ]),
    },
    {
        id: "aws.s3.encryption.algorithm",
        resourceType: SSE,
        property: "rules[].applyServerSideEncryptionByDefault",
        description:
            "Default encryption: sseAlgorithm is AES256, aws:kms or aws:kms:dsse; a KMS key id is allowed only with aws:kms or aws:kms:dsse.",
        url: SSE_DEFAULT,
        check: (inputs) => {
            const rules = get(inputs, "rules");
            if (!Array.isArray(rules) || rules.length === 0) return "at least one rule is required";
            return problems(
                rules.flatMap((r) => {
                    const algorithm = str(r, "applyServerSideEncryptionByDefault.sseAlgorithm");
                    const key = str(r, "applyServerSideEncryptionByDefault.kmsMasterKeyId");
                    return [
                        !["AES256", "aws:kms", "aws:kms:dsse"].includes(algorithm ?? "") &&
                            `sseAlgorithm ${q(algorithm ?? "")} is not AES256, aws:kms or aws:kms:dsse`,
                        key !== undefined &&
                            algorithm === "AES256" &&
                            "kmsMasterKeyId is set but sseAlgorithm is AES256 (use aws:kms)",
                    ];
                }),
            );
        },
    },
    {
        id: "aws.s3.versioning.status",
        resourceType: VERSIONING,
        property: "versioningConfiguration.status",
        description: "The versioning status is Enabled or Suspended (Disabled only before versioning was ever on).",
        url: VERSIONING_CONFIG,
        check: (inputs) => {
            const status = str(inputs, "versioningConfiguration.status");
            return ["Enabled", "Suspended", "Disabled"].includes(status ?? "")
                ? undefined
                : `status ${q(status ?? "")} is not Enabled, Suspended or Disabled`;
        },
    },
    {
        id: "aws.s3.lifecycle.rules",
        resourceType: LIFECYCLE,
        property: "rules",
        description:
            "Lifecycle: 1-1000 rules with unique ids of 1-255 characters, status Enabled or Disabled, positive whole expiration days; abort-multipart not with a tag filter.",
        url: LIFECYCLE_RULE,
        check: (inputs) => lifecycleProblems(get(inputs, "rules")),
    },
    {
        id: "aws.s3.lifecycle.delete-marker",
        resourceType: LIFECYCLE,
        property: "rules[].expiration",
        description: "ExpiredObjectDeleteMarker cannot be set together with Days or Date in one expiration.",
        url: LIFECYCLE_EXPIRATION,
        check: (inputs) => {
            const rules = get(inputs, "rules");
            if (!Array.isArray(rules)) return undefined;
            return problems(
                rules.map(
                    (r) =>
                        get(r, "expiration.expiredObjectDeleteMarker") === true &&
                        (get(r, "expiration.days") !== undefined || get(r, "expiration.date") !== undefined) &&
                        `rule ${str(r, "id") ?? "?"}: expiredObjectDeleteMarker with days or date`,
                ),
            );
        },
    },
    {
        id: "aws.s3.bucket-policy.document",
        resourceType: BUCKET_POLICY,
        property: "policy",
        description: "A bucket policy is a JSON policy document (Version 2012-10-17, a Statement) of at most 20 KB.",
        url: BUCKET_POLICY_PAGE,
        check: (inputs) => {
            const doc = str(inputs, "policy");
            if (doc === undefined) return "the policy is required";
            let parsed: unknown;
            try {
                parsed = JSON.parse(doc);
            } catch {
                return "the policy is not JSON";
            }
            const statements = get(parsed, "Statement");
            return problems([
                get(parsed, "Version") !== "2012-10-17" && 'the policy should have Version "2012-10-17"',
                !(Array.isArray(statements) ? statements.length : isRecord(statements)) &&
                    "the policy has no Statement",
                Buffer.byteLength(doc) > 20 * 1024 && `the policy is ${Buffer.byteLength(doc)} bytes, more than 20 KB`,
            ]);
        },
    },
    {
        id: "aws.ec2.vpc-endpoint.s3-gateway",
        resourceType: VPC_ENDPOINT,
        property: "serviceName, vpcEndpointType, routeTableIds, subnetIds",
        description:
            "An S3 gateway endpoint names com.amazonaws.<region>.s3, is of type Gateway and takes route tables, not subnets or security groups.",
        url: GATEWAY_ENDPOINT,
        check: (inputs) => {
            const service = str(inputs, "serviceName") ?? "";
            const type = str(inputs, "vpcEndpointType") ?? "Gateway";
            if (type !== "Gateway") return undefined;
            return problems([
                !/^com\.amazonaws\.[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d\.(s3|dynamodb)$/.test(service) &&
                    `serviceName ${q(service)} is not a gateway service (com.amazonaws.<region>.s3)`,
                get(inputs, "subnetIds") !== undefined && "a gateway endpoint takes routeTableIds, not subnetIds",
                get(inputs, "securityGroupIds") !== undefined && "a gateway endpoint takes no security groups",
            ]);
        },
    },
    {
        id: "aws.ec2.vpc-endpoint.interface",
        resourceType: VPC_ENDPOINT,
        property: "serviceName, vpcEndpointType, subnetIds, securityGroupIds, routeTableIds, privateDnsEnabled",
        description:
            "An interface endpoint takes subnets (at most one per Availability Zone, which the program picks) and security groups, not route tables; privateDnsEnabled is for interface endpoints only; an endpoint service name is com.amazonaws.vpce.<region>.vpce-svc-<id> (or an AWS service com.amazonaws.<region>.<service>).",
        url: "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVpcEndpoint.html",
        check: (inputs) => {
            const type = str(inputs, "vpcEndpointType") ?? "Gateway";
            const service = str(inputs, "serviceName") ?? "";
            if (type !== "Interface")
                return get(inputs, "privateDnsEnabled") === true
                    ? `privateDnsEnabled is for interface endpoints, not ${type}`
                    : undefined;
            const subnets = get(inputs, "subnetIds");
            const groups = get(inputs, "securityGroupIds");
            return problems([
                !/^com\.amazonaws\.(vpce\.[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d\.vpce-svc-[0-9a-f]{8,17}|[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d\.[a-z0-9.-]+)$/.test(
                    service,
                ) && `serviceName ${q(service)} is not an endpoint service name`,
                !(Array.isArray(subnets) && subnets.length > 0) && "an interface endpoint needs subnetIds",
                Array.isArray(subnets) && new Set(subnets).size !== subnets.length && "a subnet is listed twice",
                !(Array.isArray(groups) && groups.length > 0) &&
                    "an interface endpoint without securityGroupIds gets the VPC's default group",
                get(inputs, "routeTableIds") !== undefined && "an interface endpoint takes no routeTableIds",
            ]);
        },
    },
];

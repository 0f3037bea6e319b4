/**
 * The S3 blob bucket of the AWS stacks: its bucket policy and the workload role's grant, evaluated
 * together by the IAM policy evaluator (@cloud-copilot/iam-simulate), not string-matched; and the
 * bucket's settings (public access, encryption, lifecycle, production protection).
 */
import { strict as assert } from "node:assert";
import { runSimulation } from "@cloud-copilot/iam-simulate";
import { MOCK_ACCOUNT_ID } from "../../tools/offline/cloudMocks";
import type { SynthResult } from "../../tools/offline/synthesize";
import { at, helmValues, one, ofType, synthStack } from "../support/synth";

type Decision = "Allowed" | "ExplicitlyDenied" | "ImplicitlyDenied";

const KMS_KEY = `arn:aws:kms:us-east-1:${MOCK_ACCOUNT_ID}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const OTHER_ACCOUNT = "210987654321";
/** KMS's default key policy: the account's IAM policies decide (a key policy is always evaluated). */
const DEFAULT_KEY_POLICY = {
    Version: "2012-10-17",
    Statement: [
        {
            Sid: "EnableIamPolicies",
            Effect: "Allow",
            Principal: { AWS: `arn:aws:iam::${MOCK_ACCOUNT_ID}:root` },
            Action: "kms:*",
            Resource: "*",
        },
    ],
};

interface Docs {
    bucket: string;
    bucketArn: string;
    roleArn: string;
    bucketPolicy: unknown;
    access: unknown;
}

function registered(result: SynthResult): Docs {
    const bucket = one(result, "aws:s3/bucket:Bucket");
    return {
        bucket: String(bucket.outputs.bucket),
        bucketArn: String(bucket.outputs.arn),
        roleArn: String(one(result, "aws:iam/role:Role", "langsmith-identity-role").outputs.arn),
        bucketPolicy: JSON.parse(String(one(result, "aws:s3/bucketPolicy:BucketPolicy").inputs.policy)),
        access: JSON.parse(String(one(result, "aws:iam/rolePolicy:RolePolicy", "langsmith-blob-access").inputs.policy)),
    };
}

/** One request against the bucket policy, with the given identity policies of the caller. */
async function decide(
    docs: Docs,
    request: { principal: string; action: string; resource: string; context?: Record<string, string> },
    identityPolicies: { name: string; policy: unknown }[],
): Promise<Decision> {
    const response = await runSimulation(
        {
            request: {
                principal: request.principal,
                action: request.action,
                resource: { resource: request.resource, accountId: MOCK_ACCOUNT_ID },
                contextVariables: { "aws:SecureTransport": "true", ...request.context },
            },
            identityPolicies,
            resourcePolicy: request.resource.startsWith("arn:aws:s3:::") ? docs.bucketPolicy : DEFAULT_KEY_POLICY,
            serviceControlPolicies: [],
            resourceControlPolicies: [],
        },
        {},
    );
    if (response.resultType === "error")
        assert.fail(`the evaluator refused the input: ${JSON.stringify(response.errors)}`);
    assert.equal(response.resultType, "single");
    assert.deepEqual(response.result.ignoredContextKeys ?? [], [], "every condition key is one the evaluator knows");
    return response.overallResult;
}

function session(roleArn: string): string {
    return `arn:aws:sts::${MOCK_ACCOUNT_ID}:assumed-role/${roleArn.split("/").pop()}/botocore-session-1`;
}

describe("AWS blob bucket: bucket policy and role grant, evaluated", function () {
    let docs: Docs;
    before(async function () {
        docs = registered(await synthStack("aws-dev"));
    });
    const asRole = (action: string, resource: string, context?: Record<string, string>) =>
        decide(docs, { principal: session(docs.roleArn), action, resource, context }, [
            { name: "blob", policy: docs.access },
        ]);

    it("the role may write ttl_s/... and read ttl_l/... objects, delete them and list the bucket", async function () {
        assert.equal(await asRole("s3:PutObject", `${docs.bucketArn}/ttl_s/run/abc.json`), "Allowed");
        assert.equal(await asRole("s3:GetObject", `${docs.bucketArn}/ttl_l/run/abc.json`), "Allowed");
        assert.equal(await asRole("s3:DeleteObject", `${docs.bucketArn}/ttl_l/run/abc.json`), "Allowed");
        assert.equal(await asRole("s3:ListBucket", docs.bucketArn), "Allowed");
    });

    it("a request without TLS is denied explicitly, even for the role", async function () {
        assert.equal(
            await asRole("s3:GetObject", `${docs.bucketArn}/ttl_l/run/abc.json`, { "aws:SecureTransport": "false" }),
            "ExplicitlyDenied",
        );
        assert.equal(
            await asRole("s3:PutObject", `${docs.bucketArn}/ttl_s/x`, { "aws:SecureTransport": "false" }),
            "ExplicitlyDenied",
        );
    });

    it("another account is denied, even with s3:* in its own policies", async function () {
        const admin = {
            name: "admin",
            policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] },
        };
        for (const action of ["s3:GetObject", "s3:PutObject"])
            assert.notEqual(
                await decide(
                    docs,
                    {
                        principal: `arn:aws:iam::${OTHER_ACCOUNT}:role/intruder`,
                        action,
                        resource: `${docs.bucketArn}/ttl_l/x`,
                    },
                    [admin],
                ),
                "Allowed",
                action,
            );
        assert.notEqual(
            await decide(
                docs,
                { principal: "arn:aws:iam::210987654321:root", action: "s3:ListBucket", resource: docs.bucketArn },
                [admin],
            ),
            "Allowed",
        );
    });

    it("the role may do nothing else: other buckets, bucket management, other actions", async function () {
        assert.equal(await asRole("s3:GetObject", "arn:aws:s3:::another-bucket/ttl_l/x"), "ImplicitlyDenied");
        assert.equal(await asRole("s3:ListBucket", "arn:aws:s3:::another-bucket"), "ImplicitlyDenied");
        assert.equal(await asRole("s3:PutBucketPolicy", docs.bucketArn), "ImplicitlyDenied");
        assert.equal(await asRole("s3:DeleteBucket", docs.bucketArn), "ImplicitlyDenied");
        assert.equal(await asRole("s3:PutObjectAcl", `${docs.bucketArn}/ttl_s/x`), "ImplicitlyDenied");
        assert.equal(await asRole("s3:GetObject", `${docs.bucketArn}2/ttl_s/x`), "ImplicitlyDenied", "a longer name");
    });

    it("the grant names exactly this bucket: no wildcard outside the object path", function () {
        const text = JSON.stringify(docs.access);
        assert.deepEqual(text.match(/\*/g), ["*"], "one '*', in <bucket arn>/*");
        assert.ok(text.includes(`"${docs.bucketArn}/*"`));
    });
});

describe("AWS blob bucket pinned to a VPC endpoint, with the stack's KMS key", function () {
    let docs: Docs;
    let result: SynthResult;
    const endpoint = "vpce-0123456789abcdef0";
    before(async function () {
        result = await synthStack("aws-dev", {
            override: {
                "langsmith:aws": { kmsKeyArn: KMS_KEY },
                "langsmith:blobStorage": { s3VpcEndpointId: endpoint },
            },
        });
        docs = registered(result);
    });
    const asRole = (action: string, resource: string, context?: Record<string, string>) =>
        decide(docs, { principal: session(docs.roleArn), action, resource, context }, [
            { name: "blob", policy: docs.access },
        ]);

    it("data access only through the endpoint", async function () {
        const object = `${docs.bucketArn}/ttl_s/x`;
        assert.equal(await asRole("s3:PutObject", object, { "aws:SourceVpce": endpoint }), "Allowed");
        assert.equal(await asRole("s3:ListBucket", docs.bucketArn, { "aws:SourceVpce": endpoint }), "Allowed");
        assert.equal(
            await asRole("s3:PutObject", object, { "aws:SourceVpce": "vpce-0ffffffffffffffff" }),
            "ExplicitlyDenied",
        );
        assert.equal(await asRole("s3:GetObject", object), "ExplicitlyDenied", "from the internet");
    });

    it("the role may use exactly the stack's KMS key for data keys", async function () {
        assert.equal(await asRole("kms:GenerateDataKey", KMS_KEY), "Allowed");
        assert.equal(await asRole("kms:Decrypt", KMS_KEY), "Allowed");
        assert.equal(await asRole("kms:Decrypt", KMS_KEY.replace(/.{4}$/, "ffff")), "ImplicitlyDenied", "another key");
        assert.equal(await asRole("kms:ScheduleKeyDeletion", KMS_KEY), "ImplicitlyDenied");
    });

    it("encrypts with the key (bucket key on) and tells the chart about it", function () {
        const sse = one(
            result,
            "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
        );
        assert.deepEqual(sse.inputs.rules, [
            {
                applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: KMS_KEY },
                bucketKeyEnabled: true,
            },
        ]);
        assert.deepEqual(at(helmValues(result), ["config", "blobStorage"]), {
            enabled: true,
            engine: "S3",
            bucketName: docs.bucket,
            apiURL: "https://s3.us-east-1.amazonaws.com",
            kmsEncryptionEnabled: true,
            kmsKeyArn: KMS_KEY,
        });
    });
});

describe("AWS blob bucket settings", function () {
    it("blocks every kind of public access, and the policy waits for the block", async function () {
        const result = await synthStack("aws-dev");
        const block = one(result, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock");
        for (const flag of ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"])
            assert.equal(block.inputs[flag], true, flag);
        assert.ok(one(result, "aws:s3/bucketPolicy:BucketPolicy").dependencies.includes(block.urn));
    });

    it("expires ttl_s/ after 14 days, ttl_l/ after 400, extra ttl_<N>d/ after N, and aborts stale multipart uploads", async function () {
        const result = await synthStack("aws-dev", {
            override: { "langsmith:blobStorage": { extraTtlDays: [90, 30] } },
        });
        const rules = one(result, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration").inputs.rules as {
            filter?: { prefix?: string };
            expiration?: { days?: number };
            abortIncompleteMultipartUpload?: { daysAfterInitiation: number };
        }[];
        assert.deepEqual(
            rules.filter((r) => r.filter?.prefix).map((r) => [r.filter?.prefix, r.expiration?.days]),
            [
                ["ttl_s/", 14],
                ["ttl_l/", 400],
                ["ttl_30d/", 30],
                ["ttl_90d/", 90],
            ],
        );
        assert.ok(rules.some((r) => r.abortIncompleteMultipartUpload?.daysAfterInitiation === 7));
    });

    it("dev: SSE-S3 without a key, no versioning, force-destroyable; production: protected, versioned, old versions kept 30 days", async function () {
        const dev = await synthStack("aws-dev");
        assert.deepEqual(
            one(dev, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration").inputs
                .rules,
            [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
        );
        assert.equal(ofType(dev, "aws:s3/bucketVersioning:BucketVersioning").length, 0);
        assert.equal(one(dev, "aws:s3/bucket:Bucket").inputs.forceDestroy, true);

        const prod = await synthStack("aws-prod");
        const bucket = one(prod, "aws:s3/bucket:Bucket");
        assert.equal(bucket.protect, true);
        assert.equal(bucket.inputs.forceDestroy, false);
        const versioning = one(prod, "aws:s3/bucketVersioning:BucketVersioning");
        assert.deepEqual(versioning.inputs.versioningConfiguration, { status: "Enabled" });
        const lifecycle = one(prod, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration");
        assert.ok(lifecycle.dependencies.includes(versioning.urn));
        const rules = lifecycle.inputs.rules as { noncurrentVersionExpiration?: { noncurrentDays: number } }[];
        assert.ok(rules.some((r) => r.noncurrentVersionExpiration?.noncurrentDays === 30));
    });

    it("the default name is unique per account: <project>-<stack>-blob-<hash>, within S3's rules", async function () {
        const result = await synthStack("aws-prod");
        assert.match(
            String(one(result, "aws:s3/bucket:Bucket").inputs.bucket),
            /^langsmith-aws-prod-blob-[0-9a-f]{8}$/,
        );
        const named = await synthStack("aws-prod", {
            override: { "langsmith:blobStorage": { bucketName: "acme-traces" } },
        });
        assert.equal(one(named, "aws:s3/bucket:Bucket").inputs.bucket, "acme-traces");
    });

    it("creates an S3 gateway endpoint on the cluster subnets' route tables and pins the bucket to it", async function () {
        const result = await synthStack("aws-dev", {
            override: { "langsmith:blobStorage": { createS3GatewayEndpoint: true } },
        });
        const endpoint = one(result, "aws:ec2/vpcEndpoint:VpcEndpoint");
        assert.equal(endpoint.inputs.serviceName, "com.amazonaws.us-east-1.s3");
        assert.equal(endpoint.inputs.vpcEndpointType, "Gateway");
        assert.ok((endpoint.inputs.routeTableIds as string[]).length > 0);
        const policy = String(one(result, "aws:s3/bucketPolicy:BucketPolicy").inputs.policy);
        assert.ok(policy.includes(`"aws:SourceVpce":"${endpoint.id}"`), policy);
    });

    it("off: no bucket, no grant, no blob settings in the chart", async function () {
        const result = await synthStack("aws-dev", { override: { "langsmith:blobStorage": { enabled: false } } });
        assert.equal(ofType(result, "aws:s3/bucket:Bucket").length, 0);
        assert.deepEqual(
            ofType(result, "aws:iam/rolePolicy:RolePolicy").filter((p) => p.name === "langsmith-blob-access"),
            [],
        );
        assert.equal(at(helmValues(result), ["config", "blobStorage"]), undefined);
    });

    it("the release waits for the role's grant and the bucket policy", async function () {
        const result = await synthStack("aws-dev");
        const release = one(result, "kubernetes:helm.sh/v3:Release");
        assert.ok(
            release.dependencies.includes(one(result, "aws:iam/rolePolicy:RolePolicy", "langsmith-blob-access").urn),
        );
        assert.ok(release.dependencies.includes(one(result, "aws:s3/bucketPolicy:BucketPolicy").urn));
    });
});

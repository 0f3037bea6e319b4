/**
 * The schema `pulumi package add` would infer: runs the Pulumi SDK's own component analysis (the
 * Analyzer and generateSchema that the Node.js component provider host runs) on this repository,
 * offline, and checks every component is in it with its inputs and outputs.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "../support/pack";
import { packageSchema } from "../support/schema";
import { parse as parseYaml } from "yaml";
import type { InferredSchema } from "../../tools/schema";

const PACKAGE = "langsmith-iam";

/** Components, with inputs and outputs that must be in the schema (not exhaustive: the docs test covers all). */
const EXPECTED: Record<string, { inputs: string[]; outputs: string[] }> = {
    AwsPostgres: {
        inputs: ["vpcId", "subnetIds", "allowedSecurityGroupIds", "majorVersion", "iamUser", "sslMode", "production"],
        outputs: [
            "host",
            "port",
            "database",
            "iamUser",
            "iamUserArn",
            "instance",
            "masterUserSecretArn",
            "caCertificate",
        ],
    },
    AwsBootstrapIdentity: {
        inputs: ["mode", "serviceAccount", "secretArn", "region", "kmsKeyArn"],
        outputs: ["roleArn", "serviceAccountAnnotations", "role", "secretPolicy"],
    },
    AwsRedis: {
        inputs: ["vpcId", "subnetIds", "allowedSecurityGroupIds", "userId", "roleName", "production"],
        outputs: ["host", "port", "user", "replicationGroup", "connectPolicy"],
    },
    AwsBlobBucket: {
        inputs: ["bucketName", "region", "roleName", "kmsKeyArn", "vpcEndpointId", "retention", "production"],
        outputs: ["bucket", "bucketName", "bucketArn", "chartSettings", "accessPolicy"],
    },
    GcpBlobBucket: {
        inputs: ["project", "bucketName", "location", "serviceAccountEmail", "retention", "production"],
        outputs: ["bucket", "bucketName", "chartSettings", "objectAccess"],
    },
    AzureBlobStorage: {
        inputs: [
            "resourceGroupName",
            "location",
            "accountName",
            "principalId",
            "privateEndpointSubnetId",
            "production",
        ],
        outputs: ["account", "container", "accountName", "containerName", "chartSettings", "roleAssignment"],
    },
    AwsWorkloadIdentity: {
        inputs: ["mode", "namespace", "serviceAccountNames", "dbUserArn"],
        outputs: ["roleArn", "serviceAccountAnnotations", "role"],
    },
    GcpPostgres: {
        inputs: ["project", "region", "network", "edition", "iamUser", "production"],
        outputs: ["host", "port", "database", "iamUser", "connectionName", "instance"],
    },
    GcpRedis: {
        inputs: ["project", "region", "network", "instanceId", "serviceAccountEmail", "production"],
        outputs: ["host", "port", "user", "serverCaPem", "instance", "connectGrant"],
    },
    GcpPrivateServiceAccess: { inputs: ["project", "network", "prefixLength"], outputs: ["rangeName", "connection"] },
    GcpPostgresPrivateDns: {
        inputs: ["project", "network", "dnsName", "address", "existingZoneName", "zoneName", "ttl"],
        outputs: ["zone", "record", "host", "zoneName"],
    },
    GcpWorkloadIdentity: {
        inputs: ["project", "accountId", "workloadPool", "namespace", "serviceAccountNames"],
        outputs: ["email", "databaseUserName", "serviceAccountAnnotations"],
    },
    AzurePostgres: {
        inputs: ["resourceGroupName", "location", "delegatedSubnetId", "privateDnsZoneId", "skuTier", "entraAdmin"],
        outputs: ["host", "port", "database", "iamUser", "server"],
    },
    AzurePrivateNetwork: {
        inputs: [
            "resourceGroupName",
            "virtualNetworkId",
            "subnetName",
            "subnetAddressPrefix",
            "zoneName",
            "linkedVirtualNetworkIds",
        ],
        outputs: ["delegatedSubnetId", "privateDnsZoneId", "subnet", "zone"],
    },
    AzureRedis: {
        inputs: [
            "resourceGroupName",
            "location",
            "clusterName",
            "principalId",
            "privateEndpointSubnetId",
            "production",
        ],
        outputs: [
            "host",
            "port",
            "user",
            "cluster",
            "databaseResource",
            "accessPolicyAssignment",
            "privateEndpointSubnetId",
        ],
    },
    AzureWorkloadIdentity: {
        inputs: ["resourceGroupName", "identityName", "namespace", "serviceAccountNames", "oidcIssuerUrl"],
        outputs: ["clientId", "principalId", "serviceAccountAnnotations"],
    },
    DatabaseBootstrap: {
        inputs: ["namespace", "host", "port", "database", "login", "serviceAccount", "sql", "image", "credentialImage"],
        outputs: ["jobName", "job"],
    },
    LangSmith: {
        inputs: ["namespace", "releaseName", "chartVersion", "postgres", "identity", "serviceAccounts", "licenseKey"],
        outputs: ["releaseName", "releaseStatus", "namespaceName", "release"],
    },
};

describe("schema inferred by the Pulumi SDK's component analysis (pulumi package add)", function () {
    this.timeout(180_000);
    let schema: InferredSchema;
    before(async function () {
        schema = await packageSchema();
    });

    it("has PulumiPlugin.yaml with runtime nodejs", function () {
        const plugin = fs.readFileSync(path.join(REPO_ROOT, "PulumiPlugin.yaml"), "utf8");
        assert.match(plugin, /^runtime:\s*nodejs\s*$/m);
    });

    it("lists exactly the package's components, as langsmith-iam:index:<ClassName>", function () {
        assert.equal(schema.name, PACKAGE);
        assert.deepEqual(
            Object.keys(schema.resources).sort(),
            Object.keys(EXPECTED)
                .map((c) => `${PACKAGE}:index:${c}`)
                .sort(),
        );
        for (const resource of Object.values(schema.resources)) assert.equal(resource.isComponent, true);
    });

    for (const [component, expected] of Object.entries(EXPECTED)) {
        it(`${component}: inputs and outputs with descriptions`, function () {
            const resource = schema.resources[`${PACKAGE}:index:${component}`];
            assert.ok(resource, `${component} missing`);
            for (const input of expected.inputs) {
                const property = resource.inputProperties?.[input];
                assert.ok(property, `${component} input ${input} missing`);
                assert.ok(property.description, `${component} input ${input} has no description (JSDoc)`);
            }
            for (const output of expected.outputs)
                assert.ok(resource.properties?.[output], `${component} output ${output} missing`);
            for (const [output, property] of Object.entries(resource.properties ?? {}))
                assert.ok(property.description, `${component} output ${output} has no description (JSDoc)`);
            assert.ok(resource.description, `${component} has no description (JSDoc)`);
        });
    }

    it("types the components' real values the way the SDK will convert them", function () {
        const aws = schema.resources[`${PACKAGE}:index:AwsPostgres`];
        const input = (component: string, name: string) =>
            schema.resources[`${PACKAGE}:index:${component}`].inputProperties?.[name] as
                { type?: string; $ref?: string } | undefined;
        assert.equal(input("AwsPostgres", "majorVersion")?.type, "number");
        assert.equal(input("AwsPostgres", "subnetIds")?.type, "array");
        assert.match(
            String((aws.properties?.instance as { $ref?: string }).$ref),
            /\/aws\/v[\d.]+\/schema\.json#\/resources\/aws:rds%2Finstance:Instance$/,
        );
        assert.ok(aws.requiredInputs?.includes("vpcId") && !aws.requiredInputs?.includes("kmsKeyArn"));
        // String-literal unions become schema enums.
        const mode = input("AwsWorkloadIdentity", "mode")?.$ref;
        assert.ok(
            mode && schema.types[mode.replace("#/types/", "")]?.enum?.map((e) => e.value).includes("podIdentity"),
        );
    });

    it("accepts the YAML example: known types, known and required inputs, valid enum values, existing outputs", function () {
        const program = parseYaml(fs.readFileSync(path.join(REPO_ROOT, "examples/yaml/Pulumi.yaml"), "utf8")) as {
            packages: Record<string, string>;
            resources: Record<string, { type: string; properties: Record<string, unknown> }>;
            outputs: Record<string, string>;
        };
        assert.equal(
            path.resolve(REPO_ROOT, "examples/yaml", program.packages[PACKAGE]),
            REPO_ROOT,
            "the example adds this package",
        );
        const used = Object.entries(program.resources).filter(([, r]) => r.type.startsWith(`${PACKAGE}:`));
        assert.ok(used.length >= 2);
        for (const [name, resource] of used) {
            const spec = schema.resources[resource.type];
            assert.ok(spec, `${name}: ${resource.type} is not in the schema`);
            for (const [key, value] of Object.entries(resource.properties)) {
                const property = spec.inputProperties?.[key] as { $ref?: string } | undefined;
                assert.ok(property, `${name}: ${key} is not an input of ${resource.type}`);
                const enumType = property.$ref?.startsWith("#/types/")
                    ? schema.types[property.$ref.slice("#/types/".length)]
                    : undefined;
                if (enumType?.enum)
                    assert.ok(
                        enumType.enum.some((e) => e.value === value),
                        `${name}: ${key}=${String(value)} is not one of the enum's values`,
                    );
            }
            for (const required of spec.requiredInputs ?? [])
                assert.ok(required in resource.properties, `${name}: required input ${required} missing`);
        }
        const references = [...JSON.stringify(program).matchAll(/\$\{(\w+)\.(\w+)\}/g)];
        assert.ok(references.length > 0);
        for (const [, resourceName, output] of references) {
            const type = program.resources[resourceName]?.type;
            assert.ok(
                type && schema.resources[type]?.properties?.[output],
                `\${${resourceName}.${output}} is not an output`,
            );
        }
    });
});

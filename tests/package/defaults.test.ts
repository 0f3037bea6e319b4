/** Component args: optional where a default exists, the defaults the `@default` tags state applied inside. */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { awsPostgresDefaults } from "../../components/aws/postgres";
import { awsRedisDefaults } from "../../components/aws/redis";
import { azureRedisDefaults } from "../../components/azure/redis";
import { gcpRedisDefaults } from "../../components/gcp/redis";
import { AWS_IAM_ROLE_MODEL, bootstrapSql } from "../../components/postgres/bootstrapSql";
import * as pulumi from "@pulumi/pulumi";
import { DatabaseBootstrap } from "../../components/postgres/bootstrapJob";
import type { BootstrapLogin } from "../../components/postgres/bootstrapLogin";
import { synthesize } from "../../tools/offline/synthesize";

const required = {
    vpcId: "vpc-1",
    subnetIds: ["subnet-1", "subnet-2"],
    allowedSecurityGroupIds: ["sg-1"],
    database: "orders",
    iamUser: "orders_app",
};

describe("component defaults", function () {
    it("AwsPostgres: the defaults its @default tags state, production-dependent where they say so", function () {
        const dev = awsPostgresDefaults(required);
        assert.deepEqual(
            [
                dev.majorVersion,
                dev.instanceClass,
                dev.storageGb,
                dev.maxStorageGb,
                dev.multiAz,
                dev.backupRetentionDays,
                dev.adminUser,
                dev.sslMode,
                dev.production,
            ],
            [17, "db.t4g.large", 20, 100, false, 7, "db_admin", "require", false],
        );
        const prod = awsPostgresDefaults({ ...required, production: true });
        assert.deepEqual(
            [prod.instanceClass, prod.storageGb, prod.maxStorageGb, prod.backupRetentionDays],
            ["db.m7g.large", 100, 500, 14],
        );
        assert.equal(awsPostgresDefaults({ ...required, storageGb: 20000 }).maxStorageGb, 65536);
        assert.equal(awsPostgresDefaults({ ...required, majorVersion: 16 }).majorVersion, 16, "a given value wins");
    });

    it("AwsRedis: the defaults its @default tags state, each stated in the JSDoc", function () {
        const args = {
            vpcId: "vpc-1",
            subnetIds: ["subnet-1", "subnet-2"],
            allowedSecurityGroupIds: ["sg-1"],
            userId: "orders-app",
            roleName: "orders-role",
        };
        const dev = awsRedisDefaults(args);
        assert.deepEqual(
            [dev.nodeType, dev.engineVersion, dev.highAvailability, dev.snapshotRetentionDays, dev.production],
            ["cache.t4g.small", "8.0", false, 1, false],
        );
        const prod = awsRedisDefaults({ ...args, production: true });
        assert.deepEqual(
            [prod.nodeType, prod.highAvailability, prod.snapshotRetentionDays],
            ["cache.m7g.large", true, 7],
        );
        assert.equal(awsRedisDefaults({ ...args, nodeType: "cache.r7g.large" }).nodeType, "cache.r7g.large");
        const source = fs.readFileSync(path.join(__dirname, "..", "..", "..", "components", "aws", "redis.ts"), "utf8");
        const argsBlock = source.slice(
            source.indexOf("export interface AwsRedisArgs"),
            source.indexOf("\n}\n", source.indexOf("export interface AwsRedisArgs")),
        );
        for (const arg of ["nodeType", "engineVersion", "highAvailability", "snapshotRetentionDays", "production"])
            assert.match(
                argsBlock,
                new RegExp(`@default[^\\n]*\\n\\s*\\*/\\n\\s*${arg}\\?:`),
                `${arg} needs an @default tag and must be optional`,
            );
    });

    it("GcpRedis: the defaults its @default tags state, each stated in the JSDoc", function () {
        const args = {
            project: "orders-123",
            region: "us-central1",
            network: "vpc",
            instanceId: "orders-redis",
            serviceAccountEmail: "orders@orders-123.iam.gserviceaccount.com",
        };
        const dev = gcpRedisDefaults(args);
        assert.deepEqual(
            [
                dev.nodeType,
                dev.engineVersion,
                dev.highAvailability,
                dev.backupRetentionDays,
                dev.production,
                dev.createServiceConnectionPolicy,
            ],
            ["SHARED_CORE_NANO", "VALKEY_8_0", false, 1, false, false],
        );
        const prod = gcpRedisDefaults({ ...args, production: true });
        assert.deepEqual([prod.nodeType, prod.highAvailability, prod.backupRetentionDays], ["STANDARD_SMALL", true, 7]);
        assert.equal(gcpRedisDefaults({ ...args, nodeType: "HIGHMEM_MEDIUM" }).nodeType, "HIGHMEM_MEDIUM");
        const source = fs.readFileSync(path.join(__dirname, "..", "..", "..", "components", "gcp", "redis.ts"), "utf8");
        const argsBlock = source.slice(
            source.indexOf("export interface GcpRedisArgs"),
            source.indexOf("\n}\n", source.indexOf("export interface GcpRedisArgs")),
        );
        for (const arg of [
            "createServiceConnectionPolicy",
            "nodeType",
            "engineVersion",
            "highAvailability",
            "backupRetentionDays",
            "production",
        ])
            assert.match(
                argsBlock,
                new RegExp(`@default[^\\n]*\\n\\s*\\*/\\n\\s*${arg}\\?:`),
                `${arg} needs an @default tag and must be optional`,
            );
    });

    it("AzureRedis: the defaults its @default tags state, each stated in the JSDoc", function () {
        const args = {
            resourceGroupName: "orders-rg",
            location: "westeurope",
            clusterName: "orders-redis",
            principalId: "00000000-0000-0000-0000-000000000001",
            privateEndpointSubnetId:
                "/subscriptions/s/resourceGroups/orders-rg/providers/Microsoft.Network/virtualNetworks/v/subnets/pe",
        };
        const dev = azureRedisDefaults(args);
        assert.deepEqual(
            [
                dev.skuName,
                dev.highAvailability,
                dev.persistence,
                dev.clusteringPolicy,
                dev.accessPolicyAssignmentName,
                dev.production,
                dev.resourceDescription,
            ],
            ["Balanced_B0", false, "none", "EnterpriseCluster", "workloads", false, "Redis"],
        );
        const prod = azureRedisDefaults({ ...args, production: true });
        assert.deepEqual([prod.skuName, prod.highAvailability, prod.persistence], ["Balanced_B5", true, "aof"]);
        assert.equal(
            azureRedisDefaults({ ...args, skuName: "Balanced_B1" }).skuName,
            "Balanced_B1",
            "a given value wins",
        );
        const source = fs.readFileSync(
            path.join(__dirname, "..", "..", "..", "components", "azure", "redis.ts"),
            "utf8",
        );
        const argsBlock = source.slice(
            source.indexOf("export interface AzureRedisArgs"),
            source.indexOf("\n}\n", source.indexOf("export interface AzureRedisArgs")),
        );
        for (const arg of [
            "skuName",
            "highAvailability",
            "persistence",
            "clusteringPolicy",
            "accessPolicyAssignmentName",
            "production",
            "resourceDescription",
        ])
            assert.match(
                argsBlock,
                new RegExp(`@default[^\\n]*\\n\\s*\\*/\\n\\s*${arg}\\?:`),
                `${arg} needs an @default tag and must be optional`,
            );
    });

    it("AwsPostgres: every defaulted arg says its default in the JSDoc (@default)", function () {
        const source = fs.readFileSync(
            path.join(__dirname, "..", "..", "..", "components", "aws", "postgres.ts"),
            "utf8",
        );
        const argsBlock = source.slice(
            source.indexOf("export interface AwsPostgresArgs"),
            source.indexOf("\n}\n", source.indexOf("export interface AwsPostgresArgs")),
        );
        for (const arg of [
            "majorVersion",
            "instanceClass",
            "storageGb",
            "maxStorageGb",
            "multiAz",
            "backupRetentionDays",
            "adminUser",
            "sslMode",
            "production",
        ]) {
            assert.match(
                argsBlock,
                new RegExp(`@default[^\\n]*\\n\\s*\\*/\\n\\s*${arg}\\?:`),
                `${arg} needs an @default tag and must be optional`,
            );
        }
    });

    it("bootstrapSql creates the extensions it is given (LangSmith's six by default)", function () {
        const base = { model: AWS_IAM_ROLE_MODEL, database: "orders", schema: "public", iamUser: "orders_app" };
        const created = (sql: string) =>
            [...sql.matchAll(/CREATE EXTENSION IF NOT EXISTS "([^"]+)"/g)].map((m) => m[1]).sort();
        assert.deepEqual(created(bootstrapSql(base)), [
            "btree_gin",
            "btree_gist",
            "citext",
            "ltree",
            "pg_trgm",
            "pgcrypto",
        ]);
        assert.deepEqual(created(bootstrapSql({ ...base, extensions: ["pg_stat_statements"] })), [
            "pg_stat_statements",
        ]);
        assert.deepEqual(created(bootstrapSql({ ...base, extensions: [] })), []);
    });

    it("DatabaseBootstrap builds the SQL from iamLogin with the cloud's role model, or takes sql; not both", async function () {
        const result = await synthesize({
            project: "p",
            stack: "defaults",
            config: {},
            program: () => {
                new DatabaseBootstrap("b", {
                    namespace: "orders-db-bootstrap",
                    host: "db.internal",
                    port: 5432,
                    database: "orders",
                    login: testLogin(),
                    serviceAccount: { namespace: "orders-db-bootstrap", name: "orders-db-bootstrap" },
                    iamLogin: { iamUser: "orders_app", cloud: "aws" },
                });
                return {};
            },
        });
        const configMap = result.resources.find((r) => r.type === "kubernetes:core/v1:ConfigMap");
        assert.equal(
            (configMap?.inputs.data as Record<string, string>)["bootstrap.sql"],
            bootstrapSql({ model: AWS_IAM_ROLE_MODEL, database: "orders", schema: "public", iamUser: "orders_app" }),
        );
        const job = result.resources.find((r) => r.type === "kubernetes:batch/v1:Job");
        assert.match(JSON.stringify(job?.inputs), /"image":"postgres:17-alpine"/);
        assert.match(JSON.stringify(job?.inputs), /"image":"node:22-alpine"/, "the credential step's default image");
        await assert.rejects(
            synthesize({
                project: "p",
                stack: "defaults-both",
                config: {},
                program: () => {
                    new DatabaseBootstrap("b", {
                        namespace: "n",
                        host: "h",
                        port: 5432,
                        database: "d",
                        login: testLogin(),
                        serviceAccount: { namespace: "n", name: "n" },
                        sql: "SELECT 1",
                        iamLogin: { iamUser: "u", cloud: "aws" },
                    });
                    return {};
                },
            }),
            /give exactly one of sql and iamLogin/,
        );
    });
});

/** A bootstrap login as a cloud's components would hand it over (AWS: the RDS-managed secret). */
function testLogin(): BootstrapLogin {
    return {
        user: pulumi.output("db_admin"),
        credential: {
            cloud: "aws",
            region: "us-east-1",
            secretArn: "arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-1-abcdef",
        },
        serviceAccountAnnotations: pulumi.output<Record<string, string>>({}),
        podLabels: {},
        caCertificate: pulumi.output("-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n"),
    };
}

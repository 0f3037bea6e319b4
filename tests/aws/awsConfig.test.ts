/**
 * Defect 3 (issue 11): RDS refuses DBName and MasterUsername with characters other than letters,
 * digits and `_`, and a storage autoscaling limit less than 10% above the allocated storage. The
 * config accepted `lang-smith`, `ls-admin` and 105 for 100; an AWS stack now refuses them with the
 * key named, before any resource exists.
 */
import { strict as assert } from "node:assert";
import { parseSettings } from "../../program/config/settings";
import { defaultMaxAllocatedStorage, ipv4CidrProblem, minMaxAllocatedStorage } from "../../program/config/aws";
import { isConfigError } from "../../program/config/errors";
import { awsBase, gcpBase, type RawConfig } from "../support/baseConfigs";

function withPostgres(base: RawConfig, postgres: Record<string, unknown>): RawConfig {
    return { ...base, postgres: { ...(base.postgres as Record<string, unknown> | undefined), ...postgres } };
}

function withAws(aws: Record<string, unknown>): RawConfig {
    const base = awsBase();
    return { ...base, aws: { ...(base.aws as Record<string, unknown>), ...aws } };
}

function refusedWith(raw: RawConfig, key: string): string {
    try {
        parseSettings(raw);
    } catch (err) {
        assert.ok(isConfigError(err), String(err));
        assert.equal(err.key, key, err.message);
        assert.match(err.message, /\b(set|use|choose|remove)\b/, `the message says what to do: ${err.message}`);
        return err.message;
    }
    assert.fail(`expected ${key} to be refused`);
}

describe("AWS config rules (RDS names and sizes)", function () {
    const refused: [string, RawConfig, string][] = [
        [
            "a hyphenated database name",
            withPostgres(awsBase(), { database: "lang-smith" }),
            "langsmith:postgres.database",
        ],
        ["a dotted database name", withPostgres(awsBase(), { database: "ls.db" }), "langsmith:postgres.database"],
        [
            "a database name starting with a digit",
            withPostgres(awsBase(), { database: "1langsmith" }),
            "langsmith:postgres.database",
        ],
        [
            "a database named postgres (exists on every instance)",
            withPostgres(awsBase(), { database: "postgres" }),
            "langsmith:postgres.database",
        ],
        [
            "a database named after a reserved word",
            withPostgres(awsBase(), { database: "select" }),
            "langsmith:postgres.database",
        ],
        ["a hyphenated admin user", withPostgres(awsBase(), { adminUser: "ls-admin" }), "langsmith:postgres.adminUser"],
        [
            "an admin user longer than 16 characters",
            withPostgres(awsBase(), { adminUser: "langsmith_administrator" }),
            "langsmith:postgres.adminUser",
        ],
        [
            "the admin user admin (reserved on RDS for PostgreSQL)",
            withPostgres(awsBase(), { adminUser: "admin" }),
            "langsmith:postgres.adminUser",
        ],
        ["the admin user rdsadmin", withPostgres(awsBase(), { adminUser: "rdsadmin" }), "langsmith:postgres.adminUser"],
        [
            "the IAM user rds_iam (an RDS role)",
            withPostgres(awsBase(), { iamUser: "rds_iam" }),
            "langsmith:postgres.iamUser",
        ],
        [
            "a maximum storage 5% above the storage",
            withPostgres(awsBase(), { storageGb: 100, maxStorageGb: 105 }),
            "langsmith:postgres.maxStorageGb",
        ],
        [
            "a maximum storage 5% above the default storage",
            withPostgres(awsBase(), { maxStorageGb: 21 }),
            "langsmith:postgres.maxStorageGb",
        ],
        [
            "a maximum storage above gp3's 64 TiB",
            withPostgres(awsBase(), { storageGb: 100, maxStorageGb: 65537 }),
            "langsmith:postgres.maxStorageGb",
        ],
        ["storage below gp3's 20 GiB", withPostgres(awsBase(), { storageGb: 10 }), "langsmith:postgres.storageGb"],
        [
            "a Cloud SQL tier as RDS instance class",
            withPostgres(awsBase(), { instanceClass: "db-custom-2-8192" }),
            "langsmith:postgres.instanceClass",
        ],
        [
            "an instance class without the db. prefix",
            withPostgres(awsBase(), { instanceClass: "m7g.large" }),
            "langsmith:postgres.instanceClass",
        ],
        [
            "a CIDR block with host bits",
            withAws({ allowedCidrBlocks: ["10.0.1.5/24"] }),
            "langsmith:aws.allowedCidrBlocks.0",
        ],
        [
            "the whole internet as a CIDR block",
            withAws({ allowedCidrBlocks: ["0.0.0.0/0"] }),
            "langsmith:aws.allowedCidrBlocks.0",
        ],
        [
            "an address without a prefix length",
            withAws({ allowedCidrBlocks: ["10.0.0.0"] }),
            "langsmith:aws.allowedCidrBlocks.0",
        ],
        ["an empty CIDR list", withAws({ allowedCidrBlocks: [] }), "langsmith:aws.allowedCidrBlocks"],
        [
            "the same CIDR block twice",
            withAws({ allowedCidrBlocks: ["10.0.0.0/19", "10.0.0.0/19"] }),
            "langsmith:aws.allowedCidrBlocks",
        ],
        [
            "the same security group twice",
            withAws({ allowedSecurityGroupIds: ["sg-0abc123", "sg-0abc123"] }),
            "langsmith:aws.allowedSecurityGroupIds",
        ],
    ];
    for (const [what, raw, key] of refused) {
        it(`refuses ${what} -> ${key}`, function () {
            refusedWith(raw, key);
        });
    }

    it("names the rule's page and a valid replacement", function () {
        const message = refusedWith(withPostgres(awsBase(), { database: "lang-smith" }), "langsmith:postgres.database");
        assert.match(message, /API_CreateDBInstance\.html/);
        assert.match(message, /"lang_smith"/);
        assert.match(
            refusedWith(
                withPostgres(awsBase(), { storageGb: 100, maxStorageGb: 105 }),
                "langsmith:postgres.maxStorageGb",
            ),
            /set 110 or more/,
        );
    });

    it("accepts the names and sizes RDS takes", function () {
        const settings = parseSettings(
            withPostgres(awsBase(), {
                database: "lang_smith",
                adminUser: "ls_admin_16chars",
                storageGb: 100,
                maxStorageGb: 110,
                instanceClass: "db.r6gd.2xlarge",
            }),
        );
        assert.equal(settings.postgres.database, "lang_smith");
        assert.equal(settings.postgres.adminUser, "ls_admin_16chars");
        parseSettings(
            withAws({ allowedCidrBlocks: ["10.0.0.0/19", "100.64.0.0/16"], allowedSecurityGroupIds: ["sg-0abc123"] }),
        );
    });

    it("keeps the rules to AWS: GCP still takes a hyphenated database name", function () {
        assert.equal(
            parseSettings(withPostgres(gcpBase(), { database: "lang-smith" })).postgres.database,
            "lang-smith",
        );
    });

    it("110% is the least autoscaling limit, and the default limit keeps within gp3", function () {
        assert.equal(minMaxAllocatedStorage(100), 110);
        assert.equal(minMaxAllocatedStorage(20), 22);
        assert.equal(minMaxAllocatedStorage(1001), 1102);
        assert.equal(defaultMaxAllocatedStorage(20), 100);
        assert.equal(defaultMaxAllocatedStorage(20000), 65536);
        assert.equal(
            defaultMaxAllocatedStorage(60000),
            undefined,
            "no room to grow: autoscaling off rather than a limit RDS refuses",
        );
        for (const gb of [20, 100, 1000, 13107, 59578]) {
            const limit = defaultMaxAllocatedStorage(gb);
            assert.ok(
                limit !== undefined && limit >= minMaxAllocatedStorage(gb) && limit <= 65536,
                `${gb} -> ${limit}`,
            );
        }
    });

    it("ipv4CidrProblem accepts network addresses only", function () {
        assert.equal(ipv4CidrProblem("10.0.0.0/16"), undefined);
        assert.equal(ipv4CidrProblem("192.168.10.128/25"), undefined);
        assert.match(String(ipv4CidrProblem("10.0.0.1/16")), /host bits/);
        assert.match(String(ipv4CidrProblem("300.0.0.0/8")), /not an IPv4 CIDR/);
        assert.match(String(ipv4CidrProblem("0.0.0.0/0")), /wider than a \/8/);
    });
});

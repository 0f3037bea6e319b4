/**
 * The `langsmith:clickhouse` rules (program/config/clickhouse.ts): in-cluster by default and sized per
 * the reference architecture, a production stack names its mode, external and managed ClickHouse take
 * a host and the secret password, managed needs blob storage and the private connection's service name.
 */
import { strict as assert } from "node:assert";
import { parseSettings, type Settings } from "../../program/config/settings";
import { isConfigError } from "../../program/config/errors";
import { awsBase, azureBase, gcpBase, type RawConfig } from "../support/baseConfigs";

function problemsOf(raw: RawConfig): { key: string; problem: string }[] {
    try {
        parseSettings(raw);
    } catch (err) {
        assert.ok(isConfigError(err), String(err));
        return [...err.problems];
    }
    return [];
}

const external = { mode: "external", host: "ch.example.com" };
const AWS_SERVICE = "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0";

describe("ClickHouse config", function () {
    it("defaults to the in-cluster ClickHouse with the dev sizing (4 vCPU / 16 GiB, 50 GiB)", function () {
        const ch = parseSettings(awsBase()).clickhouse;
        assert.deepEqual(ch, { mode: "inCluster", cpu: 4, memoryGi: 16, storageGb: 50 });
    });

    it("sizes the production in-cluster ClickHouse at 8 vCPU / 32 GiB", function () {
        const ch = parseSettings({
            ...awsBase(),
            production: true,
            redis: { mode: "managed" },
            clickhouse: { mode: "inCluster" },
        }).clickhouse;
        assert.equal(ch.mode, "inCluster");
        assert.equal(ch.mode === "inCluster" && ch.cpu, 8);
        assert.equal(ch.mode === "inCluster" && ch.memoryGi, 32);
    });

    it("refuses a production stack without a mode, naming the key and the three choices", function () {
        const found = problemsOf({ ...awsBase(), production: true }).filter(
            (p) => p.key === "langsmith:clickhouse.mode",
        );
        assert.equal(found.length, 1);
        assert.match(found[0].problem, /inCluster, external, langsmithManaged/);
    });

    it("external: TLS on by default with ports 8443 / 9440; 8123 / 9000 when TLS is off", function () {
        const tls = parseSettings({ ...awsBase(), clickhouse: external, clickhousePassword: "p" }).clickhouse;
        assert.deepEqual(tls, {
            mode: "external",
            host: "ch.example.com",
            port: 8443,
            nativePort: 9440,
            tls: true,
            database: "default",
            user: "default",
            hybrid: false,
        });
        const plain = parseSettings({
            ...awsBase(),
            clickhouse: { ...external, tls: false },
            clickhousePassword: "p",
        }).clickhouse;
        assert.equal(plain.mode === "external" && plain.port, 8123);
        assert.equal(plain.mode === "external" && plain.nativePort, 9000);
    });

    it("external without the secret password names langsmith:clickhousePassword and the command", function () {
        const found = problemsOf({ ...awsBase(), clickhouse: external });
        assert.deepEqual(
            found.map((p) => p.key),
            ["langsmith:clickhousePassword"],
        );
        assert.match(found[0].problem, /pulumi config set --secret langsmith:clickhousePassword/);
    });

    it("a password in the clickhouse block is refused as plain text, naming the key", function () {
        const found = problemsOf({ ...awsBase(), clickhouse: { ...external, password: "hunter2" } });
        const p = found.find((x) => x.key === "langsmith:clickhouse.password");
        assert.ok(p, JSON.stringify(found));
        assert.match(p.problem, /plain text/);
        assert.ok(!found.some((x) => x.problem.includes("hunter2")), "the message never repeats the password");
    });

    it("managed ClickHouse sets hybrid and needs blob storage (the error names both keys)", function () {
        const ok = parseSettings({
            ...awsBase(),
            clickhouse: { ...external, mode: "langsmithManaged", privateConnection: { serviceName: AWS_SERVICE } },
            clickhousePassword: "p",
        }).clickhouse;
        assert.equal(ok.mode === "langsmithManaged" && ok.hybrid, true);
        const found = problemsOf({
            ...awsBase(),
            blobStorage: { enabled: false },
            clickhouse: { ...external, mode: "langsmithManaged", privateConnection: { serviceName: AWS_SERVICE } },
            clickhousePassword: "p",
        });
        assert.equal(found.length, 1, JSON.stringify(found));
        assert.equal(found[0].key, "langsmith:clickhouse.mode");
        assert.match(found[0].problem, /langsmith:blobStorage\.enabled/);
    });

    it("managed ClickHouse checks the service name against each cloud's form", function () {
        const managed = (serviceName: string) => ({
            clickhouse: { ...external, mode: "langsmithManaged", privateConnection: { serviceName } },
            clickhousePassword: "p",
        });
        const key = "langsmith:clickhouse.privateConnection.serviceName";
        assert.deepEqual(problemsOf({ ...awsBase(), ...managed(AWS_SERVICE) }), []);
        assert.ok(problemsOf({ ...awsBase(), ...managed("vpce-svc-0123") }).some((p) => p.key === key));
        const keyed = (raw: RawConfig) => problemsOf(raw).filter((p) => p.key === key);
        const gcpService = "projects/langchain-ch/regions/us-central1/serviceAttachments/clickhouse";
        assert.deepEqual(keyed({ ...gcpBase(), ...managed(gcpService) }), []);
        assert.equal(keyed({ ...gcpBase(), ...managed(AWS_SERVICE) }).length, 1);
        const alias = "clickhouse.00000000-1111-2222-3333-444444444444.eastus.azure.privatelinkservice";
        assert.deepEqual(keyed({ ...azureBase(), ...managed(alias) }), []);
        assert.equal(keyed({ ...azureBase(), ...managed(gcpService) }).length, 1);
    });

    it("Azure: managed ClickHouse is accepted with a private link service alias; a malformed one is refused by its key", function () {
        const alias = "clickhouse.00000000-1111-2222-3333-444444444444.eastus.azure.privatelinkservice";
        const withService = (serviceName: string) =>
            problemsOf({
                ...azureBase(),
                clickhouse: { ...external, mode: "langsmithManaged", privateConnection: { serviceName } },
                clickhousePassword: "p",
            });
        assert.deepEqual(withService(alias), []);
        for (const bad of [
            "clickhouse.eastus.azure.privatelinkservice",
            "clickhouse.00000000-1111-2222-3333-444444444444.eastus.privatelink.azure.com",
        ]) {
            const found = withService(bad);
            assert.deepEqual(
                found.map((p) => p.key),
                ["langsmith:clickhouse.privateConnection.serviceName"],
                bad,
            );
            assert.match(found[0].problem, /not a azure private connection target like .*azure\.privatelinkservice/);
        }
    });

    it("GCP: managed ClickHouse is accepted with a service attachment in the stack's region, refused in another", function () {
        const managed = (serviceName: string) => ({
            ...gcpBase(),
            clickhouse: { ...external, mode: "langsmithManaged", privateConnection: { serviceName } },
            clickhousePassword: "p",
        });
        assert.deepEqual(
            problemsOf(managed("projects/langchain-ch/regions/us-central1/serviceAttachments/clickhouse")),
            [],
        );
        const found = problemsOf(managed("projects/langchain-ch/regions/europe-west4/serviceAttachments/clickhouse"));
        assert.deepEqual(
            found.map((p) => p.key),
            ["langsmith:clickhouse.privateConnection.serviceName"],
        );
        assert.match(found[0].problem, /europe-west4.*us-central1/);
    });

    it("refuses external keys on the in-cluster ClickHouse and in-cluster sizing on an external one", function () {
        assert.deepEqual(
            problemsOf({ ...awsBase(), clickhouse: { host: "ch.example.com" } }).map((p) => p.key),
            ["langsmith:clickhouse.host"],
        );
        assert.deepEqual(
            problemsOf({
                ...awsBase(),
                clickhouse: { ...external, inCluster: { cpu: 8 } },
                clickhousePassword: "p",
            }).map((p) => p.key),
            ["langsmith:clickhouse.inCluster"],
        );
    });

    it("refuses equal HTTP and native ports, and ports outside 1-65535", function () {
        assert.deepEqual(
            problemsOf({
                ...awsBase(),
                clickhouse: { ...external, port: 9440 },
                clickhousePassword: "p",
            }).map((p) => p.key),
            ["langsmith:clickhouse.nativePort"],
        );
        assert.deepEqual(
            problemsOf({
                ...awsBase(),
                clickhouse: { ...external, port: 70000 },
                clickhousePassword: "p",
            }).map((p) => p.key),
            ["langsmith:clickhouse.port"],
        );
    });

    it("refuses helmValues.clickhouse.external when the program owns the connection (external / managed)", function () {
        const chartExternal = { clickhouse: { external: { enabled: true, existingSecretName: "mine" } } };
        const found = problemsOf({
            ...awsBase(),
            clickhouse: external,
            clickhousePassword: "p",
            helmValues: chartExternal,
        });
        assert.deepEqual(
            found.map((p) => p.key),
            ["langsmith:helmValues.clickhouse.external"],
        );
        // inCluster (the default) leaves a stack's own Secret reference alone, as before.
        assert.deepEqual(problemsOf({ ...awsBase(), helmValues: chartExternal }), []);
    });

    it("the settings type carries the password only as the top-level secret key", function () {
        const s: Settings = parseSettings({ ...awsBase(), clickhouse: external, clickhousePassword: "pw-1" });
        assert.equal(s.clickhousePassword, "pw-1");
        assert.ok(!JSON.stringify(s.clickhouse).includes("pw-1"));
    });
});

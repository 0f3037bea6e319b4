/** The passwordless Redis URL and the chart's cluster node list (components/redis/url.ts). */
import { strict as assert } from "node:assert";
import { buildRedisUrl, redisClusterNodeUris } from "../../components/redis/url";

describe("Redis URL (components/redis/url.ts)", function () {
    it("is rediss://<user>@<host>:<port>, with no password a URL parser could find", function () {
        const url = buildRedisUrl({
            user: "langsmith-prod-app",
            host: "master.ls.abc123.use1.cache.amazonaws.com",
            port: 6379,
        });
        assert.equal(url, "rediss://langsmith-prod-app@master.ls.abc123.use1.cache.amazonaws.com:6379");
        const parsed = new URL(url);
        assert.equal(parsed.protocol, "rediss:");
        assert.equal(parsed.username, "langsmith-prod-app");
        assert.equal(parsed.password, "");
    });

    it("keeps an Azure object id and an ElastiCache user id as they are, and a database number in the path", function () {
        assert.equal(
            buildRedisUrl({
                user: "6f1c2d3e-4b5a-4c7d-9e8f-0a1b2c3d4e5f",
                host: "ls.westeurope.redis.azure.net",
                port: 10000,
            }),
            "rediss://6f1c2d3e-4b5a-4c7d-9e8f-0a1b2c3d4e5f@ls.westeurope.redis.azure.net:10000",
        );
        assert.equal(
            buildRedisUrl({ user: "default", host: "10.0.0.5", port: 6379, database: 2 }),
            "rediss://default@10.0.0.5:6379/2",
        );
    });

    it("percent-encodes every character that would end the user name early, and a parser gets it back exactly", function () {
        const user = "app@tenant:x/y%z#q?r (s)!*'";
        const url = buildRedisUrl({ user, host: "redis.internal", port: 6380 });
        const parsed = new URL(url);
        assert.equal(parsed.hostname, "redis.internal");
        assert.equal(parsed.port, "6380");
        assert.equal(parsed.password, "");
        assert.equal(decodeURIComponent(parsed.username), user);
    });

    it("brackets an IPv6 host", function () {
        assert.equal(buildRedisUrl({ user: "u", host: "fd00::5", port: 6379 }), "rediss://u@[fd00::5]:6379");
    });

    it("refuses an empty user or host, a port outside 1-65535 and a negative database", function () {
        assert.throws(() => buildRedisUrl({ user: "", host: "h", port: 6379 }), /user is empty/);
        assert.throws(() => buildRedisUrl({ user: "u", host: "", port: 6379 }), /host is empty/);
        assert.throws(() => buildRedisUrl({ user: "u", host: "h", port: 0 }), /not a TCP port/);
        assert.throws(() => buildRedisUrl({ user: "u", host: "h", port: 6379, database: -1 }), /not a database number/);
    });

    it("lists cluster nodes as the chart wants them: a JSON list of redis://host:port", function () {
        assert.equal(redisClusterNodeUris([{ host: "10.1.0.4", port: 6379 }]), '["redis://10.1.0.4:6379"]');
        assert.throws(() => redisClusterNodeUris([]), /no node/);
    });
});

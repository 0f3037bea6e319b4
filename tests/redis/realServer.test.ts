/**
 * The generated Redis URL against a real Redis server (Debian's redis-server, TLS only, ACL users):
 * the URL plus a token given out of band connects as the right user, for each cloud's user name
 * form; without TLS, with a wrong token or as a user that was not granted, the server refuses.
 */
import { strict as assert } from "node:assert";
import { buildRedisUrl } from "../../components/redis/url";
import * as fs from "node:fs";
import * as path from "node:path";
import { memorystoreCaBundle } from "../../components/gcp/redis";
import {
    MEMORYSTORE_DEFAULT_TOKEN,
    memorystoreLikeRedisServer,
    REDIS_USERS,
    redisCliWithUrl,
    redisServer,
} from "../support/redisServer";

describe("Redis URL on a real Redis server (TLS, ACL users)", function () {
    this.timeout(30000);

    for (const [form, { user, token }] of Object.entries(REDIS_USERS)) {
        it(`connects as the ${form} user with the token given separately, and writes to the database in the URL`, async function () {
            const server = await redisServer();
            const url = buildRedisUrl({ user, host: server.host, port: server.port, database: 3 });
            assert.equal(new URL(url).password, "", "no password in the URL");
            const key = `probe-${form}`;
            const r = await redisCliWithUrl(url, token, server.tls.caCert, [
                ["ACL", "WHOAMI"],
                ["SET", key, "v1"],
                ["GET", key],
                ["CLIENT", "INFO"],
            ]);
            const lines = r.stdout.trim().split("\n");
            assert.equal(lines[0], user, r.stdout + r.stderr);
            assert.deepEqual(lines.slice(1, 3), ["OK", "v1"], r.stdout + r.stderr);
            assert.match(lines[3], / db=3 /, "the database number in the URL is selected");
        });
    }

    it("is refused without TLS: the same URL with redis:// never gets a reply", async function () {
        const server = await redisServer();
        const { user, token } = REDIS_USERS.elastiCache;
        const url = buildRedisUrl({ user, host: server.host, port: server.port }).replace(/^rediss:/, "redis:");
        const r = await redisCliWithUrl(url, token, server.tls.caCert, [["PING"]]);
        assert.doesNotMatch(r.stdout, /PONG/);
        // The TLS listener drops a plain-text client before any reply.
        assert.match(r.stdout + r.stderr, /Connection reset by peer|I\/O error/);
    });

    it("is refused with another user's token, and with no token at all", async function () {
        const server = await redisServer();
        const url = buildRedisUrl({ user: REDIS_USERS.elastiCache.user, host: server.host, port: server.port });
        const wrong = await redisCliWithUrl(url, REDIS_USERS.azure.token, server.tls.caCert, [["PING"]]);
        assert.match(wrong.stdout + wrong.stderr, /WRONGPASS/);
        assert.doesNotMatch(wrong.stdout, /PONG/);
        const none = await redisCliWithUrl(url, "", server.tls.caCert, [["PING"]]);
        assert.match(none.stdout + none.stderr, /NOAUTH/);
    });

    it("is refused as a user the server does not know (the default user is off)", async function () {
        const server = await redisServer();
        const url = buildRedisUrl({ user: "default", host: server.host, port: server.port });
        const r = await redisCliWithUrl(url, REDIS_USERS.elastiCache.token, server.tls.caCert, [["PING"]]);
        assert.match(r.stdout + r.stderr, /WRONGPASS/);
    });

    describe("the GCP form (Memorystore for Valkey: the token authenticates default, the instance's own CA)", function () {
        it("connects as default with the access token given separately, to the database in the URL", async function () {
            const server = await memorystoreLikeRedisServer();
            const url = buildRedisUrl({ user: "default", host: server.host, port: server.port, database: 0 });
            assert.equal(url, `rediss://default@${server.host}:${server.port}/0`);
            const r = await redisCliWithUrl(url, MEMORYSTORE_DEFAULT_TOKEN, server.tls.caCert, [
                ["ACL", "WHOAMI"],
                ["SET", "probe-gcp", "v1"],
                ["GET", "probe-gcp"],
            ]);
            assert.deepEqual(r.stdout.trim().split("\n"), ["default", "OK", "v1"], r.stdout + r.stderr);
        });

        it("is refused without TLS, and with a token that is not the server's", async function () {
            const server = await memorystoreLikeRedisServer();
            const url = buildRedisUrl({ user: "default", host: server.host, port: server.port });
            const plain = await redisCliWithUrl(
                url.replace(/^rediss:/, "redis:"),
                MEMORYSTORE_DEFAULT_TOKEN,
                server.tls.caCert,
                [["PING"]],
            );
            assert.doesNotMatch(plain.stdout, /PONG/);
            const wrong = await redisCliWithUrl(url, "ya29.another-principal", server.tls.caCert, [["PING"]]);
            assert.match(wrong.stdout + wrong.stderr, /WRONGPASS/);
        });

        it("verifies the server: refused with a CA that did not sign it, accepted with the bundle the release builds (another CA plus the instance's)", async function () {
            const server = await memorystoreLikeRedisServer();
            const url = buildRedisUrl({ user: "default", host: server.host, port: server.port });
            const untrusted = await redisCliWithUrl(url, MEMORYSTORE_DEFAULT_TOKEN, server.tls.otherCaCert, [["PING"]]);
            assert.doesNotMatch(untrusted.stdout, /PONG/);
            assert.match(untrusted.stdout + untrusted.stderr, /certificate|SSL|TLS/i);
            // The release's config.customCa bundle: the database's CA first, then the Memorystore CA bundle
            // built the way GcpRedis builds it from managedServerCas.
            const memorystorePem = memorystoreCaBundle([
                { caCerts: [{ certificates: [fs.readFileSync(server.tls.caCert, "utf8")] }] },
            ]);
            const bundle = path.join(server.tls.dir, "customca-bundle.pem");
            fs.writeFileSync(bundle, fs.readFileSync(server.tls.otherCaCert, "utf8").trim() + "\n" + memorystorePem);
            const trusted = await redisCliWithUrl(url, MEMORYSTORE_DEFAULT_TOKEN, bundle, [["PING"]]);
            assert.equal(trusted.stdout.trim(), "PONG", trusted.stdout + trusted.stderr);
        });
    });
});

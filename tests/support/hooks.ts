/** Mocha root hooks: servers started lazily by tests are stopped once, at the end of the run. */
import { startConsumerBuilds } from "./consumerBuilds";
import { MAJORS, postgresServer, stopAllServers } from "./postgresServer";
import { stopRedisServer } from "./redisServer";
import { packageSchema } from "./schema";

export const mochaHooks = {
    beforeAll() {
        // Slow fixtures run in child processes from the start, overlapping the other tests; the tests
        // that need them await the same promises (and see their errors).
        // Only for the full run: a run of chosen files should not wait for fixtures it may not use.
        if (!process.argv.some((arg) => arg.endsWith(".test.js"))) {
            packageSchema().catch(() => undefined);
            void startConsumerBuilds();
            // initdb and the server start (seconds each) run in the servers' own processes meanwhile.
            for (const major of MAJORS) postgresServer(major).catch(() => undefined);
        }
    },
    async afterAll(this: Mocha.Context) {
        // Each stop is bounded by its own wait for the process; removing the data directories is what
        // outlasted 30 s in full runs at load 15 on 2 cores, so the hook gets room for that.
        this.timeout(120000);
        await Promise.all([stopAllServers(), stopRedisServer()]);
    },
};

/**
 * Mocha root hooks: servers started lazily by tests are stopped once, at the end of the run, and every
 * temporary folder the run made (the tests', their child processes') goes with them.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startConsumerBuilds } from "./consumerBuilds";
import { MAJORS, postgresServer, stopAllServers } from "./postgresServer";
import { stopRedisServer } from "./redisServer";
import { packageSchema } from "./schema";

/**
 * One folder per run for every temporary file: `os.tmpdir()` answers TMPDIR, which child processes
 * inherit too, so nothing is left in the system's temp folder whichever test forgets to clean up (a
 * killed run leaves this one folder).
 */
const runTmp = fs.mkdtempSync(path.join(os.tmpdir(), "langsmith-tests-"));
fs.chmodSync(runTmp, 0o711); // the servers run as `postgres` (under root) and must reach their folders
process.env.TMPDIR = runTmp;

export const mochaHooks = {
    beforeAll() {
        // Slow fixtures run in child processes from the start, overlapping the other tests; the tests
        // that need them await the same promises (and see their errors).
        // Only for the full run: a run of chosen files should not wait for fixtures it may not use. (The
        // configured spec reaches this process as globs: .mocharc's node-option makes mocha re-spawn.)
        if (!process.argv.some((arg) => arg.endsWith(".test.js") && !/[*{]/.test(arg))) {
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
        fs.rmSync(runTmp, { recursive: true, force: true });
    },
};

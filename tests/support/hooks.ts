/** Mocha root hooks: servers started lazily by tests are stopped once, at the end of the run. */
import { stopAllServers } from "./postgresServer";

export const mochaHooks = {
    async afterAll(this: Mocha.Context) {
        this.timeout(30000);
        await stopAllServers();
    },
};

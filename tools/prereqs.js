#!/usr/bin/env node
/**
 * `npm test`'s `pretest`: the tests drive real PostgreSQL servers with `psql`, make their TLS
 * certificates with `openssl` and run a real Redis server (`redis-server`, `redis-cli`), programs npm
 * does not install. Without them the run would die
 * half-way with a stack trace; this stops it at once with one line saying what to install, or, as root
 * on Debian/Ubuntu (a fresh container, CI), installs them with apt-get as `.ci/run` does.
 *
 * Plain JavaScript: it runs before the TypeScript build.
 */
"use strict";
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

/** Each program the tests run that npm does not provide, and the Debian/Ubuntu package that has it. */
const REQUIRED = [
    { command: "psql", debian: "postgresql-client" },
    { command: "openssl", debian: "openssl" },
    // The passwordless Redis URL is proven against a real server (tests/redis); redis-cli comes with it.
    { command: "redis-server", debian: "redis-server" },
    { command: "redis-cli", debian: "redis-tools" },
];

/** Whether an executable `command` is on `pathVar` (a PATH string). */
function onPath(command, pathVar) {
    for (const dir of (pathVar ?? "").split(path.delimiter)) {
        if (!dir) continue;
        try {
            fs.accessSync(path.join(dir, command), fs.constants.X_OK);
            return true;
        } catch {
            // not in this directory
        }
    }
    return false;
}

/** The entries of REQUIRED missing from `pathVar`. */
function missingTools(pathVar = process.env.PATH) {
    return REQUIRED.filter((r) => !onPath(r.command, pathVar));
}

/** The one line printed when the tests cannot run. */
function missingMessage(missing) {
    const names = missing.map((m) => m.command).join(" and ");
    // redis-server depends on redis-tools: name each package once.
    const packages = [...new Set(missing.map((m) => m.debian))].join(" ");
    return `npm test needs ${names} on PATH; install ${missing.length > 1 ? "them" : "it"} first: sudo apt-get install -y ${packages} (Debian/Ubuntu package names)`;
}

/**
 * The tests' PostgreSQL servers are npm's linux-x64 builds (optional dependencies postgres-binaries-14
 * and -18): elsewhere npm skips them and nothing can be installed to make the tests run.
 */
function platformProblem(platform = process.platform, arch = process.arch) {
    if (platform === "linux" && arch === "x64") return undefined;
    return `npm test needs Linux x64 (this is ${platform}-${arch}): its PostgreSQL 14 and 18 test servers are npm's linux-x64 builds; run it in a Debian/Ubuntu container`;
}

/** apt-get is used only when it can work without asking: as root, with apt-get on PATH. */
function canAptInstall(pathVar = process.env.PATH, uid = process.getuid?.()) {
    return uid === 0 && onPath("apt-get", pathVar);
}

/**
 * Checks, installs if it can, and returns the exit code. Everything it reads from the process comes in
 * through `env` so a test can run it against a made-up PATH, user or platform.
 */
function main(env = {}) {
    const {
        pathVar = process.env.PATH,
        uid = process.getuid?.(),
        platform = process.platform,
        arch = process.arch,
        write = (line) => process.stderr.write(line + "\n"),
    } = env;
    const problem = platformProblem(platform, arch);
    if (problem) {
        write(problem);
        return 1;
    }
    let missing = missingTools(pathVar);
    if (missing.length === 0) return 0;
    if (canAptInstall(pathVar, uid)) {
        const packages = [...new Set(missing.map((m) => m.debian))];
        write(
            `pretest: installing ${packages.join(" ")} with apt-get (the tests run ${missing.map((m) => m.command).join(" and ")})`,
        );
        const aptEnv = { ...process.env, PATH: pathVar, DEBIAN_FRONTEND: "noninteractive" };
        const apt = (args) =>
            spawnSync("apt-get", args, { stdio: ["ignore", "ignore", "inherit"], env: aptEnv }).status === 0;
        if (apt(["update", "-qq"]) && apt(["install", "-y", "-qq", "--no-install-recommends", ...packages]))
            missing = missingTools(pathVar);
    }
    if (missing.length === 0) return 0;
    write(missingMessage(missing));
    return 1;
}

module.exports = { REQUIRED, onPath, missingTools, missingMessage, platformProblem, canAptInstall, main };

if (require.main === module) process.exit(main());

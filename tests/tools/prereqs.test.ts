/** `npm test`'s pretest (tools/prereqs.js): one line naming what to install, or apt-get as root. */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "../../..");

interface Required {
    command: string;
    debian: string;
}
interface Prereqs {
    REQUIRED: Required[];
    onPath(command: string, pathVar: string): boolean;
    missingTools(pathVar: string): Required[];
    missingMessage(missing: Required[]): string;
    platformProblem(platform: string, arch: string): string | undefined;
    canAptInstall(pathVar: string, uid: number | undefined): boolean;
    main(env: {
        pathVar?: string;
        uid?: number;
        platform?: string;
        arch?: string;
        write?: (line: string) => void;
    }): number;
}
// Plain JavaScript (it runs before the build), loaded from the source tree.
const prereqs = require(path.join(ROOT, "tools", "prereqs.js")) as Prereqs;

/** A directory holding executable stubs with these names (and non-executable files, to be ignored). */
function binDir(executables: string[], plainFiles: string[] = []): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "prereqs-"));
    for (const name of executables) fs.writeFileSync(path.join(dir, name), "#!/bin/sh\nexit 0\n", { mode: 0o755 });
    for (const name of plainFiles) fs.writeFileSync(path.join(dir, name), "not a program\n", { mode: 0o644 });
    return dir;
}

const commands = (list: Required[]) => list.map((r) => r.command);

describe("tools/prereqs.js (npm pretest)", function () {
    const dirs: string[] = [];
    const dir = (executables: string[], plainFiles: string[] = []) => {
        const d = binDir(executables, plainFiles);
        dirs.push(d);
        return d;
    };
    after(function () {
        for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
    });

    it("checks psql, openssl (the PostgreSQL tests) and redis-server, redis-cli (the Redis tests)", function () {
        assert.deepEqual(prereqs.REQUIRED, [
            { command: "psql", debian: "postgresql-client" },
            { command: "openssl", debian: "openssl" },
            { command: "redis-server", debian: "redis-server" },
            { command: "redis-cli", debian: "redis-tools" },
        ]);
    });

    it("names redis-server once when both Redis programs are missing (it brings redis-tools)", function () {
        const lines: string[] = [];
        prereqs.main({
            pathVar: dir(["psql", "openssl"]),
            uid: 1000,
            platform: "linux",
            arch: "x64",
            write: (l) => lines.push(l),
        });
        assert.equal(lines.length, 1);
        assert.match(lines[0], /needs redis-server and redis-cli on PATH/);
        assert.match(lines[0], /apt-get install -y redis-server redis-tools \(/);
    });

    it("finds an executable in any PATH entry, and not a file that cannot be executed", function () {
        const a = dir(["openssl", "redis-server", "redis-cli"]);
        const b = dir(["psql"]);
        assert.deepEqual(prereqs.missingTools([a, b].join(path.delimiter)), []);
        assert.deepEqual(commands(prereqs.missingTools(a)), ["psql"]);
        assert.deepEqual(commands(prereqs.missingTools(dir([], ["psql", "openssl", "redis-server", "redis-cli"]))), [
            "psql",
            "openssl",
            "redis-server",
            "redis-cli",
        ]);
        assert.deepEqual(commands(prereqs.missingTools("")), ["psql", "openssl", "redis-server", "redis-cli"]);
    });

    it("says in one line what to install", function () {
        const both = prereqs.missingMessage(prereqs.REQUIRED.slice(0, 2));
        assert.ok(!both.includes("\n"), both);
        assert.match(both, /needs psql and openssl on PATH/);
        assert.match(both, /apt-get install -y postgresql-client openssl\b/);
        assert.match(
            prereqs.missingMessage([prereqs.REQUIRED[0]]),
            /needs psql on PATH; install it first: sudo apt-get install -y postgresql-client \(/,
        );
    });

    it("stops at once, with one line and exit code 1, when psql is missing and it cannot use apt-get", function () {
        const lines: string[] = [];
        const code = prereqs.main({
            pathVar: dir(["openssl", "redis-server", "redis-cli", "apt-get"]),
            uid: 1000,
            platform: "linux",
            arch: "x64",
            write: (l) => lines.push(l),
        });
        assert.equal(code, 1);
        assert.equal(lines.length, 1, lines.join("\n"));
        assert.match(lines[0], /psql.*postgresql-client/);
        // root, but no apt-get (not Debian/Ubuntu): the same one line
        const noApt: string[] = [];
        assert.equal(
            prereqs.main({
                pathVar: dir(["openssl", "redis-server", "redis-cli"]),
                uid: 0,
                platform: "linux",
                arch: "x64",
                write: (l) => noApt.push(l),
            }),
            1,
        );
        assert.deepEqual(noApt, lines);
    });

    it("says nothing and passes when all are there", function () {
        const lines: string[] = [];
        assert.equal(
            prereqs.main({
                pathVar: dir(["psql", "openssl", "redis-server", "redis-cli"]),
                uid: 1000,
                platform: "linux",
                arch: "x64",
                write: (l) => lines.push(l),
            }),
            0,
        );
        assert.deepEqual(lines, []);
    });

    it("as root with apt-get, installs exactly the missing packages, then checks again", function () {
        // A stand-in apt-get (the real one would change this machine): it logs its arguments and, on
        // install, puts the programs of the packages it was given into its own directory.
        const bin = dir([]);
        fs.symlinkSync(process.execPath, path.join(bin, "node"));
        const log = path.join(bin, "apt.log");
        const fake = [
            "#!/usr/bin/env node",
            'const fs = require("fs"), path = require("path");',
            "const args = process.argv.slice(2);",
            `fs.appendFileSync(${JSON.stringify(log)}, args.join(" ") + "\\n");`,
            'const programs = { "postgresql-client": "psql", openssl: "openssl" };',
            'if (args[0] === "install") for (const a of args) if (programs[a]) fs.writeFileSync(path.join(__dirname, programs[a]), "#!/bin/sh\\n", { mode: 0o755 });',
        ].join("\n");
        fs.writeFileSync(path.join(bin, "apt-get"), fake, { mode: 0o755 });
        for (const present of ["openssl", "redis-server", "redis-cli"])
            fs.writeFileSync(path.join(bin, present), "#!/bin/sh\n", { mode: 0o755 });
        assert.ok(prereqs.canAptInstall(bin, 0));
        assert.ok(!prereqs.canAptInstall(bin, 1000), "never as another user");
        const lines: string[] = [];
        const code = prereqs.main({
            pathVar: bin,
            uid: 0,
            platform: "linux",
            arch: "x64",
            write: (l) => lines.push(l),
        });
        assert.equal(code, 0, lines.join("\n"));
        assert.deepEqual(fs.readFileSync(log, "utf8").trim().split("\n"), [
            "update -qq",
            "install -y -qq --no-install-recommends postgresql-client",
        ]);
        assert.deepEqual(lines, ["pretest: installing postgresql-client with apt-get (the tests run psql)"]);
    });

    it("refuses another platform in one line: the test servers are npm's linux-x64 PostgreSQL builds", function () {
        assert.equal(prereqs.platformProblem("linux", "x64"), undefined);
        const lines: string[] = [];
        assert.equal(
            prereqs.main({
                pathVar: dir(["psql", "openssl", "redis-server", "redis-cli"]),
                uid: 1000,
                platform: "darwin",
                arch: "arm64",
                write: (l) => lines.push(l),
            }),
            1,
        );
        assert.equal(lines.length, 1);
        assert.match(lines[0], /needs Linux x64 \(this is darwin-arm64\)/);
    });

    it("runs before the build of `npm test`", function () {
        const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
            scripts: Record<string, string>;
        };
        assert.equal(pkg.scripts.pretest, "node tools/prereqs.js");
    });
});

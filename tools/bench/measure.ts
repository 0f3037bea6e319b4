/**
 * Runs a command as a child process and measures its wall time and peak memory (max RSS). Peak RSS
 * comes from GNU `/usr/bin/time -f %M` when present, otherwise from polling the child's VmHWM in
 * /proc (which sees only that process, not its children).
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { median } from "./stats";

const GNU_TIME = "/usr/bin/time";

/** One measured run. */
export interface RunSample {
    wallMs: number;
    /** Peak resident set size in KB (NaN when it could not be read). */
    peakRssKb: number;
    exitCode: number;
    stdout: string;
    stderr: string;
}

/** Medians over several runs. */
export interface Measured {
    wallMs: number;
    peakRssKb: number;
    runs: number;
    samples: RunSample[];
}

export interface RunOptions {
    /** Working directory (the project root for everything here). */
    cwd: string;
    /** Extra environment variables. */
    env?: Record<string, string>;
    /** Keep stdout (e.g. to parse `synth --json`); otherwise it is discarded. */
    captureStdout?: boolean;
}

let gnuTimeWorks: boolean | undefined;
function hasGnuTime(): boolean {
    if (gnuTimeWorks === undefined) gnuTimeWorks = fs.existsSync(GNU_TIME);
    return gnuTimeWorks;
}

function readVmHwmKb(pid: number): number {
    try {
        const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
        return m ? Number(m[1]) : Number.NaN;
    } catch {
        return Number.NaN;
    }
}

/** Runs `command args` once. */
export function runOnce(command: string, args: string[], options: RunOptions): Promise<RunSample> {
    const useTime = hasGnuTime();
    const rssFile = useTime
        ? path.join(os.tmpdir(), `bench-rss-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`)
        : "";
    const [cmd, argv] = useTime ? [GNU_TIME, ["-f", "%M", "-o", rssFile, command, ...args]] : [command, args];
    return new Promise((resolve, reject) => {
        const started = process.hrtime.bigint();
        const child = spawn(cmd, argv, {
            cwd: options.cwd,
            env: { ...process.env, ...options.env },
            stdio: ["ignore", "pipe", "pipe"],
        });
        const out: Buffer[] = [];
        const err: Buffer[] = [];
        child.stdout.on("data", (b: Buffer) => options.captureStdout && out.push(b));
        child.stderr.on("data", (b: Buffer) => err.push(b));
        let polledKb = Number.NaN;
        const poll = useTime
            ? undefined
            : setInterval(() => {
                  const kb = child.pid ? readVmHwmKb(child.pid) : Number.NaN;
                  if (Number.isFinite(kb)) polledKb = Number.isFinite(polledKb) ? Math.max(polledKb, kb) : kb;
              }, 10);
        child.on("error", reject);
        child.on("close", (code) => {
            const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
            if (poll) clearInterval(poll);
            let peakRssKb = polledKb;
            if (useTime) {
                // GNU time appends "Command exited with non-zero status N" before the figure on failures.
                const lines = fs.existsSync(rssFile) ? fs.readFileSync(rssFile, "utf8").trim().split("\n") : [];
                peakRssKb = Number(lines[lines.length - 1]);
                fs.rmSync(rssFile, { force: true });
            }
            resolve({
                wallMs,
                peakRssKb,
                exitCode: code ?? -1,
                stdout: Buffer.concat(out).toString("utf8"),
                stderr: Buffer.concat(err).toString("utf8"),
            });
        });
    });
}

/** Runs the command `runs` times (after `warmup` unmeasured runs) and returns the medians; throws if a run fails. */
export async function measure(
    command: string,
    args: string[],
    options: RunOptions & { runs: number; warmup?: number; envForRun?: (run: number) => Record<string, string> },
): Promise<Measured> {
    for (let i = 0; i < (options.warmup ?? 0); i++) await runOnce(command, args, options);
    const samples: RunSample[] = [];
    for (let i = 0; i < options.runs; i++) {
        const env = { ...options.env, ...options.envForRun?.(i) };
        const s = await runOnce(command, args, { ...options, env });
        if (s.exitCode !== 0)
            throw new Error(`${command} ${args.join(" ")} exited ${s.exitCode}: ${s.stderr.trim().slice(-2000)}`);
        samples.push(s);
    }
    return {
        wallMs: median(samples.map((s) => s.wallMs)),
        peakRssKb: median(samples.map((s) => s.peakRssKb)),
        runs: samples.length,
        samples,
    };
}

/** One command of an interleaved measurement. */
export interface MeasureSpec extends RunOptions {
    command: string;
    args: string[];
    /** Unmeasured runs first (e.g. to fill a cache). */
    warmup?: number;
    /** Environment for measured run `i` (e.g. a fresh cache directory per run). */
    envForRun?: (run: number) => Record<string, string>;
    /** Done before measured run `i`, not timed (e.g. what `npm ci` leaves behind). */
    beforeRun?: (run: number) => void;
}

/**
 * Measures several commands run after run in turn (A B C, A B C, ...), so a floor and the figure
 * compared with it see the same machine load (other jobs share these cores). Returns medians in
 * the order given; throws if a run fails.
 */
export async function measureInterleaved(specs: readonly MeasureSpec[], runs: number): Promise<Measured[]> {
    for (const spec of specs) for (let i = 0; i < (spec.warmup ?? 0); i++) await runOnce(spec.command, spec.args, spec);
    const samples: RunSample[][] = specs.map(() => []);
    for (let i = 0; i < runs; i++) {
        for (const [k, spec] of specs.entries()) {
            spec.beforeRun?.(i);
            const s = await runOnce(spec.command, spec.args, { ...spec, env: { ...spec.env, ...spec.envForRun?.(i) } });
            if (s.exitCode !== 0)
                throw new Error(
                    `${spec.command} ${spec.args.join(" ")} exited ${s.exitCode}: ${s.stderr.trim().slice(-2000)}`,
                );
            samples[k].push(s);
        }
    }
    return samples.map((list) => ({
        wallMs: median(list.map((s) => s.wallMs)),
        peakRssKb: median(list.map((s) => s.peakRssKb)),
        runs: list.length,
        samples: list,
    }));
}

/**
 * `npm run bench [-- --runs N]`: what the offline plan costs, for the dev stack and a synthetic 40-pool stack,
 * each against its floor (scripts/bench/floor-program.ts: the same SDK modules and the same resources by type,
 * trivial inputs, no logic, served an empty policy pack), and what the policy pack's start costs against an
 * empty pack's. Every run is a fresh process, timed from spawn to exit (a pack: to its port printed); the
 * median of N runs is reported. Targets (reported, never asserted): the pack's start within 1.5x an empty
 * pack's, the dev plan within 1.3x its floor and under 6 s on a 2-core machine, the cost per resource flat from
 * the dev stack to 40 pools.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { formatTable } from "./sizes";
import { servePolicyPack } from "./plan/policy-pack-client";
import { PROJECT_ROOT, readStackFile } from "./plan/stack-file";

interface Measurement {
    resources: number;
    violations: number;
    programMs: number;
    policyMs: number;
    peakRssMb: number;
    wallMs: number;
}

const NODE = path.join(PROJECT_ROOT, "node_modules/.bin/node");
const REGISTER = path.join(PROJECT_ROOT, "scripts/plan/register-typescript.js");
const MEASURE = path.join(PROJECT_ROOT, "scripts/bench/measure-plan.ts");
const FLOOR = path.join(PROJECT_ROOT, "scripts/bench/floor-program.ts");
const PROGRAM = path.join(PROJECT_ROOT, "index.ts");
/** The floor's pack: no policy, served the same way (a pack's own start is what is left to compare). */
const EMPTY_PACK = path.join(PROJECT_ROOT, "scripts/bench/empty-pack");
const FARM_PACK = path.join(PROJECT_ROOT, "policy");

function measureOnce(env: Record<string, string>): Measurement {
    const started = process.hrtime.bigint();
    const child = spawnSync(NODE, ["-r", REGISTER, MEASURE], { cwd: PROJECT_ROOT, env: { ...process.env, ...env }, encoding: "utf8", maxBuffer: 16 << 20 });
    const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
    if (child.status !== 0) throw new Error(`a measured plan failed: ${child.stderr.trim()}`);
    return { ...JSON.parse(child.stdout.trim().split("\n").pop() as string), wallMs };
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function measure(runs: number, env: Record<string, string>): Measurement {
    const samples = Array.from({ length: runs }, () => measureOnce(env));
    const pick = (key: keyof Measurement) => median(samples.map((sample) => sample[key]));
    return {
        resources: samples[0].resources,
        violations: samples[0].violations,
        programMs: pick("programMs"),
        policyMs: pick("policyMs"),
        peakRssMb: pick("peakRssMb"),
        wallMs: pick("wallMs"),
    };
}

/** 40 pools alternating a Spot instance mix and a regular pool with a local disk, 10 VMs each. */
function largeStack(dev: Record<string, string>): Record<string, string> {
    const pools = Array.from({ length: 40 }, (_, index) =>
        index % 2 === 0
            ? { name: `p${index + 1}`, vmSizes: ["Standard_D16as_v5", "Standard_D16s_v5", "Standard_E16as_v5"], maxCount: 10, spot: true }
            : { name: `p${index + 1}`, vmSizes: ["Standard_D8ads_v5"], minCount: 1, maxCount: 10 },
    );
    return { ...dev, "buildfarm:pools": JSON.stringify(pools), "buildfarm:vcpuBudget": String(40 * 10 * 16) };
}

/** How long a pack takes to serve (spawn to its port printed), the median of `runs` fresh starts, in ms. */
async function packStart(directory: string, runs: number): Promise<number> {
    const samples: number[] = [];
    for (let run = 0; run < runs; run += 1) {
        const started = process.hrtime.bigint();
        const pack = await servePolicyPack(directory);
        samples.push(Number(process.hrtime.bigint() - started) / 1e6);
        await pack.stop();
    }
    return median(samples);
}

async function main(): Promise<void> {
    const { values } = parseArgs({ options: { runs: { type: "string", default: "3" }, help: { type: "boolean", short: "h", default: false } } });
    if (values.help) {
        process.stdout.write("usage: npm run bench [-- --runs N]\n  --runs N  fresh-process runs per figure, the median reported (default 3)\n");
        return;
    }
    const runs = Number(values.runs);
    if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a whole number >= 1, got ${values.runs}`);
    const dev = readStackFile({ stack: "dev" }).config;
    const scratch = mkdtempSync(path.join(tmpdir(), "bench-"));
    const results = (["dev", "40 pools"] as const).map((label, index) => {
        const config = JSON.stringify(index === 0 ? dev : largeStack(dev));
        const shape = path.join(scratch, `shape-${index}.json`);
        process.stderr.write(`bench: ${label}, ${runs} run(s) of the plan and of its floor...\n`);
        const plan = measure(runs, { BENCH_CONFIG: config, BENCH_PROGRAM: PROGRAM, BENCH_SHAPE_OUT: shape });
        const floor = measure(runs, { BENCH_CONFIG: config, BENCH_PROGRAM: FLOOR, BENCH_FLOOR_SHAPE: shape, BENCH_POLICY_PACK: EMPTY_PACK });
        return { label, plan, floor };
    });
    process.stderr.write(`bench: the pack's start against an empty pack's, ${runs} run(s) each...\n`);
    const farmPackMs = await packStart(FARM_PACK, runs);
    const emptyPackMs = await packStart(EMPTY_PACK, runs);

    const seconds = (ms: number) => (ms / 1000).toFixed(2);
    process.stdout.write(
        formatTable(
            ["CASE", "RESOURCES", "PLAN WALL s", "FLOOR WALL s", "RATIO", "PROGRAM s", "POLICY s", "PEAK RSS MB", "FLOOR RSS MB"],
            results.map(({ label, plan, floor }) => [
                label,
                String(plan.resources),
                seconds(plan.wallMs),
                seconds(floor.wallMs),
                (plan.wallMs / floor.wallMs).toFixed(2),
                seconds(plan.programMs),
                seconds(plan.policyMs),
                plan.peakRssMb.toFixed(0),
                floor.peakRssMb.toFixed(0),
            ]),
        ),
    );
    const [small, large] = results;
    const perResource = (plan: Measurement, floor: Measurement) => (plan.wallMs - floor.wallMs) / plan.resources;
    const marginal = (large.plan.wallMs - small.plan.wallMs) / (large.plan.resources - small.plan.resources);
    const floorMarginal = (large.floor.wallMs - small.floor.wallMs) / (large.floor.resources - small.floor.resources);
    process.stdout.write(
        [
            "",
            `marginal cost per resource, dev -> 40 pools: plan ${marginal.toFixed(1)} ms, floor ${floorMarginal.toFixed(1)} ms`,
            `cost above the floor per resource: dev ${perResource(small.plan, small.floor).toFixed(1)} ms, 40 pools ${perResource(large.plan, large.floor).toFixed(1)} ms`,
            "",
            `pack start: ${seconds(farmPackMs)} s, an empty pack ${seconds(emptyPackMs)} s (${(farmPackMs / emptyPackMs).toFixed(2)}x)`,
            "",
            `target: pack start within 1.5x an empty pack's: ${(farmPackMs / emptyPackMs).toFixed(2)}x`,
            `target: dev plan within 1.3x its floor (the floor serves the empty pack): ${(small.plan.wallMs / small.floor.wallMs).toFixed(2)}x`,
            `target: dev plan under 6 s: ${seconds(small.plan.wallMs)} s`,
            `(violations: dev ${small.plan.violations}, 40 pools ${large.plan.violations}; runs per figure: ${runs}, median)`,
            "",
        ].join("\n"),
    );
}

main().catch((error: Error) => {
    process.stderr.write(`bench: ${error.message}\n`);
    process.exitCode = 2;
});

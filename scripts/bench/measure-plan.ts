/**
 * One measured plan in a fresh process, started by scripts/bench.ts: `npm run plan`'s own pipeline on the
 * program and configuration given in the environment, then one JSON line with the resource count, the
 * pipeline's phases and this process's peak memory.
 */
import { writeFileSync } from "node:fs";
import { planStack } from "../plan/pipeline";

async function measure(): Promise<void> {
    const config = JSON.parse(process.env.BENCH_CONFIG as string) as Record<string, string>;
    const { run, violations, timings } = await planStack({
        programPath: process.env.BENCH_PROGRAM as string,
        stack: "bench",
        config,
        policyPackDirectory: process.env.BENCH_POLICY_PACK || undefined,
    });
    if (process.env.BENCH_SHAPE_OUT) {
        writeFileSync(process.env.BENCH_SHAPE_OUT, JSON.stringify(run.resources.map(({ type, custom }) => ({ type, custom }))));
    }
    process.stdout.write(
        JSON.stringify({
            resources: run.resources.length,
            violations: violations.length,
            ...timings,
            peakRssMb: process.resourceUsage().maxRSS / 1024,
        }) + "\n",
    );
}

measure().then(
    () => process.exit(0),
    (error: Error) => {
        process.stderr.write(`measure-plan: ${error.message}\n`);
        process.exit(2);
    },
);

/**
 * The offline plan itself, shared by `npm run plan` and the benchmark: run the program with the stack's
 * configuration, and ask the policy pack about everything it registered, per resource and then for the stack,
 * as the engine does. The pack's process starts while the program runs, as the CLI starts analyzers at the
 * beginning of a preview.
 */
import * as path from "node:path";
import { policyPackConfigFor } from "../../lib/policy-config";
import { parseStackConfig } from "../../lib/stack-config";
import { ServedPolicyPack, servePolicyPack } from "./policy-pack-client";
import type { Violation } from "./render";
import { ProgramRun, runProgram } from "./run-program";
import { PROJECT_ROOT } from "./stack-file";

export interface PlanOptions {
    readonly programPath: string;
    readonly stack: string;
    /** Raw stack configuration, as Pulumi hands it to the program. */
    readonly config: Readonly<Record<string, string>>;
    /** The pack to serve. Default: the farm's, policy/ (the bench's floor serves an empty one). */
    readonly policyPackDirectory?: string;
}

export interface PlanResult {
    readonly run: ProgramRun;
    readonly violations: Violation[];
    /** From the start to the program's last registration, and from there to the last policy answer. */
    readonly timings: { readonly programMs: number; readonly policyMs: number };
}

async function askPack(pack: ServedPolicyPack, run: ProgramRun, config: Readonly<Record<string, string>>): Promise<Violation[]> {
    const farm = parseStackConfig(config);
    if (farm.ok) await pack.configure(policyPackConfigFor(farm.config));
    const analyzed = run.resources.filter((resource) => resource.custom);
    const violations: Violation[] = [];
    for (const resource of analyzed) violations.push(...(await pack.analyze(resource)));
    violations.push(...(await pack.analyzeStack(analyzed)));
    return violations;
}

export async function planStack(options: PlanOptions): Promise<PlanResult> {
    const started = performance.now();
    const serving = servePolicyPack(options.policyPackDirectory ?? path.join(PROJECT_ROOT, "policy"));
    try {
        const run = await runProgram({ programPath: options.programPath, project: "buildfarm", stack: options.stack, config: options.config });
        const programDone = performance.now();
        const violations = await askPack(await serving, run, options.config);
        return { run, violations, timings: { programMs: programDone - started, policyMs: performance.now() - programDone } };
    } finally {
        await serving.then(
            (pack) => pack.stop(),
            () => undefined,
        );
    }
}

/**
 * `npm run plan -- [--stack NAME | --config-file PATH] [--json] [--program PATH]`: the farm without Azure.
 * Runs the program under an in-memory engine with the stack's configuration, then asks the policy pack about
 * everything it registered, served and called exactly as `pulumi preview --policy-pack policy` would.
 * Exit 0 when clean, 1 on a mandatory violation, 2 on a configuration or program error.
 */
import { existsSync } from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import * as pulumi from "@pulumi/pulumi";
import { cacheQuotaPool, farmQuota, FarmQuota } from "../lib/farm-quota";
import { planPackageCache } from "../lib/package-cache/plan";
import { planBuilderPool } from "../lib/builder-pool-plan";
import { farmZones, parseStackConfig, poolPlanInputOf } from "../lib/stack-config";
import { planStack } from "./plan/pipeline";
import { PoolSummary, poolSummary, renderOutputs, renderPools, renderQuota, renderSummary, renderTree, renderViolations, summarize } from "./plan/render";
import { PROJECT_ROOT, readStackFile } from "./plan/stack-file";

const USAGE = "usage: npm run plan -- [--stack NAME | --config-file PATH] [--json [--user-data]] [--program PATH]";
const HELP = `${USAGE}
  --stack NAME        plan Pulumi.NAME.yaml (default dev)
  --config-file PATH  plan another stack file
  --program PATH      plan another program with the same configuration (default index.ts)
  --json              one JSON document: resources, violations, summary, pools, quota, outputs
  --user-data         with --json, each scale set's cloud-init decoded (by default a placeholder with its size)
exit 0 clean, 1 on a mandatory policy violation, 2 on a configuration or program error`;

class UsageError extends Error {}

function parseCommandLine(argv: readonly string[]) {
    let parsed;
    try {
        parsed = parseArgs({
            args: [...argv],
            options: {
                stack: { type: "string" },
                "config-file": { type: "string" },
                program: { type: "string" },
                json: { type: "boolean", default: false },
                "user-data": { type: "boolean", default: false },
                help: { type: "boolean", short: "h", default: false },
            },
        });
    } catch (error) {
        throw new UsageError((error as Error).message);
    }
    const { values } = parsed;
    if (values.stack !== undefined && values["config-file"] !== undefined) throw new UsageError("give --stack or --config-file, not both");
    if (values.program !== undefined && !existsSync(values.program)) throw new UsageError(`--program ${values.program}: no such file`);
    if (values.program !== undefined) programPath = path.resolve(values.program);
    return {
        help: values.help,
        stack: values["config-file"] === undefined ? (values.stack ?? "dev") : values.stack,
        configFile: values["config-file"],
        program: path.resolve(values.program ?? path.join(PROJECT_ROOT, "index.ts")),
        json: values.json,
        userData: values["user-data"],
    };
}

/** The farm's quota from the same pool plans the program makes; undefined when the configuration does not parse. */
/**
 * What the operator gets per pool and the quota it needs, from the same pool plans the program makes; undefined
 * when the configuration does not parse (the program then reports why).
 */
function farmSummaryOf(config: Readonly<Record<string, string>>): { pools: PoolSummary[]; quota: FarmQuota; vcpuBudget: number } | undefined {
    const parsed = parseStackConfig(config);
    if (!parsed.ok) return undefined;
    const planned = parsed.config.pools.map((pool) => ({
        pool,
        name: pool.name,
        maxCount: pool.maxCount,
        plan: planBuilderPool(poolPlanInputOf(pool, parsed.config.imageSupportsNvme)),
    }));
    const pools = planned.map(({ pool, plan }) => poolSummary(pool.name, pool.minCount, pool.maxCount, plan, parsed.config.koji.hostDomain));
    const cache = planPackageCache({ ...parsed.config.packageCache, zones: farmZones(parsed.config), minimumLevel: parsed.config.minimumLevel });
    return { pools, quota: farmQuota([...planned, cacheQuotaPool(cache)]), vcpuBudget: parsed.config.vcpuBudget };
}

async function main(argv: readonly string[]): Promise<number> {
    const options = parseCommandLine(argv);
    if (options.help) {
        await writeAll(process.stdout, `${HELP}\n`);
        return 0;
    }
    const stackFile = readStackFile(options);
    const { run, violations } = await planStack({ programPath: options.program, stack: stackFile.stack, config: stackFile.config });
    const summary = summarize(run.resources, violations);
    const farm = farmSummaryOf(stackFile.config);
    if (options.json) {
        const resources = run.resources.map(({ urn, type, name, parent, inputs }) => ({
            urn,
            type,
            name,
            parent: parent ?? null,
            inputs: withUserData(inputs, options.userData),
        }));
        const document = { resources, violations, summary, pools: farm?.pools ?? null, quota: farm?.quota ?? null, outputs: run.outputs };
        await writeAll(process.stdout, JSON.stringify(document, null, 2) + "\n");
    } else {
        const quotaText = farm ? `${renderPools(farm.pools)}\n\n${renderQuota(farm.quota, farm.vcpuBudget)}\n\n` : "";
        await writeAll(
            process.stdout,
            `Stack ${stackFile.stack} (${path.relative(process.cwd(), stackFile.path)}), offline plan:\n\n` +
                `${renderTree(run.resources)}\n\n${quotaText}${renderOutputs(run.outputs)}\n\n${renderViolations(violations, run.resources)}\n\n` +
                `${renderSummary(summary)}\n`,
        );
    }
    return summary.clean ? 0 : 1;
}

/**
 * A scale set's inputs with its base64 custom data replaced: decoded when asked for, else a placeholder that
 * says what it is, so the default JSON stays readable.
 */
function withUserData(inputs: Record<string, unknown>, decode: boolean): Record<string, unknown> {
    const profile = inputs.virtualMachineProfile as { osProfile?: { customData?: unknown } } | undefined;
    const customData = profile?.osProfile?.customData;
    if (typeof customData !== "string") return inputs;
    const text = Buffer.from(customData, "base64").toString("utf8");
    const shown = decode ? text : `(cloud-init, ${text.length} bytes; --user-data shows it)`;
    return { ...inputs, virtualMachineProfile: { ...profile, osProfile: { ...profile?.osProfile, customData: shown } } };
}

/**
 * Resolves once the text has left the process: `process.exit` right after a write to a pipe would cut the output
 * at the pipe's buffer (64 KiB), so every exit waits for this.
 */
function writeAll(stream: NodeJS.WriteStream, text: string): Promise<void> {
    return new Promise((resolve) => stream.write(text, () => resolve()));
}

/**
 * A user's mistake (usage, stack file, configuration: a RunError) is its message alone; so is a program error,
 * whose stack would point into this tool rather than at the cause (PLAN_DEBUG=1 shows it). The program's
 * errors can surface outside main's promise (the runtime settles the stack's outputs on its own), hence the
 * process-level handlers.
 */
let failed = false;
/** The program being planned, so that a crash in it can be told by its file and line. */
let programPath = path.join(PROJECT_ROOT, "index.ts");

/** ` (at file:line:column)` of the first stack frame inside the planned program, or nothing. */
function programLocation(error: unknown): string {
    const frame = error instanceof Error ? error.stack?.split("\n").find((line) => line.includes(programPath)) : undefined;
    const at = frame?.match(/\(?([^\s()]+:\d+:\d+)\)?\s*$/)?.[1];
    return at ? ` (at ${path.relative(process.cwd(), at)})` : "";
}
function fail(error: unknown): void {
    // The first error is the cause; later ones (outputs settling after it) would only repeat it.
    if (failed) return;
    failed = true;
    const message = error instanceof Error ? error.message : String(error);
    const where = error instanceof UsageError || error instanceof pulumi.RunError ? "" : programLocation(error);
    const lines = error instanceof UsageError ? [`plan: ${message}`, USAGE] : [`plan: ${message}${where}`];
    if (!(error instanceof UsageError || error instanceof pulumi.RunError) && process.env.PLAN_DEBUG && error instanceof Error) lines.push(String(error.stack));
    process.stderr.write(lines.join("\n") + "\n", () => process.exit(2));
}

process.on("uncaughtException", fail);
process.on("unhandledRejection", fail);
main(process.argv.slice(2)).then((code) => process.exit(code), fail);

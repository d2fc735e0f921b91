/**
 * `npm run plan -- [--stack NAME | --config-file PATH] [--json] [--program PATH]`: the farm without Azure.
 * Runs the program under an in-memory engine with the stack's configuration, then asks the policy pack about
 * everything it registered, served and called exactly as `pulumi preview --policy-pack policy` would.
 * Exit 0 when clean, 1 on a mandatory violation, 2 on a configuration or program error.
 */
import * as path from "node:path";
import { parseArgs } from "node:util";
import * as pulumi from "@pulumi/pulumi";
import { planStack } from "./plan/pipeline";
import { renderSummary, renderTree, renderViolations, summarize } from "./plan/render";
import { PROJECT_ROOT, readStackFile } from "./plan/stack-file";

const USAGE = "usage: npm run plan -- [--stack NAME | --config-file PATH] [--json] [--program PATH]";

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
            },
        });
    } catch (error) {
        throw new UsageError((error as Error).message);
    }
    const { values } = parsed;
    if (values.stack !== undefined && values["config-file"] !== undefined) throw new UsageError("give --stack or --config-file, not both");
    return {
        stack: values["config-file"] === undefined ? values.stack ?? "dev" : values.stack,
        configFile: values["config-file"],
        program: path.resolve(values.program ?? path.join(PROJECT_ROOT, "index.ts")),
        json: values.json,
    };
}

async function main(argv: readonly string[]): Promise<number> {
    const options = parseCommandLine(argv);
    const stackFile = readStackFile(options);
    const { run, violations } = await planStack({ programPath: options.program, stack: stackFile.stack, config: stackFile.config });
    const summary = summarize(run.resources, violations);
    if (options.json) {
        const resources = run.resources.map(({ urn, type, name, parent, inputs }) => ({ urn, type, name, parent: parent ?? null, inputs }));
        process.stdout.write(JSON.stringify({ resources, violations, summary }, null, 2) + "\n");
    } else {
        process.stdout.write(`Stack ${stackFile.stack} (${path.relative(process.cwd(), stackFile.path)}), offline plan:\n\n`);
        process.stdout.write(`${renderTree(run.resources)}\n\n${renderViolations(violations, run.resources)}\n\n${renderSummary(summary)}\n`);
    }
    return summary.clean ? 0 : 1;
}

/**
 * A user's mistake (usage, stack file, configuration: a RunError) is its message alone; so is a program error,
 * whose stack would point into this tool rather than at the cause (PLAN_DEBUG=1 shows it). The program's
 * errors can surface outside main's promise (the runtime settles the stack's outputs on its own), hence the
 * process-level handlers.
 */
function fail(error: unknown): never {
    const message = error instanceof Error ? error.message : String(error);
    const lines = error instanceof UsageError ? [`plan: ${message}`, USAGE] : [`plan: ${message}`];
    if (!(error instanceof UsageError || error instanceof pulumi.RunError) && process.env.PLAN_DEBUG && error instanceof Error) lines.push(String(error.stack));
    process.stderr.write(lines.join("\n") + "\n");
    process.exit(2);
}

process.on("uncaughtException", fail);
process.on("unhandledRejection", fail);
main(process.argv.slice(2)).then((code) => process.exit(code), fail);

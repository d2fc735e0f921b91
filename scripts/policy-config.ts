/**
 * `npm run -s policy-config -- [--stack NAME | --config-file PATH] > policy-config.json`: the policy pack's
 * configuration that follows from a stack (minimum level, vCPU budget), for
 * `pulumi preview --policy-pack policy --policy-pack-config policy-config.json`.
 */
import { parseArgs } from "node:util";
import { policyPackConfigFor } from "../lib/policy-config";
import { formatConfigErrors, parseStackConfig } from "../lib/stack-config";
import { readStackFile } from "./plan/stack-file";

const USAGE = `usage: npm run -s policy-config -- [--stack NAME | --config-file PATH] > policy-config.json
  --stack NAME        the stack file Pulumi.NAME.yaml (default dev)
  --config-file PATH  another stack file`;

try {
    const { values } = parseArgs({
        options: { stack: { type: "string" }, "config-file": { type: "string" }, help: { type: "boolean", short: "h", default: false } },
    });
    if (values.help) {
        process.stdout.write(`${USAGE}\n`);
    } else {
        const stackFile = readStackFile({ stack: values.stack, configFile: values["config-file"] });
        const parsed = parseStackConfig(stackFile.config);
        if (!parsed.ok) throw new Error(formatConfigErrors(parsed.errors));
        process.stdout.write(JSON.stringify(policyPackConfigFor(parsed.config), null, 2) + "\n");
    }
} catch (error) {
    process.stderr.write(`policy-config: ${(error as Error).message}\n`);
    process.exitCode = 2;
}

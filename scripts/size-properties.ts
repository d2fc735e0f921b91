/**
 * `npm run size-properties [-- --check]`: regenerates policy/lib/size-property-table.json, the table of every
 * @pulumi/azure-native resource input that carries a VM size (scripts/size-properties/scan.ts), from the installed
 * SDK. `--check` writes nothing and exits 1 when the table differs from what the SDK says (after an upgrade).
 */
import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { scanSizeProperties } from "./size-properties/scan";

export const TABLE_FILE = path.join(__dirname, "..", "policy", "lib", "size-property-table.json");
const SDK_ROOT = path.join(__dirname, "..", "node_modules", "@pulumi", "azure-native");
export const renderTable = (): string => `${JSON.stringify(scanSizeProperties(SDK_ROOT), null, 2)}\n`;

function main(): number {
    const { values } = parseArgs({ options: { check: { type: "boolean", default: false }, help: { type: "boolean", short: "h", default: false } } });
    if (values.help) {
        process.stdout.write("usage: npm run size-properties [-- --check]\n  --check  compare the table with the installed SDK instead of writing it\n");
        return 0;
    }
    const fresh = renderTable();
    if (values.check) {
        const same = readFileSync(TABLE_FILE, "utf8") === fresh;
        process.stdout.write(
            same
                ? "size-properties: the table matches the installed SDK\n"
                : "size-properties: the table differs from the installed SDK; run npm run size-properties and classify new rows\n",
        );
        return same ? 0 : 1;
    }
    writeFileSync(TABLE_FILE, fresh);
    process.stdout.write(`size-properties: wrote ${path.relative(process.cwd(), TABLE_FILE)}\n`);
    return 0;
}

if (require.main === module) process.exitCode = main();

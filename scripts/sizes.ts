/**
 * `npm run sizes -- [--json] [--as-of YYYY-MM-DD] [--min-level x86-64-v3|x86-64-v4] SIZE...` and `--list`:
 * the catalog's verdict on VM sizes, for a person choosing sizes or a script checking them.
 * Exit 0 when every size is allowed, 1 otherwise, 2 on bad arguments.
 */
import { parseArgs } from "node:util";
import {
    MINIMUM_LEVELS, MinimumLevel, SERIES, seriesFacts, seriesStatus, sizeVerdict, SizeVerdict, VerdictOptions,
} from "../policy/catalog";

const USAGE = "usage: npm run sizes -- [--json] [--as-of YYYY-MM-DD] [--min-level x86-64-v3|x86-64-v4] (--list | SIZE...)";

export interface CommandResult {
    readonly stdout: string;
    readonly stderr: string;
    readonly exitCode: 0 | 1 | 2;
}

/** Left-aligned text columns, so a person can scan a verdict table in a terminal. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
    const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
    const line = (cells: readonly string[]) => cells.map((cell, column) => cell.padEnd(widths[column])).join("  ").trimEnd();
    return [line(header), line(widths.map((width) => "-".repeat(width))), ...rows.map(line)].join("\n") + "\n";
}

function parseAsOf(text: string): Date | undefined {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return undefined;
    const date = new Date(`${text}T00:00:00Z`);
    return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text ? undefined : date;
}

function listCatalog(options: VerdictOptions, json: boolean): string {
    const entries = SERIES.map((series) => {
        const facts = seriesFacts(series);
        return {
            series: series.name,
            status: seriesStatus(facts, options),
            arch: facts.arch,
            level: facts.level,
            avx512: facts.avx512,
            retires: series.retirement ? series.retirement.date ?? "retired" : null,
            cpus: facts.hostCpus.map((cpu) => cpu.name),
            examples: series.examples,
            sources: series.sources,
        };
    });
    if (json) return JSON.stringify(entries, null, 2) + "\n";
    return formatTable(
        ["SERIES", "STATUS", "ARCH", "LEVEL", "RETIRES", "EXAMPLE"],
        entries.map((entry) => [entry.series, entry.status, entry.arch, entry.level ?? "-", entry.retires ?? "-", entry.examples[0]]),
    );
}

function describeVerdicts(verdicts: readonly SizeVerdict[], json: boolean): string {
    if (json) {
        return JSON.stringify(verdicts.map(({ size, status, allowed, level, arch, series, vcpus, reason }) =>
            ({ size, status, allowed, level, arch, series, vcpus, reason })), null, 2) + "\n";
    }
    const table = formatTable(
        ["SIZE", "STATUS", "LEVEL", "ARCH", "VCPUS", "SERIES"],
        verdicts.map((v) => [v.size, v.status, v.level ?? "-", v.arch ?? "-", v.vcpus === null ? "-" : String(v.vcpus), v.series ?? "-"]),
    );
    return table + "\n" + verdicts.map((v) => `${v.allowed ? "ok  " : "NO  "} ${v.reason}`).join("\n") + "\n";
}

/** The whole command as a pure function of its arguments and the date, so tests need no child process. */
export function runSizesCommand(argv: readonly string[], today: Date = new Date()): CommandResult {
    const usageError = (message: string): CommandResult => ({ stdout: "", stderr: `sizes: ${message}\n${USAGE}\n`, exitCode: 2 });
    let parsed;
    try {
        parsed = parseArgs({
            args: [...argv],
            allowPositionals: true,
            options: {
                json: { type: "boolean", default: false },
                list: { type: "boolean", default: false },
                "as-of": { type: "string" },
                "min-level": { type: "string" },
                help: { type: "boolean", short: "h", default: false },
            },
        });
    } catch (error) {
        return usageError((error as Error).message);
    }
    const { values, positionals } = parsed;
    if (values.help) return { stdout: `${USAGE}\n`, stderr: "", exitCode: 0 };

    const asOf = values["as-of"] === undefined ? today : parseAsOf(values["as-of"]);
    if (asOf === undefined) return usageError(`--as-of "${values["as-of"]}" is not a date; write it as YYYY-MM-DD, e.g. 2027-01-31`);
    const minLevel = values["min-level"] ?? "x86-64-v3";
    if (!(MINIMUM_LEVELS as readonly string[]).includes(minLevel)) {
        return usageError(`--min-level "${minLevel}" is not one of ${MINIMUM_LEVELS.join(", ")}`);
    }
    const options: VerdictOptions = { asOf, minimumLevel: minLevel as MinimumLevel };

    if (values.list) {
        if (positionals.length > 0) return usageError("--list takes no size names; drop them or drop --list");
        return { stdout: listCatalog(options, values.json), stderr: "", exitCode: 0 };
    }
    if (positionals.length === 0) return usageError("name at least one size, e.g. Standard_D16as_v5, or use --list");
    const verdicts = positionals.map((size) => sizeVerdict(size, options));
    return { stdout: describeVerdicts(verdicts, values.json), stderr: "", exitCode: verdicts.every((v) => v.allowed) ? 0 : 1 };
}

if (require.main === module) {
    const result = runSizesCommand(process.argv.slice(2));
    process.stdout.write(result.stdout);
    process.stderr.write(result.stderr);
    process.exitCode = result.exitCode;
}

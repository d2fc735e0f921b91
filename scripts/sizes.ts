/**
 * `npm run sizes -- [--json] [--as-of YYYY-MM-DD] [--min-level x86-64-v3|x86-64-v4] SIZE...`, `--list` (per
 * series) and `--size-list` (per size): the catalog's verdict on VM sizes, each size's documented capabilities,
 * and whether the pool plan would take it as a regular or a Spot pool, for a person choosing sizes or a script
 * checking them. Exit 0 when every size is allowed, 1 otherwise, 2 on bad arguments.
 */
import { parseArgs } from "node:util";
import {
    MINIMUM_LEVELS,
    MinimumLevel,
    quotaVcpus,
    SERIES,
    seriesFacts,
    seriesOfSize,
    seriesStatus,
    SIZES,
    sizeVerdict,
    SizeVerdict,
    Stated,
    VerdictOptions,
    VmSize,
} from "../policy/catalog";
import { planBuilderPool, PoolPlanError } from "../lib/builder-pool-plan";
import { localDiskKind } from "../lib/azure-pool-rules";

const USAGE = "usage: npm run sizes -- [--json] [--as-of YYYY-MM-DD] [--min-level x86-64-v3|x86-64-v4] (--list | --size-list | SIZE...)";

export interface CommandResult {
    readonly stdout: string;
    readonly stderr: string;
    readonly exitCode: 0 | 1 | 2;
}

/** Left-aligned text columns, so a person can scan a verdict table in a terminal. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
    const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
    const line = (cells: readonly string[]) =>
        cells
            .map((cell, column) => cell.padEnd(widths[column]))
            .join("  ")
            .trimEnd();
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
            retires: series.retirement ? (series.retirement.date ?? "retired") : null,
            cpus: facts.hostCpus.map((cpu) => cpu.name),
            sizes: SIZES.filter((size) => seriesOfSize(size) === series).length,
            example: SIZES.find((size) => seriesOfSize(size) === series)?.name ?? null,
            sources: series.sources,
        };
    });
    if (json) return JSON.stringify(entries, null, 2) + "\n";
    return formatTable(
        ["SERIES", "STATUS", "ARCH", "LEVEL", "RETIRES", "SIZES", "EXAMPLE"],
        entries.map((entry) => [entry.series, entry.status, entry.arch, entry.level ?? "-", entry.retires ?? "-", String(entry.sizes), entry.example ?? "-"]),
    );
}

const yesNo = (fact: Stated): string => (fact === null ? "?" : fact ? "yes" : "no");

/** A size's documented capabilities, as the pool rules read them. */
function capabilities(size: VmSize) {
    return {
        vcpus: size.vcpus,
        quotaVcpus: quotaVcpus(size),
        memoryGib: size.memoryGib,
        tempDiskGib: size.tempDiskGib,
        localDisk: localDiskKind(size),
        nvmeLocalDisks: size.nvmeLocalDisks,
        premiumStorage: size.premiumStorage,
        acceleratedNetworking: size.acceleratedNetworking,
        ephemeralOsDisk: size.ephemeralOsDisk,
        gen2: size.gen2,
        trustedLaunch: size.trustedLaunch,
        diskController: size.diskController,
        family: size.family,
        docSeries: size.docSeries,
        pageStatus: size.status,
        source: size.sources.map((source) => source.url),
    };
}

/** What the pool plan says of a one-size pool of this size, regular and Spot: "ok" or its refusal. */
function asPool(size: string, options: VerdictOptions) {
    const verdictFor = (spot: boolean): string => {
        try {
            planBuilderPool({ name: "sizes", vmSizes: [size], minCount: 1, maxCount: 1, spot: spot ? {} : undefined, ...options });
            return "ok";
        } catch (error) {
            if (error instanceof PoolPlanError) return error.reason;
            throw error;
        }
    };
    return { regular: verdictFor(false), spot: verdictFor(true) };
}

function describeVerdicts(verdicts: readonly SizeVerdict[], options: VerdictOptions, json: boolean): string {
    const pools = verdicts.map((verdict) => asPool(verdict.size, options));
    if (json) {
        return (
            JSON.stringify(
                verdicts.map(({ size, status, allowed, level, arch, series, vcpus, quotaVcpus, facts, reason }, index) => ({
                    size,
                    status,
                    allowed,
                    level,
                    arch,
                    series,
                    vcpus,
                    quotaVcpus,
                    reason,
                    capabilities: facts && capabilities(facts),
                    asPool: pools[index],
                })),
                null,
                2,
            ) + "\n"
        );
    }
    const table = formatTable(
        ["SIZE", "STATUS", "LEVEL", "VCPUS", "QUOTA", "TEMP GIB", "LOCAL", "PREMIUM", "TL", "EPH-OS", "CTRL", "SERIES"],
        verdicts.map((v) => {
            const f = v.facts;
            return [
                v.size,
                v.status,
                v.level ?? "-",
                v.vcpus === null ? "-" : String(v.vcpus),
                v.quotaVcpus === null ? "-" : String(v.quotaVcpus),
                f?.tempDiskGib == null ? "-" : String(f.tempDiskGib),
                f ? localDiskKind(f) : "-",
                f ? yesNo(f.premiumStorage) : "-",
                f ? yesNo(f.trustedLaunch) : "-",
                f ? yesNo(f.ephemeralOsDisk) : "-",
                f ? (f.diskController ?? "SCSI") : "-",
                v.series ?? "-",
            ];
        }),
    );
    const lines = verdicts.map((v, index) => {
        const pool = pools[index];
        const poolLines = v.allowed ? [`       as a regular pool: ${pool.regular}`, `       as a Spot pool:    ${pool.spot}`] : [];
        return [`${v.allowed ? "ok  " : "NO  "} ${v.reason}`, ...poolLines].join("\n");
    });
    return table + "\n" + lines.join("\n") + "\n";
}

/** Every documented size with its verdict, one line each. */
function listSizes(options: VerdictOptions, json: boolean): string {
    const verdicts = SIZES.map((size) => sizeVerdict(size.name, options));
    if (json) {
        return (
            JSON.stringify(
                verdicts.map(({ size, status, level, series, vcpus, quotaVcpus, facts }) => ({
                    size,
                    status,
                    level,
                    series,
                    vcpus,
                    quotaVcpus,
                    capabilities: facts && capabilities(facts),
                })),
                null,
                2,
            ) + "\n"
        );
    }
    return formatTable(
        ["SIZE", "STATUS", "LEVEL", "VCPUS", "QUOTA", "LOCAL", "PREMIUM", "TL", "SERIES"],
        verdicts.map((v) => [
            v.size,
            v.status,
            v.level ?? "-",
            v.vcpus === null ? "-" : String(v.vcpus),
            v.quotaVcpus === null ? "-" : String(v.quotaVcpus),
            v.facts ? localDiskKind(v.facts) : "-",
            v.facts ? yesNo(v.facts.premiumStorage) : "-",
            v.facts ? yesNo(v.facts.trustedLaunch) : "-",
            v.facts?.docSeries ?? "-",
        ]),
    );
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
                "size-list": { type: "boolean", default: false },
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

    if (values.list && values["size-list"]) return usageError("--list and --size-list are two listings; give one");
    for (const flag of ["list", "size-list"] as const) {
        if (!values[flag]) continue;
        if (positionals.length > 0) return usageError(`--${flag} takes no size names; drop them or drop --${flag}`);
        return { stdout: (flag === "list" ? listCatalog : listSizes)(options, values.json), stderr: "", exitCode: 0 };
    }
    if (positionals.length === 0) return usageError("name at least one size, e.g. Standard_D16as_v5, or use --list or --size-list");
    const verdicts = positionals.map((size) => sizeVerdict(size, options));
    return { stdout: describeVerdicts(verdicts, options, values.json), stderr: "", exitCode: verdicts.every((v) => v.allowed) ? 0 : 1 };
}

if (require.main === module) {
    const result = runSizesCommand(process.argv.slice(2));
    process.stdout.write(result.stdout);
    process.stderr.write(result.stderr);
    process.exitCode = result.exitCode;
}

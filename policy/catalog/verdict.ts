/**
 * The verdict on one VM size: may the farm run builders on it, at a date and a minimum x86-64 level?
 *
 * Fails closed: a name that is not a row of the size table (sizes.tsv), or whose series has no host CPUs in the
 * series table, is `unknown`, never allowed. A series' guaranteed level is the minimum over every host CPU its
 * docs list, because a VM can land on (or be moved to) any of them; a series whose docs disclaim "various
 * hardware" guarantees nothing beyond baseline x86-64.
 */
import { HOST_CPUS, HostCpu } from "./cpus";
import { SERIES, Series } from "./series";
import { findSize, nearestSizeName, quotaVcpus, SIZES, VmSize } from "./sizes";
import { Architecture, DEFAULT_MINIMUM_LEVEL, MinimumLevel, SizeVerdict, VerdictOptions, VerdictStatus, X86_LEVELS, X86Level } from "./types";

/** What the catalog derives about a series from its data. */
export interface SeriesFacts {
    readonly series: Series;
    readonly arch: Architecture;
    /** Null for Arm64. */
    readonly level: X86Level | null;
    readonly avx512: boolean;
    readonly hostCpus: readonly HostCpu[];
}

const levelRank = (level: X86Level): number => X86_LEVELS.indexOf(level);

/** Whether `level` is at least `floor`. */
export const meetsLevel = (level: X86Level, floor: X86Level): boolean => levelRank(level) >= levelRank(floor);

export function seriesFacts(series: Series): SeriesFacts {
    const hostCpus = series.cpus.map((id) => HOST_CPUS[id]);
    const arch: Architecture = hostCpus.some((cpu) => cpu.arch === "arm64") ? "arm64" : "x64";
    let level: X86Level | null = null;
    if (arch === "x64") {
        const levels = hostCpus.map((cpu) => cpu.level as X86Level);
        // No CPU list, or a "various hardware" disclaimer: only the x86-64 baseline is certain.
        level = series.variousHardware || levels.length === 0 ? "x86-64-v1" : levels.reduce((low, next) => (levelRank(next) < levelRank(low) ? next : low));
    }
    return { series, arch, level, avx512: level === "x86-64-v4", hostCpus };
}

const SERIES_BY_DOC_SERIES = new Map(SERIES.flatMap((series) => series.docSeries.map((name) => [name, series] as const)));

/** The catalog series a documented size belongs to, by the series its page lists it under. */
export function seriesOfSize(size: VmSize): Series | undefined {
    return SERIES_BY_DOC_SERIES.get(size.docSeries);
}

const isoDate = (date: Date): string => date.toISOString().slice(0, 10);

function describeCpus(facts: SeriesFacts): string {
    if (facts.hostCpus.length === 0) return "no CPU list in the docs";
    return facts.hostCpus.map((cpu) => `${cpu.name} (${cpu.microarchitecture}${cpu.level ? `, ${cpu.level}` : ", Arm64"})`).join(", ");
}

const LIST_HINT = "run `npm run sizes -- --list` for the allowed series";

export function sizeVerdict(size: string, options: VerdictOptions = {}): SizeVerdict {
    const minimumLevel: MinimumLevel = options.minimumLevel ?? DEFAULT_MINIMUM_LEVEL;
    const facts = typeof size === "string" ? findSize(size) : undefined;
    const unknown = (reason: string, series: string | null = null): SizeVerdict => ({
        size,
        status: "unknown",
        allowed: false,
        level: null,
        arch: null,
        series,
        vcpus: facts?.vcpus ?? null,
        quotaVcpus: facts ? quotaVcpus(facts) : null,
        facts: facts ?? null,
        reason: `${size}: ${reason}`,
    });

    if (facts === undefined) {
        const nearest = typeof size === "string" && size.trim() !== "" ? nearestSizeName(size.trim()) : undefined;
        return unknown(
            `not a VM size on Microsoft's size pages, so not allowed` +
                (nearest ? `; did you mean ${nearest}?` : `; run \`npm run sizes -- --size-list\` for every size`),
        );
    }
    const series = seriesOfSize(facts);
    if (series === undefined) {
        return unknown(
            `Microsoft's pages name no host CPU for its series ${facts.docSeries}, so its x86-64 level is not known and it is not allowed; ${LIST_HINT}. Source: ${facts.sources[0].url}.`,
            facts.docSeries,
        );
    }

    const seriesFact = seriesFacts(series);
    // A page that marks the size retired decides where the series has no dated retirement to judge by.
    const retiredUndated = facts.status === "retired" && !series.retirement?.date;
    const status = retiredUndated ? "retired" : seriesStatus(seriesFact, { asOf: options.asOf, minimumLevel });
    const retirement = series.retirement;
    let reason: string;
    switch (status) {
        case "retired":
            reason = retirement?.date ? `the ${series.name} series retired on ${retirement.date}` : `the ${series.name} series is retired (no longer offered)`;
            reason += `; ${LIST_HINT}.`;
            break;
        case "arm64":
            reason = `the ${series.name} series runs on ${describeCpus(seriesFact)}, not x86-64; builders need x86-64 sizes (${LIST_HINT}).`;
            break;
        case "below-minimum-level":
            reason =
                `the ${series.name} series is below ${minimumLevel}: ` +
                (series.variousHardware
                    ? `its docs say it "can be deployed on a variety of hardware types", so no level above ${seriesFact.level} is guaranteed`
                    : `its hosts include ${describeCpus(seriesFact)}, so it guarantees only ${seriesFact.level}`) +
                `; ${LIST_HINT}.`;
            break;
        default:
            reason =
                `the ${series.name} series guarantees ${seriesFact.level} on every listed host: ${describeCpus(seriesFact)}.` +
                (retirement?.date ? ` Note: the series retires on ${retirement.date}.` : "");
    }
    return {
        size,
        status,
        allowed: status === "allowed",
        level: seriesFact.level,
        arch: seriesFact.arch,
        series: series.name,
        vcpus: facts.vcpus,
        quotaVcpus: quotaVcpus(facts),
        facts,
        reason: `${size}: ${reason} Source: ${series.sources[0]}.`,
    };
}

/** Whether a series may carry builders at a date and minimum level; retirement is checked first. */
export function seriesStatus(facts: SeriesFacts, options: VerdictOptions = {}): VerdictStatus {
    const asOf = isoDate(options.asOf ?? new Date());
    const retirement = facts.series.retirement;
    if (retirement !== undefined && (retirement.date === null || retirement.date <= asOf)) return "retired";
    if (facts.arch === "arm64" || facts.level === null) return "arm64";
    return meetsLevel(facts.level, options.minimumLevel ?? DEFAULT_MINIMUM_LEVEL) ? "allowed" : "below-minimum-level";
}

/**
 * The names of every catalog size allowed at `options` (level and date), sorted: the list an Azure Policy
 * assignment allows, so that ARM refuses what the pack refuses.
 */
export function allowedSizeNames(options: VerdictOptions = {}): string[] {
    return SIZES.filter((size) => sizeVerdict(size.name, options).allowed)
        .map((size) => size.name)
        .sort();
}

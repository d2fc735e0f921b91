/**
 * The verdict on one VM size: may the farm run builders on it, at a date and a minimum x86-64 level?
 *
 * Fails closed: a name that does not parse, or parses but matches no series of the catalog, is `unknown`,
 * never allowed. A series' guaranteed level is the minimum over every host CPU its docs list, because a VM can
 * land on (or be moved to) any of them; a series whose docs disclaim "various hardware" guarantees nothing
 * beyond baseline x86-64 (azure-vm-series.md section 0, "Rule", and section 4, items 1 and 6).
 */
import { HOST_CPUS, HostCpu } from "./cpus";
import { parseSizeName, ParsedSize } from "./parse";
import { SERIES, Series, SizePattern } from "./series";
import {
    Architecture, DEFAULT_MINIMUM_LEVEL, MinimumLevel, SizeVerdict, VerdictOptions, VerdictStatus, X86_LEVELS, X86Level,
} from "./types";

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

export function seriesFacts(series: Series): SeriesFacts {
    const hostCpus = series.cpus.map((id) => HOST_CPUS[id]);
    const arch: Architecture = hostCpus.some((cpu) => cpu.arch === "arm64") ? "arm64" : "x64";
    let level: X86Level | null = null;
    if (arch === "x64") {
        const levels = hostCpus.map((cpu) => cpu.level as X86Level);
        // No CPU list, or a "various hardware" disclaimer: only the x86-64 baseline is certain.
        level = series.variousHardware || levels.length === 0
            ? "x86-64-v1"
            : levels.reduce((low, next) => (levelRank(next) < levelRank(low) ? next : low));
    }
    return { series, arch, level, avx512: level === "x86-64-v4", hostCpus };
}

function matchesPattern(size: ParsedSize, pattern: SizePattern): boolean {
    return (pattern.tier ?? "standard") === size.tier
        && pattern.family === size.family
        && pattern.features.includes(size.features)
        && pattern.version === size.version
        && (pattern.accelerators ?? []).includes(size.accelerator ?? "") === (size.accelerator !== null)
        && (pattern.infixes ?? []).join("_") === size.infixes.join("_")
        && (size.capacity === null || pattern.capacityInfix === true)
        && (pattern.sizeNumbers === undefined || pattern.sizeNumbers.includes(size.sizeNumber));
}

/** Every catalog series whose patterns take the parsed name; the tests keep this to one at most. */
export function seriesMatching(size: ParsedSize): readonly Series[] {
    return SERIES.filter((series) => series.match.some((pattern) => matchesPattern(size, pattern)));
}

/** vCPUs of the base size, or null when an old series has no size with that number. */
function baseVcpus(size: ParsedSize, series: Series): number | null {
    if (series.vcpusBySizeNumber === undefined) return size.sizeNumber;
    return series.vcpusBySizeNumber[size.sizeNumber] ?? null;
}

const isoDate = (date: Date): string => date.toISOString().slice(0, 10);

function describeCpus(facts: SeriesFacts): string {
    if (facts.hostCpus.length === 0) return "no CPU list in the docs";
    return facts.hostCpus.map((cpu) => `${cpu.name} (${cpu.microarchitecture}${cpu.level ? `, ${cpu.level}` : ", Arm64"})`).join(", ");
}

const LIST_HINT = "run `npm run sizes -- --list` for the allowed series";

export function sizeVerdict(size: string, options: VerdictOptions = {}): SizeVerdict {
    const minimumLevel: MinimumLevel = options.minimumLevel ?? DEFAULT_MINIMUM_LEVEL;
    const unknown = (reason: string, vcpus: number | null = null, series: string | null = null): SizeVerdict =>
        ({ size, status: "unknown", allowed: false, level: null, arch: null, series, vcpus, reason });

    const parsed = parseSizeName(size);
    if (!parsed.ok) return unknown(`${parsed.error}; not allowed`);
    if (parsed.size.promo) {
        return unknown(`${size} is a _Promo alias that current Azure docs no longer list (azure-vm-series.md section 4, item 9); use the size without _Promo`);
    }
    const [series] = seriesMatching(parsed.size);
    if (series === undefined) {
        return unknown(`${size} matches no series of the catalog, so its CPUs are not known; ${LIST_HINT}`);
    }
    const base = baseVcpus(parsed.size, series);
    if (base === null) {
        return unknown(`${size} is not a size of the ${series.name} series (no size number ${parsed.size.sizeNumber}); ${LIST_HINT}`, null, series.name);
    }
    const constrained = parsed.size.constrainedVcpus;
    if (constrained !== null && (constrained < 1 || constrained >= base)) {
        return unknown(`${size} constrains a ${base}-vCPU size to ${constrained} vCPUs; a constrained size has fewer active vCPUs than its base, and at least one`, null, series.name);
    }
    const vcpus = constrained ?? base;

    const facts = seriesFacts(series);
    const status = seriesStatus(facts, { asOf: options.asOf, minimumLevel });
    const retirement = series.retirement;
    let reason: string;
    switch (status) {
        case "retired":
            reason = retirement?.date ? `the ${series.name} series retired on ${retirement.date}` : `the ${series.name} series is retired (no longer offered)`;
            reason += `; ${LIST_HINT}.`;
            break;
        case "arm64":
            reason = `the ${series.name} series runs on ${describeCpus(facts)}, not x86-64; builders need x86-64 sizes (${LIST_HINT}).`;
            break;
        case "below-minimum-level":
            reason = `the ${series.name} series is below ${minimumLevel}: ` + (series.variousHardware
                ? `its docs say it "can be deployed on a variety of hardware types", so no level above ${facts.level} is guaranteed`
                : `its hosts include ${describeCpus(facts)}, so it guarantees only ${facts.level}`) + `; ${LIST_HINT}.`;
            break;
        default:
            reason = `the ${series.name} series guarantees ${facts.level} on every listed host: ${describeCpus(facts)}.`
                + (retirement?.date ? ` Note: the series retires on ${retirement.date}.` : "");
    }
    return {
        size, status, allowed: status === "allowed", level: facts.level, arch: facts.arch, series: series.name, vcpus,
        reason: `${size}: ${reason} Source: ${series.sources[0]}.`,
    };
}

/** Whether a series may carry builders at a date and minimum level; retirement is checked first. */
export function seriesStatus(facts: SeriesFacts, options: VerdictOptions = {}): VerdictStatus {
    const asOf = isoDate(options.asOf ?? new Date());
    const retirement = facts.series.retirement;
    if (retirement !== undefined && (retirement.date === null || retirement.date <= asOf)) return "retired";
    if (facts.arch === "arm64" || facts.level === null) return "arm64";
    return levelRank(facts.level) < levelRank(options.minimumLevel ?? DEFAULT_MINIMUM_LEVEL) ? "below-minimum-level" : "allowed";
}

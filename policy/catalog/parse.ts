/**
 * Parser for Azure VM size names, per the documented grammar
 * `[Family][Sub-family][# vCPUs][-constrained vCPUs][additive features][_accelerator][_vVersion]`
 * (MicrosoftDocs/azure-compute-docs:articles/virtual-machines/vm-naming-conventions.md, 028a4dc4) and the
 * real-world extras listed in ../shared/research/azure-vm-series.md section 1: `_cc_`, the `_N_` capacity infix,
 * `_xl_`, `_NDR_`, `_Promo`, the `Basic_` tier and the classic names `ExtraSmall` .. `ExtraLarge`.
 *
 * Matching is case-insensitive. Lower-casing loses the case that tells family from feature letters, so the
 * parser relies on position instead: family letters stand before the vCPU count, feature letters after it.
 *
 * Hand-written rather than a grammar library: the grammar is one regular expression for the head and a closed
 * set of `_` segments, and the error messages need to say what was probably meant.
 */

export interface ParsedSize {
    /** The name as given. */
    readonly input: string;
    readonly tier: "standard" | "basic";
    /** Family plus sub-family letters, lower case (`d`, `dc`, `nc`). */
    readonly family: string;
    /** The number after the family: the vCPU count of current series, a size index of some first ones. */
    readonly sizeNumber: number;
    /** Active vCPUs of a constrained-core size (`E8-4ds_v5` -> 4). */
    readonly constrainedVcpus: number | null;
    /** Additive feature letters, lower case (`ads`). */
    readonly features: string;
    /** Accelerator segment, lower case (`a100`), or null. */
    readonly accelerator: string | null;
    /** Named infixes in order of appearance: `cc`, `xl`, `ndr`. */
    readonly infixes: readonly string[];
    /** The `_N_` capacity infix of some M sizes (`M416s_8_v2` -> 8). */
    readonly capacity: number | null;
    /** `_vN`; null when the name has no version (first generation). */
    readonly version: number | null;
    /** `_Promo`: a discounted alias that current docs no longer list. */
    readonly promo: boolean;
    /** Set when a classic alias (`Small`) was given: the `Standard_` name it stands for. */
    readonly aliasOf: string | null;
}

export type ParseResult = { readonly ok: true; readonly size: ParsedSize } | { readonly ok: false; readonly error: string };

/** Classic names of the A v1 sizes (MicrosoftDocs/azure-docs:articles/virtual-machines/sizes-previous-gen.md, 092fdbcf). */
const CLASSIC_ALIASES: Readonly<Record<string, string>> = {
    extrasmall: "Standard_A0",
    small: "Standard_A1",
    medium: "Standard_A2",
    large: "Standard_A3",
    extralarge: "Standard_A4",
};

const TIERS: Readonly<Record<string, ParsedSize["tier"]>> = { standard: "standard", basic: "basic" };
const NAMED_INFIXES = new Set(["cc", "xl", "ndr"]);
const HEAD = /^([a-z]+)(\d+)(?:-(\d+))?([a-z]*)$/;
const VERSION = /^v(\d+)$/;
const ACCELERATOR = /^[a-z][a-z0-9]*\d[a-z0-9]*$/;

export function parseSizeName(input: string): ParseResult {
    const fail = (error: string): ParseResult => ({ ok: false, error });
    if (typeof input !== "string" || input.trim() === "") {
        return fail("an empty string is not a VM size name (expected e.g. Standard_D16as_v5)");
    }
    if (input !== input.trim()) {
        return fail(`"${input}" has leading or trailing white space; remove it`);
    }
    const lower = input.toLowerCase();
    const alias = CLASSIC_ALIASES[lower];
    if (alias !== undefined) {
        const parsed = parseSizeName(alias);
        return parsed.ok ? { ok: true, size: { ...parsed.size, input, aliasOf: alias } } : parsed;
    }

    const [prefix, ...segments] = lower.split("_");
    const tier = TIERS[prefix];
    if (tier === undefined) {
        return fail(HEAD.test(prefix)
            ? `"${input}" lacks the tier prefix: Azure size names start with Standard_ (did you mean "Standard_${input}"?)`
            : `"${input}" is not a VM size name: it must start with Standard_ or Basic_ (e.g. Standard_D16as_v5)`);
    }
    const head = segments.length > 0 ? HEAD.exec(segments[0]) : null;
    if (head === null) {
        return fail(`"${input}" is not a VM size name: after "${input.slice(0, prefix.length + 1)}" comes the family and vCPU count (e.g. D16as_v5)`);
    }
    const [, family, sizeNumber, constrained, features] = head;

    // The tail is read from the end: `_Promo` is always last and `_vN` comes just before it, so an accelerator
    // that looks like a version (`_V620_v1`) is not taken for one.
    const rest = segments.slice(1);
    const promo = rest.at(-1) === "promo";
    if (promo) rest.pop();
    const versionMatch = rest.length > 0 ? VERSION.exec(rest[rest.length - 1]) : null;
    if (versionMatch !== null) rest.pop();
    const version = versionMatch === null ? null : Number(versionMatch[1]);

    let accelerator: string | null = null;
    let capacity: number | null = null;
    const infixes: string[] = [];
    // In the middle: named infixes and the accelerator (in either order), then the capacity number.
    for (const segment of rest) {
        if (NAMED_INFIXES.has(segment) && capacity === null) {
            infixes.push(segment);
        } else if (/^\d+$/.test(segment) && capacity === null) {
            capacity = Number(segment);
        } else if (ACCELERATOR.test(segment) && accelerator === null && capacity === null) {
            accelerator = segment;
        } else {
            return fail(`"${input}" has an unexpected part "_${segment}" (expected an accelerator such as _A100, a version such as _v5, or _Promo)`);
        }
    }
    if (tier === "basic" && (family !== "a" || version !== null || features !== "")) {
        return fail(`"${input}" is not a size: the Basic_ tier only has Basic_A0 to Basic_A4`);
    }
    return {
        ok: true,
        size: {
            input, tier, family,
            sizeNumber: Number(sizeNumber),
            constrainedVcpus: constrained === undefined ? null : Number(constrained),
            features, accelerator, infixes, capacity, version, promo,
            aliasOf: null,
        },
    };
}

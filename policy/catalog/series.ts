/**
 * The Azure VM size series this farm knows, as data: which names belong to a series, which host CPUs its docs
 * list, whether its docs disclaim "various hardware", when it retires, and the docs file each fact comes from.
 *
 * Source of every row: ../shared/research/azure-vm-series.md section 2 (row numbers in comments), which cites
 * the Microsoft docs files and commits below. Levels are NOT typed in here: a series' guaranteed level is the
 * minimum over its host CPUs (cpus.ts), computed in verdict.ts. Names are matched on their parsed parts
 * (parse.ts), never inferred from letters: `Dsv5` (Intel, v4) and `Dasv5` (AMD Milan, v3) share a version,
 * and Nvidia Grace sizes are Arm64 without a `p`.
 */
import { HostCpuId } from "./cpus";

/** How the parts of a size name (parse.ts) identify a series. All letters lower case. */
export interface SizePattern {
    /** Family plus sub-family letters before the vCPU count: `d`, `ds`, `dc`, `nc`, `hb`. */
    readonly family: string;
    /** Additive feature letters after the count, as a whole: `""`, `s`, `as`, `ads`. */
    readonly features: readonly string[];
    /** `_vN`; null for first-generation names without a version. */
    readonly version: number | null;
    /** Accelerator segment, e.g. `a100`; absent means the name has none. */
    readonly accelerators?: readonly string[];
    /** Named infixes the name must carry exactly: `cc`, `xl`, `ndr`. Default none. */
    readonly infixes?: readonly string[];
    /** Whether the `_N_` capacity infix of the M series may appear. */
    readonly capacityInfix?: boolean;
    /** Restricts the number in the name, where two series share every other part. */
    readonly sizeNumbers?: readonly number[];
    /** `basic` for the legacy Basic_ tier; default `standard`. */
    readonly tier?: "standard" | "basic";
}

export interface Retirement {
    /** First day the series can no longer be deployed (YYYY-MM-DD); null when the docs give no date. */
    readonly date: string | null;
}

export interface Series {
    readonly name: string;
    /** Size names from the research file; the tests check each resolves to this series. */
    readonly examples: readonly string[];
    readonly match: readonly SizePattern[];
    /** Every host CPU the docs list for the series (empty when they list none). */
    readonly cpus: readonly HostCpuId[];
    /** The docs say the series "can be deployed on a variety of hardware types": no level is guaranteed. */
    readonly variousHardware?: boolean;
    readonly retirement?: Retirement;
    /** For old series whose name number is a size index, not a vCPU count: number -> vCPUs. */
    readonly vcpusBySizeNumber?: Readonly<Record<number, number>>;
    /** Docs files (repository:path (commit)) that list the CPUs and the retirement. */
    readonly sources: readonly string[];
}

const ACD = "MicrosoftDocs/azure-compute-docs:articles/virtual-machines/";
const AD = "MicrosoftDocs/azure-docs:articles/virtual-machines/";
const FORK = "petersatsuse/azure-compute-docs (fork of ACD):articles/virtual-machines/";
const RETIREMENTS = `${ACD}sizes/lifecycle/retirements-and-capacity-restrictions.md (680de971)`;
const PREVIOUS_GEN = `${AD}sizes-previous-gen.md (092fdbcf)`;
const N_MIGRATION = `${ACD}sizes/lifecycle/retirement/n-series-migration.md (680de971)`;
const gp = (file: string) => `${ACD}sizes/general-purpose/includes/${file}`;
const co = (file: string) => `${ACD}sizes/compute-optimized/includes/${file}`;
const mo = (file: string) => `${ACD}sizes/memory-optimized/includes/${file}`;
const so = (file: string) => `${ACD}sizes/storage-optimized/includes/${file}`;
const hpc = (file: string) => `${ACD}sizes/high-performance-compute/${file}`;
const gpu = (file: string) => `${ACD}sizes/gpu-accelerated/includes/${file}`;

const retires = (date: string): Retirement => ({ date });
/** Retired per the docs, no date given (absent from current docs and from the ARM API). */
const RETIRED_UNDATED: Retirement = { date: null };

// Hosts shared by many Intel general-purpose series (section 2, rows 4, 5, 11, 12).
const INTEL_MIXED_FLEET: readonly HostCpuId[] =
    ["xeon-8370c", "xeon-8272cl", "xeon-8171m", "xeon-e5-2673-v4", "xeon-e5-2673-v3", "xeon-8573c"];
const D_V1_SIZES = { 1: 1, 2: 2, 3: 4, 4: 8, 11: 2, 12: 4, 13: 8, 14: 16 };
const G_SIZES = { 1: 2, 2: 4, 3: 8, 4: 16, 5: 32 };

export const SERIES: readonly Series[] = [
    // 1-3: A v1. No CPU list ("variety of hardware"), A8-A11 on Sandy Bridge; all retired.
    {
        name: "Basic A (Basic_A0-A4)",
        examples: ["Basic_A0", "Basic_A1", "Basic_A4"],
        match: [{ tier: "basic", family: "a", features: [""], version: null, sizeNumbers: [0, 1, 2, 3, 4] }],
        cpus: [], variousHardware: true, retirement: retires("2024-08-31"),
        vcpusBySizeNumber: { 0: 1, 1: 1, 2: 2, 3: 4, 4: 8 },
        sources: [PREVIOUS_GEN, `${ACD}sizes/lifecycle/retirement/av1-series-retirement.md (add377b4)`],
    },
    {
        name: "Standard A0-A7 (A v1)",
        examples: ["Standard_A0", "Standard_A1", "Standard_A7", "ExtraSmall", "Large"],
        match: [{ family: "a", features: [""], version: null, sizeNumbers: [0, 1, 2, 3, 4, 5, 6, 7] }],
        cpus: [], variousHardware: true, retirement: retires("2024-08-31"),
        vcpusBySizeNumber: { 0: 1, 1: 1, 2: 2, 3: 4, 4: 8, 5: 2, 6: 4, 7: 8 },
        sources: [PREVIOUS_GEN, `${ACD}sizes/lifecycle/retirement/av1-series-retirement.md (add377b4)`],
    },
    {
        name: "A8-A11 (compute-intensive A)",
        examples: ["Standard_A8", "Standard_A11"],
        match: [{ family: "a", features: [""], version: null, sizeNumbers: [8, 9, 10, 11] }],
        cpus: ["xeon-e5-2670"], retirement: retires("2021-03-01"),
        vcpusBySizeNumber: { 8: 8, 9: 16, 10: 8, 11: 16 },
        sources: [PREVIOUS_GEN],
    },
    // 4
    {
        name: "Av2 / Amv2",
        examples: ["Standard_A1_v2", "Standard_A2_v2", "Standard_A8m_v2"],
        match: [{ family: "a", features: ["", "m"], version: 2 }],
        cpus: INTEL_MIXED_FLEET, variousHardware: true, retirement: retires("2028-11-15"),
        sources: [gp("av2-series-specs.md (02773904)"), `${FORK}sizes/general-purpose/includes/av2-series-summary.md (997d1958)`,
            `${AD}av2-series.md (00f40c41)`, RETIREMENTS],
    },
    // 5-8: B family
    {
        name: "B-series v1 (Bs)",
        examples: ["Standard_B1ls", "Standard_B1s", "Standard_B2ms", "Standard_B20ms"],
        match: [{ family: "b", features: ["ls", "s", "ms"], version: null }],
        cpus: ["xeon-8370c", "xeon-8272cl", "xeon-8171m", "xeon-e5-2673-v4", "xeon-e5-2673-v3"],
        variousHardware: true, retirement: retires("2028-11-15"),
        sources: [gp("bv1-series-specs.md (2072bfd7)"), `${FORK}sizes/general-purpose/includes/bv1-series-summary.md (1490f82a)`,
            `${ACD}sizes/general-purpose/bv1-series.md (28da8f72)`, RETIREMENTS],
    },
    {
        name: "Bsv2",
        examples: ["Standard_B2ts_v2", "Standard_B2s_v2", "Standard_B32s_v2"],
        match: [{ family: "b", features: ["ts", "ls", "s"], version: 2 }],
        cpus: ["xeon-8473c", "xeon-8370c"],
        sources: [gp("bsv2-series-specs.md (0f864c9f)"), gp("bsv2-series-summary.md (02773904)")],
    },
    {
        name: "Basv2",
        examples: ["Standard_B2ats_v2", "Standard_B2as_v2", "Standard_B32as_v2"],
        match: [{ family: "b", features: ["ats", "als", "as"], version: 2 }],
        cpus: ["epyc-7763v"],
        sources: [gp("basv2-series-specs.md (1502ca28)"), gp("basv2-series-summary.md (48af4dd8)")],
    },
    {
        name: "Bpsv2",
        examples: ["Standard_B2pts_v2", "Standard_B2ps_v2", "Standard_B16ps_v2"],
        match: [{ family: "b", features: ["pts", "pls", "ps"], version: 2 }],
        cpus: ["ampere-altra"],
        sources: [gp("bpsv2-series-specs.md (1f02b877)")],
    },
    // 9-23: D family
    {
        name: "D-series v1 (D1-D4, D11-D14)",
        examples: ["Standard_D1", "Standard_D4", "Standard_D11", "Standard_D14"],
        match: [{ family: "d", features: [""], version: null }],
        cpus: ["xeon-e5-2660-v2", "xeon-e5-2673-v3", "xeon-e5-2673-v4"], retirement: retires("2028-05-01"),
        vcpusBySizeNumber: D_V1_SIZES,
        sources: [PREVIOUS_GEN, RETIREMENTS],
    },
    {
        name: "DS-series v1 (DS1-DS4, DS11-DS14)",
        examples: ["Standard_DS1", "Standard_DS3", "Standard_DS14"],
        match: [{ family: "ds", features: [""], version: null }],
        cpus: ["xeon-e5-2660-v2", "xeon-e5-2673-v3", "xeon-e5-2673-v4"], retirement: retires("2028-05-01"),
        vcpusBySizeNumber: D_V1_SIZES,
        sources: [PREVIOUS_GEN, RETIREMENTS],
    },
    {
        name: "Dv2 / DSv2",
        examples: ["Standard_D2_v2", "Standard_DS3_v2", "Standard_DS13-4_v2", "Standard_D15_v2"],
        match: [{ family: "d", features: [""], version: 2 }, { family: "ds", features: [""], version: 2 }],
        cpus: INTEL_MIXED_FLEET, retirement: retires("2028-05-01"),
        vcpusBySizeNumber: { 1: 1, 2: 2, 3: 4, 4: 8, 5: 16, 11: 2, 12: 4, 13: 8, 14: 16, 15: 20 },
        sources: [gp("dv2-series-specs.md (02773904)"), gp("dsv2-series-specs.md (5a4dffde)"),
            `${ACD}sizes/memory-optimized/dv2-dsv2-series-memory.md`, RETIREMENTS],
    },
    {
        name: "Dv3 / Dsv3",
        examples: ["Standard_D2_v3", "Standard_D4s_v3", "Standard_D64s_v3"],
        match: [{ family: "d", features: ["", "s"], version: 3 }],
        cpus: INTEL_MIXED_FLEET, retirement: retires("2029-11-15"),
        sources: [gp("dv3-series-specs.md (02773904)"), gp("dsv3-series-specs.md (02773904)"), RETIREMENTS],
    },
    {
        name: "Dv4 / Dsv4 / Ddv4 / Ddsv4",
        examples: ["Standard_D2_v4", "Standard_D4s_v4", "Standard_D8d_v4", "Standard_D16ds_v4"],
        match: [{ family: "d", features: ["", "s", "d", "ds"], version: 4 }],
        cpus: ["xeon-8370c", "xeon-8272cl", "xeon-8473c", "xeon-8573c"],
        sources: [gp("dv4-series-specs.md (1f02b877)"), gp("dsv4-series-specs.md (1f02b877)"),
            gp("ddv4-series-specs.md (1f02b877)"), gp("ddsv4-series-specs.md (1f02b877)")],
    },
    {
        name: "Dav4 / Dasv4",
        examples: ["Standard_D2a_v4", "Standard_D4as_v4", "Standard_D96as_v4"],
        match: [{ family: "d", features: ["a", "as"], version: 4 }],
        cpus: ["epyc-7452", "epyc-7763v"],
        sources: [gp("dav4-series-specs.md (1502ca28)"), gp("dasv4-series-specs.md (1f02b877)")],
    },
    {
        name: "Dv5 / Dsv5 / Ddv5 / Ddsv5",
        examples: ["Standard_D2_v5", "Standard_D4s_v5", "Standard_D8d_v5", "Standard_D16ds_v5"],
        match: [{ family: "d", features: ["", "s", "d", "ds"], version: 5 }],
        cpus: ["xeon-8473c", "xeon-8370c", "xeon-8573c"],
        sources: [gp("dv5-series-specs.md (1502ca28)"), gp("dsv5-series-specs.md (1f02b877)"),
            gp("ddv5-series-specs.md (1f02b877)"), gp("ddsv5-series-specs.md (1f02b877)")],
    },
    {
        name: "Dlsv5 / Dldsv5",
        examples: ["Standard_D2ls_v5", "Standard_D4lds_v5"],
        match: [{ family: "d", features: ["ls", "lds"], version: 5 }],
        cpus: ["xeon-8473c", "xeon-8370c", "xeon-8573c"],
        sources: [gp("dlsv5-series-specs.md (1502ca28)"), gp("dldsv5-series-specs.md (1f02b877)")],
    },
    {
        name: "Dasv5 / Dadsv5",
        examples: ["Standard_D2as_v5", "Standard_D4ads_v5", "Standard_D96as_v5", "Standard_D16as_v5"],
        match: [{ family: "d", features: ["as", "ads"], version: 5 }],
        cpus: ["epyc-7763v", "epyc-9004"],
        sources: [gp("dasv5-series-specs.md (1502ca28)"), gp("dadsv5-series-specs.md (1f02b877)")],
    },
    {
        name: "Dpsv5 / Dpdsv5 / Dplsv5 / Dpldsv5",
        examples: ["Standard_D2ps_v5", "Standard_D2pds_v5", "Standard_D2pls_v5", "Standard_D2plds_v5"],
        match: [{ family: "d", features: ["ps", "pds", "pls", "plds"], version: 5 }],
        cpus: ["ampere-altra"],
        sources: [gp("dpsv5-series-specs.md; dpdsv5-series-specs.md; dplsv5-series-specs.md; dpldsv5-series-specs.md (1f02b877)")],
    },
    {
        name: "Dsv6 / Ddsv6 / Dlsv6 / Dldsv6",
        examples: ["Standard_D2s_v6", "Standard_D2ds_v6", "Standard_D2ls_v6", "Standard_D192s_v6"],
        match: [{ family: "d", features: ["s", "ds", "ls", "lds"], version: 6 }],
        cpus: ["xeon-8573c"],
        sources: [gp("dsv6-series-specs.md (1f02b877)"), gp("ddsv6-series-specs.md (1502ca28)"),
            gp("dlsv6-series-specs.md (1f02b877)"), gp("dldsv6-series-specs.md (1f02b877)")],
    },
    {
        name: "Dasv6 / Dadsv6 / Dalsv6 / Daldsv6",
        examples: ["Standard_D2as_v6", "Standard_D8as_v6", "Standard_D2ads_v6", "Standard_D2als_v6"],
        match: [{ family: "d", features: ["as", "ads", "als", "alds"], version: 6 }],
        cpus: ["epyc-9004"],
        sources: [gp("dasv6-series-specs.md; dadsv6-series-specs.md; dalsv6-series-specs.md; daldsv6-series-specs.md (1f02b877/1a043fb3)")],
    },
    {
        name: "Dpsv6 / Dpdsv6 / Dplsv6 / Dpldsv6 (Cobalt 100)",
        examples: ["Standard_D4ps_v6", "Standard_D2pds_v6", "Standard_D2pls_v6", "Standard_D2plds_v6"],
        match: [{ family: "d", features: ["ps", "pds", "pls", "plds"], version: 6 }],
        cpus: ["cobalt-100"],
        sources: [gp("dpsv6-series-specs.md; dpdsv6-series-specs.md; dplsv6-series-specs.md (1f02b877)"), gp("dpldsv6-series-specs.md (1502ca28)")],
    },
    {
        name: "Dsv7 / Ddsv7 / Dlsv7 / Dldsv7",
        examples: ["Standard_D2s_v7", "Standard_D16s_v7", "Standard_D2ds_v7"],
        match: [{ family: "d", features: ["s", "ds", "ls", "lds"], version: 7 }],
        cpus: ["xeon-6-6973pc"],
        sources: [gp("dsv7-series-specs.md; ddsv7-series-specs.md; dlsv7-series-specs.md (1f02b877)"), gp("dldsv7-series-specs.md (1eeea727)")],
    },
    {
        name: "Dasv7 / Dadsv7 / Dalsv7 / Daldsv7",
        examples: ["Standard_D2as_v7", "Standard_D2ads_v7", "Standard_D2als_v7"],
        match: [{ family: "d", features: ["as", "ads", "als", "alds"], version: 7 }],
        cpus: ["epyc-9005"],
        sources: [gp("dasv7-series-specs.md; daldsv7-series-specs.md; dalsv7-series-specs.md (1f02b877)"), gp("dadsv7-series-specs.md (1502ca28)")],
    },
    // 24-31: DC (confidential)
    {
        name: "DC-series v1 (preview)",
        examples: ["Standard_DC2s", "Standard_DC4s"],
        match: [{ family: "dc", features: ["s"], version: null }],
        cpus: ["xeon-e-2176g"],
        sources: [PREVIOUS_GEN, `${ACD}sizes/lifecycle/previous-gen-sizes-list.md (a18807c4)`],
    },
    {
        name: "DCsv2 (SGX)",
        examples: ["Standard_DC1s_v2", "Standard_DC2s_v2", "Standard_DC8_v2"],
        match: [{ family: "dc", features: ["", "s"], version: 2 }],
        cpus: ["xeon-e-2288g"], retirement: retires("2026-06-30"),
        sources: [gp("dcsv2-series-specs.md (28da8f72)"), RETIREMENTS],
    },
    {
        name: "DCsv3 / DCdsv3 (SGX)",
        examples: ["Standard_DC2s_v3", "Standard_DC2ds_v3", "Standard_DC48s_v3"],
        match: [{ family: "dc", features: ["s", "ds"], version: 3 }],
        cpus: ["xeon-ice-lake"], retirement: retires("2029-10-31"),
        sources: [gp("dcsv3-series-specs.md (85c0442c)"), gp("dcdsv3-series-specs.md (1502ca28)"), RETIREMENTS],
    },
    {
        name: "DCasv5 / DCadsv5 (SEV-SNP CVM)",
        examples: ["Standard_DC2as_v5", "Standard_DC2ads_v5", "Standard_DC48as_v5"],
        match: [{ family: "dc", features: ["as", "ads"], version: 5 }],
        cpus: ["epyc-milan"],
        sources: [gp("dcasv5-series-specs.md; dcadsv5-series-specs.md (1f02b877)")],
    },
    {
        name: "DCas_cc_v5 / DCads_cc_v5 (confidential child)",
        examples: ["Standard_DC4as_cc_v5", "Standard_DC8ads_cc_v5"],
        match: [{ family: "dc", features: ["as", "ads"], version: 5, infixes: ["cc"] }],
        cpus: ["epyc-milan"], retirement: retires("2026-09-01"),
        sources: [gp("dcasccv5-series-specs.md (1502ca28)"), gp("dcadsccv5-series-specs.md (1f02b877)"), RETIREMENTS],
    },
    {
        name: "DCasv6 / DCadsv6 (SEV-SNP CVM)",
        examples: ["Standard_DC2as_v6", "Standard_DC2ads_v6"],
        match: [{ family: "dc", features: ["as", "ads"], version: 6 }],
        cpus: ["epyc-9004"],
        sources: [gp("dcasv6-series-specs.md; dcadsv6-series-specs.md (1f02b877)")],
    },
    {
        name: "DCesv5 / DCedsv5 (TDX, preview gen)",
        examples: ["Standard_DC2es_v5", "Standard_DC2eds_v5"],
        match: [{ family: "dc", features: ["es", "eds"], version: 5 }],
        cpus: ["xeon-4th-gen", "xeon-8573c"],
        sources: [gp("dcesv5-series-specs.md (0bf7256f)"), gp("dcedsv5-series-specs.md (1f02b877)")],
    },
    {
        name: "DCesv6 / DCedsv6 (TDX CVM)",
        examples: ["Standard_DC2es_v6", "Standard_DC2eds_v6"],
        match: [{ family: "dc", features: ["es", "eds"], version: 6 }],
        cpus: ["xeon-8573c"],
        sources: [gp("dcesv6-series-specs.md (1f02b877)"), `${ACD}sizes/general-purpose/dcedsv6-series.md (05e75b14)`],
    },
    // 32-37: F family
    {
        name: "F / Fs (v1)",
        examples: ["Standard_F1", "Standard_F16", "Standard_F2s", "Standard_F16s"],
        match: [{ family: "f", features: ["", "s"], version: null }],
        cpus: ["xeon-e5-2673-v3"], retirement: retires("2028-11-15"),
        sources: [PREVIOUS_GEN, RETIREMENTS],
    },
    {
        name: "Fsv2",
        examples: ["Standard_F2s_v2", "Standard_F16s_v2", "Standard_F72s_v2"],
        match: [{ family: "f", features: ["s"], version: 2 }],
        cpus: ["xeon-8370c", "xeon-8272cl", "xeon-8168", "xeon-8573c"], retirement: retires("2028-11-15"),
        sources: [co("fsv2-series-specs.md (3b74475c)"), RETIREMENTS],
    },
    {
        name: "FX",
        examples: ["Standard_FX4mds", "Standard_FX48mds"],
        match: [{ family: "fx", features: ["mds"], version: null }],
        cpus: ["xeon-gold-6246r"],
        sources: [co("fx-series-specs.md (0eeb1929)")],
    },
    {
        name: "FXmsv2 / FXmdsv2",
        examples: ["Standard_FX4ms_v2", "Standard_FX96mds_v2", "Standard_FX48-12mds_v2"],
        match: [{ family: "fx", features: ["ms", "mds"], version: 2 }],
        cpus: ["xeon-8573c"],
        sources: [co("fxmsv2-series-specs.md; fxmdsv2-series-specs.md (85c0442c)")],
    },
    {
        name: "Fasv6 / Falsv6 / Famsv6",
        examples: ["Standard_F2as_v6", "Standard_F2als_v6", "Standard_F2ams_v6"],
        match: [{ family: "f", features: ["as", "als", "ams"], version: 6 }],
        cpus: ["epyc-9004"],
        sources: [co("fasv6-series-specs.md (85c0442c)"), co("falsv6-series-specs.md (0eeb1929)"), co("famsv6-series-specs.md (444e2b3c)")],
    },
    {
        name: "Fasv7 / Fadsv7 / Falsv7 / Faldsv7 / Famsv7 / Famdsv7",
        examples: ["Standard_F1als_v7", "Standard_F2-1amds_v7", "Standard_F64-32ams_v7"],
        match: [{ family: "f", features: ["as", "ads", "als", "alds", "ams", "amds"], version: 7 }],
        cpus: ["epyc-9005"],
        sources: [co("fasv7/fadsv7/falsv7/faldsv7/famsv7/famdsv7-series-specs.md (9b646394/85c0442c/0eeb1929/a18807c4/41691056)")],
    },
    // 38-57: E family
    {
        name: "Ev3 / Esv3",
        examples: ["Standard_E2_v3", "Standard_E64i_v3", "Standard_E8-4s_v3"],
        match: [{ family: "e", features: ["", "s", "i", "is"], version: 3 }],
        cpus: ["xeon-8370c", "xeon-8272cl", "xeon-8171m", "xeon-e5-2673-v4"], retirement: retires("2029-11-15"),
        sources: [`${ACD}sizes/memory-optimized/ev3-esv3-series.md (680de971)`, RETIREMENTS],
    },
    {
        name: "Ev4 / Esv4 / Edv4 / Edsv4",
        examples: ["Standard_E2_v4", "Standard_E8s_v4", "Standard_E4-2ds_v4", "Standard_E80ids_v4"],
        match: [{ family: "e", features: ["", "s", "d", "ds", "i", "is", "id", "ids"], version: 4 }],
        cpus: ["xeon-8473c", "xeon-8370c", "xeon-8272cl", "xeon-8573c"],
        sources: [mo("ev4-series-specs.md (dbe4a806)"), mo("esv4-series-specs.md (8a14ba7e)"),
            mo("edv4-series-specs.md (6cb3ee96)"), mo("edsv4-series-specs.md (4f101637)")],
    },
    {
        name: "Eav4 / Easv4",
        examples: ["Standard_E2a_v4", "Standard_E4as_v4", "Standard_E96-24as_v4"],
        match: [{ family: "e", features: ["a", "as"], version: 4 }],
        cpus: ["epyc-7452", "epyc-7763v"],
        sources: [mo("eav4-series-specs.md (883ff7bb)"), mo("easv4-series-specs.md (47f55952)")],
    },
    {
        name: "Ev5 / Esv5 / Edv5 / Edsv5",
        examples: ["Standard_E2_v5", "Standard_E32-8s_v5", "Standard_E8-4ds_v5", "Standard_E104ids_v5"],
        match: [{ family: "e", features: ["", "s", "d", "ds", "i", "is", "id", "ids"], version: 5 }],
        cpus: ["xeon-8473c", "xeon-8370c", "xeon-8573c"],
        sources: [mo("ev5-series-specs.md; esv5-series-specs.md (dbe4a806)"), mo("edv5-series-specs.md (6cb3ee96)"),
            mo("edsv5-series-specs.md (8a14ba7e)")],
    },
    {
        name: "Ebsv5 / Ebdsv5",
        examples: ["Standard_E2bs_v5", "Standard_E2bds_v5"],
        match: [{ family: "e", features: ["bs", "bds"], version: 5 }],
        cpus: ["xeon-8370c", "xeon-8573c"],
        sources: [mo("ebdsv5-ebsv5-series-specs.md (6cb3ee96)")],
    },
    {
        name: "Easv5 / Eadsv5",
        examples: ["Standard_E2as_v5", "Standard_E4ads_v5", "Standard_E96-24ads_v5"],
        match: [{ family: "e", features: ["as", "ads"], version: 5 }],
        cpus: ["epyc-7763v", "epyc-9004"],
        sources: [mo("easv5-series-specs.md; eadsv5-series-specs.md (883ff7bb)")],
    },
    {
        name: "Epsv5 / Epdsv5",
        examples: ["Standard_E2ps_v5", "Standard_E2pds_v5"],
        match: [{ family: "e", features: ["ps", "pds"], version: 5 }],
        cpus: ["ampere-altra"],
        sources: [mo("epsv5-series-specs.md (883ff7bb)"), mo("epdsv5-series-specs.md (b465b768)")],
    },
    {
        name: "Esv6 / Edsv6",
        examples: ["Standard_E2s_v6", "Standard_E4-2ds_v6", "Standard_E128-64s_v6"],
        match: [{ family: "e", features: ["s", "ds"], version: 6 }],
        cpus: ["xeon-8573c"],
        sources: [mo("esv6-series-specs.md (c35e21a0)"), mo("edsv6-series-specs.md (883ff7bb)")],
    },
    {
        name: "Ebsv6 / Ebdsv6",
        examples: ["Standard_E2bs_v6", "Standard_E2bds_v6"],
        match: [{ family: "e", features: ["bs", "bds"], version: 6 }],
        cpus: ["xeon-8573c"],
        sources: [mo("ebsv6-series-specs.md (0111b6f5)"), mo("ebdsv6-series-specs.md (901ea0d4)")],
    },
    {
        name: "Easv6 / Eadsv6",
        examples: ["Standard_E2as_v6", "Standard_E2ads_v6"],
        match: [{ family: "e", features: ["as", "ads"], version: 6 }],
        cpus: ["epyc-9004"],
        sources: [mo("easv6-series-specs.md (883ff7bb)"), mo("eadsv6-series-specs.md (aa5cfa97)")],
    },
    {
        name: "Epsv6 / Epdsv6 (Cobalt 100)",
        examples: ["Standard_E2ps_v6", "Standard_E2pds_v6"],
        match: [{ family: "e", features: ["ps", "pds"], version: 6 }],
        cpus: ["cobalt-100"],
        sources: [mo("epsv6-series-specs.md (47f55952)"), mo("epdsv6-series-specs.md (f3aa388c)")],
    },
    {
        name: "Esv7 / Edsv7",
        examples: ["Standard_E2s_v7", "Standard_E2ds_v7"],
        match: [{ family: "e", features: ["s", "ds"], version: 7 }],
        cpus: ["xeon-6-6973pc"],
        sources: [mo("esv7-series-specs.md (02773904)"), mo("edsv7-series-specs.md (0f56b3f6)")],
    },
    {
        name: "Easv7 / Eadsv7",
        examples: ["Standard_E4-2as_v7", "Standard_E128-64ads_v7"],
        match: [{ family: "e", features: ["as", "ads"], version: 7 }],
        cpus: ["epyc-9005"],
        sources: [mo("easv7-series-specs.md; eadsv7-series-specs.md (883ff7bb)")],
    },
    {
        name: "ECasv5 / ECadsv5 (SEV-SNP CVM)",
        examples: ["Standard_EC2as_v5", "Standard_EC96ads_v5"],
        match: [{ family: "ec", features: ["as", "ads"], version: 5 }],
        cpus: ["epyc-7763v"],
        sources: [`${ACD}sizes/memory-optimized/ecasv5-ecadsv5-series.md (9ed072b8)`],
    },
    {
        name: "ECas_cc_v5 / ECads_cc_v5",
        examples: ["Standard_EC4as_cc_v5", "Standard_EC32ads_cc_v5"],
        match: [{ family: "ec", features: ["as", "ads"], version: 5, infixes: ["cc"] }],
        cpus: ["epyc-milan"], retirement: retires("2026-09-01"),
        sources: [`${ACD}sizes/memory-optimized/ecasccv5-ecadsccv5-series.md (9ed072b8)`, RETIREMENTS],
    },
    {
        name: "ECasv6 / ECadsv6 (SEV-SNP CVM)",
        examples: ["Standard_EC2as_v6", "Standard_EC16ads_v6"],
        match: [{ family: "ec", features: ["as", "ads"], version: 6 }],
        cpus: ["epyc-9004"],
        sources: [mo("ecasv6-series-specs.md (aa5cfa97)"), mo("ecadsv6-series-specs.md (0a1bf21f)")],
    },
    {
        name: "ECesv5 / ECedsv5 (TDX, preview gen)",
        examples: ["Standard_EC2es_v5", "Standard_EC2eds_v5"],
        match: [{ family: "ec", features: ["es", "eds"], version: 5 }],
        cpus: ["xeon-4th-gen"],
        sources: [`${FORK}sizes/memory-optimized/includes/ecesv5-ecedsv5-series-specs.md (4fbbe327)`],
    },
    {
        name: "ECesv6 / ECedsv6 (TDX CVM)",
        examples: ["Standard_EC2es_v6", "Standard_EC64es_v6", "Standard_EC2eds_v6"],
        match: [{ family: "ec", features: ["es", "eds"], version: 6 }],
        cpus: ["xeon-5th-gen"],
        sources: [`${ACD}sizes/memory-optimized/ecesv6-series.md; ecedsv6-series.md (9ed072b8)`],
    },
    {
        name: "Dnsv6 / Dndsv6 / Dnlsv6 / Dnldsv6 (network optimized)",
        examples: ["Standard_D2ns_v6", "Standard_D2nds_v6"],
        match: [{ family: "d", features: ["ns", "nds", "nls", "nlds"], version: 6 }],
        cpus: ["xeon-8573c"],
        sources: [mo("dnsv6-series-specs.md (7bc86f04)"), mo("dndsv6-series-specs.md (883ff7bb)"),
            mo("dnlsv6-series-specs.md (41691056)"), `${FORK}sizes/memory-optimized/includes/dnldsv6-series-specs.md (0b2d85ce)`],
    },
    {
        name: "Ensv6 / Endsv6 (network optimized)",
        examples: ["Standard_E2ns_v6", "Standard_E2nds_v6"],
        match: [{ family: "e", features: ["ns", "nds"], version: 6 }],
        cpus: ["xeon-8573c"],
        sources: [mo("ensv6-series-specs.md; endsv6-series-specs.md (883ff7bb)")],
    },
    // 58-64: G and M families
    {
        name: "G / GS",
        examples: ["Standard_G1", "Standard_G5", "Standard_GS1", "Standard_GS4-8"],
        match: [{ family: "g", features: [""], version: null }, { family: "gs", features: [""], version: null }],
        cpus: ["xeon-e5-v3-family"], retirement: retires("2028-11-15"),
        vcpusBySizeNumber: G_SIZES,
        sources: [PREVIOUS_GEN, RETIREMENTS],
    },
    {
        name: "M-series (v1)",
        examples: ["Standard_M8ms", "Standard_M8-2ms", "Standard_M128ms", "Standard_M64"],
        match: [{ family: "m", features: ["", "m", "ms", "s", "ls", "ts"], version: null }],
        cpus: ["xeon-e7-8890-v3", "xeon-8280m"],
        sources: [`${FORK}sizes/memory-optimized/includes/m-series-specs.md (5d0f6321)`],
    },
    {
        name: "Mv2",
        examples: ["Standard_M208ms_v2", "Standard_M416ms_v2", "Standard_M416-208s_v2", "Standard_M416s_8_v2"],
        match: [{ family: "m", features: ["ms", "s"], version: 2, capacityInfix: true, sizeNumbers: [208, 416] }],
        cpus: ["xeon-8180m", "xeon-4th-gen"],
        sources: [mo("mv2-series-specs.md (368f64ba)")],
    },
    {
        name: "Msv2 / Mdsv2 Medium Memory",
        examples: ["Standard_M32ms_v2", "Standard_M64ds_v2", "Standard_M192ims_v2"],
        match: [{ family: "m", features: ["s", "ms", "ds", "dms", "is", "ims", "ids", "idms"], version: 2, sizeNumbers: [32, 64, 128, 192] }],
        cpus: ["xeon-8280"],
        sources: [`${FORK}sizes/memory-optimized/includes/msv2-mm-series-specs.md (11b2183d)`,
            `${FORK}sizes/memory-optimized/includes/mdsv2-mm-series-specs.md`, RETIREMENTS],
    },
    {
        name: "Msv3 / Mdsv3 (Medium + High Memory)",
        examples: ["Standard_M48s_1_v3", "Standard_M48ds_1_v3", "Standard_M416s_8_v3", "Standard_M832is_16_v3"],
        match: [{ family: "m", features: ["s", "ds", "is", "ids"], version: 3, capacityInfix: true }],
        cpus: ["xeon-4th-gen"],
        sources: [`${FORK}sizes/memory-optimized/includes/msv3-mm-series-specs.md; mdsv3-mm-series-specs.md; msv3-hm-series-specs.md; mdsv3-hm-series-specs.md`],
    },
    {
        name: "Mbsv3 / Mbdsv3",
        examples: ["Standard_M48bs_v3", "Standard_M48bds_v3", "Standard_M176-88bds_v3", "Standard_M64-32bds_1_v3"],
        match: [{ family: "m", features: ["bs", "bds"], version: 3, capacityInfix: true }],
        cpus: ["xeon-4th-gen"],
        sources: [mo("mbsv3-series-specs.md (0a1bf21f)"), mo("mbdsv3-series-specs.md (883ff7bb)")],
    },
    {
        // Size names of this series were not verified in the research pass (section 4, item 8): matched by grammar.
        name: "Msv4 / Mdsv4 / Mbsv4 / Mbdsv4",
        examples: ["Standard_M64s_v4", "Standard_M64bds_v4"],
        match: [{ family: "m", features: ["s", "ds", "bs", "bds"], version: 4, capacityInfix: true }],
        cpus: ["xeon-6th-gen"],
        sources: [mo("msv4-series-specs.md; mdsv4-series-specs.md (c1f887f6); mbsv4-series-specs.md (bff38ab4)")],
    },
    // 65-71: L family
    {
        name: "Ls (v1)",
        examples: ["Standard_L4s", "Standard_L32s"],
        match: [{ family: "l", features: ["s"], version: null }],
        cpus: ["xeon-e5-v3-family"], retirement: retires("2028-05-01"),
        sources: [PREVIOUS_GEN, RETIREMENTS],
    },
    {
        name: "Lsv2",
        examples: ["Standard_L8s_v2", "Standard_L80s_v2"],
        match: [{ family: "l", features: ["s"], version: 2 }],
        cpus: ["epyc-7551"], retirement: retires("2028-11-15"),
        sources: [so("lsv2-series-specs.md (0a1bf21f)"), RETIREMENTS],
    },
    {
        name: "Lsv3",
        examples: ["Standard_L8s_v3", "Standard_L16s_v3"],
        match: [{ family: "l", features: ["s"], version: 3 }],
        cpus: ["xeon-8370c"],
        sources: [so("lsv3-series-specs.md (47f55952)")],
    },
    {
        name: "Lasv3",
        examples: ["Standard_L8as_v3"],
        match: [{ family: "l", features: ["as"], version: 3 }],
        cpus: ["epyc-7763v"],
        sources: [so("lasv3-series-specs.md (22b4cf12)")],
    },
    {
        name: "Lsv4",
        examples: ["Standard_L2s_v4", "Standard_L16s_v4"],
        match: [{ family: "l", features: ["s"], version: 4 }],
        cpus: ["xeon-8573c"],
        sources: [so("lsv4-series-specs.md (444e2b3c)")],
    },
    {
        name: "Lasv4 / Laosv4",
        examples: ["Standard_L2as_v4", "Standard_L2aos_v4", "Standard_L32aos_v4"],
        match: [{ family: "l", features: ["as", "aos"], version: 4 }],
        cpus: ["epyc-9004"],
        sources: [so("lasv4-series-specs.md; laosv4-series-specs.md (85c0442c)")],
    },
    {
        name: "Lasv5 / Laosv5",
        examples: ["Standard_L2aos_v5"],
        match: [{ family: "l", features: ["as", "aos"], version: 5 }],
        cpus: ["epyc-9005"],
        sources: [so("lasv5-series-specs.md (324cc66f)"), so("laosv5-series-specs.md (fb74b472)")],
    },
    // 72-79: H family
    {
        name: "H-series",
        examples: ["Standard_H8", "Standard_H16r", "Standard_H16mr"],
        match: [{ family: "h", features: ["", "r", "m", "mr"], version: null }],
        cpus: ["xeon-e5-2667-v3"], retirement: RETIRED_UNDATED,
        sources: [`${AD}h-series.md (00ae202d)`],
    },
    {
        name: "HB (v1)",
        examples: ["Standard_HB60rs", "Standard_HB60-15rs"],
        match: [{ family: "hb", features: ["rs"], version: null }],
        cpus: ["epyc-7551"], retirement: RETIRED_UNDATED,
        sources: [`${AD}hb-series.md (00e046fd)`],
    },
    {
        name: "HBv2",
        examples: ["Standard_HB120rs_v2", "Standard_HB120-16rs_v2"],
        match: [{ family: "hb", features: ["rs"], version: 2 }],
        cpus: ["epyc-7v12"], retirement: retires("2027-05-31"),
        sources: [hpc("includes/hbv2-series-summary.md (7047ed39)"), hpc("hbv2-series.md (2e4af987)")],
    },
    {
        name: "HBv3",
        examples: ["Standard_HB120rs_v3", "Standard_HB120-96rs_v3"],
        match: [{ family: "hb", features: ["rs"], version: 3 }],
        cpus: ["epyc-7v73x"],
        sources: [hpc("includes/hbv3-series-summary.md (44e974f9)")],
    },
    {
        name: "HBv4",
        examples: ["Standard_HB176rs_v4", "Standard_HB176-24rs_v4"],
        match: [{ family: "hb", features: ["rs"], version: 4 }],
        cpus: ["epyc-9v33x"],
        sources: [hpc("includes/hbv4-series-summary.md (9f1521bf)")],
    },
    {
        name: "HBv5",
        examples: ["Standard_HB368rs_v5", "Standard_HB368-48rs_v5"],
        match: [{ family: "hb", features: ["rs"], version: 5 }],
        cpus: ["epyc-4th-gen"],
        sources: [hpc("includes/hbv5-series-specs.md (b3142446)")],
    },
    {
        name: "HC",
        examples: ["Standard_HC44rs", "Standard_HC44-16rs"],
        match: [{ family: "hc", features: ["rs"], version: null }],
        cpus: ["xeon-8168"], retirement: retires("2027-05-31"),
        sources: [hpc("includes/hc-series-summary.md (5d1401a7)"), RETIREMENTS],
    },
    {
        name: "HX",
        examples: ["Standard_HX176rs", "Standard_HX176-24rs"],
        match: [{ family: "hx", features: ["rs"], version: null }],
        cpus: ["epyc-9v33x"],
        sources: [hpc("hx-series-overview.md (afa7bbe4)")],
    },
    // 80-101: N family (GPU, FPGA, ASIC)
    {
        name: "NC (v1, K80)",
        examples: ["Standard_NC6", "Standard_NC24r"],
        match: [{ family: "nc", features: ["", "r"], version: null }],
        cpus: ["xeon-e5-2690-v3"], retirement: retires("2023-08-31"),
        sources: [PREVIOUS_GEN, N_MIGRATION],
    },
    {
        name: "NCv2 (P100)",
        examples: ["Standard_NC6s_v2", "Standard_NC24rs_v2"],
        match: [{ family: "nc", features: ["s", "rs"], version: 2 }],
        cpus: ["xeon-e5-2690-v4"], retirement: retires("2023-08-31"),
        sources: [PREVIOUS_GEN, N_MIGRATION],
    },
    {
        name: "NCv3 (V100)",
        examples: ["Standard_NC6s_v3", "Standard_NC24rs_v3"],
        match: [{ family: "nc", features: ["s", "rs"], version: 3 }],
        cpus: ["xeon-e5-2690-v4"], retirement: retires("2025-09-30"),
        sources: [gpu("ncv3-series-specs.md (99ed1c2a)"), RETIREMENTS],
    },
    {
        name: "NCasT4_v3",
        examples: ["Standard_NC4as_T4_v3", "Standard_NC64as_T4_v3"],
        match: [{ family: "nc", features: ["as"], version: 3, accelerators: ["t4"] }],
        cpus: ["epyc-7v12"],
        sources: [gpu("ncast4v3-series-specs.md (2bc777fd)")],
    },
    {
        name: "NC_A100_v4",
        examples: ["Standard_NC24ads_A100_v4", "Standard_NC96ads_A100_v4"],
        match: [{ family: "nc", features: ["ads"], version: 4, accelerators: ["a100"] }],
        cpus: ["epyc-7v13"],
        sources: [gpu("nca100v4-series-specs.md (a18807c4)")],
    },
    {
        name: "NCads_H100_v5",
        examples: ["Standard_NC40ads_H100_v5", "Standard_NC80adis_H100_v5"],
        match: [{ family: "nc", features: ["ads", "adis"], version: 5, accelerators: ["h100"] }],
        cpus: ["epyc-9004"],
        sources: [gpu("ncadsh100v5-series-specs.md (4e09f799)")],
    },
    {
        name: "NCCads_H100_v5 (confidential GPU)",
        examples: ["Standard_NCC40ads_H100_v5"],
        match: [{ family: "ncc", features: ["ads"], version: 5, accelerators: ["h100"] }],
        cpus: ["epyc-9004"],
        sources: [gpu("nccadsh100v5-series-specs.md (2bc777fd)")],
    },
    {
        name: "NC_RTXPRO6000BSE_v6",
        examples: ["Standard_NC128ds_xl_RTXPRO6000BSE_v6", "Standard_NC24lds_xl_RTXPRO6000BSE_v6"],
        match: [{ family: "nc", features: ["ds", "lds"], version: 6, accelerators: ["rtxpro6000bse"], infixes: ["xl"] }],
        cpus: ["xeon-granite-rapids-ap"],
        sources: [gpu("nc-rtxpro6000-bse-v6-series-specs.md (1835fae7)")],
    },
    {
        name: "ND (v1, P40)",
        examples: ["Standard_ND6s", "Standard_ND24rs"],
        match: [{ family: "nd", features: ["s", "rs"], version: null }],
        cpus: ["xeon-e5-2690-v4"], retirement: retires("2023-08-31"),
        sources: [gpu("nd-series-specs.md (99ed1c2a)"), N_MIGRATION],
    },
    {
        name: "NDv2 (8x V100)",
        examples: ["Standard_ND40rs_v2"],
        match: [{ family: "nd", features: ["rs"], version: 2 }],
        cpus: ["xeon-8168"],
        sources: [gpu("ndv2-series-specs.md (2ec768f9)")],
    },
    {
        name: "ND A100 v4 / NDm A100 v4",
        examples: ["Standard_ND96asr_v4", "Standard_ND96amsr_A100_v4"],
        match: [
            { family: "nd", features: ["asr"], version: 4 },
            { family: "nd", features: ["amsr"], version: 4, accelerators: ["a100"] },
        ],
        cpus: ["epyc-7v12"],
        sources: [gpu("ndasra100v4-series-specs.md; ndma100v4-series-specs.md (a18807c4)")],
    },
    {
        name: "ND H100 v5 / ND H200 v5 / ND MI300X v5",
        examples: ["Standard_ND96isr_H100_v5", "Standard_ND96isr_H200_v5", "Standard_ND96isr_MI300X_v5"],
        match: [{ family: "nd", features: ["isr"], version: 5, accelerators: ["h100", "h200", "mi300x"] }],
        cpus: ["xeon-4th-gen"],
        sources: [gpu("ndh100v5-series-specs.md (2bc777fd)"), gpu("nd-h200-v5-series-specs.md (99ed1c2a)"), gpu("ndmi300xv5-series-specs.md (4e09f799)")],
    },
    {
        name: "ND GB200 v6 / ND GB300 v6",
        examples: ["Standard_ND128isr_NDR_GB200_v6", "Standard_ND128isr_GB300_v6"],
        match: [
            { family: "nd", features: ["isr"], version: 6, accelerators: ["gb200", "gb300"] },
            { family: "nd", features: ["isr"], version: 6, accelerators: ["gb200", "gb300"], infixes: ["ndr"] },
        ],
        cpus: ["nvidia-grace"],
        sources: [gpu("nd-gb200-v6-series-specs.md; nd-gb300-v6-series-specs.md (4e09f799)")],
    },
    {
        name: "NV (v1, M60)",
        examples: ["Standard_NV6", "Standard_NV24"],
        match: [{ family: "nv", features: [""], version: null }],
        cpus: ["xeon-e5-2690-v3"], retirement: retires("2023-09-06"),
        sources: [gpu("nv-series-specs.md (2bc777fd)"), `${ACD}sizes/lifecycle/retirement/nv-series-retirement.md (a18807c4)`],
    },
    {
        name: "NVv2",
        examples: ["Standard_NV6s_v2", "Standard_NV24s_v2"],
        match: [{ family: "nv", features: ["s"], version: 2 }],
        cpus: ["intel-broadwell"], retirement: RETIRED_UNDATED,
        sources: [PREVIOUS_GEN],
    },
    {
        name: "NVv3",
        examples: ["Standard_NV12s_v3", "Standard_NV48s_v3"],
        match: [{ family: "nv", features: ["s"], version: 3 }],
        cpus: ["xeon-e5-2690-v4"], retirement: retires("2026-09-30"),
        sources: [gpu("nvv3-series-specs.md (4e09f799)"), RETIREMENTS],
    },
    {
        name: "NVv4",
        examples: ["Standard_NV4as_v4", "Standard_NV32as_v4"],
        match: [{ family: "nv", features: ["as"], version: 4 }],
        cpus: ["epyc-7v12"], retirement: retires("2026-09-30"),
        sources: [gpu("nvv4-series-specs.md (a18807c4)"), RETIREMENTS],
    },
    {
        name: "NVadsA10_v5",
        examples: ["Standard_NV6ads_A10_v5", "Standard_NV72ads_A10_v5"],
        match: [{ family: "nv", features: ["ads"], version: 5, accelerators: ["a10"] }],
        cpus: ["epyc-74f3v"],
        sources: [gpu("nvadsa10v5-series-specs.md (4e09f799)")],
    },
    {
        name: "NVads_V710_v5",
        examples: ["Standard_NV4ads_V710_v5", "Standard_NV24ads_V710_v5"],
        match: [{ family: "nv", features: ["ads"], version: 5, accelerators: ["v710"] }],
        cpus: ["epyc-9v64f"],
        sources: [gpu("nvadsv710-v5-series-specs.md (4e09f799)")],
    },
    {
        name: "NGads_V620",
        examples: ["Standard_NG8ads_V620_v1", "Standard_NG32adms_V620_v1"],
        match: [{ family: "ng", features: ["ads", "adms"], version: 1, accelerators: ["v620"] }],
        cpus: ["epyc-7763"],
        sources: [gpu("ngadsv620-series-specs.md (99ed1c2a)")],
    },
    {
        name: "NP (FPGA)",
        examples: ["Standard_NP10s", "Standard_NP40s"],
        match: [{ family: "np", features: ["s"], version: null }],
        cpus: ["xeon-8171m"], retirement: retires("2027-05-31"),
        sources: [`${ACD}sizes/fpga-accelerated/includes/np-series-specs.md (2bc777fd)`, RETIREMENTS],
    },
    {
        name: "NMads_MA35D (video ASIC)",
        examples: ["Standard_NM16ads_MA35D"],
        match: [{ family: "nm", features: ["ads"], version: null, accelerators: ["ma35d"] }],
        cpus: ["epyc-4th-gen"],
        sources: [`${ACD}sizes/fpga-accelerated/nm-ads-ma35d-series.md (1827cf35)`],
    },
];

/**
 * The Azure VM size series this farm knows, as data: which of Microsoft's documented series it covers, which
 * host CPUs their docs list, whether the docs disclaim "various hardware", when they retire, and the docs file
 * each fact comes from.
 *
 * A size belongs to a series because Microsoft's size page lists it there (the `series` column of sizes.tsv),
 * never because of the letters in its name: `Dsv5` (Intel, v4) and `Dasv5` (AMD Milan, v3) share a version, and
 * Nvidia Grace sizes are Arm64 without a `p`. Levels are not typed in here either: a series' guaranteed level is
 * the minimum over its host CPUs (cpus.ts), computed in verdict.ts.
 */
import { HostCpuId } from "./cpus";

export interface Retirement {
    /** First day the series can no longer be deployed (YYYY-MM-DD); null when the docs give no date. */
    readonly date: string | null;
}

export interface Series {
    readonly name: string;
    /** The series as Microsoft's size pages title them (sizes.tsv `series`); a test checks every row has one home. */
    readonly docSeries: readonly string[];
    /** Every host CPU the docs list for the series (empty when they list none). */
    readonly cpus: readonly HostCpuId[];
    /** The docs say the series "can be deployed on a variety of hardware types": no level is guaranteed. */
    readonly variousHardware?: boolean;
    readonly retirement?: Retirement;
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

// Hosts shared by many Intel general-purpose series (Av2, Dv2, Dv3 and Ev3 specs pages).
const INTEL_MIXED_FLEET: readonly HostCpuId[] = ["xeon-8370c", "xeon-8272cl", "xeon-8171m", "xeon-e5-2673-v4", "xeon-e5-2673-v3", "xeon-8573c"];

export const SERIES: readonly Series[] = [
    // A v1. No CPU list ("variety of hardware"), A8-A11 on Sandy Bridge; all retired.
    {
        name: "Basic A (Basic_A0-A4)",
        docSeries: ["Basic A"],
        cpus: [],
        variousHardware: true,
        retirement: retires("2024-08-31"),
        sources: [PREVIOUS_GEN, `${ACD}sizes/lifecycle/retirement/av1-series-retirement.md (add377b4)`],
    },
    {
        name: "Standard A0-A7 (A v1)",
        docSeries: ["A-series"],
        cpus: [],
        variousHardware: true,
        retirement: retires("2024-08-31"),
        sources: [PREVIOUS_GEN, `${ACD}sizes/lifecycle/retirement/av1-series-retirement.md (add377b4)`],
    },
    {
        name: "A8-A11 (compute-intensive A)",
        docSeries: ["A-series - compute-intensive instances"],
        cpus: ["xeon-e5-2670"],
        retirement: retires("2021-03-01"),
        sources: [PREVIOUS_GEN],
    },
    {
        name: "Av2 / Amv2",
        docSeries: ["Av2"],
        cpus: INTEL_MIXED_FLEET,
        variousHardware: true,
        retirement: retires("2028-11-15"),
        sources: [
            gp("av2-series-specs.md (02773904)"),
            `${FORK}sizes/general-purpose/includes/av2-series-summary.md (997d1958)`,
            `${AD}av2-series.md (00f40c41)`,
            RETIREMENTS,
        ],
    },
    // B family
    {
        name: "B-series v1 (Bs)",
        docSeries: ["Bv1"],
        cpus: ["xeon-8370c", "xeon-8272cl", "xeon-8171m", "xeon-e5-2673-v4", "xeon-e5-2673-v3"],
        variousHardware: true,
        retirement: retires("2028-11-15"),
        sources: [
            gp("bv1-series-specs.md (2072bfd7)"),
            `${FORK}sizes/general-purpose/includes/bv1-series-summary.md (1490f82a)`,
            `${ACD}sizes/general-purpose/bv1-series.md (28da8f72)`,
            RETIREMENTS,
        ],
    },
    {
        name: "Bsv2",
        docSeries: ["Bsv2"],
        cpus: ["xeon-8473c", "xeon-8370c"],
        sources: [gp("bsv2-series-specs.md (0f864c9f)"), gp("bsv2-series-summary.md (02773904)")],
    },
    {
        name: "Basv2",
        docSeries: ["Basv2"],
        cpus: ["epyc-7763v"],
        sources: [gp("basv2-series-specs.md (1502ca28)"), gp("basv2-series-summary.md (48af4dd8)")],
    },
    {
        name: "Bpsv2",
        docSeries: ["Bpsv2"],
        cpus: ["ampere-altra"],
        sources: [gp("bpsv2-series-specs.md (1f02b877)")],
    },
    // D family
    {
        name: "D-series v1 (D1-D4, D11-D14)",
        docSeries: ["D-series", "D-series - memory optimized"],
        cpus: ["xeon-e5-2660-v2", "xeon-e5-2673-v3", "xeon-e5-2673-v4"],
        retirement: retires("2028-05-01"),
        sources: [PREVIOUS_GEN, RETIREMENTS],
    },
    {
        name: "DS-series v1 (DS1-DS4, DS11-DS14)",
        docSeries: ["DS-series", "DS-series - memory optimized"],
        cpus: ["xeon-e5-2660-v2", "xeon-e5-2673-v3", "xeon-e5-2673-v4"],
        retirement: retires("2028-05-01"),
        sources: [PREVIOUS_GEN, RETIREMENTS],
    },
    {
        name: "Dv2 / DSv2",
        docSeries: ["DSv2", "Dsv2", "Dv2"],
        cpus: INTEL_MIXED_FLEET,
        retirement: retires("2028-05-01"),
        sources: [
            gp("dv2-series-specs.md (02773904)"),
            gp("dsv2-series-specs.md (5a4dffde)"),
            `${ACD}sizes/memory-optimized/dv2-dsv2-series-memory.md`,
            RETIREMENTS,
        ],
    },
    {
        name: "Dv3 / Dsv3",
        docSeries: ["Dsv3", "Dv3"],
        cpus: INTEL_MIXED_FLEET,
        retirement: retires("2029-11-15"),
        sources: [gp("dv3-series-specs.md (02773904)"), gp("dsv3-series-specs.md (02773904)"), RETIREMENTS],
    },
    {
        name: "Dv4 / Dsv4 / Ddv4 / Ddsv4",
        docSeries: ["Ddsv4", "Ddv4", "Dsv4", "Dv4"],
        cpus: ["xeon-8370c", "xeon-8272cl", "xeon-8473c", "xeon-8573c"],
        sources: [
            gp("dv4-series-specs.md (1f02b877)"),
            gp("dsv4-series-specs.md (1f02b877)"),
            gp("ddv4-series-specs.md (1f02b877)"),
            gp("ddsv4-series-specs.md (1f02b877)"),
        ],
    },
    {
        name: "Dav4 / Dasv4",
        docSeries: ["Dasv4", "Dav4"],
        cpus: ["epyc-7452", "epyc-7763v"],
        sources: [gp("dav4-series-specs.md (1502ca28)"), gp("dasv4-series-specs.md (1f02b877)")],
    },
    {
        name: "Dv5 / Dsv5 / Ddv5 / Ddsv5",
        docSeries: ["Ddsv5", "Ddv5", "Dsv5", "Dv5"],
        cpus: ["xeon-8473c", "xeon-8370c", "xeon-8573c"],
        sources: [
            gp("dv5-series-specs.md (1502ca28)"),
            gp("dsv5-series-specs.md (1f02b877)"),
            gp("ddv5-series-specs.md (1f02b877)"),
            gp("ddsv5-series-specs.md (1f02b877)"),
        ],
    },
    {
        name: "Dlsv5 / Dldsv5",
        docSeries: ["Dldsv5", "Dlsv5"],
        cpus: ["xeon-8473c", "xeon-8370c", "xeon-8573c"],
        sources: [gp("dlsv5-series-specs.md (1502ca28)"), gp("dldsv5-series-specs.md (1f02b877)")],
    },
    {
        name: "Dasv5 / Dadsv5",
        docSeries: ["Dadsv5", "Dasv5"],
        cpus: ["epyc-7763v", "epyc-9004"],
        sources: [gp("dasv5-series-specs.md (1502ca28)"), gp("dadsv5-series-specs.md (1f02b877)")],
    },
    {
        name: "Dpsv5 / Dpdsv5 / Dplsv5 / Dpldsv5",
        docSeries: ["Dpdsv5", "Dpldsv5", "Dplsv5", "Dpsv5"],
        cpus: ["ampere-altra"],
        sources: [gp("dpsv5-series-specs.md; dpdsv5-series-specs.md; dplsv5-series-specs.md; dpldsv5-series-specs.md (1f02b877)")],
    },
    {
        name: "Dsv6 / Ddsv6 / Dlsv6 / Dldsv6",
        docSeries: ["Ddsv6", "Dldsv6", "Dlsv6", "Dsv6"],
        cpus: ["xeon-8573c"],
        sources: [
            gp("dsv6-series-specs.md (1f02b877)"),
            gp("ddsv6-series-specs.md (1502ca28)"),
            gp("dlsv6-series-specs.md (1f02b877)"),
            gp("dldsv6-series-specs.md (1f02b877)"),
        ],
    },
    {
        name: "Dasv6 / Dadsv6 / Dalsv6 / Daldsv6",
        docSeries: ["Dadsv6", "Daldsv6", "Dalsv6", "Dasv6"],
        cpus: ["epyc-9004"],
        sources: [gp("dasv6-series-specs.md; dadsv6-series-specs.md; dalsv6-series-specs.md; daldsv6-series-specs.md (1f02b877/1a043fb3)")],
    },
    {
        name: "Dpsv6 / Dpdsv6 / Dplsv6 / Dpldsv6 (Cobalt 100)",
        docSeries: ["Dpdsv6", "Dpldsv6", "Dplsv6", "Dpsv6"],
        cpus: ["cobalt-100"],
        sources: [gp("dpsv6-series-specs.md; dpdsv6-series-specs.md; dplsv6-series-specs.md (1f02b877)"), gp("dpldsv6-series-specs.md (1502ca28)")],
    },
    {
        name: "Dsv7 / Ddsv7 / Dlsv7 / Dldsv7",
        docSeries: ["Ddsv7", "Dldsv7", "Dlsv7", "Dsv7"],
        cpus: ["xeon-6-6973pc"],
        sources: [gp("dsv7-series-specs.md; ddsv7-series-specs.md; dlsv7-series-specs.md (1f02b877)"), gp("dldsv7-series-specs.md (1eeea727)")],
    },
    {
        name: "Dasv7 / Dadsv7 / Dalsv7 / Daldsv7",
        docSeries: ["Dadsv7", "Daldsv7", "Dalsv7", "Dasv7"],
        cpus: ["epyc-9005"],
        sources: [gp("dasv7-series-specs.md; daldsv7-series-specs.md; dalsv7-series-specs.md (1f02b877)"), gp("dadsv7-series-specs.md (1502ca28)")],
    },
    // DC (confidential)
    {
        name: "DC-series v1 (preview)",
        docSeries: ["DC-series"],
        cpus: ["xeon-e-2176g"],
        sources: [PREVIOUS_GEN, `${ACD}sizes/lifecycle/previous-gen-sizes-list.md (a18807c4)`],
    },
    {
        name: "DCsv2 (SGX)",
        docSeries: ["DCsv2"],
        cpus: ["xeon-e-2288g"],
        retirement: retires("2026-06-30"),
        sources: [gp("dcsv2-series-specs.md (28da8f72)"), RETIREMENTS],
    },
    {
        name: "DCsv3 / DCdsv3 (SGX)",
        docSeries: ["DCdsv3", "DCsv3"],
        cpus: ["xeon-ice-lake"],
        retirement: retires("2029-10-31"),
        sources: [gp("dcsv3-series-specs.md (85c0442c)"), gp("dcdsv3-series-specs.md (1502ca28)"), RETIREMENTS],
    },
    {
        name: "DCasv5 / DCadsv5 (SEV-SNP CVM)",
        docSeries: ["DCadsv5", "DCasv5"],
        cpus: ["epyc-milan"],
        sources: [gp("dcasv5-series-specs.md; dcadsv5-series-specs.md (1f02b877)")],
    },
    {
        name: "DCas_cc_v5 / DCads_cc_v5 (confidential child)",
        docSeries: ["DCads_cc_v5", "DCas_cc_v5"],
        cpus: ["epyc-milan"],
        retirement: retires("2026-09-01"),
        sources: [gp("dcasccv5-series-specs.md (1502ca28)"), gp("dcadsccv5-series-specs.md (1f02b877)"), RETIREMENTS],
    },
    {
        name: "DCasv6 / DCadsv6 (SEV-SNP CVM)",
        docSeries: ["DCadsv6", "DCasv6"],
        cpus: ["epyc-9004"],
        sources: [gp("dcasv6-series-specs.md; dcadsv6-series-specs.md (1f02b877)")],
    },
    {
        name: "DCesv6 / DCedsv6 (TDX CVM)",
        docSeries: ["DCedsv6", "DCesv6"],
        cpus: ["xeon-8573c"],
        sources: [gp("dcesv6-series-specs.md (1f02b877)"), `${ACD}sizes/general-purpose/dcedsv6-series.md (05e75b14)`],
    },
    // F family
    {
        name: "F / Fs (v1)",
        docSeries: ["F-series", "Fs-series"],
        cpus: ["xeon-e5-2673-v3"],
        retirement: retires("2028-11-15"),
        sources: [PREVIOUS_GEN, RETIREMENTS],
    },
    {
        name: "Fsv2",
        docSeries: ["Fsv2"],
        cpus: ["xeon-8370c", "xeon-8272cl", "xeon-8168", "xeon-8573c"],
        retirement: retires("2028-11-15"),
        sources: [co("fsv2-series-specs.md (3b74475c)"), RETIREMENTS],
    },
    {
        name: "FX",
        docSeries: ["FX"],
        cpus: ["xeon-gold-6246r"],
        sources: [co("fx-series-specs.md (0eeb1929)")],
    },
    {
        name: "FXmsv2 / FXmdsv2",
        docSeries: ["FXmdsv2", "FXmsv2"],
        cpus: ["xeon-8573c"],
        sources: [co("fxmsv2-series-specs.md; fxmdsv2-series-specs.md (85c0442c)")],
    },
    {
        name: "Fasv6 / Falsv6 / Famsv6",
        docSeries: ["Falsv6", "Famsv6", "Fasv6"],
        cpus: ["epyc-9004"],
        sources: [co("fasv6-series-specs.md (85c0442c)"), co("falsv6-series-specs.md (0eeb1929)"), co("famsv6-series-specs.md (444e2b3c)")],
    },
    {
        name: "Fasv7 / Fadsv7 / Falsv7 / Faldsv7 / Famsv7 / Famdsv7",
        docSeries: ["Fadsv7", "Faldsv7", "Falsv7", "Famdsv7", "Famsv7", "Fasv7"],
        cpus: ["epyc-9005"],
        sources: [co("fasv7/fadsv7/falsv7/faldsv7/famsv7/famdsv7-series-specs.md (9b646394/85c0442c/0eeb1929/a18807c4/41691056)")],
    },
    // E family
    {
        name: "Ev3 / Esv3",
        docSeries: ["Esv3", "Ev3"],
        cpus: ["xeon-8370c", "xeon-8272cl", "xeon-8171m", "xeon-e5-2673-v4"],
        retirement: retires("2029-11-15"),
        sources: [`${ACD}sizes/memory-optimized/ev3-esv3-series.md (680de971)`, RETIREMENTS],
    },
    {
        name: "Ev4 / Esv4 / Edv4 / Edsv4",
        docSeries: ["Edsv4", "Edv4", "Esv4", "Ev4"],
        cpus: ["xeon-8473c", "xeon-8370c", "xeon-8272cl", "xeon-8573c"],
        sources: [
            mo("ev4-series-specs.md (dbe4a806)"),
            mo("esv4-series-specs.md (8a14ba7e)"),
            mo("edv4-series-specs.md (6cb3ee96)"),
            mo("edsv4-series-specs.md (4f101637)"),
        ],
    },
    {
        name: "Eav4 / Easv4",
        docSeries: ["Easv4", "Eav4"],
        cpus: ["epyc-7452", "epyc-7763v"],
        sources: [mo("eav4-series-specs.md (883ff7bb)"), mo("easv4-series-specs.md (47f55952)")],
    },
    {
        name: "Ev5 / Esv5 / Edv5 / Edsv5",
        docSeries: ["Edsv5", "Edv5", "Esv5", "Ev5"],
        cpus: ["xeon-8473c", "xeon-8370c", "xeon-8573c"],
        sources: [mo("ev5-series-specs.md; esv5-series-specs.md (dbe4a806)"), mo("edv5-series-specs.md (6cb3ee96)"), mo("edsv5-series-specs.md (8a14ba7e)")],
    },
    {
        name: "Ebsv5 / Ebdsv5",
        docSeries: ["Ebdsv5", "Ebsv5"],
        cpus: ["xeon-8370c", "xeon-8573c"],
        sources: [mo("ebdsv5-ebsv5-series-specs.md (6cb3ee96)")],
    },
    {
        name: "Easv5 / Eadsv5",
        docSeries: ["Eadsv5", "Easv5"],
        cpus: ["epyc-7763v", "epyc-9004"],
        sources: [mo("easv5-series-specs.md; eadsv5-series-specs.md (883ff7bb)")],
    },
    {
        name: "Epsv5 / Epdsv5",
        docSeries: ["Epdsv5", "Epsv5"],
        cpus: ["ampere-altra"],
        sources: [mo("epsv5-series-specs.md (883ff7bb)"), mo("epdsv5-series-specs.md (b465b768)")],
    },
    {
        name: "Esv6 / Edsv6",
        docSeries: ["Edsv6", "Esv6"],
        cpus: ["xeon-8573c"],
        sources: [mo("esv6-series-specs.md (c35e21a0)"), mo("edsv6-series-specs.md (883ff7bb)")],
    },
    {
        name: "Ebsv6 / Ebdsv6",
        docSeries: ["Ebdsv6", "Ebsv6"],
        cpus: ["xeon-8573c"],
        sources: [mo("ebsv6-series-specs.md (0111b6f5)"), mo("ebdsv6-series-specs.md (901ea0d4)")],
    },
    {
        name: "Easv6 / Eadsv6",
        docSeries: ["Eadsv6", "Easv6"],
        cpus: ["epyc-9004"],
        sources: [mo("easv6-series-specs.md (883ff7bb)"), mo("eadsv6-series-specs.md (aa5cfa97)")],
    },
    {
        name: "Epsv6 / Epdsv6 (Cobalt 100)",
        docSeries: ["Epdsv6", "Epsv6"],
        cpus: ["cobalt-100"],
        sources: [mo("epsv6-series-specs.md (47f55952)"), mo("epdsv6-series-specs.md (f3aa388c)")],
    },
    {
        name: "Esv7 / Edsv7",
        docSeries: ["Edsv7", "Esv7"],
        cpus: ["xeon-6-6973pc"],
        sources: [mo("esv7-series-specs.md (02773904)"), mo("edsv7-series-specs.md (0f56b3f6)")],
    },
    {
        name: "Easv7 / Eadsv7",
        docSeries: ["Eadsv7", "Easv7"],
        cpus: ["epyc-9005"],
        sources: [mo("easv7-series-specs.md; eadsv7-series-specs.md (883ff7bb)")],
    },
    {
        name: "ECasv5 / ECadsv5 (SEV-SNP CVM)",
        docSeries: ["ECadsv5", "ECasv5"],
        cpus: ["epyc-7763v"],
        sources: [`${ACD}sizes/memory-optimized/ecasv5-ecadsv5-series.md (9ed072b8)`],
    },
    {
        name: "ECas_cc_v5 / ECads_cc_v5",
        docSeries: ["ECads_cc_v5", "ECas_cc_v5"],
        cpus: ["epyc-milan"],
        retirement: retires("2026-09-01"),
        sources: [`${ACD}sizes/memory-optimized/ecasccv5-ecadsccv5-series.md (9ed072b8)`, RETIREMENTS],
    },
    {
        name: "ECasv6 / ECadsv6 (SEV-SNP CVM)",
        docSeries: ["ECadsv6", "ECasv6"],
        cpus: ["epyc-9004"],
        sources: [mo("ecasv6-series-specs.md (aa5cfa97)"), mo("ecadsv6-series-specs.md (0a1bf21f)")],
    },
    {
        name: "ECesv6 / ECedsv6 (TDX CVM)",
        docSeries: ["ECedsv6", "ECesv6"],
        cpus: ["xeon-5th-gen"],
        sources: [`${ACD}sizes/memory-optimized/ecesv6-series.md; ecedsv6-series.md (9ed072b8)`],
    },
    {
        name: "Dnsv6 / Dndsv6 / Dnlsv6 / Dnldsv6 (network optimized)",
        docSeries: ["Dndsv6", "Dnldsv6", "Dnlsv6", "Dnsv6"],
        cpus: ["xeon-8573c"],
        sources: [
            mo("dnsv6-series-specs.md (7bc86f04)"),
            mo("dndsv6-series-specs.md (883ff7bb)"),
            mo("dnlsv6-series-specs.md (41691056)"),
            `${FORK}sizes/memory-optimized/includes/dnldsv6-series-specs.md (0b2d85ce)`,
        ],
    },
    {
        name: "Ensv6 / Endsv6 (network optimized)",
        docSeries: ["Endsv6", "Ensv6"],
        cpus: ["xeon-8573c"],
        sources: [mo("ensv6-series-specs.md; endsv6-series-specs.md (883ff7bb)")],
    },
    // G and M families
    {
        name: "G / GS",
        docSeries: ["G-series", "GS-series"],
        cpus: ["xeon-e5-v3-family"],
        retirement: retires("2028-11-15"),
        sources: [PREVIOUS_GEN, RETIREMENTS],
    },
    {
        name: "M-series (v1)",
        docSeries: ["M"],
        cpus: ["xeon-e7-8890-v3", "xeon-8280m"],
        sources: [`${FORK}sizes/memory-optimized/includes/m-series-specs.md (5d0f6321)`],
    },
    {
        name: "Mv2",
        docSeries: ["Msv2 High Memory"],
        cpus: ["xeon-8180m", "xeon-4th-gen"],
        sources: [mo("mv2-series-specs.md (368f64ba)")],
    },
    {
        name: "Msv2 / Mdsv2 Medium Memory",
        docSeries: ["Mdsv2 Medium Memory", "Msv2 Medium Memory"],
        cpus: ["xeon-8280"],
        sources: [
            `${FORK}sizes/memory-optimized/includes/msv2-mm-series-specs.md (11b2183d)`,
            `${FORK}sizes/memory-optimized/includes/mdsv2-mm-series-specs.md`,
            RETIREMENTS,
        ],
    },
    {
        name: "Msv3 / Mdsv3 (Medium + High Memory)",
        docSeries: ["Mdsv3 High Memory", "Mdsv3 Medium Memory", "Msv3 High Memory", "Msv3 Medium Memory"],
        cpus: ["xeon-4th-gen"],
        sources: [
            `${FORK}sizes/memory-optimized/includes/msv3-mm-series-specs.md; mdsv3-mm-series-specs.md; msv3-hm-series-specs.md; mdsv3-hm-series-specs.md`,
        ],
    },
    {
        name: "Mbsv3 / Mbdsv3",
        docSeries: ["Mbdsv3", "Mbsv3"],
        cpus: ["xeon-4th-gen"],
        sources: [mo("mbsv3-series-specs.md (0a1bf21f)"), mo("mbdsv3-series-specs.md (883ff7bb)")],
    },
    {
        name: "Msv4 / Mdsv4 / Mbsv4 / Mbdsv4",
        docSeries: ["Mbdsv4", "Mbsv4", "Mdsv4 Medium Memory", "Msv4 Medium Memory"],
        cpus: ["xeon-6th-gen"],
        sources: [mo("msv4-series-specs.md; mdsv4-series-specs.md (c1f887f6); mbsv4-series-specs.md (bff38ab4)")],
    },
    // L family
    {
        name: "Ls (v1)",
        docSeries: ["Ls-series"],
        cpus: ["xeon-e5-v3-family"],
        retirement: retires("2028-05-01"),
        sources: [PREVIOUS_GEN, RETIREMENTS],
    },
    {
        name: "Lsv2",
        docSeries: ["Lsv2"],
        cpus: ["epyc-7551"],
        retirement: retires("2028-11-15"),
        sources: [so("lsv2-series-specs.md (0a1bf21f)"), RETIREMENTS],
    },
    {
        name: "Lsv3",
        docSeries: ["Lsv3"],
        cpus: ["xeon-8370c"],
        sources: [so("lsv3-series-specs.md (47f55952)")],
    },
    {
        name: "Lasv3",
        docSeries: ["Lasv3"],
        cpus: ["epyc-7763v"],
        sources: [so("lasv3-series-specs.md (22b4cf12)")],
    },
    {
        name: "Lsv4",
        docSeries: ["Lsv4"],
        cpus: ["xeon-8573c"],
        sources: [so("lsv4-series-specs.md (444e2b3c)")],
    },
    {
        name: "Lasv4 / Laosv4",
        docSeries: ["Laosv4", "Lasv4"],
        cpus: ["epyc-9004"],
        sources: [so("lasv4-series-specs.md; laosv4-series-specs.md (85c0442c)")],
    },
    {
        name: "Lasv5 / Laosv5",
        docSeries: ["Laosv5", "Lasv5"],
        cpus: ["epyc-9005"],
        sources: [so("lasv5-series-specs.md (324cc66f)"), so("laosv5-series-specs.md (fb74b472)")],
    },
    // H family
    {
        name: "HBv2",
        docSeries: ["HBv2"],
        cpus: ["epyc-7v12"],
        retirement: retires("2027-05-31"),
        sources: [hpc("includes/hbv2-series-summary.md (7047ed39)"), hpc("hbv2-series.md (2e4af987)")],
    },
    {
        name: "HBv3",
        docSeries: ["HBv3"],
        cpus: ["epyc-7v73x"],
        sources: [hpc("includes/hbv3-series-summary.md (44e974f9)")],
    },
    {
        name: "HBv4",
        docSeries: ["HBv4"],
        cpus: ["epyc-9v33x"],
        sources: [hpc("includes/hbv4-series-summary.md (9f1521bf)")],
    },
    {
        name: "HBv5",
        docSeries: ["HBv5"],
        cpus: ["epyc-4th-gen"],
        sources: [hpc("includes/hbv5-series-specs.md (b3142446)")],
    },
    {
        name: "HC",
        docSeries: ["HC"],
        cpus: ["xeon-8168"],
        retirement: retires("2027-05-31"),
        sources: [hpc("includes/hc-series-summary.md (5d1401a7)"), RETIREMENTS],
    },
    {
        name: "HX",
        docSeries: ["HX"],
        cpus: ["epyc-9v33x"],
        sources: [hpc("hx-series-overview.md (afa7bbe4)")],
    },
    // N family (GPU, FPGA, ASIC)
    {
        name: "NC (v1, K80)",
        docSeries: ["NC series"],
        cpus: ["xeon-e5-2690-v3"],
        retirement: retires("2023-08-31"),
        sources: [PREVIOUS_GEN, N_MIGRATION],
    },
    {
        name: "NCv2 (P100)",
        docSeries: ["NCv2 series"],
        cpus: ["xeon-e5-2690-v4"],
        retirement: retires("2023-08-31"),
        sources: [PREVIOUS_GEN, N_MIGRATION],
    },
    {
        name: "NCv3 (V100)",
        docSeries: ["NCv3"],
        cpus: ["xeon-e5-2690-v4"],
        retirement: retires("2025-09-30"),
        sources: [gpu("ncv3-series-specs.md (99ed1c2a)"), RETIREMENTS],
    },
    {
        name: "NCasT4_v3",
        docSeries: ["NCasT4_v3"],
        cpus: ["epyc-7v12"],
        sources: [gpu("ncast4v3-series-specs.md (2bc777fd)")],
    },
    {
        name: "NC_A100_v4",
        docSeries: ["NC_A100_v4"],
        cpus: ["epyc-7v13"],
        sources: [gpu("nca100v4-series-specs.md (a18807c4)")],
    },
    {
        name: "NCads_H100_v5",
        docSeries: ["NCads_H100_v5"],
        cpus: ["epyc-9004"],
        sources: [gpu("ncadsh100v5-series-specs.md (4e09f799)")],
    },
    {
        name: "NCCads_H100_v5 (confidential GPU)",
        docSeries: ["NCCads_H100_v5"],
        cpus: ["epyc-9004"],
        sources: [gpu("nccadsh100v5-series-specs.md (2bc777fd)")],
    },
    {
        name: "NC_RTXPRO6000BSE_v6",
        docSeries: ["NC RTX PRO 6000 Blackwell Server Edition v6"],
        cpus: ["xeon-granite-rapids-ap"],
        sources: [gpu("nc-rtxpro6000-bse-v6-series-specs.md (1835fae7)")],
    },
    {
        name: "ND (v1, P40)",
        docSeries: ["ND"],
        cpus: ["xeon-e5-2690-v4"],
        retirement: retires("2023-08-31"),
        sources: [gpu("nd-series-specs.md (99ed1c2a)"), N_MIGRATION],
    },
    {
        name: "NDv2 (8x V100)",
        docSeries: ["NDv2"],
        cpus: ["xeon-8168"],
        sources: [gpu("ndv2-series-specs.md (2ec768f9)")],
    },
    {
        name: "ND A100 v4 / NDm A100 v4",
        docSeries: ["NDasrA100_v4", "NDm_A100_v4"],
        cpus: ["epyc-7v12"],
        sources: [gpu("ndasra100v4-series-specs.md; ndma100v4-series-specs.md (a18807c4)")],
    },
    {
        name: "ND H100 v5 / ND H200 v5 / ND MI300X v5",
        docSeries: ["ND-H100-v5", "ND-H200-v5", "ND-MI300X-v5"],
        cpus: ["xeon-4th-gen"],
        sources: [gpu("ndh100v5-series-specs.md (2bc777fd)"), gpu("nd-h200-v5-series-specs.md (99ed1c2a)"), gpu("ndmi300xv5-series-specs.md (4e09f799)")],
    },
    {
        name: "ND GB200 v6 / ND GB300 v6",
        docSeries: ["ND GB200-v6", "ND GB300-v6"],
        cpus: ["nvidia-grace"],
        sources: [gpu("nd-gb200-v6-series-specs.md; nd-gb300-v6-series-specs.md (4e09f799)")],
    },
    {
        name: "NV (v1, M60)",
        docSeries: ["NV"],
        cpus: ["xeon-e5-2690-v3"],
        retirement: retires("2023-09-06"),
        sources: [gpu("nv-series-specs.md (2bc777fd)"), `${ACD}sizes/lifecycle/retirement/nv-series-retirement.md (a18807c4)`],
    },
    {
        name: "NVv2",
        docSeries: ["NVv2-series"],
        cpus: ["intel-broadwell"],
        retirement: RETIRED_UNDATED,
        sources: [PREVIOUS_GEN],
    },
    {
        name: "NVv3",
        docSeries: ["NVv3"],
        cpus: ["xeon-e5-2690-v4"],
        retirement: retires("2026-09-30"),
        sources: [gpu("nvv3-series-specs.md (4e09f799)"), RETIREMENTS],
    },
    {
        name: "NVv4",
        docSeries: ["NVv4"],
        cpus: ["epyc-7v12"],
        retirement: retires("2026-09-30"),
        sources: [gpu("nvv4-series-specs.md (a18807c4)"), RETIREMENTS],
    },
    {
        name: "NVadsA10_v5",
        docSeries: ["NVadsA10_v5"],
        cpus: ["epyc-74f3v"],
        sources: [gpu("nvadsa10v5-series-specs.md (4e09f799)")],
    },
    {
        name: "NVads_V710_v5",
        docSeries: ["NVads V710 v5"],
        cpus: ["epyc-9v64f"],
        sources: [gpu("nvadsv710-v5-series-specs.md (4e09f799)")],
    },
    {
        name: "NGads_V620",
        docSeries: ["NGads_V620"],
        cpus: ["epyc-7763"],
        sources: [gpu("ngadsv620-series-specs.md (99ed1c2a)")],
    },
    {
        name: "NP (FPGA)",
        docSeries: ["NP"],
        cpus: ["xeon-8171m"],
        retirement: retires("2027-05-31"),
        sources: [`${ACD}sizes/fpga-accelerated/includes/np-series-specs.md (2bc777fd)`, RETIREMENTS],
    },
    {
        name: "NMads_MA35D (video ASIC)",
        docSeries: ["NMads MA35D"],
        cpus: ["epyc-4th-gen"],
        sources: [`${ACD}sizes/fpga-accelerated/nm-ads-ma35d-series.md (1827cf35)`],
    },
];

import { describe, expect, it } from "vitest";
import * as fs from "node:fs";
import { findSize, parseSizeTable, SERIES, seriesFacts, seriesOfSize, SIZES, SIZES_FILE, sizeVerdict } from "../policy/catalog";

/**
 * Each series' guaranteed level, worked out by hand from the CPUs its docs list and typed in again here, so a
 * wrong CPU id in series.ts (from which the catalog computes levels) fails a test.
 */
const HAND_WORKED_LEVELS: Record<string, "v1" | "v2" | "v3" | "v4" | "arm64"> = {
    "Basic A (Basic_A0-A4)": "v1",
    "Standard A0-A7 (A v1)": "v1",
    "A8-A11 (compute-intensive A)": "v2",
    "Av2 / Amv2": "v1",
    "B-series v1 (Bs)": "v1",
    Bsv2: "v4",
    Basv2: "v3",
    Bpsv2: "arm64",
    "D-series v1 (D1-D4, D11-D14)": "v2",
    "DS-series v1 (DS1-DS4, DS11-DS14)": "v2",
    "Dv2 / DSv2": "v3",
    "Dv3 / Dsv3": "v3",
    "Dv4 / Dsv4 / Ddv4 / Ddsv4": "v4",
    "Dav4 / Dasv4": "v3",
    "Dv5 / Dsv5 / Ddv5 / Ddsv5": "v4",
    "Dlsv5 / Dldsv5": "v4",
    "Dasv5 / Dadsv5": "v3",
    "Dpsv5 / Dpdsv5 / Dplsv5 / Dpldsv5": "arm64",
    "Dsv6 / Ddsv6 / Dlsv6 / Dldsv6": "v4",
    "Dasv6 / Dadsv6 / Dalsv6 / Daldsv6": "v4",
    "Dpsv6 / Dpdsv6 / Dplsv6 / Dpldsv6 (Cobalt 100)": "arm64",
    "Dsv7 / Ddsv7 / Dlsv7 / Dldsv7": "v4",
    "Dasv7 / Dadsv7 / Dalsv7 / Daldsv7": "v4",
    "DC-series v1 (preview)": "v3",
    "DCsv2 (SGX)": "v3",
    "DCsv3 / DCdsv3 (SGX)": "v4",
    "DCasv5 / DCadsv5 (SEV-SNP CVM)": "v3",
    "DCas_cc_v5 / DCads_cc_v5 (confidential child)": "v3",
    "DCasv6 / DCadsv6 (SEV-SNP CVM)": "v4",
    "DCesv6 / DCedsv6 (TDX CVM)": "v4",
    "F / Fs (v1)": "v3",
    Fsv2: "v4",
    FX: "v4",
    "FXmsv2 / FXmdsv2": "v4",
    "Fasv6 / Falsv6 / Famsv6": "v4",
    "Fasv7 / Fadsv7 / Falsv7 / Faldsv7 / Famsv7 / Famdsv7": "v4",
    "Ev3 / Esv3": "v3",
    "Ev4 / Esv4 / Edv4 / Edsv4": "v4",
    "Eav4 / Easv4": "v3",
    "Ev5 / Esv5 / Edv5 / Edsv5": "v4",
    "Ebsv5 / Ebdsv5": "v4",
    "Easv5 / Eadsv5": "v3",
    "Epsv5 / Epdsv5": "arm64",
    "Esv6 / Edsv6": "v4",
    "Ebsv6 / Ebdsv6": "v4",
    "Easv6 / Eadsv6": "v4",
    "Epsv6 / Epdsv6 (Cobalt 100)": "arm64",
    "Esv7 / Edsv7": "v4",
    "Easv7 / Eadsv7": "v4",
    "ECasv5 / ECadsv5 (SEV-SNP CVM)": "v3",
    "ECas_cc_v5 / ECads_cc_v5": "v3",
    "ECasv6 / ECadsv6 (SEV-SNP CVM)": "v4",
    "ECesv6 / ECedsv6 (TDX CVM)": "v4",
    "Dnsv6 / Dndsv6 / Dnlsv6 / Dnldsv6 (network optimized)": "v4",
    "Ensv6 / Endsv6 (network optimized)": "v4",
    "G / GS": "v3",
    "M-series (v1)": "v3",
    Mv2: "v4",
    "Msv2 / Mdsv2 Medium Memory": "v4",
    "Msv3 / Mdsv3 (Medium + High Memory)": "v4",
    "Mbsv3 / Mbdsv3": "v4",
    "Msv4 / Mdsv4 / Mbsv4 / Mbdsv4": "v4",
    "Ls (v1)": "v3",
    Lsv2: "v3",
    Lsv3: "v4",
    Lasv3: "v3",
    Lsv4: "v4",
    "Lasv4 / Laosv4": "v4",
    "Lasv5 / Laosv5": "v4",
    HBv2: "v3",
    HBv3: "v3",
    HBv4: "v4",
    HBv5: "v4",
    HC: "v4",
    HX: "v4",
    "NC (v1, K80)": "v3",
    "NCv2 (P100)": "v3",
    "NCv3 (V100)": "v3",
    NCasT4_v3: "v3",
    NC_A100_v4: "v3",
    NCads_H100_v5: "v4",
    "NCCads_H100_v5 (confidential GPU)": "v4",
    NC_RTXPRO6000BSE_v6: "v4",
    "ND (v1, P40)": "v3",
    "NDv2 (8x V100)": "v4",
    "ND A100 v4 / NDm A100 v4": "v3",
    "ND H100 v5 / ND H200 v5 / ND MI300X v5": "v4",
    "ND GB200 v6 / ND GB300 v6": "arm64",
    "NV (v1, M60)": "v3",
    NVv2: "v3",
    NVv3: "v3",
    NVv4: "v3",
    NVadsA10_v5: "v3",
    NVads_V710_v5: "v4",
    NGads_V620: "v3",
    "NP (FPGA)": "v4",
    "NMads_MA35D (video ASIC)": "v4",
};

describe("series table", () => {
    it("covers every series of the hand-worked table, and only those", () => {
        expect(SERIES.map((series) => series.name).sort()).toEqual(Object.keys(HAND_WORKED_LEVELS).sort());
    });

    it.each(SERIES.map((series) => [series.name, series] as const))("%s: computed level matches the hand-worked one", (name, series) => {
        const facts = seriesFacts(series);
        const expected = HAND_WORKED_LEVELS[name];
        if (expected === "arm64") {
            expect(facts.arch).toBe("arm64");
            expect(facts.level).toBeNull();
        } else {
            expect(facts.arch).toBe("x64");
            expect(facts.level).toBe(`x86-64-${expected}`);
            expect(facts.avx512).toBe(expected === "v4");
        }
    });

    it("names a docs source for every series", () => {
        for (const series of SERIES) {
            expect(series.sources.length, series.name).toBeGreaterThan(0);
            expect(series.sources[0], series.name).toMatch(/^(MicrosoftDocs|petersatsuse)\//);
        }
    });
});

/** Doc series whose pages list no host CPU: their sizes are known but stay unknown to the verdict. */
const SERIES_WITHOUT_CPUS = ["Mdsv3 Very High Memory"];

describe("size table", () => {
    it("has one row per size, names unique regardless of case", () => {
        const names = SIZES.map((size) => size.name.toLowerCase());
        expect(new Set(names).size).toBe(names.length);
        expect(SIZES.length).toBeGreaterThan(1500);
    });

    it("joins every row to exactly one catalog series, but for the documented exceptions", () => {
        const unjoined = [...new Set(SIZES.filter((size) => seriesOfSize(size) === undefined).map((size) => size.docSeries))];
        expect(unjoined).toEqual(SERIES_WITHOUT_CPUS);
        const claimed = SERIES.flatMap((series) => series.docSeries);
        expect(new Set(claimed).size).toBe(claimed.length);
    });

    it("gives every catalog series at least one size", () => {
        for (const series of SERIES)
            expect(
                SIZES.some((size) => seriesOfSize(size) === series),
                series.name,
            ).toBe(true);
    });

    it("agrees with the series table on architecture wherever the size page names the CPU", () => {
        for (const size of SIZES) {
            const series = seriesOfSize(size);
            if (series === undefined || size.arch === null) continue;
            expect(seriesFacts(series).arch, size.name).toBe(size.arch);
        }
    });

    it("keeps constrained sizes below their parent and cites a public page for every row", () => {
        for (const size of SIZES) {
            if (size.constrainedParentVcpus !== null && size.vcpus !== null) expect(size.vcpus, size.name).toBeLessThan(size.constrainedParentVcpus);
            expect(size.sources[0].url, size.name).toMatch(/^https:\/\/learn\.microsoft\.com\/azure\/virtual-machines\//);
            expect(size.sources[0].repository, size.name).toMatch(/^MicrosoftDocs\/azure-(compute-)?docs$/);
        }
    });

    it("closes the old series' gaps from the previous-generation page", () => {
        expect(findSize("Standard_D3")).toMatchObject({ vcpus: 4, tempDiskGib: 200, docSeries: "D-series" });
        expect(findSize("Standard_GS4-8")).toMatchObject({ vcpus: 8, constrainedParentVcpus: 16, docSeries: "GS-series" });
        expect(findSize("Standard_F16s")).toMatchObject({ premiumStorage: true, tempDiskGib: 64 });
    });

    it("refuses a malformed table with the line and column at fault", () => {
        const [header, first] = fs.readFileSync(SIZES_FILE, "utf8").split("\n");
        const broken = first
            .split("\t")
            .map((cell, index) => (index === 8 ? "maybe" : cell))
            .join("\t");
        expect(() => parseSizeTable(`${header}\n${broken}\n`)).toThrow(/line 2 .*column premium_storage/);
        expect(() => parseSizeTable(`size\tseries\n`)).toThrow(/the header must be exactly/);
    });
});

describe("sizeVerdict", () => {
    const today = { asOf: new Date("2026-11-24") };

    it("gives the issue's three examples: allowed, below-minimum-level, arm64", () => {
        expect(sizeVerdict("Standard_D16as_v5", today)).toMatchObject({ status: "allowed", allowed: true, level: "x86-64-v3", arch: "x64", vcpus: 16 });
        expect(sizeVerdict("Standard_A2_v2", today)).toMatchObject({ status: "below-minimum-level", allowed: false });
        expect(sizeVerdict("Standard_D4ps_v6", today)).toMatchObject({ status: "arm64", allowed: false, arch: "arm64" });
    });

    it("does not infer the level from the letters: same version, other vendor, other level", () => {
        expect(sizeVerdict("Standard_D4s_v5", today).level).toBe("x86-64-v4");
        expect(sizeVerdict("Standard_D4as_v5", today).level).toBe("x86-64-v3");
        expect(sizeVerdict("Standard_D4_v4", today).level).toBe("x86-64-v4");
        expect(sizeVerdict("Standard_D4a_v4", today).level).toBe("x86-64-v3");
    });

    it("knows Nvidia Grace sizes are Arm64 although their names have no p", () => {
        expect(sizeVerdict("Standard_ND128isr_NDR_GB200_v6", today).status).toBe("arm64");
        expect(sizeVerdict("Standard_ND128isr_GB300_v6", today).status).toBe("arm64");
    });

    it("refuses series whose docs say they run on various hardware, although their CPU list is v3", () => {
        for (const size of ["Standard_A4_v2", "Standard_B2ms"]) {
            const verdict = sizeVerdict(size, today);
            expect(verdict.status).toBe("below-minimum-level");
            expect(verdict.reason).toContain("variety of hardware");
        }
    });

    it("refuses D v1 for its Ivy Bridge hosts and says so", () => {
        const verdict = sizeVerdict("Standard_D3", today);
        expect(verdict).toMatchObject({ status: "below-minimum-level", level: "x86-64-v2", vcpus: 4 });
        expect(verdict.reason).toContain("E5-2660 v2");
    });

    it("applies x86-64-v4 as a minimum level", () => {
        const v4 = { ...today, minimumLevel: "x86-64-v4" as const };
        expect(sizeVerdict("Standard_D16as_v5", v4).status).toBe("below-minimum-level");
        expect(sizeVerdict("Standard_D16as_v6", v4).status).toBe("allowed");
        expect(sizeVerdict("Standard_M64ms", v4).status).toBe("below-minimum-level");
        expect(sizeVerdict("Standard_HC44rs", v4).status).toBe("allowed");
    });

    it("retires a series from its retirement date on, not before", () => {
        const at = (date: string) => sizeVerdict("Standard_NV12s_v3", { asOf: new Date(date) }).status;
        expect(at("2026-09-29")).toBe("allowed");
        expect(at("2026-09-30")).toBe("retired");
        expect(at("2026-10-01")).toBe("retired");
        expect(sizeVerdict("Standard_DC2s_v2", { asOf: new Date("2026-06-29") }).status).toBe("allowed");
        expect(sizeVerdict("Standard_DC2s_v2", { asOf: new Date("2026-06-30") }).status).toBe("retired");
    });

    it("treats undated retirements as retired at any date", () => {
        expect(sizeVerdict("Standard_NV6s_v2", { asOf: new Date("2000-01-01") }).status).toBe("retired");
    });

    it("knows only sizes Microsoft lists: the issue's unknown and real examples", () => {
        expect(sizeVerdict("Standard_D0s_v5", today).status).toBe("unknown");
        expect(sizeVerdict("Standard_D4-2s_v5", today).status).toBe("unknown");
        expect(sizeVerdict("Standard_E112ias_v5", today).status).toBe("allowed");
        expect(sizeVerdict("Standard_NV36adms_A10_v5", today).status).toBe("allowed");
        expect(sizeVerdict("Standard_D16sa_v5", today).reason).toContain("did you mean Standard_D16as_v5?");
    });

    it("counts a constrained size at its parent's vCPUs for quota", () => {
        expect(sizeVerdict("Standard_E16-4ads_v5", today)).toMatchObject({ vcpus: 4, quotaVcpus: 16 });
    });

    it("mentions an upcoming retirement on an allowed size", () => {
        expect(sizeVerdict("Standard_D4s_v3", today).reason).toContain("retires on 2029-11-15");
    });

    it("counts active vCPUs of constrained sizes and of old size numbers", () => {
        expect(sizeVerdict("Standard_E8-4ds_v5", today).vcpus).toBe(4);
        expect(sizeVerdict("Standard_D15_v2", today)).toMatchObject({ vcpus: 20, quotaVcpus: 20 });
        expect(sizeVerdict("Standard_DS13-4_v2", today).vcpus).toBe(4);
        expect(sizeVerdict("Standard_GS4-8", today).vcpus).toBe(8);
        expect(sizeVerdict("Standard_HB120-16rs_v2", today).vcpus).toBe(16);
    });

    it("fails closed on anything it does not know", () => {
        for (const size of [
            "Standard_D6_v2",
            "Standard_X16_v9",
            "Standard_D16zs_v5",
            "Standard_NC6_Promo",
            "Standard_D8_v2_Promo",
            "Standard_E8-8ds_v5",
            "Standard_D16as_v5_v6",
            "Standard_NC8ads_A10_v4",
            "D16as_v5",
            "",
            "Standard_",
        ]) {
            const verdict = sizeVerdict(size, today);
            expect(verdict, size).toMatchObject({ status: "unknown", allowed: false });
            expect(verdict.reason.length, size).toBeGreaterThan(20);
        }
    });

    it("never throws, whatever it is given", () => {
        for (const size of [undefined, null, 42, {}, "Standard_D16as_v5\n", "   "] as unknown as string[]) {
            expect(sizeVerdict(size, today).allowed).toBe(false);
        }
    });

    it("keeps the size as given in its verdict", () => {
        expect(sizeVerdict("STANDARD_d16AS_V5", today)).toMatchObject({ size: "STANDARD_d16AS_V5", status: "allowed" });
    });
});

import { describe, expect, it } from "vitest";
import { parseSizeName, ParsedSize } from "../policy/catalog";

function parsed(name: string): ParsedSize {
    const result = parseSizeName(name);
    if (!result.ok) throw new Error(`expected ${name} to parse: ${result.error}`);
    return result.size;
}

function parseError(name: string): string {
    const result = parseSizeName(name);
    if (result.ok) throw new Error(`expected ${name} not to parse`);
    return result.error;
}

describe("parseSizeName", () => {
    it("splits the documented grammar: family, vCPUs, features, version", () => {
        expect(parsed("Standard_D16as_v5")).toMatchObject({
            tier: "standard", family: "d", sizeNumber: 16, constrainedVcpus: null, features: "as", accelerator: null, version: 5,
        });
    });

    it("reads constrained vCPUs", () => {
        expect(parsed("Standard_E8-4ds_v5")).toMatchObject({ family: "e", sizeNumber: 8, constrainedVcpus: 4, features: "ds" });
        expect(parsed("Standard_M8-2ms")).toMatchObject({ family: "m", constrainedVcpus: 2, version: null });
    });

    it("reads accelerators, also ones that look like a version", () => {
        expect(parsed("Standard_NC24ads_A100_v4")).toMatchObject({ family: "nc", features: "ads", accelerator: "a100", version: 4 });
        expect(parsed("Standard_NG8ads_V620_v1")).toMatchObject({ accelerator: "v620", version: 1 });
        expect(parsed("Standard_NM16ads_MA35D")).toMatchObject({ accelerator: "ma35d", version: null });
    });

    it("keeps family and feature letters apart in lower case by position", () => {
        expect(parsed("standard_dc2as_v5")).toMatchObject({ family: "dc", features: "as" });
        expect(parsed("STANDARD_NCC40ADS_H100_V5")).toMatchObject({ family: "ncc", features: "ads", accelerator: "h100", version: 5 });
    });

    it("reads the real-world infixes", () => {
        expect(parsed("Standard_DC4as_cc_v5").infixes).toEqual(["cc"]);
        expect(parsed("Standard_NC128ds_xl_RTXPRO6000BSE_v6")).toMatchObject({ infixes: ["xl"], accelerator: "rtxpro6000bse" });
        expect(parsed("Standard_ND128isr_NDR_GB200_v6")).toMatchObject({ infixes: ["ndr"], accelerator: "gb200" });
        expect(parsed("Standard_M416s_8_v2")).toMatchObject({ capacity: 8, version: 2 });
        expect(parsed("Standard_M64-32bds_1_v3")).toMatchObject({ constrainedVcpus: 32, capacity: 1, features: "bds" });
    });

    it("reads _Promo, the Basic_ tier and classic aliases", () => {
        expect(parsed("Standard_D2_v2_Promo")).toMatchObject({ version: 2, promo: true });
        expect(parsed("Standard_NC6_Promo")).toMatchObject({ version: null, promo: true });
        expect(parsed("Basic_A2")).toMatchObject({ tier: "basic", family: "a", sizeNumber: 2 });
        expect(parsed("ExtraSmall")).toMatchObject({ aliasOf: "Standard_A0", sizeNumber: 0, input: "ExtraSmall" });
        expect(parsed("large").aliasOf).toBe("Standard_A3");
    });

    it("says what was meant when the Standard_ prefix is missing", () => {
        expect(parseError("D16as_v5")).toContain('did you mean "Standard_D16as_v5"');
    });

    it("rejects names that are not sizes, saying why", () => {
        expect(parseError("")).toMatch(/empty/);
        expect(parseError(" Standard_D4s_v5")).toMatch(/white space/);
        expect(parseError("Standard_")).toMatch(/family and vCPU count/);
        expect(parseError("Standard_D16as_v5_extra!")).toMatch(/unexpected part/);
        expect(parseError("Basic_D2")).toMatch(/Basic_A0 to Basic_A4/);
        expect(parseError("Premium_D2")).toMatch(/must start with Standard_ or Basic_/);
    });
});

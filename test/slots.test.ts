import { describe, expect, it } from "vitest";
import { builderSlots, MAX_SLOTS } from "../lib/slots";

describe("builder slots", () => {
    it("have three-digit numbers, so growing a pool only adds hosts and never renames one", () => {
        const small = builderSlots("spot", 40, "az.example.org");
        const grown = builderSlots("spot", MAX_SLOTS, "az.example.org");
        expect(small[0]).toEqual({ id: "spot-001", hostName: "spot-001.az.example.org", secretName: "koji-spot-001" });
        expect(grown.slice(0, 40)).toEqual(small);
        expect(grown.at(-1)!.id).toBe("spot-999");
        expect(new Set(grown.map((slot) => slot.id.length))).toEqual(new Set(["spot-001".length]));
    });

    it("refuses more slots than three digits number", () => {
        expect(() => builderSlots("spot", 1000, "az.example.org")).toThrow(/1 to 999 slots \(three-digit numbers\), got 1000/);
        expect(() => builderSlots("spot", 0, "az.example.org")).toThrow(/got 0/);
    });
});

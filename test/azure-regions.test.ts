import { describe, expect, it } from "vitest";
import { AZURE_REGIONS, FEDORA_IMAGE_REGIONS, findRegion } from "../lib/azure-regions";

describe("Azure regions", () => {
    it("names every region once, as ARM spells location", () => {
        const names = AZURE_REGIONS.map((region) => region.name);
        expect(new Set(names).size).toBe(names.length);
        for (const name of names) expect(name).toMatch(/^[a-z]+[0-9]?$/);
        expect(findRegion("eastus2")).toEqual({ name: "eastus2", displayName: "East US 2", availabilityZones: true, access: "open" });
    });

    it("lists every region Fedora replicates its images to, each open and with zones", () => {
        expect(FEDORA_IMAGE_REGIONS).toHaveLength(30);
        for (const name of FEDORA_IMAGE_REGIONS) expect(findRegion(name), name).toMatchObject({ access: "open", availabilityZones: true });
    });
});

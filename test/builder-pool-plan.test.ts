import { describe, expect, it } from "vitest";
import { planBuilderPool, PoolPlanInput } from "../lib/builder-pool-plan";

const TODAY = new Date("2026-11-24");
const pool = (overrides: Partial<PoolPlanInput>): PoolPlanInput =>
    ({ name: "v3spot", vmSizes: ["Standard_D16as_v5"], minCount: 1, maxCount: 10, asOf: TODAY, ...overrides });
const failure = (overrides: Partial<PoolPlanInput>): string => {
    try {
        planBuilderPool(pool(overrides));
    } catch (error) {
        return (error as Error).message;
    }
    throw new Error("expected the plan to fail");
};

describe("planBuilderPool: sizes", () => {
    it("takes one allowed size as the scale set's sku", () => {
        const plan = planBuilderPool(pool({}));
        expect(plan.skuName).toBe("Standard_D16as_v5");
        expect(plan.mix).toBeUndefined();
        expect(plan.sizes).toEqual([{ name: "Standard_D16as_v5", level: "x86-64-v3", vcpus: 16 }]);
    });

    it("makes an instance mix of several sizes, LowestPrice by default, ranks for Prioritized", () => {
        const sizes = ["Standard_D16as_v5", "Standard_D16s_v5", "Standard_D8as_v5"];
        const plan = planBuilderPool(pool({ vmSizes: sizes }));
        expect(plan.skuName).toBe("Mix");
        expect(plan.mix).toEqual({ allocationStrategy: "LowestPrice", sizes: sizes.map((name) => ({ name })) });
        expect([plan.minVcpus, plan.maxVcpus]).toEqual([8, 16]);
        const ranked = planBuilderPool(pool({ vmSizes: sizes, allocationStrategy: "Prioritized" }));
        expect(ranked.mix?.sizes.map((size) => size.rank)).toEqual([1, 2, 3]);
    });

    it("refuses a non-v3 size in a mix, with the catalog's reason, before anything else", () => {
        const message = failure({ vmSizes: ["Standard_D16as_v5", "Standard_D4ps_v6"] });
        expect(message).toMatch(/^builder pool "v3spot": Standard_D4ps_v6 is not allowed \(arm64\): .*Cobalt 100/);
        expect(failure({ vmSizes: ["Standard_A8m_v2"] })).toMatch(/below-minimum-level/);
        expect(failure({ vmSizes: ["Standard_D16as_v5"], minimumLevel: "x86-64-v4" })).toMatch(/below x86-64-v4/);
    });

    it("refuses mixes Azure would refuse: other local disk, other disk controller, more than five, duplicates", () => {
        expect(failure({ vmSizes: ["Standard_D16as_v5", "Standard_D16ads_v5"] })).toMatch(/agree on their local disk/);
        expect(failure({ vmSizes: ["Standard_D16as_v5", "Standard_D16as_v6"] })).toMatch(/agree on their disk controller/);
        expect(failure({ vmSizes: ["Standard_D2as_v5", "Standard_D4as_v5", "Standard_D8as_v5", "Standard_D16as_v5", "Standard_D32as_v5", "Standard_D48as_v5"] }))
            .toMatch(/at most 5 sizes/);
        expect(failure({ vmSizes: ["Standard_D16as_v5", "standard_d16as_v5"] })).toMatch(/twice/);
        expect(failure({ vmSizes: [] })).toMatch(/vmSizes is empty/);
    });

    it("refuses B-series sizes for Spot, which Azure does not offer", () => {
        expect(failure({ vmSizes: ["Standard_B16as_v2"], spot: {} })).toMatch(/B-series size, which Azure does not offer as Spot/);
        expect(planBuilderPool(pool({ vmSizes: ["Standard_B16as_v2"] })).skuName).toBe("Standard_B16as_v2");
    });

    it("refuses confidential sizes, which cannot run Trusted Launch", () => {
        expect(failure({ vmSizes: ["Standard_DC8as_v5"] })).toMatch(/confidential VM size/);
    });
});

describe("planBuilderPool: counts and Spot", () => {
    it.each([
        [{ minCount: 5, maxCount: 2 }, /minCount \(5\) is above maxCount \(2\)/],
        [{ maxCount: 1001 }, /from 1 to 1000/],
        [{ maxCount: 0 }, /from 1 to 1000/],
        [{ minCount: -1 }, /minCount must be a whole number >= 1/],
        [{ minCount: 0 }, /CPU autoscale needs a running builder/],
        [{ zones: ["4"] }, /zone "4"/],
        [{ spot: { maxPrice: 0 } }, /spot.maxPrice/],
        [{ spot: { regularPercentAboveBase: 101 } }, /regularPercentAboveBase/],
        [{ spot: { regularBaseCount: 11 } }, /regularBaseCount must be a whole number from 0 to maxCount \(10\)/],
    ] as const)("refuses %j", (overrides, message) => {
        expect(failure(overrides as Partial<PoolPlanInput>)).toMatch(message);
    });

    it("defaults Spot to the on-demand price cap and all Spot above a zero base", () => {
        expect(planBuilderPool(pool({ spot: {} })).spot).toEqual({ maxPrice: -1, regularBaseCount: 0, regularPercentAboveBase: 0 });
        expect(planBuilderPool(pool({})).spot).toBeUndefined();
    });
});

describe("planBuilderPool: disks", () => {
    it("puts mock on the resource disk and the OS ephemerally beside it on v5 d sizes", () => {
        const plan = planBuilderPool(pool({ vmSizes: ["Standard_D16ads_v5"] }));
        expect(plan.mockDisk).toBe("resource");
        expect(plan.osDisk).toEqual({ kind: "ephemeral", sizeGb: 30, placement: "ResourceDisk" });
        expect(plan.diskControllerType).toBe("SCSI");
    });

    it("gives the NVMe disk to mock on v6 d sizes and keeps a managed OS disk, since NVMe placement takes a whole disk", () => {
        const plan = planBuilderPool(pool({ vmSizes: ["Standard_D16ads_v6"] }));
        expect(plan.mockDisk).toBe("nvme");
        expect(plan.osDisk).toMatchObject({ kind: "managed", storageAccountType: "Premium_LRS" });
        expect(plan.diskControllerType).toBe("NVMe");
        const osOnNvme = planBuilderPool(pool({ vmSizes: ["Standard_D16ads_v6"], mockDisk: "data-disk" }));
        expect(osOnNvme.osDisk).toEqual({ kind: "ephemeral", sizeGb: 30, placement: "NvmeDisk" });
        expect(osOnNvme.mockDataDiskSizeGb).toBe(300);
    });

    it("uses a managed OS disk and a data disk for mock on sizes without a local disk", () => {
        const plan = planBuilderPool(pool({ vmSizes: ["Standard_D16as_v5"], mockDataDiskSizeGb: 512 }));
        expect(plan).toMatchObject({ mockDisk: "data-disk", mockDataDiskSizeGb: 512, osDisk: { kind: "managed", sizeGb: 64 } });
        expect(planBuilderPool(pool({ vmSizes: ["Standard_D16a_v4"] })).osDisk.storageAccountType).toBe("StandardSSD_LRS");
    });

    it("refuses a local mock disk the sizes do not have", () => {
        expect(failure({ vmSizes: ["Standard_D16as_v5"], mockDisk: "nvme" })).toMatch(/has no local disk; use mockDisk "data-disk"/);
        expect(failure({ vmSizes: ["Standard_D16ads_v6"], mockDisk: "resource" })).toMatch(/use mockDisk "nvme"/);
        expect(failure({ vmSizes: ["Standard_D16as_v5"], mockDisk: "local" })).toMatch(/mockDisk "local" needs sizes with that local disk, but Standard_D16as_v5 has no local disk/);
        expect(planBuilderPool(pool({ vmSizes: ["Standard_D16ads_v6"], mockDisk: "local" })).mockDisk).toBe("nvme");
        expect(failure({ mockDataDiskSizeGb: 8 })).toMatch(/mockDataDiskSizeGb/);
    });
});

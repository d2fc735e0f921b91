import { describe, expect, it } from "vitest";
import { planBuilderPool, PoolPlanInput } from "../lib/builder-pool-plan";

const TODAY = new Date("2026-11-24");
const pool = (overrides: Partial<PoolPlanInput>): PoolPlanInput => ({
    name: "v3spot",
    vmSizes: ["Standard_D16as_v5"],
    minCount: 1,
    maxCount: 10,
    asOf: TODAY,
    ...overrides,
});
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
        expect(plan.sizes).toEqual([{ name: "Standard_D16as_v5", level: "x86-64-v3", vcpus: 16, quotaVcpus: 16 }]);
        expect(plan).toMatchObject({ minimumLevel: "x86-64-v3", terminateNotification: true, acceleratedNetworking: true, computerNamePrefix: "v3spot" });
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

    it("refuses mixes Azure would refuse, naming the rule: other local disk, other storage interface, more than five, duplicates", () => {
        expect(failure({ vmSizes: ["Standard_D16as_v5", "Standard_D16ads_v5"] })).toMatch(/"instance-mix-local-disk"/);
        // The dev stack's old mix: Dasv4 has a 128 GiB temp disk without a "d" in its name.
        expect(failure({ vmSizes: ["Standard_D16as_v5", "Standard_D16as_v4", "Standard_E16as_v5"] })).toMatch(
            /Standard_D16as_v4: a temp \(resource\) disk.*"instance-mix-local-disk".*instance-mix-overview/,
        );
        expect(failure({ vmSizes: ["Standard_D16as_v5", "Standard_D16as_v6"], imageDiskControllers: ["SCSI", "NVMe"] })).toMatch(
            /"instance-mix-storage-interface"/,
        );
        expect(
            failure({ vmSizes: ["Standard_D2as_v5", "Standard_D4as_v5", "Standard_D8as_v5", "Standard_D16as_v5", "Standard_D32as_v5", "Standard_D48as_v5"] }),
        ).toMatch(/"instance-mix-size-count"/);
        expect(failure({ vmSizes: ["Standard_D16as_v5", "standard_d16as_v5"] })).toMatch(/twice/);
        expect(failure({ vmSizes: [] })).toMatch(/vmSizes is empty/);
    });

    it("refuses B-series sizes for Spot, which Azure does not offer", () => {
        expect(failure({ vmSizes: ["Standard_B16as_v2"], spot: {} })).toMatch(/is a B-series.*"spot-no-b-series"/);
        expect(planBuilderPool(pool({ vmSizes: ["Standard_B16as_v2"] })).skuName).toBe("Standard_B16as_v2");
    });

    it("refuses confidential sizes, which cannot run Trusted Launch", () => {
        expect(failure({ vmSizes: ["Standard_DC8as_v5"] })).toMatch(/does not support Trusted Launch.*"trusted-launch"/);
    });

    it("counts constrained sizes at their parent's vCPUs for quota, and knows sizes the name grammar missed", () => {
        const plan = planBuilderPool(pool({ vmSizes: ["Standard_E16-4ads_v5"] }));
        expect(plan.sizes[0]).toMatchObject({ vcpus: 4, quotaVcpus: 16 });
        expect(plan.quotaVcpusPerVm).toBe(16);
        expect(planBuilderPool(pool({ vmSizes: ["Standard_E112ias_v5"] })).sizes[0].vcpus).toBe(112);
        expect(failure({ vmSizes: ["Standard_D0s_v5"] })).toMatch(/not a VM size on Microsoft's size pages/);
    });

    it("asks for no terminate notification on Spot pools, which Azure refuses there", () => {
        expect(planBuilderPool(pool({ spot: {} })).terminateNotification).toBe(false);
    });

    it("holds a pool to its own stricter level", () => {
        expect(failure({ minimumLevel: "x86-64-v4" })).toMatch(/below-minimum-level/);
        expect(planBuilderPool(pool({ vmSizes: ["Standard_D16s_v5"], minimumLevel: "x86-64-v4" })).minimumLevel).toBe("x86-64-v4");
    });
});

describe("planBuilderPool: counts and Spot", () => {
    it.each([
        [{ minCount: 5, maxCount: 2 }, /minCount \(5\) is above maxCount \(2\)/],
        [{ maxCount: 1000 }, /from 1 to 999 \(one three-digit slot per VM\)/],
        [{ maxCount: 0 }, /from 1 to 999/],
        [{ minCount: -1 }, /minCount must be a whole number >= 1/],
        [{ minCount: 0 }, /CPU autoscale needs a running builder/],
        [{ zones: ["4"] }, /zone "4"/],
        [{ spot: { maxPrice: 0 } }, /spot.maxPrice/],
        [{ spot: { regularPercentAboveBase: 101 } }, /regularPercentAboveBase/],
        [{ spot: { regularBaseCount: 11 } }, /regularBaseCount must be a whole number from 0 to maxCount \(10\)/],
    ] as const)("refuses %j", (overrides, message) => {
        expect(failure(overrides as Partial<PoolPlanInput>)).toMatch(message);
    });

    it("splits a pool over zones into one scale set each, the counts as even as they go", () => {
        const plan = planBuilderPool(pool({ minCount: 3, maxCount: 10, zones: ["2", "1", "3"], spot: { regularBaseCount: 1 } }));
        expect(plan.stacks.map(({ logicalName, zone, minCount, maxCount, spot }) => [logicalName, zone, minCount, maxCount, spot?.regularBaseCount])).toEqual([
            ["v3spot-z1-vmss", "1", 1, 4, 1],
            ["v3spot-z2-vmss", "2", 1, 3, 0],
            ["v3spot-z3-vmss", "3", 1, 3, 0],
        ]);
        expect(planBuilderPool(pool({})).stacks).toEqual([
            { logicalName: "v3spot-vmss", zone: undefined, minCount: 1, maxCount: 10, spot: undefined, index: 0, of: 1 },
        ]);
    });

    it("wants a builder per zone, since each zone's scale set scales on its own CPU", () => {
        expect(failure({ minCount: 2, zones: ["1", "2", "3"] })).toMatch(/minCount \(2\) is below the number of zones \(3\).*raise minCount to 3/);
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
        const nvmeImage = { imageDiskControllers: ["SCSI", "NVMe"] } as const;
        const plan = planBuilderPool(pool({ vmSizes: ["Standard_D16ads_v6"], ...nvmeImage }));
        expect(plan.mockDisk).toBe("nvme");
        expect(plan.osDisk).toMatchObject({ kind: "managed", storageAccountType: "Premium_LRS" });
        expect(plan.diskControllerType).toBe("NVMe");
        const osOnNvme = planBuilderPool(pool({ vmSizes: ["Standard_D16ads_v6"], mockDisk: "data-disk", ...nvmeImage }));
        expect(osOnNvme.osDisk).toEqual({ kind: "ephemeral", sizeGb: 30, placement: "NvmeDisk" });
        expect(osOnNvme.mockDataDiskSizeGb).toBe(300);
    });

    it("uses a managed OS disk and a data disk for mock on sizes without a local disk", () => {
        const plan = planBuilderPool(pool({ vmSizes: ["Standard_D16as_v5"], mockDataDiskSizeGb: 512 }));
        expect(plan).toMatchObject({ mockDisk: "data-disk", mockDataDiskSizeGb: 512, osDisk: { kind: "managed", sizeGb: 64 } });
        expect(planBuilderPool(pool({ vmSizes: ["Standard_D16_v5"] })).osDisk.storageAccountType).toBe("StandardSSD_LRS");
    });

    it("reads the local disk from the size's page, not its name: Dasv4 has a temp disk without a d", () => {
        const plan = planBuilderPool(pool({ vmSizes: ["Standard_D16as_v4"] }));
        expect(plan).toMatchObject({ mockDisk: "resource", osDisk: { kind: "ephemeral", placement: "ResourceDisk" } });
    });

    it("gives a mix a managed OS disk even where its sizes could hold an ephemeral one", () => {
        const plan = planBuilderPool(pool({ vmSizes: ["Standard_D16ads_v5", "Standard_D8ads_v5"] }));
        expect(plan).toMatchObject({ mockDisk: "resource", osDisk: { kind: "managed" } });
    });

    it("refuses a local mock disk the sizes do not have", () => {
        expect(failure({ vmSizes: ["Standard_D16as_v5"], mockDisk: "nvme" })).toMatch(/has no local disk; use mockDisk "data-disk"/);
        expect(failure({ vmSizes: ["Standard_D16ads_v6"], mockDisk: "resource", imageDiskControllers: ["SCSI", "NVMe"] })).toMatch(/use mockDisk "nvme"/);
        expect(failure({ vmSizes: ["Standard_D16as_v5"], mockDisk: "local" })).toMatch(
            /mockDisk "local" needs sizes with that local disk, but Standard_D16as_v5 has no local disk/,
        );
        expect(planBuilderPool(pool({ vmSizes: ["Standard_D16ads_v6"], mockDisk: "local", imageDiskControllers: ["SCSI", "NVMe"] })).mockDisk).toBe("nvme");
        expect(failure({ mockDataDiskSizeGb: 8 })).toMatch(/mockDataDiskSizeGb/);
    });
});

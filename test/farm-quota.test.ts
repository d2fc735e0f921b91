import { describe, expect, it } from "vitest";
import { planBuilderPool, PoolPlanInput } from "../lib/builder-pool-plan";
import { farmQuota } from "../lib/farm-quota";

const pool = (input: Omit<PoolPlanInput, "minCount"> & { minCount?: number }) => ({
    name: input.name,
    maxCount: input.maxCount,
    plan: planBuilderPool({ minCount: 1, ...input }),
});

describe("farmQuota", () => {
    it("counts a constrained size at its parent's vCPUs: 100 x Standard_E16-4ads_v5 need 1600", () => {
        const quota = farmQuota([pool({ name: "mem", vmSizes: ["Standard_E16-4ads_v5"], maxCount: 100 })]);
        expect(quota).toMatchObject({ totalVcpus: 1600, regionalRegularVcpus: 1600, regionalSpotVcpus: 0, regularVcpusBySeries: { Eadsv5: 1600 } });
    });

    it("counts a mix at its largest size and splits a Spot pool into its regular share and Spot", () => {
        const spot = pool({
            name: "spot",
            vmSizes: ["Standard_D8as_v5", "Standard_D16as_v5"],
            maxCount: 22,
            spot: { regularBaseCount: 2, regularPercentAboveBase: 10 },
        });
        const quota = farmQuota([spot]);
        // 2 base + 10 % of the 20 above it = 4 regular VMs; the other 18 are Spot; each counted at 16 vCPUs.
        expect(quota.pools).toEqual([{ pool: "spot", regularVms: 4, spotVms: 18, quotaVcpusPerVm: 16, vcpus: 352 }]);
        expect(quota).toMatchObject({ totalVcpus: 352, regionalRegularVcpus: 64, regionalSpotVcpus: 288 });
        // Any size of the mix may take every regular VM.
        expect(quota.regularVcpusBySeries).toEqual({ Dasv5: 4 * 8 + 4 * 16 });
    });

    it("adds pools up", () => {
        const quota = farmQuota([
            pool({ name: "a", vmSizes: ["Standard_D16as_v5"], maxCount: 10 }),
            pool({ name: "b", vmSizes: ["Standard_D8ads_v5"], maxCount: 4, spot: {} }),
        ]);
        expect(quota).toMatchObject({ totalVcpus: 192, regionalRegularVcpus: 160, regionalSpotVcpus: 32 });
    });
});

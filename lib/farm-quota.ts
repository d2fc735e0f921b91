/**
 * The quota a farm needs, counted as Azure counts it: every VM at its size's quota vCPUs (the parent's for a
 * constrained size, MicrosoftDocs/azure-docs issues #23017 and #118702), a mix at its largest size, each pool at
 * its maximum count. Regular VMs draw on the total regional vCPU quota and a VM-family vCPU quota; Spot VMs on
 * the Spot vCPU quota, which spans all families (learn.microsoft.com/azure/quotas/per-vm-quota-requests,
 * .../quotas/spot-quota). A Spot pool's regular base and regular share above it are regular VMs.
 */
import { findSize } from "../policy/catalog";
import type { PoolPlan } from "./builder-pool-plan";
import type { PackageCachePlan } from "./package-cache/plan";

export interface PoolQuota {
    readonly pool: string;
    /** The most regular and Spot VMs the pool can run at once. */
    readonly regularVms: number;
    readonly spotVms: number;
    readonly quotaVcpusPerVm: number;
    readonly vcpus: number;
}

export interface FarmQuota {
    readonly pools: readonly PoolQuota[];
    /** Everything the pools can reach: what `vcpuBudget` must cover. */
    readonly totalVcpus: number;
    /** Regular vCPUs: the region's total regular quota. */
    readonly regionalRegularVcpus: number;
    /** Spot vCPUs: the region's Spot quota. */
    readonly regionalSpotVcpus: number;
    /** Regular vCPUs per size series, as the pages name them; each series' family quota must cover its figure. */
    readonly regularVcpusBySeries: Readonly<Record<string, number>>;
}

/** A group of VMs that counts against quota: a pool at its maxCount, or the package cache (regular VMs). */
export interface QuotaPool {
    readonly name: string;
    readonly maxCount: number;
    readonly plan: Pick<PoolPlan, "sizes" | "quotaVcpusPerVm" | "spot">;
}

/** The package cache as quota sees it: `count` regular VMs of one size. */
export function cacheQuotaPool(cache: PackageCachePlan): QuotaPool {
    return {
        name: "package cache",
        maxCount: cache.count,
        plan: {
            sizes: [{ name: cache.vmSize, level: cache.level, vcpus: cache.vcpus, quotaVcpus: cache.quotaVcpus }],
            quotaVcpusPerVm: cache.quotaVcpus,
            spot: undefined,
        },
    };
}

/** The most regular VMs a pool runs: all of them, or a Spot pool's base plus its regular share above the base. */
function regularVmsOf({ maxCount, plan }: QuotaPool): number {
    if (plan.spot === undefined) return maxCount;
    const above = maxCount - plan.spot.regularBaseCount;
    return plan.spot.regularBaseCount + Math.ceil((above * plan.spot.regularPercentAboveBase) / 100);
}

export function farmQuota(pools: readonly QuotaPool[]): FarmQuota {
    const bySeries: Record<string, number> = {};
    const perPool = pools.map((pool): PoolQuota => {
        const regularVms = regularVmsOf(pool);
        const spotVms = pool.maxCount - regularVms;
        const perVm = pool.plan.quotaVcpusPerVm;
        // Any size of a mix may take every regular VM, so each size's series needs room for all of them.
        for (const size of pool.plan.sizes) {
            const series = findSize(size.name)?.docSeries ?? size.name;
            bySeries[series] = (bySeries[series] ?? 0) + regularVms * size.quotaVcpus;
        }
        return { pool: pool.name, regularVms, spotVms, quotaVcpusPerVm: perVm, vcpus: pool.maxCount * perVm };
    });
    const sum = (pick: (quota: PoolQuota) => number) => perPool.reduce((total, quota) => total + pick(quota), 0);
    return {
        pools: perPool,
        totalVcpus: sum((quota) => quota.vcpus),
        regionalRegularVcpus: sum((quota) => quota.regularVms * quota.quotaVcpusPerVm),
        regionalSpotVcpus: sum((quota) => quota.spotVms * quota.quotaVcpusPerVm),
        regularVcpusBySeries: bySeries,
    };
}

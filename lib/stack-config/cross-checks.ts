/**
 * The checks across sections, on values each section has already passed: host names (koji and pools), subnet
 * capacity (network and pools) and the vCPU budget (pools and cache). Part of the stack configuration (./index.ts).
 */
import { scaleSetQuotaVcpus } from "../../policy/catalog";
import type { PoolPlan } from "../builder-pool-plan";
import { builderSubnetLayout, subnetKeyFor } from "../builder-subnets";
import { ipv4RangeSize } from "../ip-ranges";
import type { PackageCachePlan } from "../package-cache/plan";
import { builderSlots } from "../slots";
import { rangeOf } from "./fields";
import { AZURE_RESERVED_ADDRESSES, DNS_NAME_MAX, NAMESPACE, SMALLEST_SUBNET_PREFIX } from "./limits";
import type { ConfigError, FarmConfig, KojiConfig, NetworkConfig, PoolConfig } from "./types";

/** The longest slot host name of every pool must be a valid DNS name. */
export function hostNameErrors(koji: KojiConfig, pools: readonly PoolConfig[]): ConfigError[] {
    return pools.flatMap((pool) => {
        const longest = builderSlots(pool.name, pool.maxCount, koji.hostDomain).at(-1)!.hostName;
        return longest.length <= DNS_NAME_MAX
            ? []
            : [{ key: `${NAMESPACE}:koji.hostDomain`, message: `host name ${longest} is longer than ${DNS_NAME_MAX} characters; use a shorter domain` }];
    });
}

/** Every builder needs a NIC address in the builder subnet, and Azure keeps five of them. */
export function subnetCapacityErrors(network: NetworkConfig, pools: readonly { pool: PoolConfig; plan: PoolPlan }[]): ConfigError[] {
    const subnets = builderSubnetLayout(network.builderSubnet, farmZones({ pools: pools.map(({ pool }) => pool) }));
    const keys = subnets.map((subnet) => subnet.key);
    const needed = new Map(keys.map((key) => [key, 0]));
    for (const { plan } of pools) {
        for (const stack of plan.stacks) {
            const key = subnetKeyFor(stack.zone, keys);
            needed.set(key, (needed.get(key) ?? 0) + stack.maxCount);
        }
    }
    // Every subnet is the same size, so the busiest decides; the builder range needs that block per subnet.
    const busiest = Math.max(...needed.values());
    const usable = ipv4RangeSize(rangeOf(subnets[0].prefix)) - AZURE_RESERVED_ADDRESSES;
    if (busiest <= usable) return [];
    const blockPrefix = Math.min(SMALLEST_SUBNET_PREFIX, 32 - Math.ceil(Math.log2(busiest + AZURE_RESERVED_ADDRESSES)));
    const prefix = blockPrefix - Math.ceil(Math.log2(subnets.length));
    const where =
        subnets.length === 1
            ? `${network.builderSubnet} has ${usable} usable addresses (Azure keeps ${AZURE_RESERVED_ADDRESSES}) but the pools' maxCount adds up to ${busiest}`
            : `${network.builderSubnet} is split into ${subnets.length} zone subnets (${subnets.map((subnet) => subnet.prefix).join(", ")}) of ${usable} usable addresses each (Azure keeps ${AZURE_RESERVED_ADDRESSES}), but one zone's scale sets can reach ${busiest} VMs`;
    return [{ key: `${NAMESPACE}:network.builderSubnet`, message: `${where}; use a /${prefix} or larger, or lower maxCount` }];
}

/** Every zone a pool uses, in order: the farm's network gets one zonal stack for each. */
export function farmZones(config: Pick<FarmConfig, "pools">): string[] {
    return [...new Set(config.pools.flatMap((pool) => pool.zones ?? []))].sort();
}

/**
 * The stack policy's ceiling: each pool at maxCount on its largest size, counted as Azure counts quota
 * (constrained sizes at their parent's vCPUs), and the package cache's VMs, must fit the donated quota.
 */
export function budgetErrors(budget: number, pools: readonly PoolConfig[], cache: PackageCachePlan): ConfigError[] {
    const perGroup = [
        ...pools.map((pool) => {
            const total = scaleSetQuotaVcpus(pool.vmSizes, pool.maxCount) ?? 0;
            return { name: pool.name, count: pool.maxCount, vcpus: total / pool.maxCount, total };
        }),
        { name: "package cache", count: cache.count, vcpus: cache.quotaVcpus, total: cache.count * cache.quotaVcpus },
    ];
    const total = perGroup.reduce((sum, item) => sum + item.total, 0);
    if (total <= budget) return [];
    const breakdown = perGroup.map(({ name, count, vcpus, total: groupTotal }) => `${name} ${count} x ${vcpus} = ${groupTotal}`).join(", ");
    return [
        {
            key: `${NAMESPACE}:vcpuBudget`,
            message: `the farm can reach ${total} vCPUs (${breakdown}) but the budget is ${budget}; lower maxCount, use smaller sizes or raise vcpuBudget`,
        },
    ];
}

/**
 * The policy pack's configuration that follows from a stack's own: the farm's minimum level for the size
 * policy and its vCPU budget for the stack policy. `npm run plan` configures the pack with it, and
 * `npm run policy-config` writes it for `pulumi preview --policy-pack policy --policy-pack-config <file>`,
 * so the real preview judges the stack by the same numbers.
 */
import type { FarmConfig } from "./stack-config";

export type PolicyPackConfig = Record<string, Record<string, unknown>>;

export function policyPackConfigFor(config: Pick<FarmConfig, "minimumLevel" | "vcpuBudget">): PolicyPackConfig {
    return {
        "vm-sizes-x86-64-v3": { minimumLevel: config.minimumLevel },
        "vcpu-budget": { vcpuBudget: config.vcpuBudget },
    };
}

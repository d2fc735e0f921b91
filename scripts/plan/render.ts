/** The plan as a person reads it: the resource tree with each resource's key settings, then the policy results. */
import type { PoolPlan } from "../../lib/builder-pool-plan";
import type { FarmQuota } from "../../lib/farm-quota";
import { builderSlots } from "../../lib/slots";
import { meetsLevel } from "../../policy/catalog";
import type { PlannedResource } from "./run-program";

export interface Violation {
    readonly policy: string;
    readonly enforcementLevel: string;
    readonly urn?: string;
    readonly message: string;
}

export interface PlanSummary {
    readonly resources: number;
    readonly byType: Record<string, number>;
    readonly mandatory: number;
    readonly advisory: number;
    readonly clean: boolean;
}

export function summarize(resources: readonly PlannedResource[], violations: readonly Violation[]): PlanSummary {
    const byType: Record<string, number> = {};
    for (const resource of resources) byType[resource.type] = (byType[resource.type] ?? 0) + 1;
    const mandatory = violations.filter((violation) => violation.enforcementLevel === "mandatory").length;
    return { resources: resources.length, byType, mandatory, advisory: violations.length - mandatory, clean: mandatory === 0 };
}

/** The few settings worth a glance per resource type; everything else is in `--json`. */
function keySettings(resource: PlannedResource): string {
    // The recorded inputs are JSON of each type's own shape, read here a few fields per type.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const inputs = resource.inputs as Record<string, any>;
    switch (resource.type) {
        case "azure-native:compute:VirtualMachineScaleSet": {
            const sizes =
                inputs.sku?.name === "Mix" ? (inputs.skuProfile?.vmSizes ?? []).map((size: { name?: string }) => size.name).join(", ") : inputs.sku?.name;
            const priority = inputs.virtualMachineProfile?.priority ?? "Regular";
            const zones = inputs.zones?.length ? `zone ${inputs.zones.join(", ")}` : "regional";
            return `sizes ${sizes}; ${priority}; ${zones}; start ${inputs.sku?.capacity ?? 0}`;
        }
        case "azure-native:monitor:AutoscaleSetting": {
            const capacity = inputs.profiles?.[0]?.capacity;
            return capacity ? `${capacity.minimum}..${capacity.maximum} VMs, ${inputs.profiles.length} profile(s)${inputs.enabled ? "" : ", disabled"}` : "";
        }
        case "azure-native:network:VirtualNetwork":
            return (inputs.addressSpace?.addressPrefixes ?? []).join(", ");
        case "azure-native:network:Subnet":
            return inputs.addressPrefix ?? "";
        case "azure-native:storage:StorageAccount":
            return `${inputs.sku?.name ?? ""}${resource.protect ? ", protected" : ""}`;
        case "azure-native:authorization:ManagementLockByScope":
            return inputs.level ?? "";
        case "azure-native:resources:ResourceGroup":
            return inputs.location ?? "";
        default:
            return "";
    }
}

export function renderTree(resources: readonly PlannedResource[]): string {
    const children = new Map<string | undefined, PlannedResource[]>();
    for (const resource of resources) {
        const siblings = children.get(resource.parent) ?? [];
        siblings.push(resource);
        children.set(resource.parent, siblings);
    }
    const lines: string[] = [];
    const walk = (parent: string | undefined, depth: number) => {
        for (const resource of children.get(parent) ?? []) {
            const settings = keySettings(resource);
            lines.push(`${"  ".repeat(depth)}${resource.type}  ${resource.name}${settings ? `  (${settings})` : ""}`);
            walk(resource.urn, depth + 1);
        }
    };
    walk(undefined, 0);
    return lines.join("\n");
}

export function renderViolations(violations: readonly Violation[], resources: readonly PlannedResource[]): string {
    if (violations.length === 0) return "Policies: no violations.";
    const nameOf = (urn?: string) => resources.find((resource) => resource.urn === urn)?.name ?? "(stack)";
    // The engine puts the policy's description on the first line; the finding itself follows.
    const finding = (message: string) => message.split("\n").slice(1).join(" ") || message;
    const line = (violation: Violation) => `${violation.policy} on ${nameOf(violation.urn)}: ${finding(violation.message)}`;
    // Mandatory findings one by one; advisory ones one line per policy, with a count and the first as example.
    const mandatory = violations.filter((violation) => violation.enforcementLevel === "mandatory").map((violation) => `  MANDATORY ${line(violation)}`);
    const advisory = [...new Set(violations.filter((violation) => violation.enforcementLevel !== "mandatory").map((violation) => violation.policy))].map(
        (policy) => {
            const found = violations.filter((violation) => violation.policy === policy && violation.enforcementLevel !== "mandatory");
            return `  ADVISORY ${policy}: ${found.length} finding${found.length === 1 ? "" : "s"}, e.g. ${line(found[0]).slice(policy.length + 1)}`;
        },
    );
    return ["Policies:", ...mandatory, ...advisory].join("\n");
}

/** What one pool gives the operator, from its plan. */
export interface PoolSummary {
    readonly name: string;
    readonly sizes: readonly { readonly name: string; readonly level: string; readonly vcpus: number }[];
    /** The lowest level of its sizes: what every builder of the pool runs. */
    readonly guaranteedLevel: string;
    readonly vcpusPerVm: { readonly min: number; readonly max: number };
    readonly vms: { readonly min: number; readonly max: number };
    readonly priority: string;
    readonly zones: readonly string[];
    readonly scaleSets: number;
    readonly mockDisk: string;
    readonly osDisk: string;
    readonly slots: { readonly first: string; readonly last: string; readonly count: number };
}

export function poolSummary(name: string, minCount: number, maxCount: number, plan: PoolPlan, hostDomain: string): PoolSummary {
    const slots = builderSlots(name, maxCount, hostDomain);
    const spot = plan.spot;
    return {
        name,
        sizes: plan.sizes.map(({ name: size, level, vcpus }) => ({ name: size, level, vcpus })),
        guaranteedLevel: plan.sizes.map((size) => size.level).reduce((low, level) => (meetsLevel(level, low) ? low : level)),
        vcpusPerVm: { min: plan.minVcpus, max: plan.maxVcpus },
        vms: { min: minCount, max: maxCount },
        priority: spot
            ? `Spot (regular base ${spot.regularBaseCount}, ${spot.regularPercentAboveBase}% regular above it, max price ${spot.maxPrice === -1 ? "on-demand" : `$${spot.maxPrice}/h`})`
            : "regular",
        zones: plan.stacks.flatMap((stack) => (stack.zone === undefined ? [] : [stack.zone])),
        scaleSets: plan.stacks.length,
        mockDisk:
            plan.mockDisk === "data-disk"
                ? `data disk (${plan.mockDataDiskSizeGb} GiB)`
                : plan.mockDisk === "os-disk"
                  ? "OS disk"
                  : `local ${plan.mockDisk} disk`,
        osDisk:
            plan.osDisk.kind === "ephemeral"
                ? `ephemeral on the ${plan.osDisk.placement === "NvmeDisk" ? "NVMe" : "resource"} disk (${plan.osDisk.sizeGb} GiB)`
                : `managed ${plan.osDisk.storageAccountType} (${plan.osDisk.sizeGb} GiB)`,
        slots: { first: slots[0].hostName, last: slots[slots.length - 1].hostName, count: slots.length },
    };
}

/** One block per pool: sizes and levels, counts, priority, zones, disks and the slots' host names. */
export function renderPools(pools: readonly PoolSummary[]): string {
    return [
        "Pools:",
        ...pools.flatMap((pool) => [
            `  ${pool.name}: ${pool.sizes.map((size) => `${size.name} (${size.level})`).join(", ")}; guaranteed ${pool.guaranteedLevel} on every VM`,
            `    ${pool.vcpusPerVm.min === pool.vcpusPerVm.max ? pool.vcpusPerVm.min : `${pool.vcpusPerVm.min}..${pool.vcpusPerVm.max}`} vCPUs per VM; ` +
                `${pool.vms.min}..${pool.vms.max} VMs (${pool.vms.min * pool.vcpusPerVm.min}..${pool.vms.max * pool.vcpusPerVm.max} vCPUs); ${pool.priority}`,
            `    ${pool.zones.length > 0 ? `zones ${pool.zones.join(", ")} (one scale set each)` : "regional (one scale set)"}; mock on the ${pool.mockDisk}; OS disk ${pool.osDisk}`,
            `    ${pool.slots.count} slots: ${pool.slots.first} .. ${pool.slots.last}`,
        ]),
    ].join("\n");
}

/** The farm's vCPUs against the budget, and the quota to request, as Azure's quota pages split it. */
export function renderQuota(quota: FarmQuota, vcpuBudget: number): string {
    const pools = quota.pools.map(
        (pool) => `  ${pool.pool}: up to ${pool.regularVms} regular + ${pool.spotVms} Spot VMs x ${pool.quotaVcpusPerVm} vCPUs = ${pool.vcpus}`,
    );
    const series = Object.entries(quota.regularVcpusBySeries)
        .filter(([, vcpus]) => vcpus > 0)
        .map(([name, vcpus]) => `    ${name} family: ${vcpus}`);
    return [
        `Quota, counted as Azure counts it (constrained sizes at their parent's vCPUs, a mix at its largest size):`,
        ...pools,
        `  total ${quota.totalVcpus} of vcpuBudget ${vcpuBudget}${quota.totalVcpus > vcpuBudget ? " (OVER)" : ""}`,
        `  request in the region: total regional vCPUs >= ${quota.regionalRegularVcpus}; Spot vCPUs (all families) >= ${quota.regionalSpotVcpus}`,
        ...(series.length > 0 ? [`  and VM-family vCPUs for the regular VMs (a mix needs room in each of its sizes' families):`, ...series] : []),
    ].join("\n");
}

/**
 * The stack's outputs, one line per leaf (`pools.spot.hostNames: spot-001… .. spot-020… (20)`), as a preview would
 * show them: what only `pulumi up` can know reads `(known after pulumi up)`. Long lists show their ends and count;
 * a multi-line text (the admin runbook) its line count, with where to get it. Keys are sorted, as the Pulumi CLI
 * sorts a property map's keys when it prints one, so the order does not hang on how the program was compiled.
 */
export function renderOutputs(outputs: Record<string, unknown>): string {
    const lines: string[] = [];
    const show = (value: unknown, key: string): string => {
        if (typeof value === "string") return value.includes("\n") ? `${value.split("\n").length} lines (pulumi stack output ${key})` : value;
        if (Array.isArray(value)) {
            if (value.length > 3) return `${show(value[0], key)} .. ${show(value[value.length - 1], key)} (${value.length})`;
            return value.map((item) => show(item, key)).join(", ");
        }
        if (value !== null && typeof value === "object") {
            return `{ ${Object.entries(value)
                .map(([name, inner]) => `${name}: ${show(inner, key)}`)
                .join(", ")} }`;
        }
        return JSON.stringify(value);
    };
    const walk = (prefix: string, value: unknown): void => {
        if (value !== null && typeof value === "object" && !Array.isArray(value)) {
            for (const [key, inner] of Object.entries(value).sort(([first], [second]) => first.localeCompare(second))) {
                walk(prefix ? `${prefix}.${key}` : key, inner);
            }
            return;
        }
        lines.push(`  ${prefix}: ${show(value, prefix)}`);
    };
    walk("", outputs);
    return ["Outputs:", ...lines].join("\n");
}

export function renderSummary(summary: PlanSummary): string {
    const verdict = summary.clean ? "clean" : `${summary.mandatory} mandatory violation(s)`;
    return `Plan: ${summary.resources} resources; ${verdict}; ${summary.advisory} advisory.`;
}

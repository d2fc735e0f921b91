/**
 * The farm's VMs together cannot grow past the donated vCPU quota.
 *
 * Microsoft donates a finite regional quota. A plan whose VMs can autoscale beyond it would fail at scale-out
 * time, at the busiest moment, with "quota exceeded" instead of at preview.
 *
 * Counted as Azure counts quota: each scale set at the larger of its own count and the largest `capacity.maximum`
 * of the autoscale settings that target it; each VM at one; each AKS pool at its count, or its `maxCount` when
 * larger (both providers' resources). Each VM counts the vCPUs its size counts against quota: for an instance
 * mix, the largest size's, since the allocator may pick it for every VM; for a constrained-vCPU size, its
 * parent's, as Azure counts and bills it (MicrosoftDocs/azure-docs issues #23017 and #118702).
 *
 * @severity high
 * @topics compute, quota
 */
import type { PolicyResource, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { UnknownValueError } from "@pulumi/policy";
import * as compute from "@pulumi/azure-native/compute";
import * as containerservice from "@pulumi/azure-native/containerservice";
import * as monitor from "@pulumi/azure-native/monitor";
import { scaleSetQuotaVcpus } from "../catalog";
import { asList, describeValue, field, LocatedValue } from "../lib/props";
import { refersTo } from "../lib/references";
import { configWithDefaults, isOfType, ResourceType } from "../lib/resource-types";
import { locatedSizes } from "../lib/vm-size-locations";
import { CLASSIC } from "../lib/classic-types";

export interface VcpuBudgetConfig {
    /** Quota vCPUs the farm's scale sets may use at most, summed at their maximum sizes. */
    readonly vcpuBudget: number;
}

/** A placeholder in the order of Fedora's x86_64 builder fleet; set the stack's real quota in the pack config. */
const DEFAULTS: VcpuBudgetConfig = { vcpuBudget: 1000 };

/** A VM count as ARM takes it: a non-negative integer, which autoscale profiles spell as a string. */
function vmCount(value: unknown): number | undefined {
    const count = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
    return typeof count === "number" && Number.isInteger(count) && count >= 0 ? count : undefined;
}

interface Ceiling {
    readonly vcpus: number;
    readonly explanation: string;
}

/** One group of VMs of one size choice: a scale set, a VM, an AKS pool. */
interface VmGroup {
    /** How the message names it: the resource, and the pool within it. */
    readonly label: string;
    readonly sizes: LocatedValue[];
    /** Where its VM count can come from; the largest known one counts (`fixed` for a single VM). */
    readonly counts: readonly { readonly source: string; readonly value: unknown }[];
}

/** The largest `capacity.maximum` of the autoscale settings (either provider's) that target the resource. */
function autoscaleMaximum(resource: PolicyResource, autoscaleSettings: readonly PolicyResource[]): { source: string; value: unknown }[] {
    const targeting = autoscaleSettings.filter(
        (setting) => refersTo(setting, "targetResourceUri", resource) || refersTo(setting, "targetResourceId", resource),
    );
    return targeting.flatMap((setting) => {
        const profiles = asList(setting.props.profiles);
        // A setting that targets the resource but says no maximum cannot be counted (null marks it so).
        return profiles.length === 0
            ? [{ source: "autoscale capacity.maximum", value: null }]
            : profiles.map((profile) => ({ source: "autoscale capacity.maximum", value: field(profile, "capacity", "maximum") }));
    });
}

/** An AKS pool's VMs: `count`, or `maxCount` when it autoscales (either provider's names). */
function aksPool(label: string, pool: unknown): VmGroup {
    const vmSize = field(pool, "vmSize");
    return {
        label,
        sizes: [{ path: `${label}.vmSize`, value: vmSize }],
        counts: [
            { source: "count", value: field(pool, "count") ?? field(pool, "nodeCount") },
            { source: "maxCount", value: field(pool, "maxCount") },
        ].filter(({ value }) => value !== undefined),
    };
}

/**
 * What each kind of resource asks of the quota, in the terms of @pulumi/azure-native and of the classic
 * @pulumi/azure (6.40.0): scale sets at the larger of their count and their autoscale maximum, single VMs at
 * one, AKS pools at their count or autoscale maximum. Sizes as the size policy finds them.
 */
const VM_GROUPS: readonly {
    readonly resourceType: ResourceType;
    readonly groups: (resource: PolicyResource, autoscale: readonly PolicyResource[]) => VmGroup[];
}[] = [
    {
        resourceType: compute.VirtualMachineScaleSet,
        groups: (resource, autoscale) => [
            {
                label: resource.name,
                sizes: locatedSizes(resource),
                counts: [{ source: "sku.capacity", value: field(resource.props, "sku", "capacity") }, ...autoscaleMaximum(resource, autoscale)],
            },
        ],
    },
    {
        resourceType: compute.VirtualMachine,
        groups: (resource) => [{ label: resource.name, sizes: locatedSizes(resource), counts: [{ source: "one VM", value: 1 }] }],
    },
    {
        resourceType: containerservice.ManagedCluster,
        groups: (resource) => asList(resource.props.agentPoolProfiles).map((pool, index) => aksPool(`${resource.name}.agentPoolProfiles[${index}]`, pool)),
    },
    { resourceType: containerservice.AgentPool, groups: (resource) => [aksPool(resource.name, resource.props)] },
    ...[CLASSIC.compute.LinuxVirtualMachineScaleSet, CLASSIC.compute.WindowsVirtualMachineScaleSet].map((resourceType) => ({
        resourceType,
        groups: (resource: PolicyResource, autoscale: readonly PolicyResource[]): VmGroup[] => [
            {
                label: resource.name,
                sizes: locatedSizes(resource),
                counts: [{ source: "instances", value: resource.props.instances }, ...autoscaleMaximum(resource, autoscale)],
            },
        ],
    })),
    {
        resourceType: CLASSIC.compute.OrchestratedVirtualMachineScaleSet,
        groups: (resource, autoscale) => [
            {
                label: resource.name,
                sizes: locatedSizes(resource),
                counts: [{ source: "instances", value: resource.props.instances }, ...autoscaleMaximum(resource, autoscale)],
            },
        ],
    },
    {
        resourceType: CLASSIC.containerservice.KubernetesCluster,
        groups: (resource) => [aksPool(`${resource.name}.defaultNodePool`, resource.props.defaultNodePool)],
    },
    { resourceType: CLASSIC.containerservice.KubernetesClusterNodePool, groups: (resource) => [aksPool(resource.name, resource.props)] },
];

const AUTOSCALE_TYPES: readonly ResourceType[] = [monitor.AutoscaleSetting, CLASSIC.monitoring.AutoscaleSetting];

/**
 * A group's ceiling, or why it cannot be computed: its largest VM count times its largest size's quota vCPUs
 * (`scaleSetQuotaVcpus`, the function the stack configuration counts with). A group that names no size (a
 * Flexible scale set whose VMs are registered separately) has a ceiling of 0.
 */
function groupCeiling(group: VmGroup): Ceiling | { problem: string } {
    if (group.sizes.length === 0) return { vcpus: 0, explanation: `${group.label}: names no size` };
    const uncounted = group.sizes.find(({ value }) => typeof value !== "string" || scaleSetQuotaVcpus([value], 1) === null);
    if (uncounted !== undefined) return { problem: `${uncounted.path} (${describeValue(uncounted.value)}) has no vCPU count in the catalog` };
    const names = group.sizes.map(({ value }) => value as string);
    const perVm = scaleSetQuotaVcpus(names, 1) as number;
    // A count left out gives way to the others (a scale set sized by its autoscale setting); one given wrong does not.
    const counted = group.counts.filter(({ value }) => value !== undefined).map(({ source, value }) => ({ source, count: vmCount(value) }));
    const unknown = counted.find(({ count }) => count === undefined);
    if (counted.length === 0 || unknown !== undefined) {
        return { problem: `its VM count (${unknown?.source ?? group.counts.map(({ source }) => source).join(" or ")}) is missing or not a whole number` };
    }
    const largest = counted.reduce((best, next) => ((next.count as number) > (best.count as number) ? next : best));
    const count = largest.count as number;
    return { vcpus: scaleSetQuotaVcpus(names, count) as number, explanation: `${group.label}: ${count} VMs (${largest.source}) × ${perVm} vCPUs` };
}

function validateVcpuBudget(args: StackValidationArgs, reportViolation: (message: string, urn?: string) => void): void {
    const { vcpuBudget } = configWithDefaults(args, DEFAULTS);
    const autoscaleSettings = args.resources.filter((resource) => AUTOSCALE_TYPES.some((type) => isOfType(resource, type)));
    const ceilings: Ceiling[] = [];
    // A resource unknown during preview is left out of the sum; the known ones can still exceed the budget.
    let unknown: Error | undefined;
    for (const resource of args.resources) {
        const kind = VM_GROUPS.find(({ resourceType }) => isOfType(resource, resourceType));
        try {
            for (const group of kind?.groups(resource, autoscaleSettings) ?? []) {
                const result = groupCeiling(group);
                if ("problem" in result) {
                    // Fail closed: VMs that cannot be counted cannot be shown to fit the budget.
                    reportViolation(`Cannot count the vCPUs of "${group.label}": ${result.problem}.`, resource.urn);
                } else {
                    ceilings.push(result);
                }
            }
        } catch (error) {
            if (!(error instanceof UnknownValueError)) throw error;
            unknown ??= error as Error;
        }
    }
    const total = ceilings.reduce((sum, { vcpus }) => sum + vcpus, 0);
    if (total > vcpuBudget) {
        const breakdown = ceilings
            .filter(({ vcpus }) => vcpus > 0)
            .map(({ explanation }) => explanation)
            .join("; ");
        reportViolation(
            `The farm's VMs can grow to ${unknown === undefined ? "" : "at least "}${total} vCPUs, above the budget of ${vcpuBudget} (${breakdown}).`,
        );
    }
    // The engine turns this into its "can't run policy during preview" advisory, after the known violations.
    if (unknown !== undefined) throw unknown;
}

export const vcpuBudget: StackValidationPolicy = {
    name: "vcpu-budget",
    description:
        "The farm's scale sets, VMs and AKS pools at their largest counts times their sizes' quota vCPUs must not exceed the configured vCPU budget (the donated quota).",
    enforcementLevel: "mandatory",
    severity: "high",
    configSchema: {
        properties: {
            vcpuBudget: {
                type: "integer",
                minimum: 0,
                default: DEFAULTS.vcpuBudget,
                description: "Total quota vCPUs the farm's VMs may reach at their largest counts.",
            },
        },
    },
    validateStack: validateVcpuBudget,
};

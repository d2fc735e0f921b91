/**
 * The scale sets together cannot grow past the donated vCPU quota.
 *
 * Microsoft donates a finite regional quota. A plan whose scale sets can autoscale beyond it would fail at
 * scale-out time, at the busiest moment, with "quota exceeded" instead of at preview.
 *
 * A scale set's ceiling is its maximum VM count times the vCPUs its size counts against quota (for an instance
 * mix, the largest size's, since the allocator may pick it for every VM; for a constrained-vCPU size, its
 * parent's, as Azure counts and bills it: MicrosoftDocs/azure-docs issues #23017 and #118702). The maximum VM count is the largest `capacity.maximum`
 * over the profiles of the autoscale settings that target the scale set, or its `sku.capacity` when none does.
 *
 * @severity high
 * @topics compute, quota
 */
import type { PolicyResource, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import * as compute from "@pulumi/azure-native/compute";
import * as monitor from "@pulumi/azure-native/monitor";
import { scaleSetQuotaVcpus } from "../catalog";
import { asList, describeValue, field } from "../lib/props";
import { refersTo } from "../lib/references";
import { configWithDefaults, isOfType } from "../lib/resource-types";
import { scaleSetSizes } from "../lib/vm-size-locations";

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

function maximumVmCount(scaleSet: PolicyResource, autoscaleSettings: PolicyResource[]): { count?: number; source: string } {
    const targeting = autoscaleSettings.filter((setting) => refersTo(setting, "targetResourceUri", scaleSet));
    if (targeting.length === 0) {
        return { count: vmCount(field(scaleSet.props, "sku", "capacity")), source: "sku.capacity" };
    }
    const maxima = targeting.flatMap((setting) =>
        asList(setting.props.profiles).map((profile) => vmCount(field(profile, "capacity", "maximum"))),
    );
    const known = maxima.filter((maximum): maximum is number => maximum !== undefined);
    const count = known.length === maxima.length && known.length > 0 ? Math.max(...known) : undefined;
    return { count, source: "autoscale capacity.maximum" };
}

/**
 * A scale set's ceiling, or why it cannot be computed: its maximum VM count times its largest size's quota
 * vCPUs (`scaleSetQuotaVcpus`, the function the stack configuration counts with). A scale set that names no
 * size (Flexible, its VMs registered separately) has a ceiling of 0.
 */
function scaleSetCeiling(scaleSet: PolicyResource, autoscaleSettings: PolicyResource[]): Ceiling | { problem: string } {
    const sizes = scaleSetSizes(scaleSet.props);
    if (sizes.length === 0) {
        return { vcpus: 0, explanation: `${scaleSet.name}: names no size` };
    }
    const uncounted = sizes.find(({ value }) => typeof value !== "string" || scaleSetQuotaVcpus([value], 1) === null);
    if (uncounted !== undefined) {
        return { problem: `${uncounted.path} (${describeValue(uncounted.value)}) has no vCPU count in the catalog` };
    }
    const names = sizes.map(({ value }) => value as string);
    const perVm = scaleSetQuotaVcpus(names, 1) as number;
    const { count, source } = maximumVmCount(scaleSet, autoscaleSettings);
    if (count === undefined) {
        return { problem: `its maximum VM count (${source}) is missing or not a whole number` };
    }
    return { vcpus: scaleSetQuotaVcpus(names, count) as number, explanation: `${scaleSet.name}: ${count} VMs (${source}) × ${perVm} vCPUs` };
}

function validateVcpuBudget(args: StackValidationArgs, reportViolation: (message: string, urn?: string) => void): void {
    const { vcpuBudget } = configWithDefaults(args, DEFAULTS);
    const autoscaleSettings = args.resources.filter((resource) => isOfType(resource, monitor.AutoscaleSetting));
    const ceilings: Ceiling[] = [];
    for (const scaleSet of args.resources.filter((resource) => isOfType(resource, compute.VirtualMachineScaleSet))) {
        const result = scaleSetCeiling(scaleSet, autoscaleSettings);
        if ("problem" in result) {
            // Fail closed: a scale set that cannot be counted cannot be shown to fit the budget.
            reportViolation(`Cannot count the vCPUs of scale set "${scaleSet.name}": ${result.problem}.`, scaleSet.urn);
        } else {
            ceilings.push(result);
        }
    }
    const total = ceilings.reduce((sum, { vcpus }) => sum + vcpus, 0);
    if (total > vcpuBudget) {
        const breakdown = ceilings
            .filter(({ vcpus }) => vcpus > 0)
            .map(({ explanation }) => explanation)
            .join("; ");
        reportViolation(`The scale sets can grow to ${total} vCPUs, above the budget of ${vcpuBudget} (${breakdown}).`);
    }
}

export const vcpuBudget: StackValidationPolicy = {
    name: "vcpu-budget",
    description:
        "The scale sets' maximum VM counts times their sizes' vCPUs must not exceed the configured vCPU budget (the donated quota).",
    enforcementLevel: "mandatory",
    severity: "high",
    configSchema: {
        properties: {
            vcpuBudget: {
                type: "integer",
                minimum: 0,
                default: DEFAULTS.vcpuBudget,
                description: "Total vCPUs the scale sets may reach at their maximum counts.",
            },
        },
    },
    validateStack: validateVcpuBudget,
};

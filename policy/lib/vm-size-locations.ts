/**
 * Every place an Azure resource of this provider names a VM size. The size policy checks all of them; the
 * vCPU budget reads the scale set ones. Property paths are those of @pulumi/azure-native v3's input types
 * (`types/input.d.ts`); a location whose size is missing is returned with `value: undefined`, because Azure
 * would then choose a default size that nothing guarantees to be x86-64-v3.
 */
import * as azurefleet from "@pulumi/azure-native/azurefleet";
import * as batch from "@pulumi/azure-native/batch";
import * as compute from "@pulumi/azure-native/compute";
import * as computebulkactions from "@pulumi/azure-native/computebulkactions";
import * as containerservice from "@pulumi/azure-native/containerservice";
import { equalsIgnoreCase, eachElement, field, fieldOfEachElement, isSet, LocatedValue } from "./props";
import type { ResourceClass } from "./resource-types";

/** `sku.name` of a scale set whose sizes are listed in `skuProfile.vmSizes` (instance mix); not a size itself. */
const INSTANCE_MIX_SKU = "Mix";

/**
 * A scale set's sizes: `sku.name` unless it is the instance-mix marker, and each `skuProfile.vmSizes[].name`.
 * A scale set without `sku` (Flexible, VMs attached separately) names no size of its own; a `sku` without a
 * name, or a mix without sizes, is reported as a missing size.
 */
export function scaleSetSizes(props: unknown): LocatedValue[] {
    const sku = field(props, "sku");
    const skuName = field(sku, "name");
    const mixSizes = fieldOfEachElement(props, "", ["skuProfile", "vmSizes"], "name");
    if (!isSet(sku)) {
        return mixSizes;
    }
    if (equalsIgnoreCase(skuName, INSTANCE_MIX_SKU)) {
        return orMissing(mixSizes, "skuProfile.vmSizes");
    }
    return [{ path: "sku.name", value: skuName }, ...mixSizes];
}

/**
 * An AKS node pool's sizes: `vmSize` and, for pools of type VirtualMachines, each
 * `virtualMachinesProfile.scale.manual[].size`. A pool naming neither gets AKS's default size.
 */
function aksPoolSizes(pool: unknown, poolPath: string): LocatedValue[] {
    const prefix = poolPath === "" ? "" : `${poolPath}.`;
    const vmSize = field(pool, "vmSize");
    const named = isSet(vmSize) ? [{ path: `${prefix}vmSize`, value: vmSize }] : [];
    const manual = fieldOfEachElement(pool, poolPath, ["virtualMachinesProfile", "scale", "manual"], "size");
    return orMissing([...named, ...manual], `${prefix}vmSize`);
}

/** The sizes found, or one missing size at `path` when a resource that must name a size names none. */
function orMissing(sizes: LocatedValue[], path: string): LocatedValue[] {
    return sizes.length > 0 ? sizes : [{ path, value: undefined }];
}

/**
 * A Compute Fleet's (or bulk launch's) sizes: each `vmSizesProfile[].name`. Attribute-based selection
 * (`vmAttributes`) lets Azure pick any size matching the attributes, so it counts as a size not given.
 */
function fleetSizes(profile: unknown, profilePath: string): LocatedValue[] {
    const prefix = profilePath === "" ? "" : `${profilePath}.`;
    const attributeBased = isSet(field(profile, "vmAttributes")) ? [{ path: `${prefix}vmAttributes`, value: undefined }] : [];
    const listed = fieldOfEachElement(profile, profilePath, ["vmSizesProfile"], "name");
    return orMissing([...listed, ...attributeBased], `${prefix}vmSizesProfile`);
}

/** One required size property at a fixed path. */
function sizeAt(...path: string[]): (props: unknown) => LocatedValue[] {
    return (props) => [{ path: path.join("."), value: field(props, ...path) }];
}

export interface SizeLocation {
    readonly resourceClass: ResourceClass;
    readonly sizes: (props: unknown) => LocatedValue[];
}

export const SIZE_LOCATIONS: readonly SizeLocation[] = [
    { resourceClass: compute.VirtualMachineScaleSet, sizes: scaleSetSizes },
    { resourceClass: compute.VirtualMachine, sizes: sizeAt("hardwareProfile", "vmSize") },
    {
        resourceClass: containerservice.ManagedCluster,
        sizes: (props) =>
            eachElement(props, "", "agentPoolProfiles").flatMap(({ path, value }) => aksPoolSizes(value, path)),
    },
    { resourceClass: containerservice.AgentPool, sizes: (props) => aksPoolSizes(props, "") },
    { resourceClass: batch.Pool, sizes: sizeAt("vmSize") },
    { resourceClass: azurefleet.Fleet, sizes: (props) => fleetSizes(props, "") },
    { resourceClass: computebulkactions.BulkAction, sizes: (props) => fleetSizes(field(props, "properties"), "properties") },
];

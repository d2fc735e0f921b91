/**
 * The places where the resources the pack knows best name a VM size (azure-native's, the classic provider's, generic
 * ARM), each with its own sense of a size left out; the SDK-derived table (size-properties.ts) covers the rest.
 * The size policy checks them all; the vCPU budget reads the same sizes (`locatedSizes`). Property paths are those
 * of the SDKs' input types; a location whose size is missing is returned with `value: undefined`, because Azure
 * would then choose a default size that nothing guarantees to be x86-64-v3.
 */
import * as azurefleet from "@pulumi/azure-native/azurefleet";
import * as batch from "@pulumi/azure-native/batch";
import * as compute from "@pulumi/azure-native/compute";
import * as computebulkactions from "@pulumi/azure-native/computebulkactions";
import * as containerservice from "@pulumi/azure-native/containerservice";
import * as resources from "@pulumi/azure-native/resources";
import { asList, equalsIgnoreCase, eachElement, field, fieldOfEachElement, isSet, LocatedValue } from "./props";
import { isOfType, ResourceType } from "./resource-types";
import { CLASSIC } from "./classic-types";

/** `sku.name` of a scale set whose sizes are listed in `skuProfile.vmSizes` (instance mix); not a size itself. */
const INSTANCE_MIX_SKU = "Mix";

/**
 * A scale set's sizes: `sku.name` unless it is the instance-mix marker, and each `skuProfile.vmSizes[].name`.
 * A scale set without `sku` (Flexible, VMs attached separately) names no size of its own; a `sku` without a
 * name, or a mix without sizes, is reported as a missing size.
 */
function scaleSetSizes(props: unknown): LocatedValue[] {
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
    readonly resourceType: ResourceType;
    readonly sizes: (props: unknown) => LocatedValue[];
}

/**
 * The classic provider's orchestrated (Flexible) scale set: `skuName`, or for `Mix` the sizes of `skuProfile`
 * (`virtualMachineSizes[].name`, and the deprecated `vmSizes[]`).
 */
function orchestratedSizes(props: unknown): LocatedValue[] {
    const skuName = field(props, "skuName");
    const mixSizes = [
        ...fieldOfEachElement(props, "", ["skuProfile", "virtualMachineSizes"], "name"),
        ...eachElement(field(props, "skuProfile"), "skuProfile", "vmSizes"),
    ];
    if (equalsIgnoreCase(skuName, INSTANCE_MIX_SKU)) return orMissing(mixSizes, "skuProfile.virtualMachineSizes");
    // A scale set without skuName names no size of its own (VMs are attached to it separately).
    return [...(isSet(skuName) ? [{ path: "skuName", value: skuName }] : []), ...mixSizes];
}

/**
 * The classic `@pulumi/azure` provider, by type token (the pack does not depend on it). Tokens and property names
 * are those of @pulumi/azure 6.40.0's type definitions.
 */
export const CLASSIC_SIZE_LOCATIONS: readonly SizeLocation[] = [
    { resourceType: CLASSIC.compute.LinuxVirtualMachineScaleSet, sizes: sizeAt("sku") },
    { resourceType: CLASSIC.compute.WindowsVirtualMachineScaleSet, sizes: sizeAt("sku") },
    { resourceType: CLASSIC.compute.OrchestratedVirtualMachineScaleSet, sizes: orchestratedSizes },
    { resourceType: CLASSIC.compute.ScaleSet, sizes: sizeAt("sku", "name") },
    { resourceType: CLASSIC.compute.LinuxVirtualMachine, sizes: sizeAt("size") },
    { resourceType: CLASSIC.compute.WindowsVirtualMachine, sizes: sizeAt("size") },
    { resourceType: CLASSIC.compute.VirtualMachine, sizes: sizeAt("vmSize") },
    { resourceType: CLASSIC.containerservice.KubernetesCluster, sizes: sizeAt("defaultNodePool", "vmSize") },
    { resourceType: CLASSIC.containerservice.KubernetesClusterNodePool, sizes: sizeAt("vmSize") },
    { resourceType: CLASSIC.batch.Pool, sizes: sizeAt("vmSize") },
    { resourceType: CLASSIC.machinelearning.ComputeCluster, sizes: sizeAt("vmSize") },
    { resourceType: CLASSIC.machinelearning.ComputeInstance, sizes: sizeAt("virtualMachineSize") },
    { resourceType: CLASSIC.devtest.LinuxVirtualMachine, sizes: sizeAt("size") },
    { resourceType: CLASSIC.devtest.WindowsVirtualMachine, sizes: sizeAt("size") },
];

/**
 * Sizes in ARM's own shape (an ARM template's resources, or a generic `resources:Resource`): a scale set's
 * `sku.name` (and, for a mix, `properties.skuProfile.vmSizes[].name`), a VM's `properties.hardwareProfile.vmSize`.
 * `type` is the full ARM type, compared as ARM does, without regard to case.
 */
function armSizes(type: unknown, body: unknown, bodyPath: string): LocatedValue[] {
    const prefix = bodyPath === "" ? "" : `${bodyPath}.`;
    if (equalsIgnoreCase(type, "Microsoft.Compute/virtualMachineScaleSets")) {
        const skuName = field(body, "sku", "name");
        const mix = fieldOfEachElement(body, bodyPath, ["properties", "skuProfile", "vmSizes"], "name");
        if (equalsIgnoreCase(skuName, INSTANCE_MIX_SKU)) return orMissing(mix, `${prefix}properties.skuProfile.vmSizes`);
        return [{ path: `${prefix}sku.name`, value: skuName }, ...mix];
    }
    if (equalsIgnoreCase(type, "Microsoft.Compute/virtualMachines")) {
        return [{ path: `${prefix}properties.hardwareProfile.vmSize`, value: field(body, "properties", "hardwareProfile", "vmSize") }];
    }
    return [];
}

/** What a template expression stands for where it can be read: `[parameters('name')]` given in the deployment. */
function resolveTemplateValue(value: LocatedValue, parameters: unknown): LocatedValue {
    const match = typeof value.value === "string" ? /^\[\s*parameters\(\s*'([^']+)'\s*\)\s*\]$/.exec(value.value) : null;
    if (match === null) return value;
    const given = field(parameters, match[1], "value");
    // An expression the pack cannot evaluate stays as it is: the catalog does not know it, so it is refused.
    return isSet(given) ? { path: `${value.path} (parameter ${match[1]})`, value: given } : value;
}

/**
 * A `resources:Deployment`: every resource of its inline template (nested `resources` too), with parameters
 * given inline resolved. A linked template (`templateLink`) cannot be read, so it counts as a size not known.
 */
function deploymentSizes(props: unknown): LocatedValue[] {
    const parameters = field(props, "properties", "parameters");
    const walk = (list: unknown, listPath: string): LocatedValue[] =>
        asList(list).flatMap((resource, index) => {
            const path = `${listPath}[${index}]`;
            return [
                ...armSizes(field(resource, "type"), resource, path).map((size) => resolveTemplateValue(size, parameters)),
                ...walk(field(resource, "resources"), `${path}.resources`),
            ];
        });
    const linked = isSet(field(props, "properties", "templateLink"))
        ? [{ path: "properties.templateLink", value: "(a linked template, which the pack cannot read; inline it)" }]
        : [];
    return [...walk(field(props, "properties", "template", "resources"), "properties.template.resources"), ...linked];
}

/** The sizes a resource names, as the size policy reads them (its dedicated location; none for other types). */
export function locatedSizes(resource: { readonly type: string; readonly props: unknown }): LocatedValue[] {
    return SIZE_LOCATIONS.find((location) => isOfType(resource, location.resourceType))?.sizes(resource.props) ?? [];
}

export const SIZE_LOCATIONS: readonly SizeLocation[] = [
    ...CLASSIC_SIZE_LOCATIONS,
    { resourceType: compute.VirtualMachineScaleSet, sizes: scaleSetSizes },
    { resourceType: compute.VirtualMachine, sizes: sizeAt("hardwareProfile", "vmSize") },
    // A reservation's sku.name is a VM size; the SDK documents it only as "the sku name", so the table misses it.
    { resourceType: compute.CapacityReservation, sizes: sizeAt("sku", "name") },
    {
        resourceType: containerservice.ManagedCluster,
        sizes: (props) => eachElement(props, "", "agentPoolProfiles").flatMap(({ path, value }) => aksPoolSizes(value, path)),
    },
    { resourceType: containerservice.AgentPool, sizes: (props) => aksPoolSizes(props, "") },
    { resourceType: batch.Pool, sizes: sizeAt("vmSize") },
    { resourceType: azurefleet.Fleet, sizes: (props) => fleetSizes(props, "") },
    { resourceType: computebulkactions.BulkAction, sizes: (props) => fleetSizes(field(props, "properties"), "properties") },
    // Generic ARM: a resource of any type by its provider namespace and type, and ARM template deployments.
    {
        resourceType: resources.Resource,
        sizes: (props) => armSizes(`${String(field(props, "resourceProviderNamespace"))}/${String(field(props, "resourceType"))}`, props, ""),
    },
    { resourceType: resources.Deployment, sizes: deploymentSizes },
];

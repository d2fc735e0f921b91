/**
 * Spot capacity is only used with eviction policy `Delete`.
 *
 * Builders run from ephemeral OS disks, which cannot be stop-deallocated, and an evicted builder that stays
 * deallocated keeps its Koji slot and disk quota while doing nothing. Azure's default for Spot VMs and scale
 * sets is `Deallocate`, so the policy asks for `Delete` explicitly.
 *
 * @severity medium
 * @topics compute, spot
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import * as azurefleet from "@pulumi/azure-native/azurefleet";
import * as compute from "@pulumi/azure-native/compute";
import * as containerservice from "@pulumi/azure-native/containerservice";
import { describeValue, eachElement, equalsIgnoreCase, field, isSet, PropertyRecord } from "../lib/props";
import { validateResourcesOfTypes } from "../lib/resource-types";
import { CLASSIC } from "../lib/classic-types";

/** Spot, and its predecessor "Low" (low-priority scale sets), are both evictable. */
const EVICTABLE_PRIORITIES = ["Spot", "Low"];

/** `defaultDeletes`: the API deletes evicted VMs when the policy is left out (AKS does). */
function evictionMessages(priority: unknown, evictionPolicy: unknown, evictionPolicyPath: string, defaultDeletes = false): string[] {
    const evictable = EVICTABLE_PRIORITIES.some((evictablePriority) => equalsIgnoreCase(priority, evictablePriority));
    if (!evictable || equalsIgnoreCase(evictionPolicy, "Delete") || (defaultDeletes && evictionPolicy === undefined)) {
        return [];
    }
    return [`${evictionPolicyPath} is ${describeValue(evictionPolicy)}; Spot builders must use "Delete".`];
}

/**
 * An AKS pool: `scaleSetPriority` and `scaleSetEvictionPolicy`, whose default is Delete (azure-native
 * containerservice ManagedClusterAgentPoolProfile: "If not specified, the default is 'Delete'").
 */
const aksPoolMessages = (pool: unknown, prefix: string) =>
    evictionMessages(field(pool, "scaleSetPriority"), field(pool, "scaleSetEvictionPolicy"), `${prefix}scaleSetEvictionPolicy`, true);

/** The classic provider's VMs, scale sets and AKS pools: `priority` and `evictionPolicy`. */
const classicMessages = (props: unknown, prefix = "") => evictionMessages(field(props, "priority"), field(props, "evictionPolicy"), `${prefix}evictionPolicy`);
const CLASSIC_COMPUTE = [
    CLASSIC.compute.LinuxVirtualMachineScaleSet,
    CLASSIC.compute.WindowsVirtualMachineScaleSet,
    CLASSIC.compute.OrchestratedVirtualMachineScaleSet,
    CLASSIC.compute.LinuxVirtualMachine,
    CLASSIC.compute.WindowsVirtualMachine,
    CLASSIC.containerservice.KubernetesClusterNodePool,
];

export const spotEvictionDelete: ResourceValidationPolicy = {
    name: "spot-eviction-delete",
    description: "Spot (or low-priority) scale sets, VMs, Compute Fleets and AKS pools, of either provider, must set eviction policy Delete.",
    enforcementLevel: "mandatory",
    severity: "medium",
    validateResource: validateResourcesOfTypes([
        {
            resourceType: compute.VirtualMachineScaleSet,
            findViolations: (props) =>
                evictionMessages(
                    field(props, "virtualMachineProfile", "priority"),
                    field(props, "virtualMachineProfile", "evictionPolicy"),
                    "virtualMachineProfile.evictionPolicy",
                ),
        },
        {
            resourceType: compute.VirtualMachine,
            findViolations: (props) => evictionMessages(props.priority, props.evictionPolicy, "evictionPolicy"),
        },
        {
            // A fleet's Spot part is its spotPriorityProfile; there is no priority field.
            resourceType: azurefleet.Fleet,
            findViolations: (props) =>
                evictionMessages(
                    isSet(props.spotPriorityProfile) ? "Spot" : undefined,
                    field(props, "spotPriorityProfile", "evictionPolicy"),
                    "spotPriorityProfile.evictionPolicy",
                ),
        },
        {
            resourceType: containerservice.ManagedCluster,
            findViolations: (props) => eachElement(props, "", "agentPoolProfiles").flatMap(({ path, value }) => aksPoolMessages(value, `${path}.`)),
        },
        { resourceType: containerservice.AgentPool, findViolations: (props) => aksPoolMessages(props, "") },
        ...CLASSIC_COMPUTE.map((resourceType) => ({ resourceType, findViolations: (props: PropertyRecord) => classicMessages(props) })),
    ]),
};

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
import { describeValue, equalsIgnoreCase, field, isSet } from "../lib/props";
import { validateResourcesOfTypes } from "../lib/resource-types";

/** Spot, and its predecessor "Low" (low-priority scale sets), are both evictable. */
const EVICTABLE_PRIORITIES = ["Spot", "Low"];

function evictionMessages(priority: unknown, evictionPolicy: unknown, evictionPolicyPath: string): string[] {
    const evictable = EVICTABLE_PRIORITIES.some((evictablePriority) => equalsIgnoreCase(priority, evictablePriority));
    if (!evictable || equalsIgnoreCase(evictionPolicy, "Delete")) {
        return [];
    }
    return [`${evictionPolicyPath} is ${describeValue(evictionPolicy)}; Spot builders must use "Delete".`];
}

export const spotEvictionDelete: ResourceValidationPolicy = {
    name: "spot-eviction-delete",
    description: "Spot (or low-priority) scale sets, VMs and Compute Fleets must set eviction policy Delete.",
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
    ]),
};

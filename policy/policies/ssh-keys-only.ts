/**
 * Builders accept SSH keys only: password authentication disabled and no admin password set.
 *
 * Builders hold a Koji host credential; a password (even a random one in state) is a second way in that
 * nobody rotates. An OS profile that is absent (a VM attached to an existing disk) creates no account and passes.
 *
 * @severity high
 * @topics compute, authentication
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import * as compute from "@pulumi/azure-native/compute";
import { asRecord, field, isSet } from "../lib/props";
import { validateResourcesOfTypes } from "../lib/resource-types";

function osProfileMessages(osProfile: unknown, osProfilePath: string): string[] {
    const profile = asRecord(osProfile);
    if (profile === undefined) {
        return [];
    }
    const adminPassword = profile.adminPassword;
    const passwordMessage =
        isSet(adminPassword) && adminPassword !== ""
            ? [`${osProfilePath}.adminPassword: an admin password is set; use SSH public keys only.`]
            : [];
    const disabled = field(profile, "linuxConfiguration", "disablePasswordAuthentication") === true;
    const disabledMessage = disabled
        ? []
        : [`${osProfilePath}.linuxConfiguration.disablePasswordAuthentication must be true.`];
    return [...passwordMessage, ...disabledMessage];
}

export const sshKeysOnly: ResourceValidationPolicy = {
    name: "ssh-keys-only",
    description: "Scale sets and VMs must disable password authentication and set no admin password (SSH keys only).",
    enforcementLevel: "mandatory",
    severity: "high",
    validateResource: validateResourcesOfTypes([
        {
            resourceType: compute.VirtualMachineScaleSet,
            findViolations: (props) =>
                osProfileMessages(field(props, "virtualMachineProfile", "osProfile"), "virtualMachineProfile.osProfile"),
        },
        {
            resourceType: compute.VirtualMachine,
            findViolations: (props) => osProfileMessages(props.osProfile, "osProfile"),
        },
    ]),
};

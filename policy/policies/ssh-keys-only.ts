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
import * as azurefleet from "@pulumi/azure-native/azurefleet";
import * as compute from "@pulumi/azure-native/compute";
import { asRecord, eachElement, equalsIgnoreCase, field, isSet } from "../lib/props";
import { checkParts, validateResourcesOfTypes } from "../lib/resource-types";
import { CLASSIC } from "../lib/classic-types";

function osProfileMessages(osProfile: unknown, osProfilePath: string): string[] {
    const profile = asRecord(osProfile);
    if (profile === undefined) {
        return [];
    }
    // Two independent checks: an unknown password during preview must not hide a known `false` (checkParts).
    return checkParts([
        () => {
            const adminPassword = profile.adminPassword;
            return isSet(adminPassword) && adminPassword !== "" ? [`${osProfilePath}.adminPassword: an admin password is set; use SSH public keys only.`] : [];
        },
        () =>
            field(profile, "linuxConfiguration", "disablePasswordAuthentication") === true
                ? []
                : [`${osProfilePath}.linuxConfiguration.disablePasswordAuthentication must be true.`],
    ]);
}

/**
 * VMAccess for Linux resets a password when its protected settings carry one
 * (learn.microsoft.com/troubleshoot/azure/virtual-machines/linux/troubleshoot-vmaccess-extension): an
 * extension that would put back what `disablePasswordAuthentication` took away.
 */
function vmAccessMessages(extension: unknown, path: string): string[] {
    const type = field(extension, "type") ?? field(extension, "properties", "type");
    const settings = field(extension, "protectedSettings") ?? field(extension, "properties", "protectedSettings");
    const password = field(settings, "password");
    return equalsIgnoreCase(type, "VMAccessForLinux") && isSet(password) && password !== ""
        ? [`${path}: a VMAccessForLinux extension sets a password; use SSH public keys only.`]
        : [];
}

/**
 * The classic provider: Linux VMs and scale sets take `adminPassword` and `disablePasswordAuthentication`
 * (default true) on the resource itself, an orchestrated scale set under `osProfile.linuxConfiguration`; Windows
 * ones always log in with a password.
 */
function classicLinuxMessages(settings: unknown, path: string): string[] {
    const prefix = path === "" ? "" : `${path}.`;
    const password = field(settings, "adminPassword");
    return [
        ...(isSet(password) && password !== "" ? [`${prefix}adminPassword: an admin password is set; use SSH public keys only.`] : []),
        ...(field(settings, "disablePasswordAuthentication") === false ? [`${prefix}disablePasswordAuthentication must not be false.`] : []),
    ];
}
const windowsMessages = () => ["a Windows VM logs in with a password; builders are Linux with SSH keys only."];

export const sshKeysOnly: ResourceValidationPolicy = {
    name: "ssh-keys-only",
    description:
        "Scale sets, VMs and Compute Fleets of either provider must disable password authentication and set no admin password, and no VMAccess extension may set one (SSH keys only).",
    enforcementLevel: "mandatory",
    severity: "high",
    validateResource: validateResourcesOfTypes([
        {
            resourceType: compute.VirtualMachineScaleSet,
            findViolations: (props) => [
                ...osProfileMessages(field(props, "virtualMachineProfile", "osProfile"), "virtualMachineProfile.osProfile"),
                ...eachElement(field(props, "virtualMachineProfile", "extensionProfile"), "virtualMachineProfile.extensionProfile", "extensions").flatMap(
                    ({ path, value }) => vmAccessMessages(value, path),
                ),
            ],
        },
        {
            resourceType: compute.VirtualMachine,
            findViolations: (props) => osProfileMessages(props.osProfile, "osProfile"),
        },
        {
            resourceType: azurefleet.Fleet,
            findViolations: (props) =>
                osProfileMessages(
                    field(props, "computeProfile", "baseVirtualMachineProfile", "osProfile"),
                    "computeProfile.baseVirtualMachineProfile.osProfile",
                ),
        },
        { resourceType: compute.VirtualMachineExtension, findViolations: (props) => vmAccessMessages(props, "extension") },
        { resourceType: compute.VirtualMachineScaleSetExtension, findViolations: (props) => vmAccessMessages(props, "extension") },
        { resourceType: CLASSIC.compute.LinuxVirtualMachine, findViolations: (props) => classicLinuxMessages(props, "") },
        { resourceType: CLASSIC.compute.LinuxVirtualMachineScaleSet, findViolations: (props) => classicLinuxMessages(props, "") },
        {
            resourceType: CLASSIC.compute.OrchestratedVirtualMachineScaleSet,
            findViolations: (props) => classicLinuxMessages(field(props, "osProfile", "linuxConfiguration"), "osProfile.linuxConfiguration"),
        },
        { resourceType: CLASSIC.compute.WindowsVirtualMachine, findViolations: windowsMessages },
        { resourceType: CLASSIC.compute.WindowsVirtualMachineScaleSet, findViolations: windowsMessages },
    ]),
};

/**
 * Builder NICs get no public IP address.
 *
 * Builders reach Koji and the mirrors through the NAT gateway's fixed egress addresses (which Fedora
 * infrastructure allows in) and are administered through private paths only; a public IP on a NIC would both
 * bypass that fixed egress and expose sshd to the Internet.
 *
 * @severity high
 * @topics network
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import * as compute from "@pulumi/azure-native/compute";
import * as network from "@pulumi/azure-native/network";
import { eachElement, field, fieldOfEachElement, isSet, LocatedValue } from "../lib/props";
import { validateResourcesOfTypes } from "../lib/resource-types";

/** The public IP settings of every IP configuration of every NIC configuration in a VM or scale set network profile. */
function nicConfigurationPublicIps(networkProfile: unknown, networkProfilePath: string): LocatedValue[] {
    return eachElement(networkProfile, networkProfilePath, "networkInterfaceConfigurations").flatMap((nic) =>
        fieldOfEachElement(nic.value, nic.path, ["ipConfigurations"], "publicIPAddressConfiguration"),
    );
}

/** One message per IP configuration that has a public IP. */
function publicIpMessages(publicIps: LocatedValue[]): string[] {
    return publicIps
        .filter(({ value }) => isSet(value))
        .map(({ path }) => `${path}: a public IP address is configured; builders reach the Internet only through the NAT gateway.`);
}

export const noPublicIpOnNics: ResourceValidationPolicy = {
    name: "no-public-ip-on-nics",
    description: "Network interfaces of scale sets, VMs and standalone NICs must not have a public IP address.",
    enforcementLevel: "mandatory",
    severity: "high",
    validateResource: validateResourcesOfTypes([
        {
            resourceType: compute.VirtualMachineScaleSet,
            findViolations: (props) =>
                publicIpMessages(
                    nicConfigurationPublicIps(
                        field(props, "virtualMachineProfile", "networkProfile"),
                        "virtualMachineProfile.networkProfile",
                    ),
                ),
        },
        {
            resourceType: compute.VirtualMachine,
            findViolations: (props) => publicIpMessages(nicConfigurationPublicIps(props.networkProfile, "networkProfile")),
        },
        {
            resourceType: network.NetworkInterface,
            findViolations: (props) => publicIpMessages(fieldOfEachElement(props, "", ["ipConfigurations"], "publicIPAddress")),
        },
    ]),
};

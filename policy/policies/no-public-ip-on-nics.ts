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
import * as azurefleet from "@pulumi/azure-native/azurefleet";
import * as batch from "@pulumi/azure-native/batch";
import * as containerservice from "@pulumi/azure-native/containerservice";
import { describeValue, eachElement, equalsIgnoreCase, field, fieldOfEachElement, isSet, LocatedValue, PropertyRecord } from "../lib/props";
import { validateResourcesOfTypes } from "../lib/resource-types";
import { CLASSIC } from "../lib/classic-types";

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

/** AKS gives each node its own public IP when `enableNodePublicIP` is true (either provider's name for it). */
function aksNodeIpMessages(pool: unknown, prefix: string, flag: string): string[] {
    return field(pool, flag) === true ? [`${prefix}${flag}: every node gets a public IP address; leave it off and reach out through the NAT gateway.`] : [];
}

/**
 * A Batch pool gets Batch-managed public IPs unless told otherwise: `provision` defaults to BatchManaged
 * (azure-native batch PublicIPAddressConfiguration, "The default value is BatchManaged").
 */
function batchMessages(props: PropertyRecord): string[] {
    const provision = field(props, "networkConfiguration", "publicIPAddressConfiguration", "provision");
    return equalsIgnoreCase(provision, "NoPublicIPAddresses")
        ? []
        : [
              `networkConfiguration.publicIPAddressConfiguration.provision is ${describeValue(provision)}; set "NoPublicIPAddresses" (the default gives every node a Batch-managed public IP).`,
          ];
}

/** The classic provider's scale sets: `networkInterfaces[].ipConfigurations[].publicIpAddresses[]`. */
function classicScaleSetIps(props: unknown): LocatedValue[] {
    return eachElement(props, "", "networkInterfaces").flatMap((nic) =>
        eachElement(nic.value, nic.path, "ipConfigurations").flatMap((ip) => eachElement(ip.value, ip.path, "publicIpAddresses")),
    );
}

export const noPublicIpOnNics: ResourceValidationPolicy = {
    name: "no-public-ip-on-nics",
    description:
        "Network interfaces of scale sets, VMs, Compute Fleets, AKS nodes, Batch pools and standalone NICs, of either provider, must not have a public IP address.",
    enforcementLevel: "mandatory",
    severity: "high",
    validateResource: validateResourcesOfTypes([
        {
            resourceType: compute.VirtualMachineScaleSet,
            findViolations: (props) =>
                publicIpMessages(nicConfigurationPublicIps(field(props, "virtualMachineProfile", "networkProfile"), "virtualMachineProfile.networkProfile")),
        },
        {
            resourceType: compute.VirtualMachine,
            findViolations: (props) => publicIpMessages(nicConfigurationPublicIps(props.networkProfile, "networkProfile")),
        },
        {
            resourceType: network.NetworkInterface,
            findViolations: (props) => publicIpMessages(fieldOfEachElement(props, "", ["ipConfigurations"], "publicIPAddress")),
        },
        {
            resourceType: azurefleet.Fleet,
            findViolations: (props) =>
                publicIpMessages(
                    nicConfigurationPublicIps(
                        field(props, "computeProfile", "baseVirtualMachineProfile", "networkProfile"),
                        "computeProfile.baseVirtualMachineProfile.networkProfile",
                    ),
                ),
        },
        {
            resourceType: containerservice.ManagedCluster,
            findViolations: (props) =>
                eachElement(props, "", "agentPoolProfiles").flatMap(({ path, value }) => aksNodeIpMessages(value, `${path}.`, "enableNodePublicIP")),
        },
        { resourceType: containerservice.AgentPool, findViolations: (props) => aksNodeIpMessages(props, "", "enableNodePublicIP") },
        { resourceType: batch.Pool, findViolations: batchMessages },
        ...[CLASSIC.compute.LinuxVirtualMachineScaleSet, CLASSIC.compute.WindowsVirtualMachineScaleSet, CLASSIC.compute.OrchestratedVirtualMachineScaleSet].map(
            (resourceType) => ({
                resourceType,
                findViolations: (props: PropertyRecord) => publicIpMessages(classicScaleSetIps(props)),
            }),
        ),
        {
            resourceType: CLASSIC.network.NetworkInterface,
            findViolations: (props) => publicIpMessages(fieldOfEachElement(props, "", ["ipConfigurations"], "publicIpAddressId")),
        },
        {
            resourceType: CLASSIC.containerservice.KubernetesCluster,
            findViolations: (props) => aksNodeIpMessages(field(props, "defaultNodePool"), "defaultNodePool.", "nodePublicIpEnabled"),
        },
        { resourceType: CLASSIC.containerservice.KubernetesClusterNodePool, findViolations: (props) => aksNodeIpMessages(props, "", "nodePublicIpEnabled") },
    ]),
};

/**
 * The parts of a scale set's VM profile every farm VM shares, builders and package cache alike, so that the
 * hardening is written once: SSH keys only, Trusted Launch with Secure Boot and vTPM, and a NIC without a
 * public IP (a farm VM reaches out through its subnet's NAT gateway only); and the scale set around it.
 */
import * as pulumi from "@pulumi/pulumi";
import { MINIMUM_LEVEL_TAG } from "../policy/catalog";
import type { MinimumLevel } from "../policy/catalog/types";

export const DEFAULT_ADMIN_USERNAME = "kojiadmin";

/** A Linux OS profile that takes only the admin's SSH key; password login is always off. */
export function sshOnlyOsProfile(settings: {
    readonly computerNamePrefix: string;
    readonly adminUsername: string;
    readonly adminSshPublicKey: string;
    readonly customData: pulumi.Input<string>;
}) {
    return {
        computerNamePrefix: settings.computerNamePrefix,
        adminUsername: settings.adminUsername,
        customData: settings.customData,
        linuxConfiguration: {
            disablePasswordAuthentication: true,
            provisionVMAgent: true,
            ssh: { publicKeys: [{ path: `/home/${settings.adminUsername}/.ssh/authorized_keys`, keyData: settings.adminSshPublicKey }] },
        },
    };
}

export const TRUSTED_LAUNCH = {
    securityType: "TrustedLaunch",
    uefiSettings: { secureBootEnabled: true, vTpmEnabled: true },
} as const;

/** The one NIC of a farm VM: no public IP configuration, in `subnetId`, optionally in load balancer backend pools. */
export function privateNetworkProfile(settings: {
    readonly nicName: string;
    readonly acceleratedNetworking: boolean;
    readonly subnetId: pulumi.Input<string>;
    readonly loadBalancerBackendPoolIds?: readonly pulumi.Input<string>[];
}) {
    return {
        networkApiVersion: "2020-11-01",
        networkInterfaceConfigurations: [
            {
                name: settings.nicName,
                primary: true,
                enableAcceleratedNetworking: settings.acceleratedNetworking,
                deleteOption: "Delete",
                ipConfigurations: [
                    {
                        name: "ipconfig",
                        primary: true,
                        subnet: { id: settings.subnetId },
                        loadBalancerBackendAddressPools: settings.loadBalancerBackendPoolIds?.map((id) => ({ id })),
                    },
                ],
            },
        ],
    };
}

/**
 * A farm scale set's own settings: Flexible orchestration in one zone or regional, and the tags with the level its
 * sizes must guarantee, which the pack's size policy reads, so a stricter pool is enforced as such.
 */
export function flexibleScaleSet(settings: {
    readonly zone?: string;
    readonly tags?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
    readonly minimumLevel: MinimumLevel;
}) {
    return {
        tags: pulumi.output(settings.tags ?? {}).apply((tags) => ({ ...tags, [MINIMUM_LEVEL_TAG]: settings.minimumLevel })),
        orchestrationMode: "Flexible",
        // Flexible: 1 spreads VMs over as many fault domains as possible; zonal sets allow only 1.
        platformFaultDomainCount: 1,
        singlePlacementGroup: false,
        zones: settings.zone === undefined ? undefined : [settings.zone],
    };
}

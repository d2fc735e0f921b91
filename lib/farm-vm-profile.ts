/**
 * The parts of a scale set's VM profile every farm VM shares, builders and package cache alike, so that the
 * hardening is written once: SSH keys only, Trusted Launch with Secure Boot and vTPM, and a NIC without a
 * public IP (a farm VM reaches out through its subnet's NAT gateway only).
 */
import type * as pulumi from "@pulumi/pulumi";

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

/**
 * The pack's mandatory baselines and its advisory tag policy, one table per policy: each case is a resource
 * and the messages the policy must report for it (none for a passing case).
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import * as compute from "@pulumi/azure-native/compute";
import * as keyvault from "@pulumi/azure-native/keyvault";
import * as network from "@pulumi/azure-native/network";
import * as azurefleet from "@pulumi/azure-native/azurefleet";
import * as storage from "@pulumi/azure-native/storage";
import * as resources from "@pulumi/azure-native/resources";
import { describe, expect, it } from "vitest";
import { keyVaultRbacPurgeProtection } from "../policy/policies/key-vault-rbac-purge-protection";
import { noPublicIpOnNics } from "../policy/policies/no-public-ip-on-nics";
import { nsgNoInboundFromInternet } from "../policy/policies/nsg-no-inbound-from-internet";
import { requiredTags } from "../policy/policies/required-tags";
import { spotEvictionDelete } from "../policy/policies/spot-eviction-delete";
import { sshKeysOnly } from "../policy/policies/ssh-keys-only";
import { storageAccountSecureAccess } from "../policy/policies/storage-account-secure-access";
import { HarnessResource, PackConfig, runResourcePolicies, UNKNOWN } from "./helpers/policy-harness";

type Case = [description: string, resource: Omit<HarnessResource, "name">, expected: RegExp[]];

/** Runs one policy's table: every case must yield exactly the expected messages, in order. */
function policyTable(policy: ResourceValidationPolicy, cases: Case[], config?: PackConfig): void {
    describe(policy.name, () => {
        it.each(cases)("%s", async (_description, resource, expected) => {
            const violations = await runResourcePolicies([{ name: "subject", ...resource }], config, [policy]);
            expect(violations.map(({ message }) => message)).toEqual(expected.map((pattern) => expect.stringMatching(pattern)));
            const expectedLevel = policy.enforcementLevel;
            for (const violation of violations) {
                // Unknowns are always advisory; everything else at the policy's level.
                expect(violation.enforcementLevel).toBe(/^can't run policy/.test(violation.message) ? "advisory" : expectedLevel);
            }
        });
    });
}

const PREVIEW = /^can't run policy .* during preview/;

const nic = (ipConfigurations: unknown) => ({ networkInterfaceConfigurations: [{ name: "nic", ipConfigurations }] });

policyTable(noPublicIpOnNics, [
    [
        "scale set with private NICs",
        { type: compute.VirtualMachineScaleSet, inputs: { virtualMachineProfile: { networkProfile: nic([{ name: "ip", subnet: { id: "s" } }]) } } },
        [],
    ],
    [
        "scale set with a public IP on its second IP configuration",
        {
            type: compute.VirtualMachineScaleSet,
            inputs: { virtualMachineProfile: { networkProfile: nic([{ name: "a" }, { name: "b", publicIPAddressConfiguration: { name: "pip" } }]) } },
        },
        [/^virtualMachineProfile\.networkProfile\.networkInterfaceConfigurations\[0\]\.ipConfigurations\[1\]\.publicIPAddressConfiguration: a public IP/],
    ],
    [
        "VM with a public IP",
        { type: compute.VirtualMachine, inputs: { networkProfile: nic([{ name: "a", publicIPAddressConfiguration: {} }]) } },
        [/^networkProfile\.networkInterfaceConfigurations\[0\]\.ipConfigurations\[0\]\.publicIPAddressConfiguration:/],
    ],
    [
        "VM with publicIPAddressConfiguration null",
        { type: compute.VirtualMachine, inputs: { networkProfile: nic([{ name: "a", publicIPAddressConfiguration: null }]) } },
        [],
    ],
    [
        "standalone NIC with a public IP",
        { type: network.NetworkInterface, inputs: { ipConfigurations: [{ publicIPAddress: { id: "pip" } }] } },
        [/^ipConfigurations\[0\]\.publicIPAddress:/],
    ],
    ["standalone NIC without one", { type: network.NetworkInterface, inputs: { ipConfigurations: [{ subnet: { id: "s" } }] } }, []],
    ["scale set without any profile", { type: compute.VirtualMachineScaleSet, inputs: {} }, []],
    [
        "odd shapes: NIC configurations a string, IP configurations null",
        { type: compute.VirtualMachine, inputs: { networkProfile: { networkInterfaceConfigurations: "x" } } },
        [],
    ],
    [
        "odd shapes: IP configuration entries null and numbers",
        { type: compute.VirtualMachineScaleSet, inputs: { virtualMachineProfile: { networkProfile: nic([null, 3]) } } },
        [],
    ],
    [
        "unknown public IP configuration",
        { type: compute.VirtualMachineScaleSet, inputs: { virtualMachineProfile: { networkProfile: nic([{ publicIPAddressConfiguration: UNKNOWN }]) } } },
        [PREVIEW],
    ],
    ["unknown list of IP configurations", { type: network.NetworkInterface, inputs: { ipConfigurations: UNKNOWN } }, [PREVIEW]],
]);

const linux = (linuxConfiguration: unknown, extra: Record<string, unknown> = {}) => ({ adminUsername: "koji", linuxConfiguration, ...extra });
const keysOnly = { disablePasswordAuthentication: true, ssh: { publicKeys: [{ keyData: "ssh-ed25519 AAAA", path: "/home/koji/.ssh/authorized_keys" }] } };

policyTable(sshKeysOnly, [
    ["scale set with SSH keys only", { type: compute.VirtualMachineScaleSet, inputs: { virtualMachineProfile: { osProfile: linux(keysOnly) } } }, []],
    ["VM with SSH keys only", { type: compute.VirtualMachine, inputs: { osProfile: linux(keysOnly) } }, []],
    [
        "scale set with password authentication left on and a password",
        { type: compute.VirtualMachineScaleSet, inputs: { virtualMachineProfile: { osProfile: linux({}, { adminPassword: "hunter2" }) } } },
        [
            /^virtualMachineProfile\.osProfile\.adminPassword: an admin password is set/,
            /^virtualMachineProfile\.osProfile\.linuxConfiguration\.disablePasswordAuthentication must be true/,
        ],
    ],
    [
        "VM with a password even though password auth is disabled",
        { type: compute.VirtualMachine, inputs: { osProfile: linux(keysOnly, { adminPassword: "x" }) } },
        [/^osProfile\.adminPassword/],
    ],
    [
        'VM with disablePasswordAuthentication the string "true"',
        { type: compute.VirtualMachine, inputs: { osProfile: linux({ disablePasswordAuthentication: "true" }) } },
        [/disablePasswordAuthentication must be true/],
    ],
    [
        "VM without linuxConfiguration",
        { type: compute.VirtualMachine, inputs: { osProfile: { adminUsername: "koji" } } },
        [/disablePasswordAuthentication must be true/],
    ],
    ["VM attached to an existing disk (no osProfile)", { type: compute.VirtualMachine, inputs: {} }, []],
    ["odd shapes: osProfile a list", { type: compute.VirtualMachine, inputs: { osProfile: [] } }, []],
    ["odd shapes: empty admin password counts as none", { type: compute.VirtualMachine, inputs: { osProfile: linux(keysOnly, { adminPassword: "" }) } }, []],
    [
        "unknown password setting",
        { type: compute.VirtualMachineScaleSet, inputs: { virtualMachineProfile: { osProfile: linux({ disablePasswordAuthentication: UNKNOWN }) } } },
        [PREVIEW],
    ],
    [
        "unknown admin password (a random password during preview)",
        { type: compute.VirtualMachine, inputs: { osProfile: linux(keysOnly, { adminPassword: UNKNOWN }) } },
        [PREVIEW],
    ],
]);

policyTable(spotEvictionDelete, [
    [
        "Spot scale set evicting by Delete",
        { type: compute.VirtualMachineScaleSet, inputs: { virtualMachineProfile: { priority: "Spot", evictionPolicy: "Delete" } } },
        [],
    ],
    ["regular scale set", { type: compute.VirtualMachineScaleSet, inputs: { virtualMachineProfile: { priority: "Regular" } } }, []],
    [
        "Spot scale set evicting by Deallocate",
        { type: compute.VirtualMachineScaleSet, inputs: { virtualMachineProfile: { priority: "Spot", evictionPolicy: "Deallocate" } } },
        [/^virtualMachineProfile\.evictionPolicy is "Deallocate"; Spot builders must use "Delete"/],
    ],
    [
        "Spot scale set relying on Azure's default (Deallocate)",
        { type: compute.VirtualMachineScaleSet, inputs: { virtualMachineProfile: { priority: "spot" } } },
        [/^virtualMachineProfile\.evictionPolicy is not set/],
    ],
    [
        "low-priority VM evicting by Deallocate",
        { type: compute.VirtualMachine, inputs: { priority: "Low", evictionPolicy: "Deallocate" } },
        [/^evictionPolicy is "Deallocate"/],
    ],
    ["Spot VM evicting by delete (any casing)", { type: compute.VirtualMachine, inputs: { priority: "Spot", evictionPolicy: "delete" } }, []],
    [
        "fleet with a Spot profile evicting by Deallocate",
        { type: azurefleet.Fleet, inputs: { spotPriorityProfile: { capacity: 4, evictionPolicy: "Deallocate" } } },
        [/^spotPriorityProfile\.evictionPolicy is "Deallocate"/],
    ],
    ["fleet with a Spot profile evicting by Delete", { type: azurefleet.Fleet, inputs: { spotPriorityProfile: { evictionPolicy: "Delete" } } }, []],
    ["fleet with only regular capacity", { type: azurefleet.Fleet, inputs: { regularPriorityProfile: { capacity: 4 } } }, []],
    ["odd shapes: priority a number, eviction a list", { type: compute.VirtualMachine, inputs: { priority: 1, evictionPolicy: ["Delete"] } }, []],
    [
        "odd shapes: Spot with eviction policy a number",
        { type: compute.VirtualMachine, inputs: { priority: "Spot", evictionPolicy: 7 } },
        [/^evictionPolicy is 7;/],
    ],
    [
        "unknown eviction policy on a Spot scale set",
        { type: compute.VirtualMachineScaleSet, inputs: { virtualMachineProfile: { priority: "Spot", evictionPolicy: UNKNOWN } } },
        [PREVIEW],
    ],
]);

const secureAccount = { enableHttpsTrafficOnly: true, minimumTlsVersion: "TLS1_2", allowBlobPublicAccess: false, allowSharedKeyAccess: false };

policyTable(storageAccountSecureAccess, [
    ["locked-down account", { type: storage.StorageAccount, inputs: secureAccount }, []],
    [
        "TLS 1.3 and HTTPS-only left at Azure's default",
        { type: storage.StorageAccount, inputs: { ...secureAccount, minimumTlsVersion: "TLS1_3", enableHttpsTrafficOnly: undefined } },
        [],
    ],
    [
        "account with every setting wrong",
        {
            type: storage.StorageAccount,
            inputs: { enableHttpsTrafficOnly: false, minimumTlsVersion: "TLS1_0", allowBlobPublicAccess: true, allowSharedKeyAccess: true },
        },
        [
            /^enableHttpsTrafficOnly must not be false/,
            /^minimumTlsVersion must be one of TLS1_2, TLS1_3; it is "TLS1_0"/,
            /^allowBlobPublicAccess must be false/,
            /^allowSharedKeyAccess must be false/,
        ],
    ],
    [
        "account relying on defaults (TLS 1.0, shared key allowed; public blob access is off by default on the SDK's API version)",
        { type: storage.StorageAccount, inputs: { kind: "StorageV2" } },
        [/^minimumTlsVersion .* it is not set/, /^allowSharedKeyAccess .* it is not set/],
    ],
    [
        "an account pinned to an API version before 2023-01-01, where public blob access was on by default",
        { type: "azure-native:storage/v20220901:StorageAccount", inputs: { ...secureAccount, allowBlobPublicAccess: undefined } },
        [/^allowBlobPublicAccess must be false .* it is not set/],
    ],
    [
        "an account on a later API version, public blob access left out",
        { type: "azure-native:storage/v20240101:StorageAccount", inputs: { ...secureAccount, allowBlobPublicAccess: undefined } },
        [],
    ],
    [
        "odd shapes: strings instead of booleans",
        { type: storage.StorageAccount, inputs: { ...secureAccount, allowBlobPublicAccess: "false", allowSharedKeyAccess: null } },
        [/^allowBlobPublicAccess must be false .* it is "false"/, /^allowSharedKeyAccess must be false .* it is null/],
    ],
    ["unknown TLS version", { type: storage.StorageAccount, inputs: { ...secureAccount, minimumTlsVersion: UNKNOWN } }, [PREVIEW]],
]);

policyTable(keyVaultRbacPurgeProtection, [
    [
        "vault with RBAC and purge protection",
        { type: keyvault.Vault, inputs: { properties: { enableRbacAuthorization: true, enablePurgeProtection: true, tenantId: "t" } } },
        [],
    ],
    [
        "vault with access policies and no purge protection",
        { type: keyvault.Vault, inputs: { properties: { enableRbacAuthorization: false } } },
        [/^properties\.enableRbacAuthorization must be true; it is false/, /^properties\.enablePurgeProtection must be true; it is not set/],
    ],
    ["odd shapes: no properties at all", { type: keyvault.Vault, inputs: {} }, [/enableRbacAuthorization/, /enablePurgeProtection/]],
    ["odd shapes: properties a string", { type: keyvault.Vault, inputs: { properties: "rbac" } }, [/enableRbacAuthorization/, /enablePurgeProtection/]],
    [
        "unknown purge protection",
        { type: keyvault.Vault, inputs: { properties: { enableRbacAuthorization: true, enablePurgeProtection: UNKNOWN } } },
        [PREVIEW],
    ],
]);

const rule = (fields: Record<string, unknown>) => ({ name: "r", priority: 100, protocol: "Tcp", direction: "Inbound", access: "Allow", ...fields });

policyTable(nsgNoInboundFromInternet, [
    [
        "inbound allow from an admin CIDR",
        { type: network.NetworkSecurityGroup, inputs: { securityRules: [rule({ sourceAddressPrefix: "192.0.2.0/24" })] } },
        [],
    ],
    [
        "outbound allow to anywhere",
        { type: network.NetworkSecurityGroup, inputs: { securityRules: [rule({ direction: "Outbound", sourceAddressPrefix: "*" })] } },
        [],
    ],
    [
        "inbound deny from the Internet",
        { type: network.NetworkSecurityGroup, inputs: { securityRules: [rule({ access: "Deny", sourceAddressPrefix: "Internet" })] } },
        [],
    ],
    [
        "inbound allow from *",
        { type: network.NetworkSecurityGroup, inputs: { securityRules: [rule({ sourceAddressPrefix: "192.0.2.1" }), rule({ sourceAddressPrefix: "*" })] } },
        [/^securityRules\[1\]: allows inbound traffic from "\*"/],
    ],
    [
        "inbound allow from internet (service tag, any casing)",
        { type: network.SecurityRule, inputs: rule({ sourceAddressPrefix: "internet" }) },
        [/^securityRule: allows inbound traffic from "internet"/],
    ],
    [
        "inbound allow with 0.0.0.0/0 and ::/0 among several prefixes",
        { type: network.SecurityRule, inputs: rule({ sourceAddressPrefixes: ["192.0.2.0/24", "0.0.0.0/0", "::/0"] }) },
        [/from "0\.0\.0\.0\/0"/, /from "::\/0"/],
    ],
    ["rule without direction or access is treated as inbound allow", { type: network.SecurityRule, inputs: { sourceAddressPrefix: "*" } }, [/from "\*"/]],
    ["NSG without rules", { type: network.NetworkSecurityGroup, inputs: {} }, []],
    [
        "odd shapes: rules null, numbers, prefixes not a list",
        { type: network.NetworkSecurityGroup, inputs: { securityRules: [null, 5, rule({ sourceAddressPrefixes: "*" })] } },
        [],
    ],
    ["unknown source prefix", { type: network.SecurityRule, inputs: rule({ sourceAddressPrefix: UNKNOWN }) }, [PREVIEW]],
]);

policyTable(requiredTags, [
    ["resource group with the default tags", { type: resources.ResourceGroup, inputs: { tags: { project: "buildfarm", owner: "fedora-infra" } } }, []],
    ["tag keys compare case-insensitively", { type: storage.StorageAccount, inputs: { tags: { Project: "buildfarm", OWNER: "infra" } } }, []],
    ["scale set without owner", { type: compute.VirtualMachineScaleSet, inputs: { tags: { project: "buildfarm" } } }, [/^tags is missing "owner"\.$/]],
    ["vault without tags", { type: keyvault.Vault, inputs: {} }, [/^tags is missing "project", "owner"\.$/]],
    ["empty values do not count", { type: network.VirtualNetwork, inputs: { tags: { project: " ", owner: "infra" } } }, [/missing "project"/]],
    ["child resources cannot carry tags and are not checked", { type: network.SecurityRule, inputs: {} }, []],
    ["odd shapes: tags a list", { type: resources.ResourceGroup, inputs: { tags: ["project"] } }, [/missing "project", "owner"/]],
    ["odd shapes: tag value a number", { type: resources.ResourceGroup, inputs: { tags: { project: 1, owner: "x" } } }, [/missing "project"/]],
    [
        "an unknown tag that is not required does not matter",
        { type: resources.ResourceGroup, inputs: { tags: { project: "p", owner: "o", build: UNKNOWN } } },
        [],
    ],
    ["an unknown required tag cannot be verified", { type: resources.ResourceGroup, inputs: { tags: { project: UNKNOWN, owner: "o" } } }, [PREVIEW]],
]);

policyTable(
    requiredTags,
    [["configured keys replace the default set", { type: resources.ResourceGroup, inputs: { tags: { project: "p" } } }, [/^tags is missing "cost-center"\.$/]]],
    { "required-tags": { requiredTags: ["cost-center"] } },
);

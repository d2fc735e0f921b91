/**
 * Ways a size (or an insecure setting) could reach Azure around the pack: a resource of an explicit API version,
 * the classic `@pulumi/azure` provider, a generic ARM resource, an ARM template deployment. Each with a violating
 * and a clean case, built the way the engine builds arguments (test/helpers/policy-harness.ts).
 */
import { describe, expect, it } from "vitest";
import { canonicalType } from "../policy/lib/resource-types";
import { HarnessResource, runResourcePolicies, runStackPolicies, UNKNOWN } from "./helpers/policy-harness";

const V3 = "Standard_D16as_v5";
const BELOW = "Standard_A2_v2";
const sizeViolations = async (resource: Omit<HarnessResource, "name">) =>
    (await runResourcePolicies([{ name: "subject", ...resource }]))
        .filter((violation) => violation.policy === "vm-sizes-x86-64-v3")
        .map((violation) => violation.message);

describe("versioned azure-native tokens are the same resources", () => {
    it.each([
        "azure-native:compute/v20240301:VirtualMachineScaleSet",
        "azure-native_compute_v20240301:compute:VirtualMachineScaleSet",
        "azure-native:compute/v20250401preview:VirtualMachineScaleSet",
    ])("%s", async (type) => {
        expect(canonicalType(type)).toBe("azure-native:compute:VirtualMachineScaleSet");
        expect(await sizeViolations({ type, inputs: { sku: { name: BELOW, capacity: 1 } } })).toEqual([expect.stringMatching(/^sku\.name: /)]);
        expect(await sizeViolations({ type, inputs: { sku: { name: V3, capacity: 1 } } })).toEqual([]);
        // The baselines too: a password on a versioned scale set.
        const violations = await runResourcePolicies([
            {
                name: "subject",
                type,
                inputs: {
                    sku: { name: V3 },
                    virtualMachineProfile: { osProfile: { adminPassword: "x", linuxConfiguration: { disablePasswordAuthentication: false } } },
                },
            },
        ]);
        expect(violations.map((violation) => violation.policy)).toContain("ssh-keys-only");
    });

    it("counts a versioned scale set against the vCPU budget", async () => {
        const violations = await runStackPolicies(
            [{ type: "azure-native:compute/v20240301:VirtualMachineScaleSet", name: "big", inputs: { sku: { name: V3, capacity: 100 } } }],
            { "vcpu-budget": { vcpuBudget: 100 } },
        );
        expect(violations.map((violation) => violation.policy)).toContain("vcpu-budget");
    });

    it("leaves other providers' tokens alone", () => {
        expect(canonicalType("azure:compute/linuxVirtualMachine:LinuxVirtualMachine")).toBe("azure:compute/linuxVirtualMachine:LinuxVirtualMachine");
        expect(canonicalType("azure-native:compute:VirtualMachine")).toBe("azure-native:compute:VirtualMachine");
    });
});

describe("the classic @pulumi/azure provider", () => {
    const cases: [string, string, (size: string) => Record<string, unknown>, string][] = [
        ["Linux scale set", "azure:compute/linuxVirtualMachineScaleSet:LinuxVirtualMachineScaleSet", (size) => ({ sku: size, instances: 2 }), "sku"],
        ["Windows scale set", "azure:compute/windowsVirtualMachineScaleSet:WindowsVirtualMachineScaleSet", (size) => ({ sku: size }), "sku"],
        [
            "orchestrated scale set",
            "azure:compute/orchestratedVirtualMachineScaleSet:OrchestratedVirtualMachineScaleSet",
            (size) => ({ skuName: size }),
            "skuName",
        ],
        [
            "orchestrated mix",
            "azure:compute/orchestratedVirtualMachineScaleSet:OrchestratedVirtualMachineScaleSet",
            (size) => ({ skuName: "Mix", skuProfile: { allocationStrategy: "LowestPrice", virtualMachineSizes: [{ name: V3 }, { name: size }] } }),
            "skuProfile.virtualMachineSizes[1].name",
        ],
        ["legacy scale set", "azure:compute/scaleSet:ScaleSet", (size) => ({ sku: { name: size, capacity: 1 } }), "sku.name"],
        ["Linux VM", "azure:compute/linuxVirtualMachine:LinuxVirtualMachine", (size) => ({ size }), "size"],
        ["legacy VM", "azure:compute/virtualMachine:VirtualMachine", (size) => ({ vmSize: size }), "vmSize"],
        [
            "AKS default node pool",
            "azure:containerservice/kubernetesCluster:KubernetesCluster",
            (size) => ({ defaultNodePool: { name: "default", vmSize: size } }),
            "defaultNodePool.vmSize",
        ],
        ["AKS node pool", "azure:containerservice/kubernetesClusterNodePool:KubernetesClusterNodePool", (size) => ({ vmSize: size }), "vmSize"],
        ["Batch pool", "azure:batch/pool:Pool", (size) => ({ vmSize: size }), "vmSize"],
        ["ML compute instance", "azure:machinelearning/computeInstance:ComputeInstance", (size) => ({ virtualMachineSize: size }), "virtualMachineSize"],
    ];

    it.each(cases)("%s: refuses a size below v3 at its own property, passes a v3 one", async (_name, type, inputs, path) => {
        expect(await sizeViolations({ type, inputs: inputs(BELOW) })).toEqual([expect.stringMatching(new RegExp(`^${path.replace(/[.[\]]/g, "\\$&")}: `))]);
        expect(await sizeViolations({ type, inputs: inputs(V3) })).toEqual([]);
    });

    it("counts an AKS default node pool without a size as a size not given", async () => {
        expect(
            await sizeViolations({ type: "azure:containerservice/kubernetesCluster:KubernetesCluster", inputs: { defaultNodePool: { name: "default" } } }),
        ).toEqual([expect.stringMatching(/^defaultNodePool\.vmSize: no VM size given/)]);
    });
});

describe("an unknown value during preview does not hide a known violation", () => {
    it("reports a wrong mix size when sku.name is unknown, then says what it could not check", async () => {
        const violations = await runResourcePolicies([
            { type: "azure-native:compute:VirtualMachineScaleSet", name: "subject", inputs: { sku: UNKNOWN, skuProfile: { vmSizes: [{ name: BELOW }] } } },
        ]);
        const sizes = violations.filter((violation) => violation.policy === "vm-sizes-x86-64-v3");
        expect(sizes).toEqual([
            expect.objectContaining({ enforcementLevel: "mandatory", message: expect.stringMatching(/^skuProfile\.vmSizes\[0\]\.name: /) }),
            expect.objectContaining({ enforcementLevel: "advisory", message: expect.stringMatching(/can't run policy 'vm-sizes-x86-64-v3'/) }),
        ]);
    });

    it("judges sizes by the configured level while the level tag is unknown", async () => {
        const violations = await runResourcePolicies([
            { type: "azure-native:compute:VirtualMachine", name: "subject", inputs: { tags: UNKNOWN, hardwareProfile: { vmSize: BELOW } } },
        ]);
        expect(violations.filter((violation) => violation.policy === "vm-sizes-x86-64-v3").map((violation) => violation.enforcementLevel)).toEqual([
            "mandatory",
            "advisory",
        ]);
    });
});

describe("an unknown in one setting does not hide another's known violation", () => {
    it.each([
        [
            "ssh-keys-only",
            {
                type: "azure-native:compute:VirtualMachine",
                inputs: { osProfile: { adminPassword: UNKNOWN, linuxConfiguration: { disablePasswordAuthentication: false } } },
            },
            /disablePasswordAuthentication must be true/,
        ],
        [
            "storage-account-secure-access",
            { type: "azure-native:storage:StorageAccount", inputs: { minimumTlsVersion: UNKNOWN, allowBlobPublicAccess: false, allowSharedKeyAccess: true } },
            /^allowSharedKeyAccess must be false/,
        ],
        [
            "key-vault-rbac-purge-protection",
            { type: "azure-native:keyvault:Vault", inputs: { properties: { enableRbacAuthorization: UNKNOWN, enablePurgeProtection: false } } },
            /^properties\.enablePurgeProtection must be true/,
        ],
        [
            "nsg-no-inbound-from-internet",
            {
                type: "azure-native:network:NetworkSecurityGroup",
                inputs: {
                    securityRules: [
                        { direction: "Inbound", access: UNKNOWN, sourceAddressPrefix: "*" },
                        { direction: "Inbound", access: "Allow", sourceAddressPrefix: "*" },
                    ],
                },
            },
            /securityRules\[1\]: allows inbound/,
        ],
    ] as [string, Omit<HarnessResource, "name">, RegExp][])("%s", async (policy, resource, message) => {
        const violations = (await runResourcePolicies([{ name: "subject", ...resource }])).filter((violation) => violation.policy === policy);
        expect(violations).toEqual([
            expect.objectContaining({ enforcementLevel: "mandatory", message: expect.stringMatching(message) }),
            expect.objectContaining({ enforcementLevel: "advisory", message: expect.stringMatching(/can't run policy/) }),
        ]);
    });
});

describe("a capacity reservation", () => {
    it("reserves only allowed sizes", async () => {
        expect(await sizeViolations({ type: "azure-native:compute:CapacityReservation", inputs: { sku: { name: BELOW, capacity: 2 } } })).toEqual([
            expect.stringMatching(/^sku\.name: /),
        ]);
        expect(await sizeViolations({ type: "azure-native:compute:CapacityReservation", inputs: { sku: { name: V3, capacity: 2 } } })).toEqual([]);
    });
});

describe("generic ARM", () => {
    it("a resources:Resource of type Microsoft.Compute/virtualMachineScaleSets or virtualMachines", async () => {
        const scaleSet = (size: string) => ({
            type: "azure-native:resources:Resource",
            inputs: {
                resourceProviderNamespace: "Microsoft.Compute",
                resourceType: "virtualMachineScaleSets",
                apiVersion: "2024-07-01",
                sku: { name: size, capacity: 1 },
                properties: {},
            },
        });
        expect(await sizeViolations(scaleSet(BELOW))).toEqual([expect.stringMatching(/^sku\.name: /)]);
        expect(await sizeViolations(scaleSet(V3))).toEqual([]);
        const vm = {
            type: "azure-native:resources:Resource",
            inputs: { resourceProviderNamespace: "microsoft.compute", resourceType: "VirtualMachines", properties: { hardwareProfile: { vmSize: BELOW } } },
        };
        expect(await sizeViolations(vm)).toEqual([expect.stringMatching(/^properties\.hardwareProfile\.vmSize: /)]);
        // Another type carries no size and passes.
        expect(
            await sizeViolations({
                type: "azure-native:resources:Resource",
                inputs: { resourceProviderNamespace: "Microsoft.Storage", resourceType: "storageAccounts", properties: {} },
            }),
        ).toEqual([]);
    });

    const deployment = (template: Record<string, unknown>, parameters: Record<string, unknown> = {}) => ({
        type: "azure-native:resources:Deployment",
        inputs: { properties: { mode: "Incremental", template, parameters } },
    });

    it("a template deployment: literal sizes, sizes from given parameters, nested resources", async () => {
        const vmss = (size: string) => ({
            type: "Microsoft.Compute/virtualMachineScaleSets",
            apiVersion: "2024-07-01",
            name: "s",
            sku: { name: size, capacity: 1 },
            properties: {},
        });
        expect(await sizeViolations(deployment({ resources: [vmss(V3), vmss(BELOW)] }))).toEqual([
            expect.stringMatching(/^properties\.template\.resources\[1\]\.sku\.name: /),
        ]);
        expect(await sizeViolations(deployment({ resources: [vmss("[parameters('size')]")] }, { size: { value: BELOW } }))).toEqual([
            expect.stringMatching(/^properties\.template\.resources\[0\]\.sku\.name \(parameter size\): /),
        ]);
        expect(await sizeViolations(deployment({ resources: [vmss("[parameters('size')]")] }, { size: { value: V3 } }))).toEqual([]);
        const nested = {
            type: "Microsoft.Resources/deployments",
            name: "inner",
            resources: [{ type: "Microsoft.Compute/virtualMachines", properties: { hardwareProfile: { vmSize: BELOW } } }],
        };
        expect(await sizeViolations(deployment({ resources: [nested] }))).toEqual([
            expect.stringMatching(/^properties\.template\.resources\[0\]\.resources\[0\]\.properties\.hardwareProfile\.vmSize: /),
        ]);
    });

    it("refuses a size the pack cannot evaluate, and a linked template it cannot read", async () => {
        const vmss = { type: "Microsoft.Compute/virtualMachineScaleSets", sku: { name: "[variables('size')]" } };
        expect(await sizeViolations(deployment({ resources: [vmss] }))).toEqual([expect.stringMatching(/^properties\.template\.resources\[0\]\.sku\.name: /)]);
        expect(
            await sizeViolations({
                type: "azure-native:resources:Deployment",
                inputs: { properties: { mode: "Incremental", templateLink: { uri: "https://example.org/t.json" } } },
            }),
        ).toEqual([expect.stringMatching(/^properties\.templateLink: /)]);
        expect(await sizeViolations(deployment({ resources: [{ type: "Microsoft.Storage/storageAccounts", name: "x" }] }))).toEqual([]);
    });
});

describe("baselines on every type that carries them", () => {
    const violationsOf = async (policy: string, resource: Omit<HarnessResource, "name">) =>
        (await runResourcePolicies([{ name: "subject", ...resource }]))
            .filter((violation) => violation.policy === policy)
            .map((violation) => violation.message);
    const fleetProfile = (osProfile: Record<string, unknown>, ipConfiguration: Record<string, unknown> = { name: "ip" }) => ({
        computeProfile: {
            baseVirtualMachineProfile: {
                osProfile,
                networkProfile: { networkInterfaceConfigurations: [{ name: "nic", ipConfigurations: [ipConfiguration] }] },
            },
        },
        vmSizesProfile: [{ name: V3 }],
    });
    const keysOnly = { adminUsername: "koji", linuxConfiguration: { disablePasswordAuthentication: true } };

    // [case, policy, violating resource, clean resource, expected message]
    const cases: [string, string, Omit<HarnessResource, "name">, Omit<HarnessResource, "name">, RegExp][] = [
        [
            "a Compute Fleet's NIC profile with a public IP",
            "no-public-ip-on-nics",
            { type: "azure-native:azurefleet:Fleet", inputs: fleetProfile(keysOnly, { name: "ip", publicIPAddressConfiguration: { name: "pip" } }) },
            { type: "azure-native:azurefleet:Fleet", inputs: fleetProfile(keysOnly) },
            /networkInterfaceConfigurations\[0\]\.ipConfigurations\[0\]\.publicIPAddressConfiguration: a public IP/,
        ],
        [
            "AKS node public IPs",
            "no-public-ip-on-nics",
            { type: "azure-native:containerservice:ManagedCluster", inputs: { agentPoolProfiles: [{ name: "p", vmSize: V3, enableNodePublicIP: true }] } },
            { type: "azure-native:containerservice:ManagedCluster", inputs: { agentPoolProfiles: [{ name: "p", vmSize: V3 }] } },
            /^agentPoolProfiles\[0\]\.enableNodePublicIP: every node/,
        ],
        [
            "a Batch pool left at Batch-managed public IPs",
            "no-public-ip-on-nics",
            { type: "azure-native:batch:Pool", inputs: { vmSize: V3 } },
            {
                type: "azure-native:batch:Pool",
                inputs: { vmSize: V3, networkConfiguration: { publicIPAddressConfiguration: { provision: "NoPublicIPAddresses" } } },
            },
            /provision is not set; set "NoPublicIPAddresses"/,
        ],
        [
            "a classic scale set with public IPs",
            "no-public-ip-on-nics",
            {
                type: "azure:compute/linuxVirtualMachineScaleSet:LinuxVirtualMachineScaleSet",
                inputs: { sku: V3, networkInterfaces: [{ name: "n", ipConfigurations: [{ name: "i", publicIpAddresses: [{ name: "p" }] }] }] },
            },
            {
                type: "azure:compute/linuxVirtualMachineScaleSet:LinuxVirtualMachineScaleSet",
                inputs: { sku: V3, networkInterfaces: [{ name: "n", ipConfigurations: [{ name: "i" }] }] },
            },
            /^networkInterfaces\[0\]\.ipConfigurations\[0\]\.publicIpAddresses\[0\]: /,
        ],
        [
            "a classic AKS default pool with node public IPs",
            "no-public-ip-on-nics",
            {
                type: "azure:containerservice/kubernetesCluster:KubernetesCluster",
                inputs: { defaultNodePool: { name: "d", vmSize: V3, nodePublicIpEnabled: true } },
            },
            { type: "azure:containerservice/kubernetesCluster:KubernetesCluster", inputs: { defaultNodePool: { name: "d", vmSize: V3 } } },
            /^defaultNodePool\.nodePublicIpEnabled: /,
        ],
        [
            "a Compute Fleet OS profile with a password",
            "ssh-keys-only",
            {
                type: "azure-native:azurefleet:Fleet",
                inputs: fleetProfile({ adminUsername: "koji", adminPassword: "x", linuxConfiguration: { disablePasswordAuthentication: false } }),
            },
            { type: "azure-native:azurefleet:Fleet", inputs: fleetProfile(keysOnly) },
            /^computeProfile\.baseVirtualMachineProfile\.osProfile\.adminPassword: /,
        ],
        [
            "a VMAccess extension that sets a password",
            "ssh-keys-only",
            {
                type: "azure-native:compute:VirtualMachineExtension",
                inputs: { publisher: "Microsoft.OSTCExtensions", type: "VMAccessForLinux", protectedSettings: { username: "koji", password: "x" } },
            },
            {
                type: "azure-native:compute:VirtualMachineExtension",
                inputs: {
                    publisher: "Microsoft.OSTCExtensions",
                    type: "VMAccessForLinux",
                    protectedSettings: { username: "koji", ssh_key: "ssh-ed25519 AAAA" },
                },
            },
            /VMAccessForLinux extension sets a password/,
        ],
        [
            "a scale set's inline VMAccess extension",
            "ssh-keys-only",
            {
                type: "azure-native:compute:VirtualMachineScaleSet",
                inputs: {
                    sku: { name: V3 },
                    virtualMachineProfile: {
                        osProfile: keysOnly,
                        extensionProfile: { extensions: [{ name: "a", type: "VMAccessForLinux", protectedSettings: { password: "x" } }] },
                    },
                },
            },
            {
                type: "azure-native:compute:VirtualMachineScaleSet",
                inputs: {
                    sku: { name: V3 },
                    virtualMachineProfile: { osProfile: keysOnly, extensionProfile: { extensions: [{ name: "h", type: "ApplicationHealthLinux" }] } },
                },
            },
            /^virtualMachineProfile\.extensionProfile\.extensions\[0\]: /,
        ],
        [
            "a classic Linux VM with a password",
            "ssh-keys-only",
            { type: "azure:compute/linuxVirtualMachine:LinuxVirtualMachine", inputs: { size: V3, adminPassword: "x", disablePasswordAuthentication: false } },
            {
                type: "azure:compute/linuxVirtualMachine:LinuxVirtualMachine",
                inputs: { size: V3, adminSshKeys: [{ username: "koji", publicKey: "ssh-ed25519 AAAA" }] },
            },
            /^adminPassword: /,
        ],
        [
            "an AKS Spot pool that deallocates",
            "spot-eviction-delete",
            { type: "azure-native:containerservice:AgentPool", inputs: { vmSize: V3, scaleSetPriority: "Spot", scaleSetEvictionPolicy: "Deallocate" } },
            { type: "azure-native:containerservice:AgentPool", inputs: { vmSize: V3, scaleSetPriority: "Spot" } },
            /^scaleSetEvictionPolicy is "Deallocate"/,
        ],
        [
            "a classic Spot scale set that deallocates",
            "spot-eviction-delete",
            {
                type: "azure:compute/linuxVirtualMachineScaleSet:LinuxVirtualMachineScaleSet",
                inputs: { sku: V3, priority: "Spot", evictionPolicy: "Deallocate" },
            },
            { type: "azure:compute/linuxVirtualMachineScaleSet:LinuxVirtualMachineScaleSet", inputs: { sku: V3, priority: "Spot", evictionPolicy: "Delete" } },
            /^evictionPolicy is "Deallocate"/,
        ],
        [
            "a classic storage account left at its defaults",
            "storage-account-secure-access",
            { type: "azure:storage/account:Account", inputs: { accountTier: "Standard" } },
            { type: "azure:storage/account:Account", inputs: { accountTier: "Standard", allowNestedItemsToBePublic: false, sharedAccessKeyEnabled: false } },
            /^allowNestedItemsToBePublic must be false/,
        ],
        [
            "a classic key vault without purge protection",
            "key-vault-rbac-purge-protection",
            { type: "azure:keyvault/keyVault:KeyVault", inputs: { rbacAuthorizationEnabled: true } },
            { type: "azure:keyvault/keyVault:KeyVault", inputs: { rbacAuthorizationEnabled: true, purgeProtectionEnabled: true } },
            /^purgeProtectionEnabled must be true/,
        ],
        [
            "a classic NSG open to the internet",
            "nsg-no-inbound-from-internet",
            {
                type: "azure:network/networkSecurityGroup:NetworkSecurityGroup",
                inputs: { securityRules: [{ name: "r", direction: "Inbound", access: "Allow", sourceAddressPrefix: "Internet" }] },
            },
            {
                type: "azure:network/networkSecurityGroup:NetworkSecurityGroup",
                inputs: { securityRules: [{ name: "r", direction: "Inbound", access: "Allow", sourceAddressPrefix: "203.0.113.0/28" }] },
            },
            /allows inbound traffic from "Internet"/,
        ],
        [
            "NSG prefixes that together are all of IPv4",
            "nsg-no-inbound-from-internet",
            {
                type: "azure-native:network:SecurityRule",
                inputs: { direction: "Inbound", access: "Allow", sourceAddressPrefixes: ["0.0.0.0/1", "128.0.0.0/2", "192.0.0.0/2"] },
            },
            {
                type: "azure-native:network:SecurityRule",
                inputs: { direction: "Inbound", access: "Allow", sourceAddressPrefixes: ["0.0.0.0/1", "128.0.0.0/2"] },
            },
            /together all of IPv4/,
        ],
        [
            "a Virtual Network Manager rule that always allows from the internet",
            "nsg-no-inbound-from-internet",
            {
                type: "azure-native:network:AdminRule",
                inputs: {
                    kind: "Custom",
                    access: "AlwaysAllow",
                    direction: "Inbound",
                    sources: [{ addressPrefix: "Internet", addressPrefixType: "ServiceTag" }],
                },
            },
            {
                type: "azure-native:network:AdminRule",
                inputs: { kind: "Custom", access: "Deny", direction: "Inbound", sources: [{ addressPrefix: "Internet", addressPrefixType: "ServiceTag" }] },
            },
            /^sources: allows inbound traffic from "Internet"/,
        ],
        [
            "a Batch NAT pool with no NSG rules, or one open to all",
            "nsg-no-inbound-from-internet",
            {
                type: "azure-native:batch:Pool",
                inputs: { vmSize: V3, networkConfiguration: { endpointConfiguration: { inboundNatPools: [{ name: "ssh", backendPort: 22 }] } } },
            },
            {
                type: "azure-native:batch:Pool",
                inputs: {
                    vmSize: V3,
                    networkConfiguration: {
                        endpointConfiguration: {
                            inboundNatPools: [
                                {
                                    name: "ssh",
                                    backendPort: 22,
                                    networkSecurityGroupRules: [{ priority: 150, access: "Allow", sourceAddressPrefix: "203.0.113.7" }],
                                },
                            ],
                        },
                    },
                },
            },
            /inboundNatPools\[0\]: an inbound NAT pool without NSG rules/,
        ],
    ];

    it.each(cases)("%s", async (_case, policy, violating, clean, message) => {
        expect(await violationsOf(policy, violating)).toContainEqual(expect.stringMatching(message));
        expect(await violationsOf(policy, clean)).toEqual([]);
    });

    it("a Batch NAT pool rule allowing every address", async () => {
        const open = {
            type: "azure-native:batch:Pool",
            inputs: {
                vmSize: V3,
                networkConfiguration: {
                    endpointConfiguration: {
                        inboundNatPools: [{ name: "ssh", networkSecurityGroupRules: [{ priority: 150, access: "Allow", sourceAddressPrefix: "*" }] }],
                    },
                },
            },
        };
        expect(await violationsOf("nsg-no-inbound-from-internet", open)).toEqual([
            expect.stringMatching(/networkSecurityGroupRules\[0\]: allows inbound traffic from "\*"/),
        ]);
    });

    it("a classic lock protects a classic storage account", async () => {
        const account: HarnessResource = { type: "azure:storage/account:Account", name: "store", id: "store-id", inputs: {} };
        const lock: HarnessResource = { type: "azure:management/lock:Lock", name: "lock", inputs: { scope: "store-id", lockLevel: "CanNotDelete" } };
        const policy = (await runStackPolicies([account])).filter((violation) => violation.policy === "storage-account-delete-lock");
        expect(policy).toHaveLength(1);
        expect((await runStackPolicies([account, lock])).filter((violation) => violation.policy === "storage-account-delete-lock")).toEqual([]);
    });
});

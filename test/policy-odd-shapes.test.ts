/**
 * No policy throws on odd input. Starting from a well-formed example of every resource type the pack looks
 * at, each property (at every depth) is replaced in turn by null, a number, a string, a boolean, an empty or
 * odd list, an empty object, and an unknown; the whole pack, resource and stack policies, must then answer
 * with violations (or none), never with an exception.
 */
import { describe, expect, it } from "vitest";
import { HarnessResource, runResourcePolicies, runStackPolicies, UNKNOWN } from "./helpers/policy-harness";

const ODD_VALUES: unknown[] = [null, undefined, 0, -1, 1.5, "", "x", true, [], [null], [1, "a"], {}, { name: null }, UNKNOWN];

const nic = { name: "nic", ipConfigurations: [{ name: "ip", subnet: { id: "s" }, publicIPAddressConfiguration: { name: "pip" } }] };
const osProfile = { adminUsername: "koji", adminPassword: "p", linuxConfiguration: { disablePasswordAuthentication: true } };
const tags = { project: "buildfarm", owner: "infra" };

const EXAMPLES: HarnessResource[] = [
    {
        type: "azure-native:compute:VirtualMachineScaleSet",
        name: "pool",
        id: "pool-id",
        inputs: {
            sku: { name: "Mix", capacity: 2 },
            skuProfile: { vmSizes: [{ name: "Standard_D16as_v5" }] },
            virtualMachineProfile: { priority: "Spot", evictionPolicy: "Delete", osProfile, networkProfile: { networkInterfaceConfigurations: [nic] } },
            tags,
        },
    },
    {
        type: "azure-native:compute:VirtualMachine",
        name: "vm",
        inputs: {
            hardwareProfile: { vmSize: "Standard_D4s_v5" },
            priority: "Spot",
            evictionPolicy: "Delete",
            osProfile,
            networkProfile: { networkInterfaceConfigurations: [nic] },
            tags,
        },
    },
    {
        type: "azure-native:containerservice:ManagedCluster",
        name: "aks",
        inputs: {
            agentPoolProfiles: [{ name: "a", vmSize: "Standard_D4s_v5", virtualMachinesProfile: { scale: { manual: [{ size: "Standard_D4s_v5" }] } } }],
            tags,
        },
    },
    { type: "azure-native:containerservice:AgentPool", name: "aks-pool", inputs: { vmSize: "Standard_D4s_v5", tags } },
    { type: "azure-native:batch:Pool", name: "batch", inputs: { vmSize: "Standard_D4s_v5", tags } },
    {
        type: "azure-native:azurefleet:Fleet",
        name: "fleet",
        inputs: { vmSizesProfile: [{ name: "Standard_D4s_v5" }], spotPriorityProfile: { evictionPolicy: "Delete" }, tags },
    },
    {
        type: "azure-native:computebulkactions:BulkAction",
        name: "bulk",
        inputs: { properties: { vmSizesProfile: [{ name: "Standard_D4s_v5" }], vmAttributes: { vCpuCount: { min: 4 } } }, tags },
    },
    { type: "azure-native:network:NetworkInterface", name: "nic", inputs: { ipConfigurations: [{ publicIPAddress: { id: "pip" } }], tags } },
    {
        type: "azure-native:network:NetworkSecurityGroup",
        name: "nsg",
        inputs: { securityRules: [{ direction: "Inbound", access: "Allow", sourceAddressPrefix: "*", sourceAddressPrefixes: ["0.0.0.0/0"] }], tags },
    },
    {
        type: "azure-native:network:SecurityRule",
        name: "rule",
        inputs: { direction: "Inbound", access: "Allow", sourceAddressPrefix: "Internet", sourceAddressPrefixes: ["::/0"] },
    },
    {
        type: "azure-native:storage:StorageAccount",
        name: "store",
        id: "store-id",
        inputs: { enableHttpsTrafficOnly: true, minimumTlsVersion: "TLS1_2", allowBlobPublicAccess: false, allowSharedKeyAccess: false, tags },
    },
    { type: "azure-native:keyvault:Vault", name: "vault", inputs: { properties: { enableRbacAuthorization: true, enablePurgeProtection: true }, tags } },
    { type: "azure-native:authorization:ManagementLockByScope", name: "lock", inputs: { scope: "store-id", level: "CanNotDelete" } },
    {
        type: "azure-native:monitor:AutoscaleSetting",
        name: "autoscale",
        inputs: { targetResourceUri: "pool-id", profiles: [{ capacity: { maximum: "10" } }], tags },
    },
    // Walk-arounds: a versioned token, the classic provider, generic ARM and templates, the size policy assignments.
    { type: "azure-native:compute/v20240301:VirtualMachineScaleSet", name: "versioned", inputs: { sku: { name: "Standard_D4s_v5", capacity: 1 }, tags } },
    {
        type: "azure:compute/orchestratedVirtualMachineScaleSet:OrchestratedVirtualMachineScaleSet",
        name: "classic-vmss",
        inputs: {
            skuName: "Mix",
            skuProfile: { allocationStrategy: "LowestPrice", virtualMachineSizes: [{ name: "Standard_D4s_v5" }], vmSizes: ["Standard_D4s_v5"] },
        },
    },
    {
        type: "azure:containerservice/kubernetesCluster:KubernetesCluster",
        name: "classic-aks",
        inputs: { defaultNodePool: { name: "d", vmSize: "Standard_D4s_v5" } },
    },
    {
        type: "azure-native:resources:Resource",
        name: "generic",
        inputs: {
            resourceProviderNamespace: "Microsoft.Compute",
            resourceType: "virtualMachineScaleSets",
            sku: { name: "Mix" },
            properties: { skuProfile: { vmSizes: [{ name: "Standard_D4s_v5" }] } },
        },
    },
    {
        type: "azure-native:resources:Deployment",
        name: "template",
        inputs: {
            properties: {
                template: {
                    resources: [
                        {
                            type: "Microsoft.Compute/virtualMachines",
                            properties: { hardwareProfile: { vmSize: "[parameters('s')]" } },
                            resources: [{ type: "x" }],
                        },
                    ],
                },
                parameters: { s: { value: "Standard_D4s_v5" } },
            },
        },
    },
    // Baselines on more types: extensions, VNM admin rules, Batch NAT pools and public IPs, the classic provider's.
    { type: "azure-native:compute:VirtualMachineExtension", name: "vmaccess", inputs: { type: "VMAccessForLinux", protectedSettings: { password: "x" } } },
    {
        type: "azure-native:network:AdminRule",
        name: "admin-rule",
        inputs: { kind: "Custom", access: "AlwaysAllow", direction: "Inbound", sources: [{ addressPrefix: "Internet", addressPrefixType: "ServiceTag" }] },
    },
    {
        type: "azure-native:batch:Pool",
        name: "batch-nat",
        inputs: {
            vmSize: "Standard_D4s_v5",
            networkConfiguration: {
                publicIPAddressConfiguration: { provision: "NoPublicIPAddresses" },
                endpointConfiguration: { inboundNatPools: [{ name: "ssh", networkSecurityGroupRules: [{ access: "Allow", sourceAddressPrefix: "*" }] }] },
            },
            tags,
        },
    },
    {
        type: "azure:compute/linuxVirtualMachineScaleSet:LinuxVirtualMachineScaleSet",
        name: "classic-linux",
        inputs: {
            sku: "Standard_D4s_v5",
            instances: 2,
            priority: "Spot",
            evictionPolicy: "Delete",
            adminPassword: "x",
            networkInterfaces: [{ name: "n", ipConfigurations: [{ name: "i", publicIpAddresses: [{ name: "p" }] }] }],
        },
    },
    {
        type: "azure:storage/account:Account",
        name: "classic-store",
        id: "classic-store-id",
        inputs: { allowNestedItemsToBePublic: false, sharedAccessKeyEnabled: false, minTlsVersion: "TLS1_2" },
    },
    { type: "azure:keyvault/keyVault:KeyVault", name: "classic-vault", inputs: { rbacAuthorizationEnabled: true, purgeProtectionEnabled: true } },
    {
        type: "azure:network/networkSecurityGroup:NetworkSecurityGroup",
        name: "classic-nsg",
        inputs: { securityRules: [{ direction: "Inbound", access: "Allow", sourceAddressPrefixes: ["0.0.0.0/1", "128.0.0.0/1"] }] },
    },
    { type: "azure:management/lock:Lock", name: "classic-lock", inputs: { scope: "classic-store-id", lockLevel: "CanNotDelete" } },
    { type: "azure-native:resources:ResourceGroup", name: "rg", id: "/subscriptions/s/resourceGroups/rg", inputs: { resourceGroupName: "rg", tags } },
    {
        type: "azure-native:authorization:PolicyAssignment",
        name: "sizes",
        inputs: {
            scope: "/subscriptions/s/resourceGroups/rg",
            policyDefinitionId: "/providers/Microsoft.Authorization/policyDefinitions/cccc23c7-8427-4f53-ad12-b6a63eb452b3",
            parameters: { listOfAllowedSKUs: { value: ["Standard_D4s_v5"] } },
        },
    },
];

/** Every property path of a value, objects and arrays alike, outermost first. */
function propertyPaths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
    if (typeof value !== "object" || value === null) {
        return [];
    }
    return Object.entries(value).flatMap(([key, child]) => {
        const path = [...prefix, Array.isArray(value) ? Number(key) : key];
        return [path, ...propertyPaths(child, path)];
    });
}

/** A deep copy of `value` with the property at `path` replaced. */
function replaced(value: unknown, path: (string | number)[], replacement: unknown): unknown {
    if (path.length === 0) {
        return replacement;
    }
    const [head, ...rest] = path;
    const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string | number, unknown>;
    copy[head] = replaced(copy[head], rest, replacement);
    return copy;
}

describe("no policy throws on odd input", () => {
    it.each(EXAMPLES.map((example) => [example.type, example] as const))("%s", async (_type, example) => {
        const variants = [
            example,
            { ...example, inputs: {} },
            ...propertyPaths(example.inputs).flatMap((path) =>
                ODD_VALUES.map((odd) => ({ ...example, inputs: replaced(example.inputs, path, odd) as Record<string, unknown> })),
            ),
        ];
        for (const variant of variants) {
            const others = EXAMPLES.filter((other) => other.name !== example.name);
            await expect(runResourcePolicies([variant]), JSON.stringify(variant.inputs)).resolves.toBeInstanceOf(Array);
            await expect(runStackPolicies([variant, ...others]), JSON.stringify(variant.inputs)).resolves.toBeInstanceOf(Array);
        }
    });
});

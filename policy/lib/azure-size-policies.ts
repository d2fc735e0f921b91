/**
 * Azure's own built-in policies that refuse VM sizes at the ARM layer, whoever asks (portal, CLI, another
 * tool), read from Azure/azure-policy built-in-policies/policyDefinitions/Compute:
 * - "Allowed virtual machine size SKUs" (VMSkusAllowed_Deny.json): denies a `Microsoft.Compute/virtualMachines`
 *   whose `sku.name` (its size) is not in `listOfAllowedSKUs`.
 * - "Allowed virtual machine size SKUs for Virtual Machine Scale Sets" (VMSSSkusAllowed_Deny.json): the same for
 *   `Microsoft.Compute/virtualMachineScaleSets`, on the scale set's `sku.name` only. An instance mix's `sku.name`
 *   is `Mix` and its sizes are in `skuProfile.vmSizes`, which this definition does not read: so `Mix` must be in
 *   its list for a mix to be created at all, and a mix's sizes are held by the pack and the CPU guard, not here.
 * Shared by the farm (which assigns them) and the pack (which checks that they are assigned).
 */
export interface AzureSizePolicy {
    /** Short key: the assignment's logical name suffix. */
    readonly key: "vm-sizes" | "vmss-sizes";
    readonly definitionName: string;
    readonly displayName: string;
    /** Entries the list may hold besides catalog sizes, and why. */
    readonly alsoAllowed: readonly string[];
}

export const AZURE_SIZE_POLICIES: readonly AzureSizePolicy[] = [
    { key: "vm-sizes", definitionName: "cccc23c7-8427-4f53-ad12-b6a63eb452b3", displayName: "Allowed virtual machine size SKUs", alsoAllowed: [] },
    {
        key: "vmss-sizes",
        definitionName: "a7032590-9c5d-4450-bee6-c5a7f0100542",
        displayName: "Allowed virtual machine size SKUs for Virtual Machine Scale Sets",
        alsoAllowed: ["Mix"],
    },
];

/** The built-in definition's resource id, as an assignment's `policyDefinitionId` names it. */
export const definitionIdOf = (policy: AzureSizePolicy): string => `/providers/Microsoft.Authorization/policyDefinitions/${policy.definitionName}`;

/** The parameter both definitions take. */
export const ALLOWED_SIZES_PARAMETER = "listOfAllowedSKUs";

/**
 * The farm's ARM-layer size rule, as a pure plan: one assignment of each of Azure's built-in size policies
 * (policy/lib/azure-size-policies.ts) at the farm's resource group, each allowing exactly the catalog's sizes at
 * the farm's level. The pack's preview check and the builders' CPU guard are the other two layers (README,
 * "Three layers").
 */
import { allowedSizeNames, MinimumLevel } from "../policy/catalog";
import { ALLOWED_SIZES_PARAMETER, AZURE_SIZE_POLICIES, AzureSizePolicy, definitionIdOf } from "../policy/lib/azure-size-policies";

export interface SizePolicyAssignmentPlan {
    readonly key: AzureSizePolicy["key"];
    readonly policyDefinitionId: string;
    readonly displayName: string;
    readonly description: string;
    readonly parameters: { readonly [ALLOWED_SIZES_PARAMETER]: { readonly value: readonly string[] } };
    readonly nonComplianceMessage: string;
}

export function planSizePolicyAssignments(minimumLevel: MinimumLevel, asOf?: Date): SizePolicyAssignmentPlan[] {
    const allowed = allowedSizeNames({ minimumLevel, asOf });
    return AZURE_SIZE_POLICIES.map((policy) => ({
        key: policy.key,
        policyDefinitionId: definitionIdOf(policy),
        displayName: `Koji build farm: ${policy.displayName} (${minimumLevel})`,
        description: `Only the VM sizes whose every host CPU runs ${minimumLevel} (the farm's size catalog, ${allowed.length} sizes).`,
        parameters: { [ALLOWED_SIZES_PARAMETER]: { value: [...allowed, ...policy.alsoAllowed] } },
        nonComplianceMessage: `This build farm runs only ${minimumLevel} VM sizes; pick one from \`npm run sizes -- --list\`.`,
    }));
}

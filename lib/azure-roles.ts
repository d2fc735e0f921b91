/**
 * Built-in Azure role definitions the farm assigns. Their GUIDs are the same in every tenant.
 * Source: learn.microsoft.com/azure/role-based-access-control/built-in-roles, pages "Security"
 * (Key Vault Secrets User) and "Storage" (Storage Blob Data Contributor).
 */
import { InputPropertyError } from "./input-property-error";
export const BUILT_IN_ROLES = {
    /** Read secret contents (get, list). Nothing on keys or certificates, no writes. */
    keyVaultSecretsUser: "4633458b-17de-408a-b874-0445c86b69e6",
    /** Read, write and delete blobs and take leases in the containers of its scope. */
    storageBlobDataContributor: "ba92f5b4-2d11-453d-a403-e96b0029c9fe",
} as const;

export type BuiltInRole = keyof typeof BUILT_IN_ROLES;

/** The resource id ARM expects in a role assignment's `roleDefinitionId`. */
export function roleDefinitionResourceId(subscriptionId: string, role: BuiltInRole): string {
    return `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${BUILT_IN_ROLES[role]}`;
}

/**
 * Returns `scope` if it names a resource below a resource group (a vault, a blob container), and throws
 * otherwise: the farm grants data-plane roles on single resources, never on a subscription or resource group.
 */
export function requireResourceScope(scope: string, argumentName: string): string {
    if (!/^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/[^/]+\/[^/]+\/[^/]+/i.test(scope)) {
        throw new InputPropertyError(
            argumentName,
            `${argumentName}: "${scope}" is not a resource id below a resource group; role assignments must not be that broad`,
        );
    }
    return scope;
}

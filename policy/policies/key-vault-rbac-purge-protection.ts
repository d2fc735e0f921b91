/**
 * Key vaults use Azure RBAC for data-plane access and have purge protection on.
 *
 * The vault holds the builders' Koji credentials. RBAC lets each pool's managed identity read only its own
 * secrets (access policies are vault-wide); purge protection keeps a deleted vault recoverable for its
 * retention period, so a mistaken `pulumi destroy` cannot lose the credentials for good.
 *
 * @severity high
 * @topics keyvault, secrets
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import * as keyvault from "@pulumi/azure-native/keyvault";
import { describeValue, field, PropertyRecord } from "../lib/props";
import { checkParts, validateResourcesOfTypes } from "../lib/resource-types";
import { CLASSIC } from "../lib/classic-types";

/** Both must be explicitly true: RBAC's default depends on the API version, purge protection is off by default. */
const REQUIRED_VAULT_FLAGS = ["enableRbacAuthorization", "enablePurgeProtection"];

function vaultMessages(props: PropertyRecord): string[] {
    // Each flag on its own: an unknown one during preview does not hide the other's known violation.
    return checkParts(
        REQUIRED_VAULT_FLAGS.map((flag) => () => {
            const value = field(props, "properties", flag);
            return value === true ? [] : [`properties.${flag} must be true; it is ${describeValue(value)}.`];
        }),
    );
}

/** The classic provider's vault: `rbacAuthorizationEnabled` (formerly `enableRbacAuthorization`) and `purgeProtectionEnabled`. */
function classicVaultMessages(props: PropertyRecord): string[] {
    const rbac = props.rbacAuthorizationEnabled ?? props.enableRbacAuthorization;
    return [
        ...(rbac === true ? [] : [`rbacAuthorizationEnabled must be true; it is ${describeValue(rbac)}.`]),
        ...(props.purgeProtectionEnabled === true ? [] : [`purgeProtectionEnabled must be true; it is ${describeValue(props.purgeProtectionEnabled)}.`]),
    ];
}

export const keyVaultRbacPurgeProtection: ResourceValidationPolicy = {
    name: "key-vault-rbac-purge-protection",
    description: "Key vaults must use RBAC authorization and have purge protection enabled.",
    enforcementLevel: "mandatory",
    severity: "high",
    validateResource: validateResourcesOfTypes([
        { resourceType: keyvault.Vault, findViolations: vaultMessages },
        { resourceType: CLASSIC.keyvault.KeyVault, findViolations: classicVaultMessages },
    ]),
};

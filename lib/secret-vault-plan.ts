/**
 * The secret vault's plan: its settings checked and defaulted, before anything is registered. Pure; the
 * SecretVault component (components/secret-vault.ts) builds what this returns.
 */
import { publicEndpointAccess, PublicEndpointAccess } from "./admin-access";
import { InputPropertyError } from "./input-property-error";
import { NAME_SUFFIX_LENGTH } from "./name-suffix";

export interface SecretVaultPlanInput {
    /**
     * Public addresses (bare or CIDR) let through the vault firewall, e.g. the workstation that uploads the
     * keytabs. Default: none, and public network access is then disabled.
     */
    readonly adminSourceCidrs?: readonly string[];
    /** Starts with a letter; letters, digits and single hyphens; at most 15. A random suffix follows. Default: `koji-kv`. */
    readonly vaultNamePrefix?: string;
    /** Days a deleted vault or secret stays recoverable (7 to 90); fixed once the vault exists. Default: 90. */
    readonly softDeleteRetentionDays?: number;
    /** Default: `standard` (software-protected keys; the vault holds secrets only). */
    readonly skuName?: "standard" | "premium";
}

export const SECRET_VAULT_DEFAULTS = {
    vaultNamePrefix: "koji-kv",
    softDeleteRetentionDays: 90,
    skuName: "standard",
} as const;

/** Vault names are 3 to 24 characters, the `-` and the random suffix included. */
const VAULT_NAME_PREFIX_MAX_LENGTH = 24 - 1 - NAME_SUFFIX_LENGTH;

/** The vault's arguments checked, with defaults filled in: what the component builds. */
export interface SecretVaultPlan {
    readonly vaultNamePrefix: string;
    readonly skuName: "standard" | "premium";
    readonly softDeleteRetentionDays: number;
    /** Public network access and the firewall's allowed ranges (lib/admin-access.ts). */
    readonly access: PublicEndpointAccess;
}

/** Checks the arguments that can be checked before deployment (throws `InputPropertyError`) and fills in defaults. */
export function planSecretVault(args: SecretVaultPlanInput): SecretVaultPlan {
    const prefix = args.vaultNamePrefix ?? SECRET_VAULT_DEFAULTS.vaultNamePrefix;
    if (!/^[a-zA-Z](?:-?[a-zA-Z0-9])*$/.test(prefix) || prefix.length > VAULT_NAME_PREFIX_MAX_LENGTH) {
        throw new InputPropertyError(
            "vaultNamePrefix",
            `vaultNamePrefix: "${prefix}" must start with a letter, hold only letters, digits and single hyphens, and be at most ${VAULT_NAME_PREFIX_MAX_LENGTH} long`,
        );
    }
    const retention = args.softDeleteRetentionDays ?? SECRET_VAULT_DEFAULTS.softDeleteRetentionDays;
    if (!Number.isInteger(retention) || retention < 7 || retention > 90) {
        throw new InputPropertyError("softDeleteRetentionDays", `softDeleteRetentionDays: Key Vault keeps deleted items 7 to 90 days; got ${retention}`);
    }
    return {
        vaultNamePrefix: prefix,
        skuName: args.skuName ?? SECRET_VAULT_DEFAULTS.skuName,
        softDeleteRetentionDays: retention,
        access: publicEndpointAccess(args.adminSourceCidrs ?? [], "adminSourceCidrs"),
    };
}

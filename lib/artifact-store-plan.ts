/**
 * The artifact store's plan: its settings checked and defaulted, before anything is registered. Pure; the
 * ArtifactStore component (components/artifact-store.ts) builds what this returns.
 */
import { publicEndpointAccess, PublicEndpointAccess } from "./admin-access";
import { InputPropertyError } from "./input-property-error";
import { NAME_SUFFIX_LENGTH } from "./name-suffix";

/** Redundancy SKUs for a StorageV2 account; zone- or geo-zone-redundant ones survive a zone outage. */
export type ArtifactStoreSku = "Standard_ZRS" | "Standard_GZRS" | "Standard_RAGZRS" | "Standard_LRS" | "Standard_GRS" | "Standard_RAGRS";

export interface ArtifactStorePlanInput {
    /**
     * The pool's slot ids (`builderSlots(...).map(slot => slot.id)` from `lib/slots.ts`): one lease blob each in
     * `slots`. Required. The blobs are created by the builders, not here; see the class comment.
     */
    readonly slotIds: readonly string[];
    /** Replication. Default: `Standard_ZRS` (three zones, one region). */
    readonly skuName?: ArtifactStoreSku;
    /** Lowercase letters and digits, at most 16; a random 8-character suffix makes the name global. Default: `kojiartifacts`. */
    readonly accountNamePrefix?: string;
    /**
     * Public addresses (bare or CIDR) let through the account firewall, e.g. an operator's workstation.
     * Default: none, and public network access is then disabled; builders use the private endpoint either way.
     */
    readonly adminSourceCidrs?: readonly string[];
    /** Days deleted blobs, versions and containers stay restorable (1 to 365). Default: 30. */
    readonly softDeleteRetentionDays?: number;
    /**
     * A management lock on the account. Default: `{ kind: "CanNotDelete" }`, so a portal or CLI deletion of the
     * account or a container fails. `None` is for throwaway stacks only.
     */
    readonly lock?: { readonly kind: "CanNotDelete" | "None" };
    /**
     * Pulumi `protect` on the account. Default: true, so `pulumi destroy` and a replacement refuse to delete it.
     * Overridable because a throwaway test stack could otherwise never be destroyed without
     * `pulumi state unprotect`; a farm stack should never set it to false.
     */
    readonly protect?: boolean;
}

export const ARTIFACT_STORE_DEFAULTS = {
    skuName: "Standard_ZRS",
    accountNamePrefix: "kojiartifacts",
    softDeleteRetentionDays: 30,
} as const;

/** Storage account names are 3 to 24 lowercase letters and digits, the random suffix included. */
const ACCOUNT_NAME_PREFIX_MAX_LENGTH = 24 - NAME_SUFFIX_LENGTH;

/** The store's arguments checked, with defaults filled in: what the component builds. */
export interface ArtifactStorePlan {
    readonly accountNamePrefix: string;
    readonly skuName: ArtifactStoreSku;
    readonly softDeleteRetentionDays: number;
    /** Public network access and the firewall's allowed ranges (lib/admin-access.ts). */
    readonly access: PublicEndpointAccess;
    readonly lock: boolean;
    readonly protect: boolean;
}

/** Checks the arguments that can be checked before deployment (throws `InputPropertyError`) and fills in defaults. */
export function planArtifactStore(args: ArtifactStorePlanInput): ArtifactStorePlan {
    const prefix = args.accountNamePrefix ?? ARTIFACT_STORE_DEFAULTS.accountNamePrefix;
    if (!/^[a-z0-9]+$/.test(prefix) || prefix.length > ACCOUNT_NAME_PREFIX_MAX_LENGTH) {
        throw new InputPropertyError(
            "accountNamePrefix",
            `accountNamePrefix: "${prefix}" must be 1 to ${ACCOUNT_NAME_PREFIX_MAX_LENGTH} lowercase letters or digits (storage account names allow nothing else)`,
        );
    }
    args.slotIds.forEach((slotId, index) => {
        // Slot blobs sit at the top of the container: a slash would make a virtual directory.
        if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$/.test(slotId)) {
            throw new InputPropertyError(`slotIds[${index}]`, `slotIds[${index}]: "${slotId}" is not a plain blob name (letters, digits, '.', '_', '-')`);
        }
        if (args.slotIds.indexOf(slotId) !== index) {
            throw new InputPropertyError(`slotIds[${index}]`, `slotIds[${index}]: "${slotId}" is listed twice`);
        }
    });
    const retentionDays = args.softDeleteRetentionDays ?? ARTIFACT_STORE_DEFAULTS.softDeleteRetentionDays;
    if (!Number.isInteger(retentionDays) || retentionDays < 1 || retentionDays > 365) {
        throw new InputPropertyError("softDeleteRetentionDays", `softDeleteRetentionDays: Azure keeps deleted blobs 1 to 365 days; got ${retentionDays}`);
    }
    return {
        accountNamePrefix: prefix,
        skuName: args.skuName ?? ARTIFACT_STORE_DEFAULTS.skuName,
        softDeleteRetentionDays: retentionDays,
        access: publicEndpointAccess(args.adminSourceCidrs ?? [], "adminSourceCidrs"),
        lock: (args.lock?.kind ?? "CanNotDelete") === "CanNotDelete",
        protect: args.protect ?? true,
    };
}

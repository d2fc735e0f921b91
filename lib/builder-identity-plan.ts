/**
 * The builders' identity's plan: which built-in role it gets on which of its arguments' resources, and the check
 * of every scope already known. Pure; the BuilderIdentity component (components/builder-identity.ts) creates the
 * identity and one role assignment per grant, and checks the scopes that resolve only later with the same rule.
 */
import { BuiltInRole, requireResourceScope } from "./azure-roles";

/** The component arguments that name a grant's scope. */
export type GrantScopeArgument = "secretVaultResourceId" | "slotsContainerResourceId";

/** One grant: which built-in role, on the single resource an argument names. */
export interface IdentityGrant {
    /** Part of the role assignment's logical name. */
    readonly key: string;
    readonly role: BuiltInRole;
    readonly scopeArgument: GrantScopeArgument;
}

/** Least privilege: read the pool's own vault's secrets; create and lease blobs in the `slots` container, nothing wider. */
export const BUILDER_IDENTITY_GRANTS: readonly IdentityGrant[] = [
    { key: "vault-secrets-user", role: "keyVaultSecretsUser", scopeArgument: "secretVaultResourceId" },
    { key: "slots-blob-contributor", role: "storageBlobDataContributor", scopeArgument: "slotsContainerResourceId" },
];

/**
 * The grants, after checking each scope known now (a resource below a resource group, never wider); a scope that is
 * not known yet (`undefined`, an output of another resource) is checked when it resolves.
 */
export function planBuilderIdentity(knownScopes: Readonly<Partial<Record<GrantScopeArgument, string>>>): readonly IdentityGrant[] {
    for (const grant of BUILDER_IDENTITY_GRANTS) {
        const scope = knownScopes[grant.scopeArgument];
        if (scope !== undefined) requireResourceScope(scope, grant.scopeArgument);
    }
    return BUILDER_IDENTITY_GRANTS;
}

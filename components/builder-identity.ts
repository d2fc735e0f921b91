import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import * as managedidentity from "@pulumi/azure-native/managedidentity";
import { requireResourceScope, roleDefinitionResourceId, BUILT_IN_ROLES } from "../lib/azure-roles";
import { planBuilderIdentity } from "../lib/builder-identity-plan";
import { nameBasedUuid } from "../lib/name-based-uuid";
import { PlacementArgs, placementOf } from "./placement";

export interface BuilderIdentityArgs extends PlacementArgs {
    /** The identity's Azure name. Default: autonamed from the component name. */
    readonly identityName?: pulumi.Input<string>;
    /** The vault holding this pool's slot secrets (and no other pool's): `SecretVault.vaultId`. Granted Key Vault Secrets User. Required. */
    readonly secretVaultResourceId: pulumi.Input<string>;
    /**
     * The store's `slots` container: `ArtifactStore.containerIds.slots`. Granted Storage Blob Data Contributor (create
     * the slot blobs, lease them); nothing else in the store and nothing at account level. Required.
     */
    readonly slotsContainerResourceId: pulumi.Input<string>;
}

/**
 * One pool's user-assigned managed identity and its least-privilege role assignments: read secrets in the pool's own
 * vault, and create and lease blobs in the `slots` container. Nothing at account, resource group or subscription
 * scope. Per-pool vaults rather than roles on single secrets: Microsoft recommends a vault per application with roles
 * at vault scope and advises against roles on individual secrets (learn.microsoft.com/azure/key-vault/general/
 * rbac-guide, "Best Practices for individual keys, secrets, and certificates role assignments"); a secret-scope
 * grant also needs the secret to exist, and here secrets are uploaded after `pulumi up`. The pool attaches the
 * identity to its VMs by `identityId`, and tools on the VMs select it by `clientId`.
 */
export class BuilderIdentity extends pulumi.ComponentResource {
    /** Resource id, for the scale set's `identity.userAssignedIdentities`. */
    public readonly identityId: pulumi.Output<string>;
    /** For `az login --identity --client-id` / IMDS token requests on the VMs. */
    public readonly clientId: pulumi.Output<string>;
    /** The Entra object id that the role assignments name. */
    public readonly principalId: pulumi.Output<string>;
    public readonly roleAssignmentIds: pulumi.Output<string[]>;

    constructor(name: string, args: BuilderIdentityArgs, opts?: pulumi.ComponentResourceOptions) {
        const known = (scope: pulumi.Input<string>) => (typeof scope === "string" ? scope : undefined);
        const grants = planBuilderIdentity({
            secretVaultResourceId: known(args.secretVaultResourceId),
            slotsContainerResourceId: known(args.slotsContainerResourceId),
        });
        super("buildfarm:identity:BuilderIdentity", name, {}, opts);

        const identity = new managedidentity.UserAssignedIdentity(
            `${name}-identity`,
            {
                ...placementOf(args),
                resourceName: args.identityName,
            },
            { parent: this },
        );
        const subscriptionId = authorization.getClientConfigOutput({ parent: this }).subscriptionId;

        const assignments = grants.map((grant) => {
            const scope = pulumi.output(args[grant.scopeArgument]).apply((resolved) => requireResourceScope(resolved, grant.scopeArgument));
            return new authorization.RoleAssignment(
                `${name}-${grant.key}`,
                {
                    // Deterministic, as Bicep's guid(scope, principal, role): re-running never duplicates a grant.
                    roleAssignmentName: pulumi
                        .all([scope, identity.principalId])
                        .apply(([resolvedScope, principalId]) => nameBasedUuid(resolvedScope, principalId, BUILT_IN_ROLES[grant.role])),
                    scope,
                    principalId: identity.principalId,
                    // Saying so skips Entra's lookup of a just-created identity, which can fail while it replicates.
                    principalType: "ServicePrincipal",
                    roleDefinitionId: subscriptionId.apply((id) => roleDefinitionResourceId(id, grant.role)),
                },
                { parent: this },
            );
        });

        this.identityId = identity.id;
        this.clientId = identity.clientId;
        this.principalId = identity.principalId;
        this.roleAssignmentIds = pulumi.all(assignments.map((assignment) => assignment.id));
        this.registerOutputs({
            identityId: this.identityId,
            clientId: this.clientId,
            principalId: this.principalId,
            roleAssignmentIds: this.roleAssignmentIds,
        });
    }
}

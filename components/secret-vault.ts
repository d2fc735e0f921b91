import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import * as keyvault from "@pulumi/azure-native/keyvault";
import { publicEndpointAccess } from "../lib/admin-access";
import { NAME_SUFFIX_LENGTH, randomNameSuffix } from "./name-suffix";
import { addPrivateEndpoint } from "./private-endpoint";
import { PlacementArgs, placementOf } from "./placement";
import { InputPropertyError } from "../lib/input-property-error";

export interface SecretVaultArgs extends PlacementArgs {
    /** Subnet for the vault's private endpoint: `BuilderNetwork.privateEndpointSubnetId`. Required. */
    readonly privateEndpointSubnetResourceId: pulumi.Input<string>;
    /** The `privatelink.vaultcore.azure.net` zone: `BuilderNetwork.vaultPrivateDnsZoneId`. Required. */
    readonly vaultPrivateDnsZoneResourceId: pulumi.Input<string>;
    /**
     * Public addresses (bare or CIDR) let through the vault firewall, e.g. the workstation that uploads the
     * keytabs. Default: none, and public network access is then disabled.
     */
    readonly allowedAdminIpRanges?: readonly string[];
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
    readonly access: ReturnType<typeof publicEndpointAccess>;
}

/** Checks the arguments that can be checked before deployment (throws `InputPropertyError`) and fills in defaults. */
export function planSecretVault(args: SecretVaultArgs): SecretVaultPlan {
    const prefix = args.vaultNamePrefix ?? SECRET_VAULT_DEFAULTS.vaultNamePrefix;
    if (!/^[a-zA-Z](?:-?[a-zA-Z0-9])*$/.test(prefix) || prefix.length > VAULT_NAME_PREFIX_MAX_LENGTH) {
        throw new InputPropertyError("vaultNamePrefix", `vaultNamePrefix: "${prefix}" must start with a letter, hold only letters, digits and single hyphens, and be at most ${VAULT_NAME_PREFIX_MAX_LENGTH} long`);
    }
    const retention = args.softDeleteRetentionDays ?? SECRET_VAULT_DEFAULTS.softDeleteRetentionDays;
    if (!Number.isInteger(retention) || retention < 7 || retention > 90) {
        throw new InputPropertyError("softDeleteRetentionDays", `softDeleteRetentionDays: Key Vault keeps deleted items 7 to 90 days; got ${retention}`);
    }
    return {
        vaultNamePrefix: prefix,
        skuName: args.skuName ?? SECRET_VAULT_DEFAULTS.skuName,
        softDeleteRetentionDays: retention,
        access: publicEndpointAccess(args.allowedAdminIpRanges ?? [], "allowedAdminIpRanges"),
    };
}

/**
 * The Key Vault holding one secret per builder slot (`koji-<slot>`: the Koji keytab, or a client certificate
 * for a private hub). Access is by Azure RBAC only, over the private endpoint or from listed admin addresses;
 * purge protection keeps a deleted vault recoverable.
 *
 * The secrets are uploaded out of band (see `lib/slots.ts` for their names): this component never creates or
 * reads a secret value, so no credential passes through Pulumi state.
 */
export class SecretVault extends pulumi.ComponentResource {
    public readonly vaultId: pulumi.Output<string>;
    public readonly vaultName: pulumi.Output<string>;
    /** `https://<name>.vault.azure.net/`; resolves to the private endpoint inside the network. */
    public readonly vaultUri: pulumi.Output<string>;
    public readonly privateEndpointId: pulumi.Output<string>;

    constructor(name: string, args: SecretVaultArgs, opts?: pulumi.ComponentResourceOptions) {
        const plan = planSecretVault(args);
        super("buildfarm:keyvault:SecretVault", name, {}, opts);
        const { access } = plan;

        const suffix = randomNameSuffix(name, this);
        const clientConfig = authorization.getClientConfigOutput({ parent: this });

        const vault = new keyvault.Vault(`${name}-vault`, {
            ...placementOf(args),
            vaultName: pulumi.interpolate`${plan.vaultNamePrefix}-${suffix}`,
            properties: {
                tenantId: clientConfig.tenantId,
                sku: { family: "A", name: plan.skuName },
                enableRbacAuthorization: true,
                enableSoftDelete: true,
                softDeleteRetentionInDays: plan.softDeleteRetentionDays,
                enablePurgeProtection: true,
                enabledForDeployment: false,
                enabledForDiskEncryption: false,
                enabledForTemplateDeployment: false,
                publicNetworkAccess: access.publicNetworkAccess,
                networkAcls: {
                    defaultAction: "Deny",
                    // No trusted-service exception: the vault is reached only through its private endpoint and
                    // from listed admin addresses (issue 4), and nothing in the farm needs an Azure service to read it.
                    bypass: "None",
                    ipRules: access.allowedIpRules.map((range) => ({ value: range })),
                },
            },
        }, { parent: this });

        const endpoint = addPrivateEndpoint(`${name}-vault-pe`, {
            ...placementOf(args),
            subnetResourceId: args.privateEndpointSubnetResourceId,
            targetResourceId: vault.id,
            groupId: "vault",
            privateDnsZoneResourceId: args.vaultPrivateDnsZoneResourceId,
        }, this);

        this.vaultId = vault.id;
        this.vaultName = vault.name;
        this.vaultUri = vault.properties.vaultUri.apply((uri) => {
            // ARM always returns the URI of a created vault; a missing one means the provider response changed.
            if (!uri) {
                throw new Error(`Key Vault ${name}: the provider returned no vaultUri`);
            }
            return uri;
        });
        this.privateEndpointId = endpoint.id;
        this.registerOutputs({
            vaultId: this.vaultId,
            vaultName: this.vaultName,
            vaultUri: this.vaultUri,
            privateEndpointId: this.privateEndpointId,
        });
    }
}

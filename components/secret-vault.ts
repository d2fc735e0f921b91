import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import * as keyvault from "@pulumi/azure-native/keyvault";
import { randomNameSuffix } from "./name-suffix";
import { planSecretVault, SecretVaultPlanInput } from "../lib/secret-vault-plan";
import { addPrivateEndpoint } from "./private-endpoint";
import { PlacementArgs, placementOf } from "./placement";

/** Where the vault goes and what it links to, and its settings (lib/secret-vault-plan.ts states their defaults). */
export interface SecretVaultArgs extends PlacementArgs, SecretVaultPlanInput {
    /** Subnet for the vault's private endpoint: `BuilderNetwork.privateEndpointSubnetId`. Required. */
    readonly privateEndpointSubnetResourceId: pulumi.Input<string>;
    /** The `privatelink.vaultcore.azure.net` zone: `BuilderNetwork.vaultPrivateDnsZoneId`. Required. */
    readonly vaultPrivateDnsZoneResourceId: pulumi.Input<string>;
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

        const vault = new keyvault.Vault(
            `${name}-vault`,
            {
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
            },
            { parent: this },
        );

        const endpoint = addPrivateEndpoint(
            `${name}-vault-pe`,
            {
                ...placementOf(args),
                subnetResourceId: args.privateEndpointSubnetResourceId,
                targetResourceId: vault.id,
                groupId: "vault",
                privateDnsZoneResourceId: args.vaultPrivateDnsZoneResourceId,
            },
            this,
        );

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

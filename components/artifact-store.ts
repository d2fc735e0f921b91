import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import * as storage from "@pulumi/azure-native/storage";
import { randomNameSuffix } from "./name-suffix";
import { ArtifactStorePlanInput, planArtifactStore } from "../lib/artifact-store-plan";
import { addPrivateEndpoint } from "./private-endpoint";
import { PlacementArgs, placementOf } from "./placement";

/**
 * The store's containers: the pools' slot leases, which the builders write (lib/cloud-init/scripts/koji-slot).
 * Nothing else: packages reach the builders through the package cache (components/package-cache.ts), and
 * Koji's hub keeps what builders upload (builds, logs) in its own topdir.
 */
export const ARTIFACT_CONTAINERS = ["slots"] as const;
export type ArtifactContainerName = (typeof ARTIFACT_CONTAINERS)[number];

/** Where the store goes and what it links to, and its settings (lib/artifact-store-plan.ts states their defaults). */
export interface ArtifactStoreArgs extends PlacementArgs, ArtifactStorePlanInput {
    /** Subnet for the blob private endpoint: `BuilderNetwork.privateEndpointSubnetId`. Required. */
    readonly privateEndpointSubnetResourceId: pulumi.Input<string>;
    /** The `privatelink.blob.core.windows.net` zone: `BuilderNetwork.blobPrivateDnsZoneId`. Required. */
    readonly blobPrivateDnsZoneResourceId: pulumi.Input<string>;
}

/**
 * The farm's store of slot leases (one blob per slot, leased by the VM that holds it), reachable only through a
 * private endpoint and only with Entra ID tokens, and built so that no lease blob is lost by accident:
 * versioning, soft delete, a delete lock and Pulumi `protect`.
 *
 * Slot blobs are not created here. With shared-key access off, azure-native's `storage.Blob` cannot write
 * them: the provider signs blob data-plane calls with an account key (pulumi/pulumi-azure-native#2015 and
 * #2948, both open), and with public network access off the data plane is not reachable from where Pulumi runs
 * anyway. A builder therefore creates its slot's empty blob itself, inside the network and with its managed
 * identity, with `If-None-Match: *` (create if absent; 409 means it already exists), then takes the lease.
 * `slotBlobUrls` gives it the URL.
 */
export class ArtifactStore extends pulumi.ComponentResource {
    public readonly accountId: pulumi.Output<string>;
    public readonly accountName: pulumi.Output<string>;
    /** `https://<account>.blob.core.windows.net/`; resolves to the private endpoint inside the network. */
    public readonly blobEndpoint: pulumi.Output<string>;
    public readonly containerNames: Readonly<Record<ArtifactContainerName, pulumi.Output<string>>>;
    /** Resource ids of the containers: the scopes for data-plane role assignments. */
    public readonly containerIds: Readonly<Record<ArtifactContainerName, pulumi.Output<string>>>;
    /** Slot id to the URL of its lease blob in `slots`. */
    public readonly slotBlobUrls: pulumi.Output<Record<string, string>>;
    public readonly privateEndpointId: pulumi.Output<string>;

    constructor(name: string, args: ArtifactStoreArgs, opts?: pulumi.ComponentResourceOptions) {
        const plan = planArtifactStore(args);
        super("buildfarm:storage:ArtifactStore", name, {}, opts);
        const { accountNamePrefix: prefix, softDeleteRetentionDays: retentionDays, access } = plan;

        const suffix = randomNameSuffix(name, this);

        const account = new storage.StorageAccount(
            `${name}-account`,
            {
                ...placementOf(args),
                accountName: pulumi.interpolate`${prefix}${suffix}`,
                kind: "StorageV2",
                sku: { name: plan.skuName },
                accessTier: "Hot",
                enableHttpsTrafficOnly: true,
                minimumTlsVersion: "TLS1_2",
                allowBlobPublicAccess: false,
                allowSharedKeyAccess: false,
                defaultToOAuthAuthentication: true,
                allowCrossTenantReplication: false,
                publicNetworkAccess: access.publicNetworkAccess,
                networkRuleSet: {
                    defaultAction: "Deny",
                    // No trusted-service exception: nothing but builders and listed admins needs the data.
                    bypass: "None",
                    ipRules: access.allowedIpRules.map((range) => ({ iPAddressOrRange: range, action: "Allow" })),
                },
            },
            { parent: this, protect: plan.protect },
        );

        const blobService = new storage.BlobServiceProperties(
            `${name}-blob-service`,
            {
                resourceGroupName: args.resourceGroupName,
                accountName: account.name,
                blobServicesName: "default",
                isVersioningEnabled: true,
                deleteRetentionPolicy: { enabled: true, days: retentionDays },
                containerDeleteRetentionPolicy: { enabled: true, days: retentionDays },
            },
            { parent: this },
        );

        const containers = mapContainers(
            (containerName) =>
                new storage.BlobContainer(
                    `${name}-${containerName}`,
                    {
                        resourceGroupName: args.resourceGroupName,
                        accountName: account.name,
                        containerName,
                        publicAccess: "None",
                    },
                    { parent: this, dependsOn: [blobService] },
                ),
        );

        const endpoint = addPrivateEndpoint(
            `${name}-blob-pe`,
            {
                ...placementOf(args),
                subnetResourceId: args.privateEndpointSubnetResourceId,
                targetResourceId: account.id,
                groupId: "blob",
                privateDnsZoneResourceId: args.blobPrivateDnsZoneResourceId,
            },
            this,
        );

        if (plan.lock) {
            new authorization.ManagementLockByScope(
                `${name}-lock`,
                {
                    scope: account.id,
                    level: "CanNotDelete",
                    notes: "Holds the builders' slot leases: without it no builder can claim a slot. Remove this lock deliberately before deleting the account.",
                },
                { parent: this },
            );
        }

        this.accountId = account.id;
        this.accountName = account.name;
        this.blobEndpoint = account.primaryEndpoints.blob;
        this.containerNames = mapContainers((containerName) => containers[containerName].name);
        this.containerIds = mapContainers((containerName) => containers[containerName].id);
        this.slotBlobUrls = this.blobEndpoint.apply((endpointUrl) =>
            Object.fromEntries(args.slotIds.map((slotId) => [slotId, `${endpointUrl}slots/${slotId}`])),
        );
        this.privateEndpointId = endpoint.id;
        this.registerOutputs({
            accountId: this.accountId,
            accountName: this.accountName,
            blobEndpoint: this.blobEndpoint,
            containerNames: this.containerNames,
            containerIds: this.containerIds,
            slotBlobUrls: this.slotBlobUrls,
            privateEndpointId: this.privateEndpointId,
        });
    }
}

function mapContainers<T>(value: (containerName: ArtifactContainerName) => T): Record<ArtifactContainerName, T> {
    return Object.fromEntries(ARTIFACT_CONTAINERS.map((containerName) => [containerName, value(containerName)])) as Record<ArtifactContainerName, T>;
}

import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import * as storage from "@pulumi/azure-native/storage";
import { publicEndpointAccess } from "../lib/admin-access";
import { NAME_SUFFIX_LENGTH, randomNameSuffix } from "./name-suffix";
import { addPrivateEndpoint } from "./private-endpoint";
import { PlacementArgs, placementOf } from "./placement";
import { InputPropertyError } from "../lib/input-property-error";

/**
 * The store's containers: the pools' slot leases, which the builders write (lib/cloud-init/scripts/koji-slot).
 * Nothing else: packages reach the builders through the package cache (components/package-cache.ts), and
 * Koji's hub keeps what builders upload (builds, logs) in its own topdir.
 */
export const ARTIFACT_CONTAINERS = ["slots"] as const;
export type ArtifactContainerName = (typeof ARTIFACT_CONTAINERS)[number];

/** Redundancy SKUs for a StorageV2 account; zone- or geo-zone-redundant ones survive a zone outage. */
export type ArtifactStoreSku = "Standard_ZRS" | "Standard_GZRS" | "Standard_RAGZRS" | "Standard_LRS" | "Standard_GRS" | "Standard_RAGRS";

export interface ArtifactStoreArgs extends PlacementArgs {
    /** Subnet for the blob private endpoint: `BuilderNetwork.privateEndpointSubnetId`. Required. */
    readonly privateEndpointSubnetResourceId: pulumi.Input<string>;
    /** The `privatelink.blob.core.windows.net` zone: `BuilderNetwork.blobPrivateDnsZoneId`. Required. */
    readonly blobPrivateDnsZoneResourceId: pulumi.Input<string>;
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
    readonly allowedAdminIpRanges?: readonly string[];
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
    readonly access: ReturnType<typeof publicEndpointAccess>;
    readonly lock: boolean;
    readonly protect: boolean;
}

/** Checks the arguments that can be checked before deployment (throws `InputPropertyError`) and fills in defaults. */
export function planArtifactStore(args: ArtifactStoreArgs): ArtifactStorePlan {
    const prefix = args.accountNamePrefix ?? ARTIFACT_STORE_DEFAULTS.accountNamePrefix;
    if (!/^[a-z0-9]+$/.test(prefix) || prefix.length > ACCOUNT_NAME_PREFIX_MAX_LENGTH) {
        throw new InputPropertyError("accountNamePrefix", `accountNamePrefix: "${prefix}" must be 1 to ${ACCOUNT_NAME_PREFIX_MAX_LENGTH} lowercase letters or digits (storage account names allow nothing else)`);
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
        access: publicEndpointAccess(args.allowedAdminIpRanges ?? [], "allowedAdminIpRanges"),
        lock: (args.lock?.kind ?? "CanNotDelete") === "CanNotDelete",
        protect: args.protect ?? true,
    };
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

        const account = new storage.StorageAccount(`${name}-account`, {
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
        }, { parent: this, protect: plan.protect });

        const blobService = new storage.BlobServiceProperties(`${name}-blob-service`, {
            resourceGroupName: args.resourceGroupName,
            accountName: account.name,
            blobServicesName: "default",
            isVersioningEnabled: true,
            deleteRetentionPolicy: { enabled: true, days: retentionDays },
            containerDeleteRetentionPolicy: { enabled: true, days: retentionDays },
        }, { parent: this });

        const containers = mapContainers((containerName) => new storage.BlobContainer(`${name}-${containerName}`, {
            resourceGroupName: args.resourceGroupName,
            accountName: account.name,
            containerName,
            publicAccess: "None",
        }, { parent: this, dependsOn: [blobService] }));

        const endpoint = addPrivateEndpoint(`${name}-blob-pe`, {
            ...placementOf(args),
            subnetResourceId: args.privateEndpointSubnetResourceId,
            targetResourceId: account.id,
            groupId: "blob",
            privateDnsZoneResourceId: args.blobPrivateDnsZoneResourceId,
        }, this);

        if (plan.lock) {
            new authorization.ManagementLockByScope(`${name}-lock`, {
                scope: account.id,
                level: "CanNotDelete",
                notes: "Holds the builders' slot leases: without it no builder can claim a slot. Remove this lock deliberately before deleting the account.",
            }, { parent: this });
        }

        this.accountId = account.id;
        this.accountName = account.name;
        this.blobEndpoint = account.primaryEndpoints.blob;
        this.containerNames = mapContainers((containerName) => containers[containerName].name);
        this.containerIds = mapContainers((containerName) => containers[containerName].id);
        this.slotBlobUrls = this.blobEndpoint.apply((endpointUrl) =>
            Object.fromEntries(args.slotIds.map((slotId) => [slotId, `${endpointUrl}slots/${slotId}`])));
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

import * as pulumi from "@pulumi/pulumi";
import * as compute from "@pulumi/azure-native/compute";
import * as monitor from "@pulumi/azure-native/monitor";
import type * as azureInputs from "@pulumi/azure-native/types/input";
import { AutoscaleSettings, autoscaleProblems, autoscaleProfiles } from "../lib/autoscale-profiles";
import { PlannedSize, planBuilderPool, PoolPlanError, PoolPlanInput, ScaleSetStack, stackShare } from "../lib/builder-pool-plan";
import { BuilderAuth, KojidTuning, renderBuilderCloudInit } from "../lib/cloud-init";
import { fedoraCloudImageId } from "../lib/fedora-image";
import { builderSlots } from "../lib/slots";
import { subnetKeyFor } from "../lib/builder-subnets";
import { healthExtensionProfile } from "../lib/instance-health";
import { DEFAULT_ADMIN_USERNAME, flexibleScaleSet, privateNetworkProfile, sshOnlyOsProfile, TRUSTED_LAUNCH } from "../lib/farm-vm-profile";
import { PlacementArgs, placementOf } from "./placement";

/** What the builders' kojid talks to and how it logs in; nothing here is secret. */
export interface KojiBuilderSettings {
    /** The hub's XML-RPC URL, e.g. `https://koji.fedoraproject.org/kojihub`. Required. */
    readonly hubUrl: string;
    /** Package/repo servers (kojid `topurl`), in failover order. Required. */
    readonly topUrls: readonly string[];
    /** Kerberos via a KDC proxy (Fedora's hub) or a client certificate (a private hub). Required. */
    readonly auth: BuilderAuth;
    /** DNS suffix of the slots' host names, `<pool>-NNN.<hostDomain>`. Required. */
    readonly hostDomain: string;
    /** kojid.conf `maxjobs`. Default: from the smallest size's vCPUs (`defaultMaxJobs`). */
    readonly maxJobs?: number;
    /** kojid.conf tuning. Default: Fedora's production values (`FEDORA_KOJID_DEFAULTS`). */
    readonly kojid?: Partial<KojidTuning>;
    /** mock's dnf command. Default `/usr/bin/dnf-3` (`DEFAULT_MOCK_DNF_COMMAND`). */
    readonly mockDnfCommand?: string;
}

/**
 * A pool's sizes, counts, Spot settings, zones and disks are the pool plan's inputs (`PoolPlanInput` in
 * lib/builder-pool-plan.ts, documented there with their defaults); the rest wires the pool to the farm.
 */
export interface BuilderPoolArgs extends PlacementArgs, Omit<PoolPlanInput, "name" | "asOf"> {
    /** CPU autoscale and busy windows. Default: scale out above 70 % CPU, in below 20 %. */
    readonly autoscale?: AutoscaleSettings;
    /**
     * Whether the pool runs builders. False creates the scale set with no VM and its autoscale setting disabled,
     * so nothing boots before the slots' secrets are in the vault; true lets autoscale keep `minCount` to
     * `maxCount` VMs (it raises a smaller count to the minimum on its next run). Default true.
     */
    readonly enabled?: boolean;
    /**
     * The builder subnets by key, `BuilderNetwork.builderSubnetIds`: `regional`, or one per zone. Each scale set
     * goes in its zone's subnet; a regional pool in the first (`subnetKeyFor`). NICs get no public IP. Required.
     */
    readonly subnetResourceIds: Readonly<Record<string, pulumi.Input<string>>>;
    /** The builders' identity: `BuilderIdentity.identityId` and `.clientId`. Required. */
    readonly identity: { readonly resourceId: pulumi.Input<string>; readonly clientId: pulumi.Input<string> };
    /** The artifact store's blob endpoint, holding the slot leases: `ArtifactStore.blobEndpoint`. Required. */
    readonly storageBlobEndpoint: pulumi.Input<string>;
    /** The vault holding `koji-<slot>` secrets: `SecretVault.vaultUri`. Required. */
    readonly keyVaultUri: pulumi.Input<string>;
    readonly koji: KojiBuilderSettings;
    /** OpenSSH public key of the admin user; password login is always off. Required. */
    readonly adminSshPublicKey: string;
    /** Default `kojiadmin`. */
    readonly adminUsername?: string;
    /**
     * The image. Default: Fedora Cloud x64 of `FEDORA_CLOUD_RELEASE` from Fedora's community gallery.
     * `{ fedoraRelease }` picks another release; `{ imageReference }` any image (it must be Gen2, Trusted Launch capable).
     */
    readonly image?: { readonly fedoraRelease: number } | { readonly imageReference: azureInputs.compute.ImageReferenceArgs };
}

/**
 * One pool of Koji builders: a Flexible scale set of x86-64-v3 VMs booting Fedora Cloud with the builder's
 * cloud-init, an autoscale setting, and a fixed set of slots (stable Koji host names) its VMs claim at boot.
 * Every size is checked against the catalog before anything is registered.
 */
export class BuilderPool extends pulumi.ComponentResource {
    /** The pool's scale sets: one regional, or one per zone. */
    public readonly scaleSetNames: pulumi.Output<string>[];
    public readonly scaleSetIds: pulumi.Output<string>[];
    /** The pool's sizes with the level each guarantees. */
    public readonly sizes: readonly PlannedSize[];
    /** Koji host names of the pool's slots, `<pool>-NNN.<hostDomain>`. */
    public readonly hostNames: readonly string[];
    /** Slot ids, the lease blob names in the store's `slots` container. */
    public readonly slotIds: readonly string[];

    constructor(name: string, args: BuilderPoolArgs, opts?: pulumi.ComponentResourceOptions) {
        const plan = planBuilderPool({ name, ...args });
        const problems = autoscaleProblems(args.autoscale ?? {}, args.maxCount);
        if (problems.length > 0) throw new PoolPlanError(name, problems[0]);
        const slots = builderSlots(name, args.maxCount, args.koji.hostDomain);
        const adminUsername = args.adminUsername ?? DEFAULT_ADMIN_USERNAME;
        const enabled = args.enabled ?? true;
        const imageReference =
            args.image === undefined || "fedoraRelease" in args.image
                ? { communityGalleryImageId: fedoraCloudImageId(args.image?.fedoraRelease) }
                : args.image.imageReference;
        super("buildfarm:pool:BuilderPool", name, {}, opts);

        const customData = pulumi
            .all([args.storageBlobEndpoint, args.keyVaultUri, args.identity.clientId])
            .apply(([storageBlobEndpoint, keyVaultUri, managedIdentityClientId]) =>
                Buffer.from(
                    renderBuilderCloudInit({
                        kojiHubUrl: args.koji.hubUrl,
                        topUrls: args.koji.topUrls,
                        auth: args.koji.auth,
                        hostDomain: args.koji.hostDomain,
                        poolName: name,
                        slotCount: args.maxCount,
                        vCpus: plan.minVcpus,
                        maxJobs: args.koji.maxJobs,
                        kojid: args.koji.kojid,
                        mockDnfCommand: args.koji.mockDnfCommand,
                        mockDisk: plan.mockDisk,
                        dataDiskLun: 0,
                        healthGraceSeconds: plan.health.healthGraceSeconds,
                        storageBlobEndpoint,
                        keyVaultUri,
                        managedIdentityClientId,
                    }),
                ).toString("base64"),
            );

        const { osDisk } = plan;
        const placement = placementOf(args);
        const subnetKeys = Object.keys(args.subnetResourceIds);
        const scaleSets = plan.stacks.map((stack) => {
            const spot = stack.spot;
            const subnetKey = subnetKeyFor(stack.zone, subnetKeys);
            const scaleSet = new compute.VirtualMachineScaleSet(
                stack.logicalName,
                {
                    ...placement,
                    ...flexibleScaleSet({ zone: stack.zone, tags: placement.tags, minimumLevel: plan.minimumLevel }),
                    sku: { name: plan.skuName, capacity: enabled ? stack.minCount : 0 },
                    skuProfile: plan.mix && {
                        allocationStrategy: plan.mix.allocationStrategy,
                        vmSizes: plan.mix.sizes.map((size) => ({ ...size })),
                    },
                    priorityMixPolicy: spot && {
                        baseRegularPriorityCount: spot.regularBaseCount,
                        regularPriorityPercentageAboveBase: spot.regularPercentAboveBase,
                    },
                    identity: { type: "UserAssigned", userAssignedIdentities: [args.identity.resourceId] },
                    // A VM that stays unhealthy is replaced (with a Terminate event on regular pools, so it drains first).
                    automaticRepairsPolicy: { ...plan.health.automaticRepairsPolicy },
                    virtualMachineProfile: {
                        priority: spot ? "Spot" : "Regular",
                        // Ephemeral OS disks cannot be deallocated, and a deallocated builder still costs its disks.
                        evictionPolicy: spot ? "Delete" : undefined,
                        billingProfile: spot && { maxPrice: spot.maxPrice },
                        osProfile: sshOnlyOsProfile({
                            computerNamePrefix: plan.computerNamePrefix,
                            adminUsername,
                            adminSshPublicKey: args.adminSshPublicKey,
                            customData,
                        }),
                        storageProfile: {
                            imageReference,
                            diskControllerType: plan.diskControllerType,
                            osDisk: {
                                createOption: "FromImage",
                                osType: "Linux",
                                deleteOption: "Delete",
                                diskSizeGB: osDisk.sizeGb,
                                caching: osDisk.kind === "ephemeral" ? "ReadOnly" : "ReadWrite",
                                diffDiskSettings: osDisk.kind === "ephemeral" ? { option: "Local", placement: osDisk.placement } : undefined,
                                managedDisk: osDisk.storageAccountType && { storageAccountType: osDisk.storageAccountType },
                            },
                            dataDisks:
                                plan.mockDataDiskSizeGb === undefined
                                    ? undefined
                                    : [
                                          {
                                              lun: 0,
                                              createOption: "Empty",
                                              diskSizeGB: plan.mockDataDiskSizeGb,
                                              deleteOption: "Delete",
                                              // mock writes and deletes whole buildroots: host caching would only churn.
                                              caching: "None",
                                              managedDisk: { storageAccountType: osDisk.storageAccountType ?? "StandardSSD_LRS" },
                                          },
                                      ],
                        },
                        securityProfile: TRUSTED_LAUNCH,
                        // No public IP: builders reach out through the subnet's NAT gateway only.
                        networkProfile: privateNetworkProfile({
                            nicName: `${name}-nic`,
                            acceleratedNetworking: plan.acceleratedNetworking,
                            subnetId: args.subnetResourceIds[subnetKey],
                        }),
                        // Scale-in of a regular VM announces itself 10 minutes ahead, so a builder can hand its tasks back.
                        // Azure refuses the profile on Spot scale sets, whose VMs get a Preempt event (at least 30 s) instead.
                        scheduledEventsProfile: plan.terminateNotification
                            ? { terminateNotificationProfile: { enable: true, notBeforeTimeout: "PT10M" } }
                            : undefined,
                        diagnosticsProfile: { bootDiagnostics: { enabled: true } },
                        extensionProfile: healthExtensionProfile(plan.health),
                    },
                },
                {
                    parent: this,
                    // Autoscale owns the instance count; a later `pulumi up` must not reset it to minCount.
                    ignoreChanges: ["sku.capacity"],
                },
            );

            new monitor.AutoscaleSetting(
                stack.logicalName.replace(/-vmss$/, "-autoscale"),
                {
                    ...placement,
                    enabled,
                    targetResourceUri: scaleSet.id,
                    profiles: autoscaleProfiles(scaleSet.id, stack.minCount, stack.maxCount, stackAutoscale(args.autoscale, stack)),
                },
                { parent: this },
            );
            return scaleSet;
        });

        this.scaleSetNames = scaleSets.map((scaleSet) => scaleSet.name);
        this.scaleSetIds = scaleSets.map((scaleSet) => scaleSet.id);
        this.sizes = plan.sizes;
        this.hostNames = slots.map((slot) => slot.hostName);
        this.slotIds = slots.map((slot) => slot.id);
        this.registerOutputs({
            scaleSetNames: this.scaleSetNames,
            scaleSetIds: this.scaleSetIds,
            sizes: this.sizes,
            hostNames: this.hostNames,
        });
    }
}

/** A scale set's part of the pool's autoscale settings: busy windows raise its floor by its share. */
function stackAutoscale(settings: AutoscaleSettings | undefined, stack: ScaleSetStack): AutoscaleSettings | undefined {
    if (settings?.busyWindows === undefined) return settings;
    return { ...settings, busyWindows: settings.busyWindows.map((window) => ({ ...window, minCount: stackShare(window.minCount, stack) })) };
}

import * as pulumi from "@pulumi/pulumi";
import * as resources from "@pulumi/azure-native/resources";
import { planBuildFarm } from "../lib/build-farm-plan";
import { FarmConfig } from "../lib/stack-config";
import { hostCapacity, PoolAdminSettings, renderKojiAdminScript } from "../lib/koji-admin";
import { ArtifactStore } from "./artifact-store";
import { BuilderIdentity } from "./builder-identity";
import { BuilderNetwork } from "./builder-network";
import { BuilderPool } from "./builder-pool";
import { PackageCache } from "./package-cache";
import { builderTopUrls } from "../lib/package-cache/plan";
import { SecretVault } from "./secret-vault";
import { SizePolicy } from "./size-policy";

export interface BuildFarmArgs {
    /** The validated stack configuration (`parseStackConfig`). */
    readonly config: FarmConfig;
    /** Resource group name. Default: autonamed from `<name>-rg`. */
    readonly resourceGroupName?: string;
}

/** What an operator needs per pool. */
export interface PoolOutputs {
    /** One scale set, or one per zone. */
    readonly scaleSetNames: pulumi.Output<string>[];
    readonly scaleSetIds: pulumi.Output<string>[];
    readonly sizes: readonly { name: string; level: string; vcpus: number }[];
    readonly hostNames: readonly string[];
    /** The pool's own vault: its slots' secrets go here (`kojiAdminScript` says how). */
    readonly keyVaultName: pulumi.Output<string>;
}

/**
 * The whole farm: a resource group with the builders' network, the package cache (every builder's first topurl)
 * and the artifact store, and per configured pool a
 * vault with its slot secrets, its builders' identity and its `BuilderPool`: a pool's VMs can read no other pool's
 * keytabs. Wires the components together: what each is given comes from the farm's plan (lib/build-farm-plan.ts),
 * and every other decision is in the components' own plans.
 */
export class BuildFarm extends pulumi.ComponentResource {
    public readonly resourceGroupName: pulumi.Output<string>;
    /** Give these to Fedora Infrastructure for their allow-lists: all builder traffic leaves from them. */
    public readonly egressAddresses: pulumi.Output<string[]>;
    public readonly storageAccountName: pulumi.Output<string>;
    public readonly blobEndpoint: pulumi.Output<string>;
    /** The package cache's URL, every builder's first topurl. */
    public readonly packageCacheUrl: string;
    public readonly pools: Readonly<Record<string, PoolOutputs>>;
    /** The admin step before the first boot: `koji add-host` & co. and the Key Vault upload, per slot. */
    public readonly kojiAdminScript: pulumi.Output<string>;

    constructor(name: string, args: BuildFarmArgs, opts?: pulumi.ComponentResourceOptions) {
        super("buildfarm:farm:BuildFarm", name, {}, opts);
        const { config } = args;
        const plan = planBuildFarm(config);
        const tags = { ...config.tags };
        const group = new resources.ResourceGroup(
            `${name}-rg`,
            {
                resourceGroupName: args.resourceGroupName,
                location: config.location,
                tags,
            },
            { parent: this },
        );
        const placement = { resourceGroupName: group.name, location: config.location, tags };
        const child = { parent: this };
        // ARM's own refusal of every size the catalog refuses, before any VM is asked for.
        const sizePolicy = new SizePolicy(`${name}-sizes`, { scope: group.id, minimumLevel: config.minimumLevel }, child);

        const network = new BuilderNetwork(`${name}-net`, { ...placement, ...plan.network }, child);
        const cache = new PackageCache(
            `${name}-cache`,
            {
                ...placement,
                ...plan.packageCache,
                subnetResourceIds: network.packageCacheSubnetIds,
                subnetPrefixes: network.packageCacheSubnetPrefixes,
                adminSshPublicKey: config.adminSshPublicKey,
            },
            { parent: this, dependsOn: [sizePolicy] },
        );
        const topUrls = builderTopUrls(cache.url, plan.packageCache.origins);
        const store = new ArtifactStore(
            `${name}-store`,
            {
                ...placement,
                privateEndpointSubnetResourceId: network.privateEndpointSubnetId,
                blobPrivateDnsZoneResourceId: network.blobPrivateDnsZoneId,
                adminSourceCidrs: plan.network.adminSourceCidrs,
                slotIds: plan.slotIds,
            },
            child,
        );
        const pools: Record<string, PoolOutputs> = {};
        const adminPools: pulumi.Output<PoolAdminSettings>[] = [];
        for (const poolPlan of plan.pools) {
            const vault = new SecretVault(
                `${name}-${poolPlan.name}-vault`,
                {
                    ...placement,
                    privateEndpointSubnetResourceId: network.privateEndpointSubnetId,
                    vaultPrivateDnsZoneResourceId: network.vaultPrivateDnsZoneId,
                    adminSourceCidrs: plan.network.adminSourceCidrs,
                },
                child,
            );
            const identity = new BuilderIdentity(
                `${name}-${poolPlan.name}-builders`,
                {
                    ...placement,
                    secretVaultResourceId: vault.vaultId,
                    slotsContainerResourceId: store.containerIds.slots,
                },
                child,
            );
            // The pool plan's inputs, exactly as the configuration check planned them.
            const pool = new BuilderPool(
                poolPlan.name,
                {
                    ...placement,
                    ...poolPlan.planInput,
                    enabled: config.buildersEnabled,
                    subnetResourceIds: network.builderSubnetIds,
                    identity: { resourceId: identity.identityId, clientId: identity.clientId },
                    storageBlobEndpoint: store.blobEndpoint,
                    keyVaultUri: vault.vaultUri,
                    koji: { ...plan.builderKoji, topUrls },
                    adminSshPublicKey: config.adminSshPublicKey,
                },
                {
                    parent: this,
                    // First boots claim a slot at once: their role assignments, and the store's and vault's private
                    // endpoints and DNS records (children of these components), must exist by then.
                    // The cache should answer before the first builder asks it for a buildroot.
                    dependsOn: [identity, store, vault, cache, sizePolicy],
                },
            );
            pools[poolPlan.name] = {
                scaleSetNames: pool.scaleSetNames,
                scaleSetIds: pool.scaleSetIds,
                sizes: pool.sizes,
                hostNames: pool.hostNames,
                keyVaultName: vault.vaultName,
            };
            adminPools.push(
                vault.vaultName.apply((keyVaultName) => ({
                    poolName: poolPlan.name,
                    slotCount: poolPlan.slotCount,
                    capacity: hostCapacity(pool.sizes),
                    keyVaultName,
                })),
            );
        }

        this.resourceGroupName = group.name;
        this.egressAddresses = network.egressAddresses;
        this.storageAccountName = store.accountName;
        this.blobEndpoint = store.blobEndpoint;
        this.packageCacheUrl = cache.url;
        this.pools = pools;
        this.kojiAdminScript = pulumi.all(adminPools).apply((adminPoolSettings) => renderKojiAdminScript({ ...plan.kojiAdmin, pools: adminPoolSettings }));
        this.registerOutputs({
            resourceGroupName: this.resourceGroupName,
            egressAddresses: this.egressAddresses,
            storageAccountName: this.storageAccountName,
            blobEndpoint: this.blobEndpoint,
            packageCacheUrl: this.packageCacheUrl,
            pools: this.pools,
            kojiAdminScript: this.kojiAdminScript,
        });
    }
}

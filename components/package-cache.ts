import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import * as compute from "@pulumi/azure-native/compute";
import * as network from "@pulumi/azure-native/network";
import { fedoraCloudImageId } from "../lib/fedora-image";
import { subnetKeyFor } from "../lib/builder-subnets";
import { scaleSetLogicalName } from "../lib/azure-pool-rules";
import { renderPackageCacheCloudInit } from "../lib/package-cache/cloud-init";
import { cacheFrontendAddress, cacheTopUrl, PackageCachePlanInput, planPackageCache } from "../lib/package-cache/plan";
import { healthExtensionProfile } from "../lib/instance-health";
import { DEFAULT_ADMIN_USERNAME, flexibleScaleSet, privateNetworkProfile, sshOnlyOsProfile, TRUSTED_LAUNCH } from "../lib/farm-vm-profile";
import { PlacementArgs, placementOf } from "./placement";
import { InputPropertyError } from "../lib/input-property-error";

export interface PackageCacheArgs extends PlacementArgs, Omit<PackageCachePlanInput, "asOf"> {
    /** The Koji topurls the cache fronts, in failover order: the stack's `koji.topUrls`. Required. */
    readonly origins: readonly string[];
    /** The cache subnets by key, `BuilderNetwork.packageCacheSubnetIds`. Required. */
    readonly subnetResourceIds: Readonly<Record<string, pulumi.Input<string>>>;
    /** Their prefixes by the same keys, `BuilderNetwork.packageCacheSubnetPrefixes`: the load balancer's address is in the first. Required. */
    readonly subnetPrefixes: Readonly<Record<string, string>>;
    /** OpenSSH public key of the admin user; password login is always off. Required. */
    readonly adminSshPublicKey: string;
    /** Default `kojiadmin`. */
    readonly adminUsername?: string;
}

/**
 * The farm's regional kojipkgs cache: Flexible scale sets of regular x86-64-v3 VMs (one per zone) running
 * nginx with its cache on a Premium SSD, behind an internal Standard load balancer whose probe takes a VM that
 * stops answering out of rotation. Every builder's first `topurl` is `url`. The cache holds no secret and has no
 * identity.
 */
export class PackageCache extends pulumi.ComponentResource {
    /** `http://<load balancer address>`: the builders' first topurl. */
    public readonly url: string;
    public readonly frontendAddress: string;
    public readonly loadBalancerId: pulumi.Output<string>;
    public readonly scaleSetNames: pulumi.Output<string>[];

    constructor(name: string, args: PackageCacheArgs, opts?: pulumi.ComponentResourceOptions) {
        const plan = planPackageCache(args);
        const subnetKeys = Object.keys(args.subnetResourceIds);
        if (subnetKeys.length === 0)
            throw new InputPropertyError("subnetResourceIds", "package cache: subnetResourceIds is empty; pass BuilderNetwork.packageCacheSubnetIds");
        const frontendAddress = cacheFrontendAddress(args.subnetPrefixes[subnetKeys[0]]);
        // The origins are checked by the nginx renderer, now, not at the first boot.
        const customData = Buffer.from(
            renderPackageCacheCloudInit({
                origins: args.origins,
                listenPort: plan.port,
                dataDiskLun: plan.dataDisk.lun,
                maxSizeGb: plan.maxCacheSizeGb,
            }),
        ).toString("base64");
        super("buildfarm:cache:PackageCache", name, {}, opts);
        const placement = placementOf(args);
        const adminUsername = args.adminUsername ?? DEFAULT_ADMIN_USERNAME;

        // The balancer's parts refer to each other by id; its name is fixed so that the ids are known up front.
        const loadBalancerName = `${name}-lb`;
        const subscriptionId = authorization.getClientConfigOutput({ parent: this }).subscriptionId;
        const partId = (kind: string, part: string) =>
            pulumi.interpolate`/subscriptions/${subscriptionId}/resourceGroups/${args.resourceGroupName}/providers/Microsoft.Network/loadBalancers/${loadBalancerName}/${kind}/${part}`;
        const zones = plan.scaleSets.flatMap((scaleSet) => (scaleSet.zone === undefined ? [] : [scaleSet.zone]));
        const loadBalancer = new network.LoadBalancer(
            `${name}-lb`,
            {
                ...placement,
                loadBalancerName,
                sku: { name: "Standard", tier: "Regional" },
                frontendIPConfigurations: [
                    {
                        name: "cache",
                        privateIPAddress: frontendAddress,
                        privateIPAllocationMethod: "Static",
                        privateIPAddressVersion: "IPv4",
                        subnet: { id: args.subnetResourceIds[subnetKeys[0]] },
                        // Zone-redundant over the farm's zones: the address survives a zone's outage
                        // (learn.microsoft.com/azure/reliability/reliability-load-balancer).
                        zones: zones.length === 0 ? undefined : zones,
                    },
                ],
                backendAddressPools: [{ name: "cache" }],
                probes: [
                    {
                        name: "cache-health",
                        protocol: "Http",
                        port: plan.port,
                        requestPath: plan.probe.path,
                        intervalInSeconds: plan.probe.intervalSeconds,
                        probeThreshold: plan.probe.failuresBeforeDown,
                    },
                ],
                loadBalancingRules: [
                    {
                        name: "cache-http",
                        protocol: "Tcp",
                        frontendPort: plan.port,
                        backendPort: plan.port,
                        frontendIPConfiguration: { id: partId("frontendIPConfigurations", "cache") },
                        backendAddressPool: { id: partId("backendAddressPools", "cache") },
                        probe: { id: partId("probes", "cache-health") },
                        idleTimeoutInMinutes: plan.idleTimeoutMinutes,
                        // A connection to a VM that went away is reset, so a builder's dnf retries at once.
                        enableTcpReset: true,
                        loadDistribution: "Default",
                    },
                ],
            },
            { parent: this },
        );

        const scaleSets = plan.scaleSets.map(
            (scaleSet) =>
                new compute.VirtualMachineScaleSet(
                    scaleSetLogicalName(name, scaleSet.zone),
                    {
                        ...placement,
                        ...flexibleScaleSet({ zone: scaleSet.zone, tags: placement.tags, minimumLevel: plan.minimumLevel }),
                        sku: { name: plan.vmSize, capacity: scaleSet.count },
                        automaticRepairsPolicy: { ...plan.health.automaticRepairsPolicy },
                        virtualMachineProfile: {
                            priority: "Regular",
                            osProfile: sshOnlyOsProfile({
                                computerNamePrefix: plan.computerNamePrefix,
                                adminUsername,
                                adminSshPublicKey: args.adminSshPublicKey,
                                customData,
                            }),
                            storageProfile: {
                                imageReference: { communityGalleryImageId: fedoraCloudImageId() },
                                diskControllerType: plan.diskControllerType,
                                osDisk: {
                                    createOption: "FromImage",
                                    osType: "Linux",
                                    deleteOption: "Delete",
                                    diskSizeGB: plan.osDisk.sizeGb,
                                    caching: "ReadWrite",
                                    managedDisk: { storageAccountType: plan.osDisk.storageAccountType },
                                },
                                dataDisks: [
                                    {
                                        lun: plan.dataDisk.lun,
                                        createOption: "Empty",
                                        diskSizeGB: plan.dataDisk.sizeGb,
                                        deleteOption: "Delete",
                                        // Reads are the cache's work: the host's read cache serves hot packages from its own SSD.
                                        caching: "ReadOnly",
                                        managedDisk: { storageAccountType: plan.dataDisk.storageAccountType },
                                    },
                                ],
                            },
                            securityProfile: TRUSTED_LAUNCH,
                            // No public IP: the cache reaches its origins through its subnet's NAT gateway.
                            networkProfile: privateNetworkProfile({
                                nicName: `${name}-nic`,
                                acceleratedNetworking: plan.acceleratedNetworking,
                                subnetId: args.subnetResourceIds[subnetKeyFor(scaleSet.zone, subnetKeys)],
                                loadBalancerBackendPoolIds: [partId("backendAddressPools", "cache")],
                            }),
                            diagnosticsProfile: { bootDiagnostics: { enabled: true } },
                            extensionProfile: healthExtensionProfile(plan.health),
                        },
                    },
                    { parent: this, dependsOn: [loadBalancer] },
                ),
        );

        this.frontendAddress = frontendAddress;
        this.url = cacheTopUrl(frontendAddress);
        this.loadBalancerId = loadBalancer.id;
        this.scaleSetNames = scaleSets.map((scaleSet) => scaleSet.name);
        this.registerOutputs({ url: this.url, frontendAddress, loadBalancerId: this.loadBalancerId, scaleSetNames: this.scaleSetNames });
    }
}

import * as pulumi from "@pulumi/pulumi";
import * as network from "@pulumi/azure-native/network";
import * as privatedns from "@pulumi/azure-native/privatedns";
import { BuilderSubnetKey, BuilderSubnetPlan } from "../lib/builder-subnets";
import { BuilderNetworkPlanInput, planBuilderNetwork } from "../lib/builder-network-plan";
import { PlacementArgs, placementOf } from "./placement";

/** Where the network goes, and its settings (lib/builder-network-plan.ts states their defaults). */
export interface BuilderNetworkArgs extends PlacementArgs, BuilderNetworkPlanInput {}

/** Private DNS zones for the private endpoints of the store (blob) and the vault, keyed by endpoint group id. */
export const PRIVATE_DNS_ZONES = {
    blob: "privatelink.blob.core.windows.net",
    vault: "privatelink.vaultcore.azure.net",
} as const;

/**
 * The farm's private network: builders and the package cache without public addresses behind NAT gateways with
 * fixed egress addresses (Fedora's infrastructure allow-lists them), one per zone when the pools span zones,
 * locked-down NSGs, and private DNS for the store's and the vault's private endpoints.
 */
export class BuilderNetwork extends pulumi.ComponentResource {
    public readonly virtualNetworkId: pulumi.Output<string>;
    /** Where the pools put their VMs' NICs, by subnet key: `regional`, or the zone (`subnetKeyFor`). */
    public readonly builderSubnetIds: Readonly<Record<BuilderSubnetKey, pulumi.Output<string>>>;
    /** Where the package cache puts its VMs and its load balancer's address, by the builder subnets' keys. */
    public readonly packageCacheSubnetIds: Readonly<Record<BuilderSubnetKey, pulumi.Output<string>>>;
    /** The package cache's subnets' prefixes, by the same keys (the load balancer's address is in the first). */
    public readonly packageCacheSubnetPrefixes: Readonly<Record<BuilderSubnetKey, string>>;
    /** Where the store and the vault put their private endpoints. */
    public readonly privateEndpointSubnetId: pulumi.Output<string>;
    public readonly networkSecurityGroupId: pulumi.Output<string>;
    /** The NAT gateways, by the same keys as the builder subnets. */
    public readonly natGatewayIds: Readonly<Record<BuilderSubnetKey, pulumi.Output<string>>>;
    /** The addresses builders' traffic leaves from: single addresses, or one CIDR per NAT gateway when egress is a prefix. */
    public readonly egressAddresses: pulumi.Output<string[]>;
    public readonly blobPrivateDnsZoneId: pulumi.Output<string>;
    public readonly vaultPrivateDnsZoneId: pulumi.Output<string>;

    constructor(name: string, args: BuilderNetworkArgs, opts?: pulumi.ComponentResourceOptions) {
        const plan = planBuilderNetwork(args);
        super("buildfarm:network:BuilderNetwork", name, {}, opts);
        const placement = placementOf(args);

        /** A NAT gateway with its egress addresses, in the subnet's zone when it has one. */
        const egressStack = (subnet: BuilderSubnetPlan) => {
            const suffix = subnet.zone === undefined ? "" : `-z${subnet.zone}`;
            // A zonal NAT gateway takes public IPs of its own zone (nat-availability-zones, "Zonal").
            const zones = subnet.zone === undefined ? undefined : [subnet.zone];
            const ips =
                "publicIpCount" in plan.egress
                    ? Array.from(
                          { length: plan.egress.publicIpCount },
                          (_, index) =>
                              new network.PublicIPAddress(
                                  `${name}-egress${suffix}-${index + 1}`,
                                  { ...placement, ...STATIC_STANDARD_IPV4, zones },
                                  { parent: this },
                              ),
                      )
                    : [];
            const prefix =
                "publicIpPrefixLength" in plan.egress
                    ? new network.PublicIPPrefix(
                          `${name}-egress${suffix}`,
                          {
                              ...placement,
                              prefixLength: plan.egress.publicIpPrefixLength,
                              publicIPAddressVersion: "IPv4",
                              sku: { name: "Standard", tier: "Regional" },
                              zones,
                          },
                          { parent: this },
                      )
                    : undefined;
            const nat = new network.NatGateway(
                `${name}-nat${suffix}`,
                {
                    ...placement,
                    sku: { name: "Standard" },
                    zones,
                    publicIpAddresses: ips.map((ip) => ({ id: ip.id })),
                    publicIpPrefixes: prefix ? [{ id: prefix.id }] : [],
                },
                { parent: this },
            );
            const addresses = prefix
                ? prefix.ipPrefix.apply((cidr) => (cidr ? [cidr] : []))
                : pulumi.all(ips.map((ip) => ip.ipAddress)).apply((list) => list.filter((address): address is string => address !== undefined));
            return { nat, addresses, suffix };
        };

        const nsg = new network.NetworkSecurityGroup(
            `${name}-builders`,
            {
                ...placement,
                securityRules: [...plan.securityRules],
            },
            { parent: this },
        );
        const cacheNsg = new network.NetworkSecurityGroup(
            `${name}-package-cache`,
            {
                ...placement,
                securityRules: [...plan.packageCacheSecurityRules],
            },
            { parent: this },
        );

        // Subnets are separate resources; leaving `subnets` unset keeps them when the VNet itself is updated
        // (ARM API 2023-09-01 on; pulumi/pulumi-azure-native#611).
        const vnet = new network.VirtualNetwork(
            `${name}-vnet`,
            {
                ...placement,
                addressSpace: { addressPrefixes: [plan.addressSpace] },
            },
            { parent: this },
        );
        const subnet = (key: string, subnetName: string, addressPrefix: string, extra: Partial<network.SubnetArgs>, dependsOn: pulumi.Resource[]) =>
            new network.Subnet(
                `${name}-${key}`,
                {
                    resourceGroupName: args.resourceGroupName,
                    virtualNetworkName: vnet.name,
                    subnetName,
                    addressPrefix,
                    // New subnets get no implicit outbound access; builders leave only through the NAT gateway.
                    defaultOutboundAccess: false,
                    ...extra,
                },
                { parent: this, dependsOn },
            );

        // ARM refuses concurrent writes to subnets of one virtual network (AnotherOperationInProgress), so each
        // subnet waits for the one before it.
        const builderSubnetIds: Record<BuilderSubnetKey, pulumi.Output<string>> = {};
        const natGatewayIds: Record<BuilderSubnetKey, pulumi.Output<string>> = {};
        const packageCacheSubnetIds: Record<BuilderSubnetKey, pulumi.Output<string>> = {};
        const packageCacheSubnetPrefixes: Record<BuilderSubnetKey, string> = {};
        const egressAddresses: pulumi.Output<string[]>[] = [];
        let previous: network.Subnet | undefined;
        plan.builderSubnets.forEach((builderSubnetPlan, index) => {
            const { nat, addresses, suffix } = egressStack(builderSubnetPlan);
            const builders = subnet(
                `builders${suffix}`,
                `builders${suffix}`,
                builderSubnetPlan.prefix,
                {
                    natGateway: { id: nat.id },
                    networkSecurityGroup: { id: nsg.id },
                },
                previous ? [previous] : [],
            );
            // The zone's cache VMs leave through the zone's NAT gateway too: their origins see the farm's addresses.
            const cachePlan = plan.packageCacheSubnets[index];
            const cache = subnet(
                `package-cache${suffix}`,
                `package-cache${suffix}`,
                cachePlan.prefix,
                {
                    natGateway: { id: nat.id },
                    networkSecurityGroup: { id: cacheNsg.id },
                },
                [builders],
            );
            builderSubnetIds[builderSubnetPlan.key] = builders.id;
            packageCacheSubnetIds[cachePlan.key] = cache.id;
            packageCacheSubnetPrefixes[cachePlan.key] = cachePlan.prefix;
            natGatewayIds[builderSubnetPlan.key] = nat.id;
            egressAddresses.push(addresses);
            previous = cache;
        });
        const endpointSubnet = subnet("endpoints", "private-endpoints", plan.endpointSubnet, {}, previous ? [previous] : []);

        const [blobZone, vaultZone] = (["blob", "vault"] as const).map((group) => {
            const zone = new privatedns.PrivateZone(
                `${name}-${group}-dns`,
                {
                    resourceGroupName: args.resourceGroupName,
                    privateZoneName: PRIVATE_DNS_ZONES[group],
                    location: "global",
                    tags: args.tags,
                },
                { parent: this },
            );
            new privatedns.VirtualNetworkLink(
                `${name}-${group}-dns`,
                {
                    resourceGroupName: args.resourceGroupName,
                    privateZoneName: zone.name,
                    location: "global",
                    tags: args.tags,
                    virtualNetwork: { id: vnet.id },
                    registrationEnabled: false,
                },
                { parent: this },
            );
            return zone;
        });

        this.virtualNetworkId = vnet.id;
        this.builderSubnetIds = builderSubnetIds;
        this.packageCacheSubnetIds = packageCacheSubnetIds;
        this.packageCacheSubnetPrefixes = packageCacheSubnetPrefixes;
        this.privateEndpointSubnetId = endpointSubnet.id;
        this.networkSecurityGroupId = nsg.id;
        this.natGatewayIds = natGatewayIds;
        this.egressAddresses = pulumi.all(egressAddresses).apply((lists) => lists.flat());
        this.blobPrivateDnsZoneId = blobZone.id;
        this.vaultPrivateDnsZoneId = vaultZone.id;
        this.registerOutputs({
            virtualNetworkId: this.virtualNetworkId,
            builderSubnetIds: this.builderSubnetIds,
            packageCacheSubnetIds: this.packageCacheSubnetIds,
            privateEndpointSubnetId: this.privateEndpointSubnetId,
            networkSecurityGroupId: this.networkSecurityGroupId,
            natGatewayIds: this.natGatewayIds,
            egressAddresses: this.egressAddresses,
            blobPrivateDnsZoneId: this.blobPrivateDnsZoneId,
            vaultPrivateDnsZoneId: this.vaultPrivateDnsZoneId,
        });
    }
}

const STATIC_STANDARD_IPV4 = {
    sku: { name: "Standard", tier: "Regional" },
    publicIPAllocationMethod: "Static",
    publicIPAddressVersion: "IPv4",
} as const;

import * as pulumi from "@pulumi/pulumi";
import * as network from "@pulumi/azure-native/network";
import * as privatedns from "@pulumi/azure-native/privatedns";
import { BuilderSecurityRule, builderSecurityRules, packageCacheSecurityRules } from "../lib/builder-nsg-rules";
import { PACKAGE_CACHE_PORT } from "../lib/package-cache/plan";
import { BuilderSubnetKey, builderSubnetLayout, BuilderSubnetPlan } from "../lib/builder-subnets";
import { parseIpv4Range, parseIpv4Ranges, rangeContains, rangesOverlap } from "../lib/ip-ranges";
import { PlacementArgs, placementOf } from "./placement";
import { NETWORK_DEFAULTS } from "../lib/network-defaults";
import { InputPropertyError } from "../lib/input-property-error";

/** Fixed outbound addresses: either single Standard public IPs or one contiguous prefix. */
export type BuilderEgress =
    /** 1 to 16 Static Standard IPv4 addresses (a NAT gateway takes at most 16). */
    | { readonly publicIpCount: number }
    /** One Standard IPv4 prefix of /28 (16 addresses) to /31 (2): one range to put on Fedora's allow-lists. */
    | { readonly publicIpPrefixLength: number };

export interface BuilderNetworkArgs extends PlacementArgs {
    /** The virtual network's address space. Default: `10.20.0.0/16` (lib/network-defaults.ts). */
    readonly addressSpace?: string;
    /** The builder subnet, inside `addressSpace`. Default: `10.20.0.0/20` (4,091 usable addresses). */
    readonly builderSubnetPrefix?: string;
    /** The private-endpoint subnet, inside `addressSpace`, disjoint from the builders'. Default: `10.20.16.0/24`. */
    readonly privateEndpointSubnetPrefix?: string;
    /**
     * The package cache's range, inside `addressSpace` and disjoint from the others; split per zone like the
     * builders' (each zone's cache subnet behind that zone's NAT gateway). Default: `10.20.17.0/24`.
     */
    readonly packageCacheSubnetPrefix?: string;
    /**
     * Public sources (address or CIDR) allowed to SSH to builders, e.g. a bastion or VPN egress address.
     * Default: none, so the subnet accepts no inbound connection at all.
     */
    readonly adminSshSourceCidrs?: readonly string[];
    /** How builders reach the internet: per NAT gateway (one per zone in a zonal network). Default: `{ publicIpCount: 1 }`. */
    readonly egress?: BuilderEgress;
    /**
     * The availability zones the builder pools span. Default none: one builder subnet behind one NAT gateway.
     * With zones, each zone gets a "zonal stack" of its own (a builder subnet carved from `builderSubnetPrefix`, a
     * NAT gateway and its public IPs, all in that zone), so a zone's outage takes only that zone's egress with it:
     * a NAT gateway is zonal, and Microsoft's zone-resilient design is one such stack per zone
     * (learn.microsoft.com/azure/nat-gateway/nat-availability-zones, "Design considerations").
     */
    readonly zones?: readonly string[];
}

/** The validated arguments with defaults filled in, and the NSG rules they imply. */
export interface BuilderNetworkPlan {
    readonly addressSpace: string;
    readonly builderSubnetPrefix: string;
    readonly privateEndpointSubnetPrefix: string;
    readonly packageCacheSubnetPrefix: string;
    readonly egress: BuilderEgress;
    /** One regional subnet, or one per zone in zone order. */
    readonly builderSubnets: readonly BuilderSubnetPlan[];
    /** The package cache's subnets, by the same keys as the builders'. */
    readonly packageCacheSubnets: readonly BuilderSubnetPlan[];
    readonly securityRules: readonly BuilderSecurityRule[];
    readonly packageCacheSecurityRules: readonly BuilderSecurityRule[];
}

export const BUILDER_NETWORK_DEFAULTS = {
    ...NETWORK_DEFAULTS,
    egress: { publicIpCount: 1 },
} as const;

/** Private DNS zones for the private endpoints of the store (blob) and the vault, keyed by endpoint group id. */
export const PRIVATE_DNS_ZONES = {
    blob: "privatelink.blob.core.windows.net",
    vault: "privatelink.vaultcore.azure.net",
} as const;

/** Checks the arguments and fills in defaults. Pure, so bad input fails before anything is registered. */
export function planBuilderNetwork(args: BuilderNetworkArgs): BuilderNetworkPlan {
    const addressSpace = args.addressSpace ?? BUILDER_NETWORK_DEFAULTS.addressSpace;
    const builderSubnetPrefix = args.builderSubnetPrefix ?? BUILDER_NETWORK_DEFAULTS.builderSubnetPrefix;
    const privateEndpointSubnetPrefix = args.privateEndpointSubnetPrefix ?? BUILDER_NETWORK_DEFAULTS.privateEndpointSubnetPrefix;
    const packageCacheSubnetPrefix = args.packageCacheSubnetPrefix ?? BUILDER_NETWORK_DEFAULTS.packageCacheSubnetPrefix;
    const adminSshSourceCidrs = args.adminSshSourceCidrs ?? [];

    const space = parseIpv4Range(addressSpace, "addressSpace");
    const builders = parseIpv4Range(builderSubnetPrefix, "builderSubnetPrefix");
    const endpoints = parseIpv4Range(privateEndpointSubnetPrefix, "privateEndpointSubnetPrefix");
    const cache = parseIpv4Range(packageCacheSubnetPrefix, "packageCacheSubnetPrefix");
    parseIpv4Ranges(adminSshSourceCidrs, "adminSshSourceCidrs").forEach((range, index) => {
        if (range.prefixLength === 0) {
            throw new InputPropertyError(`adminSshSourceCidrs[${index}]`, `adminSshSourceCidrs[${index}]: ${adminSshSourceCidrs[index]} would open SSH to the whole internet; list admin networks`);
        }
    });
    const ranges = [
        ["builderSubnetPrefix", builderSubnetPrefix, builders],
        ["privateEndpointSubnetPrefix", privateEndpointSubnetPrefix, endpoints],
        ["packageCacheSubnetPrefix", packageCacheSubnetPrefix, cache],
    ] as const;
    for (const [argumentName, prefix, subnet] of ranges) {
        if (!rangeContains(space, subnet)) {
            throw new InputPropertyError(argumentName, `${argumentName}: ${prefix} is not inside addressSpace ${addressSpace}`);
        }
        // Azure reserves five addresses in every subnet and refuses prefixes longer than /29.
        if (subnet.prefixLength > 29) {
            throw new InputPropertyError(argumentName, `${argumentName}: ${prefix} is too small; Azure subnets must be /29 or larger`);
        }
    }
    ranges.forEach(([firstName, firstPrefix, first], index) => {
        for (const [secondName, secondPrefix, second] of ranges.slice(index + 1)) {
            if (rangesOverlap(first, second)) throw new InputPropertyError(secondName, `${firstName} ${firstPrefix} and ${secondName} ${secondPrefix} overlap`);
        }
    });

    const zones = args.zones ?? [];
    for (const zone of zones) {
        if (!["1", "2", "3"].includes(zone)) throw new InputPropertyError("zones", `zones: "${zone}" is not an availability zone; use "1", "2" or "3"`);
    }
    const zonalLayout = (argumentName: string, prefix: string) => {
        const layout = builderSubnetLayout(prefix, zones, argumentName);
        for (const subnet of layout) {
            if (parseIpv4Range(subnet.prefix, argumentName).prefixLength > 29) {
                throw new InputPropertyError(argumentName, `${argumentName}: ${prefix} split over ${layout.length} zones gives ${subnet.prefix}; Azure subnets must be /29 or larger, so use a larger range`);
            }
        }
        return layout;
    };
    const builderSubnets = zonalLayout("builderSubnetPrefix", builderSubnetPrefix);
    const packageCacheSubnets = zonalLayout("packageCacheSubnetPrefix", packageCacheSubnetPrefix);

    const egress = args.egress ?? BUILDER_NETWORK_DEFAULTS.egress;
    if ("publicIpCount" in egress && "publicIpPrefixLength" in egress) {
        throw new InputPropertyError("egress", "egress: give either publicIpCount or publicIpPrefixLength, not both");
    }
    if ("publicIpCount" in egress && !(Number.isInteger(egress.publicIpCount) && egress.publicIpCount >= 1 && egress.publicIpCount <= 16)) {
        throw new InputPropertyError("egress.publicIpCount", `egress.publicIpCount: a NAT gateway takes 1 to 16 public IPs, got ${egress.publicIpCount}`);
    }
    if ("publicIpPrefixLength" in egress && !(Number.isInteger(egress.publicIpPrefixLength) && egress.publicIpPrefixLength >= 28 && egress.publicIpPrefixLength <= 31)) {
        throw new InputPropertyError("egress.publicIpPrefixLength", `egress.publicIpPrefixLength: a NAT gateway takes a /28 to /31 prefix, got /${egress.publicIpPrefixLength}`);
    }

    return {
        addressSpace,
        builderSubnetPrefix,
        privateEndpointSubnetPrefix,
        packageCacheSubnetPrefix,
        egress,
        builderSubnets,
        packageCacheSubnets,
        securityRules: builderSecurityRules({
            builderSubnetPrefix, privateEndpointSubnetPrefix, adminSshSourceCidrs, packageCacheSubnetPrefix, packageCachePort: PACKAGE_CACHE_PORT,
        }),
        packageCacheSecurityRules: packageCacheSecurityRules({
            packageCacheSubnetPrefix, packageCachePort: PACKAGE_CACHE_PORT, builderSubnetPrefix, adminSshSourceCidrs,
        }),
    };
}

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
            const ips = "publicIpCount" in plan.egress
                ? Array.from({ length: plan.egress.publicIpCount }, (_, index) =>
                      new network.PublicIPAddress(`${name}-egress${suffix}-${index + 1}`, { ...placement, ...STATIC_STANDARD_IPV4, zones }, { parent: this }))
                : [];
            const prefix = "publicIpPrefixLength" in plan.egress
                ? new network.PublicIPPrefix(`${name}-egress${suffix}`, {
                      ...placement,
                      prefixLength: plan.egress.publicIpPrefixLength,
                      publicIPAddressVersion: "IPv4",
                      sku: { name: "Standard", tier: "Regional" },
                      zones,
                  }, { parent: this })
                : undefined;
            const nat = new network.NatGateway(`${name}-nat${suffix}`, {
                ...placement,
                sku: { name: "Standard" },
                zones,
                publicIpAddresses: ips.map((ip) => ({ id: ip.id })),
                publicIpPrefixes: prefix ? [{ id: prefix.id }] : [],
            }, { parent: this });
            const addresses = prefix
                ? prefix.ipPrefix.apply((cidr) => (cidr ? [cidr] : []))
                : pulumi.all(ips.map((ip) => ip.ipAddress)).apply((list) => list.filter((address): address is string => address !== undefined));
            return { nat, addresses, suffix };
        };

        const nsg = new network.NetworkSecurityGroup(`${name}-builders`, {
            ...placement,
            securityRules: [...plan.securityRules],
        }, { parent: this });
        const cacheNsg = new network.NetworkSecurityGroup(`${name}-package-cache`, {
            ...placement,
            securityRules: [...plan.packageCacheSecurityRules],
        }, { parent: this });

        // Subnets are separate resources; leaving `subnets` unset keeps them when the VNet itself is updated
        // (ARM API 2023-09-01 on; pulumi/pulumi-azure-native#611).
        const vnet = new network.VirtualNetwork(`${name}-vnet`, {
            ...placement,
            addressSpace: { addressPrefixes: [plan.addressSpace] },
        }, { parent: this });
        const subnet = (key: string, subnetName: string, addressPrefix: string, extra: Partial<network.SubnetArgs>, dependsOn: pulumi.Resource[]) =>
            new network.Subnet(`${name}-${key}`, {
                resourceGroupName: args.resourceGroupName,
                virtualNetworkName: vnet.name,
                subnetName,
                addressPrefix,
                // New subnets get no implicit outbound access; builders leave only through the NAT gateway.
                defaultOutboundAccess: false,
                ...extra,
            }, { parent: this, dependsOn });

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
            const builders = subnet(`builders${suffix}`, `builders${suffix}`, builderSubnetPlan.prefix, {
                natGateway: { id: nat.id },
                networkSecurityGroup: { id: nsg.id },
            }, previous ? [previous] : []);
            // The zone's cache VMs leave through the zone's NAT gateway too: their origins see the farm's addresses.
            const cachePlan = plan.packageCacheSubnets[index];
            const cache = subnet(`package-cache${suffix}`, `package-cache${suffix}`, cachePlan.prefix, {
                natGateway: { id: nat.id },
                networkSecurityGroup: { id: cacheNsg.id },
            }, [builders]);
            builderSubnetIds[builderSubnetPlan.key] = builders.id;
            packageCacheSubnetIds[cachePlan.key] = cache.id;
            packageCacheSubnetPrefixes[cachePlan.key] = cachePlan.prefix;
            natGatewayIds[builderSubnetPlan.key] = nat.id;
            egressAddresses.push(addresses);
            previous = cache;
        });
        const endpointSubnet = subnet("endpoints", "private-endpoints", plan.privateEndpointSubnetPrefix, {}, previous ? [previous] : []);

        const [blobZone, vaultZone] = (["blob", "vault"] as const).map((group) => {
            const zone = new privatedns.PrivateZone(`${name}-${group}-dns`, {
                resourceGroupName: args.resourceGroupName,
                privateZoneName: PRIVATE_DNS_ZONES[group],
                location: "global",
                tags: args.tags,
            }, { parent: this });
            new privatedns.VirtualNetworkLink(`${name}-${group}-dns`, {
                resourceGroupName: args.resourceGroupName,
                privateZoneName: zone.name,
                location: "global",
                tags: args.tags,
                virtualNetwork: { id: vnet.id },
                registrationEnabled: false,
            }, { parent: this });
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

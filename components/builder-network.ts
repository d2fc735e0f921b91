import * as pulumi from "@pulumi/pulumi";
import * as network from "@pulumi/azure-native/network";
import * as privatedns from "@pulumi/azure-native/privatedns";
import { BuilderSecurityRule, builderSecurityRules } from "../lib/builder-nsg-rules";
import { parseIpv4Range, parseIpv4Ranges, rangeContains, rangesOverlap } from "../lib/ip-ranges";
import { PlacementArgs, placementOf } from "./placement";
import { NETWORK_DEFAULTS } from "../lib/network-defaults";

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
     * Public sources (address or CIDR) allowed to SSH to builders, e.g. a bastion or VPN egress address.
     * Default: none, so the subnet accepts no inbound connection at all.
     */
    readonly adminSshSourceCidrs?: readonly string[];
    /** How builders reach the internet. Default: `{ publicIpCount: 1 }`. */
    readonly egress?: BuilderEgress;
}

/** The validated arguments with defaults filled in, and the NSG rules they imply. */
export interface BuilderNetworkPlan {
    readonly addressSpace: string;
    readonly builderSubnetPrefix: string;
    readonly privateEndpointSubnetPrefix: string;
    readonly egress: BuilderEgress;
    readonly securityRules: readonly BuilderSecurityRule[];
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
    const adminSshSourceCidrs = args.adminSshSourceCidrs ?? [];

    const space = parseIpv4Range(addressSpace, "addressSpace");
    const builders = parseIpv4Range(builderSubnetPrefix, "builderSubnetPrefix");
    const endpoints = parseIpv4Range(privateEndpointSubnetPrefix, "privateEndpointSubnetPrefix");
    parseIpv4Ranges(adminSshSourceCidrs, "adminSshSourceCidrs").forEach((range, index) => {
        if (range.prefixLength === 0) {
            throw new Error(`adminSshSourceCidrs[${index}]: ${adminSshSourceCidrs[index]} would open SSH to the whole internet; list admin networks`);
        }
    });
    for (const [argumentName, prefix, subnet] of [["builderSubnetPrefix", builderSubnetPrefix, builders], ["privateEndpointSubnetPrefix", privateEndpointSubnetPrefix, endpoints]] as const) {
        if (!rangeContains(space, subnet)) {
            throw new Error(`${argumentName}: ${prefix} is not inside addressSpace ${addressSpace}`);
        }
        // Azure reserves five addresses in every subnet and refuses prefixes longer than /29.
        if (subnet.prefixLength > 29) {
            throw new Error(`${argumentName}: ${prefix} is too small; Azure subnets must be /29 or larger`);
        }
    }
    if (rangesOverlap(builders, endpoints)) {
        throw new Error(`builderSubnetPrefix ${builderSubnetPrefix} and privateEndpointSubnetPrefix ${privateEndpointSubnetPrefix} overlap`);
    }

    const egress = args.egress ?? BUILDER_NETWORK_DEFAULTS.egress;
    if ("publicIpCount" in egress && "publicIpPrefixLength" in egress) {
        throw new Error("egress: give either publicIpCount or publicIpPrefixLength, not both");
    }
    if ("publicIpCount" in egress && !(Number.isInteger(egress.publicIpCount) && egress.publicIpCount >= 1 && egress.publicIpCount <= 16)) {
        throw new Error(`egress.publicIpCount: a NAT gateway takes 1 to 16 public IPs, got ${egress.publicIpCount}`);
    }
    if ("publicIpPrefixLength" in egress && !(Number.isInteger(egress.publicIpPrefixLength) && egress.publicIpPrefixLength >= 28 && egress.publicIpPrefixLength <= 31)) {
        throw new Error(`egress.publicIpPrefixLength: a NAT gateway takes a /28 to /31 prefix, got /${egress.publicIpPrefixLength}`);
    }

    return {
        addressSpace,
        builderSubnetPrefix,
        privateEndpointSubnetPrefix,
        egress,
        securityRules: builderSecurityRules({ builderSubnetPrefix, privateEndpointSubnetPrefix, adminSshSourceCidrs }),
    };
}

/**
 * The farm's private network: builders without public addresses behind a NAT gateway with fixed egress
 * addresses (Fedora's infrastructure allow-lists them), a locked-down NSG, and private DNS for the store's and
 * the vault's private endpoints.
 */
export class BuilderNetwork extends pulumi.ComponentResource {
    public readonly virtualNetworkId: pulumi.Output<string>;
    /** Where the builder pool puts its VMs' NICs. */
    public readonly builderSubnetId: pulumi.Output<string>;
    /** Where the store and the vault put their private endpoints. */
    public readonly privateEndpointSubnetId: pulumi.Output<string>;
    public readonly networkSecurityGroupId: pulumi.Output<string>;
    public readonly natGatewayId: pulumi.Output<string>;
    /** The addresses builders' traffic leaves from: single addresses, or one CIDR when egress is a prefix. */
    public readonly egressAddresses: pulumi.Output<string[]>;
    public readonly blobPrivateDnsZoneId: pulumi.Output<string>;
    public readonly vaultPrivateDnsZoneId: pulumi.Output<string>;

    constructor(name: string, args: BuilderNetworkArgs, opts?: pulumi.ComponentResourceOptions) {
        const plan = planBuilderNetwork(args);
        super("buildfarm:network:BuilderNetwork", name, {}, opts);
        const placement = placementOf(args);

        const egressIps = "publicIpCount" in plan.egress
            ? Array.from({ length: plan.egress.publicIpCount }, (_, index) =>
                  new network.PublicIPAddress(`${name}-egress-${index + 1}`, { ...placement, ...STATIC_STANDARD_IPV4 }, { parent: this }))
            : [];
        const egressPrefix = "publicIpPrefixLength" in plan.egress
            ? new network.PublicIPPrefix(`${name}-egress`, {
                  ...placement,
                  prefixLength: plan.egress.publicIpPrefixLength,
                  publicIPAddressVersion: "IPv4",
                  sku: { name: "Standard", tier: "Regional" },
              }, { parent: this })
            : undefined;
        const natGateway = new network.NatGateway(`${name}-nat`, {
            ...placement,
            sku: { name: "Standard" },
            publicIpAddresses: egressIps.map((ip) => ({ id: ip.id })),
            publicIpPrefixes: egressPrefix ? [{ id: egressPrefix.id }] : [],
        }, { parent: this });

        const nsg = new network.NetworkSecurityGroup(`${name}-builders`, {
            ...placement,
            securityRules: [...plan.securityRules],
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
        const builderSubnet = subnet("builders", "builders", plan.builderSubnetPrefix, {
            natGateway: { id: natGateway.id },
            networkSecurityGroup: { id: nsg.id },
        }, []);
        // ARM refuses concurrent writes to subnets of one virtual network (AnotherOperationInProgress).
        const endpointSubnet = subnet("endpoints", "private-endpoints", plan.privateEndpointSubnetPrefix, {}, [builderSubnet]);

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
        this.builderSubnetId = builderSubnet.id;
        this.privateEndpointSubnetId = endpointSubnet.id;
        this.networkSecurityGroupId = nsg.id;
        this.natGatewayId = natGateway.id;
        this.egressAddresses = egressPrefix
            ? egressPrefix.ipPrefix.apply((prefix) => (prefix ? [prefix] : []))
            : pulumi.all(egressIps.map((ip) => ip.ipAddress)).apply((addresses) => addresses.filter((address): address is string => address !== undefined));
        this.blobPrivateDnsZoneId = blobZone.id;
        this.vaultPrivateDnsZoneId = vaultZone.id;
        this.registerOutputs({
            virtualNetworkId: this.virtualNetworkId,
            builderSubnetId: this.builderSubnetId,
            privateEndpointSubnetId: this.privateEndpointSubnetId,
            networkSecurityGroupId: this.networkSecurityGroupId,
            natGatewayId: this.natGatewayId,
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

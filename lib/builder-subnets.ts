/**
 * Where builders' NICs go: one regional builder subnet, or, when the pools span availability zones, one subnet
 * per zone, each behind its zone's NAT gateway. A NAT gateway is a zonal resource, and Microsoft's design for
 * zone-resilient egress is a "zonal stack" per zone: VMs, subnet, NAT gateway and public IPs all in that zone
 * (learn.microsoft.com/azure/nat-gateway/nat-availability-zones, "Design considerations"). Pure: the network
 * component, the pool component and the configuration check all lay subnets out with these functions.
 */
import { formatIpv4Range, parseIpv4Range, splitIpv4Range } from "./ip-ranges";

/** Azure's availability zone names, in a region that has zones. */
export const AVAILABILITY_ZONES = ["1", "2", "3"] as const;
export type AvailabilityZone = (typeof AVAILABILITY_ZONES)[number];

/** `regional` for a network without zones, else the zone the subnet's stack lives in. */
export type BuilderSubnetKey = "regional" | string;

/** One builder subnet with its NAT gateway. */
export interface BuilderSubnetPlan {
    readonly key: BuilderSubnetKey;
    /** The zone of its NAT gateway and public IPs; undefined for the regional subnet. */
    readonly zone?: string;
    readonly prefix: string;
}

/**
 * The builder subnets of a network: the whole builder range when it has no zones, else the range split into
 * equal blocks (halves for two zones, quarters for three), one per zone in zone order. The package cache's
 * subnets are laid out the same way from their own range (`argumentName` names it in errors).
 */
export function builderSubnetLayout(builderSubnet: string, zones: readonly string[], argumentName = "builderSubnet"): BuilderSubnetPlan[] {
    if (zones.length === 0) return [{ key: "regional", prefix: builderSubnet }];
    const sorted = [...new Set(zones)].sort();
    const blocks = splitIpv4Range(parseIpv4Range(builderSubnet, argumentName), sorted.length);
    return sorted.map((zone, index) => ({ key: zone, zone, prefix: formatIpv4Range(blocks[index]) }));
}

/**
 * The subnet a scale set goes in: its zone's, or, for a regional scale set in a zonal network, the first zone's
 * (a regional pool has no zone promise to keep; give every pool zones for zone-resilient egress).
 */
export function subnetKeyFor(zone: string | undefined, keys: readonly BuilderSubnetKey[]): BuilderSubnetKey {
    return zone !== undefined && keys.includes(zone) ? zone : keys[0];
}

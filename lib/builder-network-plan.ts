/**
 * The farm network's plan: address ranges checked and laid out per zone, egress settled, NSG rules derived. Pure,
 * so that the network component, the stack configuration check and the tests apply the same rules; the component
 * (components/builder-network.ts) only wires what this returns.
 */
import { BuilderSecurityRule, builderSecurityRules, packageCacheSecurityRules } from "./builder-nsg-rules";
import { AVAILABILITY_ZONES, builderSubnetLayout, BuilderSubnetPlan } from "./builder-subnets";
import { InputPropertyError } from "./input-property-error";
import { checkIpv4Range, Ipv4Range, parseIpv4Range, rangeContains, rangesOverlap } from "./ip-ranges";
import { PACKAGE_CACHE_PORT } from "./package-cache/plan";

/** Fixed outbound addresses: either single Standard public IPs or one contiguous prefix. */
export type BuilderEgress =
    /** 1 to 16 Static Standard IPv4 addresses (a NAT gateway takes at most 16). */
    | { readonly publicIpCount: number }
    /** One Standard IPv4 prefix of /28 (16 addresses) to /31 (2): one range to put on Fedora's allow-lists. */
    | { readonly publicIpPrefixLength: number };

/**
 * The smallest subnet Azure creates: it keeps five addresses of every subnet and refuses prefixes longer than /29
 * (learn.microsoft.com/azure/virtual-network/virtual-networks-faq, "Are there any restrictions on using IP addresses
 * within these subnets?" and "How small and how large can virtual networks and subnets be?").
 */
export const SMALLEST_SUBNET_PREFIX = 29;

/**
 * The farm's default address plan. No Fedora value exists; a /20 leaves room for 4091 builders, and a /24 each
 * for the private endpoints and for the package cache (split per zone like the builders').
 */
export const BUILDER_NETWORK_DEFAULTS = {
    addressSpace: "10.20.0.0/16",
    builderSubnet: "10.20.0.0/20",
    endpointSubnet: "10.20.16.0/24",
    cacheSubnet: "10.20.17.0/24",
    adminSourceCidrs: [] as readonly string[],
    egress: { publicIpCount: 1 } as BuilderEgress,
} as const;

/** The network's settings; the stack configuration's `network.*` keys carry the same names. */
export interface BuilderNetworkPlanInput {
    /** The virtual network's address space. Default: `10.20.0.0/16`. */
    readonly addressSpace?: string;
    /** The builders' range, inside `addressSpace`. Default: `10.20.0.0/20` (4,091 usable addresses). */
    readonly builderSubnet?: string;
    /** The private-endpoint subnet, inside `addressSpace`, disjoint from the others. Default: `10.20.16.0/24`. */
    readonly endpointSubnet?: string;
    /**
     * The package cache's range, inside `addressSpace` and disjoint from the others; split per zone like the
     * builders' (each zone's cache subnet behind that zone's NAT gateway). Default: `10.20.17.0/24`.
     */
    readonly cacheSubnet?: string;
    /**
     * Public sources (address or CIDR) allowed to SSH to builders and cache VMs, e.g. a bastion or VPN egress
     * address; never `/0`. Default: none, so the subnets accept no inbound connection from outside at all.
     */
    readonly adminSourceCidrs?: readonly string[];
    /** How builders reach the internet: per NAT gateway (one per zone in a zonal network). Default: `{ publicIpCount: 1 }`. */
    readonly egress?: BuilderEgress;
    /**
     * The availability zones the builder pools span. Default none: one builder subnet behind one NAT gateway.
     * With zones, each zone gets a "zonal stack" of its own (a builder subnet carved from `builderSubnet`, a
     * NAT gateway and its public IPs, all in that zone), so a zone's outage takes only that zone's egress with it:
     * a NAT gateway is zonal, and Microsoft's zone-resilient design is one such stack per zone
     * (learn.microsoft.com/azure/nat-gateway/nat-availability-zones, "Design considerations").
     */
    readonly zones?: readonly string[];
}

/** The validated arguments with defaults filled in, and the NSG rules they imply. */
export interface BuilderNetworkPlan {
    readonly addressSpace: string;
    readonly builderSubnet: string;
    readonly endpointSubnet: string;
    readonly cacheSubnet: string;
    readonly egress: BuilderEgress;
    /** One regional subnet, or one per zone in zone order. */
    readonly builderSubnets: readonly BuilderSubnetPlan[];
    /** The package cache's subnets, by the same keys as the builders'. */
    readonly packageCacheSubnets: readonly BuilderSubnetPlan[];
    readonly securityRules: readonly BuilderSecurityRule[];
    readonly packageCacheSecurityRules: readonly BuilderSecurityRule[];
}

/** The ranges that become subnets, in the order their overlaps are reported. */
const SUBNET_RANGES = ["builderSubnet", "endpointSubnet", "cacheSubnet"] as const;

/**
 * Every mistake in the settings, each an `InputPropertyError` naming its setting, in the order the settings are
 * listed; empty when the network can be built. A range that cannot be read skips the checks that need it.
 * `planBuilderNetwork` throws the first; the stack configuration reports them all.
 */
export function builderNetworkProblems(input: BuilderNetworkPlanInput): InputPropertyError[] {
    const settings = settingsOf(input);
    const { addressSpace, adminSourceCidrs, egress } = settings;
    const problems: InputPropertyError[] = [];
    const report = (propertyPath: string, reason: string) => problems.push(new InputPropertyError(propertyPath, `${propertyPath}: ${reason}`));
    const read = (propertyPath: string, text: string): Ipv4Range | undefined => {
        const checked = checkIpv4Range(text);
        if ("problem" in checked) report(propertyPath, checked.problem);
        return "range" in checked ? checked.range : undefined;
    };
    const checkSize = (key: string, what: string, range: Ipv4Range) => {
        if (range.prefixLength > SMALLEST_SUBNET_PREFIX)
            report(key, `${what} is smaller than Azure's smallest subnet, /${SMALLEST_SUBNET_PREFIX}; use a larger range`);
    };

    const space = read("addressSpace", addressSpace);
    const subnets = SUBNET_RANGES.flatMap((key) => {
        const range = read(key, settings[key]);
        return range ? [{ key, text: settings[key], range }] : [];
    });
    adminSourceCidrs.forEach((text, index) => {
        const range = read(`adminSourceCidrs[${index}]`, text);
        if (range?.prefixLength === 0)
            report(`adminSourceCidrs[${index}]`, `${text} would open SSH to the whole internet; list the networks you administer from`);
    });
    for (const { key, text, range } of subnets) {
        if (space && !rangeContains(space, range)) report(key, `${text} is outside addressSpace ${addressSpace}; pick a range inside it`);
        checkSize(key, text, range);
    }
    subnets.forEach((earlier, index) => {
        for (const later of subnets.slice(index + 1)) {
            if (rangesOverlap(earlier.range, later.range)) report(later.key, `${later.text} overlaps ${earlier.key} ${earlier.text}; subnets must not overlap`);
        }
    });

    const zones = settings.zones ?? [];
    const badZones = zones.filter((zone) => !(AVAILABILITY_ZONES as readonly string[]).includes(zone));
    for (const zone of badZones) report("zones", `"${zone}" is not an availability zone; use ${AVAILABILITY_ZONES.map((name) => `"${name}"`).join(", ")}`);
    if (badZones.length === 0) {
        // The zonal ranges, once each is known good: split per zone, every block must still be a subnet Azure makes.
        for (const { key } of subnets.filter((subnet) => subnet.key !== "endpointSubnet")) {
            // The blocks are equal, so the first speaks for all.
            const layout = builderSubnetLayout(settings[key], zones, key);
            checkSize(key, `${settings[key]} split over ${layout.length} zones gives ${layout[0].prefix}, which`, parseIpv4Range(layout[0].prefix, key));
        }
    }

    if ("publicIpCount" in egress && "publicIpPrefixLength" in egress) report("egress", "give either publicIpCount or publicIpPrefixLength, not both");
    else if ("publicIpCount" in egress && !(Number.isInteger(egress.publicIpCount) && egress.publicIpCount >= 1 && egress.publicIpCount <= 16)) {
        report("egress.publicIpCount", `a NAT gateway takes 1 to 16 public IPs, got ${egress.publicIpCount}`);
    } else if (
        "publicIpPrefixLength" in egress &&
        !(Number.isInteger(egress.publicIpPrefixLength) && egress.publicIpPrefixLength >= 28 && egress.publicIpPrefixLength <= 31)
    ) {
        report("egress.publicIpPrefixLength", `a NAT gateway takes a /28 to /31 prefix, got /${egress.publicIpPrefixLength}`);
    }
    return problems;
}

/** Checks the settings (`builderNetworkProblems`) and fills in defaults; throws the first `InputPropertyError`. */
export function planBuilderNetwork(input: BuilderNetworkPlanInput): BuilderNetworkPlan {
    const [first] = builderNetworkProblems(input);
    if (first) throw first;
    const settings = settingsOf(input);
    const { addressSpace, adminSourceCidrs, egress } = settings;
    const zones = settings.zones ?? [];
    const builderSubnets = builderSubnetLayout(settings.builderSubnet, zones, "builderSubnet");
    const packageCacheSubnets = builderSubnetLayout(settings.cacheSubnet, zones, "cacheSubnet");

    const { builderSubnet, endpointSubnet, cacheSubnet } = settings;
    return {
        addressSpace,
        builderSubnet,
        endpointSubnet,
        cacheSubnet,
        egress,
        builderSubnets,
        packageCacheSubnets,
        securityRules: builderSecurityRules({ builderSubnet, endpointSubnet, adminSourceCidrs, cacheSubnet, packageCachePort: PACKAGE_CACHE_PORT }),
        packageCacheSecurityRules: packageCacheSecurityRules({ cacheSubnet, packageCachePort: PACKAGE_CACHE_PORT, builderSubnet, adminSourceCidrs }),
    };
}

/** The settings with the defaults filled in; an explicit `undefined` takes the default like a missing one. */
function settingsOf(input: BuilderNetworkPlanInput) {
    const given = Object.fromEntries(Object.entries(input).filter(([, entry]) => entry !== undefined)) as BuilderNetworkPlanInput;
    return { ...BUILDER_NETWORK_DEFAULTS, ...given };
}

/**
 * IPv4 address and CIDR checks for component arguments, on ipaddr.js.
 *
 * Components validate address ranges before they register anything, so a typo fails `pulumi preview` with a
 * message naming the argument instead of an Azure error halfway through a deployment.
 */
import * as ipaddr from "ipaddr.js";
import { InputPropertyError } from "./input-property-error";

export interface Ipv4Range {
    /** The network address. */
    readonly network: ipaddr.IPv4;
    readonly prefixLength: number;
}

/**
 * Checks `a.b.c.d` (a /32) or `a.b.c.d/n`, the one rule for addresses in this project: four-part decimal only
 * (ipaddr.js would otherwise read "10.1" or hex forms such as 0x0a.0.0.0 as addresses, which Azure refuses),
 * and host bits zero, because Azure rejects such prefixes on subnets and silently widens them in firewall rules.
 */
export function checkIpv4Range(text: string): { range: Ipv4Range } | { problem: string } {
    const cidr = text.includes("/") ? text : `${text}/32`;
    const [address] = cidr.split("/");
    let parsed: [ipaddr.IPv4, number];
    try {
        if (!ipaddr.IPv4.isValidFourPartDecimal(address)) throw new Error("not four-part decimal");
        parsed = ipaddr.IPv4.parseCIDR(cidr);
    } catch {
        return { problem: `"${text}" is not an IPv4 address or CIDR range in four-part decimal, such as 10.20.0.0/16` };
    }
    const [parsedAddress, prefixLength] = parsed;
    const network = ipaddr.IPv4.networkAddressFromCIDR(cidr);
    if (network.toString() !== parsedAddress.toString()) {
        return { problem: `"${text}" has host bits set; did you mean ${network.toString()}/${prefixLength}?` };
    }
    return { range: { network, prefixLength } };
}

/** `checkIpv4Range` for component arguments: throws naming the argument. */
export function parseIpv4Range(text: string, argumentName: string): Ipv4Range {
    const checked = checkIpv4Range(text);
    if ("problem" in checked) throw new InputPropertyError(argumentName, `${argumentName}: ${checked.problem}`);
    return checked.range;
}

/** Parses every entry; names the argument and the bad entry on failure. */
export function parseIpv4Ranges(texts: readonly string[], argumentName: string): Ipv4Range[] {
    return texts.map((text, index) => parseIpv4Range(text, `${argumentName}[${index}]`));
}

/** True when `inner` lies entirely inside `outer`. */
export function rangeContains(outer: Ipv4Range, inner: Ipv4Range): boolean {
    return inner.prefixLength >= outer.prefixLength && inner.network.match(outer.network, outer.prefixLength);
}

/** CIDR blocks either nest or are disjoint, so two overlap exactly when one contains the other. */
export function rangesOverlap(first: Ipv4Range, second: Ipv4Range): boolean {
    return rangeContains(first, second) || rangeContains(second, first);
}

/** True for RFC 1918 private ranges, which Azure service firewalls refuse in their IP rules. */
export function isPrivateRange(range: Ipv4Range): boolean {
    return PRIVATE_RANGES.some((privateRange) => rangeContains(privateRange, range));
}

const PRIVATE_RANGES: Ipv4Range[] = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"].map((cidr) => parseIpv4Range(cidr, "RFC 1918"));

export const formatIpv4Range = (range: Ipv4Range): string => `${range.network.toString()}/${range.prefixLength}`;

/** The number of addresses in a range. */
export const ipv4RangeSize = (range: Ipv4Range): number => 2 ** (32 - range.prefixLength);

/**
 * The first `parts` of the equal blocks a range splits into (halves for 2, quarters for 3 or 4): each block is the
 * range's prefix plus just enough bits to count `parts`.
 */
export function splitIpv4Range(range: Ipv4Range, parts: number): Ipv4Range[] {
    const bits = Math.ceil(Math.log2(parts));
    const prefixLength = range.prefixLength + bits;
    const start = range.network.toByteArray().reduce((value, byte) => value * 256 + byte, 0);
    const step = 2 ** (32 - prefixLength);
    return Array.from({ length: parts }, (_, index) => {
        const value = start + index * step;
        const network = ipaddr.IPv4.parse([24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join("."));
        return { network, prefixLength };
    });
}

/**
 * IPv4 address and CIDR checks for component arguments.
 *
 * Components validate address ranges before they register anything, so a typo fails `pulumi preview` with a
 * message naming the argument instead of an Azure error halfway through a deployment.
 */

export interface Ipv4Range {
    /** The network address as a 32-bit unsigned number. */
    readonly network: number;
    readonly prefixLength: number;
}

const IPV4_CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?$/;

/**
 * Parses `a.b.c.d` (a /32) or `a.b.c.d/n`. Host bits must be zero, because Azure rejects such prefixes on
 * subnets and silently widens them in firewall rules.
 */
export function parseIpv4Range(text: string, argumentName: string): Ipv4Range {
    const match = IPV4_CIDR.exec(text);
    const octets = match ? match.slice(1, 5).map(Number) : [];
    const prefixLength = match?.[5] === undefined ? 32 : Number(match[5]);
    if (!match || octets.some((octet) => octet > 255) || prefixLength > 32) {
        throw new Error(`${argumentName}: "${text}" is not an IPv4 address or CIDR range`);
    }
    const address = octets.reduce((value, octet) => value * 256 + octet, 0);
    const blockSize = 2 ** (32 - prefixLength);
    if (address % blockSize !== 0) {
        throw new Error(`${argumentName}: "${text}" has host bits set; did you mean ${formatIpv4(address - (address % blockSize))}/${prefixLength}?`);
    }
    return { network: address, prefixLength };
}

/** Parses every entry; names the argument and the bad entry on failure. */
export function parseIpv4Ranges(texts: readonly string[], argumentName: string): Ipv4Range[] {
    return texts.map((text, index) => parseIpv4Range(text, `${argumentName}[${index}]`));
}

/** True when `inner` lies entirely inside `outer`. */
export function rangeContains(outer: Ipv4Range, inner: Ipv4Range): boolean {
    return inner.prefixLength >= outer.prefixLength && inner.network >= outer.network && inner.network + rangeSize(inner) <= outer.network + rangeSize(outer);
}

export function rangesOverlap(first: Ipv4Range, second: Ipv4Range): boolean {
    return first.network < second.network + rangeSize(second) && second.network < first.network + rangeSize(first);
}

/** True for RFC 1918 private ranges, which Azure service firewalls refuse in their IP rules. */
export function isPrivateRange(range: Ipv4Range): boolean {
    return PRIVATE_RANGES.some((privateRange) => rangeContains(privateRange, range));
}

function rangeSize(range: Ipv4Range): number {
    return 2 ** (32 - range.prefixLength);
}

function formatIpv4(address: number): string {
    return [24, 16, 8, 0].map((shift) => Math.floor(address / 2 ** shift) % 256).join(".");
}

const PRIVATE_RANGES: Ipv4Range[] = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"].map((cidr) => parseIpv4Range(cidr, "RFC 1918"));

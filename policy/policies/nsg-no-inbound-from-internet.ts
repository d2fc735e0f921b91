/**
 * No network security rule allows inbound traffic from anywhere.
 *
 * Builders take no inbound connections from the Internet (Koji builders poll the hub); administration comes
 * from configured admin CIDRs. A rule allowing `*`, `Internet`, `0.0.0.0/0` or `::/0` in would expose sshd
 * of every builder.
 *
 * @severity critical
 * @topics network
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import * as batch from "@pulumi/azure-native/batch";
import * as ipaddr from "ipaddr.js";
import * as network from "@pulumi/azure-native/network";
import { asList, eachElement, equalsIgnoreCase, field, LocatedValue, PropertyRecord } from "../lib/props";
import { checkParts, validateResourcesOfTypes } from "../lib/resource-types";
import { CLASSIC } from "../lib/classic-types";

/** Source prefixes that mean "any address"; service tags and CIDRs compare case-insensitively in ARM. */
const ANY_SOURCE = ["*", "Internet", "Any", "0.0.0.0/0", "::/0"];

const asNumber = (address: ipaddr.IPv4) => address.toByteArray().reduce((value, octet) => value * 256 + octet, 0);

/**
 * An IPv4 address or CIDR (four-part decimal, as ARM takes it) as the first and last address it covers, on
 * ipaddr.js; undefined for anything else (service tags, IPv6).
 */
function ipv4Range(text: string): readonly [number, number] | undefined {
    const [address, length = "32", ...rest] = text.trim().split("/");
    if (rest.length > 0 || !ipaddr.IPv4.isValidFourPartDecimal(address) || !/^\d{1,2}$/.test(length) || Number(length) > 32) return undefined;
    const cidr = `${address}/${length}`;
    return [asNumber(ipaddr.IPv4.networkAddressFromCIDR(cidr)), asNumber(ipaddr.IPv4.broadcastAddressFromCIDR(cidr))];
}

/** Whether the prefixes together cover every IPv4 address (0.0.0.0/1 and 128.0.0.0/1 are the internet too). */
function coverAllIpv4(prefixes: readonly string[]): boolean {
    const ranges = prefixes
        .map(ipv4Range)
        .filter((range): range is readonly [number, number] => range !== undefined)
        .sort((first, second) => first[0] - second[0]);
    let next = 0;
    for (const [start, end] of ranges) {
        if (start > next) return false;
        next = Math.max(next, end + 1);
    }
    return next > 0xffffffff;
}

/** The sources that open a rule to the internet: an "any" value, or a set of prefixes that together is all of IPv4. */
function openOf(sources: readonly unknown[]): string[] {
    const texts = sources.filter((source): source is string => typeof source === "string");
    const any = texts.filter((source) => ANY_SOURCE.some((open) => equalsIgnoreCase(source, open)));
    if (any.length > 0) return any;
    return coverAllIpv4(texts) ? [`${texts.join(", ")} (together all of IPv4)`] : [];
}

/**
 * Fails closed on rules with a missing or odd direction or access: only an explicit Outbound or Deny rule
 * is exempt, since ARM would reject the rule anyway and the policy must not pass it by accident.
 */
function isInboundAllow(rule: unknown): boolean {
    return !equalsIgnoreCase(field(rule, "direction"), "Outbound") && !equalsIgnoreCase(field(rule, "access"), "Deny");
}

const openSources = (rule: unknown): string[] => openOf([field(rule, "sourceAddressPrefix"), ...asList(field(rule, "sourceAddressPrefixes"))]);

const openMessage = (path: string, source: string) => `${path}: allows inbound traffic from "${source}"; allow only specific admin CIDRs.`;

function ruleMessages({ path, value: rule }: LocatedValue): string[] {
    const sources = isInboundAllow(rule) ? openSources(rule) : [];
    return sources.map((source) => openMessage(path, source));
}

/**
 * A Virtual Network Manager admin rule: `AlwaysAllow` (and `Allow`) inbound from an open source overrides or
 * precedes every NSG (learn.microsoft.com/azure/virtual-network-manager/concept-security-admins).
 */
function adminRuleMessages(props: PropertyRecord): string[] {
    if (equalsIgnoreCase(props.direction, "Outbound") || equalsIgnoreCase(props.access, "Deny")) return [];
    return openOf(asList(props.sources).map((source) => field(source, "addressPrefix"))).map((source) => openMessage("sources", source));
}

/**
 * A Batch pool's inbound NAT pools: with no NSG rules of its own Batch opens the backend port to every address
 * (azure-native batch InboundNatPool: "If no network security group rules are specified, a default rule will be
 * created to allow inbound access to the specified backendPort"); an Allow rule from an open source does too.
 */
function natPoolMessages(props: PropertyRecord): string[] {
    return eachElement(field(props, "networkConfiguration", "endpointConfiguration"), "networkConfiguration.endpointConfiguration", "inboundNatPools").flatMap(
        ({ path, value: pool }) => {
            const rules = eachElement(pool, path, "networkSecurityGroupRules");
            if (rules.length === 0) return [`${path}: an inbound NAT pool without NSG rules is open to every address; add rules that allow only admin CIDRs.`];
            return rules.flatMap(({ path: rulePath, value: rule }) =>
                equalsIgnoreCase(field(rule, "access"), "Deny")
                    ? []
                    : openOf([field(rule, "sourceAddressPrefix")]).map((source) => openMessage(rulePath, source)),
            );
        },
    );
}

export const nsgNoInboundFromInternet: ResourceValidationPolicy = {
    name: "nsg-no-inbound-from-internet",
    description:
        "Network security groups and security rules (either provider's), Virtual Network Manager admin rules and Batch NAT pools must not allow inbound traffic from *, Internet, 0.0.0.0/0, ::/0 or prefixes that together cover all of IPv4.",
    enforcementLevel: "mandatory",
    severity: "critical",
    validateResource: validateResourcesOfTypes([
        {
            resourceType: network.NetworkSecurityGroup,
            // Rule by rule: an unknown rule during preview does not hide a known open one.
            findViolations: (props) => checkParts(eachElement(props, "", "securityRules").map((rule) => () => ruleMessages(rule))),
        },
        {
            resourceType: network.SecurityRule,
            findViolations: (props) => ruleMessages({ path: "securityRule", value: props }),
        },
        // The classic provider names its NSG and rule fields as ARM does.
        {
            resourceType: CLASSIC.network.NetworkSecurityGroup,
            findViolations: (props) => eachElement(props, "", "securityRules").flatMap(ruleMessages),
        },
        {
            resourceType: CLASSIC.network.NetworkSecurityRule,
            findViolations: (props) => ruleMessages({ path: "securityRule", value: props }),
        },
        { resourceType: network.AdminRule, findViolations: adminRuleMessages },
        { resourceType: batch.Pool, findViolations: natPoolMessages },
    ]),
};

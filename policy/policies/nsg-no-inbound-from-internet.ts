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
import * as network from "@pulumi/azure-native/network";
import { asList, eachElement, equalsIgnoreCase, field, LocatedValue } from "../lib/props";
import { validateResourcesOfTypes } from "../lib/resource-types";

/** Source prefixes that mean "any address"; service tags and CIDRs compare case-insensitively in ARM. */
const ANY_SOURCE = ["*", "Internet", "0.0.0.0/0", "::/0"];

/**
 * Fails closed on rules with a missing or odd direction or access: only an explicit Outbound or Deny rule
 * is exempt, since ARM would reject the rule anyway and the policy must not pass it by accident.
 */
function isInboundAllow(rule: unknown): boolean {
    return !equalsIgnoreCase(field(rule, "direction"), "Outbound") && !equalsIgnoreCase(field(rule, "access"), "Deny");
}

function openSources(rule: unknown): string[] {
    const sources = [field(rule, "sourceAddressPrefix"), ...asList(field(rule, "sourceAddressPrefixes"))];
    return sources.filter(
        (source): source is string => typeof source === "string" && ANY_SOURCE.some((any) => equalsIgnoreCase(source, any)),
    );
}

function ruleMessages({ path, value: rule }: LocatedValue): string[] {
    const sources = isInboundAllow(rule) ? openSources(rule) : [];
    return sources.map((source) => `${path}: allows inbound traffic from "${source}"; allow only specific admin CIDRs.`);
}

export const nsgNoInboundFromInternet: ResourceValidationPolicy = {
    name: "nsg-no-inbound-from-internet",
    description: "Network security groups and security rules must not allow inbound traffic from *, Internet, 0.0.0.0/0 or ::/0.",
    enforcementLevel: "mandatory",
    severity: "critical",
    validateResource: validateResourcesOfTypes([
        {
            resourceType: network.NetworkSecurityGroup,
            findViolations: (props) => eachElement(props, "", "securityRules").flatMap(ruleMessages),
        },
        {
            resourceType: network.SecurityRule,
            findViolations: (props) => ruleMessages({ path: "securityRule", value: props }),
        },
    ]),
};

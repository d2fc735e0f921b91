import { isPrivateRange, parseIpv4Ranges } from "./ip-ranges";
import { InputPropertyError } from "./input-property-error";

/**
 * How a PaaS service (storage account, Key Vault) is reached from outside the farm's network.
 *
 * Builders always use the private endpoint. An operator's workstation or CI runner can be let in through the
 * service firewall by listing its public addresses; with an empty list the public endpoint is switched off.
 */
export interface PublicEndpointAccess {
    /** `Disabled` unless at least one admin range is listed. */
    readonly publicNetworkAccess: "Enabled" | "Disabled";
    /** Firewall entries in the form both services accept: a bare address for /32, CIDR otherwise. */
    readonly allowedIpRules: readonly string[];
}

export function publicEndpointAccess(allowedIpRanges: readonly string[], argumentName: string): PublicEndpointAccess {
    const ranges = parseIpv4Ranges(allowedIpRanges, argumentName);
    ranges.forEach((range, index) => {
        const text = allowedIpRanges[index];
        // Storage and Key Vault firewalls only see public source addresses; private ones never match.
        if (isPrivateRange(range)) {
            throw new InputPropertyError(
                `${argumentName}[${index}]`,
                `${argumentName}[${index}]: "${text}" is a private range; service firewalls only filter public addresses, use the private endpoint instead`,
            );
        }
        // Storage IP rules accept neither /31 nor /32 (a /32 must be written as a bare address).
        if (range.prefixLength === 31) {
            throw new InputPropertyError(
                `${argumentName}[${index}]`,
                `${argumentName}[${index}]: "${text}": Azure Storage does not accept /31 ranges; list the two addresses`,
            );
        }
    });
    return {
        publicNetworkAccess: ranges.length > 0 ? "Enabled" : "Disabled",
        allowedIpRules: allowedIpRanges.map((text) => text.replace(/\/32$/, "")),
    };
}

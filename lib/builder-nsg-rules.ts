/**
 * The builder subnet's network security rules, as data.
 *
 * They follow what a Fedora builder talks to (fedora-infra/ansible roles/koji_builder): kojid pulls work from the hub, so
 * nothing needs to reach a builder; everything a builder talks to is HTTPS (hub, kojipkgs, the KdcProxy for
 * Kerberos, src.fedoraproject.org and pagure.io for git and lookaside, Fedora mirrors), plus plain HTTP that
 * some mirrors still serve, and NTP. Fedora's own builder firewall drops all other outbound traffic
 * (roles/base/templates/nftables/nftables.kojibuilder, OUTPUT policy drop), and so do these rules.
 *
 * Azure DNS, IMDS (managed identity tokens) and the platform address 168.63.129.16 are not subject to NSG
 * rules unless a rule names the AzurePlatformDNS/IMDS/LKM tags, so the deny-all rules below leave them alone.
 * The `Internet` tag covers Azure's public ranges too, so Entra ID and Azure endpoints need no rule of their
 * own; storage and Key Vault are reached through private endpoints.
 */

/** One NSG rule, in the shape `network.NetworkSecurityGroup` takes in `securityRules`. */
export interface BuilderSecurityRule {
    readonly name: string;
    readonly description: string;
    readonly priority: number;
    readonly direction: "Inbound" | "Outbound";
    readonly access: "Allow" | "Deny";
    readonly protocol: "Tcp" | "Udp" | "*";
    readonly sourceAddressPrefix?: string;
    readonly sourceAddressPrefixes?: string[];
    readonly sourcePortRange: "*";
    readonly destinationAddressPrefix: string;
    readonly destinationPortRange: string;
}

/** Outbound traffic to the internet a builder needs: Fedora's endpoints (hub, kojipkgs, KdcProxy, dist-git, pagure) are HTTPS. */
export const BUILDER_INTERNET_EGRESS = [
    { name: "allow-https-out", protocol: "Tcp", port: "443", why: "Koji hub, kojipkgs, id.fedoraproject.org/KdcProxy, src/pkgs.fedoraproject.org, pagure.io, mirrors" },
    { name: "allow-http-out", protocol: "Tcp", port: "80", why: "Fedora mirrors that serve plain HTTP (metalink redirects)" },
    { name: "allow-ntp-out", protocol: "Udp", port: "123", why: "NTP (Fedora's builder firewall allows it: fedora-infra/ansible roles/base/templates/nftables/nftables.kojibuilder)" },
] as const;

export interface BuilderRuleInputs {
    /** The builder subnet: the only destination inbound SSH may reach. */
    readonly builderSubnetPrefix: string;
    /** The private-endpoint subnet: storage and Key Vault over HTTPS. */
    readonly privateEndpointSubnetPrefix: string;
    /** Sources allowed to SSH in. Empty means no inbound rule at all. */
    readonly adminSshSourceCidrs: readonly string[];
}

/** Priorities: allows from 100 in steps of 10, the catch-all denies last, leaving room for operators' rules. */
const FIRST_ALLOW_PRIORITY = 100;
const DENY_ALL_PRIORITY = 4096;

export function builderSecurityRules(inputs: BuilderRuleInputs): BuilderSecurityRule[] {
    const inbound: BuilderSecurityRule[] = [];
    if (inputs.adminSshSourceCidrs.length > 0) {
        inbound.push({
            name: "allow-ssh-from-admins",
            description: "SSH for administration only; Koji needs no inbound connection (builders poll the hub)",
            priority: FIRST_ALLOW_PRIORITY,
            direction: "Inbound",
            access: "Allow",
            protocol: "Tcp",
            sourceAddressPrefixes: [...inputs.adminSshSourceCidrs],
            sourcePortRange: "*",
            destinationAddressPrefix: inputs.builderSubnetPrefix,
            destinationPortRange: "22",
        });
    }
    inbound.push(denyAll("Inbound", "Nothing reaches a builder, not even from inside the network (overrides AllowVnetInBound)"));

    const outbound: BuilderSecurityRule[] = [
        {
            name: "allow-private-endpoints-out",
            description: "Artifact store and Key Vault through their private endpoints",
            priority: FIRST_ALLOW_PRIORITY,
            direction: "Outbound",
            access: "Allow",
            protocol: "Tcp",
            sourceAddressPrefix: inputs.builderSubnetPrefix,
            sourcePortRange: "*",
            destinationAddressPrefix: inputs.privateEndpointSubnetPrefix,
            destinationPortRange: "443",
        },
        ...BUILDER_INTERNET_EGRESS.map((egress, index): BuilderSecurityRule => ({
            name: egress.name,
            description: egress.why,
            priority: FIRST_ALLOW_PRIORITY + 10 * (index + 1),
            direction: "Outbound",
            access: "Allow",
            protocol: egress.protocol,
            sourceAddressPrefix: inputs.builderSubnetPrefix,
            sourcePortRange: "*",
            destinationAddressPrefix: "Internet",
            destinationPortRange: egress.port,
        })),
        denyAll("Outbound", "Everything a builder does not need (overrides AllowVnetOutBound and AllowInternetOutBound)"),
    ];
    return [...inbound, ...outbound];
}

function denyAll(direction: "Inbound" | "Outbound", description: string): BuilderSecurityRule {
    return {
        name: `deny-all-${direction.toLowerCase()}`,
        description,
        priority: DENY_ALL_PRIORITY,
        direction,
        access: "Deny",
        protocol: "*",
        sourceAddressPrefix: "*",
        sourcePortRange: "*",
        destinationAddressPrefix: "*",
        destinationPortRange: "*",
    };
}

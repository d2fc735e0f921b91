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
    {
        name: "allow-https-out",
        protocol: "Tcp",
        port: "443",
        why: "Koji hub, kojipkgs, id.fedoraproject.org/KdcProxy, src/pkgs.fedoraproject.org, pagure.io, mirrors",
    },
    { name: "allow-http-out", protocol: "Tcp", port: "80", why: "Fedora mirrors that serve plain HTTP (metalink redirects)" },
    {
        name: "allow-ntp-out",
        protocol: "Udp",
        port: "123",
        why: "NTP (Fedora's builder firewall allows it: fedora-infra/ansible roles/base/templates/nftables/nftables.kojibuilder)",
    },
] as const;

export interface BuilderRuleInputs {
    /** The builder subnet: the only destination inbound SSH may reach. */
    readonly builderSubnet: string;
    /** The private-endpoint subnet: storage and Key Vault over HTTPS. */
    readonly endpointSubnet: string;
    /** The package cache's subnet and port: the builders' first topurl. */
    readonly cacheSubnet: string;
    readonly packageCachePort: number;
    /** Sources allowed to SSH in. Empty means no inbound rule at all. */
    readonly adminSourceCidrs: readonly string[];
}

/** Priorities: allows from 100 in steps of 10, the catch-all denies last, leaving room for operators' rules. */
const FIRST_ALLOW_PRIORITY = 100;
const DENY_ALL_PRIORITY = 4096;

export function builderSecurityRules(inputs: BuilderRuleInputs): BuilderSecurityRule[] {
    const inbound: BuilderSecurityRule[] = [];
    if (inputs.adminSourceCidrs.length > 0) {
        inbound.push({
            name: "allow-ssh-from-admins",
            description: "SSH for administration only; Koji needs no inbound connection (builders poll the hub)",
            priority: FIRST_ALLOW_PRIORITY,
            direction: "Inbound",
            access: "Allow",
            protocol: "Tcp",
            sourceAddressPrefixes: [...inputs.adminSourceCidrs],
            sourcePortRange: "*",
            destinationAddressPrefix: inputs.builderSubnet,
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
            sourceAddressPrefix: inputs.builderSubnet,
            sourcePortRange: "*",
            destinationAddressPrefix: inputs.endpointSubnet,
            destinationPortRange: "443",
        },
        {
            name: "allow-package-cache-out",
            description: "The package cache's load balancer: kojid's first topurl",
            priority: FIRST_ALLOW_PRIORITY + 5,
            direction: "Outbound",
            access: "Allow",
            protocol: "Tcp",
            sourceAddressPrefix: inputs.builderSubnet,
            sourcePortRange: "*",
            destinationAddressPrefix: inputs.cacheSubnet,
            destinationPortRange: String(inputs.packageCachePort),
        },
        ...BUILDER_INTERNET_EGRESS.map((egress, index): BuilderSecurityRule => ({
            name: egress.name,
            description: egress.why,
            priority: FIRST_ALLOW_PRIORITY + 10 * (index + 1),
            direction: "Outbound",
            access: "Allow",
            protocol: egress.protocol,
            sourceAddressPrefix: inputs.builderSubnet,
            sourcePortRange: "*",
            destinationAddressPrefix: "Internet",
            destinationPortRange: egress.port,
        })),
        denyAll("Outbound", "Everything a builder does not need (overrides AllowVnetOutBound and AllowInternetOutBound)"),
    ];
    return [...inbound, ...outbound];
}

export interface PackageCacheRuleInputs {
    readonly cacheSubnet: string;
    readonly packageCachePort: number;
    /** The builder subnet: the only clients. */
    readonly builderSubnet: string;
    readonly adminSourceCidrs: readonly string[];
}

/**
 * The package cache's subnet: builders (and the load balancer's probe, from the `AzureLoadBalancer` tag, which the
 * deny-all would otherwise block) reach the cache's port and nothing else comes in; the cache reaches its origins
 * over HTTP(S) through the NAT gateway, and nothing else goes out.
 */
export function packageCacheSecurityRules(inputs: PackageCacheRuleInputs): BuilderSecurityRule[] {
    const toCache = (
        name: string,
        description: string,
        priority: number,
        source: { sourceAddressPrefix?: string; sourceAddressPrefixes?: string[] },
        port: string,
    ): BuilderSecurityRule => ({
        name,
        description,
        priority,
        direction: "Inbound",
        access: "Allow",
        protocol: "Tcp",
        ...source,
        sourcePortRange: "*",
        destinationAddressPrefix: inputs.cacheSubnet,
        destinationPortRange: port,
    });
    const port = String(inputs.packageCachePort);
    return [
        toCache("allow-builders-in", "Builders fetch packages from the cache", FIRST_ALLOW_PRIORITY, { sourceAddressPrefix: inputs.builderSubnet }, port),
        toCache(
            "allow-lb-probe-in",
            "The load balancer's health probe (overridden by the deny-all otherwise)",
            FIRST_ALLOW_PRIORITY + 10,
            { sourceAddressPrefix: "AzureLoadBalancer" },
            port,
        ),
        ...(inputs.adminSourceCidrs.length > 0
            ? [
                  toCache(
                      "allow-ssh-from-admins",
                      "SSH for administration only",
                      FIRST_ALLOW_PRIORITY + 20,
                      { sourceAddressPrefixes: [...inputs.adminSourceCidrs] },
                      "22",
                  ),
              ]
            : []),
        denyAll("Inbound", "Nothing else reaches the cache (overrides AllowVnetInBound)"),
        ...BUILDER_INTERNET_EGRESS.map((egress, index): BuilderSecurityRule => ({
            name: egress.name,
            description: egress.name === "allow-ntp-out" ? egress.why : "The cache's origins (kojipkgs)",
            priority: FIRST_ALLOW_PRIORITY + 10 * index,
            direction: "Outbound",
            access: "Allow",
            protocol: egress.protocol,
            sourceAddressPrefix: inputs.cacheSubnet,
            sourcePortRange: "*",
            destinationAddressPrefix: "Internet",
            destinationPortRange: egress.port,
        })),
        denyAll("Outbound", "Everything the cache does not need (overrides AllowVnetOutBound and AllowInternetOutBound)"),
    ];
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

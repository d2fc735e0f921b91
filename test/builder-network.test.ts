import { beforeAll, describe, expect, it } from "vitest";
import { installPulumiMocks, promiseOf, PulumiMocks } from "./helpers/pulumi-mocks";
import { BuilderNetwork } from "../components/builder-network";
import { planBuilderNetwork } from "../lib/builder-network-plan";
import { builderSecurityRules, packageCacheSecurityRules } from "../lib/builder-nsg-rules";
import { offlineState } from "../scripts/plan/offline-state";

const LAYOUT = { builderSubnet: "10.60.0.0/20", endpointSubnet: "10.60.16.0/27", cacheSubnet: "10.60.17.0/24", packageCachePort: 80 };

describe("builderSecurityRules (pure)", () => {
    const rules = builderSecurityRules({ ...LAYOUT, adminSourceCidrs: [] });
    const inbound = rules.filter((rule) => rule.direction === "Inbound");
    const outboundAllows = rules.filter((rule) => rule.direction === "Outbound" && rule.access === "Allow");

    it("allows nothing inbound when no admin CIDRs are listed", () => {
        expect(inbound).toEqual([expect.objectContaining({ access: "Deny", sourceAddressPrefix: "*", destinationPortRange: "*", protocol: "*" })]);
    });

    it("allows SSH only from the listed admin CIDRs, only to the builder subnet, before the inbound deny", () => {
        const withAdmins = builderSecurityRules({ ...LAYOUT, adminSourceCidrs: ["203.0.113.7/32", "198.51.100.0/28"] });
        const ssh = withAdmins.filter((rule) => rule.direction === "Inbound" && rule.access === "Allow");
        expect(ssh).toEqual([
            expect.objectContaining({
                protocol: "Tcp",
                destinationPortRange: "22",
                sourceAddressPrefixes: ["203.0.113.7/32", "198.51.100.0/28"],
                destinationAddressPrefix: "10.60.0.0/20",
            }),
        ]);
        const deny = withAdmins.find((rule) => rule.direction === "Inbound" && rule.access === "Deny");
        expect(ssh[0].priority).toBeLessThan(deny!.priority);
    });

    it("allows outbound only HTTPS/HTTP/NTP to the internet, HTTPS to the private endpoints and the cache's port", () => {
        expect(outboundAllows.map((rule) => [rule.protocol, rule.destinationPortRange, rule.destinationAddressPrefix])).toEqual([
            ["Tcp", "443", "10.60.16.0/27"],
            ["Tcp", "80", "10.60.17.0/24"],
            ["Tcp", "443", "Internet"],
            ["Tcp", "80", "Internet"],
            ["Udp", "123", "Internet"],
        ]);
        for (const rule of outboundAllows) {
            expect(rule.sourceAddressPrefix).toBe("10.60.0.0/20");
        }
    });

    it("denies all other outbound traffic with the lowest-precedence custom rule", () => {
        const deny = rules.find((rule) => rule.direction === "Outbound" && rule.access === "Deny")!;
        expect(deny).toMatchObject({ protocol: "*", destinationAddressPrefix: "*", destinationPortRange: "*", priority: 4096 });
        expect(Math.max(...outboundAllows.map((rule) => rule.priority))).toBeLessThan(deny.priority);
    });

    it("gives every rule a unique name and, per direction, a unique priority", () => {
        expect(new Set(rules.map((rule) => rule.name)).size).toBe(rules.length);
        for (const direction of ["Inbound", "Outbound"]) {
            const priorities = rules.filter((rule) => rule.direction === direction).map((rule) => rule.priority);
            expect(new Set(priorities).size).toBe(priorities.length);
        }
    });
});

describe("packageCacheSecurityRules (pure)", () => {
    const rules = packageCacheSecurityRules({ ...LAYOUT, adminSourceCidrs: [] });
    const allows = (direction: string) =>
        rules
            .filter((rule) => rule.direction === direction && rule.access === "Allow")
            .map((rule) => [rule.sourceAddressPrefix ?? rule.sourceAddressPrefixes, rule.destinationAddressPrefix, rule.destinationPortRange]);

    it("lets in only the builders and the load balancer's probe, on the cache's port", () => {
        expect(allows("Inbound")).toEqual([
            ["10.60.0.0/20", "10.60.17.0/24", "80"],
            ["AzureLoadBalancer", "10.60.17.0/24", "80"],
        ]);
        expect(rules.filter((rule) => rule.direction === "Inbound").at(-1)).toMatchObject({ access: "Deny", priority: 4096, sourceAddressPrefix: "*" });
    });

    it("lets the cache out only to the internet's HTTP(S) and NTP", () => {
        expect(allows("Outbound")).toEqual([
            ["10.60.17.0/24", "Internet", "443"],
            ["10.60.17.0/24", "Internet", "80"],
            ["10.60.17.0/24", "Internet", "123"],
        ]);
    });

    it("opens SSH only to listed admin networks", () => {
        const withAdmins = packageCacheSecurityRules({ ...LAYOUT, adminSourceCidrs: ["203.0.113.7/32"] });
        expect(withAdmins.find((rule) => rule.destinationPortRange === "22")).toMatchObject({
            sourceAddressPrefixes: ["203.0.113.7/32"],
            destinationAddressPrefix: "10.60.17.0/24",
        });
    });
});

describe("planBuilderNetwork (pure)", () => {
    it("fills in defaults: one egress IP, no SSH", () => {
        const plan = planBuilderNetwork({});
        expect(plan).toMatchObject({ addressSpace: "10.20.0.0/16", egress: { publicIpCount: 1 } });
        expect(plan.securityRules.some((rule) => rule.destinationPortRange === "22")).toBe(false);
    });

    it.each([
        [{ builderSubnet: "10.61.0.0/20" }, /builderSubnet: 10.61.0.0\/20 is outside addressSpace 10.20.0.0\/16/],
        [{ endpointSubnet: "10.20.0.0/24" }, /endpointSubnet: 10.20.0.0\/24 overlaps builderSubnet 10.20.0.0\/20/],
        [{ endpointSubnet: "10.20.16.0/30" }, /endpointSubnet: 10.20.16.0\/30 is smaller than Azure.s smallest subnet, \/29/],
        [{ addressSpace: "10.60.0.1/16" }, /host bits set; did you mean 10.60.0.0\/16/],
        [{ adminSourceCidrs: ["203.0.113.300"] }, /adminSourceCidrs\[0\]/],
        [{ adminSourceCidrs: ["203.0.113.0/24", "0.0.0.0/0"] }, /adminSourceCidrs\[1\]: 0.0.0.0\/0 would open SSH/],
        [{ egress: { publicIpCount: 17 } }, /1 to 16/],
        [{ egress: { publicIpCount: 0 } }, /1 to 16/],
        [{ egress: { publicIpPrefixLength: 27 } }, /\/28 to \/31/],
        [{ egress: { publicIpCount: 2, publicIpPrefixLength: 30 } as never }, /not both/],
        [{ zones: ["4"] }, /"4" is not an availability zone/],
        [{ builderSubnet: "10.20.0.0/29", zones: ["1", "2"] }, /split over 2 zones gives 10.20.0.0\/30, which is smaller than Azure.s smallest subnet, \/29/],
    ])("rejects %j", (bad, message) => {
        expect(() => planBuilderNetwork({ ...bad })).toThrow(message);
    });
});

describe("BuilderNetwork (mocked)", () => {
    let mocks: PulumiMocks;
    let net: BuilderNetwork;

    beforeAll(async () => {
        // The plan's offline Azure, with addresses of the test's own: the egress outputs must list each one, in order.
        mocks = installPulumiMocks({
            stateFor: (args) => {
                const state = offlineState(args);
                if (args.type === "azure-native:network:PublicIPAddress") return { ...state, ipAddress: `192.0.2.${args.name.slice(-1)}` };
                if (args.type === "azure-native:network:PublicIPPrefix") return { ...state, ipPrefix: "198.51.100.4/30" };
                return state;
            },
        });
        net = new BuilderNetwork(
            "farm",
            { resourceGroupName: "rg", egress: { publicIpCount: 2 }, adminSourceCidrs: ["203.0.113.7/32"] },
            mocks.recordingOptions,
        );
        await mocks.settled();
    });

    it("parents every child to the component", () => {
        expect(mocks.topLevel().map((resource) => resource.type)).toEqual(["buildfarm:network:BuilderNetwork"]);
    });

    it("puts the builders behind the NAT gateway and NSG, with default outbound access off", () => {
        const builders = mocks.ofType("azure-native:network:Subnet").find((subnet) => subnet.inputs.subnetName === "builders")!;
        expect(builders.inputs).toMatchObject({
            addressPrefix: "10.20.0.0/20",
            defaultOutboundAccess: false,
            natGateway: { id: "farm-nat-id" },
            networkSecurityGroup: { id: "farm-builders-id" },
        });
        const endpoints = mocks.ofType("azure-native:network:Subnet").find((subnet) => subnet.inputs.subnetName === "private-endpoints")!;
        expect(endpoints.inputs).toMatchObject({ addressPrefix: "10.20.16.0/24", defaultOutboundAccess: false });
    });

    it("gives the NAT gateway the requested number of static Standard IPv4 addresses and exports them", async () => {
        const ips = mocks.ofType("azure-native:network:PublicIPAddress");
        expect(ips).toHaveLength(2);
        for (const ip of ips) {
            expect(ip.inputs).toMatchObject({ sku: { name: "Standard" }, publicIPAllocationMethod: "Static", publicIPAddressVersion: "IPv4" });
        }
        expect(mocks.single("azure-native:network:NatGateway").inputs.publicIpAddresses).toEqual([{ id: "farm-egress-1-id" }, { id: "farm-egress-2-id" }]);
        expect(await promiseOf(net.egressAddresses)).toEqual(["192.0.2.1", "192.0.2.2"]);
    });

    it("sends the planned rules to the builders' NSG and the cache's", () => {
        const plan = planBuilderNetwork({ adminSourceCidrs: ["203.0.113.7/32"] });
        const rulesOf = (nsgName: string) =>
            mocks.ofType("azure-native:network:NetworkSecurityGroup").find((nsg) => nsg.name === nsgName)!.inputs.securityRules;
        expect(rulesOf("farm-builders")).toEqual(plan.securityRules.map((rule) => expect.objectContaining(rule)));
        expect(rulesOf("farm-package-cache")).toEqual(plan.packageCacheSecurityRules.map((rule) => expect.objectContaining(rule)));
    });

    it("creates the blob and Key Vault private DNS zones and links both to the VNet without auto-registration", () => {
        expect(mocks.ofType("azure-native:privatedns:PrivateZone").map((zone) => zone.inputs.privateZoneName)).toEqual([
            "privatelink.blob.core.windows.net",
            "privatelink.vaultcore.azure.net",
        ]);
        const links = mocks.ofType("azure-native:privatedns:VirtualNetworkLink");
        expect(links.map((link) => link.inputs)).toEqual([
            expect.objectContaining({
                privateZoneName: "privatelink.blob.core.windows.net",
                virtualNetwork: { id: "farm-vnet-id" },
                registrationEnabled: false,
            }),
            expect.objectContaining({ privateZoneName: "privatelink.vaultcore.azure.net", virtualNetwork: { id: "farm-vnet-id" }, registrationEnabled: false }),
        ]);
    });

    it("exports the subnet and zone ids a pool and the store need", async () => {
        expect(Object.keys(net.builderSubnetIds)).toEqual(["regional"]);
        expect(await promiseOf(net.builderSubnetIds.regional)).toBe("farm-builders-id");
        expect(await promiseOf(net.privateEndpointSubnetId)).toBe("farm-endpoints-id");
        expect(await promiseOf(net.blobPrivateDnsZoneId)).toBe("farm-blob-dns-id");
        expect(await promiseOf(net.vaultPrivateDnsZoneId)).toBe("farm-vault-dns-id");
    });

    it("uses a public IP prefix instead when asked, and exports it", async () => {
        const prefixed = new BuilderNetwork("prefixed", { resourceGroupName: "rg", egress: { publicIpPrefixLength: 30 } }, mocks.recordingOptions);
        await mocks.settled();
        const prefix = mocks.single("azure-native:network:PublicIPPrefix");
        expect(prefix.inputs).toMatchObject({ prefixLength: 30, sku: { name: "Standard" }, publicIPAddressVersion: "IPv4" });
        expect(mocks.ofType("azure-native:network:NatGateway").find((nat) => nat.name === "prefixed-nat")!.inputs.publicIpPrefixes).toEqual([
            { id: "prefixed-egress-id" },
        ]);
        expect(mocks.ofType("azure-native:network:PublicIPAddress").filter((ip) => ip.name.startsWith("prefixed"))).toEqual([]);
        expect(await promiseOf(prefixed.egressAddresses)).toEqual(["198.51.100.4/30"]);
    });

    it("builds one zonal stack per zone: a subnet carved from the builder range, its NAT gateway and its zonal IPs", async () => {
        const zonal = new BuilderNetwork("zonal", { resourceGroupName: "rg", zones: ["3", "1", "2"], egress: { publicIpCount: 2 } }, mocks.recordingOptions);
        await mocks.settled();
        const subnets = mocks.ofType("azure-native:network:Subnet").filter((subnet) => subnet.name.startsWith("zonal-builders"));
        expect(subnets.map((subnet) => [subnet.inputs.subnetName, subnet.inputs.addressPrefix, subnet.inputs.natGateway])).toEqual([
            ["builders-z1", "10.20.0.0/22", { id: "zonal-nat-z1-id" }],
            ["builders-z2", "10.20.4.0/22", { id: "zonal-nat-z2-id" }],
            ["builders-z3", "10.20.8.0/22", { id: "zonal-nat-z3-id" }],
        ]);
        const nats = mocks.ofType("azure-native:network:NatGateway").filter((nat) => nat.name.startsWith("zonal-"));
        expect(nats.map((nat) => [nat.name, nat.inputs.zones, nat.inputs.publicIpAddresses])).toEqual([
            ["zonal-nat-z1", ["1"], [{ id: "zonal-egress-z1-1-id" }, { id: "zonal-egress-z1-2-id" }]],
            ["zonal-nat-z2", ["2"], [{ id: "zonal-egress-z2-1-id" }, { id: "zonal-egress-z2-2-id" }]],
            ["zonal-nat-z3", ["3"], [{ id: "zonal-egress-z3-1-id" }, { id: "zonal-egress-z3-2-id" }]],
        ]);
        // A zonal NAT gateway takes public IPs of its own zone.
        for (const ip of mocks.ofType("azure-native:network:PublicIPAddress").filter((each) => each.name.startsWith("zonal-"))) {
            expect(ip.inputs.zones, ip.name).toEqual([ip.name.match(/-z(\d)-/)![1]]);
        }
        expect(Object.keys(zonal.builderSubnetIds)).toEqual(["1", "2", "3"]);
        // Each zone's cache subnet leaves through the same zone's NAT gateway, behind the cache's NSG.
        const caches = mocks.ofType("azure-native:network:Subnet").filter((subnet) => subnet.name.startsWith("zonal-package-cache"));
        expect(
            caches.map((subnet) => [subnet.inputs.subnetName, subnet.inputs.addressPrefix, subnet.inputs.natGateway, subnet.inputs.networkSecurityGroup]),
        ).toEqual([
            ["package-cache-z1", "10.20.17.0/26", { id: "zonal-nat-z1-id" }, { id: "zonal-package-cache-id" }],
            ["package-cache-z2", "10.20.17.64/26", { id: "zonal-nat-z2-id" }, { id: "zonal-package-cache-id" }],
            ["package-cache-z3", "10.20.17.128/26", { id: "zonal-nat-z3-id" }, { id: "zonal-package-cache-id" }],
        ]);
        expect(zonal.packageCacheSubnetPrefixes).toEqual({ 1: "10.20.17.0/26", 2: "10.20.17.64/26", 3: "10.20.17.128/26" });
        expect(await promiseOf(zonal.egressAddresses)).toHaveLength(6);
        // Each subnet waits for the one before it: ARM refuses concurrent subnet writes in one VNet.
        const endpoints = mocks.ofType("azure-native:network:Subnet").find((subnet) => subnet.name === "zonal-endpoints")!;
        expect(endpoints.opts.dependsOn).toHaveLength(1);
    });

    it("throws before registering anything when the arguments are wrong", async () => {
        const before = (await mocks.settled()).length;
        expect(() => new BuilderNetwork("bad", { resourceGroupName: "rg", builderSubnet: "10.0.0.0/20" }, mocks.recordingOptions)).toThrow(
            /is outside addressSpace/,
        );
        expect((await mocks.settled()).length).toBe(before);
    });
});

import { beforeAll, describe, expect, it } from "vitest";
import { BuilderPool, BuilderPoolArgs } from "../components/builder-pool";
import { parseUserData } from "./helpers/builder-settings";
import { installPulumiMocks, promiseOf, PulumiMocks } from "./helpers/pulumi-mocks";

const SSH_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEhmK6v0Ae0QUzSDsR2w9OoeUj1jXwVs5jYxK9fHnTQ5 admin@example.org";

export const SPOT_POOL: BuilderPoolArgs = {
    resourceGroupName: "farm-rg",
    tags: { project: "koji-v3", owner: "farm-admins" },
    vmSizes: ["Standard_D16as_v5", "Standard_D16s_v5", "Standard_E16as_v5"],
    minCount: 2,
    maxCount: 40,
    spot: { regularBaseCount: 2, regularPercentAboveBase: 10 },
    autoscale: { busyWindows: [{ name: "mass-rebuild", days: ["Saturday"], start: "06:00", end: "20:00", minCount: 20 }] },
    subnetResourceIds: { regional: "builder-subnet-id" },
    identity: { resourceId: "identity-id", clientId: "11111111-2222-3333-4444-555555555555" },
    storageBlobEndpoint: "https://farmstore.blob.core.windows.net/",
    keyVaultUri: "https://farmvault.vault.azure.net/",
    koji: {
        hubUrl: "https://koji.fedoraproject.org/kojihub",
        topUrls: ["https://kojipkgs.fedoraproject.org/"],
        auth: { kind: "kerberos", realm: "FEDORAPROJECT.ORG", kdcProxyUrl: "https://id.fedoraproject.org/KdcProxy" },
        hostDomain: "az.fedoraproject.org",
    },
    adminSshPublicKey: SSH_KEY,
};

describe("BuilderPool (mocked)", () => {
    let mocks: PulumiMocks;
    let pool: BuilderPool;
    let vmss: Record<string, any>;
    let profile: Record<string, any>;

    beforeAll(async () => {
        mocks = installPulumiMocks();
        pool = new BuilderPool("v3spot", SPOT_POOL, mocks.recordingOptions);
        await mocks.settled();
        vmss = mocks.single("azure-native:compute:VirtualMachineScaleSet").inputs;
        profile = vmss.virtualMachineProfile;
    });

    it("is one Flexible scale set and one autoscale setting", () => {
        expect(mocks.ofType("azure-native:compute:VirtualMachineScaleSet")).toHaveLength(1);
        expect(vmss).toMatchObject({ orchestrationMode: "Flexible", platformFaultDomainCount: 1, singlePlacementGroup: false, resourceGroupName: "farm-rg" });
        expect(vmss.tags).toEqual({ project: "koji-v3", owner: "farm-admins", "buildfarm-minimum-level": "x86-64-v3" });
    });

    it("asks for an instance mix of the three v3 sizes", () => {
        expect(vmss.sku).toEqual({ name: "Mix", capacity: 2 });
        expect(vmss.skuProfile).toEqual({ allocationStrategy: "LowestPrice", vmSizes: SPOT_POOL.vmSizes.map((name) => ({ name })) });
        expect(pool.sizes.map((size) => size.level)).toEqual(["x86-64-v3", "x86-64-v4", "x86-64-v3"]);
        expect(profile.storageProfile.osDisk.diffDiskSettings).toBeUndefined();
        expect(profile.storageProfile.osDisk.managedDisk).toEqual({ storageAccountType: "Premium_LRS" });
        expect(profile.storageProfile.diskControllerType).toBe("SCSI");
    });

    it("runs Spot with Delete eviction, an on-demand price cap and a regular base", () => {
        expect(profile).toMatchObject({ priority: "Spot", evictionPolicy: "Delete", billingProfile: { maxPrice: -1 } });
        expect(vmss.priorityMixPolicy).toEqual({ baseRegularPriorityCount: 2, regularPriorityPercentageAboveBase: 10 });
    });

    it("boots Fedora Cloud x64 from Fedora's community gallery with Trusted Launch", () => {
        expect(profile.storageProfile.imageReference.communityGalleryImageId).toMatch(
            /^\/CommunityGalleries\/Fedora-5e266ba4-2250-406d-adad-5d73860d958f\/Images\/Fedora-Cloud-\d+-x64\/Versions\/latest$/,
        );
        expect(profile.securityProfile).toEqual({ securityType: "TrustedLaunch", uefiSettings: { secureBootEnabled: true, vTpmEnabled: true } });
    });

    it("gives sizes without a local disk a managed OS disk and a mock data disk", () => {
        expect(profile.storageProfile.osDisk).toMatchObject({ createOption: "FromImage", diskSizeGB: 64, deleteOption: "Delete" });
        expect(profile.storageProfile.osDisk.diffDiskSettings).toBeUndefined();
        expect(profile.storageProfile.dataDisks).toEqual([expect.objectContaining({ lun: 0, createOption: "Empty", diskSizeGB: 300, deleteOption: "Delete" })]);
        expect(profile.storageProfile.diskControllerType).toBe("SCSI");
    });

    it("attaches the builders' identity, in the v3 array shape", () => {
        expect(vmss.identity).toEqual({ type: "UserAssigned", userAssignedIdentities: ["identity-id"] });
    });

    it("puts NICs in the builder subnet with accelerated networking and no public IP", () => {
        const [nic] = profile.networkProfile.networkInterfaceConfigurations;
        expect(nic).toMatchObject({ primary: true, enableAcceleratedNetworking: true, deleteOption: "Delete" });
        expect(nic.ipConfigurations).toEqual([{ name: "ipconfig", primary: true, subnet: { id: "builder-subnet-id" } }]);
        expect(JSON.stringify(profile.networkProfile)).not.toContain("publicIPAddressConfiguration");
    });

    it("lets only the admin's SSH key in", () => {
        const { osProfile } = profile;
        expect(osProfile.adminPassword).toBeUndefined();
        expect(osProfile.linuxConfiguration).toMatchObject({
            disablePasswordAuthentication: true,
            ssh: { publicKeys: [{ path: "/home/kojiadmin/.ssh/authorized_keys", keyData: SSH_KEY }] },
        });
    });

    it("asks for no terminate notification on a Spot pool, which Azure refuses, and one on a regular pool", async () => {
        expect(profile.scheduledEventsProfile).toBeUndefined();
        const regular = installPulumiMocks();
        new BuilderPool("regular", { ...SPOT_POOL, spot: undefined }, regular.recordingOptions);
        await regular.settled();
        expect(regular.single("azure-native:compute:VirtualMachineScaleSet").inputs.virtualMachineProfile.scheduledEventsProfile).toEqual({
            terminateNotificationProfile: { enable: true, notBeforeTimeout: "PT10M" },
        });
    });

    it("probes each builder's health endpoint and replaces VMs that stay unhealthy, after a grace no shorter than the builder's", () => {
        expect(profile.extensionProfile.extensions).toEqual([
            {
                name: "HealthExtension",
                publisher: "Microsoft.ManagedServices",
                type: "ApplicationHealthLinux",
                typeHandlerVersion: "2.0",
                autoUpgradeMinorVersion: true,
                settings: { protocol: "http", port: 8089, requestPath: "/health", intervalInSeconds: 10, numberOfProbes: 3, gracePeriod: 1200 },
            },
        ]);
        expect(vmss.automaticRepairsPolicy).toEqual({ enabled: true, gracePeriod: "PT20M", repairAction: "Replace" });
        const { file } = parseUserData(Buffer.from(profile.osProfile.customData, "base64").toString());
        expect(file("/etc/koji-builder/builder.env")).toContain("KOJI_HEALTH_GRACE_SECONDS=1200\n");
    });

    it("passes mock's dnf command to the builders", async () => {
        const dnf5 = installPulumiMocks();
        new BuilderPool("dnf5", { ...SPOT_POOL, koji: { ...SPOT_POOL.koji, mockDnfCommand: "/usr/bin/dnf5" } }, dnf5.recordingOptions);
        await dnf5.settled();
        const customData = dnf5.single("azure-native:compute:VirtualMachineScaleSet").inputs.virtualMachineProfile.osProfile.customData;
        const { file } = parseUserData(Buffer.from(customData, "base64").toString());
        expect(file("/etc/mock/site-defaults.cfg")).toContain(`config_opts['dnf_command'] = "/usr/bin/dnf5"\n`);
    });

    it("lets autoscale own the instance count", () => {
        const options = mocks.single("azure-native:compute:VirtualMachineScaleSet").opts;
        expect(options.ignoreChanges).toEqual(["sku.capacity"]);
        const autoscale = mocks.single("azure-native:monitor:AutoscaleSetting").inputs;
        expect(autoscale.targetResourceUri).toBe("v3spot-vmss-id");
        expect(autoscale.profiles.map((p: { name: string }) => p.name)).toEqual(["cpu", "mass-rebuild", "mass-rebuild-end"]);
        expect(autoscale.profiles[0].capacity).toEqual({ minimum: "2", maximum: "40", default: "2" });
    });

    it("starts with no VM and autoscale off until the pool is enabled, so nothing boots before its secrets exist", async () => {
        expect(mocks.single("azure-native:monitor:AutoscaleSetting").inputs.enabled).toBe(true);
        const gated = installPulumiMocks();
        new BuilderPool("gated", { ...SPOT_POOL, enabled: false }, gated.recordingOptions);
        await gated.settled();
        expect(gated.single("azure-native:compute:VirtualMachineScaleSet").inputs.sku).toEqual({ name: "Mix", capacity: 0 });
        expect(gated.single("azure-native:monitor:AutoscaleSetting").inputs).toMatchObject({ enabled: false });
    });

    it("hands the builder's cloud-init as custom data, for the smallest size and its own slots", () => {
        const userData = Buffer.from(profile.osProfile.customData, "base64").toString("utf8");
        expect(userData.startsWith("#cloud-config\n")).toBe(true);
        const { config, file } = parseUserData(userData);
        expect(config.packages).toContain("koji-builder");
        expect(file("/etc/kojid/kojid.conf")).toMatch(/^maxjobs = 25$/m);
        expect(file("/etc/koji-builder/slots").trim().split("\n")).toHaveLength(40);
        expect(file("/etc/koji-builder/slots")).toContain("v3spot-040 v3spot-040.az.fedoraproject.org koji-v3spot-040");
        expect(userData).not.toMatch(/BEGIN (RSA |OPENSSH )?PRIVATE KEY|keytab:\s*\S{40,}/);
    });

    it("outputs the scale set and the slots' Koji host names", async () => {
        expect(await promiseOf(pool.scaleSetIds[0])).toBe("v3spot-vmss-id");
        expect(pool.hostNames).toHaveLength(40);
        expect(pool.hostNames[0]).toBe("v3spot-001.az.fedoraproject.org");
        expect(pool.slotIds[39]).toBe("v3spot-040");
    });
});

describe("BuilderPool over zones", () => {
    it("runs one scale set per zone, each in its zone's subnet, with the pool's counts split evenly", async () => {
        const mocks = installPulumiMocks();
        const zonal = new BuilderPool(
            "zonal",
            {
                ...SPOT_POOL,
                minCount: 4,
                maxCount: 40,
                zones: ["1", "2", "3"],
                spot: { regularBaseCount: 2, regularPercentAboveBase: 10 },
                subnetResourceIds: { 1: "subnet-z1", 2: "subnet-z2", 3: "subnet-z3" },
            },
            mocks.recordingOptions,
        );
        await mocks.settled();
        const sets = mocks.ofType("azure-native:compute:VirtualMachineScaleSet");
        expect(sets.map((set) => set.name)).toEqual(["zonal-z1-vmss", "zonal-z2-vmss", "zonal-z3-vmss"]);
        expect(sets.map((set) => set.inputs.zones)).toEqual([["1"], ["2"], ["3"]]);
        expect(sets.map((set) => set.inputs.virtualMachineProfile.networkProfile.networkInterfaceConfigurations[0].ipConfigurations[0].subnet.id)).toEqual([
            "subnet-z1",
            "subnet-z2",
            "subnet-z3",
        ]);
        expect(sets.map((set) => set.inputs.sku.capacity)).toEqual([2, 1, 1]);
        expect(sets.map((set) => set.inputs.priorityMixPolicy.baseRegularPriorityCount)).toEqual([1, 1, 0]);
        const autoscale = mocks.ofType("azure-native:monitor:AutoscaleSetting");
        expect(autoscale.map((setting) => [setting.name, setting.inputs.profiles[0].capacity.minimum, setting.inputs.profiles[0].capacity.maximum])).toEqual([
            ["zonal-z1-autoscale", "2", "14"],
            ["zonal-z2-autoscale", "1", "13"],
            ["zonal-z3-autoscale", "1", "13"],
        ]);
        // The busy window's floor of 20 is split too: 7 + 7 + 6.
        expect(autoscale.map((setting) => setting.inputs.profiles[1].capacity.minimum)).toEqual(["7", "7", "6"]);
        // Every scale set claims from the pool's one set of 40 slots.
        for (const set of sets) {
            const { file } = parseUserData(Buffer.from(set.inputs.virtualMachineProfile.osProfile.customData, "base64").toString("utf8"));
            expect(file("/etc/koji-builder/slots").trim().split("\n")).toHaveLength(40);
        }
        expect(zonal.scaleSetIds).toHaveLength(3);
    });

    it("puts a regional pool of a zonal farm in the first zone's subnet", async () => {
        const mocks = installPulumiMocks();
        new BuilderPool("regional", { ...SPOT_POOL, subnetResourceIds: { 1: "subnet-z1", 2: "subnet-z2" } }, mocks.recordingOptions);
        await mocks.settled();
        const set = mocks.single("azure-native:compute:VirtualMachineScaleSet");
        expect(set.inputs.zones).toBeUndefined();
        expect(set.inputs.virtualMachineProfile.networkProfile.networkInterfaceConfigurations[0].ipConfigurations[0].subnet.id).toBe("subnet-z1");
    });
});

describe("BuilderPool refuses a wrong pool before registering anything", () => {
    it("fails on a non-v3 size in an instance mix, and no resource exists", async () => {
        const mocks = installPulumiMocks();
        expect(
            () => new BuilderPool("bad", { ...SPOT_POOL, vmSizes: ["Standard_D16as_v5", "Standard_D16_v3", "Standard_D4ps_v6"] }, mocks.recordingOptions),
        ).toThrow(/^builder pool "bad": Standard_D4ps_v6 is not allowed \(arm64\)/);
        expect(() => new BuilderPool("bad2", { ...SPOT_POOL, vmSizes: ["Standard_A4_v2"] }, mocks.recordingOptions)).toThrow(
            /Standard_A4_v2 is not allowed \(below-minimum-level\)/,
        );
        expect(await mocks.settled()).toEqual([]);
    });
});

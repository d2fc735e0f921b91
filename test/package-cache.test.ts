/**
 * The package cache: its plan (pure), its VMs' user data (cloud-init's schema, systemd-analyze verify on its
 * units) and the component's resources under mocks. The nginx configuration itself runs for real in
 * test/package-cache-nginx.test.ts.
 */
import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PackageCache } from "../components/package-cache";
import { CACHE_DIR, renderPackageCacheCloudInit } from "../lib/package-cache/cloud-init";
import { cacheFrontendAddress, PackageCachePlanError, planPackageCache } from "../lib/package-cache/plan";
import { parseUserData } from "./helpers/builder-settings";
import { itWithTools, run } from "./helpers/host-tools";
import { installPulumiMocks, PulumiMocks, RecordedResource } from "./helpers/pulumi-mocks";
import { unitRoot, verifyUnits } from "./helpers/unit-root";

const work = mkdtempSync(path.join(tmpdir(), "package-cache-test-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const ORIGINS = ["https://kojipkgs.fedoraproject.org/", "https://kojipkgs01.fedoraproject.org"];

describe("planPackageCache (pure)", () => {
    it("defaults to two regular v3 VMs with Premium SSD, regional", () => {
        const plan = planPackageCache({});
        expect(plan).toMatchObject({
            vmSize: "Standard_D4as_v5",
            level: "x86-64-v3",
            count: 2,
            scaleSets: [{ zone: undefined, count: 2 }],
            osDisk: { storageAccountType: "Premium_LRS" },
            dataDisk: { lun: 0, sizeGb: 512, storageAccountType: "Premium_LRS" },
            maxCacheSizeGb: 460,
            port: 80,
            diskControllerType: "SCSI",
        });
        expect(plan.health.extension.settings).toMatchObject({ protocol: "http", port: 80, requestPath: "/_cache/health" });
    });

    it("puts a scale set in every zone, one VM each at least", () => {
        expect(planPackageCache({ zones: ["3", "1", "2"] }).scaleSets).toEqual([
            { zone: "1", count: 1 },
            { zone: "2", count: 1 },
            { zone: "3", count: 1 },
        ]);
        expect(planPackageCache({ zones: ["1", "2"], count: 5 }).scaleSets.map((scaleSet) => scaleSet.count)).toEqual([3, 2]);
    });

    it.each([
        [{ count: 1 }, "count", /count must be a whole number from 2 to 10, got 1/],
        [{ count: 2, zones: ["1", "2", "3"] }, "count", /count \(2\) is below the number of zones \(3\)/],
        [{ zones: ["4"] }, "zones", /zone "4" is not an availability zone/],
        [{ diskSizeGb: 40_000 }, "diskSizeGb", /diskSizeGb must be a whole number of GiB from 32 to 32767, got 40000/],
        [{ vmSize: "Standard_D4pds_v5" }, "vmSize", /Standard_D4pds_v5 is not allowed/],
        [{ vmSize: "Standard_D4_v3" }, "vmSize", /Standard_D4_v3 takes no Premium SSD/],
        [{ vmSize: "Standard_D16as_v5", minimumLevel: "x86-64-v4" as const }, "vmSize", /Standard_D16as_v5 is not allowed/],
    ])("refuses %j, naming the setting", (input, property, message) => {
        let thrown: unknown;
        try {
            planPackageCache(input);
        } catch (error) {
            thrown = error;
        }
        expect(thrown).toBeInstanceOf(PackageCachePlanError);
        expect((thrown as PackageCachePlanError).propertyPath).toBe(property);
        expect((thrown as Error).message).toMatch(message);
        expect((thrown as Error).message).not.toContain("\n");
    });

    it("puts the load balancer at the last usable address of the first cache subnet", () => {
        expect(cacheFrontendAddress("10.20.17.0/26")).toBe("10.20.17.62");
        expect(cacheFrontendAddress("10.20.17.0/24")).toBe("10.20.17.254");
        expect(cacheFrontendAddress("192.168.255.248/29")).toBe("192.168.255.254");
    });
});

describe("the cache VM's user data", () => {
    const userData = renderPackageCacheCloudInit({ origins: ORIGINS, listenPort: 80, dataDiskLun: 0, maxSizeGb: 460 });
    const { config, file } = parseUserData(userData);

    itWithTools(["cloud-init"], "is valid per cloud-init schema", () => {
        const target = path.join(work, "cache-user-data.yaml");
        writeFileSync(target, userData);
        const result = run("cloud-init", ["schema", "--config-file", target]);
        expect(result.stdout + result.stderr).toContain("Valid cloud-config");
        expect(result.status).toBe(0);
    });

    it("installs nginx and serves the rendered configuration from the data disk", () => {
        expect(config.packages).toEqual(["nginx", "nftables", "policycoreutils-python-utils"]);
        expect(config.fs_setup).toEqual([expect.objectContaining({ device: "/dev/disk/azure/data/by-lun/0", filesystem: "xfs", overwrite: false })]);
        expect(config.mounts).toEqual([["/dev/disk/azure/data/by-lun/0", CACHE_DIR, "xfs", "defaults,nofail", "0", "2"]]);
        const nginx = file("/etc/nginx/nginx.conf");
        expect(nginx).toContain(`proxy_cache_path ${CACHE_DIR} `);
        expect(nginx).toContain("max_size=460g");
        expect(nginx).toContain('set $origin_host "kojipkgs01.fedoraproject.org";');
        // Written after the package's own copy.
        expect(config.write_files.find((entry) => entry.path === "/etc/nginx/nginx.conf")).toMatchObject({ defer: true });
    });

    it("closes IMDS to everything but the platform, and never runs nginx without its disk", () => {
        expect(file("/etc/koji-builder/egress.nft")).toContain("169.254.169.254");
        const dropIn = file("/etc/systemd/system/nginx.service.d/50-koji-package-cache.conf");
        expect(dropIn).toContain(`RequiresMountsFor=${CACHE_DIR}`);
        expect(dropIn).toContain("Requires=koji-egress-guard.service");
        expect(config.runcmd.at(-1)).toEqual(["systemctl", "enable", "--now", "nginx.service"]);
        expect(config.runcmd).toContainEqual(["setsebool", "-P", "httpd_can_network_relay", "on"]);
    });

    itWithTools(["systemd-analyze"], "passes systemd-analyze verify, with Fedora's nginx unit", () => {
        const root = path.join(work, "cache-root");
        const units = unitRoot(root, userData, {
            // Fedora's nginx.service (src.fedoraproject.org/rpms/nginx, nginx.service).
            packagedUnits: {
                "nginx.service": [
                    "[Unit]",
                    "Description=The nginx HTTP and reverse proxy server",
                    "After=network-online.target remote-fs.target nss-lookup.target",
                    "Wants=network-online.target",
                    "",
                    "[Service]",
                    "Type=forking",
                    "PIDFile=/run/nginx.pid",
                    "ExecStartPre=/usr/bin/rm -f /run/nginx.pid",
                    "ExecStartPre=/usr/sbin/nginx -t",
                    "ExecStart=/usr/sbin/nginx",
                    "ExecReload=/usr/sbin/nginx -s reload",
                    "KillSignal=SIGQUIT",
                    "TimeoutStopSec=5",
                    "KillMode=mixed",
                    "PrivateTmp=true",
                    "",
                    "[Install]",
                    "WantedBy=multi-user.target",
                    "",
                ].join("\n"),
            },
            binaries: ["usr/sbin/nginx", "usr/sbin/nft", "usr/bin/install", "usr/bin/rm"],
        });
        const { status, unexpected } = verifyUnits(root, units);
        expect(unexpected).toEqual([]);
        expect(status).toBe(0);
    });

    it("refuses an origin nginx could not be given", () => {
        expect(() => renderPackageCacheCloudInit({ origins: ["kojipkgs"], listenPort: 80, dataDiskLun: 0, maxSizeGb: 460 })).toThrow(
            /origins\[0\]: "kojipkgs" is not a URL/,
        );
    });
});

describe("PackageCache (mocked)", () => {
    let mocks: PulumiMocks;
    let cache: PackageCache;
    let balancer: RecordedResource;
    let scaleSets: RecordedResource[];

    beforeAll(async () => {
        mocks = installPulumiMocks();
        cache = new PackageCache(
            "cache",
            {
                resourceGroupName: "farm",
                location: "eastus2",
                tags: { project: "koji-v3" },
                zones: ["1", "2"],
                origins: ORIGINS,
                subnetResourceIds: { 1: "cache-z1-subnet-id", 2: "cache-z2-subnet-id" },
                subnetPrefixes: { 1: "10.20.17.0/25", 2: "10.20.17.128/25" },
                adminSshPublicKey: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAICcf5LVXSwc0EiXehmhSSXSf1iNdtRSZ5tLNlK36+ucc admin@example.org",
            },
            mocks.recordingOptions,
        );
        await mocks.settled();
        balancer = mocks.single("azure-native:network:LoadBalancer");
        scaleSets = mocks.ofType("azure-native:compute:VirtualMachineScaleSet");
    });

    it("parents every child to the component", () => {
        expect(mocks.topLevel().map((resource) => resource.type)).toEqual(["buildfarm:cache:PackageCache"]);
    });

    it("fronts the cache with an internal Standard load balancer at a fixed, zone-redundant address", () => {
        expect(cache.url).toBe("http://10.20.17.126");
        expect(balancer.inputs.sku).toEqual({ name: "Standard", tier: "Regional" });
        expect(balancer.inputs.frontendIPConfigurations).toEqual([
            expect.objectContaining({
                privateIPAddress: "10.20.17.126",
                privateIPAllocationMethod: "Static",
                subnet: { id: "cache-z1-subnet-id" },
                zones: ["1", "2"],
            }),
        ]);
        expect(balancer.inputs.frontendIPConfigurations[0].publicIPAddress).toBeUndefined();
        expect(balancer.inputs.probes).toEqual([
            expect.objectContaining({ protocol: "Http", port: 80, requestPath: "/_cache/health", intervalInSeconds: 5, probeThreshold: 2 }),
        ]);
        const [rule] = balancer.inputs.loadBalancingRules;
        expect(rule).toMatchObject({ protocol: "Tcp", frontendPort: 80, backendPort: 80, enableTcpReset: true, idleTimeoutInMinutes: 30 });
        expect(rule.backendAddressPool.id).toMatch(/\/loadBalancers\/cache-lb\/backendAddressPools\/cache$/);
        expect(rule.probe.id).toMatch(/\/loadBalancers\/cache-lb\/probes\/cache-health$/);
    });

    it("runs one regular scale set per zone in its zone's subnet, in the balancer's pool, with no identity or public IP", () => {
        expect(scaleSets.map((scaleSet) => [scaleSet.name, scaleSet.inputs.zones, scaleSet.inputs.sku])).toEqual([
            ["cache-z1-vmss", ["1"], { name: "Standard_D4as_v5", capacity: 1 }],
            ["cache-z2-vmss", ["2"], { name: "Standard_D4as_v5", capacity: 1 }],
        ]);
        for (const [index, scaleSet] of scaleSets.entries()) {
            const profile = scaleSet.inputs.virtualMachineProfile;
            expect(scaleSet.inputs.identity).toBeUndefined();
            expect(profile.priority).toBe("Regular");
            const [ipConfiguration] = profile.networkProfile.networkInterfaceConfigurations[0].ipConfigurations;
            expect(ipConfiguration.subnet).toEqual({ id: `cache-z${index + 1}-subnet-id` });
            expect(ipConfiguration.publicIPAddressConfiguration).toBeUndefined();
            expect(ipConfiguration.loadBalancerBackendAddressPools[0].id).toBe(balancer.inputs.loadBalancingRules[0].backendAddressPool.id);
            expect(profile.osProfile.linuxConfiguration.disablePasswordAuthentication).toBe(true);
            expect(profile.securityProfile.securityType).toBe("TrustedLaunch");
            expect(profile.storageProfile.dataDisks).toEqual([
                expect.objectContaining({ lun: 0, diskSizeGB: 512, managedDisk: { storageAccountType: "Premium_LRS" } }),
            ]);
            expect(profile.extensionProfile.extensions[0]).toMatchObject({
                type: "ApplicationHealthLinux",
                settings: { port: 80, requestPath: "/_cache/health" },
            });
            expect(scaleSet.inputs.automaticRepairsPolicy).toMatchObject({ enabled: true, repairAction: "Replace" });
            const userData = Buffer.from(profile.osProfile.customData, "base64").toString("utf8");
            expect(parseUserData(userData).file("/etc/nginx/nginx.conf")).toContain('set $origin_host "kojipkgs.fedoraproject.org";');
        }
    });
});

/**
 * The dev stack and a few realistic stacks, built for real under mocks: every scale set the farm registers is
 * read back from its registered inputs (not from the pool plan) and checked against Azure's pool rules, so the
 * wiring cannot send what the plan refused.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { BuildFarm } from "../components/build-farm";
import { azureRuleViolations, ScaleSetRequest } from "../lib/azure-pool-rules";
import { FEDORA_CLOUD_DISK_CONTROLLERS } from "../lib/builder-pool-plan";
import { FarmConfig, parseStackConfig, rawConfigFromStackFile } from "../lib/stack-config";
import { findSize, VmSize } from "../policy/catalog";
import { offlineResourceId, offlineState } from "../scripts/plan/offline-state";
import { installPulumiMocks } from "./helpers/pulumi-mocks";

/** The plan's offline Azure: the vault URI, endpoints and ARM-shaped ids the farm reads back. */
const offlineAzure = () => installPulumiMocks({ stateFor: offlineState, idFor: offlineResourceId });

const DEV = parse(readFileSync(path.join(__dirname, "..", "Pulumi.dev.yaml"), "utf8"));

/** The dev stack's configuration with other pools. */
function stackWith(pools: unknown[], extra: Record<string, unknown> = {}): FarmConfig {
    const parsed = parseStackConfig(rawConfigFromStackFile({ config: { ...DEV.config, "buildfarm:pools": pools, "buildfarm:vcpuBudget": 5000, ...extra } }));
    if (!parsed.ok) throw new Error(parsed.errors.map((error) => `${error.key}: ${error.message}`).join("\n"));
    return parsed.config;
}

const STACKS: Record<string, () => FarmConfig> = {
    dev: () => stackWith(DEV.config["buildfarm:pools"], { "buildfarm:buildersEnabled": true }),
    "AVX-512 pool beside a v3 Spot mix": () =>
        stackWith([
            { name: "avx512", vmSizes: ["Standard_D16s_v5", "Standard_E16s_v5"], minimumLevel: "x86-64-v4", maxCount: 10, zones: ["1", "2"], minCount: 2 },
            {
                name: "spot",
                vmSizes: ["Standard_D32as_v5", "Standard_E32as_v5"],
                maxCount: 30,
                spot: true,
                regularBaseCount: 2,
                zones: ["1", "2"],
                minCount: 2,
            },
        ]),
    "local-disk builders, ephemeral OS, constrained memory size": () =>
        stackWith([
            { name: "local", vmSizes: ["Standard_D16ads_v5"], maxCount: 8 },
            { name: "mem", vmSizes: ["Standard_E16-4ads_v5"], maxCount: 4, mockDisk: "data-disk" },
            { name: "old-amd", vmSizes: ["Standard_D16as_v4", "Standard_D8as_v4"], maxCount: 6, spot: true },
        ]),
};

/** What a registered scale set asks Azure for, read from its inputs alone. */
function requestFromInputs(logicalName: string, inputs: Record<string, any>): ScaleSetRequest {
    const profile = inputs.virtualMachineProfile;
    const names: string[] = inputs.sku.name === "Mix" ? inputs.skuProfile.vmSizes.map((size: { name: string }) => size.name) : [inputs.sku.name];
    const osDisk = profile.storageProfile.osDisk;
    return {
        poolName: logicalName.replace(/(-z\d)?-vmss$/, ""),
        sizes: names.map((name) => findSize(name) as VmSize),
        spot: profile.priority === "Spot",
        evictionPolicy: profile.evictionPolicy,
        terminateNotification: profile.scheduledEventsProfile?.terminateNotificationProfile?.enable === true,
        osDisk: osDisk.diffDiskSettings
            ? { kind: "ephemeral", sizeGb: osDisk.diskSizeGB, placement: osDisk.diffDiskSettings.placement }
            : { kind: "managed", sizeGb: osDisk.diskSizeGB },
        securityType: profile.securityProfile.securityType,
        acceleratedNetworking: profile.networkProfile.networkInterfaceConfigurations[0].enableAcceleratedNetworking,
        diskControllerType: profile.storageProfile.diskControllerType,
        imageDiskControllers: FEDORA_CLOUD_DISK_CONTROLLERS,
        computerNamePrefix: profile.osProfile.computerNamePrefix,
    };
}

describe("the farm's scale sets obey Azure's pool rules", () => {
    it.each(Object.keys(STACKS))("%s", async (stack) => {
        const mocks = offlineAzure();
        new BuildFarm("buildfarm", { config: STACKS[stack]() }, mocks.recordingOptions);
        await mocks.settled();
        const scaleSets = mocks.ofType("azure-native:compute:VirtualMachineScaleSet");
        expect(scaleSets.length).toBeGreaterThan(0);
        for (const scaleSet of scaleSets) {
            const request = requestFromInputs(scaleSet.name, scaleSet.inputs);
            expect(
                request.sizes.every((size) => size !== undefined),
                scaleSet.name,
            ).toBe(true);
            expect(
                azureRuleViolations(request).map((violation) => violation.message),
                scaleSet.name,
            ).toEqual([]);
        }
    });

    it("gives the v4 pool's scale sets the stricter level tag, and the Spot ones no terminate notification", async () => {
        const mocks = offlineAzure();
        new BuildFarm("buildfarm", { config: STACKS["AVX-512 pool beside a v3 Spot mix"]() }, mocks.recordingOptions);
        await mocks.settled();
        const byName = new Map(mocks.ofType("azure-native:compute:VirtualMachineScaleSet").map((set) => [set.name, set.inputs]));
        // The package cache's scale sets (one per zone) come first: the pools depend on the cache.
        expect([...byName.keys()]).toEqual([
            "buildfarm-cache-z1-vmss",
            "buildfarm-cache-z2-vmss",
            "avx512-z1-vmss",
            "avx512-z2-vmss",
            "spot-z1-vmss",
            "spot-z2-vmss",
        ]);
        expect(byName.get("buildfarm-cache-z1-vmss")!.tags["buildfarm-minimum-level"]).toBe("x86-64-v3");
        expect(byName.get("avx512-z1-vmss")!.tags["buildfarm-minimum-level"]).toBe("x86-64-v4");
        expect(byName.get("spot-z2-vmss")!.tags["buildfarm-minimum-level"]).toBe("x86-64-v3");
        expect(byName.get("spot-z1-vmss")!.virtualMachineProfile.scheduledEventsProfile).toBeUndefined();
        expect(byName.get("avx512-z1-vmss")!.virtualMachineProfile.scheduledEventsProfile.terminateNotificationProfile.enable).toBe(true);
    });
});

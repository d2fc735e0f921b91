import { describe, expect, it } from "vitest";
import { findSize, VmSize } from "../policy/catalog";
import {
    AZURE_POOL_RULES,
    azureRuleViolations,
    diskControllersOf,
    localDiskKind,
    MAX_POOL_NAME_LENGTH,
    nvmeCapacityGib,
    ScaleSetRequest,
} from "../lib/azure-pool-rules";

const size = (name: string): VmSize => {
    const found = findSize(name);
    if (found === undefined) throw new Error(`${name} is not in the size table`);
    return found;
};

/** A request every rule accepts: one diskless v5 size, regular, managed OS disk over SCSI. */
const CLEAN: ScaleSetRequest = {
    poolName: "builders",
    sizes: [size("Standard_D16as_v5")],
    spot: false,
    terminateNotification: true,
    osDisk: { kind: "managed", sizeGb: 64 },
    securityType: "TrustedLaunch",
    acceleratedNetworking: true,
    diskControllerType: "SCSI",
    imageDiskControllers: ["SCSI"],
    computerNamePrefix: "builders",
};
const sizes = (...names: string[]) => ({ sizes: names.map(size) });

/** For each rule, a request that keeps it and one that breaks it, both otherwise clean. */
const CASES: Record<string, { readonly keeps: Partial<ScaleSetRequest>; readonly breaks: Partial<ScaleSetRequest> }> = {
    "instance-mix-size-count": {
        keeps: sizes("Standard_D2as_v5", "Standard_D4as_v5", "Standard_D8as_v5", "Standard_D16as_v5", "Standard_D32as_v5"),
        breaks: sizes("Standard_D2as_v5", "Standard_D4as_v5", "Standard_D8as_v5", "Standard_D16as_v5", "Standard_D32as_v5", "Standard_D48as_v5"),
    },
    "instance-mix-families": {
        keeps: sizes("Standard_D16as_v5", "Standard_E16as_v5"),
        breaks: sizes("Standard_D16as_v5", "Standard_E16bs_v5"),
    },
    "instance-mix-architecture": {
        keeps: sizes("Standard_D16as_v5", "Standard_D16s_v5"),
        breaks: sizes("Standard_D16as_v5", "Standard_D16ps_v5"),
    },
    "instance-mix-storage-interface": {
        keeps: sizes("Standard_D16as_v5", "Standard_D16s_v5"),
        breaks: { ...sizes("Standard_D16as_v5", "Standard_D16as_v6"), imageDiskControllers: ["SCSI", "NVMe"] },
    },
    "instance-mix-local-disk": {
        keeps: sizes("Standard_D16as_v5", "Standard_E16as_v5"),
        // The dev stack's first mix: Dasv4 has a temp disk although its name has no d.
        breaks: sizes("Standard_D16as_v5", "Standard_D16as_v4"),
    },
    "instance-mix-premium-storage": {
        keeps: sizes("Standard_D16_v5", "Standard_D16a_v4"),
        breaks: sizes("Standard_D16_v5", "Standard_D16s_v5"),
    },
    "instance-mix-no-diff-disk": {
        keeps: sizes("Standard_D16ads_v5", "Standard_D8ads_v5"),
        breaks: { ...sizes("Standard_D16ads_v5", "Standard_D8ads_v5"), osDisk: { kind: "ephemeral", sizeGb: 30, placement: "ResourceDisk" } },
    },
    "spot-no-terminate-notification": {
        keeps: { spot: true, evictionPolicy: "Delete", terminateNotification: false },
        breaks: { spot: true, evictionPolicy: "Delete", terminateNotification: true },
    },
    "spot-no-b-series": {
        keeps: { ...sizes("Standard_B16as_v2"), spot: false },
        breaks: { ...sizes("Standard_B16as_v2"), spot: true, evictionPolicy: "Delete", terminateNotification: false },
    },
    "spot-eviction-delete": {
        keeps: { spot: true, evictionPolicy: "Delete", terminateNotification: false },
        breaks: { spot: true, evictionPolicy: "Deallocate", terminateNotification: false },
    },
    "ephemeral-os-supported": {
        keeps: { ...sizes("Standard_D16ads_v5"), osDisk: { kind: "ephemeral", sizeGb: 30, placement: "ResourceDisk" } },
        breaks: { ...sizes("Standard_D16as_v5"), osDisk: { kind: "ephemeral", sizeGb: 30, placement: "ResourceDisk" } },
    },
    "ephemeral-os-fits": {
        keeps: { ...sizes("Standard_D2ads_v5"), osDisk: { kind: "ephemeral", sizeGb: 30, placement: "ResourceDisk" } },
        // 75 GiB of temp disk cannot hold a 75 GiB OS disk plus Trusted Launch's 1 GiB.
        breaks: { ...sizes("Standard_D2ads_v5"), osDisk: { kind: "ephemeral", sizeGb: 75, placement: "ResourceDisk" } },
    },
    "trusted-launch": {
        keeps: sizes("Standard_D16as_v5"),
        breaks: sizes("Standard_DC16as_v5"),
    },
    gen2: {
        keeps: sizes("Standard_D16as_v5"),
        breaks: { ...sizes("Standard_NC24"), acceleratedNetworking: false },
    },
    "accelerated-networking": {
        keeps: { ...sizes("Standard_D16as_v5"), acceleratedNetworking: true },
        // Av2 sizes of one or two vCPUs have no accelerated networking.
        breaks: { ...sizes("Standard_A1_v2"), acceleratedNetworking: true },
    },
    "disk-controller": {
        keeps: { ...sizes("Standard_D16as_v6"), diskControllerType: "NVMe", imageDiskControllers: ["SCSI", "NVMe"] },
        breaks: { ...sizes("Standard_D16as_v6"), diskControllerType: "NVMe", imageDiskControllers: ["SCSI"] },
    },
    names: {
        keeps: { poolName: "p".repeat(MAX_POOL_NAME_LENGTH) },
        breaks: { poolName: "p".repeat(MAX_POOL_NAME_LENGTH + 1) },
    },
};

const ruleIds = (request: ScaleSetRequest) => azureRuleViolations(request).map((violation) => violation.rule.id);

describe("Azure's pool rules", () => {
    it("accepts the clean request", () => {
        expect(ruleIds(CLEAN)).toEqual([]);
    });

    it("has a passing and a violating case for every rule, and each rule cites a Microsoft Learn page", () => {
        expect(Object.keys(CASES).sort()).toEqual(AZURE_POOL_RULES.map((rule) => rule.id).sort());
        for (const rule of AZURE_POOL_RULES) expect(rule.url, rule.id).toMatch(/^https:\/\/learn\.microsoft\.com\/azure\//);
    });

    it.each(AZURE_POOL_RULES.map((rule) => [rule.id] as const))("%s: keeps the passing case, refuses the violating one", (id) => {
        const { keeps, breaks } = CASES[id];
        expect(ruleIds({ ...CLEAN, ...keeps }), "passing case").not.toContain(id);
        expect(ruleIds({ ...CLEAN, ...breaks }), "violating case").toContain(id);
    });

    it("fails closed on a fact the size page leaves unknown", () => {
        // Dpdsv6's page does not say whether it supports Trusted Launch (Arm64 Cobalt sizes not named one by one).
        const unknownTrustedLaunch = size("Standard_D16pds_v6");
        expect(unknownTrustedLaunch.trustedLaunch).toBeNull();
        const [violation] = azureRuleViolations({ ...CLEAN, sizes: [unknownTrustedLaunch] }).filter((v) => v.rule.id === "trusted-launch");
        expect(violation.message).toMatch(/does not say whether Standard_D16pds_v6 supports Trusted Launch, so it is not assumed/);
    });
});

describe("size facts the rules read", () => {
    it("tells the local disk from the page, not the name", () => {
        expect(localDiskKind(size("Standard_D16as_v4"))).toBe("resource");
        expect(localDiskKind(size("Standard_D16as_v5"))).toBe("none");
        expect(localDiskKind(size("Standard_D16ads_v6"))).toBe("nvme");
        expect(nvmeCapacityGib(size("Standard_D16ads_v6"))).toBe(880);
    });

    it("takes SCSI for sizes whose page names no NVMe support, and NVMe only where the page says so", () => {
        expect(diskControllersOf(size("Standard_D16as_v5"))).toEqual(["SCSI"]);
        expect(diskControllersOf(size("Standard_D16as_v6"))).toEqual(["NVMe"]);
    });
});

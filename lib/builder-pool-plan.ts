/**
 * The decisions behind one builder pool, as a pure function of its settings: which sizes (checked against the
 * catalog), instance mix or single size, Spot and its priority mix, OS and mock disks, disk controller. The
 * `BuilderPool` component only turns this plan into resources, so every rule here is tested without mocks, and
 * a wrong pool fails before any resource is registered.
 *
 * Sources: ../shared/research/pulumi-notes.md section 1 ("Azure rules that bite a spot builder pool") and
 * section 6 (instance mix); the Azure ephemeral OS disk FAQ (learn.microsoft.com/azure/virtual-machines/
 * ephemeral-os-disks-faq: "temp disk placement utilizes space equal to the OS disk size ... NVMe disk placement
 * utilizes the entire NVMe disk").
 */
import { DEFAULT_MINIMUM_LEVEL, MinimumLevel, parseSizeName, ParsedSize, sizeVerdict, SizeVerdict, X86Level } from "../policy/catalog";
import type { MockDiskPlacement } from "./cloud-init";

/** Flexible orchestration's maximum instance count (pulumi-notes.md section 1; Azure scale set limits). */
export const FLEXIBLE_MAX_INSTANCES = 1000;
/** An instance mix takes at most five sizes (pulumi-notes.md section 6). */
export const MAX_MIX_SIZES = 5;
export const ALLOCATION_STRATEGIES = ["LowestPrice", "CapacityOptimized", "Prioritized"] as const;
export type AllocationStrategy = (typeof ALLOCATION_STRATEGIES)[number];
/** Sub-families that only run as confidential VMs, which need a `ConfidentialVM` security profile, not Trusted Launch. */
const CONFIDENTIAL_FAMILIES = new Set(["dc", "ec", "ncc"]);

/**
 * An ephemeral OS disk on the resource disk takes this much of it and leaves the rest as the temp disk
 * (ephemeral OS disk FAQ: 30 GiB OS + 45 GiB temp on Standard_D2ads_v5, whose 75 GiB temp disk is the smallest
 * of the `d` sizes a builder would use). Enough for Fedora Cloud plus koji-builder; mock works elsewhere.
 */
export const EPHEMERAL_OS_DISK_GB = 30;
/** Managed OS disk size, as the research's proposed builder (koji-builders.md section 6: "OS disk 64 GB"). */
export const MANAGED_OS_DISK_GB = 64;
/** Data disk for /var/lib/mock where the size has no local disk: Fedora's buildvms have ~293 GiB (koji-builders.md 1.3). */
export const DEFAULT_MOCK_DATA_DISK_GB = 300;

export interface SpotSettings {
    /** Highest price per VM-hour in USD; -1 means up to the on-demand price (never evicted for price). Default -1. */
    readonly maxPrice?: number;
    /** Regular (non-Spot) VMs kept before any Spot VM: capacity that eviction cannot take. Default 0. */
    readonly regularBaseCount?: number;
    /** Percentage of VMs above the base that are regular, 0 to 100. Default 0 (all Spot above the base). */
    readonly regularPercentAboveBase?: number;
}

export interface PoolPlanInput {
    /** The pool's name: prefix of its resources and of its slots' host names. Required. */
    readonly name: string;
    /** One size, or up to five for an instance mix (Spot capacity from several sizes). Required. */
    readonly vmSizes: readonly string[];
    /** For an instance mix. Default `LowestPrice` (suits Spot; pulumi-notes.md section 6); `Prioritized` ranks in the order given. */
    readonly allocationStrategy?: AllocationStrategy;
    /** Fewest VMs autoscale keeps, at least 1: CPU autoscale scales out from what it measures on running VMs. Required. */
    readonly minCount: number;
    /** Most VMs, at most 1000; also the number of slots (Koji host identities). Required. */
    readonly maxCount: number;
    /** Spot VMs, evicted with `Delete`. Default: absent, every VM regular priority. */
    readonly spot?: SpotSettings;
    /** Availability zones to spread over. Default: none (regional; Flexible spreads over fault domains). */
    readonly zones?: readonly string[];
    /**
     * Default: the local disk when the sizes have one (NVMe or resource disk), else a data disk. `local` asks
     * for the local disk whatever its kind, and fails on sizes without one.
     */
    readonly mockDisk?: MockDiskPlacement | "local";
    /** Size of the mock data disk when `mockDisk` is `data-disk`. Default 300. */
    readonly mockDataDiskSizeGb?: number;
    /** Default `x86-64-v3`. */
    readonly minimumLevel?: MinimumLevel;
    /** Date the size verdicts are for. Default: today. */
    readonly asOf?: Date;
}

export interface PlannedSize {
    readonly name: string;
    readonly level: X86Level;
    readonly vcpus: number;
}

export interface OsDiskPlan {
    readonly kind: "ephemeral" | "managed";
    readonly sizeGb: number;
    /** Where an ephemeral OS disk lives. */
    readonly placement?: "ResourceDisk" | "NvmeDisk";
    /** Managed disk type: Premium SSD when every size is Premium-capable (`s`), else Standard SSD. */
    readonly storageAccountType?: "Premium_LRS" | "StandardSSD_LRS";
}

export interface PoolPlan {
    readonly sizes: readonly PlannedSize[];
    /** `Mix` for an instance mix, else the one size. */
    readonly skuName: string;
    readonly mix?: { readonly allocationStrategy: AllocationStrategy; readonly sizes: readonly { name: string; rank?: number }[] };
    /** The smallest vCPU count of the pool's sizes: kojid's `maxjobs` must fit every VM. */
    readonly minVcpus: number;
    /** The largest: what the vCPU budget counts per VM. */
    readonly maxVcpus: number;
    readonly osDisk: OsDiskPlan;
    readonly mockDisk: MockDiskPlacement;
    readonly mockDataDiskSizeGb?: number;
    /** v6 and newer sizes attach disks over NVMe only; older ones over SCSI. */
    readonly diskControllerType: "NVMe" | "SCSI";
    readonly spot?: Required<SpotSettings>;
}

/** A pool that cannot be built; the message is one line naming the pool, the setting and the fix. */
export class PoolPlanError extends Error {
    constructor(pool: string, message: string) {
        super(`builder pool "${pool}": ${message}`);
        this.name = "PoolPlanError";
    }
}

type LocalDisk = "nvme" | "resource" | "none";

/**
 * The local disk a size has, from the naming grammar: `d` means a local temp disk
 * (vm-naming-conventions.md), NVMe from v6 on, SCSI resource disk before (pulumi-notes.md section 1).
 */
function localDiskOf(size: ParsedSize): LocalDisk {
    if (!size.features.includes("d")) return "none";
    return (size.version ?? 1) >= 6 ? "nvme" : "resource";
}

const controllerOf = (size: ParsedSize): PoolPlan["diskControllerType"] => ((size.version ?? 1) >= 6 ? "NVMe" : "SCSI");

function checkCounts(input: PoolPlanInput, fail: (message: string) => never): void {
    const { minCount, maxCount } = input;
    // Autoscale reads the pool's own CPU: at zero VMs there is no metric, and it would never scale out again.
    if (!Number.isInteger(minCount) || minCount < 1) {
        fail(`minCount must be a whole number >= 1, got ${minCount}: CPU autoscale needs a running builder to measure before it can add more`);
    }
    if (!Number.isInteger(maxCount) || maxCount < 1 || maxCount > FLEXIBLE_MAX_INSTANCES) {
        fail(`maxCount must be a whole number from 1 to ${FLEXIBLE_MAX_INSTANCES} (the Flexible scale set limit), got ${maxCount}`);
    }
    if (minCount > maxCount) fail(`minCount (${minCount}) is above maxCount (${maxCount}); lower minCount or raise maxCount`);
    for (const zone of input.zones ?? []) {
        if (!["1", "2", "3"].includes(zone)) fail(`zone "${zone}" is not an availability zone; use "1", "2" or "3"`);
    }
}

function planSpot(input: PoolPlanInput, fail: (message: string) => never): Required<SpotSettings> | undefined {
    if (input.spot === undefined) return undefined;
    const spot = { maxPrice: -1, regularBaseCount: 0, regularPercentAboveBase: 0, ...input.spot };
    if (spot.maxPrice !== -1 && !(spot.maxPrice > 0)) fail(`spot.maxPrice must be -1 (up to the on-demand price) or a positive USD price, got ${spot.maxPrice}`);
    if (!Number.isInteger(spot.regularBaseCount) || spot.regularBaseCount < 0 || spot.regularBaseCount > input.maxCount) {
        fail(`spot.regularBaseCount must be a whole number from 0 to maxCount (${input.maxCount}), got ${spot.regularBaseCount}`);
    }
    if (!Number.isInteger(spot.regularPercentAboveBase) || spot.regularPercentAboveBase < 0 || spot.regularPercentAboveBase > 100) {
        fail(`spot.regularPercentAboveBase must be a whole number from 0 to 100, got ${spot.regularPercentAboveBase}`);
    }
    return spot;
}

function planDisks(input: PoolPlanInput, parsed: readonly ParsedSize[], fail: (message: string) => never) {
    const localDisk = localDiskOf(parsed[0]);
    const requested = input.mockDisk === "local" && localDisk !== "none" ? localDisk : input.mockDisk;
    const mockDisk = requested ?? (localDisk === "none" ? "data-disk" : localDisk);
    if ((mockDisk === "nvme" || mockDisk === "resource" || mockDisk === "local") && mockDisk !== localDisk) {
        const has = localDisk === "none" ? "no local disk" : `a local ${localDisk === "nvme" ? "NVMe" : "resource"} disk`;
        fail(`mockDisk "${mockDisk}" needs sizes with that local disk, but ${input.vmSizes[0]} has ${has}; use mockDisk "${localDisk === "none" ? "data-disk" : localDisk}"`);
    }
    const premium = parsed.every((size) => size.features.includes("s"));
    const managed: OsDiskPlan = { kind: "managed", sizeGb: MANAGED_OS_DISK_GB, storageAccountType: premium ? "Premium_LRS" : "StandardSSD_LRS" };
    // The OS goes on the local disk only where mock does not need all of it: a resource disk is shared
    // (the OS takes 30 GiB of it), an NVMe disk would be taken whole. CacheDisk placement is never chosen: it
    // depends on each size's cache capacity, which the catalog does not hold, so a wrong guess would fail.
    let osDisk = managed;
    if (localDisk === "resource") {
        osDisk = { kind: "ephemeral", sizeGb: EPHEMERAL_OS_DISK_GB, placement: "ResourceDisk" };
    } else if (localDisk === "nvme" && mockDisk !== "nvme") {
        osDisk = { kind: "ephemeral", sizeGb: EPHEMERAL_OS_DISK_GB, placement: "NvmeDisk" };
    }
    const mockDataDiskSizeGb = mockDisk === "data-disk" ? input.mockDataDiskSizeGb ?? DEFAULT_MOCK_DATA_DISK_GB : undefined;
    if (mockDataDiskSizeGb !== undefined && (!Number.isInteger(mockDataDiskSizeGb) || mockDataDiskSizeGb < 32 || mockDataDiskSizeGb > 32_767)) {
        fail(`mockDataDiskSizeGb must be a whole number of GiB from 32 to 32767, got ${mockDataDiskSizeGb}`);
    }
    return { mockDisk: mockDisk as MockDiskPlacement, osDisk, mockDataDiskSizeGb };
}

export function planBuilderPool(input: PoolPlanInput): PoolPlan {
    const fail = (message: string): never => { throw new PoolPlanError(input.name, message); };
    const sizes = input.vmSizes;
    if (sizes.length === 0) fail("vmSizes is empty; give one size, or up to five for an instance mix");
    if (sizes.length > MAX_MIX_SIZES) fail(`an instance mix takes at most ${MAX_MIX_SIZES} sizes, got ${sizes.length}`);
    const lower = sizes.map((size) => size.toLowerCase());
    const duplicate = lower.find((size, index) => lower.indexOf(size) !== index);
    if (duplicate !== undefined) fail(`vmSizes lists ${duplicate} twice`);
    checkCounts(input, fail);

    const minimumLevel = input.minimumLevel ?? DEFAULT_MINIMUM_LEVEL;
    const verdicts: SizeVerdict[] = sizes.map((size) => sizeVerdict(size, { asOf: input.asOf, minimumLevel }));
    const refused = verdicts.find((verdict) => !verdict.allowed);
    if (refused !== undefined) fail(`${refused.size} is not allowed (${refused.status}): ${refused.reason}`);
    const parsed = sizes.map((size) => {
        const result = parseSizeName(size);
        return result.ok ? result.size : fail(result.error); // allowed sizes always parse
    });

    const confidential = parsed.find((size) => CONFIDENTIAL_FAMILIES.has(size.family));
    if (confidential !== undefined) {
        fail(`${confidential.input} is a confidential VM size, which needs a ConfidentialVM security profile; builders use Trusted Launch, so pick a non-confidential size`);
    }
    // Azure offers no Spot B-series (learn.microsoft.com/azure/virtual-machine-scale-sets/use-spot, "Limitations").
    const burstable = parsed.find((size) => size.family === "b");
    if (input.spot !== undefined && burstable !== undefined) {
        fail(`${burstable.input} is a B-series size, which Azure does not offer as Spot; drop spot or pick another series`);
    }
    // Azure refuses a mix whose sizes differ in storage interface or local disk (pulumi-notes.md section 6).
    for (const [what, key] of [["local disk", localDiskOf], ["disk controller (NVMe from v6 on, SCSI before)", controllerOf]] as const) {
        const kinds = new Set(parsed.map((size) => key(size)));
        if (kinds.size > 1) {
            fail(`the sizes of an instance mix must agree on their ${what}, but ${sizes.join(", ")} do not; pick sizes of one kind (e.g. all v5 "ads" or all v6 "ads")`);
        }
    }

    const allocationStrategy = input.allocationStrategy ?? "LowestPrice";
    if (!ALLOCATION_STRATEGIES.includes(allocationStrategy)) fail(`allocationStrategy must be one of ${ALLOCATION_STRATEGIES.join(", ")}`);
    const planned: PlannedSize[] = verdicts.map((verdict) => ({ name: verdict.size, level: verdict.level as X86Level, vcpus: verdict.vcpus as number }));
    const vcpus = planned.map((size) => size.vcpus);
    return {
        sizes: planned,
        skuName: sizes.length === 1 ? sizes[0] : "Mix",
        mix: sizes.length === 1 ? undefined : {
            allocationStrategy,
            // Prioritized takes the order given as the rank (1 is preferred); the other strategies take no rank.
            sizes: sizes.map((name, index) => (allocationStrategy === "Prioritized" ? { name, rank: index + 1 } : { name })),
        },
        minVcpus: Math.min(...vcpus),
        maxVcpus: Math.max(...vcpus),
        ...planDisks(input, parsed, fail),
        diskControllerType: controllerOf(parsed[0]),
        spot: planSpot(input, fail),
    };
}

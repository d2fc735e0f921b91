/**
 * The decisions behind one builder pool, as a pure function of its settings: which sizes (checked against the
 * catalog), instance mix or single size, Spot and its priority mix, OS and mock disks, disk controller and the
 * scale set's other per-size settings. Every choice is read from the sizes' own rows in the catalog (sizes.tsv),
 * never from the letters of their names, and the resulting scale set is checked against Azure's documented rules
 * (azure-pool-rules.ts). The `BuilderPool` component only turns this plan into resources, so every rule here is
 * tested without mocks, and a wrong pool fails before any resource is registered.
 */
import { DEFAULT_MINIMUM_LEVEL, MinimumLevel, sizeVerdict, SizeVerdict, VmSize, X86Level } from "../policy/catalog";
import { InstanceHealthPlan, planInstanceHealth } from "./instance-health";
import { MAX_SLOTS } from "./slots";
import type { MockDiskPlacement } from "./cloud-init";
import { HEALTH_ENDPOINT } from "./cloud-init/settings";
import {
    azureRuleViolations,
    COMPUTER_NAME_PREFIX_MAX,
    describeViolation,
    DiskController,
    diskControllersOf,
    localDiskKind,
    LocalDiskKind,
    nvmeCapacityGib,
    RuleViolation,
    scaleSetLogicalName,
    ScaleSetRequest,
} from "./azure-pool-rules";
import { InputPropertyError } from "./input-property-error";
import { AVAILABILITY_ZONES } from "./builder-subnets";

/** Flexible orchestration's maximum instance count (learn.microsoft.com/azure/virtual-machine-scale-sets/virtual-machine-scale-sets-orchestration-modes). */
export const FLEXIBLE_MAX_INSTANCES = 1000;
/** A pool's most VMs: one slot each, and slot numbers have three digits (lib/slots.ts), one fewer than Flexible's limit. */
export const MAX_POOL_VMS = Math.min(FLEXIBLE_MAX_INSTANCES, MAX_SLOTS);
export const ALLOCATION_STRATEGIES = ["LowestPrice", "CapacityOptimized", "Prioritized"] as const;
export type AllocationStrategy = (typeof ALLOCATION_STRATEGIES)[number];

/**
 * An ephemeral OS disk takes this much of its local disk and leaves the rest as the temp disk (the ephemeral OS
 * disk FAQ's example: 30 GiB OS + 45 GiB temp on Standard_D2ads_v5). Enough for Fedora Cloud (a 5 GiB image,
 * fedora-kiwi-descriptions teams/cloud/cloud.xml) plus koji-builder; mock works elsewhere.
 */
export const EPHEMERAL_OS_DISK_GB = 30;
/** Managed OS disk size: the 5 GiB image plus packages, logs and kojid's cache, with room to spare. */
export const MANAGED_OS_DISK_GB = 64;
/** Data disk for /var/lib/mock where the size has no local disk: Fedora's buildvm-x86 hosts have about 300 GiB for mock. */
export const DEFAULT_MOCK_DATA_DISK_GB = 300;
/**
 * The disk interfaces Fedora Cloud's gallery image definitions declare. Only SCSI is relied on: no public source
 * read for this project shows Fedora's image definitions listing NVMe in `DiskControllerTypes`, so sizes that attach
 * disks over NVMe only (the v6 and v7 series) are refused with the default image until that is confirmed
 * (README, "NVMe sizes"), rather than failing at `pulumi up`.
 */
export const FEDORA_CLOUD_DISK_CONTROLLERS: readonly DiskController[] = ["SCSI"];

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
    /** For an instance mix. Default `LowestPrice` (the cheapest size with capacity, suits Spot); `Prioritized` ranks in the order given. */
    readonly allocationStrategy?: AllocationStrategy;
    /** Fewest VMs autoscale keeps, at least 1: CPU autoscale scales out from what it measures on running VMs. Required. */
    readonly minCount: number;
    /** Most VMs, at most 999 (`MAX_POOL_VMS`); also the number of slots (Koji host identities). Required. */
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
    /** Accelerated networking on the NICs. Default: on when every size's page says it supports it. */
    readonly acceleratedNetworking?: boolean;
    /** The disk interfaces the image declares. Default `FEDORA_CLOUD_DISK_CONTROLLERS`. */
    readonly imageDiskControllers?: readonly DiskController[];
    /** The level every size must guarantee. Default `x86-64-v3`. */
    readonly minimumLevel?: MinimumLevel;
    /**
     * How long a VM may fail to be a working builder before it asks Azure to replace it, in seconds (60 to 5400).
     * Default 1200 (`DEFAULT_HEALTH_GRACE_SECONDS`): first boot installs packages for several minutes.
     */
    readonly healthGraceSeconds?: number;
    /** Date the size verdicts are for. Default: today. */
    readonly asOf?: Date;
}

/** One of a pool's sizes with what the plan read from the catalog. */
export interface PlannedSize {
    readonly name: string;
    readonly level: X86Level;
    /** Active vCPUs. */
    readonly vcpus: number;
    /** What one VM counts against quota (the parent's vCPUs for a constrained size). */
    readonly quotaVcpus: number;
}

export interface OsDiskPlan {
    readonly kind: "ephemeral" | "managed";
    readonly sizeGb: number;
    /** Where an ephemeral OS disk lives. */
    readonly placement?: "ResourceDisk" | "NvmeDisk";
    /** Managed disk type: Premium SSD when every size supports premium storage, else Standard SSD. */
    readonly storageAccountType?: "Premium_LRS" | "StandardSSD_LRS";
}

/**
 * One scale set of a pool. A pool without zones is one regional scale set; a pool over zones is one scale set
 * per zone, each in its zone's subnet behind its zone's NAT gateway (a "zonal stack",
 * learn.microsoft.com/azure/nat-gateway/nat-availability-zones), with the pool's counts split evenly over them.
 * Every scale set of a pool claims from the same slots.
 */
export interface ScaleSetStack {
    /** The logical resource name of the scale set (`scaleSetLogicalName`). */
    readonly logicalName: string;
    /** Undefined for the regional scale set. */
    readonly zone?: string;
    readonly minCount: number;
    readonly maxCount: number;
    /** This scale set's share of the pool's regular base; the percentage above it is the pool's. */
    readonly spot?: Required<SpotSettings>;
    /** Its place among the pool's scale sets, for `stackShare`. */
    readonly index: number;
    readonly of: number;
}

/** A scale set's share of a count the pool sets as a whole (its counts, a busy window's floor). */
export const stackShare = (poolCount: number, stack: Pick<ScaleSetStack, "index" | "of">): number => splitEvenly(poolCount, stack.of)[stack.index];

export interface PoolPlan {
    readonly sizes: readonly PlannedSize[];
    /** The pool's scale sets: one regional, or one per zone. */
    readonly stacks: readonly ScaleSetStack[];
    /** The level the pool's sizes were checked against. */
    readonly minimumLevel: MinimumLevel;
    /** `Mix` for an instance mix, else the one size. */
    readonly skuName: string;
    readonly mix?: { readonly allocationStrategy: AllocationStrategy; readonly sizes: readonly { name: string; rank?: number }[] };
    /** The smallest vCPU count of the pool's sizes: kojid's `maxjobs` must fit every VM. */
    readonly minVcpus: number;
    /** The largest active vCPU count. */
    readonly maxVcpus: number;
    /** What one VM counts against quota at most: the largest size's quota vCPUs. */
    readonly quotaVcpusPerVm: number;
    readonly osDisk: OsDiskPlan;
    readonly mockDisk: MockDiskPlacement;
    readonly mockDataDiskSizeGb?: number;
    readonly diskControllerType: DiskController;
    readonly acceleratedNetworking: boolean;
    /** Regular pools get a terminate notification (10 minutes to hand work back); Azure refuses one on Spot. */
    readonly terminateNotification: boolean;
    /** The Application Health extension and the automatic repairs policy (lib/instance-health.ts). */
    readonly health: InstanceHealthPlan;
    readonly computerNamePrefix: string;
    readonly spot?: Required<SpotSettings>;
}

/**
 * A pool that cannot be built; the message is one line naming the pool, the setting and the fix. The property
 * path is the pool setting at fault (`vmSizes`, `maxPrice` ...), and `rule` the Azure rule when one is broken.
 */
export class PoolPlanError extends InputPropertyError {
    constructor(
        pool: string,
        message: string,
        property?: string,
        public readonly rule?: RuleViolation["rule"],
    ) {
        super(property ?? "", `builder pool "${pool}": ${message}`, message);
        this.name = "PoolPlanError";
    }
}

type Fail = (message: string, property?: string) => never;

function checkCounts(input: PoolPlanInput, fail: Fail): void {
    const { minCount, maxCount } = input;
    // Autoscale reads the pool's own CPU: at zero VMs there is no metric, and it would never scale out again.
    if (!Number.isInteger(minCount) || minCount < 1) {
        fail(`minCount must be a whole number >= 1, got ${minCount}: CPU autoscale needs a running builder to measure before it can add more`, "minCount");
    }
    if (!Number.isInteger(maxCount) || maxCount < 1 || maxCount > MAX_POOL_VMS) {
        fail(`maxCount must be a whole number from 1 to ${MAX_POOL_VMS} (one three-digit slot per VM), got ${maxCount}`, "maxCount");
    }
    if (minCount > maxCount) fail(`minCount (${minCount}) is above maxCount (${maxCount}); lower minCount or raise maxCount`, "minCount");
    for (const zone of input.zones ?? []) {
        if (!(AVAILABILITY_ZONES as readonly string[]).includes(zone)) fail(`zone "${zone}" is not an availability zone; use "1", "2" or "3"`, "zones");
    }
}

/** `total` split into `parts` counts that differ by at most one, the larger first. */
export function splitEvenly(total: number, parts: number): number[] {
    return Array.from({ length: parts }, (_, index) => Math.floor(total / parts) + (index < total % parts ? 1 : 0));
}

function planStacks(input: PoolPlanInput, spot: Required<SpotSettings> | undefined, fail: Fail): ScaleSetStack[] {
    const zones = input.zones === undefined || input.zones.length === 0 ? [undefined] : [...new Set(input.zones)].sort();
    if (zones.length > 1 && input.minCount < zones.length) {
        fail(
            `minCount (${input.minCount}) is below the number of zones (${zones.length}): the pool runs one scale set per zone, and each needs a builder for CPU autoscale to measure; raise minCount to ${zones.length} or use fewer zones`,
            "minCount",
        );
    }
    return zones.map((zone, index) => {
        const place = { index, of: zones.length };
        return {
            logicalName: scaleSetLogicalName(input.name, zone),
            zone,
            minCount: stackShare(input.minCount, place),
            maxCount: stackShare(input.maxCount, place),
            spot: spot && { ...spot, regularBaseCount: stackShare(spot.regularBaseCount, place) },
            ...place,
        };
    });
}

function planSpot(input: PoolPlanInput, fail: Fail): Required<SpotSettings> | undefined {
    if (input.spot === undefined) return undefined;
    const spot = { maxPrice: -1, regularBaseCount: 0, regularPercentAboveBase: 0, ...input.spot };
    if (spot.maxPrice !== -1 && !(spot.maxPrice > 0))
        fail(`spot.maxPrice must be -1 (up to the on-demand price) or a positive USD price, got ${spot.maxPrice}`, "maxPrice");
    if (!Number.isInteger(spot.regularBaseCount) || spot.regularBaseCount < 0 || spot.regularBaseCount > input.maxCount) {
        fail(`spot.regularBaseCount must be a whole number from 0 to maxCount (${input.maxCount}), got ${spot.regularBaseCount}`, "regularBaseCount");
    }
    if (!Number.isInteger(spot.regularPercentAboveBase) || spot.regularPercentAboveBase < 0 || spot.regularPercentAboveBase > 100) {
        fail(`spot.regularPercentAboveBase must be a whole number from 0 to 100, got ${spot.regularPercentAboveBase}`, "regularPercentAboveBase");
    }
    return spot;
}

const LOCAL_DISK_WORDS: Record<LocalDiskKind, string> = {
    none: "no local disk",
    resource: "a local resource disk",
    nvme: "a local NVMe disk",
    unknown: "a local disk Microsoft's page gives no usable size for",
};

/**
 * Where mock works and where the OS disk lives. An unknown local disk counts as none here (mock gets a data disk,
 * which works on every size). The OS goes on the local disk only where the page says the size supports it, on
 * a single size (a mix takes no diffDiskSettings), and where mock does not need all of it: a resource disk is
 * shared (the OS takes 30 GiB), an NVMe disk would be taken whole. CacheDisk placement is never chosen: it depends
 * on each size's cache capacity, which the size pages print inconsistently.
 */
function planDisks(input: PoolPlanInput, sizes: readonly VmSize[], fail: Fail) {
    const localDisk = localDiskKind(sizes[0]);
    const usable = localDisk === "unknown" ? "none" : localDisk;
    const requested = input.mockDisk === "local" && usable !== "none" ? usable : input.mockDisk;
    const mockDisk = requested ?? (usable === "none" ? "data-disk" : usable);
    if ((mockDisk === "nvme" || mockDisk === "resource" || mockDisk === "local") && mockDisk !== usable) {
        fail(
            `mockDisk "${mockDisk}" needs sizes with that local disk, but ${sizes[0].name} has ${LOCAL_DISK_WORDS[localDisk]}; use mockDisk "${usable === "none" ? "data-disk" : usable}"`,
            "mockDisk",
        );
    }
    const premium = sizes.every((size) => size.premiumStorage === true);
    const managed: OsDiskPlan = { kind: "managed", sizeGb: MANAGED_OS_DISK_GB, storageAccountType: premium ? "Premium_LRS" : "StandardSSD_LRS" };
    const ephemeral = (placement: "ResourceDisk" | "NvmeDisk"): OsDiskPlan => ({ kind: "ephemeral", sizeGb: EPHEMERAL_OS_DISK_GB, placement });
    const size = sizes[0];
    const room = localDisk === "nvme" ? nvmeCapacityGib(size) : size.tempDiskGib;
    // 1 GiB of the placement goes to Trusted Launch's guest state (ephemeral-os-disks).
    const fits = room !== null && room >= EPHEMERAL_OS_DISK_GB + 1;
    let osDisk = managed;
    if (sizes.length === 1 && size.ephemeralOsDisk === true && fits) {
        if (localDisk === "resource") osDisk = ephemeral("ResourceDisk");
        else if (localDisk === "nvme" && mockDisk !== "nvme") osDisk = ephemeral("NvmeDisk");
    }
    const mockDataDiskSizeGb = mockDisk === "data-disk" ? (input.mockDataDiskSizeGb ?? DEFAULT_MOCK_DATA_DISK_GB) : undefined;
    if (mockDataDiskSizeGb !== undefined && (!Number.isInteger(mockDataDiskSizeGb) || mockDataDiskSizeGb < 32 || mockDataDiskSizeGb > 32_767)) {
        fail(`mockDataDiskSizeGb must be a whole number of GiB from 32 to 32767, got ${mockDataDiskSizeGb}`, "mockDataDiskSizeGb");
    }
    return { mockDisk: mockDisk as MockDiskPlacement, osDisk, mockDataDiskSizeGb };
}

/** SCSI wherever every size takes it (every image does); NVMe only when a size attaches disks over NVMe alone. */
const chooseDiskController = (sizes: readonly VmSize[]): DiskController => (sizes.every((size) => diskControllersOf(size).includes("SCSI")) ? "SCSI" : "NVMe");

/** The checked verdicts of the pool's sizes, with their catalog rows; the first refusal fails the plan. */
function checkedSizes(input: PoolPlanInput, minimumLevel: MinimumLevel, fail: Fail): readonly (SizeVerdict & { facts: VmSize })[] {
    const sizes = input.vmSizes;
    if (sizes.length === 0) fail("vmSizes is empty; give one size, or up to five for an instance mix", "vmSizes");
    const lower = sizes.map((size) => size.toLowerCase());
    const duplicate = lower.find((size, index) => lower.indexOf(size) !== index);
    if (duplicate !== undefined) fail(`vmSizes lists ${duplicate} twice`, "vmSizes");
    return sizes.map((size) => {
        const verdict = sizeVerdict(size, { asOf: input.asOf, minimumLevel });
        if (!verdict.allowed || verdict.facts === null) return fail(`${size} is not allowed (${verdict.status}): ${verdict.reason}`, "vmSizes");
        if (verdict.vcpus === null || verdict.quotaVcpus === null) {
            return fail(`${size} has no vCPU count on Microsoft's size page, so its quota cannot be counted; pick another size`, "vmSizes");
        }
        return verdict as SizeVerdict & { facts: VmSize };
    });
}

export function planBuilderPool(input: PoolPlanInput): PoolPlan {
    const fail: Fail = (message, property) => {
        throw new PoolPlanError(input.name, message, property);
    };
    checkCounts(input, fail);
    const minimumLevel = input.minimumLevel ?? DEFAULT_MINIMUM_LEVEL;
    const verdicts = checkedSizes(input, minimumLevel, fail);
    const facts = verdicts.map((verdict) => verdict.facts);
    const spot = planSpot(input, fail);
    const allocationStrategy = input.allocationStrategy ?? "LowestPrice";
    if (!ALLOCATION_STRATEGIES.includes(allocationStrategy))
        fail(`allocationStrategy must be one of ${ALLOCATION_STRATEGIES.join(", ")}`, "allocationStrategy");

    const disks = planDisks(input, facts, fail);
    const diskControllerType = chooseDiskController(facts);
    const acceleratedNetworking = input.acceleratedNetworking ?? facts.every((size) => size.acceleratedNetworking === true);
    const computerNamePrefix = input.name.slice(0, COMPUTER_NAME_PREFIX_MAX);
    const request: ScaleSetRequest = {
        poolName: input.name,
        sizes: facts,
        spot: spot !== undefined,
        evictionPolicy: spot && "Delete",
        terminateNotification: spot === undefined,
        osDisk: disks.osDisk,
        securityType: "TrustedLaunch",
        acceleratedNetworking,
        diskControllerType,
        imageDiskControllers: input.imageDiskControllers ?? FEDORA_CLOUD_DISK_CONTROLLERS,
        computerNamePrefix,
    };
    const [violation] = azureRuleViolations(request);
    if (violation !== undefined) throw new PoolPlanError(input.name, describeViolation(violation), "vmSizes", violation.rule);

    const planned: PlannedSize[] = verdicts.map((verdict) => ({
        name: verdict.size,
        level: verdict.level as X86Level,
        vcpus: verdict.vcpus as number,
        quotaVcpus: verdict.quotaVcpus as number,
    }));
    const vcpus = planned.map((size) => size.vcpus);
    return {
        sizes: planned,
        stacks: planStacks(input, spot, fail),
        minimumLevel,
        skuName: planned.length === 1 ? planned[0].name : "Mix",
        mix:
            planned.length === 1
                ? undefined
                : {
                      allocationStrategy,
                      // Prioritized takes the order given as the rank (1 is preferred); the other strategies take no rank.
                      sizes: planned.map(({ name }, index) => (allocationStrategy === "Prioritized" ? { name, rank: index + 1 } : { name })),
                  },
        minVcpus: Math.min(...vcpus),
        maxVcpus: Math.max(...vcpus),
        quotaVcpusPerVm: Math.max(...planned.map((size) => size.quotaVcpus)),
        ...disks,
        diskControllerType,
        acceleratedNetworking,
        terminateNotification: request.terminateNotification,
        health: planInstanceHealth(HEALTH_ENDPOINT, input.healthGraceSeconds, (message) => fail(message, "healthGraceSeconds")),
        computerNamePrefix,
        spot,
    };
}

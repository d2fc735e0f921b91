/**
 * The decisions behind the farm's package cache, as a pure function of its settings: its size (checked against
 * the catalog like every farm size), how many VMs in which zones, its disks and the load balancer's address and
 * probe. The `PackageCache` component only turns this plan into resources; the stack configuration check calls
 * the same function, so a wrong cache fails before anything is registered.
 */
import { DEFAULT_MINIMUM_LEVEL, MinimumLevel, sizeVerdict, VmSize, X86Level } from "../../policy/catalog";
import { azureRuleViolations, describeViolation, DiskController, diskControllersOf } from "../azure-pool-rules";
import { FEDORA_CLOUD_DISK_CONTROLLERS, MANAGED_OS_DISK_GB, splitEvenly } from "../builder-pool-plan";
import * as ipaddr from "ipaddr.js";
import { formatIpv4Range, parseIpv4Range } from "../ip-ranges";
import { InstanceHealthPlan, planInstanceHealth } from "../instance-health";
import { CACHE_HEALTH_PATH } from "./nginx";
import { InputPropertyError } from "../input-property-error";

/** A cache that cannot be built; one line naming the setting (`packageCache.<property>`) and the fix. */
export class PackageCachePlanError extends InputPropertyError {
    constructor(message: string, property: string) {
        super(property, `package cache: ${message}`, message);
        this.name = "PackageCachePlanError";
    }
}

export interface PackageCachePlanInput {
    /**
     * The cache VMs' size. Default `Standard_D4as_v5` (4 vCPUs, 16 GiB): nginx serving from disk needs little CPU;
     * the size's network bandwidth and the disk's throughput are what a buildroot waits on.
     */
    readonly vmSize?: string;
    /** Cache VMs, at least 2 so that one down fails no task, and at least one per zone. Default: 2, or one per zone when more. */
    readonly count?: number;
    /** The zones to spread over: the farm's zones. Default none (regional, over fault domains). */
    readonly zones?: readonly string[];
    /** The data disk each cache VM keeps packages on, in GiB (Premium SSD). Default 512 (a P20). */
    readonly diskSizeGb?: number;
    /** The level the size must guarantee, as for builders. Default `x86-64-v3`. */
    readonly minimumLevel?: MinimumLevel;
    /** Date the size verdict is for. Default: today. */
    readonly asOf?: Date;
}

/** One cache scale set: regional, or one per zone (each in its zone's subnet behind its zone's NAT gateway). */
export interface CacheScaleSet {
    readonly zone?: string;
    readonly count: number;
}

export interface PackageCachePlan {
    readonly vmSize: string;
    /** The level the size was checked against (the scale sets' tag says it to the policy pack). */
    readonly minimumLevel: MinimumLevel;
    readonly level: X86Level;
    readonly vcpus: number;
    /** What one VM counts against quota (the parent's vCPUs for a constrained size). */
    readonly quotaVcpus: number;
    readonly count: number;
    readonly scaleSets: readonly CacheScaleSet[];
    /** Premium SSD when the size supports premium storage (required: the cache disk must be fast). */
    readonly osDisk: { readonly sizeGb: number; readonly storageAccountType: "Premium_LRS" };
    readonly dataDisk: { readonly lun: 0; readonly sizeGb: number; readonly storageAccountType: "Premium_LRS" };
    /** nginx's `max_size`: the disk less room for the filesystem and the files nginx is still writing. */
    readonly maxCacheSizeGb: number;
    readonly diskControllerType: DiskController;
    readonly acceleratedNetworking: boolean;
    readonly computerNamePrefix: string;
    /** The port builders fetch from and the load balancer probes. */
    readonly port: number;
    readonly probe: { readonly path: string; readonly intervalSeconds: number; readonly failuresBeforeDown: number };
    /**
     * The Application Health extension on nginx's own health path, and automatic repairs: a VM whose nginx stops
     * answering (a lost data disk keeps it from starting) is replaced once the grace has passed.
     */
    readonly health: InstanceHealthPlan;
    /** How long a connection through the load balancer may stay idle: a client waiting on a locked fetch is idle. */
    readonly idleTimeoutMinutes: number;
}

export const PACKAGE_CACHE_DEFAULTS = { vmSize: "Standard_D4as_v5", count: 2, diskSizeGb: 512 } as const;
export const PACKAGE_CACHE_NAME = "cache";
export const PACKAGE_CACHE_PORT = 80;
/** Most cache VMs: a handful serves a region's builders; more is a mistake in the count. */
export const MAX_CACHE_VMS = 10;
/** First boot installs nginx and formats the disk in a few minutes; ten is Azure's shortest repair grace anyway. */
const CACHE_HEALTH_GRACE_SECONDS = 600;
/** Premium SSD data disks go up to 32,767 GiB (learn.microsoft.com/azure/virtual-machines/disks-types); under 32 GiB is no cache. */
const DATA_DISK_GB = { min: 32, max: 32_767 } as const;

/** What the cache keeps back from nginx: 10 % of the disk for xfs and the temp files of fetches under way. */
export const cacheSizeOf = (diskSizeGb: number): number => Math.floor(diskSizeGb * 0.9);

export function planPackageCache(input: PackageCachePlanInput): PackageCachePlan {
    const fail = (message: string, property: string): never => {
        throw new PackageCachePlanError(message, property);
    };
    const zones = [...new Set(input.zones ?? [])].sort();
    for (const zone of zones) if (!["1", "2", "3"].includes(zone)) fail(`zone "${zone}" is not an availability zone; use "1", "2" or "3"`, "zones");
    const count = input.count ?? Math.max(PACKAGE_CACHE_DEFAULTS.count, zones.length);
    if (!Number.isInteger(count) || count < 2 || count > MAX_CACHE_VMS) {
        fail(`count must be a whole number from 2 to ${MAX_CACHE_VMS}, got ${count}: with one cache VM, its loss would fail every task`, "count");
    }
    if (count < zones.length)
        fail(`count (${count}) is below the number of zones (${zones.length}): each zone needs a cache VM; raise count to ${zones.length}`, "count");
    const diskSizeGb = input.diskSizeGb ?? PACKAGE_CACHE_DEFAULTS.diskSizeGb;
    if (!Number.isInteger(diskSizeGb) || diskSizeGb < DATA_DISK_GB.min || diskSizeGb > DATA_DISK_GB.max) {
        fail(`diskSizeGb must be a whole number of GiB from ${DATA_DISK_GB.min} to ${DATA_DISK_GB.max}, got ${diskSizeGb}`, "diskSizeGb");
    }

    const vmSize = input.vmSize ?? PACKAGE_CACHE_DEFAULTS.vmSize;
    const minimumLevel = input.minimumLevel ?? DEFAULT_MINIMUM_LEVEL;
    const verdict = sizeVerdict(vmSize, { asOf: input.asOf, minimumLevel });
    if (!verdict.allowed || verdict.facts === null || verdict.vcpus === null || verdict.quotaVcpus === null)
        return fail(`${vmSize} is not allowed (${verdict.status}): ${verdict.reason}`, "vmSize");
    const size: VmSize = verdict.facts;
    if (size.premiumStorage !== true)
        fail(
            `${vmSize} takes no Premium SSD (Microsoft's size page), and the cache's disk must be one; pick an "s" size such as ${PACKAGE_CACHE_DEFAULTS.vmSize}`,
            "vmSize",
        );

    const diskControllerType: DiskController = diskControllersOf(size).includes("SCSI") ? "SCSI" : "NVMe";
    const acceleratedNetworking = size.acceleratedNetworking === true;
    const osDisk = { kind: "managed" as const, sizeGb: MANAGED_OS_DISK_GB, storageAccountType: "Premium_LRS" as const };
    const [violation] = azureRuleViolations({
        poolName: PACKAGE_CACHE_NAME,
        sizes: [size],
        spot: false,
        terminateNotification: false,
        osDisk,
        securityType: "TrustedLaunch",
        acceleratedNetworking,
        diskControllerType,
        imageDiskControllers: FEDORA_CLOUD_DISK_CONTROLLERS,
        computerNamePrefix: PACKAGE_CACHE_NAME,
    });
    if (violation !== undefined) fail(describeViolation(violation), "vmSize");

    const places = zones.length === 0 ? [undefined] : zones;
    const counts = splitEvenly(count, places.length);
    return {
        vmSize: verdict.size,
        minimumLevel,
        level: verdict.level as X86Level,
        vcpus: verdict.vcpus,
        quotaVcpus: verdict.quotaVcpus,
        count,
        scaleSets: places.map((zone, index) => ({ zone, count: counts[index] })),
        osDisk: { sizeGb: osDisk.sizeGb, storageAccountType: osDisk.storageAccountType },
        dataDisk: { lun: 0, sizeGb: diskSizeGb, storageAccountType: "Premium_LRS" },
        maxCacheSizeGb: cacheSizeOf(diskSizeGb),
        diskControllerType,
        acceleratedNetworking,
        computerNamePrefix: PACKAGE_CACHE_NAME,
        port: PACKAGE_CACHE_PORT,
        // Two failed probes five seconds apart take a VM out of rotation within about ten seconds.
        probe: { path: CACHE_HEALTH_PATH, intervalSeconds: 5, failuresBeforeDown: 2 },
        // A builder may wait up to nginx's lock timeout (10 min) for a first fetch; 30 of Azure's 4 to 100 minutes.
        idleTimeoutMinutes: 30,
        health: planInstanceHealth({ port: PACKAGE_CACHE_PORT, path: CACHE_HEALTH_PATH }, CACHE_HEALTH_GRACE_SECONDS),
    };
}

/**
 * The load balancer's address: the last usable address of the first cache subnet (Azure keeps the first four and
 * the last), fixed so that the builders' kojid.conf names it in the plan, before anything exists.
 */
export function cacheFrontendAddress(firstCacheSubnetPrefix: string): string {
    const range = parseIpv4Range(firstCacheSubnetPrefix, "cacheSubnetPrefix");
    // The broadcast address less one: a subnet is /29 or larger, so its broadcast's last octet is never 0.
    const octets = ipaddr.IPv4.broadcastAddressFromCIDR(formatIpv4Range(range)).toByteArray();
    octets[3] -= 1;
    return octets.join(".");
}

/**
 * A builder's topurls: the cache first, then the configured ones (the cache's origins, in the same order). kojid's
 * own downloads use only the first; dnf inside mock tries the rest when one fails (koji builder/kojid).
 */
export const builderTopUrls = (cacheUrl: string, origins: readonly string[]): string[] => [cacheUrl, ...origins];

/** The cache's URL as the builders' first `topurl`. */
export const cacheTopUrl = (frontendAddress: string): string => `http://${frontendAddress}${PACKAGE_CACHE_PORT === 80 ? "" : `:${PACKAGE_CACHE_PORT}`}`;

/**
 * Azure's documented rules for what a builder pool sends, one entry each with the Microsoft Learn page it comes
 * from. The pool plan (builder-pool-plan.ts) decides a scale set, describes it as a `ScaleSetRequest`, and refuses
 * it before any resource is registered when a rule says Azure would. `npm run sizes` asks the same rules about a
 * single size, so the two never disagree.
 *
 * Unknown facts (a size page that does not say): every rule below that would pass a pool on an unknown fails
 * closed and says so. Two facts have a documented default instead, stated where they are used: a size whose page
 * names no NVMe support attaches disks over SCSI (nvme-overview: NVMe is offered on the sizes that list it), and a
 * size whose temp disk is unknown is treated as having none when the plan picks where mock works (a data disk
 * works on every size).
 */
import { VmSize } from "../policy/catalog";

/** A disk interface of a scale set (`storageProfile.diskControllerType`). */
export type DiskController = "SCSI" | "NVMe";

/** What a size's local (temp) disk is, from its page: none, a SCSI resource disk, NVMe disks, or unknown. */
export type LocalDiskKind = "none" | "resource" | "nvme" | "unknown";

export function localDiskKind(size: VmSize): LocalDiskKind {
    if (size.nvmeLocalDisks !== null) return "nvme";
    if (size.tempDiskGib === null) return "unknown";
    return size.tempDiskGib > 0 ? "resource" : "none";
}

/** Total local NVMe capacity in GiB from `QxSIZE` (GiB, or TB/TiB as printed); null when it cannot be read. */
export function nvmeCapacityGib(size: VmSize): number | null {
    const match = /^(\d+)x([\d.]+)\s*(TB|TiB|GB|GiB)?$/.exec(size.nvmeLocalDisks ?? "");
    if (match === null) return null;
    const perDisk = Number(match[2]) * (match[3]?.startsWith("T") ? 1024 : 1);
    return Number(match[1]) * perDisk;
}

/**
 * The interfaces a size can attach disks with. `NVMe`: only NVMe ("only works on OS images that support NVMe");
 * `SCSI+NVMe`: either; not stated: SCSI, the documented default for sizes the NVMe overview does not list.
 */
export function diskControllersOf(size: VmSize): readonly DiskController[] {
    if (size.diskController === "NVMe") return ["NVMe"];
    if (size.diskController === "SCSI+NVMe") return ["SCSI", "NVMe"];
    return ["SCSI"];
}

/** An instance mix takes at most five sizes (instance-mix-overview). */
export const MAX_MIX_SIZES = 5;

/** Pulumi's autonaming appends `-` and 7 random characters to a logical name. */
export const PULUMI_AUTONAME_SUFFIX = 8;
/** A Flexible scale set names its VMs `{scale-set-name}_{8-char-guid}` (virtual-machine-scale-sets-instance-ids). */
const FLEXIBLE_VM_NAME_SUFFIX = "_".length + 8;
/** Linux VM and scale set names: 1 to 64 characters (resource-name-rules, Microsoft.Compute). */
const LINUX_VM_NAME_MAX = 64;
/** `osProfile.computerNamePrefix` of a scale set: 1 to 15 characters (REST API, VirtualMachineScaleSetOSProfile). */
export const COMPUTER_NAME_PREFIX_MAX = 15;
/** A pool's scale set is the logical resource `<pool>-vmss`, or `<pool>-z<zone>-vmss` for its scale set in a zone. */
export const scaleSetLogicalName = (pool: string, zone?: string): string => (zone === undefined ? `${pool}-vmss` : `${pool}-z${zone}-vmss`);
/**
 * The longest pool name whose VMs' names fit: the longest logical name (`<pool>-z3-vmss`) plus Pulumi's suffix is
 * the scale set's name, and the VMs add `_` and 8 characters, all within 64.
 */
export const MAX_POOL_NAME_LENGTH = LINUX_VM_NAME_MAX - FLEXIBLE_VM_NAME_SUFFIX - PULUMI_AUTONAME_SUFFIX - scaleSetLogicalName("", "3").length;

/** What a pool's scale set asks Azure for: the facts every rule below reads. */
export interface ScaleSetRequest {
    readonly poolName: string;
    readonly sizes: readonly VmSize[];
    readonly spot: boolean;
    /** `evictionPolicy`, sent only for Spot. */
    readonly evictionPolicy?: "Delete" | "Deallocate";
    readonly terminateNotification: boolean;
    readonly osDisk: { readonly kind: "ephemeral" | "managed"; readonly sizeGb: number; readonly placement?: "ResourceDisk" | "NvmeDisk" };
    readonly securityType: "TrustedLaunch";
    readonly acceleratedNetworking: boolean;
    readonly diskControllerType: DiskController;
    /** The interfaces the image declares (its `DiskControllerTypes` feature). */
    readonly imageDiskControllers: readonly DiskController[];
    readonly computerNamePrefix: string;
}

export interface AzureRule {
    /** Stable id, shown with every violation. */
    readonly id: string;
    /** The rule in a few words. */
    readonly title: string;
    /** The Microsoft Learn page that states it. */
    readonly url: string;
    /** Why the request breaks the rule and what to do, or undefined when it keeps it. */
    readonly check: (request: ScaleSetRequest) => string | undefined;
}

export interface RuleViolation {
    readonly rule: AzureRule;
    readonly message: string;
}

const LEARN = "https://learn.microsoft.com/azure/";
const INSTANCE_MIX = `${LEARN}virtual-machine-scale-sets/instance-mix-overview`;
/** Trusted Launch reserves 1 GiB of the local disk that holds an ephemeral OS disk, for the VM guest state. */
const TRUSTED_LAUNCH_VMGS_GIB = 1;
const MIX_FAMILIES = new Set(["A", "B", "D", "E", "F"]);

const isMix = (request: ScaleSetRequest): boolean => request.sizes.length > 1;
const names = (sizes: readonly VmSize[]): string => sizes.map((size) => size.name).join(", ");
const lacking = (request: ScaleSetRequest, fact: (size: VmSize) => boolean | null): { no: VmSize[]; unknown: VmSize[] } => ({
    no: request.sizes.filter((size) => fact(size) === false),
    unknown: request.sizes.filter((size) => fact(size) === null),
});

/** "X does not support Y" / "X's page does not say whether it supports Y" for the first size that fails. */
function unsupported(request: ScaleSetRequest, fact: (size: VmSize) => boolean | null, feature: string, fix: string): string | undefined {
    const { no, unknown } = lacking(request, fact);
    if (no.length > 0) return `${names(no)} ${no.length > 1 ? "do" : "does"} not support ${feature}; ${fix}`;
    if (unknown.length > 0)
        return `Microsoft's size page does not say whether ${names(unknown)} ${unknown.length > 1 ? "support" : "supports"} ${feature}, so it is not assumed; ${fix}`;
    return undefined;
}

/** Sizes of a mix that disagree on a fact: undefined when all agree, else the groups. */
function disagreement<T>(request: ScaleSetRequest, key: (size: VmSize) => T, describe: (value: T) => string): string | undefined {
    if (!isMix(request)) return undefined;
    const groups = new Map<T, VmSize[]>();
    for (const size of request.sizes) groups.set(key(size), [...(groups.get(key(size)) ?? []), size]);
    if (groups.size <= 1) return undefined;
    return [...groups].map(([value, sizes]) => `${names(sizes)}: ${describe(value)}`).join("; ");
}

export const AZURE_POOL_RULES: readonly AzureRule[] = [
    {
        id: "instance-mix-size-count",
        title: "an instance mix has at most five sizes",
        url: INSTANCE_MIX,
        check: (request) => (request.sizes.length > MAX_MIX_SIZES ? `${request.sizes.length} sizes given; use at most ${MAX_MIX_SIZES}` : undefined),
    },
    {
        id: "instance-mix-families",
        title: "instance mix sizes come from the A, B, D, E and F families only",
        url: INSTANCE_MIX,
        check: (request) => {
            const outside = isMix(request) ? request.sizes.filter((size) => !MIX_FAMILIES.has(size.family)) : [];
            return outside.length === 0
                ? undefined
                : `${outside.map((size) => `${size.name} (${size.family} family)`).join(", ")} cannot be in a mix; use a pool of its own`;
        },
    },
    {
        id: "instance-mix-architecture",
        title: "an instance mix has one architecture",
        url: INSTANCE_MIX,
        check: (request) => {
            const mixed = disagreement(request, (size) => size.arch ?? "not stated", String);
            return mixed && `the sizes differ in architecture (${mixed}); pick x64 sizes only`;
        },
    },
    {
        id: "instance-mix-storage-interface",
        title: "an instance mix has one storage interface (SCSI or NVMe)",
        url: INSTANCE_MIX,
        check: (request) => {
            if (!isMix(request)) return undefined;
            const common = (["SCSI", "NVMe"] as const).filter((controller) => request.sizes.every((size) => diskControllersOf(size).includes(controller)));
            return common.length > 0
                ? undefined
                : `no interface is common to ${request.sizes.map((size) => `${size.name} (${diskControllersOf(size).join("/")})`).join(", ")}; pick sizes of one generation (e.g. all v5 or all v6)`;
        },
    },
    {
        id: "instance-mix-local-disk",
        title: "an instance mix has one local disk configuration",
        url: INSTANCE_MIX,
        check: (request) => {
            if (!isMix(request)) return undefined;
            const unknown = request.sizes.filter((size) => localDiskKind(size) === "unknown");
            if (unknown.length > 0)
                return `the local disk of ${names(unknown)} is not known from Microsoft's pages, so the mix cannot be shown to agree; leave it out`;
            const mixed = disagreement(
                request,
                localDiskKind,
                (kind) => ({ none: "no local disk", resource: "a temp (resource) disk", nvme: "local NVMe disks", unknown: "" })[kind],
            );
            return mixed && `the sizes differ (${mixed}); pick sizes that all have, or all lack, a temp disk of the same kind`;
        },
    },
    {
        id: "instance-mix-premium-storage",
        title: "an instance mix has all premium-storage-capable sizes or none",
        url: INSTANCE_MIX,
        check: (request) => {
            if (!isMix(request)) return undefined;
            const unknown = request.sizes.filter((size) => size.premiumStorage === null);
            if (unknown.length > 0) return `Microsoft's page does not say whether ${names(unknown)} support premium storage; leave them out of the mix`;
            const mixed = disagreement(
                request,
                (size) => size.premiumStorage,
                (premium) => (premium ? "premium storage" : "no premium storage"),
            );
            return mixed && `the sizes differ (${mixed}); use only "s" sizes that support premium storage, or only sizes that do not`;
        },
    },
    {
        id: "instance-mix-no-diff-disk",
        title: "an instance mix takes no diffDiskSettings (no ephemeral OS disk)",
        url: `${LEARN}virtual-machine-scale-sets/instance-mix-faq-troubleshooting`,
        check: (request) =>
            isMix(request) && request.osDisk.kind === "ephemeral" ? "the mix asks for an ephemeral OS disk; a mix gets a managed OS disk" : undefined,
    },
    {
        id: "spot-no-terminate-notification",
        title: "Spot scale sets take no terminate notification profile",
        url: `${LEARN}virtual-machine-scale-sets/virtual-machine-scale-sets-terminate-notification`,
        check: (request) =>
            request.spot && request.terminateNotification
                ? "a Spot pool asks for terminate notifications; Spot VMs get a Preempt Scheduled Event instead"
                : undefined,
    },
    {
        id: "spot-no-b-series",
        title: "Azure offers no Spot B-series",
        url: `${LEARN}virtual-machines/spot-vms`,
        check: (request) => {
            const burstable = request.spot ? request.sizes.filter((size) => size.family === "B") : [];
            return burstable.length === 0
                ? undefined
                : `${names(burstable)} ${burstable.length > 1 ? "are" : "is a"} B-series; drop spot, or pick another series`;
        },
    },
    {
        id: "spot-eviction-delete",
        title: "Spot builders are evicted with Delete",
        url: `${LEARN}virtual-machine-scale-sets/use-spot`,
        check: (request) =>
            request.spot && request.evictionPolicy !== "Delete"
                ? `eviction policy ${request.evictionPolicy ?? "unset"}: a deallocated Spot VM keeps its disks and quota, and an ephemeral OS disk cannot be deallocated; use Delete`
                : undefined,
    },
    {
        id: "ephemeral-os-supported",
        title: "an ephemeral OS disk only on sizes that support it",
        url: `${LEARN}virtual-machines/ephemeral-os-disks`,
        check: (request) =>
            request.osDisk.kind !== "ephemeral"
                ? undefined
                : unsupported(request, (size) => size.ephemeralOsDisk, "ephemeral OS disks", "use a managed OS disk"),
    },
    {
        id: "ephemeral-os-fits",
        title: "an ephemeral OS disk fits its placement (temp or NVMe disk), with 1 GiB for Trusted Launch",
        url: `${LEARN}virtual-machines/ephemeral-os-disks`,
        check: (request) => {
            const { osDisk } = request;
            if (osDisk.kind !== "ephemeral") return undefined;
            const needed = osDisk.sizeGb + TRUSTED_LAUNCH_VMGS_GIB;
            for (const size of request.sizes) {
                const room = osDisk.placement === "NvmeDisk" ? nvmeCapacityGib(size) : localDiskKind(size) === "resource" ? size.tempDiskGib : 0;
                if (room === null || room < needed) {
                    return `${size.name} has ${room === null ? "an unknown amount of" : `${room} GiB of`} ${osDisk.placement === "NvmeDisk" ? "local NVMe" : "temp disk"} for a ${osDisk.sizeGb} GiB OS disk plus ${TRUSTED_LAUNCH_VMGS_GIB} GiB; use a managed OS disk`;
                }
            }
            return undefined;
        },
    },
    {
        id: "trusted-launch",
        title: "every size supports Trusted Launch (the builders' one security profile)",
        url: `${LEARN}virtual-machines/trusted-launch`,
        check: (request) =>
            unsupported(
                request,
                (size) => size.trustedLaunch,
                "Trusted Launch",
                "builders boot with Secure Boot and a vTPM, so pick a size that supports it (confidential DC/EC sizes need a ConfidentialVM profile and do not)",
            ),
    },
    {
        id: "gen2",
        title: "every size runs Generation 2 VMs (Fedora Cloud is a Gen2 image)",
        url: `${LEARN}virtual-machines/generation-2`,
        check: (request) => unsupported(request, (size) => size.gen2, "Generation 2 VMs", "pick a Gen2 size"),
    },
    {
        id: "accelerated-networking",
        title: "accelerated networking only on sizes that support it",
        url: `${LEARN}virtual-network/accelerated-networking-overview`,
        check: (request) =>
            !request.acceleratedNetworking
                ? undefined
                : unsupported(request, (size) => size.acceleratedNetworking, "accelerated networking", "set acceleratedNetworking false, or pick other sizes"),
    },
    {
        id: "disk-controller",
        title: "the NVMe disk controller only where a size needs it and the image supports it",
        url: `${LEARN}virtual-machines/nvme-overview`,
        check: (request) => {
            const controller = request.diskControllerType;
            const cannot = request.sizes.filter((size) => !diskControllersOf(size).includes(controller));
            if (cannot.length > 0) return `${names(cannot)} cannot attach disks over ${controller}`;
            if (controller === "NVMe" && !request.sizes.some((size) => diskControllersOf(size).every((each) => each === "NVMe"))) {
                return "NVMe is asked for, but every size also takes SCSI; use SCSI, which every image supports";
            }
            if (!request.imageDiskControllers.includes(controller)) {
                return (
                    `${names(request.sizes)} need${request.sizes.length > 1 ? "" : "s"} the ${controller} disk controller, which the image does not declare; ` +
                    'pick a v5 or older size, or an image whose definition lists NVMe (see the README, "NVMe sizes")'
                );
            }
            return undefined;
        },
    },
    {
        id: "names",
        title: "the scale set, VM and computer names fit Azure's limits once Pulumi's suffix is added",
        url: `${LEARN}azure-resource-manager/management/resource-name-rules`,
        check: (request) => {
            if (request.poolName.length > MAX_POOL_NAME_LENGTH) {
                return `pool name "${request.poolName}" is ${request.poolName.length} characters; its VMs are named <pool>-z<zone>-vmss-<7 random>_<8 characters>, within 64, so use at most ${MAX_POOL_NAME_LENGTH}`;
            }
            const prefix = request.computerNamePrefix;
            return prefix.length < 1 || prefix.length > COMPUTER_NAME_PREFIX_MAX
                ? `computerNamePrefix "${prefix}" must be 1 to ${COMPUTER_NAME_PREFIX_MAX} characters`
                : undefined;
        },
    },
];

/** Every rule the request breaks, in the table's order. */
export function azureRuleViolations(request: ScaleSetRequest): readonly RuleViolation[] {
    return AZURE_POOL_RULES.flatMap((rule) => {
        const message = rule.check(request);
        return message === undefined ? [] : [{ rule, message }];
    });
}

/** One line naming the rule, what breaks it and its source. */
export const describeViolation = (violation: RuleViolation): string =>
    `${violation.message} (Azure rule "${violation.rule.id}": ${violation.rule.title}; ${violation.rule.url})`;

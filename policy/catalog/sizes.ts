/**
 * Every Azure VM size that Microsoft's size pages list, one row each, with the facts the pool rules need: vCPUs
 * (and the parent's for constrained sizes), memory, temp disk, local NVMe, premium storage, accelerated
 * networking, ephemeral OS, Gen2, Trusted Launch, disk controller, CPU and the page it was read from.
 *
 * Why TSV: the facts are a table on Microsoft's pages and stay one here, a row a size, so a refresh is a
 * reviewable line diff, and `grep`, `column -t` or a spreadsheet read it as it is. It is checked against a schema
 * (below) when it loads, which fails loudly naming the row, and the tests hold it to the series table.
 *
 * Sources. Each row names its page (`source`, a path in MicrosoftDocs/azure-compute-docs unless prefixed with
 * another repository) and the commit it was read at (`source_commit`); the public page of
 * `articles/virtual-machines/X.md` is https://learn.microsoft.com/azure/virtual-machines/X. Series that have no
 * page in azure-compute-docs (D/DS v1, F/Fs v1, G/GS, Ls v1, A v1, DC v1, NC v1, NCv2, NVv2) come from
 * MicrosoftDocs/azure-docs `articles/virtual-machines/sizes-previous-gen.md` at 092fdbcf, their status from
 * azure-compute-docs `sizes/lifecycle/previous-gen-sizes-list.md` (a18807c4) and `retired-sizes-list.md`.
 * Constrained-vCPU sizes come from `constrained-vcpu.md` and copy their base size's row.
 *
 * How a row is read (and refreshed: read its page again and compare the Basics, local-storage and feature
 * tables, then run `npm test`):
 * - `vcpus`, `memory_gib`: the Basics table as printed; empty where the page gives none.
 * - `temp_disk_gib`: the total temp disk, 0 where the page says there is no local storage; `nvme_local_disks`
 *   is `QxSIZE` where the local disks are NVMe.
 * - feature columns: `yes`/`no` from the page's feature list (Supported, Restricted or Limited count as yes),
 *   `unknown` where the page does not say. Trusted Launch falls back to the size list of
 *   `virtual-machines/trusted-launch.md` where the series page has no feature list.
 * - `disk_controller`: only from explicit statements (`NVMe`: "only works on OS images that support NVMe";
 *   `SCSI+NVMe`: both interfaces listed), else `unknown`.
 * - `notes`: repairs and the side taken where a page contradicts itself. The Basics and local-storage tables
 *   are preferred to a specs summary; for features, the page's feature list is taken as printed, e.g. Dv4/Dv5/
 *   Ev4/Ev5 "Premium Storage: Not Supported" over their tables' Premium SSD columns (the sizes without `s`
 *   are the ones without premium storage), and Dsv2's "Not Supported" and Gen1-only lines as they stand.
 *
 * What an `unknown` means to each rule is stated where the rule is (lib/azure-pool-rules.ts): every rule that
 * would let a pool through on an unknown fails closed, and the few documented defaults say so.
 */
import * as fs from "fs";
import * as path from "path";
import { distance } from "fastest-levenshtein";
import { z } from "zod";

/** A fact a size page may state, or not: null where it does not. */
export type Stated = boolean | null;

export interface DocSource {
    /** `MicrosoftDocs/azure-compute-docs` or `MicrosoftDocs/azure-docs`. */
    readonly repository: string;
    readonly path: string;
    /** The commit the page was read at; null where it is not recorded. */
    readonly commit: string | null;
    /** The page on Microsoft Learn. */
    readonly url: string;
}

export interface VmSize {
    /** As Azure spells it, e.g. `Standard_D16as_v5`. */
    readonly name: string;
    /** The series as its page titles it (`Dasv5`); joins the series table (series.ts `docSeries`). */
    readonly docSeries: string;
    /** Microsoft's size family (`D`, `DC`, `Eb`, `FX`, `NC` ...), as the size pages group series. */
    readonly family: string;
    /** Active vCPUs; null where the page gives no number. */
    readonly vcpus: number | null;
    /** For a constrained-vCPU size, the vCPUs of the size it is cut from; null otherwise. */
    readonly constrainedParentVcpus: number | null;
    readonly memoryGib: number | null;
    /** Total temp (resource or NVMe) disk in GiB, 0 for none; null where the page's figures are unusable. */
    readonly tempDiskGib: number | null;
    /** `QxSIZE` of local NVMe disks, as printed; null where the local disk (if any) is not NVMe. */
    readonly nvmeLocalDisks: string | null;
    readonly premiumStorage: Stated;
    readonly acceleratedNetworking: Stated;
    readonly ephemeralOsDisk: Stated;
    readonly gen2: Stated;
    readonly trustedLaunch: Stated;
    /** `NVMe` only, both (`SCSI+NVMe`), or null where the page says nothing. */
    readonly diskController: "NVMe" | "SCSI+NVMe" | null;
    readonly cpu: string;
    /** From the page's CPU text; null where the page names none. */
    readonly arch: "x64" | "arm64" | null;
    readonly status: "GA" | "preview" | "previous-gen" | "retired" | null;
    readonly notes: string;
    readonly sources: readonly DocSource[];
}

const COLUMNS = [
    "size",
    "series",
    "family",
    "vcpus",
    "vcpus_constrained_parent",
    "memory_gib",
    "temp_disk_gib",
    "nvme_local_disks",
    "premium_storage",
    "accelerated_networking",
    "ephemeral_os",
    "gen2",
    "trusted_launch",
    "disk_controller",
    "cpu",
    "arch",
    "status",
    "source",
    "type",
    "notes",
    "source_commit",
] as const;

const count = z
    .string()
    .regex(/^(\d+|unknown|)$/, "a whole number, empty or unknown")
    .transform((text) => (/^\d+$/.test(text) ? Number(text) : null));
const amount = z
    .string()
    .regex(/^(\d+(\.\d+)?|unknown|)$/, "a number, empty or unknown")
    .transform((text) => (/^\d/.test(text) ? Number(text) : null));
const stated = z.enum(["yes", "no", "unknown"]).transform((text) => (text === "unknown" ? null : text === "yes"));
const ROW = z.object({
    size: z.string().regex(/^(Standard|Basic)_[A-Za-z0-9_-]+$/, "an Azure size name"),
    series: z.string().min(1),
    family: z.string().min(1),
    vcpus: count,
    vcpus_constrained_parent: count,
    memory_gib: amount,
    temp_disk_gib: amount,
    nvme_local_disks: z.string(),
    premium_storage: stated,
    accelerated_networking: stated,
    ephemeral_os: stated,
    gen2: stated,
    trusted_launch: stated,
    disk_controller: z.enum(["NVMe", "SCSI+NVMe", "unknown"]),
    cpu: z.string(),
    arch: z.enum(["x64", "Arm64", "unknown"]),
    status: z.enum(["GA", "preview", "previous-gen", "retired", "unknown"]),
    source: z.string().min(1),
    type: z.string(),
    notes: z.string(),
    source_commit: z.string().regex(/^([0-9a-f]{7,40}|)$/, "a commit id (7 to 40 hex digits) or empty"),
});

const COMPUTE_DOCS = "MicrosoftDocs/azure-compute-docs";

function docSource(reference: string, commit: string): DocSource {
    const [repository, docPath] = reference.includes(":") ? reference.split(":", 2) : [COMPUTE_DOCS, reference];
    const url = `https://learn.microsoft.com/azure/${docPath.replace(/^articles\//, "").replace(/\.md$/, "")}`;
    return { repository, path: docPath, commit: commit === "" ? null : commit, url };
}

function toSize(row: z.infer<typeof ROW>): VmSize {
    return {
        name: row.size,
        docSeries: row.series,
        family: row.family,
        vcpus: row.vcpus,
        constrainedParentVcpus: row.vcpus_constrained_parent,
        memoryGib: row.memory_gib,
        tempDiskGib: row.temp_disk_gib,
        nvmeLocalDisks: row.nvme_local_disks === "" ? null : row.nvme_local_disks,
        premiumStorage: row.premium_storage,
        acceleratedNetworking: row.accelerated_networking,
        ephemeralOsDisk: row.ephemeral_os,
        gen2: row.gen2,
        trustedLaunch: row.trusted_launch,
        diskController: row.disk_controller === "unknown" ? null : row.disk_controller,
        cpu: row.cpu,
        arch: row.arch === "unknown" ? null : row.arch === "x64" ? "x64" : "arm64",
        status: row.status === "unknown" ? null : row.status,
        notes: row.notes,
        // A constrained size cites constrained-vcpu.md and its base size's page, joined by " + ".
        sources: row.source.split(" + ").map((reference) => docSource(reference, row.source_commit)),
    };
}

/** The file next to this module; exported for the tests that read it as text. */
export const SIZES_FILE = path.join(__dirname, "sizes.tsv");

/** Parses the table; throws one message naming the first bad row, column and rule. */
export function parseSizeTable(text: string): readonly VmSize[] {
    const [header, ...lines] = text.replace(/\n$/, "").split("\n");
    if (header !== COLUMNS.join("\t")) throw new Error(`${SIZES_FILE}: the header must be exactly: ${COLUMNS.join(" ")}`);
    return lines.map((line, index) => {
        const cells = line.split("\t");
        const where = `${SIZES_FILE} line ${index + 2}`;
        if (cells.length !== COLUMNS.length) throw new Error(`${where}: ${cells.length} columns, expected ${COLUMNS.length}`);
        const parsed = ROW.safeParse(Object.fromEntries(COLUMNS.map((column, at) => [column, cells[at]])));
        if (!parsed.success) {
            const issue = parsed.error.issues[0];
            throw new Error(`${where} (${cells[0]}): column ${issue.path.join(".")}: ${issue.message}`);
        }
        return toSize(parsed.data);
    });
}

/** Every documented size, in the table's order. */
export const SIZES: readonly VmSize[] = parseSizeTable(fs.readFileSync(SIZES_FILE, "utf8"));

// Azure matches size names case-insensitively (the ARM API accepts `standard_d16as_v5`).
const BY_NAME = new Map(SIZES.map((size) => [size.name.toLowerCase(), size]));

/** The documented size of that name, matched case-insensitively, or undefined. */
export function findSize(name: string): VmSize | undefined {
    return BY_NAME.get(name.toLowerCase());
}

/**
 * The vCPUs a size counts against quota: the parent's for a constrained size. Microsoft's constrained-vCPU page
 * (learn.microsoft.com/azure/virtual-machines/constrained-vcpu) says only that the price stays the parent's;
 * that quota counts the parent's vCPUs too was answered in MicrosoftDocs/azure-docs issues #23017 and #118702
 * (100 x Standard_E16-4ds_v5 need 1600 vCPUs of quota, not 400).
 */
export function quotaVcpus(size: VmSize): number | null {
    return size.constrainedParentVcpus ?? size.vcpus;
}

/**
 * The nearest documented name for a did-you-mean, or undefined when none is within 3 edits. A name with the same
 * letters in another order wins over a nearer one, since swapped letters (`D16sa_v5`) are the usual typo.
 */
export function nearestSizeName(name: string): string | undefined {
    const wanted = name.toLowerCase();
    const letters = (text: string) => [...text].sort().join("");
    const near = SIZES.map((size) => ({ name: size.name, lower: size.name.toLowerCase() }))
        .map((size) => ({ ...size, distance: distance(wanted, size.lower), swapped: letters(size.lower) === letters(wanted) }))
        .filter((size) => size.distance <= 3)
        .sort((a, b) => Number(b.swapped) - Number(a.swapped) || a.distance - b.distance);
    return near[0]?.name;
}

/**
 * What a scale set can count against quota: its most instances times its largest size's quota vCPUs (a mix may
 * land on its largest size). Null when a size is not documented or has no vCPU figure. The stack configuration,
 * the plan and the pack's vcpu-budget policy all count with this one function.
 */
export function scaleSetQuotaVcpus(sizeNames: readonly string[], maxInstances: number): number | null {
    const perVm = sizeNames.map((name) => {
        const size = findSize(name);
        return size === undefined ? null : quotaVcpus(size);
    });
    if (perVm.length === 0 || perVm.some((vcpus) => vcpus === null)) return null;
    return maxInstances * Math.max(...(perVm as number[]));
}

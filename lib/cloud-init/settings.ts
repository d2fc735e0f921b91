/**
 * Typed inputs of the builder's cloud-init, their defaults and the rules derived from them.
 * Facts cite their public source: koji-project/koji@2083513a (below: koji), fedora-infra/ansible (below: Fedora's ansible), Azure/azure-vm-utils.
 */

/**
 * Where mock's working area `/var/lib/mock` lives. Builder data is disposable, so local disks fit best
 * (a design choice); Fedora's own builders use one big root disk (Fedora's ansible roles/kickstarts/templates/kvm-fedora.j2).
 * - `nvme`: the size's local NVMe disks, formatted and mounted by azure-vm-utils'
 *   `azure-ephemeral-disk-setup` (RAID0 when there are several), which Fedora Cloud's Azure image ships
 *   (Azure/azure-vm-utils doc/azure-ephemeral-disk-setup.md; fedora-kiwi-descriptions profile `Cloud-Base-Azure`).
 * - `resource`: the SCSI resource (temporary) disk, which cloud-init's Azure datasource formats as
 *   `ephemeral0`; mounted at /var/lib/mock instead of /mnt (cloud-init docs, Azure datasource and `mounts`).
 * - `data-disk`: a managed data disk at LUN `dataDiskLun`, formatted xfs once and mounted through fstab;
 *   found through azure-vm-utils' `/dev/disk/azure/data/by-lun/<lun>` link (Azure/azure-vm-utils doc/disk-identification.md).
 * - `os-disk`: a directory on the (btrfs) root, as on Fedora's own builders; size the OS disk accordingly.
 */
export type MockDiskPlacement = "nvme" | "resource" | "data-disk" | "os-disk";

/** Fedora's hub: one keytab per host principal, Kerberos carried over HTTPS by the KDC proxy (Fedora's ansible roles/base/templates/krb5.conf.j2). */
export interface KerberosAuth {
    readonly kind: "kerberos";
    /** The realm, e.g. `FEDORAPROJECT.ORG`. */
    readonly realm: string;
    /** The KDC proxy (MS-KKDCP), e.g. `https://id.fedoraproject.org/KdcProxy` (Fedora's ansible roles/base/templates/krb5.conf.j2). */
    readonly kdcProxyUrl: string;
    /**
     * Service part of the host principal `<service>/<host>@<realm>`. Default `compile` (the hub's HostPrincipalFormat,
     * fedora-infra/ansible roles/koji_hub/templates/hub.conf.j2).
     */
    readonly principalService?: string;
}

/**
 * A private hub: one combined certificate-and-key PEM per builder, CN = the Koji host name
 * (koji docs/source/server_howto.rst, "Authentication Configuration (SSL certificates)"). Fedora's production
 * hub does not accept this (its ssllogin is GSSAPI only: Fedora's ansible roles/koji_hub/templates/kojihub.conf.j2).
 */
export interface CertificateAuth {
    readonly kind: "certificate";
    /** The hub's CA on the builder (kojid.conf `serverca`). Default: the system bundle, as Fedora uses. */
    readonly serverCaPath?: string;
}

export type BuilderAuth = KerberosAuth | CertificateAuth;

/** kojid.conf tuning; every field defaults to the value in `FEDORA_KOJID_DEFAULTS`. */
export interface KojidTuning {
    /** `vendor`, `packager` and `distribution` stamped into built RPMs. */
    readonly vendor: string;
    readonly packager: string;
    readonly distribution: string;
    /** `mockhost`: the target triple's vendor-os part mock builds for. */
    readonly mockhost: string;
    /** `minspace` in MiB: kojid takes no new task when /var/lib/mock has less free space. */
    readonly minspaceMb: number;
    /** `sleeptime` in seconds: how often kojid polls the hub. */
    readonly sleeptimeSeconds: number;
    /** `rpmbuild_timeout` in seconds. */
    readonly rpmbuildTimeoutSeconds: number;
    /** `failed_buildroot_lifetime` in seconds: how long failed buildroots stay for debugging (costs disk). */
    readonly failedBuildrootLifetimeSeconds: number;
    /** `build_arch_can_fail`: let other arches finish when one fails. */
    readonly buildArchCanFail: boolean;
    /** `plugins`: kojid plugins to load. */
    readonly plugins: readonly string[];
}

/**
 * Fedora's production kojid.conf values (Fedora's ansible roles/koji_builder/templates/kojid.conf), except
 * `failed_buildroot_lifetime`, Fedora's staging value, to save disk on cloud builders, and `plugins`, trimmed to
 * the ones RPM builds use (osbuild, flatpak, kiwi and image_builder serve other channels).
 */
export const FEDORA_KOJID_DEFAULTS: KojidTuning = {
    vendor: "Fedora Project",
    packager: "Fedora Project",
    distribution: "Fedora Project",
    mockhost: "redhat-linux-gnu",
    minspaceMb: 8192, // kojid's code default (koji builder/kojid get_options)
    sleeptimeSeconds: 15,
    rpmbuildTimeoutSeconds: 201_600, // 56 h
    failedBuildrootLifetimeSeconds: 14_400,
    buildArchCanFail: true,
    plugins: ["save_failed_tree", "scmpolicy"],
};

/** Everything the builder's boot-time software needs to know; none of it is secret. */
export interface BuilderCloudInitSettings {
    /** The hub's XML-RPC URL (kojid.conf `server`), e.g. `https://koji.fedoraproject.org/kojihub`. */
    readonly kojiHubUrl: string;
    /**
     * Package/repo servers (kojid.conf `topurl`), tried in order: Fedora lists kojipkgs and its two
     * backends (Fedora's ansible kojid.conf); a regional cache goes first when there is one, as Fedora's s390x
     * builders use a local cache (Fedora's ansible roles/varnish/templates/s390kojipkgs.vcl.j2).
     */
    readonly topUrls: readonly string[];
    /** How kojid logs in to the hub. */
    readonly auth: BuilderAuth;
    /** DNS domain of the slots' host names (`<pool>-NNN.<hostDomain>`); must resolve and match the keytabs. */
    readonly hostDomain: string;
    /** The pool's name, the prefix of its slot ids (`lib/slots.ts`). */
    readonly poolName: string;
    /** Number of slots: the pool's maximum VM count (one identity per VM that can exist at once). */
    readonly slotCount: number;
    /** vCPUs of the pool's VM size (the smallest one, for an instance mix); `maxjobs` derives from it. */
    readonly vCpus: number;
    /** kojid.conf `maxjobs`. Default: `defaultMaxJobs(vCpus)`. */
    readonly maxJobs?: number;
    /** Where `/var/lib/mock` lives. */
    readonly mockDisk: MockDiskPlacement;
    /** LUN of the data disk for `mockDisk: "data-disk"`. Default 0. */
    readonly dataDiskLun?: number;
    /** The artifact store's blob endpoint, e.g. `https://<account>.blob.core.windows.net/`. */
    readonly storageBlobEndpoint: string;
    /** Container holding one blob per slot, named by slot id. Default `slots` (`lib/slots.ts`). */
    readonly slotsContainerName?: string;
    /** The farm's Key Vault, e.g. `https://<vault>.vault.azure.net/`; holds `koji-<slot>` secrets. */
    readonly keyVaultUri: string;
    /** Client id of the pool's user-assigned managed identity (blob lease + Key Vault secret get). */
    readonly managedIdentityClientId: string;
    /**
     * Slot lease duration in seconds, 15 to 60 (Azure's limits for a finite lease, Lease Blob REST API).
     * Default 60: a vanished VM's slot is free a minute later; renewals happen every third of it.
     */
    readonly leaseSeconds?: number;
    /** kojid.conf tuning; unset fields take `FEDORA_KOJID_DEFAULTS`. */
    readonly kojid?: Partial<KojidTuning>;
    /**
     * mock's `dnf_command` and `system_dnf_command`. Default `/usr/bin/dnf-3` (DNF4), what the builders ran so far;
     * whether DNF4 knows the `x86_64_v3` arch is an open question (README, "Open questions"), so it can be changed.
     */
    readonly mockDnfCommand?: string;
    /**
     * How long a VM may fail to be a working builder (slot held, kojid active) before its health endpoint asks Azure
     * to replace it, in seconds. Default 1200: first boot installs packages for several minutes. Waiting on the pool
     * (a secret not uploaded yet, every slot held) never counts.
     */
    readonly healthGraceSeconds?: number;
    /**
     * Also install `nosync.i686`; only useful when the hosts take i686 tasks (Fedora installs it on x86_64 builders for i686 builds).
     * Default false: v3 builders take x86_64_v3 (and noarch) tasks only.
     */
    readonly i686Nosync?: boolean;
}

/** Fedora runs `maxjobs = 25` on its 8-vCPU buildvms (Fedora's ansible kojid.conf; inventory/group_vars/buildvm_rdu3 `num_cpus: 8`). */
const FEDORA_MAXJOBS = 25;
const FEDORA_BUILDVM_VCPUS = 8;

/**
 * Default `maxjobs`: Fedora's ratio of about 3 jobs per vCPU (25 on 8 vCPUs), capped at Fedora's 25.
 * Many jobs are light (parent `build` tasks wait, weight 0.2; koji builder/kojid BuildTask.weight), so jobs outnumber vCPUs;
 * the hub's per-host capacity still bounds the real load.
 */
export function defaultMaxJobs(vCpus: number): number {
    return Math.min(FEDORA_MAXJOBS, Math.max(1, Math.round((vCpus * FEDORA_MAXJOBS) / FEDORA_BUILDVM_VCPUS)));
}

/** The pool's `maxjobs`: the setting, else `defaultMaxJobs` of its vCPUs. kojid.conf and the stop timeout read this. */
export function maxJobsOf(settings: Pick<BuilderCloudInitSettings, "maxJobs" | "vCpus">): number {
    return settings.maxJobs ?? defaultMaxJobs(settings.vCpus);
}

/** Azure's finite blob lease durations (Lease Blob REST API). */
export const LEASE_SECONDS_RANGE = { min: 15, max: 60 } as const;
export const DEFAULT_LEASE_SECONDS = 60;
export const DEFAULT_SLOTS_CONTAINER = "slots";
export const DEFAULT_MOCK_DNF_COMMAND = "/usr/bin/dnf-3";
/** What `mockDnfCommand` may be: an absolute path, nothing a Python string or a shell could read differently. */
export const MOCK_DNF_COMMAND_PATTERN = /^\/[A-Za-z0-9_./-]+$/;
export { DEFAULT_HEALTH_GRACE_SECONDS } from "../instance-health";
/** The local port and path of the health endpoint the Application Health extension probes. */
export const HEALTH_ENDPOINT = { port: 8089, path: "/health" } as const;

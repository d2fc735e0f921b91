/**
 * The builder's cloud-init: `#cloud-config` user data for a Fedora Cloud x64 VM that becomes a Koji
 * x86_64_v3 builder (issue 3). Pure: the same settings always give the same text; no Pulumi here.
 * No secret is ever in it: the slot's keytab or certificate is fetched at boot with the VM's managed identity.
 *
 * Boot order, enforced by systemd rather than by the order of commands:
 *   kojid  ─Requires/After→ koji-cpu-guard (x86-64-v3 or nothing), koji-slot (claim + secret + host name),
 *          ─BindsTo/After→  koji-slot-renew (kojid stops the moment the renewer stops),
 *          ─RequiresMountsFor→ /var/lib/mock.
 *   azure-scheduled-events runs beside them and hands the work back on Preempt/Terminate.
 * Facts cite `shared/research/koji-builders.md` (below: "research") and the source it names.
 */
import { readFileSync } from "fs";
import * as path from "path";
import { gzipSync } from "zlib";
import { stringify } from "yaml";
import { builderSlots } from "../slots";
import { renderEnvironmentFile, renderIni, IniSections } from "./ini";
import { BUILDER_PATHS, DEFAULT_PRINCIPAL_SERVICE, renderKojidConf, renderKrb5Snippet, renderMockSiteDefaults } from "./kojid";
import {
    BuilderCloudInitSettings,
    DEFAULT_LEASE_SECONDS,
    DEFAULT_SLOTS_CONTAINER,
    LEASE_SECONDS_RANGE,
    MockDiskPlacement,
} from "./settings";

export * from "./settings";
export { BUILDER_PATHS } from "./kojid";

/** The shell scripts shipped to the builder, kept as files beside this module so they are tested as files. */
export const BUILDER_SCRIPTS = ["check-x86-64-v3", "koji-slot", "azure-scheduled-events"] as const;
export const SCRIPTS_DIR = path.join(__dirname, "scripts");
const SBIN = "/usr/local/sbin";
const BUILDER_ENV = "/etc/koji-builder/builder.env";
const SLOTS_FILE = "/etc/koji-builder/slots";

/** issue 3 and research 6: kojid and its helpers; createrepo_c, git and svn come with koji-builder (research 1.1). */
const BASE_PACKAGES = [
    "koji-builder",
    "koji-builder-plugins",
    "mock",
    "mock-rpmautospec",
    "nosync",
    "python3-koji",
    "krb5-workstation",
    "rng-tools", // Fedora enables rngd on its builders (research 1.1)
    "jq", // the slot tool and the events watcher parse IMDS and REST answers with it
];

/**
 * A `write_files` entry; `gz+b64` content is gzipped and base64-encoded (cloud-init decodes it). `defer`
 * writes it in the final stage, after the packages are installed and before `runcmd` (cloud-init docs,
 * write_files): a file a package also ships must not race the package's copy.
 */
interface WriteFile {
    readonly path: string;
    readonly content: string;
    readonly permissions: string;
    readonly encoding?: "gz+b64";
    readonly defer?: true;
}

const file = (filePath: string, content: string, permissions = "0644"): WriteFile => ({ path: filePath, content, permissions });

/** Systemd unit text from sections (systemd's `Key=Value`, no spaces). */
const unit = (sections: IniSections): string => renderIni(sections, { separator: "=" });

function checkSettings(settings: BuilderCloudInitSettings): void {
    const https = (what: string, url: string) => {
        if (new URL(url).protocol !== "https:") {
            throw new Error(`${what} must be an https URL, got ${url}`);
        }
    };
    https("kojiHubUrl", settings.kojiHubUrl);
    https("storageBlobEndpoint", settings.storageBlobEndpoint);
    https("keyVaultUri", settings.keyVaultUri);
    if (settings.auth.kind === "kerberos") {
        https("auth.kdcProxyUrl", settings.auth.kdcProxyUrl);
    }
    if (settings.topUrls.length === 0) {
        throw new Error("topUrls needs at least one URL: kojid refuses to start without topurl (research 1.2)");
    }
    settings.topUrls.forEach((url) => new URL(url));
    if (!Number.isInteger(settings.vCpus) || settings.vCpus < 1) {
        throw new Error(`vCpus must be a positive integer, got ${settings.vCpus}`);
    }
    const lease = settings.leaseSeconds ?? DEFAULT_LEASE_SECONDS;
    if (!Number.isInteger(lease) || lease < LEASE_SECONDS_RANGE.min || lease > LEASE_SECONDS_RANGE.max) {
        throw new Error(`leaseSeconds must be ${LEASE_SECONDS_RANGE.min}..${LEASE_SECONDS_RANGE.max} (Azure), got ${lease}`);
    }
}

/** Disk setup for `/var/lib/mock`, and the units kojid must wait for beyond the mount itself. */
interface MockDiskPlan {
    readonly cloudConfig: Record<string, unknown>;
    readonly files: readonly WriteFile[];
    readonly packages: readonly string[];
    readonly runcmd: ReadonlyArray<readonly string[]>;
    readonly kojidAfter: readonly string[];
}

function mockDiskPlan(placement: MockDiskPlacement, dataDiskLun: number): MockDiskPlan {
    const none: MockDiskPlan = { cloudConfig: {}, files: [], packages: [], runcmd: [], kojidAfter: [] };
    switch (placement) {
        case "nvme":
            // azure-vm-utils' opt-in service formats (RAID0 with mdadm for several disks) and mounts the local
            // NVMe disks at its configured mount point (research 5, AVU azure-ephemeral-disk-setup.conf keys).
            return {
                ...none,
                files: [
                    file(
                        "/etc/azure-ephemeral-disk-setup.conf",
                        renderEnvironmentFile({
                            AZURE_EPHEMERAL_DISK_SETUP_AGGREGATION: "mdadm",
                            AZURE_EPHEMERAL_DISK_SETUP_FS_TYPE: "xfs",
                            AZURE_EPHEMERAL_DISK_SETUP_MOUNT_POINT: BUILDER_PATHS.mockDir,
                            AZURE_EPHEMERAL_DISK_SETUP_SCSI_RESOURCE: "false",
                        }),
                    ),
                ],
                packages: ["mdadm"],
                runcmd: [["systemctl", "enable", "--now", "azure-ephemeral-disk-setup.service"]],
                kojidAfter: ["azure-ephemeral-disk-setup.service"],
            };
        case "resource":
            // cloud-init's Azure datasource formats the resource disk as `ephemeral0`; mount it here, not at /mnt.
            return { ...none, cloudConfig: { mounts: [["ephemeral0", BUILDER_PATHS.mockDir]] } };
        case "data-disk": {
            // azure-vm-utils' stable link for the LUN (research 5, AVU disk-identification.md); never reformatted.
            const device = `/dev/disk/azure/data/by-lun/${dataDiskLun}`;
            return {
                ...none,
                cloudConfig: {
                    fs_setup: [{ label: "koji-mock", filesystem: "xfs", device, partition: "none", overwrite: false }],
                    mounts: [[device, BUILDER_PATHS.mockDir, "xfs", "defaults,nofail", "0", "2"]],
                },
            };
        }
        case "os-disk":
            return none;
    }
}

/** The environment of the slot tool and the events watcher (see the header of scripts/koji-slot). */
function builderEnvironment(settings: BuilderCloudInitSettings): Record<string, string | number> {
    const container = settings.slotsContainerName ?? DEFAULT_SLOTS_CONTAINER;
    const auth: Record<string, string> =
        settings.auth.kind === "kerberos"
            ? {
                  KOJI_AUTH: "kerberos",
                  KOJI_KRB5_REALM: settings.auth.realm,
                  KOJI_PRINCIPAL_SERVICE: settings.auth.principalService ?? DEFAULT_PRINCIPAL_SERVICE,
              }
            : { KOJI_AUTH: "certificate" };
    return {
        KOJI_SLOTS_FILE: SLOTS_FILE,
        KOJI_SLOTS_CONTAINER_URL: new URL(`${container}/`, settings.storageBlobEndpoint.replace(/\/?$/, "/")).href.replace(/\/$/, ""),
        KOJI_KEY_VAULT_URI: settings.keyVaultUri,
        AZURE_CLIENT_ID: settings.managedIdentityClientId,
        KOJI_LEASE_SECONDS: settings.leaseSeconds ?? DEFAULT_LEASE_SECONDS,
        ...auth,
        KOJID_CONF: BUILDER_PATHS.kojidConf,
        KOJID_KEYTAB: BUILDER_PATHS.keytab,
        KOJID_CLIENT_CERT: BUILDER_PATHS.clientCert,
        KOJI_SLOT_BIN: `${SBIN}/koji-slot`,
    };
}

/** One line per slot: `<slot id> <host name> <secret name>`, all from `lib/slots.ts`. */
function slotsFile(settings: BuilderCloudInitSettings): string {
    return builderSlots(settings.poolName, settings.slotCount, settings.hostDomain)
        .map((slot) => `${slot.id} ${slot.hostName} ${slot.secretName}\n`)
        .join("");
}

function units(kojidAfter: readonly string[]): WriteFile[] {
    const env = { EnvironmentFile: BUILDER_ENV };
    const onlineNetwork = { Wants: "network-online.target", After: "network-online.target" };
    const guardAndClaim = ["koji-cpu-guard.service", "koji-slot.service"];
    return [
        file(
            "/etc/systemd/system/koji-cpu-guard.service",
            unit({
                Unit: { Description: "Refuse to run kojid unless this CPU is x86-64-v3" },
                Service: { Type: "oneshot", RemainAfterExit: "yes", ExecStart: `${SBIN}/check-x86-64-v3` },
            }),
        ),
        file(
            "/etc/systemd/system/koji-slot.service",
            unit({
                Unit: { Description: "Claim a Koji builder slot (blob lease) and install its secret", ...onlineNetwork },
                Service: {
                    Type: "oneshot",
                    RemainAfterExit: "yes",
                    ...env,
                    ExecStart: `${SBIN}/koji-slot claim`,
                    // Stopped after kojid (reverse order), so the lease is given back only once kojid is down.
                    ExecStop: `${SBIN}/koji-slot release`,
                    // Claim passes default to 60 x 10 s: a replaced VM's lease must have time to expire.
                    TimeoutStartSec: "20min",
                },
            }),
        ),
        file(
            "/etc/systemd/system/koji-slot-renew.service",
            unit({
                Unit: { Description: "Renew this builder's slot lease", BindsTo: "koji-slot.service", After: "koji-slot.service" },
                // No Restart=: after a lost lease another VM may hold the slot; this one must stay down.
                Service: { Type: "simple", ...env, ExecStart: `${SBIN}/koji-slot renew` },
            }),
        ),
        file(
            "/etc/systemd/system/azure-scheduled-events.service",
            unit({
                Unit: { Description: "Hand Koji tasks back on Azure Preempt/Terminate events", ...onlineNetwork },
                Service: { Type: "simple", ...env, ExecStart: `${SBIN}/azure-scheduled-events`, Restart: "always", RestartSec: 5 },
                Install: { WantedBy: "multi-user.target" },
            }),
        ),
        file(
            "/etc/systemd/system/kojid.service.d/50-azure-builder.conf",
            unit({
                Unit: {
                    Requires: [...guardAndClaim, ...kojidAfter],
                    BindsTo: "koji-slot-renew.service",
                    After: [...guardAndClaim, "koji-slot-renew.service", ...kojidAfter],
                    RequiresMountsFor: BUILDER_PATHS.mockDir,
                },
                Service: {
                    // Koji's note on mock's directory: group mock, setgid (research 1.2 and 1.3; Fedora uses 2775).
                    // Here rather than in runcmd: a fresh local disk after a redeploy comes back root-owned.
                    ExecStartPre: `/usr/bin/install -d -o root -g mock -m 2775 ${BUILDER_PATHS.mockDir}`,
                    TasksMax: "infinity", // Fedora's kojid.service override (research 1.2, ANS files/kojid.service)
                    // Fedora raises nofile to 4096 in limits.conf (research 1.2); PAM limits do not reach services.
                    LimitNOFILE: "4096:524288",
                    // kojid's SIGTERM handler frees its tasks at once (research 3.2); if it hangs, it must still be
                    // gone well inside a Spot eviction's ~30 s notice, so the lease release and the ack go out in time.
                    TimeoutStopSec: "20s",
                },
            }),
        ),
    ];
}

function scriptFiles(): WriteFile[] {
    return BUILDER_SCRIPTS.map((name) => file(`${SBIN}/${name}`, readFileSync(path.join(SCRIPTS_DIR, name), "utf8"), "0755"));
}

/** Renders the `#cloud-config` user data for one pool's builders. Throws on settings Azure or kojid would refuse. */
export function renderBuilderCloudInit(settings: BuilderCloudInitSettings): string {
    checkSettings(settings);
    const disk = mockDiskPlan(settings.mockDisk, settings.dataDiskLun ?? 0);
    const auth = settings.auth;
    const files: WriteFile[] = [
        { ...file(BUILDER_PATHS.kojidConf, renderKojidConf(settings)), defer: true }, // koji-builder ships one
        ...(auth.kind === "kerberos"
            ? // krb5's includedir skips names with anything but letters, digits, - and _ (krb5.conf(5)).
              [file(`/etc/krb5.conf.d/${auth.realm.toLowerCase().replace(/[^a-z0-9_-]/g, "_")}`, renderKrb5Snippet(auth, settings.kojiHubUrl))]
            : []),
        { ...file("/etc/mock/site-defaults.cfg", renderMockSiteDefaults()), defer: true }, // mock ships one
        // Fedora's builders: nofile 4096 (research 1.2), for login sessions; kojid gets it from its drop-in.
        file("/etc/security/limits.d/90-koji-nofile.conf", "* - nofile 4096\n"),
        // Fedora runs its builders permissive (research 1.2); setenforce below covers this boot.
        file("/etc/selinux/config", "SELINUX=permissive\nSELINUXTYPE=targeted\n"),
        file(BUILDER_ENV, renderEnvironmentFile(builderEnvironment(settings))),
        // Up to 1000 lines (the Flexible limit) would not fit Azure's 64 KiB custom data uncompressed.
        { ...file(SLOTS_FILE, gzipSync(slotsFile(settings)).toString("base64")), encoding: "gz+b64" },
        ...disk.files,
        ...scriptFiles(),
        ...units(disk.kojidAfter),
    ];
    const runcmd: ReadonlyArray<readonly string[]> = [
        ["setenforce", "0"],
        ["systemctl", "mask", "--now", "systemd-oomd.service"], // as Fedora's builders (research 1.2)
        ...disk.runcmd,
        ["systemctl", "daemon-reload"],
        ["systemctl", "enable", "--now", "rngd.service", "azure-scheduled-events.service"],
        ["systemctl", "enable", "kojid.service"],
        // kojid pulls in the CPU guard, the slot claim and the renewer; the claim may wait for a free slot.
        ["systemctl", "start", "--no-block", "kojid.service"],
    ];
    const cloudConfig = {
        packages: [...BASE_PACKAGES, ...(settings.i686Nosync ? ["nosync.i686"] : []), ...disk.packages],
        write_files: files,
        ...disk.cloudConfig,
        runcmd,
    };
    return `#cloud-config\n${stringify(cloudConfig, { lineWidth: 0 })}`;
}

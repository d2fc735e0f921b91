/**
 * The builder's cloud-init: `#cloud-config` user data for a Fedora Cloud x64 VM that becomes a Koji
 * x86_64_v3 builder. Pure: the same settings always give the same text; no Pulumi here.
 * No secret is ever in it: the slot's keytab or certificate is fetched at boot with the VM's managed identity.
 *
 * The units, and what orders them (systemd, not the order of commands):
 *   koji-egress-guard   nftables: IMDS and the WireServer closed to all but the allowed units (./egress.ts); early.
 *   koji-slot           the slot holder (scripts/koji-slot hold): claims, renews, starts and stops kojid; restarts
 *                       forever. Requires the egress guard and the CPU guard (x86-64-v3 or nothing).
 *   kojid               bound to koji-slot (stops first when it stops), started by it only on a fresh lease.
 *   azure-scheduled-events  hands the work back on Preempt/Terminate; restarts forever.
 *   koji-health.socket  the Application Health extension's endpoint (one `koji-slot health` per probe).
 */
import { readFileSync } from "fs";
import * as path from "path";
import { gzipSync } from "zlib";
import { planInstanceHealth } from "../instance-health";
import { builderSlots } from "../slots";
import { renderEnvironmentFile } from "./ini";
import { EGRESS_GUARD_FIRST_BOOT, EGRESS_GUARD_UNIT, egressGuardFiles, PLATFORM_NFT_SET } from "./egress";
import { file, renderCloudConfig, RESTART_FOREVER, unit, WriteFile } from "./files";
import { BUILDER_PATHS, DEFAULT_PRINCIPAL_SERVICE, kojidStopTimeoutSeconds, renderKojidConf, renderKrb5Snippet, renderMockSiteDefaults } from "./kojid";
import {
    BuilderCloudInitSettings,
    DEFAULT_HEALTH_GRACE_SECONDS,
    DEFAULT_LEASE_SECONDS,
    DEFAULT_SLOTS_CONTAINER,
    HEALTH_ENDPOINT,
    LEASE_SECONDS_RANGE,
    maxJobsOf,
    MOCK_DNF_COMMAND_PATTERN,
    MockDiskPlacement,
} from "./settings";
import { InputPropertyError } from "../input-property-error";

export * from "./settings";
export { BUILDER_PATHS, kojidStopTimeoutSeconds } from "./kojid";

/** The shell scripts shipped to the builder, kept as files beside this module so they are tested as files. */
export const BUILDER_SCRIPTS = ["check-x86-64-v3", "koji-slot", "azure-scheduled-events"] as const;
export const SCRIPTS_DIR = path.join(__dirname, "scripts");
const SBIN = "/usr/local/sbin";
const BUILDER_ENV = "/etc/koji-builder/builder.env";
const SLOTS_FILE = "/etc/koji-builder/slots";

/** kojid and its helpers, as Fedora's koji_builder role installs them; createrepo_c, git and svn come with koji-builder. */
const BASE_PACKAGES = [
    "koji-builder",
    "koji-builder-plugins",
    "mock",
    "mock-rpmautospec",
    "nosync",
    "python3-koji",
    "krb5-workstation",
    "rng-tools", // Fedora enables rngd on its builders
    "jq", // the slot tool and the events watcher parse IMDS and REST answers with it
    "nftables", // the egress guard
];

function checkSettings(settings: BuilderCloudInitSettings): void {
    const https = (what: string, url: string) => {
        if (new URL(url).protocol !== "https:") {
            throw new InputPropertyError(what, `${what} must be an https URL, got ${url}`);
        }
    };
    https("kojiHubUrl", settings.kojiHubUrl);
    https("storageBlobEndpoint", settings.storageBlobEndpoint);
    https("keyVaultUri", settings.keyVaultUri);
    if (settings.auth.kind === "kerberos") {
        https("auth.kdcProxyUrl", settings.auth.kdcProxyUrl);
    }
    if (settings.topUrls.length === 0) {
        throw new InputPropertyError("topUrls", "topUrls needs at least one URL: kojid refuses to start without topurl");
    }
    settings.topUrls.forEach((url) => new URL(url));
    if (!Number.isInteger(settings.vCpus) || settings.vCpus < 1) {
        throw new InputPropertyError("vCpus", `vCpus must be a positive integer, got ${settings.vCpus}`);
    }
    const lease = settings.leaseSeconds ?? DEFAULT_LEASE_SECONDS;
    if (!Number.isInteger(lease) || lease < LEASE_SECONDS_RANGE.min || lease > LEASE_SECONDS_RANGE.max) {
        throw new InputPropertyError("leaseSeconds", `leaseSeconds must be ${LEASE_SECONDS_RANGE.min}..${LEASE_SECONDS_RANGE.max} (Azure), got ${lease}`);
    }
    // The grace's range is Azure's: one rule, in lib/instance-health.ts.
    planInstanceHealth(HEALTH_ENDPOINT, settings.healthGraceSeconds);
    if (settings.mockDnfCommand !== undefined && !MOCK_DNF_COMMAND_PATTERN.test(settings.mockDnfCommand)) {
        throw new InputPropertyError("mockDnfCommand", `mockDnfCommand must be an absolute path, got ${JSON.stringify(settings.mockDnfCommand)}`);
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
            // NVMe disks at its configured mount point (Azure/azure-vm-utils doc/azure-ephemeral-disk-setup.md).
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
            // azure-vm-utils' stable link for the LUN (Azure/azure-vm-utils doc/disk-identification.md); never reformatted.
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
        KOJI_HEALTH_GRACE_SECONDS: settings.healthGraceSeconds ?? DEFAULT_HEALTH_GRACE_SECONDS,
        // A drain ends this long before the Terminate event's NotBefore: kojid's stop, the release and the ack.
        KOJI_DRAIN_STOP_SECONDS: kojidStopTimeoutSeconds(maxJobsOf(settings)) + 15,
    };
}

/** One line per slot: `<slot id> <host name> <secret name>`, all from `lib/slots.ts`. */
function slotsFile(settings: BuilderCloudInitSettings): string {
    return builderSlots(settings.poolName, settings.slotCount, settings.hostDomain)
        .map((slot) => `${slot.id} ${slot.hostName} ${slot.secretName}\n`)
        .join("");
}

function units(settings: BuilderCloudInitSettings, kojidAfter: readonly string[]): WriteFile[] {
    const env = { EnvironmentFile: BUILDER_ENV };
    const onlineNetwork = { Wants: "network-online.target", After: ["network-online.target", EGRESS_GUARD_UNIT] };
    const gates = [EGRESS_GUARD_UNIT, "koji-cpu-guard.service", "koji-slot.service"];
    return [
        ...egressGuardFiles(),
        file(
            "/etc/systemd/system/koji-cpu-guard.service",
            unit({
                // No restart: a CPU without x86-64-v3 stays so; the health endpoint asks Azure to replace the VM.
                Unit: { Description: "Refuse to run kojid unless this CPU is x86-64-v3" },
                Service: { Type: "oneshot", RemainAfterExit: "yes", ExecStart: `${SBIN}/check-x86-64-v3` },
            }),
        ),
        file(
            "/etc/systemd/system/koji-slot.service",
            unit({
                Unit: {
                    Description: "Hold a Koji builder slot (blob lease), its secret and host name; run kojid while held",
                    ...onlineNetwork,
                    Requires: [EGRESS_GUARD_UNIT, "koji-cpu-guard.service"],
                    After: [...onlineNetwork.After, "koji-cpu-guard.service"],
                    ...RESTART_FOREVER,
                },
                Service: {
                    Type: "simple",
                    ...env,
                    ExecStart: `${SBIN}/koji-slot hold`,
                    Restart: "always",
                    RestartSec: "5s",
                    // On stop: one token request and one release request, each bounded by curl's timeouts.
                    TimeoutStopSec: "45s",
                    NFTSet: PLATFORM_NFT_SET,
                },
                Install: { WantedBy: "multi-user.target" },
            }),
        ),
        file(
            "/etc/systemd/system/azure-scheduled-events.service",
            unit({
                Unit: { Description: "Hand Koji tasks back on Azure Preempt/Terminate events", ...onlineNetwork, ...RESTART_FOREVER },
                Service: { Type: "simple", ...env, ExecStart: `${SBIN}/azure-scheduled-events`, Restart: "always", RestartSec: "5s", NFTSet: PLATFORM_NFT_SET },
                Install: { WantedBy: "multi-user.target" },
            }),
        ),
        // The health endpoint: one short-lived `koji-slot health` per probe (inetd style), nothing resident.
        file(
            "/etc/systemd/system/koji-health.socket",
            unit({
                Unit: { Description: "Koji builder health endpoint for Azure's Application Health extension" },
                // Both loopbacks: the extension asks for localhost. FreeBind: ::1 may be absent.
                Socket: { ListenStream: { each: [`127.0.0.1:${HEALTH_ENDPOINT.port}`, `[::1]:${HEALTH_ENDPOINT.port}`] }, FreeBind: "yes", Accept: "yes" },
                Install: { WantedBy: "sockets.target" },
            }),
        ),
        file(
            "/etc/systemd/system/koji-health@.service",
            unit({
                Unit: { Description: "Answer one Koji builder health probe" },
                Service: {
                    ...env,
                    ExecStart: `${SBIN}/koji-slot health`,
                    StandardInput: "socket",
                    StandardOutput: "socket",
                    StandardError: "journal",
                    RuntimeMaxSec: "10s",
                },
            }),
        ),
        file(
            "/etc/systemd/system/kojid.service.d/50-azure-builder.conf",
            unit({
                Unit: {
                    Requires: [...gates, ...kojidAfter],
                    // Bound to the slot holder: if it stops or dies, kojid stops first (it may not outlive the lease).
                    BindsTo: "koji-slot.service",
                    After: [...gates, ...kojidAfter],
                    RequiresMountsFor: BUILDER_PATHS.mockDir,
                    ...RESTART_FOREVER,
                },
                Service: {
                    // kojid runs only on a lease that cannot have expired; koji-slot starts it after each claim.
                    ExecStartPre: {
                        each: [
                            `${SBIN}/koji-slot check`,
                            // Koji's note on mock's directory: group mock, setgid (Fedora uses 2775). Here rather than in
                            // runcmd: a fresh local disk after a redeploy comes back root-owned.
                            `/usr/bin/install -d -o root -g mock -m 2775 ${BUILDER_PATHS.mockDir}`,
                        ],
                    },
                    EnvironmentFile: BUILDER_ENV,
                    TasksMax: "infinity", // Fedora's kojid.service override (fedora-infra/ansible roles/koji_builder/files/kojid.service)
                    // Fedora raises nofile to 4096 in limits.conf; PAM limits do not reach services.
                    LimitNOFILE: "4096:524288",
                    // kojid's own shutdown signals its tasks, SIGINT first so mock can clean up; systemd's default
                    // (SIGTERM to every process at once) would pre-empt that. Left-overs are killed once kojid is gone.
                    KillMode: "mixed",
                    // Long enough for kojid's own shutdown to free its tasks (see kojidStopTimeoutSeconds).
                    TimeoutStopSec: `${kojidStopTimeoutSeconds(maxJobsOf(settings))}s`,
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
        { ...file("/etc/mock/site-defaults.cfg", renderMockSiteDefaults(settings)), defer: true }, // mock ships one
        // Fedora's builders: nofile 4096, for login sessions; kojid gets it from its drop-in.
        file("/etc/security/limits.d/90-koji-nofile.conf", "* - nofile 4096\n"),
        // Fedora runs its builders permissive; setenforce below covers this boot.
        file("/etc/selinux/config", "SELINUX=permissive\nSELINUXTYPE=targeted\n"),
        file(BUILDER_ENV, renderEnvironmentFile(builderEnvironment(settings))),
        // Up to 1000 lines (the Flexible limit) would not fit Azure's 64 KiB custom data uncompressed.
        { ...file(SLOTS_FILE, gzipSync(slotsFile(settings)).toString("base64")), encoding: "gz+b64" },
        ...disk.files,
        ...scriptFiles(),
        ...units(settings, disk.kojidAfter),
    ];
    const runcmd: ReadonlyArray<readonly string[]> = [
        ["setenforce", "0"],
        ["systemctl", "mask", "--now", "systemd-oomd.service"], // as Fedora's builders
        ...disk.runcmd,
        // The guard comes first (EGRESS_GUARD_FIRST_BOOT says why twice a reload).
        ...EGRESS_GUARD_FIRST_BOOT,
        ["systemctl", "enable", "--now", "rngd.service", "azure-scheduled-events.service", "koji-health.socket"],
        // The holder claims a slot (waiting as long as it takes) and then starts kojid.
        ["systemctl", "enable", "--now", "--no-block", "koji-slot.service"],
    ];
    const cloudConfig = {
        packages: [...BASE_PACKAGES, ...(settings.i686Nosync ? ["nosync.i686"] : []), ...disk.packages],
        write_files: files,
        ...disk.cloudConfig,
        runcmd,
    };
    return renderCloudConfig(cloudConfig);
}

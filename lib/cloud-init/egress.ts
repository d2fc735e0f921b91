/**
 * The builder's egress guard: builds must not reach Azure's Instance Metadata Service or the WireServer.
 *
 * SRPM tasks run with networking on (kojid sets mock's `rpmbuild_networking`), so any spec file or scriptlet
 * could ask IMDS for the pool identity's token, and NSG rules do not filter IMDS. Fedora's own builders drop
 * outbound traffic by default with nftables (fedora-infra/ansible roles/base/templates/nftables/nftables.kojibuilder).
 * Here only the two platform addresses are closed, and only to processes outside an allowed set of systemd
 * cgroups: scriptlets run as root inside the build chroot, so a uid match would let them through.
 *
 * How the set is filled: systemd's `NFTSet=cgroup:<family>:<table>:<set>` adds a unit's cgroup id to the set
 * when the cgroup is realized and removes it when the unit goes away; `systemctl daemon-reload` refills sets that
 * a reload of the rules emptied (systemd.resource-control(5), NFTSet=, systemd 255 and later; Fedora 40 and later
 * ship 255+). A cgroup path in the rules themselves would not do: nft resolves it once, when the rules load, and
 * fails if the unit is not running yet.
 */
import { IniSections } from "./ini";
import { file, RESTART_FOREVER, unit, WriteFile } from "./files";

export const EGRESS_TABLE = "koji_builder_egress";
export const PLATFORM_CLIENTS_SET = "platform_clients";
/** The unit that loads the ruleset; everything that needs IMDS or the WireServer starts after it. */
export const EGRESS_GUARD_UNIT = "koji-egress-guard.service";
export const EGRESS_RULESET_PATH = "/etc/koji-builder/egress.nft";

/** Azure's link-local metadata endpoint (learn.microsoft.com/azure/virtual-machines/instance-metadata-service). */
export const IMDS_ADDRESS = "169.254.169.254";
/**
 * Azure's virtual public IP: the WireServer (the guest agent's channel, ports 80 and 32526) and also the
 * virtual network's DNS (53) and DHCP (67) server, which builds need
 * (learn.microsoft.com/azure/virtual-network/what-is-ip-address-168-63-129-16).
 */
export const WIRESERVER_ADDRESS = "168.63.129.16";

/** The `NFTSet=` value that puts a unit (or slice) into the allowed set. */
export const PLATFORM_NFT_SET = `cgroup:inet:${EGRESS_TABLE}:${PLATFORM_CLIENTS_SET}`;

/**
 * Platform units outside this program that must keep their access, with why. cloud-init's Azure datasource reads
 * IMDS and reports ready to the WireServer, and updates network configuration from IMDS on every boot; its unit
 * names changed in cloud-init 24.3 (cloud-init-network.service, cloud-init-main.service), so both generations are
 * listed (a drop-in for a unit that does not exist is ignored). WALinuxAgent (`waagent.service` on Fedora, shipped
 * in Fedora Cloud's Azure image, fedora-kiwi-descriptions teams/cloud/cloud.xml) talks to the WireServer and runs
 * the VM extensions, the Application Health extension among them, in `azure.slice`.
 */
export const PLATFORM_UNITS: readonly string[] = [
    "cloud-init-local.service",
    "cloud-init.service",
    "cloud-init-network.service",
    "cloud-init-main.service",
    "cloud-config.service",
    "cloud-final.service",
    "waagent.service",
];
export const PLATFORM_SLICES: readonly string[] = ["azure.slice"];

/**
 * The ruleset. `table …; delete table …; table … { }` replaces this one table in one transaction, so loading it
 * twice is harmless and no other table (another firewall's) is touched. Services sit at cgroup level 2
 * (`system.slice/<unit>`), slices at level 1: both levels are matched against the set.
 */
export function renderEgressRuleset(): string {
    const closed = `{ ${IMDS_ADDRESS}, ${WIRESERVER_ADDRESS} }`;
    return [
        `# Loaded by ${EGRESS_GUARD_UNIT} before anything that runs builds. Rendered by lib/cloud-init/egress.ts.`,
        `table inet ${EGRESS_TABLE}`,
        `delete table inet ${EGRESS_TABLE}`,
        `table inet ${EGRESS_TABLE} {`,
        `    # Cgroup ids of the units allowed to reach IMDS and the WireServer; systemd fills it (NFTSet=).`,
        `    set ${PLATFORM_CLIENTS_SET} {`,
        `        type cgroupsv2`,
        `    }`,
        ``,
        `    chain output {`,
        `        type filter hook output priority filter; policy accept;`,
        `        ip daddr != ${closed} accept`,
        `        # Replies within connections already let through (and answers to probes that came in).`,
        `        ct state established,related accept`,
        `        # The virtual network's DNS and DHCP answer at the WireServer's address: open to everyone.`,
        `        ip daddr ${WIRESERVER_ADDRESS} udp dport { 53, 67 } accept`,
        `        ip daddr ${WIRESERVER_ADDRESS} tcp dport 53 accept`,
        `        socket cgroupv2 level 2 @${PLATFORM_CLIENTS_SET} accept`,
        `        socket cgroupv2 level 1 @${PLATFORM_CLIENTS_SET} accept`,
        `        # Refused at once rather than dropped, so a build that tries fails fast instead of hanging.`,
        `        meta l4proto tcp counter reject with tcp reset`,
        `        counter reject with icmpx admin-prohibited`,
        `    }`,
        `}`,
        ``,
    ].join("\n");
}

/** The drop-in that lets a platform unit (or slice) through; ordered after the guard so the set exists. */
export function platformDropIn(unitName: string): IniSections {
    const section = unitName.endsWith(".slice") ? "Slice" : "Service";
    return { Unit: { After: EGRESS_GUARD_UNIT }, [section]: { NFTSet: PLATFORM_NFT_SET } };
}

/**
 * The guard's files on a VM: the ruleset, the unit that loads it and the platform units' drop-ins. The VM's own
 * services that need IMDS (the slot holder, the events watcher) add `NFTSet=` themselves; a VM with none (the
 * package cache) closes IMDS to everything but the platform.
 */
export function egressGuardFiles(): WriteFile[] {
    return [
        file(EGRESS_RULESET_PATH, renderEgressRuleset()),
        file(
            `/etc/systemd/system/${EGRESS_GUARD_UNIT}`,
            unit({
                // Early and on its own, as Fedora's nftables.service: before the network and before cloud-init's first
                // stage, so every unit that may reach IMDS starts after the set it is put in exists.
                Unit: {
                    Description: "Close IMDS and the WireServer to everything but the VM's own platform services",
                    DefaultDependencies: "no",
                    Wants: "network-pre.target",
                    Before: ["network-pre.target", "shutdown.target", ...PLATFORM_UNITS],
                    Conflicts: "shutdown.target",
                    ...RESTART_FOREVER,
                },
                Service: {
                    Type: "oneshot",
                    RemainAfterExit: "yes",
                    ExecStart: `/usr/sbin/nft -f ${EGRESS_RULESET_PATH}`,
                    Restart: "on-failure",
                    RestartSec: "10s",
                },
                Install: { WantedBy: "sysinit.target" },
            }),
        ),
        ...[...PLATFORM_UNITS, ...PLATFORM_SLICES].map((name) => file(`/etc/systemd/system/${name}.d/50-koji-egress.conf`, unit(platformDropIn(name)))),
    ];
}

/**
 * runcmd's part on first boot. On later boots the guard runs before cloud-init; on this one cloud-init and the
 * guest agent are already running, and the second daemon-reload puts their cgroups into the set the guard just
 * created (systemd.resource-control(5), NFTSet=: "systemctl daemon-reload can be used to refill the sets").
 */
export const EGRESS_GUARD_FIRST_BOOT: ReadonlyArray<readonly string[]> = [
    ["systemctl", "daemon-reload"],
    ["systemctl", "enable", "--now", EGRESS_GUARD_UNIT],
    ["systemctl", "daemon-reload"],
];

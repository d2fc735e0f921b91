import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { afterAll, describe, expect, it } from "vitest";
import {
    BUILDER_SCRIPTS,
    BuilderCloudInitSettings,
    defaultMaxJobs,
    kojidStopTimeoutSeconds,
    MockDiskPlacement,
    renderBuilderCloudInit,
    SCRIPTS_DIR,
} from "../lib/cloud-init";
import { PLATFORM_SLICES, PLATFORM_UNITS, renderEgressRuleset } from "../lib/cloud-init/egress";
import { fedoraBuilderSettings, parseUserData } from "./helpers/builder-settings";
import { configparser, itWithTools, pythonJson, run } from "./helpers/host-tools";

const work = mkdtempSync(path.join(tmpdir(), "cloud-init-test-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const PLACEMENTS: readonly MockDiskPlacement[] = ["nvme", "resource", "data-disk", "os-disk"];
const certificateSettings = fedoraBuilderSettings({
    kojiHubUrl: "https://koji.example.org/kojihub",
    auth: { kind: "certificate", serverCaPath: "/etc/kojid/hub-ca.crt" },
});

describe("the rendered user data", () => {
    const variants: [string, BuilderCloudInitSettings][] = [
        ...PLACEMENTS.map((mockDisk): [string, BuilderCloudInitSettings] => [`kerberos, ${mockDisk}`, fedoraBuilderSettings({ mockDisk })]),
        ["certificate, nvme", { ...certificateSettings, mockDisk: "nvme" }],
    ];

    for (const [name, settings] of variants) {
        itWithTools(["cloud-init"], `is valid per cloud-init schema (${name})`, () => {
            const file = path.join(work, `user-data-${name.replace(/\W+/g, "-")}.yaml`);
            writeFileSync(file, renderBuilderCloudInit(settings));
            const result = run("cloud-init", ["schema", "--config-file", file]);
            expect(result.stdout + result.stderr).toContain("Valid cloud-config");
            expect(result.status).toBe(0);
        });
    }

    it("starts with #cloud-config and fits Azure's 64 KiB custom data limit", () => {
        const userData = renderBuilderCloudInit(fedoraBuilderSettings({ mockDisk: "nvme", slotCount: 999 }));
        expect(userData.startsWith("#cloud-config\n")).toBe(true);
        expect(Buffer.byteLength(userData)).toBeLessThan(65_535);
    });

    it("installs kojid, mock and their helpers, jq for the scripts and nftables for the egress guard", () => {
        const { config } = parseUserData(renderBuilderCloudInit(fedoraBuilderSettings()));
        expect(config.packages).toEqual([
            "koji-builder",
            "koji-builder-plugins",
            "mock",
            "mock-rpmautospec",
            "nosync",
            "python3-koji",
            "krb5-workstation",
            "rng-tools",
            "jq",
            "nftables",
        ]);
        const withI686 = parseUserData(renderBuilderCloudInit(fedoraBuilderSettings({ i686Nosync: true, mockDisk: "nvme" })));
        expect(withI686.config.packages).toEqual(expect.arrayContaining(["nosync.i686", "mdadm"]));
    });

    it("carries no secret: only names and URLs of where secrets live", () => {
        const { config, file } = parseUserData(renderBuilderCloudInit(fedoraBuilderSettings()));
        const configFiles = config.write_files.filter((entry) => !entry.path.startsWith("/usr/local/sbin/"));
        for (const entry of configFiles) {
            expect(file(entry.path)).not.toMatch(/PRIVATE KEY|BEGIN CERTIFICATE|access_token|password|secret\s*=/i);
        }
        expect(file("/etc/koji-builder/slots")).toBe(
            "v3pool-001 v3pool-001.az.example.org koji-v3pool-001\n" +
                "v3pool-002 v3pool-002.az.example.org koji-v3pool-002\n" +
                "v3pool-003 v3pool-003.az.example.org koji-v3pool-003\n",
        );
    });

    it("tunes the host as Fedora's builders: oomd masked, SELinux permissive, nofile", () => {
        const { config, file } = parseUserData(renderBuilderCloudInit(fedoraBuilderSettings()));
        expect(config.runcmd).toContainEqual(["systemctl", "mask", "--now", "systemd-oomd.service"]);
        expect(config.runcmd).toContainEqual(["setenforce", "0"]);
        expect(file("/etc/selinux/config")).toContain("SELINUX=permissive\n");
        expect(file("/etc/security/limits.d/90-koji-nofile.conf")).toBe("* - nofile 4096\n");
    });

    it("loads the egress guard before anything else starts, refills its set, then starts the holder (which starts kojid)", () => {
        const { config } = parseUserData(renderBuilderCloudInit(fedoraBuilderSettings()));
        const systemctl = config.runcmd.filter((command) => command[0] === "systemctl").map((command) => command.slice(1).join(" "));
        expect(systemctl.slice(-5)).toEqual([
            "daemon-reload",
            "enable --now koji-egress-guard.service",
            "daemon-reload",
            "enable --now rngd.service azure-scheduled-events.service koji-health.socket",
            "enable --now --no-block koji-slot.service",
        ]);
        // kojid is never enabled on its own: only a slot holder with a fresh lease starts it.
        expect(systemctl.some((command) => /kojid/.test(command))).toBe(false);
    });

    itWithTools(["python3"], "binds kojid to the slot holder, gates it on a fresh lease, and gives its shutdown the time it takes", () => {
        const { file } = parseUserData(renderBuilderCloudInit(fedoraBuilderSettings({ mockDisk: "nvme", vCpus: 8 })));
        const dropIn = file("/etc/systemd/system/kojid.service.d/50-azure-builder.conf");
        // Two ExecStartPre lines: systemd runs both, in order (configparser would refuse the repeated key).
        expect(dropIn.match(/^ExecStartPre=.*$/gm)).toEqual([
            "ExecStartPre=/usr/local/sbin/koji-slot check",
            "ExecStartPre=/usr/bin/install -d -o root -g mock -m 2775 /var/lib/mock",
        ]);
        const parsed = configparser(dropIn.replace(/^ExecStartPre=.*\n/gm, ""));
        expect(parsed.Service).toMatchObject({ TasksMax: "infinity", LimitNOFILE: "4096:524288", KillMode: "mixed" });
        // 25 jobs (8 vCPUs) x 8 s of cleanup each + 30 s for freeTasks and updateHost.
        expect(parsed.Service.TimeoutStopSec).toBe(`${25 * 8 + 30}s`);
        expect(kojidStopTimeoutSeconds(25)).toBe(230);
        expect(parsed.Unit.Requires.split(" ")).toEqual([
            "koji-egress-guard.service",
            "koji-cpu-guard.service",
            "koji-slot.service",
            "azure-ephemeral-disk-setup.service",
        ]);
        expect(parsed.Unit.BindsTo).toBe("koji-slot.service");
        expect(parsed.Unit.After.split(" ")).toEqual(expect.arrayContaining(["koji-egress-guard.service", "koji-slot.service"]));
        expect(parsed.Unit.StartLimitIntervalSec).toBe("0");
        expect(parsed.Unit.RequiresMountsFor).toBe("/var/lib/mock");
        const holder = configparser(file("/etc/systemd/system/koji-slot.service"));
        expect(holder.Service).toMatchObject({
            ExecStart: "/usr/local/sbin/koji-slot hold",
            Restart: "always",
            NFTSet: "cgroup:inet:koji_builder_egress:platform_clients",
        });
        expect(holder.Unit.StartLimitIntervalSec).toBe("0");
        expect(holder.Unit.Requires.split(" ")).toEqual(["koji-egress-guard.service", "koji-cpu-guard.service"]);
        expect(file("/etc/azure-ephemeral-disk-setup.conf")).toContain("AZURE_EPHEMERAL_DISK_SETUP_MOUNT_POINT=/var/lib/mock\n");
    });

    itWithTools(["python3"], "lets cloud-init, the guest agent and its extensions through the egress guard, after it", () => {
        const { config, file } = parseUserData(renderBuilderCloudInit(fedoraBuilderSettings()));
        const dropIns = config.write_files.map((entry) => entry.path).filter((entry) => entry.endsWith("/50-koji-egress.conf"));
        expect(dropIns.map((entry) => entry.split("/")[4])).toEqual([...PLATFORM_UNITS, ...PLATFORM_SLICES].map((unit) => `${unit}.d`));
        expect(configparser(file("/etc/systemd/system/waagent.service.d/50-koji-egress.conf"))).toEqual({
            Unit: { After: "koji-egress-guard.service" },
            Service: { NFTSet: "cgroup:inet:koji_builder_egress:platform_clients" },
        });
        expect(configparser(file("/etc/systemd/system/azure.slice.d/50-koji-egress.conf")).Slice).toEqual({
            NFTSet: "cgroup:inet:koji_builder_egress:platform_clients",
        });
        const guard = configparser(file("/etc/systemd/system/koji-egress-guard.service"));
        expect(guard.Service.ExecStart).toBe("/usr/sbin/nft -f /etc/koji-builder/egress.nft");
        expect(guard.Unit.Before.split(" ")).toEqual(expect.arrayContaining(["network-pre.target", "cloud-init-local.service", "waagent.service"]));
        expect(file("/etc/koji-builder/egress.nft")).toBe(renderEgressRuleset());
    });

    itWithTools(["python3"], "serves the health endpoint on both loopbacks, one short-lived koji-slot health per probe", () => {
        const { file } = parseUserData(renderBuilderCloudInit(fedoraBuilderSettings({ healthGraceSeconds: 900 })));
        const socket = file("/etc/systemd/system/koji-health.socket");
        expect(socket.match(/^ListenStream=.*$/gm)).toEqual(["ListenStream=127.0.0.1:8089", "ListenStream=[::1]:8089"]);
        expect(socket).toContain("Accept=yes");
        const service = configparser(file("/etc/systemd/system/koji-health@.service"));
        expect(service.Service).toMatchObject({ ExecStart: "/usr/local/sbin/koji-slot health", StandardInput: "socket", StandardOutput: "socket" });
        expect(file("/etc/koji-builder/builder.env")).toContain("KOJI_HEALTH_GRACE_SECONDS=900\n");
    });

    it("mounts /var/lib/mock from the chosen disk", () => {
        const mounts = (mockDisk: MockDiskPlacement) => parseUserData(renderBuilderCloudInit(fedoraBuilderSettings({ mockDisk, dataDiskLun: 2 }))).config;
        expect(mounts("data-disk").mounts).toEqual([["/dev/disk/azure/data/by-lun/2", "/var/lib/mock", "xfs", "defaults,nofail", "0", "2"]]);
        expect(mounts("data-disk").fs_setup?.[0]).toMatchObject({ device: "/dev/disk/azure/data/by-lun/2", overwrite: false });
        expect(mounts("resource").mounts).toEqual([["ephemeral0", "/var/lib/mock"]]);
        expect(mounts("nvme").runcmd).toContainEqual(["systemctl", "enable", "--now", "azure-ephemeral-disk-setup.service"]);
        expect(mounts("os-disk").mounts).toBeUndefined();
    });

    it("refuses settings kojid or Azure would refuse", () => {
        expect(() => renderBuilderCloudInit(fedoraBuilderSettings({ kojiHubUrl: "http://koji.example.org/kojihub" }))).toThrow(/https/);
        expect(() => renderBuilderCloudInit(fedoraBuilderSettings({ topUrls: [] }))).toThrow(/topurl/);
        expect(() => renderBuilderCloudInit(fedoraBuilderSettings({ leaseSeconds: 10 }))).toThrow(/15\.\.60/);
        expect(() => renderBuilderCloudInit(fedoraBuilderSettings({ vCpus: 0 }))).toThrow(/vCpus/);
        expect(() => renderBuilderCloudInit(fedoraBuilderSettings({ kojid: { vendor: "Fedora\nserver = evil" } }))).toThrow(/single line/);
        expect(() => renderBuilderCloudInit(fedoraBuilderSettings({ healthGraceSeconds: 6000 }))).toThrow(
            /healthGraceSeconds must be a whole number from 60 to 5400/,
        );
        expect(() => renderBuilderCloudInit(fedoraBuilderSettings({ mockDnfCommand: "dnf5 --x" }))).toThrow(/mockDnfCommand must be an absolute path/);
    });
});

describe("kojid.conf", () => {
    itWithTools(["python3"], "parses with configparser and carries Fedora's values (Kerberos)", () => {
        const { file } = parseUserData(renderBuilderCloudInit(fedoraBuilderSettings({ vCpus: 4 })));
        const conf = configparser(file("/etc/kojid/kojid.conf"));
        expect(Object.keys(conf)).toEqual(["kojid"]);
        expect(conf.kojid).toMatchObject({
            server: "https://koji.fedoraproject.org/kojihub",
            topurl: "https://kojipkgs.fedoraproject.org/ https://kojipkgs01.fedoraproject.org https://kojipkgs02.fedoraproject.org",
            workdir: "/var/tmp/koji",
            mockdir: "/var/lib/mock",
            maxjobs: "13",
            minspace: "8192",
            sleeptime: "15",
            rpmbuild_timeout: "201600",
            allowed_scms_use_config: "false",
            allowed_scms_use_policy: "true",
            vendor: "Fedora Project",
            packager: "Fedora Project",
            distribution: "Fedora Project",
            mockhost: "redhat-linux-gnu",
            serverca: "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem",
            plugins: "save_failed_tree scmpolicy",
            keytab: "/etc/kojid/kojid.keytab",
        });
        expect(conf.kojid).not.toHaveProperty("topdir");
        expect(conf.kojid).not.toHaveProperty("cert");
    });

    itWithTools(["python3"], "uses the client certificate and the hub CA for a private hub", () => {
        const conf = configparser(parseUserData(renderBuilderCloudInit({ ...certificateSettings, maxJobs: 4 })).file("/etc/kojid/kojid.conf"));
        expect(conf.kojid).toMatchObject({ cert: "/etc/kojid/client.crt", serverca: "/etc/kojid/hub-ca.crt", maxjobs: "4" });
        expect(conf.kojid).not.toHaveProperty("keytab");
    });

    it("derives maxjobs from the vCPUs: Fedora's 25 per 8 vCPUs, capped at 25", () => {
        expect([1, 2, 4, 8, 16, 64].map(defaultMaxJobs)).toEqual([3, 6, 13, 25, 25, 25]);
    });
});

describe("Kerberos and mock configuration", () => {
    it("sends the realm's KDC traffic to the KdcProxy over HTTPS, in a file krb5's includedir reads", () => {
        const { file } = parseUserData(renderBuilderCloudInit(fedoraBuilderSettings()));
        const krb5 = file("/etc/krb5.conf.d/fedoraproject_org");
        expect(krb5).toContain("FEDORAPROJECT.ORG = {\n        kdc = https://id.fedoraproject.org/KdcProxy\n    }");
        expect(krb5).toContain("dns_lookup_kdc = false");
        expect(krb5).toContain(".fedoraproject.org = FEDORAPROJECT.ORG");
        const certificate = parseUserData(renderBuilderCloudInit(certificateSettings)).config;
        expect(certificate.write_files.some((entry) => entry.path.startsWith("/etc/krb5.conf.d/"))).toBe(false);
    });

    itWithTools(["python3"], "writes Fedora's mock site defaults as valid Python", () => {
        const siteDefaults = parseUserData(renderBuilderCloudInit(fedoraBuilderSettings())).file("/etc/mock/site-defaults.cfg");
        const configOpts = pythonJson(
            ["config_opts = {'plugin_conf': {}, 'environment': {}, 'macros': {}}", "exec(sys.stdin.read())", "print(json.dumps(config_opts))"],
            siteDefaults,
        );
        expect(configOpts).toEqual({
            use_bootstrap: true,
            use_bootstrap_image: false,
            dnf_command: "/usr/bin/dnf-3",
            system_dnf_command: "/usr/bin/dnf-3",
            dnf_common_opts: ["--setopt=install_weak_deps=0"],
            macros: { "%bugurl": "https://bugz.fedoraproject.org/%name" },
            environment: { LANG: "C.UTF-8" },
            plugin_conf: { package_state_enable: false, ccache_enable: false, rpmautospec_enable: true },
        });
        const dnf5 = parseUserData(renderBuilderCloudInit(fedoraBuilderSettings({ mockDnfCommand: "/usr/bin/dnf5" }))).file("/etc/mock/site-defaults.cfg");
        expect(dnf5).toContain(`config_opts['dnf_command'] = "/usr/bin/dnf5"\n`);
        expect(dnf5).toContain(`config_opts['system_dnf_command'] = "/usr/bin/dnf5"\n`);
    });
});

describe("the embedded scripts", () => {
    const embedded = parseUserData(renderBuilderCloudInit(fedoraBuilderSettings()));

    for (const name of BUILDER_SCRIPTS) {
        const scriptPath = path.join(SCRIPTS_DIR, name);

        it(`${name} is embedded verbatim, executable, with set -euo pipefail`, () => {
            const entry = embedded.config.write_files.find((candidate) => candidate.path === `/usr/local/sbin/${name}`);
            expect(entry?.content).toBe(readFileSync(scriptPath, "utf8"));
            expect(entry?.permissions).toBe("0755");
            expect(entry?.content).toMatch(/^#!\/bin\/bash\n[\s\S]*^set -euo pipefail$/m);
        });

        itWithTools(["bash"], `${name} passes bash -n`, () => {
            const result = run("bash", ["-n", scriptPath]);
            expect(result.stderr).toBe("");
            expect(result.status).toBe(0);
        });

        itWithTools(["shellcheck"], `${name} passes shellcheck`, () => {
            const result = run("shellcheck", ["--shell=bash", "--severity=style", scriptPath]);
            expect(result.stdout + result.stderr).toBe("");
            expect(result.status).toBe(0);
        });
    }
});

describe("the scripts' defaults are Azure's real endpoints (tests override them)", () => {
    const script = (name: string) => readFileSync(path.join(SCRIPTS_DIR, name), "utf8");

    it("koji-slot: IMDS tokens for storage and Key Vault, Key Vault API 7.4, 60 s leases", () => {
        const text = script("koji-slot");
        expect(text).toContain('imds="${AZURE_IMDS_ENDPOINT:-http://169.254.169.254}"');
        expect(text).toContain('readonly storage_resource="https://storage.azure.com/"');
        expect(text).toContain('readonly vault_resource="https://vault.azure.net"');
        expect(text).toContain('readonly vault_api_version="7.4"');
        expect(text).toContain('lease_seconds="${KOJI_LEASE_SECONDS:-60}"');
    });

    it("azure-scheduled-events: the Scheduled Events API 2020-07-01 on IMDS", () => {
        const text = script("azure-scheduled-events");
        expect(text).toContain('imds="${AZURE_IMDS_ENDPOINT:-http://169.254.169.254}"');
        expect(text).toContain('readonly api="api-version=2020-07-01"');
    });
});

describe("the CPU guard", () => {
    /** A stand-in dynamic loader whose --help lists the given glibc-hwcaps lines. */
    function fakeLoader(name: string, hwcapsLines: readonly string[]): string {
        const loader = path.join(work, name);
        writeFileSync(
            loader,
            `#!/bin/sh\necho 'Subdirectories of glibc-hwcaps directories, in priority order:'\n${hwcapsLines.map((line) => `echo '  ${line}'`).join("\n")}\n`,
        );
        chmodSync(loader, 0o755);
        return loader;
    }
    const guard = (loader: string) => run(path.join(SCRIPTS_DIR, "check-x86-64-v3"), [], { env: { ...process.env, KOJI_LD_SO: loader } });

    itWithTools(["bash"], "passes on a v3 CPU", () => {
        const result = guard(fakeLoader("ld-v3", ["x86-64-v4", "x86-64-v3 (supported, searched)", "x86-64-v2 (supported, searched)"]));
        expect(result.status).toBe(0);
    });

    itWithTools(["bash"], "refuses, saying why, when the hypervisor hides AVX2", () => {
        const result = guard(fakeLoader("ld-v2", ["x86-64-v4", "x86-64-v3", "x86-64-v2 (supported, searched)"]));
        expect(result.status).toBe(1);
        expect(result.stderr).toMatch(/not x86-64-v3 capable.*refusing to start kojid/);
    });

    itWithTools(["bash"], "refuses when there is no loader to ask", () => {
        const result = guard(path.join(work, "no-such-ld.so"));
        expect(result.status).toBe(2);
        expect(result.stderr).toContain("not found");
    });
});

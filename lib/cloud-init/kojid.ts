/**
 * The builder's Koji, mock and Kerberos configuration files, as pure functions of the settings.
 * Facts cite their public source: koji-project/koji@2083513a (below: koji) and fedora-infra/ansible (below: Fedora's ansible).
 */
import { renderIni } from "./ini";
import { BuilderAuth, BuilderCloudInitSettings, DEFAULT_MOCK_DNF_COMMAND, FEDORA_KOJID_DEFAULTS, KerberosAuth, maxJobsOf } from "./settings";

/** Paths on the builder that kojid.conf, the slot tool and the units must agree on. */
export const BUILDER_PATHS = {
    kojidConf: "/etc/kojid/kojid.conf",
    /** Fedora's keytab location (Fedora's ansible playbooks/groups/buildvm.yml `kt_location`). */
    keytab: "/etc/kojid/kojid.keytab",
    /** kojid's default client certificate path (koji builder/kojid get_options `cert`). */
    clientCert: "/etc/kojid/client.crt",
    /** kojid's default mock directory (koji builder/kojid get_options `mockdir`). */
    mockDir: "/var/lib/mock",
    /** kojid's code default `workdir` (koji builder/kojid get_options; the docs' /tmp/koji is out of date). */
    workDir: "/var/tmp/koji",
    /** Fedora's `serverca` (Fedora's ansible kojid.conf): the system CA bundle. */
    systemCaBundle: "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem",
} as const;

export const DEFAULT_PRINCIPAL_SERVICE = "compile";

function authEntries(auth: BuilderAuth): Record<string, string> {
    switch (auth.kind) {
        case "kerberos":
            // krb_principal and ccache are per slot, so `koji-slot hold` adds them once it holds one.
            return { serverca: BUILDER_PATHS.systemCaBundle, keytab: BUILDER_PATHS.keytab };
        case "certificate":
            // kojid prefers ssl_login whenever `cert` exists (koji builder/kojid, the login at the end of main).
            return { serverca: auth.serverCaPath ?? BUILDER_PATHS.systemCaBundle, cert: BUILDER_PATHS.clientCert };
    }
}

/**
 * `/etc/kojid/kojid.conf`: a single `[kojid]` section (the slot tool sets `krb_principal`, `ccache` and, to drain, `maxjobs` in it).
 * `topdir` stays unset: cloud builders cannot mount Fedora's NFS and stay out of the createrepo channel
 * (a design choice: topdir serves createrepo tasks, koji docs kojid_conf.rst); allowed SCMs are the hub's
 * `build_from_scm` policy, as in Fedora (Fedora's ansible kojid.conf and hub.conf.j2).
 */
export function renderKojidConf(settings: BuilderCloudInitSettings): string {
    const tuning = { ...FEDORA_KOJID_DEFAULTS, ...settings.kojid };
    return renderIni({
        kojid: {
            server: settings.kojiHubUrl,
            topurl: settings.topUrls,
            workdir: BUILDER_PATHS.workDir,
            mockdir: BUILDER_PATHS.mockDir,
            mockuser: "kojibuilder", // created by koji-builder's %pre (koji koji.spec)
            maxjobs: maxJobsOf(settings),
            minspace: tuning.minspaceMb,
            sleeptime: tuning.sleeptimeSeconds,
            use_createrepo_c: true,
            rpmbuild_timeout: tuning.rpmbuildTimeoutSeconds,
            failed_buildroot_lifetime: tuning.failedBuildrootLifetimeSeconds,
            allowed_scms_use_config: false,
            allowed_scms_use_policy: true,
            build_arch_can_fail: tuning.buildArchCanFail,
            vendor: tuning.vendor,
            packager: tuning.packager,
            distribution: tuning.distribution,
            mockhost: tuning.mockhost,
            plugins: tuning.plugins,
            ...authEntries(settings.auth),
        },
    });
}

/** Renders a Python literal for mock's config files (which are Python). */
function pythonLiteral(value: string | boolean | readonly string[]): string {
    if (typeof value === "boolean") {
        return value ? "True" : "False";
    }
    if (typeof value === "string") {
        return JSON.stringify(value); // a JSON string of printable text is also a valid Python string literal
    }
    return `[${value.map(pythonLiteral).join(", ")}]`;
}

/**
 * Fedora's builder mock site defaults (fedora-infra/ansible roles/koji_builder/templates/builders/site-defaults.cfg):
 * bootstrap chroot without a bootstrap image (no registry pulls), no weak deps, C.UTF-8, package-state and
 * ccache plugins off, `%bugurl` pointing at Fedora's bug redirector; plus the rpmautospec plugin on, and the dnf
 * command from the settings (`mockDnfCommand`).
 */
function mockSiteDefaults(dnfCommand: string): ReadonlyArray<readonly [string, string | boolean | readonly string[]]> {
    return [
        ["['use_bootstrap']", true],
        ["['use_bootstrap_image']", false],
        ["['dnf_command']", dnfCommand],
        ["['system_dnf_command']", dnfCommand],
        ["['dnf_common_opts']", ["--setopt=install_weak_deps=0"]],
        ["['macros']['%bugurl']", "https://bugz.fedoraproject.org/%name"],
        ["['environment']['LANG']", "C.UTF-8"],
        ["['plugin_conf']['package_state_enable']", false],
        ["['plugin_conf']['ccache_enable']", false],
        ["['plugin_conf']['rpmautospec_enable']", true],
    ];
}

export function renderMockSiteDefaults(settings: Pick<BuilderCloudInitSettings, "mockDnfCommand">): string {
    return mockSiteDefaults(settings.mockDnfCommand ?? DEFAULT_MOCK_DNF_COMMAND)
        .map(([key, value]) => `config_opts${key} = ${pythonLiteral(value)}\n`)
        .join("");
}

/**
 * How long kojid may take to stop, from its shutdown path (koji-project/koji@2083513a, koji/daemon.py): on SIGTERM
 * `TaskManager.shutdown()` runs `cleanupTask` on each task in turn, and only then `host.freeTasks` and
 * `host.updateHost`. `cleanupTask` walks the task's processes with three passes of `_doKill`: SIGINT with a 3 s
 * pause, then SIGTERM (timeout 2 s, pause 1 s: up to 2 s), then SIGKILL (timeout 3 s, pause 1 s: up to 3 s).
 * A task whose processes end at the first signal costs 3 s; one with a process that outlives a pass costs
 * 3 + 2 + 3 = 8 s, which is the allowance per task here. The two RPCs get 30 s (kojid sets no client timeout).
 * If systemd killed kojid sooner, the hub would free its tasks only after its host timeout (900 s).
 */
export const KOJID_TASK_CLEANUP_SECONDS = 3 + 2 + 3;
export const KOJID_SHUTDOWN_RPC_SECONDS = 30;

export function kojidStopTimeoutSeconds(maxJobs: number): number {
    return maxJobs * KOJID_TASK_CLEANUP_SECONDS + KOJID_SHUTDOWN_RPC_SECONDS;
}

/**
 * The hub's DNS domain (`koji.fedoraproject.org` → `fedoraproject.org`), mapped to the realm so GSSAPI
 * finds the hub's service principal there ([inference] from ANS krb5.conf.j2 mapping `.fedoraproject.org`).
 */
function hubDomain(kojiHubUrl: string): string {
    const labels = new URL(kojiHubUrl).hostname.split(".");
    return labels.length > 2 ? labels.slice(1).join(".") : labels.join(".");
}

/**
 * `/etc/krb5.conf.d/<realm>`: the realm's KDC is the KDC proxy over HTTPS, so the builder needs outbound
 * 443 only (Fedora's ansible `roles/base/templates/krb5.conf.j2`); no DNS lookups for the KDC.
 */
export function renderKrb5Snippet(auth: KerberosAuth, kojiHubUrl: string): string {
    const domain = hubDomain(kojiHubUrl);
    for (const text of [auth.realm, auth.kdcProxyUrl, domain]) {
        if (!/^[A-Za-z0-9.:/_-]+$/.test(text)) {
            throw new Error(`krb5 config: ${JSON.stringify(text)} is not a plain realm, URL or domain`);
        }
    }
    return [
        "[libdefaults]",
        "    dns_lookup_kdc = false",
        "",
        "[realms]",
        `    ${auth.realm} = {`,
        `        kdc = ${auth.kdcProxyUrl}`,
        "    }",
        "",
        "[domain_realm]",
        `    .${domain} = ${auth.realm}`,
        `    ${domain} = ${auth.realm}`,
        "",
    ].join("\n");
}

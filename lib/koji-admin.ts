/**
 * The out-of-band admin step of the farm, as a runbook the hub's admins can follow: the channel, every slot's
 * Koji host, the hub's channel-policy rule that sends x86_64_v3 work there, one keytab per slot made the Fedora way,
 * and its upload to the pool's vault. Run before the first kojid start: a host that logged in before `add-host`
 * leaves session and user rows to clean by hand (koji-project/koji docs/source/server_howto.rst). Pure: returns
 * text to print, runs nothing. Koji facts from koji-project/koji@2083513a (cli/koji_cli/commands.py,
 * kojihub/kojihub.py); Fedora's from fedora-infra/ansible (roles/koji_hub/templates/hub.conf.j2, roles/keytab/service).
 */
import { BuilderSlot, builderSlots } from "./slots";

/** A host's Koji capacity, a task-weight budget: one unit per vCPU of the pool's smallest size (every VM must carry it). */
export const hostCapacity = (sizes: readonly { readonly vcpus: number }[]): number => Math.min(...sizes.map((size) => size.vcpus));

/** One pool's part of the runbook. */
export interface PoolAdminSettings {
    readonly poolName: string;
    /** The pool's maximum VM count: one slot each (`lib/slots.ts`). */
    readonly slotCount: number;
    /**
     * `koji edit-host --capacity`: the task-weight load a host accepts. Koji's default 2 is "generally
     * insufficient"; its docs give 16 as an example (koji server_howto.rst, "A note on capacity").
     */
    readonly capacity: number;
    /** Name of the pool's Key Vault (the `<vault>` in `https://<vault>.vault.azure.net`). */
    readonly keyVaultName: string;
}

export interface KojiAdminSettings {
    readonly hostDomain: string;
    /**
     * The dedicated Koji channel of the v3 builders. They are then removed from `default`, which `add-host` puts every
     * host in: otherwise the `default:noarch` bin would hand them ordinary noarch and SRPM tasks (kojihub.py addHost,
     * kojihub/scheduler.py).
     */
    readonly channel: string;
    /**
     * Host arches. Default `["x86_64_v3"]`: hosts must list the new arch to get tasks from `<channel>:x86_64_v3`
     * (kojihub/scheduler.py: bins are `<channel>:<arch>`); noarch needs no entry, every host is in `<channel>:noarch`.
     */
    readonly arches?: readonly string[];
    /**
     * `kerberos`: the secret is the slot's keytab for `<service>/<host>@<realm>` (default service `compile`, Fedora's
     * HostPrincipalFormat in hub.conf.j2); `certificate`: a PEM with the client certificate and its key, CN = the host
     * name (koji server_howto.rst, SSL certificates), for private hubs: Fedora's hub takes Kerberos only.
     */
    readonly auth: { readonly kind: "kerberos"; readonly realm: string; readonly principalService?: string } | { readonly kind: "certificate" };
    /** Local directory the operator keeps the keytabs or PEMs in, named `<host name>.keytab|.pem`. Default `.`. */
    readonly secretDir?: string;
    readonly pools: readonly PoolAdminSettings[];
}

/** One slot's admin commands. */
export interface SlotAdminSteps {
    readonly slot: BuilderSlot;
    /** Hub registration, in order. */
    readonly koji: readonly string[];
    /** Kerberos only: the FreeIPA commands that make the slot's keytab, ending with the file the upload reads. */
    readonly keytab: readonly string[];
    /** Stores the slot's secret base64-encoded, as `koji-slot hold` expects it. */
    readonly keyVault: string;
}

/** Quotes a word for a POSIX shell when it is not plainly safe. */
function sh(word: string): string {
    return /^[A-Za-z0-9_.,:/@%+=-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

const command = (...words: readonly string[]): string => words.map(sh).join(" ");

/**
 * The hub's channel-policy rule for x86_64_v3 tasks. Fedora's `channel` policy gives a buildArch subtask its
 * parent's channel (`is_child_task :: parent`) and everything else `default` (`all :: use default`), so without
 * this rule no v3 task reaches the channel. `arch` is in the policy data of every task (kojihub.py make_task).
 */
export function channelPolicyRule(channel: string): string {
    return `method buildArch && match arch x86_64_v3 :: use ${channel}`;
}

export function kojiAdminSteps(settings: KojiAdminSettings, pool: PoolAdminSettings): SlotAdminSteps[] {
    if (!Number.isInteger(pool.capacity) || pool.capacity < 1) {
        throw new Error(`pool ${pool.poolName}: capacity must be a positive integer, got ${pool.capacity}`);
    }
    const arches = settings.arches ?? ["x86_64_v3"];
    if (arches.length === 0) {
        throw new Error("a host needs at least one arch");
    }
    const auth = settings.auth;
    const secretDir = (settings.secretDir ?? ".").replace(/\/$/, "");
    return builderSlots(pool.poolName, pool.slotCount, settings.hostDomain).map((slot) => {
        const host = slot.hostName;
        const secretFile = `${secretDir}/${host}.${auth.kind === "kerberos" ? "keytab" : "pem"}`;
        const service = auth.kind === "kerberos" ? `${auth.principalService ?? "compile"}/${host}` : "";
        const principal = auth.kind === "kerberos" ? `${service}@${auth.realm}` : "";
        const leaveDefault = settings.channel === "default" ? [] : [command("koji", "remove-host-from-channel", host, "default")];
        return {
            slot,
            koji: [
                command("koji", "add-host", ...(principal ? [`--krb-principal=${principal}`] : []), host, ...arches),
                // --new creates the channel the first time (add-channel would need `admin`; --new needs `host`).
                command("koji", "add-host-to-channel", "--new", host, settings.channel),
                ...leaveDefault,
                command("koji", "edit-host", `--capacity=${pool.capacity}`, host),
            ],
            keytab:
                auth.kind === "kerberos"
                    ? [
                          // The builders are not IPA clients, and a service needs its host's entry; --force: no DNS check.
                          command("ipa", "host-add", "--force", host),
                          command("ipa", "service-add", "--force", service),
                          // The admin running this may then retrieve the keytab again later (ipa-getkeytab -r).
                          `${command("ipa", "service-allow-retrieve-keytab", service)} --users="$USER"`,
                          // Makes the keys; on a later run, add -r to retrieve them instead of rotating them.
                          command("ipa-getkeytab", "-p", principal, "-k", secretFile),
                      ]
                    : [],
            keyVault: command(
                "az",
                "keyvault",
                "secret",
                "set",
                "--vault-name",
                pool.keyVaultName,
                "--name",
                slot.secretName,
                "--file",
                secretFile,
                "--encoding",
                "base64",
            ),
        };
    });
}

/** The printable runbook: a commented shell script, the channel and policy first, then one block per slot. */
export function renderKojiAdminScript(settings: KojiAdminSettings): string {
    const kerberos = settings.auth.kind === "kerberos";
    const header = [
        "# Koji wiring for the x86_64_v3 builders. Run it in order before any builder boots (buildfarm:buildersEnabled false).",
        "# The koji commands need the hub's `host` permission; step 2 is a hub.conf change by the hub's admins.",
        "#",
        `# 1. The channel ${settings.channel}: created by the first \`koji add-host-to-channel --new\` below.`,
        "#",
        "# 2. The hub's channel policy. In hub.conf, [policy] channel =, add this rule above Fedora's secure-boot rules",
        "#    (`source */kernel* && has_perm secure-boot :: use secure-boot` and the rest) and above `is_child_task :: parent`:",
        "#",
        `#        ${channelPolicyRule(settings.channel)}`,
        "#",
        "#    Above the secure-boot rules, the x86_64_v3 subtasks of kernel, shim, grub2, pesign and fwupd build here too,",
        "#    on hosts that hold no Secure Boot signing key, so their v3 binaries are not signed for Secure Boot. Where they",
        "#    must be, add `match arch x86_64_v3` hosts to the secure-boot channel and put this rule below those rules.",
        "#",
        kerberos
            ? "# 3. Per slot: the Koji host, its keytab (FreeIPA, as Fedora's roles/keytab/service does), and the keytab's upload."
            : "# 3. Per slot: the Koji host and the upload of its client certificate and key (one PEM, CN = the host name).",
    ];
    const blocks = settings.pools.flatMap((pool) => [
        `# Pool ${pool.poolName}: its secrets go to Key Vault ${pool.keyVaultName}, base64-encoded.`,
        ...kojiAdminSteps(settings, pool).map((step) => [`# ${step.slot.id}: ${step.slot.hostName}`, ...step.koji, ...step.keytab, step.keyVault].join("\n")),
    ]);
    return [header.join("\n"), ...blocks].join("\n\n").concat("\n");
}

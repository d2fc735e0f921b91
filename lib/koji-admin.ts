/**
 * The out-of-band admin step for a pool (issue 3): register every slot with the hub and put every slot's
 * secret in Key Vault. Run by someone with hub admin rights *before* the first kojid start: a host that
 * logged in before `add-host` leaves session and user rows to clean by hand (koji-project/koji
 * docs/source/server_howto.rst). Pure: returns text to print, runs nothing.
 */
import { BuilderSlot, builderSlots } from "./slots";

export interface KojiAdminSettings {
    readonly poolName: string;
    /** The pool's maximum VM count: one slot each (`lib/slots.ts`). */
    readonly slotCount: number;
    readonly hostDomain: string;
    /**
     * The dedicated Koji channel of the v3 builders. They are then removed from `default`, which `add-host`
     * puts every host in: otherwise the `default:noarch` bin would hand them ordinary Fedora noarch and
     * SRPM tasks (koji-project/koji kojihub/kojihub.py addHost, kojihub/scheduler.py).
     */
    readonly channel: string;
    /**
     * Host arches. Default `["x86_64_v3"]`: hosts must list the new arch to get tasks from `<channel>:x86_64_v3`
     * (koji-project/koji kojihub/scheduler.py: bins are `<channel>:<arch>`); noarch needs no entry, every host is
     * in `<channel>:noarch` (the same file).
     */
    readonly arches?: readonly string[];
    /**
     * `koji edit-host --capacity`: the task-weight load a host accepts. Koji's default 2 is "generally
     * insufficient"; its docs give 16 as an example (koji-project/koji server_howto.rst, "A note on capacity").
     */
    readonly capacity: number;
    /** Name of the farm's Key Vault (the `<vault>` in `https://<vault>.vault.azure.net`). */
    readonly keyVaultName: string;
    /**
     * `kerberos`: the secret is the slot's keytab for `<service>/<host>@<realm>` (default service `compile`,
     * Fedora's HostPrincipalFormat, fedora-infra/ansible roles/koji_hub/templates/hub.conf.j2); `certificate`: a PEM
     * with the client certificate and its key, CN = the host name (koji-project/koji server_howto.rst, SSL certificates).
     */
    readonly auth:
        | { readonly kind: "kerberos"; readonly realm: string; readonly principalService?: string }
        | { readonly kind: "certificate" };
    /** Local directory the operator keeps the keytabs or PEMs in, named `<host name>.keytab|.pem`. Default `.`. */
    readonly secretDir?: string;
}

/** One slot's admin commands. */
export interface SlotAdminSteps {
    readonly slot: BuilderSlot;
    /** Hub registration, in order. */
    readonly koji: readonly string[];
    /** Stores the slot's secret base64-encoded, as `koji-slot claim` expects it. */
    readonly keyVault: string;
}

/** Quotes a word for a POSIX shell when it is not plainly safe. */
function sh(word: string): string {
    return /^[A-Za-z0-9_.,:/@%+=-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

const command = (...words: readonly string[]): string => words.map(sh).join(" ");

export function kojiAdminSteps(settings: KojiAdminSettings): SlotAdminSteps[] {
    if (!Number.isInteger(settings.capacity) || settings.capacity < 1) {
        throw new Error(`capacity must be a positive integer, got ${settings.capacity}`);
    }
    const arches = settings.arches ?? ["x86_64_v3"];
    if (arches.length === 0) {
        throw new Error("a host needs at least one arch");
    }
    const auth = settings.auth;
    const secretDir = (settings.secretDir ?? ".").replace(/\/$/, "");
    return builderSlots(settings.poolName, settings.slotCount, settings.hostDomain).map((slot) => {
        const host = slot.hostName;
        const principal =
            auth.kind === "kerberos" ? [`--krb-principal=${auth.principalService ?? "compile"}/${host}@${auth.realm}`] : [];
        const leaveDefault =
            settings.channel === "default" ? [] : [command("koji", "remove-host-from-channel", host, "default")];
        return {
            slot,
            koji: [
                command("koji", "add-host", ...principal, host, ...arches),
                command("koji", "add-host-to-channel", host, settings.channel),
                ...leaveDefault,
                command("koji", "edit-host", `--capacity=${settings.capacity}`, host),
            ],
            keyVault: command(
                "az", "keyvault", "secret", "set",
                "--vault-name", settings.keyVaultName,
                "--name", slot.secretName,
                "--file", `${secretDir}/${host}.${auth.kind === "kerberos" ? "keytab" : "pem"}`,
                "--encoding", "base64",
            ),
        };
    });
}

/** The printable admin step: a commented shell script, one block per slot. */
export function renderKojiAdminScript(settings: KojiAdminSettings): string {
    const header = [
        `# Koji hosts for pool ${settings.poolName}: run with hub admin rights before the first builder boots.`,
        `# Each slot's secret goes to Key Vault ${settings.keyVaultName} as koji-<slot>, base64-encoded.`,
    ];
    const blocks = kojiAdminSteps(settings).map((step) =>
        [`# ${step.slot.id}: ${step.slot.hostName}`, ...step.koji, step.keyVault].join("\n"));
    return [header.join("\n"), ...blocks].join("\n\n").concat("\n");
}

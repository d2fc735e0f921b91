import { readFileSync } from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { channelPolicyRule, KojiAdminSettings, kojiAdminSteps, PoolAdminSettings, renderKojiAdminScript, hostCapacity } from "../lib/koji-admin";

const POOL: PoolAdminSettings = { poolName: "v3pool", slotCount: 2, capacity: 16, keyVaultName: "v3poolvault" };
const settings: KojiAdminSettings = {
    hostDomain: "az.example.org",
    channel: "azure-v3",
    auth: { kind: "kerberos", realm: "FEDORAPROJECT.ORG" },
    pools: [POOL, { poolName: "spot", slotCount: 3, capacity: 8, keyVaultName: "spotvault" }],
};

/** The koji CLI's own syntax for the commands the runbook uses (read from koji's source; the file names its commit). */
const KOJI_CLI = JSON.parse(readFileSync(path.join(__dirname, "fixtures", "koji-cli-syntax.json"), "utf8")) as {
    commands: Record<string, { options: Record<string, "flag" | "value">; positional: { min: number; max: number | null } }>;
};

/** Why a `koji …` line would not parse with koji's OptionParser, or undefined when it would. */
function kojiSyntaxError(line: string): string | undefined {
    const [koji, name, ...words] = line.split(" ");
    if (koji !== "koji") return "not a koji command";
    const syntax = KOJI_CLI.commands[name];
    if (!syntax) return `no koji command ${name}`;
    const positional: string[] = [];
    for (let index = 0; index < words.length; index++) {
        const word = words[index];
        if (!word.startsWith("--")) {
            positional.push(word);
            continue;
        }
        const [option, inlineValue] = word.split(/=(.*)/s, 2);
        const kind = syntax.options[option];
        if (!kind) return `${name} has no option ${option}`;
        if (kind === "flag" && inlineValue !== undefined) return `${option} takes no value`;
        if (kind === "value" && inlineValue === undefined) index++; // the value is the next word
    }
    if (positional.length < syntax.positional.min) return `${name} needs at least ${syntax.positional.min} arguments`;
    if (syntax.positional.max !== null && positional.length > syntax.positional.max) return `${name} takes at most ${syntax.positional.max} arguments`;
    return undefined;
}

describe("the Koji runbook", () => {
    it("registers every slot as an x86_64_v3 host with its principal, creates the channel, leaves default, sets capacity", () => {
        const steps = kojiAdminSteps(settings, POOL);
        expect(steps.map((step) => step.slot.hostName)).toEqual(["v3pool-001.az.example.org", "v3pool-002.az.example.org"]);
        expect(steps[1].koji).toEqual([
            "koji add-host --krb-principal=compile/v3pool-002.az.example.org@FEDORAPROJECT.ORG v3pool-002.az.example.org x86_64_v3",
            "koji add-host-to-channel --new v3pool-002.az.example.org azure-v3",
            "koji remove-host-from-channel v3pool-002.az.example.org default",
            "koji edit-host --capacity=16 v3pool-002.az.example.org",
        ]);
    });

    it("makes each keytab the Fedora way (FreeIPA), then uploads the file it wrote to the pool's vault as koji-<slot>", () => {
        const [step] = kojiAdminSteps({ ...settings, secretDir: "/srv/keytabs/" }, POOL);
        expect(step.keytab).toEqual([
            "ipa host-add --force v3pool-001.az.example.org",
            "ipa service-add --force compile/v3pool-001.az.example.org",
            'ipa service-allow-retrieve-keytab compile/v3pool-001.az.example.org --users="$USER"',
            "ipa-getkeytab -p compile/v3pool-001.az.example.org@FEDORAPROJECT.ORG -k /srv/keytabs/v3pool-001.az.example.org.keytab",
        ]);
        expect(step.keyVault).toBe(
            "az keyvault secret set --vault-name v3poolvault --name koji-v3pool-001 --file /srv/keytabs/v3pool-001.az.example.org.keytab --encoding base64",
        );
    });

    it("uses client certificates (PEM), no principal and no FreeIPA for a private hub; keeps default when that is the channel", () => {
        const [step] = kojiAdminSteps({ ...settings, channel: "default", arches: ["x86_64_v3", "x86_64"], auth: { kind: "certificate" } }, POOL);
        expect(step.koji).toEqual([
            "koji add-host v3pool-001.az.example.org x86_64_v3 x86_64",
            "koji add-host-to-channel --new v3pool-001.az.example.org default",
            "koji edit-host --capacity=16 v3pool-001.az.example.org",
        ]);
        expect(step.keytab).toEqual([]);
        expect(step.keyVault).toContain("--file ./v3pool-001.az.example.org.pem");
    });

    it("prints the channel, the hub's policy rule with where it goes, then one block per slot of every pool", () => {
        const script = renderKojiAdminScript({ ...settings, secretDir: "my keytabs" });
        expect(script.startsWith("# Koji wiring for the x86_64_v3 builders.")).toBe(true);
        expect(script).toContain("need the hub's `host` permission");
        expect(script).toContain(`#        ${channelPolicyRule("azure-v3")}\n`);
        expect(channelPolicyRule("azure-v3")).toBe("method buildArch && match arch x86_64_v3 :: use azure-v3");
        expect(script.indexOf("source */kernel*")).toBeLessThan(script.indexOf("# v3pool-001"));
        expect(script).toMatch(/not signed for Secure Boot/);
        expect(script).toContain("# Pool spot: its secrets go to Key Vault spotvault, base64-encoded.");
        expect(script).toContain("\n\n# spot-003: spot-003.az.example.org\nkoji add-host ");
        expect(script).toContain("--file 'my keytabs/v3pool-001.az.example.org.keytab'");
    });

    it("writes every koji command as koji's own CLI parses it", () => {
        const lines = renderKojiAdminScript(settings)
            .split("\n")
            .filter((line) => line.startsWith("koji "));
        expect(lines).toHaveLength(5 * 4);
        expect(lines.map((line) => [line, kojiSyntaxError(line)]).filter(([, error]) => error !== undefined)).toEqual([]);
        // The check bites: an option koji does not have, or a missing argument.
        expect(kojiSyntaxError("koji add-host-to-channel --create h c")).toBe("add-host-to-channel has no option --create");
        expect(kojiSyntaxError("koji add-host h")).toBe("add-host needs at least 2 arguments");
    });

    it("refuses a capacity or arch list Koji cannot use", () => {
        expect(() => kojiAdminSteps(settings, { ...POOL, capacity: 0 })).toThrow(/pool v3pool: capacity/);
        expect(() => kojiAdminSteps({ ...settings, arches: [] }, POOL)).toThrow(/arch/);
    });
});

describe("hostCapacity", () => {
    it("is the vCPUs of the pool's smallest size", () => {
        expect(hostCapacity([{ vcpus: 16 }, { vcpus: 8 }, { vcpus: 32 }])).toBe(8);
    });
});

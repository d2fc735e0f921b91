import { describe, expect, it } from "vitest";
import { KojiAdminSettings, kojiAdminSteps, renderKojiAdminScript } from "../lib/koji-admin";

const settings: KojiAdminSettings = {
    poolName: "v3pool",
    slotCount: 2,
    hostDomain: "az.example.org",
    channel: "azure-v3",
    capacity: 16,
    keyVaultName: "farmvault",
    auth: { kind: "kerberos", realm: "FEDORAPROJECT.ORG" },
};

describe("the koji admin step", () => {
    it("registers every slot as an x86_64_v3 host in the dedicated channel only, with its capacity", () => {
        const steps = kojiAdminSteps(settings);
        expect(steps.map((step) => step.slot.hostName)).toEqual(["v3pool-01.az.example.org", "v3pool-02.az.example.org"]);
        expect(steps[1].koji).toEqual([
            "koji add-host --krb-principal=compile/v3pool-02.az.example.org@FEDORAPROJECT.ORG v3pool-02.az.example.org x86_64_v3",
            "koji add-host-to-channel v3pool-02.az.example.org azure-v3",
            "koji remove-host-from-channel v3pool-02.az.example.org default",
            "koji edit-host --capacity=16 v3pool-02.az.example.org",
        ]);
    });

    it("puts each slot's keytab in Key Vault as koji-<slot>, base64-encoded as the builder decodes it", () => {
        expect(kojiAdminSteps({ ...settings, secretDir: "/srv/keytabs/" })[0].keyVault).toBe(
            "az keyvault secret set --vault-name farmvault --name koji-v3pool-01 --file /srv/keytabs/v3pool-01.az.example.org.keytab --encoding base64",
        );
    });

    it("uses client certificates (PEM) and no principal for a private hub; keeps default when that is the channel", () => {
        const [step] = kojiAdminSteps({ ...settings, channel: "default", arches: ["x86_64_v3", "x86_64"], auth: { kind: "certificate" } });
        expect(step.koji).toEqual([
            "koji add-host v3pool-01.az.example.org x86_64_v3 x86_64",
            "koji add-host-to-channel v3pool-01.az.example.org default",
            "koji edit-host --capacity=16 v3pool-01.az.example.org",
        ]);
        expect(step.keyVault).toContain("--file ./v3pool-01.az.example.org.pem");
    });

    it("prints a commented script, one block per slot, with odd words quoted for the shell", () => {
        const script = renderKojiAdminScript({ ...settings, secretDir: "my keytabs" });
        expect(script.startsWith("# Koji hosts for pool v3pool")).toBe(true);
        expect(script).toContain("\n\n# v3pool-02: v3pool-02.az.example.org\nkoji add-host ");
        expect(script).toContain("--file 'my keytabs/v3pool-01.az.example.org.keytab'");
    });

    it("refuses a capacity or arch list Koji cannot use", () => {
        expect(() => kojiAdminSteps({ ...settings, capacity: 0 })).toThrow(/capacity/);
        expect(() => kojiAdminSteps({ ...settings, arches: [] })).toThrow(/arch/);
    });
});

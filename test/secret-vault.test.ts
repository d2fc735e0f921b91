import { beforeAll, describe, expect, it } from "vitest";
import { CLIENT_CONFIG, installPulumiMocks, promiseOf, PulumiMocks, RecordedResource } from "./helpers/pulumi-mocks";
import { SecretVault, SecretVaultArgs } from "../components/secret-vault";
import { planSecretVault } from "../lib/secret-vault-plan";
import { offlineState } from "../scripts/plan/offline-state";

/** The random name suffix the plan's offline Azure gives this vault (scripts/plan/offline-state.ts). */
const SUFFIX = offlineState({ type: "random:index/randomString:RandomString", name: "secrets-suffix", inputs: { length: 8 }, custom: true }).result as string;

const ARGS: SecretVaultArgs = {
    resourceGroupName: "rg",
    tags: { project: "koji-v3", owner: "farm-admins" },
    privateEndpointSubnetResourceId: "endpoint-subnet-id",
    vaultPrivateDnsZoneResourceId: "vault-zone-id",
};

describe("planSecretVault (pure)", () => {
    it("fills in the defaults", () => {
        expect(planSecretVault(ARGS)).toEqual({
            vaultNamePrefix: "koji-kv",
            skuName: "standard",
            softDeleteRetentionDays: 90,
            access: { publicNetworkAccess: "Disabled", allowedIpRules: [] },
        });
    });

    it.each([
        [{ vaultNamePrefix: "1koji" }, /vaultNamePrefix: "1koji"/],
        [{ vaultNamePrefix: "koji--kv" }, /single hyphens/],
        [{ vaultNamePrefix: "k".repeat(16) }, /at most 15/],
        [{ softDeleteRetentionDays: 6 }, /7 to 90 days; got 6/],
        [{ softDeleteRetentionDays: 91 }, /7 to 90/],
        [{ adminSourceCidrs: ["10.0.0.0/8"] }, /adminSourceCidrs\[0\].*private/],
    ])("rejects %j", (bad, message) => {
        expect(() => planSecretVault({ ...ARGS, ...bad })).toThrow(message);
    });
});

describe("SecretVault (mocked)", () => {
    let mocks: PulumiMocks;
    let vault: SecretVault;
    let resources: RecordedResource[];
    let properties: Record<string, any>;

    beforeAll(async () => {
        mocks = installPulumiMocks({ stateFor: offlineState });
        vault = new SecretVault("secrets", ARGS, mocks.recordingOptions);
        resources = await mocks.settled();
        properties = mocks.single("azure-native:keyvault:Vault").inputs.properties;
    });

    it("parents every child to the component", () => {
        expect(mocks.topLevel().map((resource) => resource.type)).toEqual(["buildfarm:keyvault:SecretVault"]);
    });

    it("uses RBAC, soft delete and purge protection, in the deploying tenant", () => {
        expect(properties).toMatchObject({
            tenantId: CLIENT_CONFIG.tenantId,
            sku: { family: "A", name: "standard" },
            enableRbacAuthorization: true,
            enableSoftDelete: true,
            softDeleteRetentionInDays: 90,
            enablePurgeProtection: true,
            enabledForDeployment: false,
            enabledForDiskEncryption: false,
            enabledForTemplateDeployment: false,
        });
        expect(properties.accessPolicies).toBeUndefined();
    });

    it("is reachable only through its private endpoint by default", () => {
        expect(properties.publicNetworkAccess).toBe("Disabled");
        expect(properties.networkAcls).toEqual({ defaultAction: "Deny", bypass: "None", ipRules: [] });
        expect(mocks.single("azure-native:network:PrivateEndpoint").inputs).toMatchObject({
            subnet: { id: "endpoint-subnet-id" },
            privateLinkServiceConnections: [{ privateLinkServiceId: "secrets-vault-id", groupIds: ["vault"] }],
        });
        expect(mocks.single("azure-native:network:PrivateDnsZoneGroup").inputs.privateDnsZoneConfigs).toEqual([
            { name: "vault", privateDnsZoneId: "vault-zone-id" },
        ]);
    });

    it("never creates a secret, key or access policy", () => {
        const types = resources.map((resource) => resource.type);
        expect(types.filter((type) => /keyvault:(Secret|Key|AccessPolicy)$/.test(type))).toEqual([]);
    });

    it("names the vault with a random suffix and exports its URI", async () => {
        expect(await promiseOf(vault.vaultName)).toBe(`koji-kv-${SUFFIX}`);
        expect(await promiseOf(vault.vaultUri)).toBe(`https://koji-kv-${SUFFIX}.vault.azure.net/`);
        expect(await promiseOf(vault.vaultId)).toBe("secrets-vault-id");
    });

    it("lets listed admin addresses through the firewall", async () => {
        new SecretVault("admin", { ...ARGS, adminSourceCidrs: ["203.0.113.7", "198.51.100.0/28"] }, mocks.recordingOptions);
        await mocks.settled();
        const admin = mocks.ofType("azure-native:keyvault:Vault").find((resource) => resource.name === "admin-vault")!;
        expect(admin.inputs.properties.publicNetworkAccess).toBe("Enabled");
        expect(admin.inputs.properties.networkAcls).toEqual({
            defaultAction: "Deny",
            bypass: "None",
            ipRules: [{ value: "203.0.113.7" }, { value: "198.51.100.0/28" }],
        });
    });

    it("throws before registering anything when the arguments are wrong", async () => {
        const before = (await mocks.settled()).length;
        expect(() => new SecretVault("bad", { ...ARGS, softDeleteRetentionDays: 3 }, mocks.recordingOptions)).toThrow(/softDeleteRetentionDays/);
        expect((await mocks.settled()).length).toBe(before);
    });
});

import { beforeAll, describe, expect, it } from "vitest";
import { installPulumiMocks, promiseOf, PulumiMocks, RecordedResource } from "./helpers/pulumi-mocks";
import { ArtifactStore, ArtifactStoreArgs } from "../components/artifact-store";
import { planArtifactStore } from "../lib/artifact-store-plan";
import { builderSlots } from "../lib/slots";
import { offlineState } from "../scripts/plan/offline-state";

/** The random name suffix the plan's offline Azure gives this store (scripts/plan/offline-state.ts). */
const SUFFIX = offlineState({ type: "random:index/randomString:RandomString", name: "store-suffix", inputs: { length: 8 }, custom: true }).result as string;

const SLOT_IDS = builderSlots("v3", 3, "az.example.org").map((slot) => slot.id);
const ARGS: ArtifactStoreArgs = {
    resourceGroupName: "rg",
    tags: { project: "koji-v3", owner: "farm-admins" },
    privateEndpointSubnetResourceId: "endpoint-subnet-id",
    blobPrivateDnsZoneResourceId: "blob-zone-id",
    slotIds: SLOT_IDS,
};

describe("planArtifactStore (pure)", () => {
    it("accepts the defaults", () => {
        expect(planArtifactStore(ARGS)).toEqual({
            accountNamePrefix: "kojiartifacts",
            skuName: "Standard_ZRS",
            softDeleteRetentionDays: 30,
            lock: true,
            protect: true,
            access: { publicNetworkAccess: "Disabled", allowedIpRules: [] },
        });
    });

    it.each([
        [{ accountNamePrefix: "Koji-Artifacts" }, /accountNamePrefix: "Koji-Artifacts"/],
        [{ accountNamePrefix: "a".repeat(17) }, /1 to 16/],
        [{ slotIds: ["v3-001", "v3-001"] }, /slotIds\[1\]: "v3-001" is listed twice/],
        [{ slotIds: ["pool/01"] }, /slotIds\[0\]/],
        [{ softDeleteRetentionDays: 0 }, /softDeleteRetentionDays/],
        [{ softDeleteRetentionDays: 400 }, /1 to 365 days/],
        [{ adminSourceCidrs: ["192.168.1.10"] }, /adminSourceCidrs\[0\].*private/],
    ])("rejects %j", (bad, message) => {
        expect(() => planArtifactStore({ ...ARGS, ...bad })).toThrow(message);
    });
});

describe("ArtifactStore (mocked)", () => {
    let mocks: PulumiMocks;
    let store: ArtifactStore;
    let resources: RecordedResource[];
    let account: RecordedResource;

    beforeAll(async () => {
        mocks = installPulumiMocks({ stateFor: offlineState });
        store = new ArtifactStore("store", ARGS, mocks.recordingOptions);
        resources = await mocks.settled();
        account = mocks.single("azure-native:storage:StorageAccount");
    });

    it("parents every child to the component", () => {
        expect(mocks.topLevel().map((resource) => resource.type)).toEqual(["buildfarm:storage:ArtifactStore"]);
    });

    it("creates a zone-redundant StorageV2 account named with the random suffix", () => {
        expect(account.inputs).toMatchObject({ kind: "StorageV2", sku: { name: "Standard_ZRS" }, accountName: `kojiartifacts${SUFFIX}` });
        expect(mocks.single("random:index/randomString:RandomString").inputs).toMatchObject({ length: 8, upper: false, special: false });
    });

    it("allows only HTTPS, TLS 1.2, Entra ID and no anonymous access", () => {
        expect(account.inputs).toMatchObject({
            enableHttpsTrafficOnly: true,
            minimumTlsVersion: "TLS1_2",
            allowBlobPublicAccess: false,
            allowSharedKeyAccess: false,
            defaultToOAuthAuthentication: true,
            allowCrossTenantReplication: false,
        });
    });

    it("turns public network access off and denies by default", () => {
        expect(account.inputs.publicNetworkAccess).toBe("Disabled");
        expect(account.inputs.networkRuleSet).toEqual({ defaultAction: "Deny", bypass: "None", ipRules: [] });
    });

    it("protects the account from pulumi destroy", () => {
        expect(account.opts.protect).toBe(true);
        for (const other of resources.filter((resource) => resource !== account)) {
            expect(other.opts.protect, other.name).toBeFalsy();
        }
    });

    it("locks the account against deletion with a CanNotDelete lock scoped to the account id", () => {
        expect(mocks.single("azure-native:authorization:ManagementLockByScope").inputs).toMatchObject({ scope: "store-account-id", level: "CanNotDelete" });
    });

    it("keeps versions and soft-deleted blobs and containers", () => {
        expect(mocks.single("azure-native:storage:BlobServiceProperties").inputs).toMatchObject({
            accountName: `kojiartifacts${SUFFIX}`,
            isVersioningEnabled: true,
            deleteRetentionPolicy: { enabled: true, days: 30 },
            containerDeleteRetentionPolicy: { enabled: true, days: 30 },
        });
    });

    it("creates only the private slots container: nothing else writes to the store", () => {
        expect(mocks.ofType("azure-native:storage:BlobContainer").map((container) => container.inputs)).toEqual([
            expect.objectContaining({ containerName: "slots", publicAccess: "None", accountName: `kojiartifacts${SUFFIX}` }),
        ]);
        expect(mocks.ofType("azure-native:storage:ManagementPolicy")).toEqual([]);
    });

    it("puts a blob private endpoint in the endpoint subnet and registers it in the blob zone", () => {
        expect(mocks.single("azure-native:network:PrivateEndpoint").inputs).toMatchObject({
            subnet: { id: "endpoint-subnet-id" },
            privateLinkServiceConnections: [{ privateLinkServiceId: "store-account-id", groupIds: ["blob"] }],
        });
        expect(mocks.single("azure-native:network:PrivateDnsZoneGroup").inputs).toMatchObject({
            privateEndpointName: "store-blob-pe",
            privateDnsZoneConfigs: [{ privateDnsZoneId: "blob-zone-id" }],
        });
    });

    it("creates no blobs: builders create their slot blobs (shared-key access is off)", () => {
        expect(mocks.ofType("azure-native:storage:Blob")).toEqual([]);
    });

    it("exports the account, endpoint, containers and slot blob URLs", async () => {
        expect(await promiseOf(store.accountName)).toBe(`kojiartifacts${SUFFIX}`);
        expect(await promiseOf(store.blobEndpoint)).toBe(`https://kojiartifacts${SUFFIX}.blob.core.windows.net/`);
        expect(await promiseOf(store.containerNames.slots)).toBe("slots");
        expect(await promiseOf(store.containerIds.slots)).toBe("store-slots-id");
        expect(await promiseOf(store.slotBlobUrls)).toEqual({
            "v3-001": `https://kojiartifacts${SUFFIX}.blob.core.windows.net/slots/v3-001`,
            "v3-002": `https://kojiartifacts${SUFFIX}.blob.core.windows.net/slots/v3-002`,
            "v3-003": `https://kojiartifacts${SUFFIX}.blob.core.windows.net/slots/v3-003`,
        });
    });

    it("opens the firewall only to listed admin addresses, and can drop lock and protect for throwaway stacks", async () => {
        new ArtifactStore("scratch", { ...ARGS, adminSourceCidrs: ["203.0.113.7/32"], lock: { kind: "None" }, protect: false }, mocks.recordingOptions);
        await mocks.settled();
        const scratch = mocks.ofType("azure-native:storage:StorageAccount").find((resource) => resource.name === "scratch-account")!;
        expect(scratch.inputs.publicNetworkAccess).toBe("Enabled");
        expect(scratch.inputs.networkRuleSet).toEqual({
            defaultAction: "Deny",
            bypass: "None",
            ipRules: [{ iPAddressOrRange: "203.0.113.7", action: "Allow" }],
        });
        expect(scratch.opts.protect).toBe(false);
        expect(mocks.ofType("azure-native:authorization:ManagementLockByScope").map((lock) => lock.name)).toEqual(["store-lock"]);
    });

    it("throws before registering anything when the arguments are wrong", async () => {
        const before = (await mocks.settled()).length;
        expect(() => new ArtifactStore("bad", { ...ARGS, slotIds: ["a", "a"] }, mocks.recordingOptions)).toThrow(/listed twice/);
        expect((await mocks.settled()).length).toBe(before);
    });
});

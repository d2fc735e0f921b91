/**
 * The four foundation components wired together as the program will wire them, and the policy pack run over
 * everything they register: no mandatory violation, and no advisory one either when tags are given.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { CLIENT_CONFIG, installPulumiMocks, PulumiMocks, RecordedResource } from "./helpers/pulumi-mocks";
import { HarnessResource, runResourcePolicies, runStackPolicies } from "./helpers/policy-harness";
import { ArtifactStore } from "../components/artifact-store";
import { BuilderIdentity } from "../components/builder-identity";
import { BuilderNetwork } from "../components/builder-network";
import { SecretVault } from "../components/secret-vault";
import { builderSlots } from "../lib/slots";

const PLACEMENT = { resourceGroupName: "farm", tags: { project: "koji-x86-64-v3", owner: "fedora-infra" } };

function computedOutputs(args: { type: string; name: string; inputs: Record<string, any> }): Record<string, unknown> | undefined {
    switch (args.type) {
        case "random:index/randomString:RandomString":
            return { result: "a1b2c3d4" };
        case "azure-native:storage:StorageAccount":
            return { primaryEndpoints: { blob: "https://kojiartifactsa1b2c3d4.blob.core.windows.net/" } };
        case "azure-native:keyvault:Vault":
            return { properties: { ...args.inputs.properties, vaultUri: "https://koji-kv-a1b2c3d4.vault.azure.net/" } };
        case "azure-native:managedidentity:UserAssignedIdentity":
            return { principalId: "11111111-2222-3333-4444-555555555555", clientId: "client-1" };
        default:
            return undefined;
    }
}

/** ARM-shaped ids, because the identity refuses role assignment scopes that are not resource ids. */
function armId(args: { type: string; name: string }): string {
    const [, module, resourceType] = args.type.split(":");
    return `/subscriptions/${CLIENT_CONFIG.subscriptionId}/resourceGroups/farm/providers/Mock.${module}/${resourceType}/${args.name}`;
}

function asPolicyResources(resources: readonly RecordedResource[]): HarnessResource[] {
    return resources.map(({ type, name, urn, id, inputs }) => ({ type, name, urn, id, inputs }));
}

describe("farm foundation under the policy pack", () => {
    let mocks: PulumiMocks;
    let resources: HarnessResource[];

    beforeAll(async () => {
        mocks = installPulumiMocks({ stateFor: computedOutputs, idFor: armId });
        const opts = mocks.recordingOptions;
        const network = new BuilderNetwork("farm", { ...PLACEMENT, adminSshSourceCidrs: ["203.0.113.0/28"] }, opts);
        const store = new ArtifactStore("artifacts", {
            ...PLACEMENT,
            privateEndpointSubnetResourceId: network.privateEndpointSubnetId,
            blobPrivateDnsZoneResourceId: network.blobPrivateDnsZoneId,
            slotIds: builderSlots("v3", 4, "az.example.org").map((slot) => slot.id),
        }, opts);
        const vault = new SecretVault("secrets", {
            ...PLACEMENT,
            privateEndpointSubnetResourceId: network.privateEndpointSubnetId,
            vaultPrivateDnsZoneResourceId: network.vaultPrivateDnsZoneId,
        }, opts);
        new BuilderIdentity("builders", {
            ...PLACEMENT,
            secretVaultResourceId: vault.vaultId,
            slotsContainerResourceId: store.containerIds.slots,
        }, opts);
        resources = asPolicyResources(await mocks.settled());
    });

    it("registers the resources the policies look at", () => {
        const types = new Set(resources.map((resource) => resource.type));
        for (const type of [
            "azure-native:network:NetworkSecurityGroup",
            "azure-native:storage:StorageAccount",
            "azure-native:authorization:ManagementLockByScope",
            "azure-native:keyvault:Vault",
            "azure-native:authorization:RoleAssignment",
        ]) {
            expect(types).toContain(type);
        }
    });

    it("passes every resource policy", async () => {
        expect(await runResourcePolicies(resources)).toEqual([]);
    });

    it("would fail a resource policy if the store allowed shared keys (the policies see these resources)", async () => {
        const account = resources.find((resource) => resource.type === "azure-native:storage:StorageAccount")!;
        const violations = await runResourcePolicies([{ ...account, inputs: { ...account.inputs, allowSharedKeyAccess: true } }]);
        expect(violations).toEqual([expect.objectContaining({ policy: "storage-account-secure-access", enforcementLevel: "mandatory" })]);
    });

    it("passes every stack policy, the storage delete lock included", async () => {
        expect(await runStackPolicies(resources)).toEqual([]);
    });

    it("fails the delete-lock stack policy when the store's lock is dropped (the check is live)", async () => {
        const withoutLock = resources.filter((resource) => resource.type !== "azure-native:authorization:ManagementLockByScope");
        const violations = await runStackPolicies(withoutLock);
        expect(violations).toEqual([expect.objectContaining({ policy: "storage-account-delete-lock", enforcementLevel: "mandatory" })]);
    });
});

/**
 * The four foundation components wired together as the program will wire them, and the policy pack run over
 * everything they register: no mandatory violation, and no advisory one either when tags are given.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { installPulumiMocks, PulumiMocks, RecordedResource } from "./helpers/pulumi-mocks";
import { HarnessResource, runResourcePolicies, runStackPolicies } from "./helpers/policy-harness";
import { ArtifactStore } from "../components/artifact-store";
import { BuilderIdentity } from "../components/builder-identity";
import { offlineResourceId, offlineState } from "../scripts/plan/offline-state";
import { BuilderNetwork } from "../components/builder-network";
import { SecretVault } from "../components/secret-vault";
import { builderSlots } from "../lib/slots";

const PLACEMENT = { resourceGroupName: "farm", tags: { project: "koji-x86-64-v3", owner: "fedora-infra" } };

function asPolicyResources(resources: readonly RecordedResource[]): HarnessResource[] {
    return resources.map(({ type, name, urn, id, inputs }) => ({ type, name, urn, id, inputs }));
}

describe("farm foundation under the policy pack", () => {
    let mocks: PulumiMocks;
    let resources: HarnessResource[];

    beforeAll(async () => {
        // The offline Azure the plan uses: ARM-shaped ids and the computed outputs the components read back.
        mocks = installPulumiMocks({ stateFor: offlineState, idFor: offlineResourceId });
        const opts = mocks.recordingOptions;
        const network = new BuilderNetwork("farm", { ...PLACEMENT, adminSourceCidrs: ["203.0.113.0/28"] }, opts);
        const store = new ArtifactStore(
            "artifacts",
            {
                ...PLACEMENT,
                privateEndpointSubnetResourceId: network.privateEndpointSubnetId,
                blobPrivateDnsZoneResourceId: network.blobPrivateDnsZoneId,
                slotIds: builderSlots("v3", 4, "az.example.org").map((slot) => slot.id),
            },
            opts,
        );
        const vault = new SecretVault(
            "secrets",
            {
                ...PLACEMENT,
                privateEndpointSubnetResourceId: network.privateEndpointSubnetId,
                vaultPrivateDnsZoneResourceId: network.vaultPrivateDnsZoneId,
            },
            opts,
        );
        new BuilderIdentity(
            "builders",
            {
                ...PLACEMENT,
                secretVaultResourceId: vault.vaultId,
                slotsContainerResourceId: store.containerIds.slots,
            },
            opts,
        );
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

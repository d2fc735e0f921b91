import { beforeAll, describe, expect, it } from "vitest";
import { CLIENT_CONFIG, installPulumiMocks, promiseOf, PulumiMocks, RecordedResource } from "./helpers/pulumi-mocks";
import { BuilderIdentity, BuilderIdentityArgs } from "../components/builder-identity";
import { nameBasedUuid } from "../lib/name-based-uuid";
import { requireResourceScope } from "../lib/azure-roles";
import { BUILDER_IDENTITY_GRANTS, planBuilderIdentity } from "../lib/builder-identity-plan";
import { offlineState } from "../scripts/plan/offline-state";

const RG = `/subscriptions/${CLIENT_CONFIG.subscriptionId}/resourceGroups/farm`;
const ACCOUNT = `${RG}/providers/Microsoft.Storage/storageAccounts/kojiartifactsa1b2c3d4`;
const VAULT_ID = `${RG}/providers/Microsoft.KeyVault/vaults/koji-kv-q9w8e7r6`;
const CONTAINER_IDS = {
    slots: `${ACCOUNT}/blobServices/default/containers/slots`,
};
const ROLE_DEFINITIONS = `/subscriptions/${CLIENT_CONFIG.subscriptionId}/providers/Microsoft.Authorization/roleDefinitions`;
/** learn.microsoft.com built-in roles: Key Vault Secrets User, Storage Blob Data Contributor. */
const KEY_VAULT_SECRETS_USER = `${ROLE_DEFINITIONS}/4633458b-17de-408a-b874-0445c86b69e6`;
const STORAGE_BLOB_DATA_CONTRIBUTOR = `${ROLE_DEFINITIONS}/ba92f5b4-2d11-453d-a403-e96b0029c9fe`;
/** The identity's ids as the plan's offline Azure gives them (scripts/plan/offline-state.ts). */
const OFFLINE_IDENTITY = offlineState({ type: "azure-native:managedidentity:UserAssignedIdentity", name: "builders-identity", inputs: {}, custom: true });
const PRINCIPAL_ID = OFFLINE_IDENTITY.principalId as string;

const ARGS: BuilderIdentityArgs = {
    resourceGroupName: "farm",
    tags: { project: "koji-v3", owner: "farm-admins" },
    secretVaultResourceId: VAULT_ID,
    slotsContainerResourceId: CONTAINER_IDS.slots,
};

describe("requireResourceScope (pure)", () => {
    it.each([`/subscriptions/${CLIENT_CONFIG.subscriptionId}`, RG, `${RG}/`, "kojiartifacts"])("refuses %j", (scope) => {
        expect(() => requireResourceScope(scope, "secretVaultResourceId")).toThrow(/^secretVaultResourceId: .* not a resource id below a resource group/);
    });

    it("accepts a vault and a container", () => {
        expect(requireResourceScope(VAULT_ID, "x")).toBe(VAULT_ID);
        expect(requireResourceScope(CONTAINER_IDS.slots, "x")).toBe(CONTAINER_IDS.slots);
    });
});

describe("planBuilderIdentity (pure)", () => {
    it("grants two data-plane roles, each on the one resource its argument names", () => {
        expect(planBuilderIdentity({}).map((grant) => [grant.role, grant.scopeArgument])).toEqual([
            ["keyVaultSecretsUser", "secretVaultResourceId"],
            ["storageBlobDataContributor", "slotsContainerResourceId"],
        ]);
        expect(planBuilderIdentity({})).toBe(BUILDER_IDENTITY_GRANTS);
    });

    it("refuses a known scope wider than one resource, naming the argument", () => {
        expect(() => planBuilderIdentity({ slotsContainerResourceId: "/subscriptions/0000/resourceGroups/rg" })).toThrow(
            /^slotsContainerResourceId: .* role assignments must not be that broad$/,
        );
    });
});

describe("BuilderIdentity (mocked)", () => {
    let mocks: PulumiMocks;
    let identity: BuilderIdentity;
    let assignments: RecordedResource[];

    beforeAll(async () => {
        mocks = installPulumiMocks({ stateFor: offlineState });
        identity = new BuilderIdentity("builders", ARGS, mocks.recordingOptions);
        await mocks.settled();
        assignments = mocks.ofType("azure-native:authorization:RoleAssignment");
    });

    it("parents every child to the component", () => {
        expect(mocks.topLevel().map((resource) => resource.type)).toEqual(["buildfarm:identity:BuilderIdentity"]);
    });

    it("grants exactly Key Vault Secrets User on the pool's vault and Blob Data Contributor on the slots container", () => {
        expect(assignments.map((assignment) => [assignment.inputs.scope, assignment.inputs.roleDefinitionId])).toEqual([
            [VAULT_ID, KEY_VAULT_SECRETS_USER],
            [CONTAINER_IDS.slots, STORAGE_BLOB_DATA_CONTRIBUTOR],
        ]);
    });

    it("grants to the builder identity as a service principal", () => {
        for (const assignment of assignments) {
            expect(assignment.inputs).toMatchObject({ principalId: PRINCIPAL_ID, principalType: "ServicePrincipal" });
        }
    });

    it("grants nothing at account, resource group or subscription scope", () => {
        for (const assignment of assignments) {
            expect(assignment.inputs.scope).not.toBe(ACCOUNT);
            expect(assignment.inputs.scope.startsWith(`${RG}/providers/`)).toBe(true);
        }
    });

    it("names each assignment deterministically from scope, principal and role", () => {
        expect(assignments[0].inputs.roleAssignmentName).toBe(nameBasedUuid(VAULT_ID, PRINCIPAL_ID, "4633458b-17de-408a-b874-0445c86b69e6"));
        expect(new Set(assignments.map((assignment) => assignment.inputs.roleAssignmentName)).size).toBe(2);
    });

    it("exports the identity's id, client id and principal id", async () => {
        expect(await promiseOf(identity.identityId)).toBe("builders-identity-id");
        expect(await promiseOf(identity.clientId)).toBe(OFFLINE_IDENTITY.clientId);
        expect(await promiseOf(identity.principalId)).toBe(PRINCIPAL_ID);
        expect(await promiseOf(identity.roleAssignmentIds)).toHaveLength(2);
    });

    it("throws before registering anything when a scope is a resource group", async () => {
        const before = (await mocks.settled()).length;
        expect(() => new BuilderIdentity("bad", { ...ARGS, slotsContainerResourceId: RG }, mocks.recordingOptions)).toThrow(
            /slotsContainerResourceId: .* not a resource id below a resource group/,
        );
        expect((await mocks.settled()).length).toBe(before);
    });
});

/**
 * The ARM layer of the size rule: the farm assigns Azure's built-in allowed-size policies with the catalog's
 * list (lib/size-policy-plan.ts), and the pack's stack policy checks that every group with VMs carries them.
 */
import * as authorization from "@pulumi/azure-native/authorization";
import * as compute from "@pulumi/azure-native/compute";
import * as resources from "@pulumi/azure-native/resources";
import { describe, expect, it } from "vitest";
import { allowedSizeNames, sizeVerdict } from "../policy/catalog";
import { AZURE_SIZE_POLICIES, definitionIdOf } from "../policy/lib/azure-size-policies";
import { azureSizePolicyAssigned } from "../policy/policies/azure-size-policy-assigned";
import { planSizePolicyAssignments } from "../lib/size-policy-plan";
import { HarnessResource, runStackPolicies, UNKNOWN, Violation } from "./helpers/policy-harness";

const GROUP_URN = "urn:pulumi:test::buildfarm::azure-native:resources:ResourceGroup::farm-rg";
const group: HarnessResource = {
    type: resources.ResourceGroup,
    name: "farm-rg",
    id: "/subscriptions/s/resourceGroups/farm-rg-1234",
    inputs: { resourceGroupName: "farm-rg-1234" },
};
const scaleSet: HarnessResource = {
    type: compute.VirtualMachineScaleSet,
    name: "pool",
    inputs: { resourceGroupName: "farm-rg-1234", sku: { name: "Standard_D16as_v5", capacity: 1 } },
    propertyDependencies: { resourceGroupName: [GROUP_URN] },
};
const assignments = (list = allowedSizeNames(), extra: Partial<HarnessResource> = { propertyDependencies: { scope: [GROUP_URN] } }): HarnessResource[] =>
    AZURE_SIZE_POLICIES.map((policy) => ({
        type: authorization.PolicyAssignment,
        name: policy.key,
        inputs: { policyDefinitionId: definitionIdOf(policy), parameters: { listOfAllowedSKUs: { value: [...list, ...policy.alsoAllowed] } } },
        ...extra,
    }));
const check = (stack: HarnessResource[]) => runStackPolicies(stack, {}, [azureSizePolicyAssigned]);
const messages = (violations: Violation[]) => violations.map(({ message }) => message);

describe("planSizePolicyAssignments (pure)", () => {
    const plans = planSizePolicyAssignments("x86-64-v3");

    it("assigns both built-ins, read from Azure/azure-policy, with exactly the catalog's allowed sizes", () => {
        expect(plans.map((plan) => plan.policyDefinitionId)).toEqual([
            "/providers/Microsoft.Authorization/policyDefinitions/cccc23c7-8427-4f53-ad12-b6a63eb452b3",
            "/providers/Microsoft.Authorization/policyDefinitions/a7032590-9c5d-4450-bee6-c5a7f0100542",
        ]);
        const [vms, scaleSets] = plans.map((plan) => plan.parameters.listOfAllowedSKUs.value);
        expect(vms).toEqual(allowedSizeNames({ minimumLevel: "x86-64-v3" }));
        expect(vms.length).toBeGreaterThan(100);
        expect(vms.every((size) => sizeVerdict(size).allowed)).toBe(true);
        expect(vms).not.toContain("Standard_A2_v2");
        // The scale-set definition reads only sku.name, which an instance mix sets to "Mix".
        expect(scaleSets).toEqual([...vms, "Mix"]);
    });

    it("narrows with the level", () => {
        const v4 = planSizePolicyAssignments("x86-64-v4")[0].parameters.listOfAllowedSKUs.value;
        expect(v4.length).toBeLessThan(plans[0].parameters.listOfAllowedSKUs.value.length);
        expect(v4).not.toContain("Standard_D16as_v5");
    });
});

describe("azure-size-policy-assigned", () => {
    it("passes a group that carries both assignments, linked by the engine's dependencies", async () => {
        expect(await check([group, scaleSet, ...assignments()])).toEqual([]);
    });

    it("passes assignments by literal group id or at the subscription, and no other scope", async () => {
        const scoped = (scope: string) =>
            assignments().map((resource) => ({ ...resource, propertyDependencies: undefined, inputs: { ...resource.inputs, scope } }));
        expect(await check([group, scaleSet, ...scoped("/subscriptions/s/resourceGroups/FARM-RG-1234")])).toEqual([]);
        expect(await check([scaleSet, ...scoped("/subscriptions/s")])).toEqual([]);
        expect(messages(await check([group, scaleSet, ...scoped("/subscriptions/s/resourceGroups/other")]))).toEqual([
            expect.stringMatching(/^"pool" is in a resource group without/),
        ]);
    });

    it("reports a VM or scale set in a group without them, naming the definitions", async () => {
        const vm: HarnessResource = {
            type: compute.VirtualMachine,
            name: "vm",
            inputs: { resourceGroupName: "elsewhere", hardwareProfile: { vmSize: "Standard_D4as_v5" } },
        };
        const found = messages(await check([group, scaleSet, vm, ...assignments()]));
        expect(found).toEqual([
            expect.stringMatching(
                /^"vm" is in a resource group without Azure's "Allowed virtual machine size SKUs" and .* policies: assign .*cccc23c7-8427-4f53-ad12-b6a63eb452b3/,
            ),
        ]);
        expect(messages(await check([group, scaleSet, assignments()[0]]))).toEqual([
            expect.stringContaining('without Azure\'s "Allowed virtual machine size SKUs for Virtual Machine Scale Sets" policy'),
        ]);
    });

    it("reports an assignment whose list lets through a size the catalog refuses", async () => {
        const loose = assignments([...allowedSizeNames(), "Standard_A2_v2", "Standard_D4pds_v5"]);
        expect(messages(await check([group, scaleSet, ...loose]))).toEqual([
            expect.stringMatching(/^Policy assignment "vm-sizes" .* allows Standard_A2_v2, Standard_D4pds_v5, which the catalog refuses at x86-64-v3/),
            expect.stringMatching(/^Policy assignment "vmss-sizes" .* allows Standard_A2_v2, Standard_D4pds_v5,/),
        ]);
        // "Mix" belongs only in the scale-set list.
        const mixInVmList = assignments().map((resource, index) =>
            index === 0 ? { ...resource, inputs: { ...resource.inputs, parameters: { listOfAllowedSKUs: { value: ["Mix"] } } } } : resource,
        );
        expect(messages(await check([group, scaleSet, ...mixInVmList]))).toEqual([expect.stringContaining("allows Mix")]);
    });

    it("judges what it can read during preview, and leaves the rest to the engine", async () => {
        const unreadable = assignments().map((resource) => ({ ...resource, propertyDependencies: undefined, inputs: { ...resource.inputs, scope: UNKNOWN } }));
        const vm: HarnessResource = { type: compute.VirtualMachine, name: "vm", inputs: { resourceGroupName: "elsewhere" } };
        // The assignments' scopes are unknown: whether they cover the group cannot be said, so nothing is reported but the advisory.
        expect((await check([group, scaleSet, vm, ...unreadable])).map((violation) => violation.enforcementLevel)).toEqual(["advisory"]);
        // A known wrong list is still reported beside an unknown one.
        const loose = assignments([...allowedSizeNames(), "Standard_A2_v2"]);
        const oneUnknown = [loose[0], { ...loose[1], inputs: { ...loose[1].inputs, parameters: { listOfAllowedSKUs: { value: UNKNOWN } } } }];
        expect((await check([group, scaleSet, ...oneUnknown])).map((violation) => violation.enforcementLevel)).toEqual(["mandatory", "advisory"]);
    });

    it("passes a stricter list", async () => {
        expect(await check([group, scaleSet, ...assignments(["Standard_D16as_v5"])])).toEqual([]);
    });
});

/**
 * The harness over resources recorded under `pulumi.runtime.setMocks` in preview mode, as component tests use
 * it: inputs computed from outputs that are not known yet reach the mock's `newResource` as unknown markers,
 * which the harness must turn into the engine's sentinel so the pack says "can't verify during preview".
 */
import * as pulumi from "@pulumi/pulumi";
import * as compute from "@pulumi/azure-native/compute";
import * as storage from "@pulumi/azure-native/storage";
import { expect, it } from "vitest";
import { HarnessResource, runResourcePolicies } from "./helpers/policy-harness";

it("maps a preview mock's unknown inputs to the engine's sentinel", async () => {
    const recorded: HarnessResource[] = [];
    const registered = new Promise<void>((resolve) => {
        pulumi.runtime.setMocks(
            {
                newResource(args) {
                    recorded.push({ type: args.type, name: args.name, inputs: args.inputs });
                    if (args.type === "azure-native:compute:VirtualMachineScaleSet") {
                        resolve();
                    }
                    // No state: during preview every output the mock does not return stays unknown.
                    return { id: `${args.name}-id`, state: {} };
                },
                call: () => ({}),
            },
            "buildfarm",
            "test",
            true,
        );
    });
    const account = new storage.StorageAccount("store", { resourceGroupName: "rg", kind: "StorageV2", sku: { name: "Standard_LRS" } });
    new compute.VirtualMachineScaleSet("pool", {
        resourceGroupName: "rg",
        // A size computed from an output unknown during preview.
        sku: { name: account.primaryLocation, capacity: 1 },
    });
    await registered;
    const scaleSet = recorded.find(({ type }) => type === "azure-native:compute:VirtualMachineScaleSet");
    expect(scaleSet).toBeDefined();
    const violations = await runResourcePolicies([scaleSet!]);
    expect(violations.filter(({ policy }) => policy === "vm-sizes-x86-64-v3")).toEqual([
        expect.objectContaining({
            enforcementLevel: "advisory",
            message: expect.stringMatching(/^can't run policy 'vm-sizes-x86-64-v3' during preview: .*sku\.name/),
        }),
    ]);
});

import * as azurefleet from "@pulumi/azure-native/azurefleet";
import * as batch from "@pulumi/azure-native/batch";
import * as compute from "@pulumi/azure-native/compute";
import * as computebulkactions from "@pulumi/azure-native/computebulkactions";
import * as containerservice from "@pulumi/azure-native/containerservice";
import * as storage from "@pulumi/azure-native/storage";
import { describe, expect, it } from "vitest";
import { sizeVerdict } from "../policy/catalog";
import { vmSizesX8664V3 } from "../policy/policies/vm-sizes-x86-64-v3";
import { HarnessResource, PackConfig, runResourcePolicies, UNKNOWN, Violation } from "./helpers/policy-harness";

const V3 = "Standard_D16as_v5";
const V4 = "Standard_D4s_v5";
const BELOW = "Standard_A2_v2";
const ARM = "Standard_D4ps_v6";
const RETIRED = "Standard_NC6";
const UNKNOWN_SIZE = "Standard_Foo";

function check(resource: Omit<HarnessResource, "name">, config?: PackConfig): Promise<Violation[]> {
    return runResourcePolicies([{ name: "subject", ...resource }], config, [vmSizesX8664V3]);
}

const messages = (violations: Violation[]) => violations.map(({ message }) => message);

describe("vm-sizes-x86-64-v3: where sizes appear", () => {
    // Each entry puts `size` at one place the policy must look.
    const placements: [string, (size: unknown) => Omit<HarnessResource, "name">, string][] = [
        ["scale set sku.name", (size) => ({ type: compute.VirtualMachineScaleSet, inputs: { sku: { name: size, capacity: 2 } } }), "sku.name"],
        [
            "scale set instance mix",
            (size) => ({
                type: compute.VirtualMachineScaleSet,
                inputs: { sku: { name: "Mix", capacity: 2 }, skuProfile: { vmSizes: [{ name: V3 }, { name: size }] } },
            }),
            "skuProfile.vmSizes[1].name",
        ],
        ["VM hardwareProfile.vmSize", (size) => ({ type: compute.VirtualMachine, inputs: { hardwareProfile: { vmSize: size } } }), "hardwareProfile.vmSize"],
        [
            "AKS cluster agent pool profile",
            (size) => ({
                type: containerservice.ManagedCluster,
                inputs: {
                    agentPoolProfiles: [
                        { name: "a", vmSize: V3 },
                        { name: "b", vmSize: size },
                    ],
                },
            }),
            "agentPoolProfiles[1].vmSize",
        ],
        ["AKS agent pool vmSize", (size) => ({ type: containerservice.AgentPool, inputs: { vmSize: size } }), "vmSize"],
        [
            "AKS VirtualMachines pool manual scale size",
            (size) => ({ type: containerservice.AgentPool, inputs: { virtualMachinesProfile: { scale: { manual: [{ size, count: 2 }] } } } }),
            "virtualMachinesProfile.scale.manual[0].size",
        ],
        ["Batch pool vmSize", (size) => ({ type: batch.Pool, inputs: { vmSize: size } }), "vmSize"],
        ["Compute Fleet vmSizesProfile", (size) => ({ type: azurefleet.Fleet, inputs: { vmSizesProfile: [{ name: size }] } }), "vmSizesProfile[0].name"],
        [
            "bulk launch vmSizesProfile",
            (size) => ({ type: computebulkactions.BulkAction, inputs: { properties: { vmSizesProfile: [{ name: V3 }, { name: size }] } } }),
            "properties.vmSizesProfile[1].name",
        ],
    ];

    it.each(placements)("%s: an allowed size passes", async (_where, place) => {
        expect(await check(place(V3))).toEqual([]);
    });

    it.each(placements)("%s: a non-v3 size is a mandatory violation naming the place and the catalog's reason", async (_where, place, path) => {
        const violations = await check(place(BELOW));
        expect(violations).toEqual([
            {
                policy: "vm-sizes-x86-64-v3",
                enforcementLevel: "mandatory",
                urn: expect.stringContaining("::subject"),
                message: `${path}: ${sizeVerdict(BELOW).reason}`,
            },
        ]);
    });

    it.each(placements)("%s: an unknown value during preview cannot be verified", async (_where, place) => {
        const violations = await check(place(UNKNOWN));
        expect(violations).toHaveLength(1);
        expect(violations[0]).toMatchObject({
            enforcementLevel: "advisory",
            message: expect.stringMatching(/^can't run policy 'vm-sizes-x86-64-v3' during preview/),
        });
    });
});

describe("vm-sizes-x86-64-v3: verdicts", () => {
    const scaleSet = (size: string) => ({ type: compute.VirtualMachineScaleSet, inputs: { sku: { name: size, capacity: 1 } } });

    it.each([BELOW, ARM, RETIRED, UNKNOWN_SIZE, "D16as_v5", ""])("refuses %j", async (size) => {
        expect(messages(await check(scaleSet(size)))).toEqual([`sku.name: ${sizeVerdict(size).reason}`]);
    });

    it("matches size names case-insensitively, as Azure does", async () => {
        expect(await check(scaleSet("standard_d16as_v5"))).toEqual([]);
    });

    it("minimumLevel x86-64-v4 refuses a v3-only series and keeps a v4 one", async () => {
        const config = { "vm-sizes-x86-64-v3": { minimumLevel: "x86-64-v4" } };
        expect(await check(scaleSet(V4), config)).toEqual([]);
        expect(messages(await check(scaleSet(V3), config))).toEqual([`sku.name: ${sizeVerdict(V3, { minimumLevel: "x86-64-v4" }).reason}`]);
    });

    it("holds a scale set tagged with a stricter pool level to that level, never to a looser one", async () => {
        const tagged = (size: string, level: unknown) => ({
            type: compute.VirtualMachineScaleSet,
            inputs: { sku: { name: size, capacity: 1 }, tags: { "buildfarm-minimum-level": level } },
        });
        expect(messages(await check(tagged(V3, "x86-64-v4")))).toEqual([`sku.name: ${sizeVerdict(V3, { minimumLevel: "x86-64-v4" }).reason}`]);
        expect(await check(tagged(V4, "x86-64-v4"))).toEqual([]);
        // A tag cannot lower the configured level.
        expect(messages(await check(tagged(V3, "x86-64-v3"), { "vm-sizes-x86-64-v3": { minimumLevel: "x86-64-v4" } }))).toEqual([
            `sku.name: ${sizeVerdict(V3, { minimumLevel: "x86-64-v4" }).reason}`,
        ]);
        expect(messages(await check(tagged(V4, "v5")))).toEqual([
            expect.stringMatching(/^tags\.buildfarm-minimum-level: .* is not one of x86-64-v3, x86-64-v4/),
        ]);
    });

    it("asOf judges retirement at that day", async () => {
        // NC (v1) retired on 2023-08-31: allowed the day before, refused from that day on.
        const before = await check(scaleSet(RETIRED), { "vm-sizes-x86-64-v3": { asOf: "2023-08-30" } });
        const on = await check(scaleSet(RETIRED), { "vm-sizes-x86-64-v3": { asOf: "2023-08-31" } });
        expect(before).toEqual([]);
        expect(messages(on)).toEqual([`sku.name: ${sizeVerdict(RETIRED, { asOf: new Date("2023-08-31T00:00:00Z") }).reason}`]);
    });

    it("checks every size of a mix and skips the Mix marker itself", async () => {
        const mix = {
            type: compute.VirtualMachineScaleSet,
            inputs: { sku: { name: "mix" }, skuProfile: { vmSizes: [{ name: ARM }, { name: V3 }, { name: BELOW }] } },
        };
        expect(messages(await check(mix))).toEqual([
            `skuProfile.vmSizes[0].name: ${sizeVerdict(ARM).reason}`,
            `skuProfile.vmSizes[2].name: ${sizeVerdict(BELOW).reason}`,
        ]);
    });

    it("applies the pack config's enforcement level", async () => {
        const violations = await check(scaleSet(BELOW), { "vm-sizes-x86-64-v3": { enforcementLevel: "advisory" } });
        expect(violations.map(({ enforcementLevel }) => enforcementLevel)).toEqual(["advisory"]);
        expect(await check(scaleSet(BELOW), { "vm-sizes-x86-64-v3": { enforcementLevel: "disabled" } })).toEqual([]);
    });
});

describe("vm-sizes-x86-64-v3: odd shapes", () => {
    it.each([
        ["a scale set without sku (Flexible, VMs attached separately)", { type: compute.VirtualMachineScaleSet, inputs: {} }],
        ["a scale set with sku null", { type: compute.VirtualMachineScaleSet, inputs: { sku: null } }],
        [
            "a scale set without sku whose VMs come from an instance mix",
            { type: compute.VirtualMachineScaleSet, inputs: { skuProfile: { vmSizes: [{ name: V3 }] } } },
        ],
        ["an AKS cluster with no pools", { type: containerservice.ManagedCluster, inputs: { agentPoolProfiles: [] } }],
        ["a resource the policy does not cover", { type: storage.StorageAccount, inputs: { sku: { name: BELOW } } }],
    ])("passes %s", async (_case, resource) => {
        expect(await check(resource)).toEqual([]);
    });

    it.each([
        ["a scale set with sku a string", { type: compute.VirtualMachineScaleSet, inputs: { sku: BELOW } }, "sku.name"],
        ["a scale set with sku but no name", { type: compute.VirtualMachineScaleSet, inputs: { sku: { capacity: 3 } } }, "sku.name"],
        ["a Mix without sizes", { type: compute.VirtualMachineScaleSet, inputs: { sku: { name: "Mix" }, skuProfile: { vmSizes: [] } } }, "skuProfile.vmSizes"],
        ["a VM without hardwareProfile", { type: compute.VirtualMachine, inputs: {} }, "hardwareProfile.vmSize"],
        ["a VM with hardwareProfile a string", { type: compute.VirtualMachine, inputs: { hardwareProfile: "big" } }, "hardwareProfile.vmSize"],
        ["an AKS pool without any size", { type: containerservice.AgentPool, inputs: { count: 3 } }, "vmSize"],
        ["a Batch pool with vmSize null", { type: batch.Pool, inputs: { vmSize: null } }, "vmSize"],
        [
            "a fleet choosing sizes by attributes",
            { type: azurefleet.Fleet, inputs: { vmSizesProfile: [{ name: V3 }], vmAttributes: { vCpuCount: { min: 16 } } } },
            "vmAttributes",
        ],
        ["a bulk launch without properties", { type: computebulkactions.BulkAction, inputs: {} }, "properties.vmSizesProfile"],
        ["a fleet with vmSizesProfile not a list", { type: azurefleet.Fleet, inputs: { vmSizesProfile: { name: V3 } } }, "vmSizesProfile"],
    ])("reports a missing size for %s (Azure's default is not guaranteed v3)", async (_case, resource, path) => {
        expect(messages(await check(resource))).toEqual([expect.stringMatching(new RegExp(`^${path.replace(/[.[\]]/g, "\\$&")}: no VM size given`))]);
    });

    it.each([
        ["a number", 16],
        ["an object", { name: V3 }],
        ["a list", [V3]],
        ["a boolean", true],
    ])("reports a size that is %s instead of a string", async (_case, size) => {
        const violations = await check({ type: compute.VirtualMachineScaleSet, inputs: { sku: { name: size } } });
        expect(messages(violations)).toEqual([expect.stringMatching(/^sku\.name: a VM size must be a string, got /)]);
    });

    it("reports each odd entry of a mix without stopping at the first", async () => {
        const violations = await check({
            type: compute.VirtualMachineScaleSet,
            inputs: { sku: { name: "Mix" }, skuProfile: { vmSizes: [null, { rank: 1 }, "Standard_D16as_v5", { name: V3 }] } },
        });
        expect(messages(violations)).toEqual([
            expect.stringMatching(/^skuProfile\.vmSizes\[0\]\.name: no VM size given/),
            expect.stringMatching(/^skuProfile\.vmSizes\[1\]\.name: no VM size given/),
            expect.stringMatching(/^skuProfile\.vmSizes\[2\]\.name: no VM size given/),
        ]);
    });

    it("maps a mock's unknown marker to the engine's sentinel", async () => {
        const violations = await check({ type: compute.VirtualMachineScaleSet, inputs: { sku: { name: { __pulumiUnknown: true } } } });
        expect(violations).toEqual([
            expect.objectContaining({ enforcementLevel: "advisory", message: expect.stringContaining("can't be known during preview") }),
        ]);
    });

    it("an unknown list of mix sizes cannot be verified", async () => {
        const violations = await check({ type: compute.VirtualMachineScaleSet, inputs: { sku: { name: "Mix" }, skuProfile: { vmSizes: UNKNOWN } } });
        expect(violations).toEqual([expect.objectContaining({ enforcementLevel: "advisory" })]);
    });
});

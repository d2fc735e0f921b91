import * as authorization from "@pulumi/azure-native/authorization";
import * as compute from "@pulumi/azure-native/compute";
import * as monitor from "@pulumi/azure-native/monitor";
import * as storage from "@pulumi/azure-native/storage";
import { describe, expect, it } from "vitest";
import { storageAccountDeleteLock } from "../policy/policies/storage-account-delete-lock";
import { vcpuBudget } from "../policy/policies/vcpu-budget";
import { HarnessResource, runStackPolicies, UNKNOWN, Violation } from "./helpers/policy-harness";

const messages = (violations: Violation[]) => violations.map(({ message }) => message);

describe("vcpu-budget", () => {
    const budget = (vcpus: number) => ({ "vcpu-budget": { vcpuBudget: vcpus } });
    const check = (resources: HarnessResource[], config = budget(1000)) => runStackPolicies(resources, config, [vcpuBudget]);

    const pool = (name: string, sku: unknown, extra: Record<string, unknown> = {}): HarnessResource => ({
        type: compute.VirtualMachineScaleSet,
        name,
        id: `${name}-id`,
        inputs: { sku, ...extra },
    });
    const autoscale = (name: string, targetResourceUri: unknown, maxima: unknown[], extra: Partial<HarnessResource> = {}): HarnessResource => ({
        type: monitor.AutoscaleSetting,
        name,
        inputs: { targetResourceUri, profiles: maxima.map((maximum) => ({ name: "p", capacity: { minimum: "0", maximum, default: "0" } })) },
        ...extra,
    });

    it("passes scale sets within the budget", async () => {
        expect(await check([pool("a", { name: "Standard_D16as_v5", capacity: 10 })])).toEqual([]);
    });

    it("reports the total and its breakdown when sku capacities exceed the budget", async () => {
        const violations = await check(
            [pool("a", { name: "Standard_D16as_v5", capacity: 10 }), pool("b", { name: "Standard_D4s_v5", capacity: 5 })],
            budget(150),
        );
        expect(violations).toEqual([
            {
                policy: "vcpu-budget",
                enforcementLevel: "mandatory",
                urn: undefined,
                message:
                    "The farm's VMs can grow to 180 vCPUs, above the budget of 150 (a: 10 VMs (sku.capacity) × 16 vCPUs; b: 5 VMs (sku.capacity) × 4 vCPUs).",
            },
        ]);
    });

    it("uses the largest autoscale profile maximum of a setting that targets the scale set by id", async () => {
        const resources = [pool("a", { name: "Standard_D16as_v5", capacity: 1 }), autoscale("a-autoscale", "A-ID", ["40", "20"])];
        expect(await check(resources, budget(640))).toEqual([]);
        expect(messages(await check(resources, budget(639)))).toEqual([expect.stringContaining("a: 40 VMs (autoscale capacity.maximum) × 16 vCPUs")]);
    });

    it("links an autoscale setting by the engine's property dependencies", async () => {
        const scaleSet = { ...pool("a", { name: "Standard_D16as_v5", capacity: 1 }), id: undefined };
        const setting = autoscale("a-autoscale", UNKNOWN, ["40"], {
            propertyDependencies: { targetResourceUri: ["urn:pulumi:test::buildfarm::azure-native:compute:VirtualMachineScaleSet::a"] },
        });
        expect(messages(await check([scaleSet, setting], budget(100)))).toEqual([expect.stringContaining("640 vCPUs")]);
    });

    it("stays verifiable during preview when targets are unknown but linked by property dependencies", async () => {
        const urn = (name: string) => `urn:pulumi:test::buildfarm::azure-native:compute:VirtualMachineScaleSet::${name}`;
        const resources = [
            { ...pool("a", { name: "Standard_D16as_v5", capacity: 1 }), id: UNKNOWN },
            { ...pool("b", { name: "Standard_D4s_v5", capacity: 1 }), id: UNKNOWN },
            autoscale("a-autoscale", UNKNOWN, ["10"], { propertyDependencies: { targetResourceUri: [urn("a")] } }),
            autoscale("b-autoscale", UNKNOWN, ["5"], { propertyDependencies: { targetResourceUri: [urn("b")] } }),
        ];
        expect(messages(await check(resources, budget(179)))).toEqual([
            "The farm's VMs can grow to 180 vCPUs, above the budget of 179 (a: 10 VMs (autoscale capacity.maximum) × 16 vCPUs; b: 5 VMs (autoscale capacity.maximum) × 4 vCPUs).",
        ]);
    });

    it("ignores autoscale settings that target other resources", async () => {
        const resources = [pool("a", { name: "Standard_D16as_v5", capacity: 2 }), autoscale("other", "b-id", ["400"])];
        expect(await check(resources, budget(32))).toEqual([]);
    });

    it("counts an instance mix at its largest size", async () => {
        const mix = pool("mix", { name: "Mix", capacity: 10 }, { skuProfile: { vmSizes: [{ name: "Standard_D16as_v5" }, { name: "Standard_D32as_v5" }] } });
        expect(messages(await check([mix], budget(319)))).toEqual([expect.stringContaining("mix: 10 VMs (sku.capacity) × 32 vCPUs")]);
    });

    it("counts a constrained-core size at its parent's vCPUs, as Azure counts quota", async () => {
        const constrained = [pool("a", { name: "Standard_E8-4ds_v5", capacity: 10 })];
        expect(await check(constrained, budget(80))).toEqual([]);
        expect(messages(await check(constrained, budget(79)))).toEqual([expect.stringContaining("can grow to 80 vCPUs")]);
    });

    it("uses the schema default budget (1000) when the stack sets none", async () => {
        const resources = [pool("a", { name: "Standard_D16as_v5", capacity: 63 })];
        expect(messages(await runStackPolicies(resources, {}, [vcpuBudget]))).toEqual([expect.stringContaining("above the budget of 1000")]);
    });

    it("passes a Flexible scale set without sku and a stack without scale sets", async () => {
        expect(await check([pool("flex", undefined)], budget(0))).toEqual([]);
        expect(await check([], budget(0))).toEqual([]);
    });

    it.each([
        ["capacity missing", pool("a", { name: "Standard_D16as_v5" }), /VM count \(sku\.capacity\) is missing/],
        ["capacity not a number", pool("a", { name: "Standard_D16as_v5", capacity: "lots" }), /VM count \(sku\.capacity\) is missing or not a whole number/],
        ["capacity negative", pool("a", { name: "Standard_D16as_v5", capacity: -1 }), /not a whole number/],
        ["size unknown to the catalog", pool("a", { name: "Standard_Foo", capacity: 1 }), /sku\.name \("Standard_Foo"\) has no vCPU count in the catalog/],
        ["size not a string", pool("a", { name: 16, capacity: 1 }), /sku\.name \(16\) has no vCPU count/],
        ["mix without sizes", pool("a", { name: "Mix", capacity: 1 }), /skuProfile\.vmSizes \(not set\) has no vCPU count/],
        ["sku a string", pool("a", "Standard_D16as_v5"), /sku\.name \(not set\) has no vCPU count/],
        ["sku without a name", pool("a", { capacity: 3 }), /sku\.name \(not set\) has no vCPU count/],
    ])("fails closed on a scale set it cannot count: %s", async (_case, scaleSet, pattern) => {
        const violations = await check([scaleSet]);
        expect(violations).toEqual([expect.objectContaining({ urn: expect.stringContaining("::a"), message: expect.stringMatching(pattern) })]);
        expect(violations[0].message).toMatch(/^Cannot count the vCPUs of "a": /);
    });

    it("counts a scale set at the larger of its capacity and its autoscale maximum", async () => {
        const resources = [pool("a", { name: "Standard_D16as_v5", capacity: 50 }), autoscale("a-autoscale", "a-id", ["10"])];
        expect(messages(await check(resources, budget(799)))).toEqual([expect.stringContaining("a: 50 VMs (sku.capacity) × 16 vCPUs")]);
        // A scale set sized by its autoscale setting alone is counted by it.
        expect(await check([pool("b", { name: "Standard_D16as_v5" }), autoscale("b-autoscale", "b-id", ["10"])], budget(160))).toEqual([]);
    });

    it("counts VMs, AKS pools (at maxCount when larger) and the classic provider's scale sets and pools", async () => {
        const resources: HarnessResource[] = [
            { type: compute.VirtualMachine, name: "vm", inputs: { hardwareProfile: { vmSize: "Standard_D16as_v5" } } },
            {
                type: "azure-native:containerservice:ManagedCluster",
                name: "aks",
                inputs: { agentPoolProfiles: [{ name: "p", vmSize: "Standard_D16as_v5", count: 2, maxCount: 5, enableAutoScaling: true }] },
            },
            { type: "azure-native:containerservice/v20240901:AgentPool", name: "pool", inputs: { vmSize: "Standard_D4as_v5", count: 3 } },
            {
                type: "azure:compute/linuxVirtualMachineScaleSet:LinuxVirtualMachineScaleSet",
                name: "classic",
                inputs: { sku: "Standard_D8as_v5", instances: 4 },
            },
            {
                type: "azure:containerservice/kubernetesCluster:KubernetesCluster",
                name: "classic-aks",
                inputs: { defaultNodePool: { name: "d", vmSize: "Standard_D4as_v5", nodeCount: 1, maxCount: 3 } },
            },
        ];
        // 16 + 5 × 16 + 3 × 4 + 4 × 8 + 3 × 4 = 152
        expect(await check(resources, budget(152))).toEqual([]);
        expect(messages(await check(resources, budget(151)))).toEqual([
            "The farm's VMs can grow to 152 vCPUs, above the budget of 151 (vm: 1 VMs (one VM) × 16 vCPUs; aks.agentPoolProfiles[0]: 5 VMs (maxCount) × 16 vCPUs; pool: 3 VMs (count) × 4 vCPUs; classic: 4 VMs (instances) × 8 vCPUs; classic-aks.defaultNodePool: 3 VMs (maxCount) × 4 vCPUs).",
        ]);
    });

    it("fails closed on an autoscale maximum that is not a count", async () => {
        const resources = [pool("a", { name: "Standard_D16as_v5", capacity: 1 }), autoscale("s", "a-id", ["40", null])];
        expect(messages(await check(resources))).toEqual([expect.stringMatching(/autoscale capacity\.maximum\) is missing/)]);
    });

    it("does not throw on autoscale settings with odd profiles", async () => {
        const odd: HarnessResource = { type: monitor.AutoscaleSetting, name: "s", inputs: { targetResourceUri: "a-id", profiles: "many" } };
        expect(messages(await check([pool("a", { name: "Standard_D16as_v5", capacity: 1 }), odd]))).toEqual([expect.stringMatching(/is missing/)]);
    });

    it("still reports a known excess when another scale set's count is unknown during preview", async () => {
        const violations = await check(
            [pool("a", { name: "Standard_D16as_v5", capacity: 100 }), pool("b", { name: "Standard_D16as_v5", capacity: UNKNOWN })],
            budget(1000),
        );
        expect(violations).toEqual([
            expect.objectContaining({
                enforcementLevel: "mandatory",
                message: expect.stringMatching(/^The farm's VMs can grow to at least 1600 vCPUs, above the budget of 1000/),
            }),
            expect.objectContaining({ enforcementLevel: "advisory", message: expect.stringMatching(/^can't run policy 'vcpu-budget' during preview/) }),
        ]);
    });

    it("an unknown capacity during preview cannot be verified", async () => {
        const violations = await check([pool("a", { name: "Standard_D16as_v5", capacity: UNKNOWN })]);
        expect(violations).toEqual([
            expect.objectContaining({ enforcementLevel: "advisory", message: expect.stringMatching(/^can't run policy 'vcpu-budget' during preview/) }),
        ]);
    });
});

describe("storage-account-delete-lock", () => {
    const check = (resources: HarnessResource[]) => runStackPolicies(resources, {}, [storageAccountDeleteLock]);
    const account = (name: string): HarnessResource => ({ type: storage.StorageAccount, name, id: `${name}-id`, inputs: { kind: "StorageV2" } });
    const lock = (inputs: Record<string, unknown>, extra: Partial<HarnessResource> = {}): HarnessResource => ({
        type: authorization.ManagementLockByScope,
        name: "lock",
        inputs,
        ...extra,
    });

    it("passes an account whose id is a CanNotDelete lock's scope (ids compare case-insensitively)", async () => {
        expect(await check([account("store"), lock({ scope: "STORE-ID", level: "CanNotDelete" })])).toEqual([]);
    });

    it("passes an account linked to the lock by the engine's property dependencies", async () => {
        const linked = lock(
            { level: "CanNotDelete" },
            { propertyDependencies: { scope: ["urn:pulumi:test::buildfarm::azure-native:storage:StorageAccount::store"] } },
        );
        expect(await check([{ ...account("store"), id: undefined }, linked])).toEqual([]);
    });

    it("reports an unlocked account against its URN", async () => {
        expect(await check([account("store")])).toEqual([
            {
                policy: "storage-account-delete-lock",
                enforcementLevel: "mandatory",
                urn: "urn:pulumi:test::buildfarm::azure-native:storage:StorageAccount::store",
                message: expect.stringMatching(/^Storage account "store" has no CanNotDelete lock/),
            },
        ]);
    });

    it.each([
        ["a ReadOnly lock on the account", lock({ scope: "store-id", level: "ReadOnly" })],
        ["a lock on the account's group, by scope", lock({ scope: "/subscriptions/s/resourceGroups/FARM", level: "CanNotDelete" })],
        ["a lock on the subscription, by scope", lock({ scope: "/subscriptions/s", level: "CanNotDelete" })],
        [
            "a group-level lock on the account's group",
            { type: authorization.ManagementLockAtResourceGroupLevel, name: "rg-lock", inputs: { resourceGroupName: "farm", level: "CanNotDelete" } },
        ],
        ["a subscription-level lock", { type: authorization.ManagementLockAtSubscriptionLevel, name: "sub-lock", inputs: { level: "CanNotDelete" } }],
        [
            "a resource-level lock naming the account",
            {
                type: authorization.ManagementLockAtResourceLevel,
                name: "res-lock",
                inputs: {
                    resourceGroupName: "farm",
                    resourceProviderNamespace: "Microsoft.Storage",
                    resourceType: "storageAccounts",
                    resourceName: "kojiartifacts",
                    parentResourcePath: "",
                    level: "CanNotDelete",
                },
            },
        ],
    ] as [string, HarnessResource][])("counts %s, as ARM applies locks downwards", async (_case, candidate) => {
        const inGroup = { ...account("store"), inputs: { kind: "StorageV2", resourceGroupName: "farm", name: "kojiartifacts" } };
        expect(await check([inGroup, candidate])).toEqual([]);
    });

    it.each([
        [
            "a lock on another group",
            { type: authorization.ManagementLockAtResourceGroupLevel, name: "rg-lock", inputs: { resourceGroupName: "other", level: "CanNotDelete" } },
        ],
        [
            "a resource-level lock on another account",
            {
                type: authorization.ManagementLockAtResourceLevel,
                name: "res-lock",
                inputs: {
                    resourceGroupName: "farm",
                    resourceProviderNamespace: "Microsoft.Storage",
                    resourceType: "storageAccounts",
                    resourceName: "other",
                    parentResourcePath: "",
                    level: "CanNotDelete",
                },
            },
        ],
        ["a CanNotDelete lock by scope on another group", lock({ scope: "/subscriptions/s/resourceGroups/other", level: "CanNotDelete" })],
    ] as [string, HarnessResource][])("does not count %s", async (_case, candidate) => {
        const inGroup = { ...account("store"), inputs: { kind: "StorageV2", resourceGroupName: "farm", name: "kojiartifacts" } };
        expect(messages(await check([inGroup, candidate]))).toEqual([expect.stringContaining('"store"')]);
    });

    it.each([
        ["a lock on another account", lock({ scope: "other-id", level: "CanNotDelete" })],
        ["a lock without scope", lock({ level: "CanNotDelete" })],
        ["a lock with odd fields", lock({ scope: ["store-id"], level: null })],
    ])("does not count %s", async (_case, candidate) => {
        expect(messages(await check([account("store"), account("other"), candidate]))).toContainEqual(expect.stringContaining('"store"'));
    });

    it("judges the accounts it can during preview: an unlocked one is reported beside an unreadable lock", async () => {
        const violations = await check([account("store"), account("bare"), lock({ scope: "store-id", level: UNKNOWN })]);
        expect(violations).toEqual([
            expect.objectContaining({ enforcementLevel: "mandatory", message: expect.stringMatching(/^Storage account "bare"/) }),
            expect.objectContaining({ enforcementLevel: "advisory", message: expect.stringMatching(/can't run policy/) }),
        ]);
    });

    it("an unknown lock level during preview cannot be verified", async () => {
        const violations = await check([account("store"), lock({ scope: "store-id", level: UNKNOWN })]);
        expect(violations).toEqual([expect.objectContaining({ enforcementLevel: "advisory", message: expect.stringMatching(/can't run policy/) })]);
    });
});

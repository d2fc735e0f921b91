/**
 * The pack as Pulumi runs it: served by @pulumi/pulumi's policy-pack runner from `policy/`, asked over the
 * Analyzer gRPC protocol. Also checks that the in-process harness reports what the engine path reports.
 */
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sizeVerdict } from "../policy/catalog";
import { buildfarmPolicies } from "../policy/policies";
import { runResourcePolicies, runStackPolicies, UNKNOWN } from "./helpers/policy-harness";
import { AnalyzedResource, servePolicyPack, ServedPolicyPack } from "../scripts/plan/policy-pack-client";

const SCALE_SET = "azure-native:compute:VirtualMachineScaleSet";
const STORAGE_ACCOUNT = "azure-native:storage:StorageAccount";

function scaleSet(size: unknown): AnalyzedResource {
    return {
        type: SCALE_SET,
        name: "pool",
        inputs: {
            sku: { name: size, capacity: 2 },
            virtualMachineProfile: {
                priority: "Spot",
                evictionPolicy: "Delete",
                osProfile: { adminUsername: "koji", linuxConfiguration: { disablePasswordAuthentication: true } },
            },
            tags: { project: "buildfarm", owner: "fedora-infra" },
        },
    };
}

let pack: ServedPolicyPack;

beforeAll(async () => {
    pack = await servePolicyPack(path.resolve(__dirname, "../policy"));
}, 120_000);

afterAll(async () => {
    await pack?.stop();
});

describe("policy pack served through @pulumi/pulumi/cmd/run-policy-pack", () => {
    it("GetAnalyzerInfo lists the pack and every policy at its level", async () => {
        const info = await pack.info();
        expect(info.name).toBe("buildfarm-x86-64-v3");
        expect(info.version).toBe("0.1.0");
        expect(info.policies.map(({ name, enforcementLevel }) => ({ name, enforcementLevel }))).toEqual(
            buildfarmPolicies.map(({ name, enforcementLevel }) => ({ name, enforcementLevel })),
        );
        expect(info.policies.find(({ name }) => name === "vm-sizes-x86-64-v3")?.configSchema).toMatchObject({
            minimumLevel: { enum: ["x86-64-v3", "x86-64-v4"] },
        });
    });

    it("Analyze rejects a scale set with a non-v3 size with a mandatory diagnostic", async () => {
        const violations = await pack.analyze(scaleSet("Standard_A2_v2"));
        expect(violations).toEqual([
            {
                policy: "vm-sizes-x86-64-v3",
                enforcementLevel: "mandatory",
                urn: expect.stringContaining("::pool"),
                message: expect.stringContaining(`sku.name: ${sizeVerdict("Standard_A2_v2").reason}`),
            },
        ]);
    });

    it("Analyze passes a compliant v3 scale set", async () => {
        expect(await pack.analyze(scaleSet("Standard_D16as_v5"))).toEqual([]);
    });

    it("Analyze reports an unknown size as unverifiable during preview, advisory", async () => {
        const violations = await pack.analyze(scaleSet(UNKNOWN));
        expect(violations).toEqual([
            expect.objectContaining({
                policy: "vm-sizes-x86-64-v3",
                enforcementLevel: "advisory",
                message: expect.stringMatching(/can't run policy 'vm-sizes-x86-64-v3' .* during preview/),
            }),
        ]);
    });

    it("Analyze refuses the walk-arounds: a versioned token, the classic provider, a template, an HDInsight cluster", async () => {
        const walkArounds: AnalyzedResource[] = [
            { ...scaleSet("Standard_A2_v2"), type: "azure-native:compute/v20240301:VirtualMachineScaleSet", name: "versioned" },
            { type: "azure:compute/linuxVirtualMachine:LinuxVirtualMachine", name: "classic", inputs: { size: "Standard_A2_v2" } },
            {
                type: "azure-native:resources:Deployment",
                name: "template",
                inputs: {
                    properties: {
                        mode: "Incremental",
                        template: { resources: [{ type: "Microsoft.Compute/virtualMachines", properties: { hardwareProfile: { vmSize: "Standard_A2_v2" } } }] },
                    },
                },
            },
            {
                type: "azure-native:hdinsight:Cluster",
                name: "hdi",
                inputs: { properties: { computeProfile: { roles: [{ name: "worker", hardwareProfile: { vmSize: "Standard_A2_v2" } }] } } },
            },
        ];
        for (const resource of walkArounds) {
            const violations = (await pack.analyze(resource)).filter((violation) => violation.policy === "vm-sizes-x86-64-v3");
            expect(violations, resource.name).toEqual([
                expect.objectContaining({ enforcementLevel: "mandatory", message: expect.stringContaining("Standard_A2_v2") }),
            ]);
        }
    });

    it("AnalyzeStack finds a storage account without a lock, and links a lock by its property dependencies", async () => {
        const account = { type: STORAGE_ACCOUNT, name: "store", inputs: {} };
        const lock = {
            type: "azure-native:authorization:ManagementLockByScope",
            name: "store-lock",
            inputs: { level: "CanNotDelete" },
            propertyDependencies: { scope: ["urn:pulumi:test::buildfarm::azure-native:storage:StorageAccount::store"] },
        };
        expect(await pack.analyzeStack([account])).toEqual([expect.objectContaining({ policy: "storage-account-delete-lock", enforcementLevel: "mandatory" })]);
        expect(await pack.analyzeStack([account, lock])).toEqual([]);
    });

    it("the harness reports what the engine reports (the engine puts the description above the message)", async () => {
        const resources: AnalyzedResource[] = [
            scaleSet("Standard_D4ps_v6"),
            { type: STORAGE_ACCOUNT, name: "store", inputs: { minimumTlsVersion: "TLS1_0", allowBlobPublicAccess: true } },
            { type: "azure-native:network:SecurityRule", name: "ssh", inputs: { direction: "Inbound", access: "Allow", sourceAddressPrefix: "*" } },
        ];
        const viaEngine = (await Promise.all(resources.map((resource) => pack.analyze(resource)))).flat();
        const viaHarness = await runResourcePolicies(resources);
        const descriptions = new Map(buildfarmPolicies.map(({ name, description }) => [name, description]));
        expect(viaEngine).toEqual(viaHarness.map((violation) => ({ ...violation, message: `${descriptions.get(violation.policy)}\n${violation.message}` })));
        expect(await pack.analyzeStack(resources)).toEqual(
            (await runStackPolicies(resources)).map((violation) => ({ ...violation, message: `${descriptions.get(violation.policy)}\n${violation.message}` })),
        );
    });

    // Configure changes the server's state for every later call, so this runs last.
    it("Configure applies the pack config: minimum level x86-64-v4 refuses a v3-only size", async () => {
        await pack.configure({ "vm-sizes-x86-64-v3": { minimumLevel: "x86-64-v4" } });
        const violations = await pack.analyze(scaleSet("Standard_D16as_v5"));
        expect(violations).toEqual([
            expect.objectContaining({ policy: "vm-sizes-x86-64-v3", enforcementLevel: "mandatory", message: expect.stringContaining("x86-64-v4") }),
        ]);
    });
});

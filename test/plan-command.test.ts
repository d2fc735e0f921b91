/**
 * `npm run plan` end to end, as a user runs it: the real command line, the program loaded through Pulumi's
 * TypeScript loader, the policy pack served through Pulumi's runner. Slow (tens of seconds a run), so few runs.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { allowedSizeNames } from "../policy/catalog";

const ROOT = path.resolve(__dirname, "..");
const PLAN_TIMEOUT = 240_000;

interface PlanRun {
    readonly code: number;
    readonly stdout: string;
    readonly stderr: string;
}

function plan(...args: string[]): Promise<PlanRun> {
    return new Promise((resolve) => {
        execFile("npm", ["run", "-s", "plan", "--", ...args], { cwd: ROOT, maxBuffer: 64 << 20 }, (error, stdout, stderr) =>
            resolve({
                code: error ? Number(error.code) : 0,
                stdout,
                stderr: stderr
                    .split("\n")
                    .filter((line) => !line.startsWith("npm warn"))
                    .join("\n")
                    .trim(),
            }),
        );
    });
}

/** The dev stack file with one change applied to its parsed YAML. */
function devStackWith(change: (config: Record<string, any>) => void): string {
    const document = parse(readFileSync(path.join(ROOT, "Pulumi.dev.yaml"), "utf8"));
    change(document.config);
    const file = path.join(mkdtempSync(path.join(tmpdir(), "plan-")), "Pulumi.broken.yaml");
    writeFileSync(file, stringify(document));
    return file;
}

describe("npm run plan", () => {
    it(
        "plans the dev stack clean, as JSON with every resource and no violation",
        async () => {
            const run = await plan("--stack", "dev", "--json");
            expect(run.stderr).toBe("");
            expect(run.code).toBe(0);
            const result = JSON.parse(run.stdout);
            expect(result.summary).toMatchObject({ clean: true, mandatory: 0 });
            expect(result.violations).toEqual([]);
            const types = result.resources.map((resource: { type: string }) => resource.type);
            // The Spot pool spans three zones: one scale set per zone, each behind its zone's NAT gateway.
            // Plus the package cache: one scale set per zone too.
            expect(types.filter((type: string) => type === "azure-native:compute:VirtualMachineScaleSet")).toHaveLength(4 + 3);
            expect(types.filter((type: string) => type === "azure-native:network:NatGateway")).toHaveLength(3);
            expect(types).toEqual(
                expect.arrayContaining(["azure-native:storage:StorageAccount", "azure-native:keyvault:Vault", "azure-native:network:NatGateway"]),
            );
            const scaleSet = result.resources.find((resource: { name: string }) => resource.name === "spot-z1-vmss");
            expect(scaleSet.parent).toMatch(/buildfarm:pool:BuilderPool::spot$/);
            expect(scaleSet.inputs.sku.name).toBe("Mix");
            // Azure refuses terminate notifications on Spot scale sets.
            expect(scaleSet.inputs.virtualMachineProfile.scheduledEventsProfile).toBeUndefined();
            expect(scaleSet.inputs.virtualMachineProfile.osProfile.customData).toMatch(/^\(cloud-init, \d+ bytes; --user-data shows it\)$/);
            // buildersEnabled defaults to false: the first up boots nothing before the slots have their secrets.
            expect(scaleSet.inputs.sku.capacity).toBe(0);
            expect(result.quota).toMatchObject({ totalVcpus: 364, regionalSpotVcpus: 320, regionalRegularVcpus: 44 });
            expect(result.pools[0]).toMatchObject({
                name: "spot",
                guaranteedLevel: "x86-64-v3",
                vcpusPerVm: { min: 16, max: 16 },
                vms: { min: 3, max: 20 },
                zones: ["1", "2", "3"],
                scaleSets: 3,
                slots: { first: "spot-001.dev.azure.fedoraproject.org", last: "spot-020.dev.azure.fedoraproject.org", count: 20 },
            });
            expect(result.pools[1]).toMatchObject({ name: "regular", mockDisk: "local resource disk", osDisk: "ephemeral on the resource disk (30 GiB)" });
            // The stack outputs as a preview shows them: what the program decides is there, what Azure decides is unknown.
            expect(result.outputs.pools.spot.hostNames).toHaveLength(20);
            expect(result.outputs.pools.spot.sizes[0]).toEqual({ name: "Standard_D16as_v5", level: "x86-64-v3", vcpus: 16, quotaVcpus: 16 });
            expect(result.outputs.pools.spot.keyVaultName).toBe("(known after pulumi up)");
            expect(result.outputs.egressAddresses).toEqual(Array(3).fill("(known after pulumi up)"));
            expect(result.outputs.kojiAdminScript).toBe("(known after pulumi up)");
            // Every builder's first topurl is the cache, known before anything exists; the configured ones follow.
            expect(result.outputs.packageCacheUrl).toBe("http://10.20.17.62");
            // The ARM layer: both allowed-size assignments, each listing exactly the catalog's allowed sizes.
            const assignments = result.resources.filter((resource: { type: string }) => resource.type === "azure-native:authorization:PolicyAssignment");
            expect(
                assignments.map(
                    (assignment: { inputs: { parameters: { listOfAllowedSKUs: { value: string[] } } } }) =>
                        assignment.inputs.parameters.listOfAllowedSKUs.value,
                ),
            ).toEqual([allowedSizeNames({ minimumLevel: "x86-64-v3" }), [...allowedSizeNames({ minimumLevel: "x86-64-v3" }), "Mix"]]);
            const userData = await plan("--json", "--user-data");
            const cloudInit = JSON.parse(userData.stdout).resources.find((resource: { name: string }) => resource.name === "regular-vmss").inputs
                .virtualMachineProfile.osProfile.customData;
            expect(cloudInit).toContain("topurl = http://10.20.17.62 https://kojipkgs.fedoraproject.org/");
        },
        PLAN_TIMEOUT,
    );

    it(
        "exits 2 with one line naming the Azure rule and its page when a pool breaks one",
        async () => {
            const file = devStackWith((config) => {
                config["buildfarm:pools"][0].vmSizes = ["Standard_D16as_v5", "Standard_D16as_v4", "Standard_E16as_v5"];
            });
            const run = await plan("--config-file", file);
            expect(run.code).toBe(2);
            expect(run.stderr.split("\n")).toHaveLength(1);
            expect(run.stderr).toMatch(
                /^plan: buildfarm:pools\[0\].vmSizes: .*Azure rule "instance-mix-local-disk".*https:\/\/learn\.microsoft\.com\/azure\/virtual-machine-scale-sets\/instance-mix-overview\)$/,
            );
        },
        PLAN_TIMEOUT,
    );

    it(
        "exits 2 with one line naming the key when the stack file has a mistake, and plans nothing",
        async () => {
            const file = devStackWith((config) => {
                config["buildfarm:pools"][0].maxcount = config["buildfarm:pools"][0].maxCount;
            });
            const run = await plan("--config-file", file);
            expect(run.code).toBe(2);
            expect(run.stdout).toBe("");
            expect(run.stderr.split("\n")).toHaveLength(1);
            expect(run.stderr).toMatch(/^plan: buildfarm:pools\[0\]\.maxcount: .*maxCount/);
        },
        PLAN_TIMEOUT,
    );

    it(
        "exits 1 when a program past the configuration checks puts a non-v3 size on a scale set",
        async () => {
            const run = await plan("--stack", "dev", "--program", "test/fixtures/non-v3-scale-set.ts");
            expect(run.code).toBe(1);
            expect(run.stdout).toMatch(/MANDATORY vm-sizes-x86-64-v3 on rogue: .*Standard_A4_v2/);
            // Nor does it assign Azure's size policies at its group, which the farm does.
            expect(run.stdout).toMatch(/MANDATORY azure-size-policy-assigned on rogue: "rogue" is in a resource group without Azure's/);
            expect(run.stdout).toMatch(/Plan: \d+ resources; 2 mandatory violation/);
        },
        PLAN_TIMEOUT,
    );

    it(
        "tells a crash in the program by its file and line, and a missing program in one line",
        async () => {
            const crash = await plan("--stack", "dev", "--program", "test/fixtures/crashing-program.ts");
            expect(crash.code).toBe(2);
            expect(crash.stderr).toMatch(/^plan: Cannot read properties of null \(reading 'boom'\) \(at test\/fixtures\/crashing-program\.ts:3:\d+\)$/);
            const missing = await plan("--program", "test/fixtures/nope.ts");
            expect(missing.code).toBe(2);
            expect(missing.stderr.split("\n")[0]).toBe("plan: --program test/fixtures/nope.ts: no such file");
        },
        PLAN_TIMEOUT,
    );

    it(
        "shows each scale set's cloud-init decoded with --user-data",
        async () => {
            const run = await plan("--stack", "dev", "--json", "--user-data");
            const scaleSet = JSON.parse(run.stdout).resources.find((resource: { name: string }) => resource.name === "regular-vmss");
            expect(scaleSet.inputs.virtualMachineProfile.osProfile.customData).toMatch(/^#cloud-config\n/);
        },
        PLAN_TIMEOUT,
    );

    it(
        "groups advisory findings into one line per policy, with a count",
        async () => {
            const file = devStackWith((config) => {
                config["buildfarm:tags"] = {};
            });
            const run = await plan("--config-file", file);
            expect(run.code).toBe(0);
            const advisory = run.stdout.split("\n").filter((line) => line.includes("ADVISORY"));
            expect(run.stdout).toContain("\nOutputs:\n  blobEndpoint: (known after pulumi up)\n");
            expect(run.stdout).toContain("\n  resourceGroupName: (known after pulumi up)\n");
            expect(run.stdout).toMatch(/\n {2}pools\.spot\.hostNames: spot-001\.\S+ \.\. spot-020\.\S+ \(20\)\n/);
            expect(advisory).toEqual([
                expect.stringMatching(/^ {2}ADVISORY required-tags: \d+ findings, e\.g\. on \S+: tags is missing "project", "owner"\.$/),
            ]);
        },
        PLAN_TIMEOUT,
    );

    it(
        "says how to call it when the arguments are wrong",
        async () => {
            const run = await plan("--stack", "dev", "--config-file", "x.yaml");
            expect(run.code).toBe(2);
            expect(run.stderr).toBe(
                "plan: give --stack or --config-file, not both\nusage: npm run plan -- [--stack NAME | --config-file PATH] [--json [--user-data]] [--program PATH]",
            );
        },
        PLAN_TIMEOUT,
    );
});

describe("the offline Azure's view of outputs", () => {
    it("keeps what the program decides and shows what Azure, autonaming or a random suffix decides as unknown", async () => {
        const { offlineAzure, KNOWN_AFTER_UP } = await import("../scripts/plan/offline-state");
        const azure = offlineAzure();
        const args = (type: string, name: string, inputs: Record<string, unknown>) => ({ type, name, inputs, custom: true }) as never;
        const suffix = azure.newResource(args("random:index/randomString:RandomString", "suffix", { length: 8 })).state.result as string;
        const account = azure.newResource(args("azure-native:storage:StorageAccount", "store", { accountName: `kojiartifacts${suffix}` }));
        const group = azure.newResource(args("azure-native:resources:ResourceGroup", "farm-rg", { resourceGroupName: "farm-rg" }));
        azure.newResource(args("azure-native:network:VirtualNetwork", "farm-vnet", {}));
        expect(
            azure.asPreviewSees({
                named: group.state.name,
                host: "spot-001.az.example.org",
                blob: account.state.primaryEndpoints,
                id: account.id,
                autonamed: "farm-vnet",
                list: [1, "x"],
            }),
        ).toEqual({
            named: "farm-rg",
            host: "spot-001.az.example.org",
            blob: { blob: KNOWN_AFTER_UP },
            id: KNOWN_AFTER_UP,
            autonamed: KNOWN_AFTER_UP,
            list: [1, "x"],
        });
    });
});

import { execFile } from "node:child_process";
import * as path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { policyPackConfigFor } from "../lib/policy-config";
import { buildfarmPolicies } from "../policy/policies";

describe("the pack configuration that follows from a stack", () => {
    it("carries the farm's minimum level and vCPU budget to the policies that take them", () => {
        const config = policyPackConfigFor({ minimumLevel: "x86-64-v4", vcpuBudget: 640 });
        expect(config).toEqual({ "vm-sizes-x86-64-v3": { minimumLevel: "x86-64-v4" }, "vcpu-budget": { vcpuBudget: 640 } });
        for (const [policyName, settings] of Object.entries(config)) {
            const policy = buildfarmPolicies.find((candidate) => candidate.name === policyName);
            expect(policy, policyName).toBeDefined();
            expect(Object.keys(policy?.configSchema?.properties ?? {})).toEqual(expect.arrayContaining(Object.keys(settings)));
        }
    });

    it("is what `npm run policy-config` prints for the dev stack", async () => {
        const { stdout } = await promisify(execFile)("npm", ["run", "-s", "policy-config", "--", "--stack", "dev"], { cwd: path.resolve(__dirname, "..") });
        expect(JSON.parse(stdout)).toEqual({ "vm-sizes-x86-64-v3": { minimumLevel: "x86-64-v3" }, "vcpu-budget": { vcpuBudget: 400 } });
    }, 60_000);
});

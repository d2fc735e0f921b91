import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { planBuildFarm } from "../lib/build-farm-plan";
import { planBuilderPool } from "../lib/builder-pool-plan";
import { FarmConfig, formatConfigErrors, parseStackConfig, rawConfigFromStackFile } from "../lib/stack-config";

function devConfig(change: (config: Record<string, unknown>) => void = () => {}): FarmConfig {
    const document = parse(readFileSync(path.join(__dirname, "..", "Pulumi.dev.yaml"), "utf8")) as { config: Record<string, unknown> };
    change(document.config);
    const result = parseStackConfig(rawConfigFromStackFile(document));
    if (!result.ok) throw new Error(formatConfigErrors(result.errors));
    return result.config;
}

describe("planBuildFarm (pure)", () => {
    it("gives the network and the cache the zones the pools use, and the store every pool's slots", () => {
        const config = devConfig();
        const plan = planBuildFarm(config);
        expect(plan.network).toMatchObject({ builderSubnet: config.network.builderSubnet, zones: ["1", "2", "3"] });
        expect(plan.packageCache).toMatchObject({ zones: ["1", "2", "3"], origins: config.koji.topUrls, minimumLevel: "x86-64-v3" });
        const slots = config.pools.reduce((sum, pool) => sum + pool.maxCount, 0);
        expect(plan.slotIds).toHaveLength(slots);
        expect(new Set(plan.slotIds).size).toBe(slots);
        expect(plan.slotIds).toContain("regular-004");
    });

    it("hands each pool the inputs the configuration check planned, and no topurl before the cache's", () => {
        const config = devConfig();
        const plan = planBuildFarm(config);
        for (const pool of plan.pools) {
            // The same inputs plan the same pool here as in parseStackConfig.
            expect(() => planBuilderPool({ name: pool.name, ...pool.planInput })).not.toThrow();
            expect(pool.slotCount).toBe(config.pools.find((item) => item.name === pool.name)?.maxCount);
        }
        expect(plan.builderKoji).not.toHaveProperty("topUrls");
        expect(plan.kojiAdmin).toEqual({
            hostDomain: config.koji.hostDomain,
            channel: config.koji.channel,
            auth: { kind: "kerberos", realm: "FEDORAPROJECT.ORG" },
        });
    });

    it("tells the runbook a private hub's certificate logins carry no realm", () => {
        const plan = planBuildFarm(
            devConfig((config) => {
                config["buildfarm:koji"] = { ...(config["buildfarm:koji"] as object), hubUrl: "https://koji.example.org/kojihub", auth: "certificate" };
            }),
        );
        expect(plan.kojiAdmin.auth).toEqual({ kind: "certificate" });
        expect(plan.builderKoji.auth).toEqual({ kind: "certificate" });
    });

    it("asks for the NVMe controller only when the image is said to declare it", () => {
        expect(planBuildFarm(devConfig()).pools[0].planInput.imageDiskControllers).toEqual(["SCSI"]);
        const nvme = planBuildFarm(
            devConfig((config) => {
                config["buildfarm:imageSupportsNvme"] = true;
            }),
        );
        expect(nvme.pools[0].planInput.imageDiskControllers).toEqual(["SCSI", "NVMe"]);
    });
});

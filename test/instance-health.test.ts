import { describe, expect, it } from "vitest";
import { HEALTH_EXTENSION_LIMITS, planInstanceHealth, REPAIR_GRACE_MINUTES } from "../lib/instance-health";
import { planBuilderPool, PoolPlanError } from "../lib/builder-pool-plan";

const ENDPOINT = { port: 8089, path: "/health" };

describe("planInstanceHealth", () => {
    it("stays inside Azure's limits for the extension and the repairs policy", () => {
        for (const grace of [60, 600, 1200, 5400]) {
            const plan = planInstanceHealth(ENDPOINT, grace);
            const { intervalInSeconds, numberOfProbes, gracePeriod } = plan.extension.settings;
            expect(intervalInSeconds).toBeGreaterThanOrEqual(HEALTH_EXTENSION_LIMITS.intervalSeconds.min);
            expect(intervalInSeconds).toBeLessThanOrEqual(HEALTH_EXTENSION_LIMITS.intervalSeconds.max);
            expect(numberOfProbes).toBeGreaterThanOrEqual(HEALTH_EXTENSION_LIMITS.numberOfProbes.min);
            expect(numberOfProbes).toBeLessThanOrEqual(HEALTH_EXTENSION_LIMITS.numberOfProbes.max);
            expect(gracePeriod).toBeLessThanOrEqual(HEALTH_EXTENSION_LIMITS.maxGraceSeconds);
            const minutes = Number(/^PT(\d+)M$/.exec(plan.automaticRepairsPolicy.gracePeriod)![1]);
            expect(minutes).toBeGreaterThanOrEqual(REPAIR_GRACE_MINUTES.min);
            expect(minutes).toBeLessThanOrEqual(REPAIR_GRACE_MINUTES.max);
            // Azure's repair grace never ends before the builder's own.
            expect(minutes * 60).toBeGreaterThanOrEqual(grace);
        }
        expect(planInstanceHealth(ENDPOINT, 60).automaticRepairsPolicy.gracePeriod).toBe("PT10M");
    });

    it("refuses a grace Azure's 90-minute repair grace could not cover, naming the pool setting", () => {
        expect(() => planInstanceHealth(ENDPOINT, 5401)).toThrow(/healthGraceSeconds must be a whole number from 60 to 5400/);
        expect(() => planInstanceHealth(ENDPOINT, 30)).toThrow(/got 30/);
        try {
            planBuilderPool({ name: "p", vmSizes: ["Standard_D16as_v5"], minCount: 1, maxCount: 2, healthGraceSeconds: 7200 });
            expect.unreachable();
        } catch (error) {
            expect(error).toBeInstanceOf(PoolPlanError);
            expect((error as PoolPlanError).propertyPath).toBe("healthGraceSeconds");
            expect((error as Error).message).toMatch(/^builder pool "p": healthGraceSeconds must be/);
        }
    });
});

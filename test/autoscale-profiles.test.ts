import { describe, expect, it } from "vitest";
import { autoscaleProblems, autoscaleProfiles } from "../lib/autoscale-profiles";

describe("autoscaleProfiles", () => {
    it("scales on CPU between the pool's counts, capacities as strings", () => {
        const [profile, ...rest] = autoscaleProfiles("vmss-id", 2, 40);
        expect(rest).toEqual([]);
        expect(profile.capacity).toEqual({ minimum: "2", maximum: "40", default: "2" });
        expect(
            profile.rules.map((rule) => [rule.metricTrigger.operator, rule.metricTrigger.threshold, rule.scaleAction.direction, rule.scaleAction.value]),
        ).toEqual([
            ["GreaterThan", 70, "Increase", "2"],
            ["LessThan", 20, "Decrease", "1"],
        ]);
        expect(profile.rules.every((rule) => rule.metricTrigger.metricResourceUri === "vmss-id" && rule.metricTrigger.metricName === "Percentage CPU")).toBe(
            true,
        );
    });

    it("turns a busy window into a start and an end profile", () => {
        const profiles = autoscaleProfiles("id", 0, 40, {
            busyWindows: [{ name: "mass-rebuild", days: ["Saturday", "Sunday"], start: "06:30", end: "22:00", minCount: 30 }],
        });
        expect(profiles.map((profile) => [profile.name, profile.capacity.minimum])).toEqual([
            ["cpu", "0"],
            ["mass-rebuild", "30"],
            ["mass-rebuild-end", "0"],
        ]);
        expect(profiles[1].recurrence).toEqual({ frequency: "Week", schedule: { days: ["Saturday", "Sunday"], hours: [6], minutes: [30], timeZone: "UTC" } });
        expect(profiles[2].recurrence?.schedule).toMatchObject({ hours: [22], minutes: [0] });
    });

    it("names what is wrong with the settings", () => {
        expect(autoscaleProblems({}, 10)).toEqual([]);
        expect(autoscaleProblems({ scaleInCpuPercent: 80, scaleOutCpuPercent: 70 }, 10)[0]).toMatch(/scaleInCpuPercent \(80\) < scaleOutCpuPercent \(70\)/);
        const problems = autoscaleProblems(
            { busyWindows: [{ name: "Bad Name", days: ["Funday" as "Monday"], start: "25:00", end: "1:00", minCount: 11 }] },
            10,
        );
        expect(problems).toHaveLength(4);
        expect(problems.join("\n")).toMatch(/HH:MM/);
        expect(problems.join("\n")).toMatch(/maxCount \(10\)/);
    });
});

/**
 * Autoscale profiles for a builder pool, as a pure function: CPU-driven scaling between the pool's counts, plus
 * optional weekly busy windows (a mass rebuild, a branching day) that raise the floor.
 *
 * Azure runs a recurring profile from its start until the next profile starts; a window therefore becomes two
 * profiles, one that raises the floor at its start and one that restores the pool's own counts at its end
 * (learn.microsoft.com/azure/azure-monitor/autoscale/autoscale-multiprofile, recurring profiles; the shape is
 * @pulumi/azure-native v3's monitor.AutoscaleSetting inputs:
 * capacities are strings, timeGrain PT1M, the rule and enum fields are exact literals).
 */

export const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface BusyWindow {
    /** Profile name stem, e.g. `mass-rebuild`. */
    readonly name: string;
    readonly days: readonly Weekday[];
    /** `HH:MM`, 24-hour clock, in `timeZone`. */
    readonly start: string;
    readonly end: string;
    /** A Windows time zone name as Azure Monitor takes it. Default `UTC`. */
    readonly timeZone?: string;
    /** The pool's floor during the window; at most the pool's maxCount. */
    readonly minCount: number;
}

export interface AutoscaleSettings {
    /** Average CPU over 10 minutes above which VMs are added. Default 70. */
    readonly scaleOutCpuPercent?: number;
    /** Average CPU over 15 minutes below which a VM is removed. Default 20. */
    readonly scaleInCpuPercent?: number;
    /** VMs added per scale-out. Default 2: a queue of builds needs hosts quickly, and idle ones go one by one. */
    readonly scaleOutStep?: number;
    readonly busyWindows?: readonly BusyWindow[];
}

export const AUTOSCALE_DEFAULTS = { scaleOutCpuPercent: 70, scaleInCpuPercent: 20, scaleOutStep: 2 } as const;

const clock = /^([01]\d|2[0-3]):([0-5]\d)$/;

function cpuRule<T>(metricResourceUri: T, direction: "Increase" | "Decrease", threshold: number, step: number) {
    const out = direction === "Increase";
    return {
        metricTrigger: {
            metricName: "Percentage CPU",
            metricResourceUri,
            operator: out ? ("GreaterThan" as const) : ("LessThan" as const),
            statistic: "Average" as const,
            threshold,
            timeAggregation: "Average" as const,
            timeGrain: "PT1M",
            timeWindow: out ? "PT10M" : "PT15M",
        },
        // Scale-in is slow on purpose: a removed builder's running tasks are handed back and start over.
        scaleAction: { direction, type: "ChangeCount" as const, value: String(step), cooldown: out ? "PT5M" : "PT15M" },
    };
}

/** One line naming the setting that is wrong, for the pool's error. */
export function autoscaleProblems(settings: AutoscaleSettings, maxCount: number): string[] {
    const { scaleOutCpuPercent, scaleInCpuPercent, scaleOutStep } = { ...AUTOSCALE_DEFAULTS, ...settings };
    const problems: string[] = [];
    if (!(scaleInCpuPercent > 0 && scaleInCpuPercent < scaleOutCpuPercent && scaleOutCpuPercent < 100)) {
        problems.push(`autoscale needs 0 < scaleInCpuPercent (${scaleInCpuPercent}) < scaleOutCpuPercent (${scaleOutCpuPercent}) < 100`);
    }
    if (!Number.isInteger(scaleOutStep) || scaleOutStep < 1) problems.push(`autoscale.scaleOutStep must be a whole number >= 1, got ${scaleOutStep}`);
    const names = new Set<string>();
    for (const window of settings.busyWindows ?? []) {
        const where = `autoscale.busyWindows "${window.name}"`;
        if (!/^[a-z][a-z0-9-]{0,40}$/.test(window.name)) problems.push(`${where}: name must be lowercase letters, digits and hyphens`);
        if (names.has(window.name)) problems.push(`${where}: name is used twice`);
        names.add(window.name);
        if (!clock.test(window.start) || !clock.test(window.end)) problems.push(`${where}: start and end must be HH:MM on a 24-hour clock`);
        if (window.days.length === 0 || window.days.some((day) => !WEEKDAYS.includes(day)))
            problems.push(`${where}: days must be weekday names (${WEEKDAYS.join(", ")})`);
        if (!Number.isInteger(window.minCount) || window.minCount < 0 || window.minCount > maxCount) {
            problems.push(`${where}: minCount must be a whole number from 0 to the pool's maxCount (${maxCount})`);
        }
    }
    return problems;
}

export interface AutoscaleProfile<T> {
    readonly name: string;
    readonly capacity: { readonly minimum: string; readonly maximum: string; readonly default: string };
    readonly rules: ReturnType<typeof cpuRule<T>>[];
    readonly recurrence?: {
        readonly frequency: "Week";
        readonly schedule: { readonly days: string[]; readonly hours: number[]; readonly minutes: number[]; readonly timeZone: string };
    };
}

/** The profiles of one pool's autoscale setting; call `autoscaleProblems` first. */
export function autoscaleProfiles<T>(metricResourceUri: T, minCount: number, maxCount: number, settings: AutoscaleSettings = {}): AutoscaleProfile<T>[] {
    const { scaleOutCpuPercent, scaleInCpuPercent, scaleOutStep } = { ...AUTOSCALE_DEFAULTS, ...settings };
    const rules = [cpuRule(metricResourceUri, "Increase", scaleOutCpuPercent, scaleOutStep), cpuRule(metricResourceUri, "Decrease", scaleInCpuPercent, 1)];
    const capacity = (minimum: number) => ({ minimum: String(minimum), maximum: String(maxCount), default: String(minimum) });
    const weekly = (days: readonly Weekday[], at: string, timeZone: string) => {
        const [hours, minutes] = at.split(":").map(Number);
        return { frequency: "Week" as const, schedule: { days: [...days], hours: [hours], minutes: [minutes], timeZone } };
    };
    return [
        { name: "cpu", capacity: capacity(minCount), rules },
        ...(settings.busyWindows ?? []).flatMap((window) => {
            const timeZone = window.timeZone ?? "UTC";
            return [
                { name: window.name, capacity: capacity(window.minCount), rules, recurrence: weekly(window.days, window.start, timeZone) },
                { name: `${window.name}-end`, capacity: capacity(minCount), rules, recurrence: weekly(window.days, window.end, timeZone) },
            ];
        }),
    ];
}

/**
 * How Azure learns that a farm VM is broken and replaces it: the Application Health extension probes a local
 * endpoint (a builder's `koji-slot health`, lib/cloud-init; the package cache's nginx health path), and automatic
 * instance repairs replace VMs that report Unhealthy. Pure: the numbers, Azure's limits on them, and how the
 * grace periods fit together.
 *
 * Sources (learn.microsoft.com/azure/virtual-machine-scale-sets/…):
 * - virtual-machine-scale-sets-health-extension: Rich Health States over HTTP (`ApplicationHealthState` in a 2xx
 *   body), `ApplicationHealthLinux` 2.0 by `Microsoft.ManagedServices`; `intervalInSeconds` 5–60,
 *   `numberOfProbes` 1–24, `gracePeriod` at most 14400 s; the instance stays Initializing at extension start
 *   until `numberOfProbes` equal answers or the grace period ends, then Unknown (which triggers repairs).
 * - virtual-machine-scale-sets-automatic-instance-repairs: Flexible scale sets supported; repairs need one health
 *   source; `gracePeriod` PT10M–PT90M after any state change, new instances included; Replace is the default
 *   action; repairs go 5 % (or one VM) at a time and are suspended by the platform when replacements stay unhealthy.
 *
 * The builder's endpoint answers Unhealthy only after the VM has failed to be a builder for `healthGraceSeconds`
 * since boot (or since it last was one), and never while the pool waits on something a new VM would wait on too
 * (a secret not uploaded yet, every slot held). So the extension's grace only has to cover the time until the
 * endpoint listens (cloud-init installs packages first), and the repair grace is no shorter than the builder's.
 */
import { InputPropertyError } from "./input-property-error";
export const HEALTH_EXTENSION_LIMITS = {
    intervalSeconds: { min: 5, max: 60 },
    numberOfProbes: { min: 1, max: 24 },
    maxGraceSeconds: 14_400,
} as const;
export const REPAIR_GRACE_MINUTES = { min: 10, max: 90 } as const;
export const DEFAULT_HEALTH_GRACE_SECONDS = 1200;

/** Three answers 10 s apart must agree before the state changes: one slow probe is not a verdict. */
const PROBE_INTERVAL_SECONDS = 10;
const PROBES_TO_CHANGE = 3;

export interface InstanceHealthPlan {
    readonly extension: {
        readonly name: string;
        readonly publisher: "Microsoft.ManagedServices";
        readonly type: "ApplicationHealthLinux";
        readonly typeHandlerVersion: "2.0";
        readonly settings: {
            readonly protocol: "http";
            readonly port: number;
            readonly requestPath: string;
            readonly intervalInSeconds: number;
            readonly numberOfProbes: number;
            readonly gracePeriod: number;
        };
    };
    readonly automaticRepairsPolicy: { readonly enabled: true; readonly gracePeriod: string; readonly repairAction: "Replace" };
    /** What the builder's endpoint is told (KOJI_HEALTH_GRACE_SECONDS). */
    readonly healthGraceSeconds: number;
}

/**
 * The health extension and repair policy for a scale set probing `endpoint` on the VM. `healthGraceSeconds` must leave the repair grace inside
 * Azure's 90 minutes; `fail` reports a bad value as the caller reports its own errors.
 */
export function planInstanceHealth(
    endpoint: { readonly port: number; readonly path: string },
    healthGraceSeconds: number = DEFAULT_HEALTH_GRACE_SECONDS,
    fail: (message: string) => never = (message) => {
        throw new InputPropertyError("healthGraceSeconds", message);
    },
): InstanceHealthPlan {
    const maxGrace = Math.min(HEALTH_EXTENSION_LIMITS.maxGraceSeconds, REPAIR_GRACE_MINUTES.max * 60);
    if (!Number.isInteger(healthGraceSeconds) || healthGraceSeconds < 60 || healthGraceSeconds > maxGrace) {
        fail(`healthGraceSeconds must be a whole number from 60 to ${maxGrace} (Azure's 90-minute repair grace), got ${healthGraceSeconds}`);
    }
    const repairMinutes = Math.max(REPAIR_GRACE_MINUTES.min, Math.ceil(healthGraceSeconds / 60));
    return {
        extension: {
            name: "HealthExtension",
            publisher: "Microsoft.ManagedServices",
            type: "ApplicationHealthLinux",
            typeHandlerVersion: "2.0",
            settings: {
                protocol: "http",
                port: endpoint.port,
                requestPath: endpoint.path,
                intervalInSeconds: PROBE_INTERVAL_SECONDS,
                numberOfProbes: PROBES_TO_CHANGE,
                gracePeriod: healthGraceSeconds,
            },
        },
        automaticRepairsPolicy: { enabled: true, gracePeriod: `PT${repairMinutes}M`, repairAction: "Replace" },
        healthGraceSeconds,
    };
}

/** The scale set's `extensionProfile` holding the plan's health extension (minor versions upgrade themselves). */
export function healthExtensionProfile(plan: InstanceHealthPlan) {
    const { extension } = plan;
    return {
        extensions: [
            {
                name: extension.name,
                publisher: extension.publisher,
                type: extension.type,
                typeHandlerVersion: extension.typeHandlerVersion,
                autoUpgradeMinorVersion: true,
                settings: { ...extension.settings },
            },
        ],
    };
}

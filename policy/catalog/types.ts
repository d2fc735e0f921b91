/**
 * Shared vocabulary of the VM size catalog: x86-64 psABI levels, architectures and the verdict shape
 * that the policy pack, the components and the `sizes` command all speak.
 */
import type { VmSize } from "./sizes";

/** x86-64 psABI microarchitecture levels, lowest first (the x86-64 psABI, gitlab.com/x86-psABIs/x86-64-ABI). */
export const X86_LEVELS = ["x86-64-v1", "x86-64-v2", "x86-64-v3", "x86-64-v4"] as const;
export type X86Level = (typeof X86_LEVELS)[number];

/** The levels a farm may require of its builders. */
export const MINIMUM_LEVELS = ["x86-64-v3", "x86-64-v4"] as const;
export type MinimumLevel = (typeof MINIMUM_LEVELS)[number];
export const DEFAULT_MINIMUM_LEVEL: MinimumLevel = "x86-64-v3";
/**
 * The tag a builder scale set carries its pool's minimum level in. The pack's size policy holds the scale set to
 * the stricter of this and its configured level, so a pool that asks for x86-64-v4 is enforced as v4.
 */
export const MINIMUM_LEVEL_TAG = "buildfarm-minimum-level";

export type Architecture = "x64" | "arm64";

/** What a size is allowed for, at a date and a minimum level. Only `allowed` may be deployed. */
export type VerdictStatus = "allowed" | "below-minimum-level" | "arm64" | "retired" | "unknown";

export interface SizeVerdict {
    /** The size exactly as it was asked about. */
    readonly size: string;
    readonly status: VerdictStatus;
    /** `status === "allowed"`. */
    readonly allowed: boolean;
    /** The level every host CPU of the series reaches; null for Arm64 and unknown sizes. */
    readonly level: X86Level | null;
    readonly arch: Architecture | null;
    /** The catalog series name (e.g. `Dasv5 / Dadsv5`); null when the size matched no series. */
    readonly series: string | null;
    /** Active vCPUs (the constrained count for `E8-4ds_v5`); null for an unknown name or a page without the figure. */
    readonly vcpus: number | null;
    /** What the size counts against quota: the parent's vCPUs for a constrained size (`quotaVcpus`). */
    readonly quotaVcpus: number | null;
    /** The size's row in the size table; null for a name that is not one. */
    readonly facts: VmSize | null;
    /** One sentence a person can act on: the series, its CPUs, the docs source, what to use instead. */
    readonly reason: string;
}

export interface VerdictOptions {
    /** Date the verdict is for; a series is retired from its retirement date on. Default: today. */
    readonly asOf?: Date;
    /** Default: `x86-64-v3`. */
    readonly minimumLevel?: MinimumLevel;
}

/**
 * Every host CPU the Azure size docs name, with its microarchitecture and x86-64 psABI level.
 *
 * The CPU names are as the Azure size pages print them (each series' sources, series.ts); the level of each
 * microarchitecture is the x86-64 psABI's definition applied to the vendor's feature list (AVX2, BMI1/2, FMA,
 * F16C, LZCNT, MOVBE for v3; AVX-512F/BW/CD/DQ/VL for v4). The series table refers to these
 * ids, and a series' guaranteed level is computed from them (the minimum over its hosts), never typed in.
 */
import { Architecture, X86Level } from "./types";

export interface HostCpu {
    /** The name as the Azure docs print it. */
    readonly name: string;
    readonly microarchitecture: string;
    readonly vendor: "Intel" | "AMD" | "Ampere" | "Microsoft" | "Nvidia";
    readonly arch: Architecture;
    /** psABI level of an x64 CPU; null for Arm64. */
    readonly level: X86Level | null;
}

const intel = (name: string, microarchitecture: string, level: X86Level): HostCpu => ({ name, microarchitecture, vendor: "Intel", arch: "x64", level });
const amd = (name: string, microarchitecture: string, level: X86Level): HostCpu => ({ name, microarchitecture, vendor: "AMD", arch: "x64", level });
const arm = (name: string, microarchitecture: string, vendor: HostCpu["vendor"]): HostCpu => ({ name, microarchitecture, vendor, arch: "arm64", level: null });

export const HOST_CPUS = {
    "xeon-e5-2670": intel("Intel Xeon E5-2670", "Sandy Bridge-EP", "x86-64-v2"),
    "xeon-e5-2660-v2": intel("Intel Xeon E5-2660 v2", "Ivy Bridge-EP", "x86-64-v2"),
    "xeon-e5-2673-v3": intel("Intel Xeon E5-2673 v3", "Haswell", "x86-64-v3"),
    "xeon-e5-2690-v3": intel("Intel Xeon E5-2690 v3", "Haswell", "x86-64-v3"),
    "xeon-e5-2667-v3": intel("Intel Xeon E5-2667 v3", "Haswell", "x86-64-v3"),
    "xeon-e5-v3-family": intel("Intel Xeon E5 v3 family", "Haswell", "x86-64-v3"),
    "xeon-e7-8890-v3": intel("Intel Xeon E7-8890 v3", "Haswell-EX", "x86-64-v3"),
    "xeon-e5-2673-v4": intel("Intel Xeon E5-2673 v4", "Broadwell", "x86-64-v3"),
    "xeon-e5-2690-v4": intel("Intel Xeon E5-2690 v4", "Broadwell", "x86-64-v3"),
    "intel-broadwell": intel("Intel Broadwell", "Broadwell", "x86-64-v3"),
    "xeon-e-2176g": intel("Intel Xeon E-2176G", "Coffee Lake", "x86-64-v3"),
    "xeon-e-2288g": intel("Intel Xeon E-2288G", "Coffee Lake", "x86-64-v3"),
    "xeon-8171m": intel("Intel Xeon Platinum 8171M", "Skylake-SP", "x86-64-v4"),
    "xeon-8168": intel("Intel Xeon Platinum 8168", "Skylake-SP", "x86-64-v4"),
    "xeon-8180m": intel("Intel Xeon Platinum 8180M", "Skylake-SP", "x86-64-v4"),
    "xeon-8272cl": intel("Intel Xeon Platinum 8272CL", "Cascade Lake", "x86-64-v4"),
    "xeon-8280": intel("Intel Xeon Platinum 8280", "Cascade Lake", "x86-64-v4"),
    "xeon-8280m": intel("Intel Xeon Platinum 8280M", "Cascade Lake", "x86-64-v4"),
    "xeon-gold-6246r": intel("Intel Xeon Gold 6246R", "Cascade Lake", "x86-64-v4"),
    "xeon-8370c": intel("Intel Xeon Platinum 8370C", "Ice Lake-SP", "x86-64-v4"),
    "xeon-ice-lake": intel("Intel Xeon (Ice Lake)", "Ice Lake-SP", "x86-64-v4"),
    "xeon-8473c": intel("Intel Xeon Platinum 8473C", "Sapphire Rapids", "x86-64-v4"),
    "xeon-4th-gen": intel("Intel Xeon 4th Gen Scalable", "Sapphire Rapids", "x86-64-v4"),
    "xeon-8573c": intel("Intel Xeon Platinum 8573C", "Emerald Rapids", "x86-64-v4"),
    "xeon-5th-gen": intel("Intel 5th Gen Xeon Scalable", "Emerald Rapids", "x86-64-v4"),
    "xeon-6-6973pc": intel("Intel Xeon 6 6973PC", "Granite Rapids", "x86-64-v4"),
    "xeon-6th-gen": intel("Intel Xeon 6th gen Scalable", "Granite Rapids", "x86-64-v4"),
    "xeon-granite-rapids-ap": intel("Intel Xeon Granite Rapids-AP", "Granite Rapids", "x86-64-v4"),
    "epyc-7551": amd("AMD EPYC 7551", "Zen 1 (Naples)", "x86-64-v3"),
    "epyc-7452": amd("AMD EPYC 7452", "Zen 2 (Rome)", "x86-64-v3"),
    "epyc-7v12": amd("AMD EPYC 7V12", "Zen 2 (Rome)", "x86-64-v3"),
    "epyc-7763v": amd("AMD EPYC 7763v", "Zen 3 (Milan)", "x86-64-v3"),
    "epyc-7763": amd("AMD EPYC 7763", "Zen 3 (Milan)", "x86-64-v3"),
    "epyc-7v13": amd("AMD EPYC 7V13", "Zen 3 (Milan)", "x86-64-v3"),
    "epyc-74f3v": amd("AMD EPYC 74F3v", "Zen 3 (Milan)", "x86-64-v3"),
    "epyc-7v73x": amd("AMD EPYC 7V73X", "Zen 3 (Milan-X)", "x86-64-v3"),
    "epyc-milan": amd("AMD EPYC (Milan)", "Zen 3 (Milan)", "x86-64-v3"),
    "epyc-9004": amd("AMD EPYC 9004", "Zen 4 (Genoa)", "x86-64-v4"),
    "epyc-9v33x": amd("AMD EPYC 9V33X", "Zen 4 (Genoa-X)", "x86-64-v4"),
    "epyc-9v64f": amd("AMD EPYC 9V64 F", "Zen 4 (Genoa)", "x86-64-v4"),
    "epyc-4th-gen": amd("4th Generation AMD EPYC", "Zen 4", "x86-64-v4"),
    "epyc-9005": amd("AMD EPYC 9005", "Zen 5 (Turin)", "x86-64-v4"),
    "ampere-altra": arm("Ampere Altra", "Arm Neoverse N1", "Ampere"),
    "cobalt-100": arm("Azure Cobalt 100", "Arm Neoverse N2", "Microsoft"),
    "nvidia-grace": arm("Nvidia Grace", "Arm Neoverse V2", "Nvidia"),
} as const satisfies Record<string, HostCpu>;

export type HostCpuId = keyof typeof HOST_CPUS;

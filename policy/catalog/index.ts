/** The VM size catalog: parse Azure size names and decide whether a size guarantees x86-64-v3. */
export * from "./types";
export { HOST_CPUS, HostCpu, HostCpuId } from "./cpus";
export { parseSizeName, ParsedSize, ParseResult } from "./parse";
export { SERIES, Series, SizePattern, Retirement } from "./series";
export { sizeVerdict, seriesFacts, seriesStatus, seriesMatching, SeriesFacts } from "./verdict";

/** The VM size catalog: every documented size, its series' host CPUs, and whether a size guarantees x86-64-v3. */
export * from "./types";
export { HOST_CPUS, HostCpu, HostCpuId } from "./cpus";
export { SERIES, Series, Retirement } from "./series";
export { SIZES, VmSize, Stated, DocSource, findSize, nearestSizeName, quotaVcpus, scaleSetQuotaVcpus, parseSizeTable, SIZES_FILE } from "./sizes";
export { allowedSizeNames, sizeVerdict, seriesFacts, seriesStatus, seriesOfSize, meetsLevel, SeriesFacts } from "./verdict";

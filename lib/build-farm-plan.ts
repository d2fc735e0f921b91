/**
 * The farm's plan: what each component of BuildFarm (components/build-farm.ts) is given, decided from the checked
 * stack configuration. Pure; the component only creates the resources and passes outputs between them.
 */
import type { BuilderAuth } from "./cloud-init";
import type { BuilderNetworkPlanInput } from "./builder-network-plan";
import type { PoolPlanInput } from "./builder-pool-plan";
import type { KojiAdminSettings } from "./koji-admin";
import type { PackageCachePlanInput } from "./package-cache/plan";
import { builderSlots } from "./slots";
import { FarmConfig, farmZones, poolPlanInputOf } from "./stack-config";

/** One pool: its plan's inputs (the pool plan's `name` is the pool's), and its Koji host slots. */
export interface FarmPoolPlan {
    readonly name: string;
    readonly planInput: Omit<PoolPlanInput, "name">;
    /** One Koji host per VM the pool may run. */
    readonly slotCount: number;
}

export interface BuildFarmPlan {
    /** The network, over every zone a pool uses (one zonal stack each); its admin ranges also open the store's and vaults' firewalls. */
    readonly network: BuilderNetworkPlanInput;
    /** The cache's settings, a VM in each of the network's zones; its origins are the configured topurls, in order. */
    readonly packageCache: PackageCachePlanInput & { readonly origins: readonly string[] };
    /** Every pool's slots: one lease blob each in the store. */
    readonly slotIds: readonly string[];
    readonly pools: readonly FarmPoolPlan[];
    /** What the builders' kojid is told, but the topurls, which start with the cache's address. */
    readonly builderKoji: { readonly hubUrl: string; readonly auth: BuilderAuth; readonly hostDomain: string; readonly mockDnfCommand: string };
    /** The admin runbook's settings, but the pools' vault names, which Azure decides. */
    readonly kojiAdmin: Omit<KojiAdminSettings, "pools">;
}

export function planBuildFarm(config: FarmConfig): BuildFarmPlan {
    const zones = farmZones(config);
    const { koji } = config;
    return {
        network: { ...config.network, zones },
        packageCache: { ...config.packageCache, zones, minimumLevel: config.minimumLevel, origins: koji.topUrls },
        slotIds: config.pools.flatMap((pool) => builderSlots(pool.name, pool.maxCount, koji.hostDomain).map((slot) => slot.id)),
        pools: config.pools.map((pool) => {
            const { name, ...planInput } = poolPlanInputOf(pool, config.imageSupportsNvme);
            return { name, planInput, slotCount: pool.maxCount };
        }),
        builderKoji: { hubUrl: koji.hubUrl, auth: koji.auth, hostDomain: koji.hostDomain, mockDnfCommand: koji.mockDnfCommand },
        kojiAdmin: {
            hostDomain: koji.hostDomain,
            channel: koji.channel,
            auth: koji.auth.kind === "kerberos" ? { kind: "kerberos", realm: koji.auth.realm } : { kind: "certificate" },
        },
    };
}

/** The typed result of the stack configuration, and its errors. Part of the stack configuration (./index.ts). */
import { type MinimumLevel } from "../../policy/catalog/types";
import { type PoolPlanInput, type SpotSettings } from "../builder-pool-plan";
import { type BuilderAuth } from "../cloud-init/settings";
import { type AvailabilityZone } from "../builder-subnets";

/** The whole farm as configured: every default filled in, every value checked. */
export interface FarmConfig {
    /** `azure-native:location`: the Azure region, e.g. `eastus2`. Required. */
    readonly location: string;
    /** OpenSSH public key (`ssh-ed25519`, or `ssh-rsa` of 2048 bits or more) of the builders' admin user. Required. */
    readonly adminSshPublicKey: string;
    /** The psABI level every builder size must guarantee, the floor for every pool. Default `x86-64-v3`. */
    readonly minimumLevel: MinimumLevel;
    /**
     * Whether the image's definition declares the NVMe disk controller, which sizes that attach disks over NVMe
     * only (v6 and later) need. Default false: not established for Fedora Cloud's gallery images (README, "NVMe sizes").
     */
    readonly imageSupportsNvme: boolean;
    /**
     * Whether the pools run builders. Default false: the first `pulumi up` creates everything with no VM, so the
     * hub admins can register the slots and upload their keytabs to the vault it created; then true starts them.
     */
    readonly buildersEnabled: boolean;
    /** Donated vCPU quota: sum over pools of maxCount x the largest size's quota vCPUs must fit. Required. */
    readonly vcpuBudget: number;
    /** Tags for every resource that takes tags. Default `{}`. */
    readonly tags: Readonly<Record<string, string>>;
    readonly koji: KojiConfig;
    readonly network: NetworkConfig;
    /** The package cache's size, count and disk; unset fields take the cache plan's defaults (PACKAGE_CACHE_DEFAULTS). */
    readonly packageCache: PackageCacheConfig;
    /** At least one pool; names unique. */
    readonly pools: readonly PoolConfig[];
}

/** Where the builders find Koji. Defaults are Fedora's production values (fedora-infra/ansible, as cited below). */
export interface KojiConfig {
    /** kojid `server`. Default `https://koji.fedoraproject.org/kojihub` (fedora-infra/ansible inventory/group_vars/buildvm `koji_server_url`). */
    readonly hubUrl: string;
    /**
     * kojid `topurl` list, failover order. Default Fedora's kojipkgs, kojipkgs01, kojipkgs02
     * (fedora-infra/ansible roles/koji_builder/templates/kojid.conf).
     */
    readonly topUrls: readonly string[];
    /**
     * How kojid logs in, in the cloud-init's own type: Kerberos (the default, Fedora's way) with `realm`
     * (default `FEDORAPROJECT.ORG`) and `kdcProxyUrl` (default `https://id.fedoraproject.org/KdcProxy`),
     * (fedora-infra/ansible roles/base/templates/krb5.conf.j2); or a TLS client certificate, for private hubs only.
     */
    readonly auth: BuilderAuth;
    /** DNS suffix of the slot host names `<pool>-NNN.<hostDomain>`. Required: Fedora has none for cloud builders. */
    readonly hostDomain: string;
    /**
     * Koji channel the slots are added to. Required: a dedicated channel, agreed with the hub's admins (Fedora's hub
     * routes tasks by channel policy, fedora-infra/ansible roles/koji_hub/templates/hub.conf.j2).
     */
    readonly channel: string;
    /** mock's dnf command on the builders. Default `/usr/bin/dnf-3` (DEFAULT_MOCK_DNF_COMMAND; README, "Open question"). */
    readonly mockDnfCommand: string;
}

export interface PackageCacheConfig {
    readonly vmSize?: string;
    readonly count?: number;
    readonly diskSizeGb?: number;
}

/** The farm's virtual network. IPv4 CIDRs in canonical form (host bits zero). */
export interface NetworkConfig {
    /** Default `10.20.0.0/16`. */
    readonly addressSpace: string;
    /** The builders' NICs. Default `10.20.0.0/20` (4091 usable addresses). */
    readonly builderSubnet: string;
    /** Private endpoints of the store and the vault. Default `10.20.16.0/24`. */
    readonly endpointSubnet: string;
    /** The package cache's VMs and load balancer, split per zone like `builderSubnet`. Default `10.20.17.0/24`. */
    readonly cacheSubnet: string;
    /** Public IPv4 ranges allowed to administer (SSH, vault, store). Default `[]`: none. */
    readonly adminSourceCidrs: readonly string[];
}

/**
 * Where a builder keeps `/var/lib/mock`, the pool plan's choices (lib/builder-pool-plan.ts): `local`, the
 * sizes' local disk whatever its kind; `nvme` or `resource`, that kind of local disk; `data-disk`, a managed
 * data disk; `os-disk`, a directory on the root disk, as on Fedora's own builders.
 */
export const MOCK_DISKS = ["local", "nvme", "resource", "data-disk", "os-disk"] as const satisfies readonly NonNullable<PoolPlanInput["mockDisk"]>[];
export type MockDisk = (typeof MOCK_DISKS)[number];

/** One Flexible scale set of builders. */
export interface PoolConfig {
    /** Becomes resource names and host names `<name>-NNN`: see `POOL_NAME_MAX`. */
    readonly name: string;
    /** One size, or an instance mix of up to five, each allowed at the pool's minimum level. */
    readonly vmSizes: readonly string[];
    /** The level this pool's sizes must guarantee: the farm's `minimumLevel` (the default) or stricter. */
    readonly minimumLevel: MinimumLevel;
    /** At least 1 (an empty pool would never scale out on CPU). Default 1. */
    readonly minCount: number;
    /** 1..999 (`MAX_POOL_VMS`: one three-digit slot per VM); also the number of Koji host slots. */
    readonly maxCount: number;
    /** Spot settings; absent when every VM is regular (`spot: false`, the default). */
    readonly spot?: Required<SpotSettings>;
    /** Availability zones; absent (the default) lets Azure place VMs regionally. */
    readonly zones?: readonly AvailabilityZone[];
    /** Absent (the default): the sizes' local disk when they have one, else a managed data disk. */
    readonly mockDisk?: MockDisk;
}

/** One mistake: `key` is the full path (`buildfarm:pools[1].maxCount`), `message` says what to do. */
export interface ConfigError {
    readonly key: string;
    readonly message: string;
    /** For a misspelt key, the full path it was probably meant as: that key's own "is required" is the same mistake. */
    readonly meant?: string;
}

export type StackConfigResult = { readonly ok: true; readonly config: FarmConfig } | { readonly ok: false; readonly errors: readonly ConfigError[] };

export interface ParseOptions {
    /** Date the size verdicts are for (a retired series is refused from its date on). Default: now. */
    readonly asOf?: Date;
}

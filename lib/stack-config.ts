/**
 * The stack configuration (`buildfarm:*` and `azure-native:location`), checked before anything is created.
 *
 * Pulumi hands a program its configuration as a flat map of strings: `buildfarm:pools` holds the JSON of the
 * list written in the stack file, `buildfarm:vcpuBudget` the digits. `pulumi.Config.requireObject` only
 * `JSON.parse`s that (pulumi/pulumi sdk/nodejs/config.ts), so a typo or a wrong type would otherwise surface
 * as an Azure error halfway through `pulumi up`. `parseStackConfig` turns the map into a typed, defaulted
 * `FarmConfig`, or into every mistake at once, each one line naming the key path and what to do.
 *
 * Shapes and types are checked with zod (exact paths); addresses with lib/ip-ranges.ts (on ipaddr.js); VM sizes
 * with the catalog; pools with the pool plan.
 * This module registers no resource, so it runs the same under `pulumi up`, the offline plan and the tests.
 */

import { closest, distance } from "fastest-levenshtein";
import { z } from "zod";
import { meetsLevel, scaleSetQuotaVcpus, sizeVerdict } from "../policy/catalog";
import { DEFAULT_MINIMUM_LEVEL, MINIMUM_LEVELS, type MinimumLevel } from "../policy/catalog/types";
import { MAX_MIX_SIZES, MAX_POOL_NAME_LENGTH } from "./azure-pool-rules";
import { AZURE_REGIONS, FEDORA_IMAGE_REGIONS, findRegion } from "./azure-regions";
import {
    MAX_POOL_VMS as MAX_POOL_COUNT, planBuilderPool, PoolPlanError, type PoolPlan, type PoolPlanInput,
} from "./builder-pool-plan";
import { builderSubnetLayout, subnetKeyFor } from "./builder-subnets";
import { checkIpv4Range, Ipv4Range, ipv4RangeSize, parseIpv4Range, rangeContains, rangesOverlap } from "./ip-ranges";
import { type BuilderAuth, DEFAULT_MOCK_DNF_COMMAND, MOCK_DNF_COMMAND_PATTERN } from "./cloud-init/settings";
import { NETWORK_DEFAULTS } from "./network-defaults";
import { builderSlots, SLOT_NUMBER_WIDTH } from "./slots";

// ---------------------------------------------------------------------------------------------------------
// The typed result
// ---------------------------------------------------------------------------------------------------------

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
    /** At least one pool; names unique. */
    readonly pools: readonly PoolConfig[];
}

/** Where the builders find Koji. Defaults are Fedora's production values (fedora-infra/ansible, as cited below). */
export interface KojiConfig {
    /** kojid `server`. Default `https://koji.fedoraproject.org/kojihub` (fedora-infra/ansible inventory/group_vars/buildvm `koji_server_url`). */
    readonly hubUrl: string;
    /** kojid `topurl` list, failover order. Default Fedora's kojipkgs, kojipkgs01, kojipkgs02 (fedora-infra/ansible roles/koji_builder/templates/kojid.conf). */
    readonly topUrls: readonly string[];
    /**
     * How kojid logs in, in the cloud-init's own type: Kerberos (the default, Fedora's way) with `realm`
     * (default `FEDORAPROJECT.ORG`) and `kdcProxyUrl` (default `https://id.fedoraproject.org/KdcProxy`),
     * (fedora-infra/ansible roles/base/templates/krb5.conf.j2); or a TLS client certificate, for private hubs only.
     */
    readonly auth: BuilderAuth;
    /** DNS suffix of the slot host names `<pool>-NNN.<hostDomain>`. Required: Fedora has none for cloud builders. */
    readonly hostDomain: string;
    /** Koji channel the slots are added to. Required: a dedicated channel, agreed with the hub's admins (Fedora's hub routes tasks by channel policy, fedora-infra/ansible roles/koji_hub/templates/hub.conf.j2). */
    readonly channel: string;
    /** mock's dnf command on the builders. Default `/usr/bin/dnf-3` (DEFAULT_MOCK_DNF_COMMAND; README, "Open question"). */
    readonly mockDnfCommand: string;
}

/** The farm's virtual network. IPv4 CIDRs in canonical form (host bits zero). */
export interface NetworkConfig {
    /** Default `10.20.0.0/16`. */
    readonly addressSpace: string;
    /** The builders' NICs. Default `10.20.0.0/20` (4091 usable addresses). */
    readonly builderSubnet: string;
    /** Private endpoints of the store and the vault. Default `10.20.16.0/24`. */
    readonly endpointSubnet: string;
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

export const ZONES = ["1", "2", "3"] as const;
export type Zone = (typeof ZONES)[number];

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
    /** 1..1000 (the Flexible limit); also the number of Koji host slots. */
    readonly maxCount: number;
    /** Spot settings; absent when every VM is regular (`spot: false`, the default). */
    readonly spot?: SpotConfig;
    /** Availability zones; absent (the default) lets Azure place VMs regionally. */
    readonly zones?: readonly Zone[];
    /** Absent (the default): the sizes' local disk when they have one, else a managed data disk. */
    readonly mockDisk?: MockDisk;
}

export interface SpotConfig {
    /** Regular VMs kept before any Spot VM (`priorityMixPolicy.baseRegularPriorityCount`). Default 0. */
    readonly regularBaseCount: number;
    /** Percent of the VMs above the base that are regular. Default 0: all Spot. */
    readonly regularPercentAboveBase: number;
    /** USD per hour, or -1 (the default) to pay up to the regular price and never be evicted for price. */
    readonly maxPrice: number;
}

/** One mistake: `key` is the full path (`buildfarm:pools[1].maxCount`), `message` says what to do. */
export interface ConfigError {
    readonly key: string;
    readonly message: string;
    /** For a misspelt key, the full path it was probably meant as: that key's own "is required" is the same mistake. */
    readonly meant?: string;
}

export type StackConfigResult =
    | { readonly ok: true; readonly config: FarmConfig }
    | { readonly ok: false; readonly errors: readonly ConfigError[] };

export interface ParseOptions {
    /** Date the size verdicts are for (a retired series is refused from its date on). Default: now. */
    readonly asOf?: Date;
}

// ---------------------------------------------------------------------------------------------------------
// Limits, each from the rule that sets it
// ---------------------------------------------------------------------------------------------------------

export const NAMESPACE = "buildfarm";
export const LOCATION_KEY = "azure-native:location";

/** Azure keeps the first four addresses and the last of every subnet. */
export const AZURE_RESERVED_ADDRESSES = 5;
/** The smallest subnet Azure creates. */
const SMALLEST_SUBNET_PREFIX = 29;
const DNS_LABEL_MAX = 63;
const DNS_NAME_MAX = 253;
/**
 * A pool name must leave room for its slots `<pool>-NNNN` in one DNS label (numbers padded to the width of
 * 1000, see lib/slots.ts): 58; and for its VMs' names, `<pool>-vmss` plus Pulumi's suffix plus the scale set's
 * `_` and 8 characters, in Azure's 64 (the pool rule "names"): 42.
 */
export const POOL_NAME_MAX = Math.min(DNS_LABEL_MAX - "-".length - SLOT_NUMBER_WIDTH, MAX_POOL_NAME_LENGTH);
/** Azure tag limits: 50 per resource; names 128 characters (storage accounts' limit), values 256. */
const MAX_TAGS = 50;
const TAG_NAME_MAX = 128;
const TAG_VALUE_MAX = 256;

/** Fedora production values (fedora-infra/ansible: kojid.conf's `server` and `topurl`, krb5.conf.j2's realm and KdcProxy). */
const FEDORA_KOJI = {
    hubUrl: "https://koji.fedoraproject.org/kojihub",
    topUrls: [
        "https://kojipkgs.fedoraproject.org/",
        "https://kojipkgs01.fedoraproject.org",
        "https://kojipkgs02.fedoraproject.org",
    ],
    realm: "FEDORAPROJECT.ORG",
    kdcProxyUrl: "https://id.fedoraproject.org/KdcProxy",
} as const;

/** The farm's default address plan (lib/network-defaults.ts), under this configuration's key names. */
const DEFAULT_NETWORK = {
    addressSpace: NETWORK_DEFAULTS.addressSpace,
    builderSubnet: NETWORK_DEFAULTS.builderSubnetPrefix,
    endpointSubnet: NETWORK_DEFAULTS.privateEndpointSubnetPrefix,
} as const;

// ---------------------------------------------------------------------------------------------------------
// Field schemas
// ---------------------------------------------------------------------------------------------------------

const httpsUrl = z.url({ protocol: /^https$/, error: "must be an https:// URL" });

/** A VM count from `minimum` to a Flexible scale set's limit. */
const count = (minimum: number, why = "") => z
    .int()
    .min(minimum, { error: (issue) => `must be at least ${minimum}${why}, got ${issue.input}` })
    .max(MAX_POOL_COUNT, { error: (issue) => `must be at most ${MAX_POOL_COUNT} (one three-digit slot per VM), got ${issue.input}` });

/** Lower-case DNS name of at least two labels. */
const dnsName = z
    .string()
    .max(DNS_NAME_MAX)
    .regex(
        /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/,
        "must be a lower-case DNS name such as builders.example.org",
    );

/** Koji's default `RegexNameInternal` for channel names. */
const kojiName = z.string().regex(/^[A-Za-z0-9/_.+-]+$/, "use letters, digits and / _ . + - only");

/** `final`: checks of the enclosing object, which need this value to be right, are skipped. */
function addIssue(ctx: z.RefinementCtx, path: (string | number)[], message: string, final = false): void {
    ctx.addIssue({ code: "custom", path, message, continue: !final });
}


/** An IPv4 CIDR (the one address rule, lib/ip-ranges.ts), then whatever `problem` finds wrong with it for its use. */
function ipv4Cidr(problem: (range: Ipv4Range, text: string) => string | undefined) {
    return z.string().superRefine((text, ctx) => {
        const parsed = checkIpv4Range(text);
        const message = "problem" in parsed ? parsed.problem : problem(parsed.range, text);
        // Only an unreadable range stops the network's own checks, which need every range parsed.
        if (message !== undefined) addIssue(ctx, [], message, "problem" in parsed);
    });
}

const subnetCidr = ipv4Cidr(({ prefixLength }, text) =>
    prefixLength > SMALLEST_SUBNET_PREFIX ? `"${text}" is smaller than Azure's smallest subnet, /${SMALLEST_SUBNET_PREFIX}` : undefined,
);

/**
 * An admin source: it opens SSH in the NSG and the vault's and store's firewalls, which see public source
 * addresses only and (Storage) take no /31 (the same rules as lib/admin-access.ts, checked here before
 * anything is created).
 */
const adminCidr = ipv4Cidr(({ network, prefixLength: prefix }, text) => {
    if (prefix === 0) return `"${text}" is the whole Internet; list the addresses you administer from`;
    if (network.range() === "private") return `"${text}" is a private range; the firewalls only see public addresses`;
    if (prefix === 31) return `"${text}": Azure Storage does not accept /31 ranges; list the two addresses`;
    return undefined;
});

/** A range the schema has already checked. */
const rangeOf = (text: string): Ipv4Range => parseIpv4Range(text, "range");

/** Key types Azure Linux VMs accept; ECDSA is OpenSSH but Azure refuses it. */
const SSH_KEY_TYPES = ["ssh-ed25519", "ssh-rsa"];
const MIN_RSA_BITS = 2048;

/** Reads the SSH wire format's length-prefixed strings (RFC 4251 section 5). */
function sshStrings(blob: Buffer): Buffer[] | null {
    const parts: Buffer[] = [];
    let offset = 0;
    while (offset < blob.length) {
        if (offset + 4 > blob.length) return null;
        const length = blob.readUInt32BE(offset);
        if (offset + 4 + length > blob.length) return null;
        parts.push(blob.subarray(offset + 4, offset + 4 + length));
        offset += 4 + length;
    }
    return parts;
}

/** Why `text` is not a public key Azure accepts, or null. */
export function sshPublicKeyProblem(text: string): string | null {
    const [type, base64] = text.trim().split(/\s+/);
    const expected = `an OpenSSH public key line such as "ssh-ed25519 AAAAC3Nz... you@host" (the .pub file)`;
    if (text.includes("PRIVATE KEY")) return `this is a private key; give the contents of the .pub file instead`;
    if (text.trim().includes("\n")) return `give one key on one line: ${expected}`;
    if (base64 === undefined) return `expected ${expected}`;
    if (type.startsWith("ecdsa-sha2-") || type.startsWith("sk-")) {
        return `Azure Linux VMs accept ssh-ed25519 and ssh-rsa keys only, not ${type}; make one with ssh-keygen -t ed25519`;
    }
    if (!SSH_KEY_TYPES.includes(type)) return `unknown key type "${type}"; expected ${expected}`;
    const blob = Buffer.from(base64, "base64");
    const parts = /^[A-Za-z0-9+/]+={0,2}$/.test(base64) ? sshStrings(blob) : null;
    if (parts === null || parts.length === 0) return `the key data after "${type}" is not valid base64 key data`;
    const embedded = parts[0].toString("latin1");
    if (embedded !== type) return `the key data is a ${embedded} key but the line says ${type}; copy the .pub file unchanged`;
    if (type === "ssh-ed25519" && (parts.length !== 2 || parts[1].length !== 32)) {
        return `the ssh-ed25519 key data is truncated or corrupt; copy the .pub file unchanged`;
    }
    if (type === "ssh-rsa") {
        if (parts.length !== 3) return `the ssh-rsa key data is truncated or corrupt; copy the .pub file unchanged`;
        // The third string is the modulus, a big-endian mpint.
        const bits = BigInt(`0x${parts[2].toString("hex") || "0"}`).toString(2).length;
        if (bits < MIN_RSA_BITS) return `a ${bits}-bit RSA key is too short for Azure (${MIN_RSA_BITS} or more); use ssh-keygen -t ed25519`;
    }
    return null;
}

const sshPublicKey = z.string().superRefine((text, ctx) => {
    const problem = sshPublicKeyProblem(text);
    if (problem !== null) addIssue(ctx, [], problem);
});

/**
 * A list of at least `min` and at most `max` items. The lengths are checked here rather than with zod's own
 * `.min`/`.max`, which also run on a string's length when the value is not a list at all.
 */
function list<T extends z.ZodType>(item: T, min: number, max = Infinity, tooMany = `takes at most ${max} entries`) {
    return z.array(item).superRefine((items, ctx) => {
        if (items.length < min) addIssue(ctx, [], `needs at least ${min} ${min === 1 ? "entry" : "entries"}`);
        if (items.length > max) addIssue(ctx, [], tooMany);
    });
}

/** Returns the entries that occur more than once, each with the index of its first occurrence. */
function duplicates<T>(items: readonly T[]): { index: number; first: number }[] {
    return items.flatMap((item, index) => {
        const first = items.indexOf(item);
        return first < index ? [{ index, first }] : [];
    });
}

function noDuplicates<T>(what: string) {
    return (items: readonly T[], ctx: z.RefinementCtx) => {
        for (const { index, first } of duplicates(items)) {
            addIssue(ctx, [index], `${what} ${JSON.stringify(items[index])} is already at [${first}]; remove one`);
        }
    };
}

// ---------------------------------------------------------------------------------------------------------
// Section schemas
// ---------------------------------------------------------------------------------------------------------

const kojiSchema = z
    .object({
        hubUrl: httpsUrl.default(FEDORA_KOJI.hubUrl),
        topUrls: list(httpsUrl, 1).default([...FEDORA_KOJI.topUrls]),
        auth: z.enum(["kerberos", "certificate"]).default("kerberos"),
        realm: z
            .string()
            .regex(/^[A-Z0-9]([A-Z0-9.-]*[A-Z0-9])?$/, "Kerberos realms are upper case, e.g. FEDORAPROJECT.ORG")
            .optional(),
        kdcProxyUrl: httpsUrl.optional(),
        hostDomain: dnsName.describe("the DNS suffix of the builders' host names, e.g. azure.fedoraproject.org"),
        channel: kojiName.describe("the Koji channel for these builders, agreed with the hub's admins"),
        mockDnfCommand: z
            .string()
            .regex(MOCK_DNF_COMMAND_PATTERN, "must be an absolute path such as /usr/bin/dnf5")
            .default(DEFAULT_MOCK_DNF_COMMAND),
    })
    // Here, not on the pipe: a missing value is reported by the object, and its refined copies keep this.
    .describe("a map with at least hostDomain and channel")
    .superRefine((koji, ctx) => {
        if (koji.auth !== "certificate") return;
        for (const key of ["realm", "kdcProxyUrl"] as const) {
            if (koji[key] !== undefined) addIssue(ctx, [key], `is only used with auth "kerberos"; remove it`);
        }
        // Fedora's /kojihub/ssllogin is GSSAPI only (fedora-infra/ansible roles/koji_hub/templates/kojihub.conf.j2).
        if (new URL(koji.hubUrl).hostname === new URL(FEDORA_KOJI.hubUrl).hostname) {
            addIssue(ctx, ["auth"], `Fedora's hub accepts Kerberos logins only; use auth "kerberos" or a private hubUrl`);
        }
    })
    .transform(
        ({ auth, realm, kdcProxyUrl, ...rest }): KojiConfig => ({
            ...rest,
            auth:
                auth === "kerberos"
                    ? {
                          kind: auth,
                          realm: realm ?? FEDORA_KOJI.realm,
                          kdcProxyUrl: kdcProxyUrl ?? FEDORA_KOJI.kdcProxyUrl,
                      }
                    : { kind: auth },
        }),
    );

const networkSchema = z
    .object({
        addressSpace: subnetCidr.default(DEFAULT_NETWORK.addressSpace),
        builderSubnet: subnetCidr.default(DEFAULT_NETWORK.builderSubnet),
        endpointSubnet: subnetCidr.default(DEFAULT_NETWORK.endpointSubnet),
        adminSourceCidrs: list(adminCidr, 0).superRefine(noDuplicates("range")).default([]),
    })
    .superRefine((network, ctx) => {
        const space = rangeOf(network.addressSpace);
        const subnets = (["builderSubnet", "endpointSubnet"] as const).map((key) => ({ key, range: rangeOf(network[key]) }));
        for (const { key, range } of subnets) {
            if (!rangeContains(space, range)) {
                addIssue(ctx, [key], `${network[key]} is outside addressSpace ${network.addressSpace}; pick a range inside it`);
            }
        }
        const [builder, endpoint] = subnets;
        if (rangesOverlap(builder.range, endpoint.range)) {
            addIssue(ctx, ["endpointSubnet"], `${network.endpointSubnet} overlaps builderSubnet ${network.builderSubnet}; subnets must not overlap`);
        }
    });

const tagsSchema = z
    .record(
        z
            .string()
            .min(1)
            .max(TAG_NAME_MAX)
            .regex(/^[^<>%&\\?/]+$/, "tag names cannot contain < > % & \\ ? /")
            .refine((name) => !/^(microsoft|azure|windows)/i.test(name), "tag names cannot start with microsoft, azure or windows"),
        z.string().max(TAG_VALUE_MAX),
    )
    .refine((tags) => Object.keys(tags).length <= MAX_TAGS, `at most ${MAX_TAGS} tags per resource`);

function poolSchema(minimumLevel: MinimumLevel, asOf: Date | undefined) {
    const vmSize = z.string().superRefine((size, ctx) => {
        const verdict = sizeVerdict(size, { asOf, minimumLevel });
        // The catalog's reason names the size, its series and what to use instead.
        if (!verdict.allowed) addIssue(ctx, [], `not allowed (${verdict.status}): ${verdict.reason}`);
    });
    return z
        .object({
            name: z
                .string()
                .max(POOL_NAME_MAX, `pool names are at most ${POOL_NAME_MAX} characters, so that the scale set's name and the slots' host names fit Azure's and DNS's limits`)
                .regex(
                    /^[a-z]([a-z0-9-]*[a-z0-9])?$/,
                    "pool names become resource and host names: lower-case letters, digits and hyphens, starting with a letter, not ending with a hyphen",
                )
                .describe("a name for the pool, e.g. spot"),
            vmSizes: list(vmSize, 1, MAX_MIX_SIZES, `an instance mix takes at most ${MAX_MIX_SIZES} sizes`)
                .superRefine(noDuplicates("size"))
                .describe("one or more VM sizes, e.g. [Standard_D16as_v5]"),
            // At least one: CPU autoscale has nothing to measure in an empty pool (lib/builder-pool-plan.ts).
            minCount: count(1, " (CPU autoscale measures running builders, so an empty pool never grows)").default(1),
            maxCount: count(1).describe(`the most VMs the pool may run, 1..${MAX_POOL_COUNT}`),
            spot: z.boolean().default(false),
            regularBaseCount: count(0).optional(),
            regularPercentAboveBase: z.int().min(0).max(100).optional(),
            maxPrice: z
                .number()
                .refine((price) => price === -1 || price > 0, "must be -1 (up to the regular price) or a positive USD price per hour")
                .optional(),
            zones: list(z.enum(ZONES), 1).superRefine(noDuplicates("zone")).optional(),
            mockDisk: z.enum(MOCK_DISKS).optional(),
            minimumLevel: z
                .enum(MINIMUM_LEVELS)
                .refine((level) => meetsLevel(level, minimumLevel),
                    `a pool may ask for a stricter level than the farm's minimumLevel (${minimumLevel}), never a looser one`)
                .default(minimumLevel),
        })
        .superRefine((pool, ctx) => {
            // A maxCount below 1 is reported on its own; comparing against it would only repeat the mistake.
            if (pool.maxCount >= 1 && pool.minCount > pool.maxCount) {
                addIssue(ctx, ["minCount"], `${pool.minCount} is more than maxCount ${pool.maxCount}; lower it or raise maxCount`);
            }
            for (const key of ["regularBaseCount", "regularPercentAboveBase", "maxPrice"] as const) {
                if (!pool.spot && pool[key] !== undefined) {
                    addIssue(ctx, [key], `is a Spot setting but the pool has spot: false; set spot: true or remove it`);
                }
            }
            if ((pool.regularBaseCount ?? 0) > pool.maxCount) {
                addIssue(ctx, ["regularBaseCount"], `${pool.regularBaseCount} is more than maxCount ${pool.maxCount}`);
            }
        })
        .transform(
            ({ spot, regularBaseCount, regularPercentAboveBase, maxPrice, ...rest }): PoolConfig => ({
                ...rest,
                spot: spot
                    ? {
                          regularBaseCount: regularBaseCount ?? 0,
                          regularPercentAboveBase: regularPercentAboveBase ?? 0,
                          maxPrice: maxPrice ?? -1,
                      }
                    : undefined,
            }),
        );
}

// ---------------------------------------------------------------------------------------------------------
// Top-level keys
// ---------------------------------------------------------------------------------------------------------

/** How Pulumi stores a key: structured values arrive as JSON text. Pulumi.yaml declares the same types. */
export type ConfigType = "string" | "integer" | "boolean" | "object" | "array";

/** Every `buildfarm:` key with its Pulumi.yaml type (`azure-native:location` is the provider's, not declared). */
export const CONFIG_KEYS = {
    adminSshPublicKey: "string",
    koji: "object",
    network: "object",
    pools: "array",
    minimumLevel: "string",
    imageSupportsNvme: "boolean",
    buildersEnabled: "boolean",
    tags: "object",
    vcpuBudget: "integer",
} as const satisfies Record<string, ConfigType>;
type Key = keyof typeof CONFIG_KEYS;

const KEY_NAMES = Object.keys(CONFIG_KEYS);

/**
 * A top-level key the program does not read: an error when it is in (or near) the `buildfarm` namespace or
 * looks like `azure-native:location`; keys of other namespaces are other packages' settings and pass.
 */
function unknownTopLevelKey(fullKey: string): ConfigError | undefined {
    const [namespace, key = ""] = fullKey.split(/:(.*)/s);
    const ours = namespace === NAMESPACE || likely(namespace, [NAMESPACE]) !== undefined;
    if (ours && (namespace !== NAMESPACE || !KEY_NAMES.includes(key))) {
        const guess = likely(key, KEY_NAMES);
        const known = KEY_NAMES.map((name) => `${NAMESPACE}:${name}`).join(", ");
        return {
            key: fullKey,
            message: guess === undefined ? `unknown key; the keys are ${known}` : `unknown key; did you mean ${NAMESPACE}:${guess}?`,
            meant: guess === undefined ? undefined : `${NAMESPACE}:${guess}`,
        };
    }
    if (`${namespace}:${key}` !== LOCATION_KEY && namespace === LOCATION_KEY.split(":")[0] && likely(key, ["location"]) !== undefined) {
        return { key: fullKey, message: `unknown key; did you mean ${LOCATION_KEY}?`, meant: LOCATION_KEY };
    }
    return undefined;
}

const topLevel = {
    location: z
        .string()
        .regex(/^[a-z][a-z0-9]*$/, "use the region's programmatic name, lower case without spaces, e.g. eastus2")
        .superRefine((name, ctx) => {
            if (!/^[a-z][a-z0-9]*$/.test(name)) return; // said above
            const region = findRegion(name);
            if (region === undefined) {
                const guess = likely(name, AZURE_REGIONS.map((candidate) => candidate.name));
                addIssue(ctx, [], `"${name}" is not an Azure region (learn.microsoft.com/azure/reliability/regions-list)${guess ? `; did you mean ${guess}?` : ""}`);
            } else if (region.access === "coming-soon") {
                addIssue(ctx, [], `${region.displayName} is not open yet; pick another region`);
            } else if (!FEDORA_IMAGE_REGIONS.includes(name)) {
                // A community gallery image boots only where it is replicated. Every one of those regions has
                // availability zones (a test holds the lists to it), so pool zones need no check of their own.
                addIssue(ctx, [], `Fedora's Cloud images are not replicated to ${region.displayName}, so builders cannot boot there; use one of ${FEDORA_IMAGE_REGIONS.join(", ")}`);
            }
        })
        .describe("the Azure region: pulumi config set azure-native:location eastus2"),
    adminSshPublicKey: sshPublicKey.describe(`your OpenSSH public key: pulumi config set ${NAMESPACE}:adminSshPublicKey "$(cat ~/.ssh/id_ed25519.pub)"`),
    minimumLevel: z.enum(MINIMUM_LEVELS).default(DEFAULT_MINIMUM_LEVEL),
    imageSupportsNvme: z.boolean().default(false),
    buildersEnabled: z.boolean().default(false),
    vcpuBudget: z.int().min(1).describe("the vCPU quota donated for the farm, e.g. 512"),
    tags: tagsSchema.default({}),
    koji: kojiSchema,
    network: networkSchema.default({ ...DEFAULT_NETWORK, adminSourceCidrs: [] }),
    pools: list(z.unknown(), 1).describe("a list of one or more pools, each with name, vmSizes and maxCount"),
};

// ---------------------------------------------------------------------------------------------------------
// Messages
// ---------------------------------------------------------------------------------------------------------

const TYPE_NAMES: Record<string, string> = {
    string: "text",
    number: "a number",
    int: "a whole number",
    boolean: "true or false",
    array: "a list",
    object: "a map of keys to values",
    record: "a map of keys to values",
};

function shown(value: unknown): string {
    const text = JSON.stringify(value) ?? String(value);
    const kind = Array.isArray(value) ? "a list" : value === null ? "null" : typeof value === "object" ? "a map" : typeof value === "string" ? "text" : typeof value;
    return `${text.length > 60 ? `${text.slice(0, 57)}...` : text} (${kind})`;
}

/**
 * A did-you-mean for a misspelt key or value: the closest candidate (ignoring case) within one edit per three
 * letters, so a one-letter value such as a zone never gets a guess; else the only candidate the word begins.
 */
function likely(word: string, candidates: readonly string[]): string | undefined {
    const lower = candidates.map((candidate) => candidate.toLowerCase());
    const typed = word.toLowerCase();
    const best = closest(typed, lower);
    if (distance(typed, best) <= Math.floor(word.length / 3)) return candidates[lower.indexOf(best)];
    const extended = candidates.filter((_, index) => word.length >= 3 && lower[index].startsWith(typed));
    return extended.length === 1 ? extended[0] : undefined;
}

/** zod's per-parse message hook: one sentence per issue, plain words, with what to do. */
function describeIssue(issue: z.core.$ZodRawIssue): string | undefined {
    switch (issue.code) {
        case "invalid_type": {
            if (issue.input === undefined) {
                const description = issue.inst && z.globalRegistry.get(issue.inst as z.core.$ZodType)?.description;
                return description === undefined ? "is required" : `is required: ${description}`;
            }
            // z.int() reports a string as "expected number"; its definition says it wants a whole one.
            const integer = issue.inst !== undefined && "format" in issue.inst._zod.def && issue.inst._zod.def.format === "safeint";
            return `expected ${TYPE_NAMES[integer ? "int" : issue.expected] ?? issue.expected}, got ${shown(issue.input)}`;
        }
        case "too_small":
            if (issue.origin === "string") return "must not be empty";
            return `must be at least ${issue.minimum}, got ${issue.input}`;
        case "too_big":
            if (issue.origin === "string") return `must be at most ${issue.maximum} characters`;
            return `must be at most ${issue.maximum}, got ${issue.input}`;
        case "invalid_value": {
            const options = issue.values.map((value) => JSON.stringify(value)).join(", ");
            const guess = typeof issue.input === "string" ? likely(issue.input, issue.values.map(String)) : undefined;
            return `must be one of ${options}, got ${shown(issue.input)}${guess === undefined ? "" : `; did you mean "${guess}"?`}`;
        }
        case "invalid_key":
            // A record key's own checks have already been worded.
            return issue.issues.map((inner) => inner.message).join("; ");
        default:
            return undefined;
    }
}

function keyPath(root: string, path: readonly PropertyKey[]): string {
    return path.reduce<string>(
        (text, segment) =>
            typeof segment === "number"
                ? `${text}[${segment}]`
                : /^[A-Za-z_][A-Za-z0-9_]*$/.test(String(segment))
                  ? `${text}.${String(segment)}`
                  : `${text}[${JSON.stringify(String(segment))}]`,
        root,
    );
}

/** Parses one value; issues are appended to `errors` under `root`. */
function check<S extends z.core.$ZodType>(schema: S, value: unknown, root: string, errors: ConfigError[]): z.output<S> | undefined {
    const result = z.safeParse(schema, value, { error: describeIssue });
    if (result.success) return result.data;
    errors.push(...result.error.issues.map((issue) => ({ key: keyPath(root, issue.path), message: issue.message })));
    return undefined;
}

/** Keys of an object the schema does not know, each with its likely meaning. */
function unknownKeys(value: unknown, known: readonly string[], root: string): ConfigError[] {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return [];
    return Object.keys(value)
        .filter((key) => !known.includes(key))
        .map((key) => {
            const guess = likely(key, known);
            return {
                key: keyPath(root, [key]),
                message: guess === undefined ? `unknown key; the keys here are ${known.join(", ")}` : `unknown key; did you mean "${guess}"?`,
                meant: guess === undefined ? undefined : keyPath(root, [guess]),
            };
        });
}

/** Structured values arrive as JSON; anything that does not parse is kept as text so the type check names it. */
function decode(text: string | undefined, type: ConfigType): unknown {
    if (text === undefined || type === "string") return text;
    try {
        return JSON.parse(text);
    } catch {
        return text;
    }
}

// ---------------------------------------------------------------------------------------------------------
// The parser
// ---------------------------------------------------------------------------------------------------------

/**
 * Checks the raw configuration map (`pulumi.runtime.allConfig()`: full key -> string) and returns the typed
 * farm or every error found. Keys of other namespaces are ignored (provider settings), unless one looks like a
 * misspelt `buildfarm:` or `azure-native:location` key.
 */
export function parseStackConfig(raw: Readonly<Record<string, string>>, options: ParseOptions = {}): StackConfigResult {
    const errors: ConfigError[] = [];
    errors.push(...Object.keys(raw).flatMap((fullKey) => unknownTopLevelKey(fullKey) ?? []));

    const value = (key: Key) => decode(raw[`${NAMESPACE}:${key}`], CONFIG_KEYS[key]);
    /** The decoded value of a key and its name for messages. */
    const at = (key: Key) => [value(key), `${NAMESPACE}:${key}`] as const;

    const location = check(topLevel.location, raw[LOCATION_KEY], LOCATION_KEY, errors);
    const adminSshPublicKey = check(topLevel.adminSshPublicKey, ...at("adminSshPublicKey"), errors);
    const minimumLevel = check(topLevel.minimumLevel, ...at("minimumLevel"), errors);
    const imageSupportsNvme = check(topLevel.imageSupportsNvme, ...at("imageSupportsNvme"), errors);
    const buildersEnabled = check(topLevel.buildersEnabled, ...at("buildersEnabled"), errors);
    const vcpuBudget = check(topLevel.vcpuBudget, ...at("vcpuBudget"), errors);
    const tags = check(topLevel.tags, ...at("tags"), errors);
    errors.push(...unknownKeys(value("koji"), Object.keys(kojiSchema.in.shape), `${NAMESPACE}:koji`));
    const koji = check(topLevel.koji, ...at("koji"), errors);
    errors.push(...unknownKeys(value("network"), Object.keys(networkSchema.shape), `${NAMESPACE}:network`));
    const network = check(topLevel.network, ...at("network"), errors);

    // Each pool on its own, so that one broken pool does not hide the others' mistakes.
    const pool = poolSchema(minimumLevel ?? DEFAULT_MINIMUM_LEVEL, options.asOf);
    const poolKeys = Object.keys(pool.in.shape);
    const plans = new Map<PoolConfig, PoolPlan>();
    const pools = (check(topLevel.pools, ...at("pools"), errors) ?? []).map((item, index) => {
        const root = `${NAMESPACE}:pools[${index}]`;
        errors.push(...unknownKeys(item, poolKeys, root));
        const parsed = check(pool, item, root, errors);
        const planned = parsed && planPool(parsed, imageSupportsNvme ?? false, options.asOf);
        const problem = planned && "problem" in planned ? planned.problem : undefined;
        if (parsed && planned && "plan" in planned) plans.set(parsed, planned.plan);
        if (problem) errors.push({ key: root, message: problem });
        return problem ? undefined : parsed;
    });
    const goodPools = pools.filter((item): item is PoolConfig => item !== undefined);
    const names = goodPools.map((item) => item.name);
    for (const { index, first } of duplicates(names)) {
        errors.push({
            key: `${NAMESPACE}:pools[${pools.indexOf(goodPools[index])}].name`,
            message: `"${names[index]}" is also the name of pools[${pools.indexOf(goodPools[first])}]; pool names must be unique`,
        });
    }

    const allPools = pools.length > 0 && goodPools.length === pools.length ? goodPools : undefined;
    if (koji !== undefined && allPools !== undefined) errors.push(...hostNameErrors(koji, allPools));
    if (network !== undefined && allPools !== undefined) {
        errors.push(...subnetCapacityErrors(network, allPools.map((pool) => ({ pool, plan: plans.get(pool) as PoolPlan }))));
    }
    if (vcpuBudget !== undefined && allPools !== undefined) errors.push(...budgetErrors(vcpuBudget, allPools));

    if (
        errors.length > 0 ||
        location === undefined ||
        adminSshPublicKey === undefined ||
        minimumLevel === undefined ||
        imageSupportsNvme === undefined ||
        buildersEnabled === undefined ||
        vcpuBudget === undefined ||
        tags === undefined ||
        koji === undefined ||
        network === undefined ||
        allPools === undefined
    ) {
        // A misspelt required key is one mistake, not two: its own "is required" goes.
        const meant = new Set(errors.flatMap((error) => error.meant ?? []));
        const distinct = errors.filter((error) => !(meant.has(error.key) && error.message.startsWith("is required")));
        return { ok: false, errors: distinct.map(({ key, message }) => ({ key, message })) };
    }
    return { ok: true, config: { location, adminSshPublicKey, minimumLevel, imageSupportsNvme, buildersEnabled, vcpuBudget, tags, koji, network, pools: allPools } };
}

/**
 * What the BuilderPool component would still refuse in a pool that passed the checks above (an instance mix
 * whose sizes differ in local disk or disk controller, a confidential size, a local mock disk on diskless
 * sizes): its own plan is asked, so that the rules live in one place and still fail before any resource.
 */
function planPool(pool: PoolConfig, imageSupportsNvme: boolean, asOf: Date | undefined): { plan: PoolPlan } | { problem: string } {
    try {
        return { plan: planBuilderPool({ ...poolPlanInputOf(pool, imageSupportsNvme), asOf }) };
    } catch (error) {
        if (!(error instanceof PoolPlanError)) throw error;
        return { problem: error.message.replace(`builder pool "${pool.name}": `, "") };
    }
}

/** The longest slot host name of every pool must be a valid DNS name. */
function hostNameErrors(koji: KojiConfig, pools: readonly PoolConfig[]): ConfigError[] {
    return pools.flatMap((pool) => {
        const longest = builderSlots(pool.name, pool.maxCount, koji.hostDomain).at(-1)!.hostName;
        return longest.length <= DNS_NAME_MAX
            ? []
            : [{ key: `${NAMESPACE}:koji.hostDomain`, message: `host name ${longest} is longer than ${DNS_NAME_MAX} characters; use a shorter domain` }];
    });
}

/** Every builder needs a NIC address in the builder subnet, and Azure keeps five of them. */
function subnetCapacityErrors(network: NetworkConfig, pools: readonly { pool: PoolConfig; plan: PoolPlan }[]): ConfigError[] {
    const subnets = builderSubnetLayout(network.builderSubnet, farmZones({ pools: pools.map(({ pool }) => pool) }));
    const keys = subnets.map((subnet) => subnet.key);
    const needed = new Map(keys.map((key) => [key, 0]));
    for (const { plan } of pools) {
        for (const stack of plan.stacks) {
            const key = subnetKeyFor(stack.zone, keys);
            needed.set(key, (needed.get(key) ?? 0) + stack.maxCount);
        }
    }
    // Every subnet is the same size, so the busiest decides; the builder range needs that block per subnet.
    const busiest = Math.max(...needed.values());
    const usable = ipv4RangeSize(rangeOf(subnets[0].prefix)) - AZURE_RESERVED_ADDRESSES;
    if (busiest <= usable) return [];
    const blockPrefix = Math.min(SMALLEST_SUBNET_PREFIX, 32 - Math.ceil(Math.log2(busiest + AZURE_RESERVED_ADDRESSES)));
    const prefix = blockPrefix - Math.ceil(Math.log2(subnets.length));
    const where = subnets.length === 1
        ? `${network.builderSubnet} has ${usable} usable addresses (Azure keeps ${AZURE_RESERVED_ADDRESSES}) but the pools' maxCount adds up to ${busiest}`
        : `${network.builderSubnet} is split into ${subnets.length} zone subnets (${subnets.map((subnet) => subnet.prefix).join(", ")}) of ${usable} usable addresses each (Azure keeps ${AZURE_RESERVED_ADDRESSES}), but one zone's scale sets can reach ${busiest} VMs`;
    return [{ key: `${NAMESPACE}:network.builderSubnet`, message: `${where}; use a /${prefix} or larger, or lower maxCount` }];
}

/** Every zone a pool uses, in order: the farm's network gets one zonal stack for each. */
export function farmZones(config: Pick<FarmConfig, "pools">): string[] {
    return [...new Set(config.pools.flatMap((pool) => pool.zones ?? []))].sort();
}

/** A configured pool as the pool plan takes it: what the configuration check, the farm and the plan's quota all ask. */
export function poolPlanInputOf(pool: PoolConfig, imageSupportsNvme: boolean): PoolPlanInput {
    return { ...pool, imageDiskControllers: imageSupportsNvme ? ["SCSI", "NVMe"] : ["SCSI"] };
}

/**
 * The stack policy's ceiling: each pool at maxCount on its largest size, counted as Azure counts quota
 * (constrained sizes at their parent's vCPUs), must fit the donated quota.
 */
function budgetErrors(budget: number, pools: readonly PoolConfig[]): ConfigError[] {
    const perPool = pools.map((pool) => {
        const total = scaleSetQuotaVcpus(pool.vmSizes, pool.maxCount) ?? 0;
        return { pool, vcpus: total / pool.maxCount, total };
    });
    const total = perPool.reduce((sum, item) => sum + item.total, 0);
    if (total <= budget) return [];
    const breakdown = perPool.map(({ pool, vcpus, total: poolTotal }) => `${pool.name} ${pool.maxCount} x ${vcpus} = ${poolTotal}`).join(", ");
    return [
        {
            key: `${NAMESPACE}:vcpuBudget`,
            message: `the pools can reach ${total} vCPUs (${breakdown}) but the budget is ${budget}; lower maxCount, use smaller sizes or raise vcpuBudget`,
        },
    ];
}

/** One line per error, for the caller to print. */
export function formatConfigErrors(errors: readonly ConfigError[]): string {
    return errors.map((error) => `${error.key}: ${error.message}`).join("\n");
}

/**
 * The raw map Pulumi would hand the program for a parsed `Pulumi.<stack>.yaml` document: structured values as
 * JSON text, scalars as their text. Lets the tests and offline tools read a stack file as `pulumi` would.
 */
export function rawConfigFromStackFile(document: unknown): Record<string, string> {
    const config = (document as { config?: Record<string, unknown> } | null)?.config ?? {};
    return Object.fromEntries(
        Object.entries(config).map(([key, value]) => [key, typeof value === "object" && value !== null ? JSON.stringify(value) : String(value)]),
    );
}

/** Section schemas: koji, network, tags, pools. Part of the stack configuration (./index.ts). */
import { z } from "zod";
import { meetsLevel, sizeVerdict } from "../../policy/catalog";
import { MINIMUM_LEVELS, type MinimumLevel } from "../../policy/catalog/types";
import { MAX_MIX_SIZES } from "../azure-pool-rules";
import { MAX_POOL_VMS as MAX_POOL_COUNT } from "../builder-pool-plan";
import { DEFAULT_MOCK_DNF_COMMAND, MOCK_DNF_COMMAND_PATTERN } from "../cloud-init/settings";
import { KojiConfig, MOCK_DISKS, PoolConfig } from "./types";
import { AVAILABILITY_ZONES } from "../builder-subnets";
import { DEFAULT_NETWORK, FEDORA_KOJI, MAX_TAGS, POOL_NAME_MAX, TAG_NAME_MAX, TAG_VALUE_MAX } from "./limits";
import { addIssue, count, dnsName, httpsUrl, ipv4Range, kojiName, list, noDuplicates } from "./fields";

export const kojiSchema = z
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
        mockDnfCommand: z.string().regex(MOCK_DNF_COMMAND_PATTERN, "must be an absolute path such as /usr/bin/dnf5").default(DEFAULT_MOCK_DNF_COMMAND),
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
    .transform(({ auth, realm, kdcProxyUrl, ...rest }): KojiConfig => ({
        ...rest,
        auth:
            auth === "kerberos"
                ? {
                      kind: auth,
                      realm: realm ?? FEDORA_KOJI.realm,
                      kdcProxyUrl: kdcProxyUrl ?? FEDORA_KOJI.kdcProxyUrl,
                  }
                : { kind: auth },
    }));

/** Shapes only: the network plan (lib/builder-network-plan.ts) and the firewalls' rule (lib/admin-access.ts) judge the ranges. */
export const networkSchema = z.object({
    addressSpace: ipv4Range.default(DEFAULT_NETWORK.addressSpace),
    builderSubnet: ipv4Range.default(DEFAULT_NETWORK.builderSubnet),
    endpointSubnet: ipv4Range.default(DEFAULT_NETWORK.endpointSubnet),
    cacheSubnet: ipv4Range.default(DEFAULT_NETWORK.cacheSubnet),
    adminSourceCidrs: list(ipv4Range, 0).superRefine(noDuplicates("range")).default([]),
});

/** The package cache's settings; the cache plan (lib/package-cache/plan.ts) checks them and fills in its defaults. */
export const packageCacheSchema = z
    .object({
        vmSize: z.string().min(1).optional(),
        count: z.int().optional(),
        diskSizeGb: z.int().optional(),
    })
    .default({});

export const tagsSchema = z
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

export function poolSchema(minimumLevel: MinimumLevel, asOf: Date | undefined) {
    const vmSize = z.string().superRefine((size, ctx) => {
        const verdict = sizeVerdict(size, { asOf, minimumLevel });
        // The catalog's reason names the size, its series and what to use instead.
        if (!verdict.allowed) addIssue(ctx, [], `not allowed (${verdict.status}): ${verdict.reason}`);
    });
    return z
        .object({
            name: z
                .string()
                .max(
                    POOL_NAME_MAX,
                    `pool names are at most ${POOL_NAME_MAX} characters, so that the scale set's name and the slots' host names fit Azure's and DNS's limits`,
                )
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
            zones: list(z.enum(AVAILABILITY_ZONES), 1).superRefine(noDuplicates("zone")).optional(),
            mockDisk: z.enum(MOCK_DISKS).optional(),
            minimumLevel: z
                .enum(MINIMUM_LEVELS)
                .refine(
                    (level) => meetsLevel(level, minimumLevel),
                    `a pool may ask for a stricter level than the farm's minimumLevel (${minimumLevel}), never a looser one`,
                )
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
        .transform(({ spot, regularBaseCount, regularPercentAboveBase, maxPrice, ...rest }): PoolConfig => ({
            ...rest,
            spot: spot
                ? {
                      regularBaseCount: regularBaseCount ?? 0,
                      regularPercentAboveBase: regularPercentAboveBase ?? 0,
                      maxPrice: maxPrice ?? -1,
                  }
                : undefined,
        }));
}

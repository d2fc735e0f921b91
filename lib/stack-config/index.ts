/**
 * The stack configuration (`buildfarm:*` and `azure-native:location`), checked before anything is created.
 *
 * Pulumi hands a program its configuration as a flat map of strings: `buildfarm:pools` holds the JSON of the
 * list written in the stack file, `buildfarm:vcpuBudget` the digits. `pulumi.Config.requireObject` only
 * `JSON.parse`s that (pulumi/pulumi sdk/nodejs/config.ts), so a typo or a wrong type would otherwise surface
 * as an Azure error halfway through `pulumi up`. `parseStackConfig` turns the map into a typed, defaulted
 * `FarmConfig`, or into every mistake at once, each one line naming the key path and what to do.
 *
 * Shapes and types are checked with zod (exact paths); addresses are read with lib/ip-ranges.ts (on ipaddr.js);
 * VM sizes with the catalog; then the components' own plans (pools, package cache, network, the firewalls' admin
 * ranges) judge the values, their errors mapped to the config keys.
 * This module registers no resource, so it runs the same under `pulumi up`, the offline plan and the tests.
 *
 * By concern: types.ts (the typed result), limits.ts (limits and Fedora's defaults), fields.ts (field schemas),
 * sections.ts (koji, network, tags, pools), keys.ts (the top-level keys), messages.ts (one line per mistake and
 * did-you-mean), cross-checks.ts (host names, subnet capacity, budget), raw-config.ts (Pulumi's flat map and the
 * stack file), the SSH key check in lib/ssh-public-key.ts, and here the parser, which runs the components' plans.
 */
import { DEFAULT_MINIMUM_LEVEL } from "../../policy/catalog/types";
import { builderNetworkProblems } from "../builder-network-plan";
import { planBuilderPool, type PoolPlan, type PoolPlanInput } from "../builder-pool-plan";
import { InputPropertyError } from "../input-property-error";
import { planPackageCache } from "../package-cache/plan";
import { planSecretVault } from "../secret-vault-plan";
import { budgetErrors, farmZones, hostNameErrors, subnetCapacityErrors } from "./cross-checks";
import { duplicates } from "./fields";
import { CONFIG_KEYS, Key, topLevel, unknownTopLevelKey } from "./keys";
import { LOCATION_KEY, NAMESPACE } from "./limits";
import { check, unknownKeys } from "./messages";
import { decode } from "./raw-config";
import { kojiSchema, networkSchema, packageCacheSchema, poolSchema } from "./sections";
import { ConfigError, ParseOptions, PoolConfig, StackConfigResult } from "./types";

// The module's public face: the typed result, the limits others read, and the key table.
export type { ConfigError, FarmConfig, KojiConfig, MockDisk, NetworkConfig, ParseOptions, PoolConfig, StackConfigResult } from "./types";
export { MOCK_DISKS } from "./types";
export { AZURE_RESERVED_ADDRESSES, LOCATION_KEY, NAMESPACE, POOL_NAME_MAX } from "./limits";
export { sshPublicKeyProblem } from "../ssh-public-key";
export { CONFIG_KEYS, type ConfigType } from "./keys";
export { farmZones } from "./cross-checks";
export { rawConfigFromStackFile } from "./raw-config";

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
    errors.push(...unknownKeys(value("packageCache"), Object.keys(packageCacheSchema.unwrap().shape), `${NAMESPACE}:packageCache`));
    const packageCacheSettings = check(topLevel.packageCache, ...at("packageCache"), errors);

    // Each pool on its own, so that one broken pool does not hide the others' mistakes.
    const pool = poolSchema(minimumLevel ?? DEFAULT_MINIMUM_LEVEL, options.asOf);
    const poolKeys = Object.keys(pool.in.shape);
    const plans = new Map<PoolConfig, PoolPlan>();
    const pools = (check(topLevel.pools, ...at("pools"), errors) ?? []).map((item, index) => {
        const root = `${NAMESPACE}:pools[${index}]`;
        errors.push(...unknownKeys(item, poolKeys, root));
        const parsed = check(pool, item, root, errors);
        // What the BuilderPool component would still refuse (an instance mix whose sizes differ in local disk or
        // disk controller, a confidential size, a local mock disk on diskless sizes).
        const planned = parsed && runPlan(root, () => planBuilderPool({ ...poolPlanInputOf(parsed, imageSupportsNvme ?? false), asOf: options.asOf }));
        if (planned && "problem" in planned) errors.push(planned.problem);
        if (!parsed || !planned || "problem" in planned) return undefined;
        plans.set(parsed, planned.plan);
        return parsed;
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
    // The network's zonal stacks and the cache spread over the pools' zones (none known while a pool is broken).
    const zones = allPools && farmZones({ pools: allPools });
    // The network the BuilderNetwork component will plan (ranges inside the space, apart, large enough when split
    // over the zones), and the firewalls' rule for the admin ranges the store and the vaults take.
    const networkProblems = network ? builderNetworkProblems({ ...network, zones: zones ?? [] }) : [];
    errors.push(...networkProblems.map((problem) => configErrorOf(problem, `${NAMESPACE}:network`)));
    // The store's and the vaults' plans share the firewalls' rule (lib/admin-access.ts); the vault's takes only the ranges.
    const firewall = network && runPlan(`${NAMESPACE}:network`, () => planSecretVault({ adminSourceCidrs: network.adminSourceCidrs }));
    if (firewall && "problem" in firewall) errors.push(firewall.problem);
    if (network !== undefined && allPools !== undefined && networkProblems.length === 0) {
        errors.push(
            ...subnetCapacityErrors(
                network,
                allPools.map((pool) => ({ pool, plan: plans.get(pool) as PoolPlan })),
            ),
        );
    }
    const cache =
        packageCacheSettings &&
        zones &&
        runPlan(
            `${NAMESPACE}:packageCache`,
            () => planPackageCache({ ...packageCacheSettings, zones, minimumLevel: minimumLevel ?? DEFAULT_MINIMUM_LEVEL, asOf: options.asOf }),
            // The zones are the pools': a cache that cannot cover them is the cache's count to raise.
            (path) => `${NAMESPACE}:packageCache${path === "zones" || path === "" ? "" : `.${path}`}`,
        );
    if (cache && "problem" in cache) errors.push(cache.problem);
    if (vcpuBudget !== undefined && allPools !== undefined && cache && "plan" in cache) errors.push(...budgetErrors(vcpuBudget, allPools, cache.plan));

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
        packageCacheSettings === undefined ||
        allPools === undefined
    ) {
        // A misspelt required key is one mistake, not two: its own "is required" goes.
        const meant = new Set(errors.flatMap((error) => error.meant ?? []));
        const distinct = errors.filter((error) => !(meant.has(error.key) && error.message.startsWith("is required")));
        return { ok: false, errors: inKeyOrder(distinct).map(({ key, message }) => ({ key, message })) };
    }
    return {
        ok: true,
        config: {
            location,
            adminSshPublicKey,
            minimumLevel,
            imageSupportsNvme,
            buildersEnabled,
            vcpuBudget,
            tags,
            koji,
            network,
            packageCache: packageCacheSettings,
            pools: allPools,
        },
    };
}

/**
 * Runs a component's own plan on configured values, so that its rules live in one place and still fail before any
 * resource: its `InputPropertyError` becomes the configuration's error, on the key its property path stands for
 * below `root` (`key` maps paths that have no key of their own).
 */
function runPlan<T>(root: string, plan: () => T, key?: (propertyPath: string) => string): { plan: T } | { problem: ConfigError } {
    try {
        return { plan: plan() };
    } catch (error) {
        if (!(error instanceof InputPropertyError)) throw error;
        return { problem: configErrorOf(error, root, key) };
    }
}

/** A plan's `InputPropertyError` as the configuration's error, on the key its property path stands for below `root`. */
function configErrorOf(
    error: InputPropertyError,
    root: string,
    key: (propertyPath: string) => string = (path) => (path ? `${root}.${path}` : root),
): ConfigError {
    return { key: key(error.propertyPath), message: error.reason };
}

/** The order mistakes are reported in: keys the program does not know, then the keys in the order they are checked. */
const REPORT_ORDER = [
    LOCATION_KEY,
    ...(
        [
            "adminSshPublicKey",
            "minimumLevel",
            "imageSupportsNvme",
            "buildersEnabled",
            "vcpuBudget",
            "tags",
            "koji",
            "network",
            "packageCache",
            "pools",
        ] as const satisfies readonly Key[]
    ).map((key) => `${NAMESPACE}:${key}`),
];

/** The errors sorted by the key they are on (stable: one key's errors keep the order they were found in). */
function inKeyOrder(errors: readonly ConfigError[]): ConfigError[] {
    const rank = (key: string) => REPORT_ORDER.findIndex((root) => key === root || key.startsWith(`${root}.`) || key.startsWith(`${root}[`));
    return [...errors].sort((first, second) => rank(first.key) - rank(second.key));
}

/** A configured pool as the pool plan takes it: what the configuration check, the farm and the plan's quota all ask. */
export function poolPlanInputOf(pool: PoolConfig, imageSupportsNvme: boolean): PoolPlanInput {
    return { ...pool, imageDiskControllers: imageSupportsNvme ? ["SCSI", "NVMe"] : ["SCSI"] };
}

/** One line per error, for the caller to print. */
export function formatConfigErrors(errors: readonly ConfigError[]): string {
    return errors.map((error) => `${error.key}: ${error.message}`).join("\n");
}

/**
 * Only VM sizes whose every host CPU executes x86-64-v3 code may be asked for.
 *
 * Where sizes are: the dedicated locations of policy/lib/vm-size-locations.ts (scale sets and their mixes, VMs,
 * AKS, Batch, Fleets, bulk actions, the classic provider, generic ARM and templates), and every other input the
 * SDK-derived table (policy/lib/size-properties.ts) finds in @pulumi/azure-native's types.
 *
 * Fedora's x86_64_v3 builders run `%check` on freshly built v3 code inside a v3 buildroot, so a builder on
 * an older CPU fails builds at random (SIGILL). The verdict comes from the size catalog (`policy/catalog`),
 * which fails closed: a size it does not know is refused. A resource tagged `buildfarm-minimum-level` (a pool
 * that asks for more than the farm's floor) is held to the stricter of that level and the configured one.
 *
 * @severity critical
 * @topics compute, x86-64-v3
 * @link https://learn.microsoft.com/azure/virtual-machines/sizes/overview (the catalog's sources are per series and size)
 */
import type { ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { meetsLevel, sizeVerdict } from "../catalog";
import { DEFAULT_MINIMUM_LEVEL, MINIMUM_LEVEL_TAG, MINIMUM_LEVELS, MinimumLevel, VerdictOptions } from "../catalog/types";
import { describeValue, field, LocatedValue, PropertyRecord } from "../lib/props";
import { checkParts, configWithDefaults, minimumLevelConfigProperty, tokenOf, validateResourcesOfTypes } from "../lib/resource-types";
import { TABLE_TYPES, tableRowsOf, valuesAt } from "../lib/size-properties";
import { SIZE_LOCATIONS } from "../lib/vm-size-locations";

export interface VmSizesConfig {
    /** The level every builder CPU must reach. */
    readonly minimumLevel: MinimumLevel;
    /** `YYYY-MM-DD`: judge retirements as of this day instead of today (reproducible plans). */
    readonly asOf?: string;
}

const DEFAULTS: VmSizesConfig = { minimumLevel: DEFAULT_MINIMUM_LEVEL };

/** A `YYYY-MM-DD` day as the catalog's date: midnight UTC, the start of that day everywhere in Azure's docs. */
function verdictOptions(config: VmSizesConfig): VerdictOptions {
    return {
        minimumLevel: config.minimumLevel,
        asOf: config.asOf === undefined ? undefined : new Date(`${config.asOf}T00:00:00Z`),
    };
}

/** The message for one size location, or undefined when the catalog allows the size. */
function sizeViolation({ path, value }: LocatedValue, options: VerdictOptions): string | undefined {
    if (value === undefined || value === null) {
        return `${path}: no VM size given, so Azure would choose a size that is not guaranteed to be ${options.minimumLevel}; name an allowed size (npm run sizes -- --list).`;
    }
    if (typeof value !== "string") {
        return `${path}: a VM size must be a string, got ${describeValue(value)}.`;
    }
    const verdict = sizeVerdict(value, options);
    return verdict.allowed ? undefined : `${path}: ${verdict.reason}`;
}

/** The stricter of the configured level and the resource's own `buildfarm-minimum-level` tag, or why the tag is unusable. */
function levelFor(props: PropertyRecord, configured: MinimumLevel): { level: MinimumLevel } | { problem: string } {
    const tagged = field(props, "tags", MINIMUM_LEVEL_TAG);
    if (tagged === undefined) return { level: configured };
    if (typeof tagged !== "string" || !(MINIMUM_LEVELS as readonly string[]).includes(tagged)) {
        return { problem: `tags.${MINIMUM_LEVEL_TAG}: ${describeValue(tagged)} is not one of ${MINIMUM_LEVELS.join(", ")}, so the pool's level is not known.` };
    }
    const level = tagged as MinimumLevel;
    return { level: meetsLevel(level, configured) ? level : configured };
}

const DEDICATED_TYPES: ReadonlySet<string> = new Set(SIZE_LOCATIONS.map(({ resourceType }) => tokenOf(resourceType)));

/**
 * A resource's places for sizes: its dedicated location, and each row of the table (a path the dedicated
 * location also reports is judged once, by the dedicated one).
 */
function placesOf(dedicated: ((props: PropertyRecord) => LocatedValue[]) | undefined, type: string, props: PropertyRecord): (() => LocatedValue[])[] {
    let dedicatedPaths = new Set<string>();
    const own =
        dedicated === undefined
            ? []
            : [
                  () => {
                      const sizes = dedicated(props);
                      dedicatedPaths = new Set(sizes.map((size) => size.path));
                      return sizes;
                  },
              ];
    return [...own, ...tableRowsOf(type).map((row) => () => valuesAt(props, row.path).filter((size) => !dedicatedPaths.has(size.path)))];
}

/**
 * The violations of every size. The sizes' places (`locate`, one function per place), and the level tag, are
 * read independently, so a value unknown during preview in one place does not hide a known wrong size in
 * another (`checkParts`); an unknown level tag leaves the configured level to judge by.
 */
function findSizeViolations(props: PropertyRecord, locate: readonly (() => LocatedValue[])[], args: ResourceValidationArgs): string[] {
    const config = configWithDefaults(args, DEFAULTS);
    let level: ReturnType<typeof levelFor> = { level: config.minimumLevel };
    const levelPart = () => {
        level = levelFor(props, config.minimumLevel);
        return "problem" in level ? [level.problem] : [];
    };
    const sizePart = (place: () => LocatedValue[]) => () => {
        const options = verdictOptions({ ...config, minimumLevel: "level" in level ? level.level : config.minimumLevel });
        return place().flatMap((size) => sizeViolation(size, options) ?? []);
    };
    return checkParts([levelPart, ...locate.map(sizePart)]);
}

export const vmSizesX8664V3: ResourceValidationPolicy = {
    name: "vm-sizes-x86-64-v3",
    description:
        "Every VM size (scale sets including instance-mix sizes, VMs, AKS node pools, Batch pools, Compute Fleets, bulk launches, the classic provider's compute, generic ARM resources and templates, and every other azure-native input the SDK's types give a VM size) must be one the catalog guarantees to run x86-64-v3 (or the configured minimum level) and that is not retired.",
    enforcementLevel: "mandatory",
    severity: "critical",
    configSchema: {
        properties: {
            minimumLevel: minimumLevelConfigProperty("The x86-64 psABI level every host CPU of a size must reach."),
            asOf: {
                type: "string",
                pattern: "^\\d{4}-\\d{2}-\\d{2}$",
                description: "Judge retirement dates as of this day (YYYY-MM-DD) instead of today.",
            },
        },
    },
    validateResource: validateResourcesOfTypes([
        ...SIZE_LOCATIONS.map(({ resourceType, sizes }) => ({
            resourceType,
            findViolations: (props: PropertyRecord, args: ResourceValidationArgs) => findSizeViolations(props, placesOf(sizes, args.type, props), args),
        })),
        // Every other azure-native type the SDK-derived table has a size for.
        ...TABLE_TYPES.filter((type) => !DEDICATED_TYPES.has(type)).map((resourceType) => ({
            resourceType,
            findViolations: (props: PropertyRecord, args: ResourceValidationArgs) => findSizeViolations(props, placesOf(undefined, args.type, props), args),
        })),
    ]),
};

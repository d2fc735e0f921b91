/**
 * Defensive readers for resource properties.
 *
 * The engine hands a policy whatever the program passed (or, for stack policies, whatever the provider
 * returned), so any field may be missing, null, or of the wrong type. These readers never throw on such
 * shapes: they answer `undefined` or an empty list, and the policy decides whether that is a violation.
 *
 * They do not hide unknowns. Properties arrive wrapped in @pulumi/policy's unknown-checking proxy, and reading
 * a value that is unknown during preview throws `UnknownValueError`; that error must reach the engine, which
 * turns it into "can't run policy ... during preview" instead of a silent pass. So nothing here catches.
 */

export type PropertyRecord = Readonly<Record<string, unknown>>;

/** A plain object (not an array, not null), or undefined. */
export function asRecord(value: unknown): PropertyRecord | undefined {
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as PropertyRecord) : undefined;
}

/**
 * The elements of an array, or an empty list for anything else. Elements are read by index, one property
 * access each, so an unknown element throws through the proxy like any other unknown.
 */
export function asList(value: unknown): unknown[] {
    if (!Array.isArray(value)) {
        return [];
    }
    const elements: unknown[] = [];
    for (let index = 0; index < value.length; index++) {
        elements.push(value[index]);
    }
    return elements;
}

/** Follows a path of property names through nested objects; undefined as soon as a step is not an object. */
export function field(value: unknown, ...path: string[]): unknown {
    let current: unknown = value;
    for (const key of path) {
        const record = asRecord(current);
        if (record === undefined) {
            return undefined;
        }
        current = record[key];
    }
    return current;
}

/** Whether a property was given at all; null and undefined both mean "not set" in Pulumi inputs. */
export function isSet(value: unknown): boolean {
    return value !== undefined && value !== null;
}

/** Case-insensitive comparison for Azure enum strings, which ARM accepts in any casing. */
export function equalsIgnoreCase(value: unknown, expected: string): boolean {
    return typeof value === "string" && value.toLowerCase() === expected.toLowerCase();
}

/** A value as a policy message shows it: strings quoted, everything else as JSON. */
export function describeValue(value: unknown): string {
    if (value === undefined) {
        return "not set";
    }
    return JSON.stringify(value) ?? String(value);
}

/**
 * A property found at a path inside a resource, e.g. `skuProfile.vmSizes[1].name`. Policies collect these
 * so that a message can say exactly which part of a resource is wrong.
 */
export interface LocatedValue {
    readonly path: string;
    readonly value: unknown;
}

/** Each element of the array at `path` under `parent`, with its indexed path. */
export function eachElement(parent: unknown, parentPath: string, ...path: string[]): LocatedValue[] {
    const listPath = [parentPath, ...path].filter((part) => part !== "").join(".");
    return asList(field(parent, ...path)).map((value, index) => ({ path: `${listPath}[${index}]`, value }));
}

/** The property `key` of each element of the array at `path`, e.g. `skuProfile.vmSizes[0].name`. */
export function fieldOfEachElement(parent: unknown, parentPath: string, path: string[], key: string): LocatedValue[] {
    return eachElement(parent, parentPath, ...path).map((element) => ({
        path: `${element.path}.${key}`,
        value: field(element.value, key),
    }));
}

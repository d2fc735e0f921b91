/**
 * How a stack policy tells that one resource points at another, e.g. a lock's `scope` at a storage account.
 *
 * The engine records which resources each input property was computed from (`propertyDependencies`); that is
 * the reliable link, and the only one for properties providers do not echo into outputs (a lock's `scope`).
 * Where the value itself is known (unit tests under mocks, or an existing resource), the ARM id comparison
 * catches references built from literal ids. ARM ids are case-insensitive.
 */
import type { PolicyResource } from "@pulumi/policy";
import { UnknownValueError } from "@pulumi/policy";

export function refersTo(resource: PolicyResource, property: string, target: PolicyResource): boolean {
    // A value computed from other resources refers to one of them. Trusting the dependencies alone also keeps
    // the check verifiable during preview, when such a value (e.g. an id of a resource still to be created) is
    // unknown and reading it would throw.
    const dependencies = resource.propertyDependencies?.[property] ?? [];
    if (dependencies.length > 0) {
        return dependencies.some((dependency) => dependency.urn === target.urn);
    }
    // Read the referring value first: when it is absent, the target's id (unknown during preview for a
    // new resource) is not needed and must not make the check unverifiable.
    const value = resource.props[property];
    if (typeof value !== "string") {
        return false;
    }
    const targetId = target.props.id;
    return typeof targetId === "string" && value.toLowerCase() === targetId.toLowerCase();
}

/** The resource group a resource is in: the stack's group resource its `resourceGroupName` came from, else that name. */
export interface GroupReference {
    readonly resource?: PolicyResource;
    readonly name?: string;
}

export function groupOf(resource: PolicyResource, groups: readonly PolicyResource[]): GroupReference {
    const dependencies = resource.propertyDependencies?.resourceGroupName ?? [];
    const fromStack = groups.find((group) => dependencies.some((dependency) => dependency.urn === group.urn));
    if (fromStack !== undefined) return { resource: fromStack };
    const name = resource.props.resourceGroupName;
    return { name: typeof name === "string" ? name : undefined };
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Whether the scope at `holder.props[property]` covers a resource group: it is the group (computed from the
 * group's resource, or the group's id), or a subscription (ARM applies locks and policy assignments downwards).
 */
export function scopeCoversGroup(holder: PolicyResource, property: string, group: GroupReference): boolean {
    if (group.resource !== undefined && refersTo(holder, property, group.resource)) return true;
    const scope = holder.props[property];
    if (typeof scope !== "string") return false;
    if (/^\/subscriptions\/[^/]+\/?$/i.test(scope)) return true;
    const groupName = group.name ?? group.resource?.props.resourceGroupName;
    return typeof groupName === "string" && new RegExp(`^/subscriptions/[^/]+/resourceGroups/${escapeRegExp(groupName)}/?$`, "i").test(scope);
}

/**
 * Whether any candidate passes `test` (a lock that covers an account, an assignment that covers a group): true,
 * false, or, when none passed and some could not be read during preview, the first `UnknownValueError`, so that
 * the caller reports what it knows and leaves the rest to the engine's "can't run during preview".
 */
export function anyPasses<T>(candidates: readonly T[], test: (candidate: T) => boolean): boolean | Error {
    let unknown: Error | undefined;
    for (const candidate of candidates) {
        try {
            if (test(candidate)) return true;
        } catch (error) {
            if (!(error instanceof UnknownValueError)) throw error;
            unknown ??= error as Error;
        }
    }
    return unknown ?? false;
}

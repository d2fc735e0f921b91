/**
 * How a stack policy tells that one resource points at another, e.g. a lock's `scope` at a storage account.
 *
 * The engine records which resources each input property was computed from (`propertyDependencies`); that is
 * the reliable link, and the only one for properties providers do not echo into outputs (a lock's `scope`).
 * Where the value itself is known (unit tests under mocks, or an existing resource), the ARM id comparison
 * catches references built from literal ids. ARM ids are case-insensitive.
 */
import type { PolicyResource } from "@pulumi/policy";

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

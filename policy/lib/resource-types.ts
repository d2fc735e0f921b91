/**
 * Resource-type dispatch shared by the policies that look at several resource types.
 *
 * @pulumi/policy's `validateResourceOfType` takes one class; a policy given an array of them would report
 * "not applicable" once per mismatching class for every resource. `validateResourcesOfTypes` finds the one
 * matching check instead and calls `notApplicable` once when there is none.
 */
import type { ResourceValidation, ResourceValidationArgs } from "@pulumi/policy";
import type { Resource } from "@pulumi/pulumi";
import type { PropertyRecord } from "./props";

/**
 * A resource class of a Pulumi SDK, e.g. `compute.VirtualMachineScaleSet`. `any[]` as in @pulumi/policy's own
 * `isType` signature, so that every generated class, whatever its constructor arguments, fits.
 */
export type ResourceClass = new (...args: any[]) => Resource;

/** The type token SDK-generated classes carry, e.g. `azure-native:compute:VirtualMachineScaleSet`. */
export function pulumiTypeOf(resourceClass: ResourceClass): string {
    const token = (resourceClass as unknown as { __pulumiType?: unknown }).__pulumiType;
    if (typeof token !== "string") {
        throw new Error(`${resourceClass.name} carries no Pulumi type token`);
    }
    return token;
}

/** How one resource type is checked. */
export interface TypeCheck {
    readonly resourceClass: ResourceClass;
    /** One message per violation found in the resource's properties; an empty list when it complies. */
    readonly findViolations: (props: PropertyRecord, args: ResourceValidationArgs) => string[];
}

export function validateResourcesOfTypes(checks: readonly TypeCheck[]): ResourceValidation {
    return (args, reportViolation) => {
        const check = checks.find(({ resourceClass }) => args.isType(resourceClass));
        if (check === undefined) {
            const types = checks.map(({ resourceClass }) => pulumiTypeOf(resourceClass)).join(", ");
            return args.notApplicable(`Policy only applies to resources of types ${types}`);
        }
        for (const message of check.findViolations(args.props, args)) {
            reportViolation(message);
        }
    };
}

/** A policy's config as the engine hands it over (only the keys the user set), completed with the policy's defaults. */
export function configWithDefaults<T extends object>(args: { getConfig<C extends object>(): C }, defaults: T): T {
    return { ...defaults, ...args.getConfig<Partial<T>>() };
}

/**
 * Resource-type dispatch shared by the policies that look at several resource types.
 *
 * @pulumi/policy's `validateResourceOfType` takes one class; a policy given an array of them would report
 * "not applicable" once per mismatching class for every resource. `validateResourcesOfTypes` finds the one
 * matching check instead and calls `notApplicable` once when there is none.
 */
import type { PolicyConfigSchema, ResourceValidation, ResourceValidationArgs } from "@pulumi/policy";
import { UnknownValueError } from "@pulumi/policy";
import type { Resource } from "@pulumi/pulumi";
import type { PropertyRecord } from "./props";
import { DEFAULT_MINIMUM_LEVEL, MINIMUM_LEVELS } from "../catalog/types";

/**
 * A resource class of a Pulumi SDK, e.g. `compute.VirtualMachineScaleSet`. `any[]` as in @pulumi/policy's own
 * `isType` signature, so that every generated class, whatever its constructor arguments, fits.
 */
export type ResourceClass = new (...args: never[]) => Resource;

/** The type token SDK-generated classes carry, e.g. `azure-native:compute:VirtualMachineScaleSet`. */
export function pulumiTypeOf(resourceClass: ResourceClass): string {
    const token = (resourceClass as unknown as { __pulumiType?: unknown }).__pulumiType;
    if (typeof token !== "string") {
        throw new Error(`${resourceClass.name} carries no Pulumi type token`);
    }
    return token;
}

/** A resource type as a policy names it: an SDK class, or a type token (for providers the pack does not import). */
export type ResourceType = ResourceClass | string;

/** The token of a type. */
export const tokenOf = (type: ResourceType): string => (typeof type === "string" ? type : pulumiTypeOf(type));

/**
 * A type token with an azure-native API version taken out, so that a resource of an explicit API version is the
 * same resource to every policy: `azure-native:compute/v20240301:VirtualMachineScaleSet` (the SDK's versioned
 * modules) and `azure-native_compute_v20240301:compute:VirtualMachineScaleSet` (a local package that
 * `pulumi package add azure-native compute 2024-03-01` generates) are `azure-native:compute:VirtualMachineScaleSet`.
 */
export function canonicalType(token: string): string {
    const match = /^azure-native(?:_[A-Za-z0-9]+_v\d{8}(?:preview)?)?:([A-Za-z0-9]+)(?:\/v\d{8}(?:preview)?)?:([A-Za-z0-9]+)$/.exec(token);
    return match === null ? token : `azure-native:${match[1]}:${match[2]}`;
}

/** The API version an azure-native token names explicitly (`20240301`, `20250401preview`), else undefined (the SDK's default). */
export function apiVersionOf(token: string): string | undefined {
    return /^azure-native(?:_[A-Za-z0-9]+_v(\d{8}(?:preview)?))?:[A-Za-z0-9]+(?:\/v(\d{8}(?:preview)?))?:/
        .exec(token)
        ?.slice(1)
        .find((part) => part !== undefined);
}

/** Whether a resource (or a policy's args) is of `type`, whatever API version its token names. */
export const isOfType = (resource: { readonly type: string }, type: ResourceType): boolean => canonicalType(resource.type) === tokenOf(type);

/** How one resource type is checked. */
export interface TypeCheck {
    readonly resourceType: ResourceType;
    /** One message per violation found in the resource's properties; an empty list when it complies. */
    readonly findViolations: (props: PropertyRecord, args: ResourceValidationArgs) => string[];
}

/**
 * Known violations found while another part of the resource is unknown during preview: reported first, then the
 * unknown goes on to the engine, which adds its "can't run policy during preview" advisory. So an unknown value in
 * one place never hides a known violation in another.
 */
export class PartlyUnknown extends Error {
    constructor(
        public readonly messages: readonly string[],
        public readonly unknown: Error,
    ) {
        super(unknown.message);
        this.name = "PartlyUnknown";
    }
}

/**
 * Runs each independent part of a check; returns every message when all parts could be read, else throws
 * `PartlyUnknown` with the messages of the parts that could.
 */
export function checkParts(parts: readonly (() => readonly string[])[]): string[] {
    const messages: string[] = [];
    let unknown: Error | undefined;
    for (const part of parts) {
        try {
            messages.push(...part());
        } catch (error) {
            if (!(error instanceof UnknownValueError)) throw error;
            unknown ??= error as Error;
        }
    }
    if (unknown !== undefined) throw new PartlyUnknown(messages, unknown);
    return messages;
}

export function validateResourcesOfTypes(checks: readonly TypeCheck[]): ResourceValidation {
    return (args, reportViolation) => {
        const check = checks.find(({ resourceType }) => isOfType(args, resourceType));
        if (check === undefined) {
            const types = checks.map(({ resourceType }) => tokenOf(resourceType)).join(", ");
            return args.notApplicable(`Policy only applies to resources of types ${types}`);
        }
        let messages: readonly string[];
        try {
            messages = check.findViolations(args.props, args);
        } catch (error) {
            if (!(error instanceof PartlyUnknown)) throw error;
            error.messages.forEach((message) => reportViolation(message));
            throw error.unknown;
        }
        messages.forEach((message) => reportViolation(message));
    };
}

/** A policy's config as the engine hands it over (only the keys the user set), completed with the policy's defaults. */
export function configWithDefaults<T extends object>(args: { getConfig<C extends object>(): C }, defaults: T): T {
    return { ...defaults, ...args.getConfig<Partial<T>>() };
}

/** The `minimumLevel` setting of the policies that judge sizes by level, in a config schema's `properties`. */
export function minimumLevelConfigProperty(description: string): PolicyConfigSchema["properties"][string] {
    return { type: "string", enum: [...MINIMUM_LEVELS], default: DEFAULT_MINIMUM_LEVEL, description };
}

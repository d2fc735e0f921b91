/**
 * Runs the buildfarm policy pack in-process, with arguments built the way @pulumi/policy's analyzer server
 * builds them (`server.js`, `makeAnalyzeRpcFun` / `makeAnalyzeStackRpcFun`), so a test sees what
 * `pulumi preview --policy-pack policy` would report:
 *
 *     const violations = await runResourcePolicies([{ type: compute.VirtualMachineScaleSet, name: "pool", inputs }]);
 *     expect(violations).toEqual([]);
 *
 * - `type` is a type token or an SDK class (its `__pulumiType`); `isType`/`asType` compare tokens as the engine does.
 * - `props` are wrapped in `unknownCheckingProxy`. Put `UNKNOWN` where a value is unknown during preview;
 *   objects marked `__pulumiUnknown` (what `setMocks(..., preview = true)` hands `newResource` for unknown
 *   inputs) are mapped to it. A policy that reads one yields the engine's advisory "can't run policy ...
 *   during preview" violation instead of a pass or a failure.
 * - `config` is the pack config keyed by policy name (as in `--policy-pack-config`); each policy's
 *   `getConfig()` returns its entry merged over its config schema's defaults, without `enforcementLevel`,
 *   which instead overrides the policy's level (`"disabled"` skips it).
 * - `notApplicable` stops the policy for that resource, as in the engine; it is not a violation.
 * - A message is what the policy reported (the engine shows the description above it). Stack-wide
 *   violations have no `urn`.
 * - Anything else a policy throws rejects the returned promise, as it fails the engine's preview.
 *
 * Stack policies see `props` as the provider's outputs. For resources recorded under `setMocks`, pass the
 * recorded inputs and, where a policy matches references by id (a lock's `scope`, an autoscale setting's
 * `targetResourceUri`), the `id` the mock returned (`installPulumiMocks` returns `<name>-id`); or give the
 * engine's `propertyDependencies` as URNs.
 */
import { defaultUrn } from "../../scripts/plan/policy-pack-client";
import type {
    EnforcementLevel,
    Policies,
    Policy,
    PolicyResource,
    PolicyResourceOptions,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationPolicy,
} from "@pulumi/policy";
import { unknownCheckingProxy, UnknownValueError } from "@pulumi/policy";
import { buildfarmPolicies } from "../../policy/policies";
import { pulumiTypeOf, ResourceClass } from "../../policy/lib/resource-types";

/** The engine's sentinel for a value unknown during preview (the string one; the proxy treats all kinds alike). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export interface HarnessResource {
    /** A type token such as `azure-native:compute:VirtualMachineScaleSet`, or the SDK class. */
    readonly type: string | ResourceClass;
    readonly name: string;
    /** Default: `urn:pulumi:test::buildfarm::<type>::<name>`. */
    readonly urn?: string;
    /** The resource's inputs as the provider would receive them (e.g. a `setMocks` newResource's `inputs`). */
    readonly inputs: Record<string, unknown>;
    /** Stack policies: the resource's id, added to its props as the provider's outputs would carry it. */
    readonly id?: string;
    /** Stack policies: for each input property, the URNs of the resources it was computed from. */
    readonly propertyDependencies?: Readonly<Record<string, readonly string[]>>;
}

/** Pack config keyed by policy name, as in a `--policy-pack-config` file. */
export type PackConfig = Readonly<Record<string, Readonly<Record<string, unknown>>>>;

export interface Violation {
    readonly policy: string;
    readonly enforcementLevel: EnforcementLevel;
    /** The resource the violation is about; absent for stack-wide violations. */
    readonly urn?: string;
    readonly message: string;
}

/** Runs every resource policy over each resource in turn, as the engine's Analyze call does. */
export async function runResourcePolicies(
    resources: readonly HarnessResource[],
    config: PackConfig = {},
    policies: Policies = buildfarmPolicies,
): Promise<Violation[]> {
    const violations: Violation[] = [];
    // Resources outermost, as the engine makes one Analyze call per resource, so the order matches its output.
    for (const resource of resources) {
        const urn = urnOf(resource);
        for (const policy of policies.filter(isResourcePolicy)) {
            const enforcementLevel = effectiveLevel(policy, config);
            if (enforcementLevel === undefined || policy.validateResource === undefined) {
                continue;
            }
            const report: ReportViolation = (message) => violations.push({ policy: policy.name, enforcementLevel, urn, message });
            const validations = Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource];
            for (const validation of validations) {
                await runValidation(policy, urn, violations, () => validation(resourceArgs(resource, policy, config), report));
            }
        }
    }
    return violations;
}

/** Runs every stack policy once over all resources, as the engine's AnalyzeStack call does. */
export async function runStackPolicies(
    resources: readonly HarnessResource[],
    config: PackConfig = {},
    policies: Policies = buildfarmPolicies,
): Promise<Violation[]> {
    const violations: Violation[] = [];
    for (const policy of policies.filter(isStackPolicy)) {
        const enforcementLevel = effectiveLevel(policy, config);
        if (enforcementLevel === undefined) {
            continue;
        }
        const report: ReportViolation = (message, urn) => violations.push({ policy: policy.name, enforcementLevel, urn, message });
        const args = {
            resources: policyResources(resources),
            stackTags: NO_STACK_TAGS,
            getConfig: configGetter(policy, config),
            notApplicable,
        };
        await runValidation(policy, undefined, violations, () => policy.validateStack(args, report));
    }
    return violations;
}

function isResourcePolicy(policy: Policy): policy is ResourceValidationPolicy {
    return "validateResource" in policy || "remediateResource" in policy;
}

function isStackPolicy(policy: Policy): policy is StackValidationPolicy {
    return "validateStack" in policy;
}

/** The level a violation is reported at, or undefined for a disabled policy; remediation counts as mandatory. */
function effectiveLevel(policy: Policy, config: PackConfig): Exclude<EnforcementLevel, "disabled" | "remediate"> | undefined {
    const configured = config[policy.name]?.enforcementLevel as EnforcementLevel | undefined;
    const level = configured ?? policy.enforcementLevel ?? "advisory";
    if (level === "disabled") {
        return undefined;
    }
    return level === "remediate" ? "mandatory" : level;
}

/** Runs one validation, turning unknowns and not-applicable into what the engine makes of them. */
async function runValidation(policy: Policy, urn: string | undefined, violations: Violation[], validate: () => Promise<void> | void): Promise<void> {
    try {
        await validate();
    } catch (error) {
        if (error instanceof UnknownValueError) {
            const message = `can't run policy '${policy.name}' during preview: ${(error as Error).message}`;
            violations.push({ policy: policy.name, enforcementLevel: "advisory", urn, message });
        } else if (!(error instanceof NotApplicable)) {
            throw error;
        }
    }
}

class NotApplicable extends Error {}

function notApplicable(reason?: string): never {
    throw new NotApplicable(reason ?? "Policy does not apply");
}

const NO_STACK_TAGS: ReadonlyMap<string, string> = new Map();

const DEFAULT_OPTIONS: PolicyResourceOptions = {
    protect: false,
    ignoreChanges: [],
    aliases: [],
    customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
    additionalSecretOutputs: [],
};

function typeTokenOf(resource: HarnessResource): string {
    return typeof resource.type === "string" ? resource.type : pulumiTypeOf(resource.type);
}

function urnOf(resource: HarnessResource): string {
    return resource.urn ?? defaultUrn(typeTokenOf(resource), resource.name);
}

/** The URN a resource without one gets: project `buildfarm`, stack `test`, no parent. */

/** What `getConfig()` returns: the policy's pack config over its schema defaults, without `enforcementLevel`. */
function configGetter(policy: Policy, config: PackConfig): <T extends object>() => T {
    const defaults = Object.fromEntries(
        Object.entries(policy.configSchema?.properties ?? {})
            .filter(([, schema]) => typeof schema === "object" && schema.default !== undefined)
            .map(([key, schema]) => [key, typeof schema === "object" ? schema.default : undefined]),
    );
    const { enforcementLevel: _level, ...configured } = config[policy.name] ?? {};
    return <T extends object>() => ({ ...defaults, ...configured }) as T;
}

/** Inputs as the engine sends them: mock-side unknowns become the engine's sentinel. */
function toEngineValue(value: unknown): unknown {
    if (Array.isArray(value)) {
        return value.map(toEngineValue);
    }
    if (typeof value === "object" && value !== null) {
        if ((value as { __pulumiUnknown?: unknown }).__pulumiUnknown === true) {
            return UNKNOWN;
        }
        return Object.fromEntries(Object.entries(value).map(([key, element]) => [key, toEngineValue(element)]));
    }
    return value;
}

function proxiedProps(properties: Record<string, unknown>): Record<string, unknown> {
    return unknownCheckingProxy(toEngineValue(properties)) as Record<string, unknown>;
}

/** The fields resource and stack policies see alike; `props` already proxied. */
function resourceView(resource: HarnessResource, props: Record<string, unknown>) {
    const type = typeTokenOf(resource);
    const isType = (resourceClass: ResourceClass) => pulumiTypeOf(resourceClass) === type;
    return {
        type,
        props,
        urn: urnOf(resource),
        name: resource.name,
        opts: DEFAULT_OPTIONS,
        isType,
        // The engine hands back the same proxied props, typed as the class's args (resource) or outputs (stack).
        asType: <T>(resourceClass: ResourceClass) => (isType(resourceClass) ? (props as T) : undefined),
    };
}

function resourceArgs(resource: HarnessResource, policy: Policy, config: PackConfig): ResourceValidationArgs {
    return {
        ...resourceView(resource, proxiedProps(resource.inputs)),
        stackTags: NO_STACK_TAGS,
        getConfig: configGetter(policy, config),
        notApplicable,
    };
}

/** The stack's resources, linked to each other by URN as the engine links them. */
function policyResources(resources: readonly HarnessResource[]): PolicyResource[] {
    const linked = resources.map((resource): PolicyResource => ({
        ...resourceView(resource, proxiedProps(resource.id === undefined ? resource.inputs : { ...resource.inputs, id: resource.id })),
        dependencies: [],
        propertyDependencies: {},
    }));
    const byUrn = new Map(linked.map((resource) => [resource.urn, resource]));
    resources.forEach((resource, index) => {
        for (const [property, urns] of Object.entries(resource.propertyDependencies ?? {})) {
            const targets = urns.flatMap((urn) => byUrn.get(urn) ?? []);
            linked[index].propertyDependencies[property] = targets;
            linked[index].dependencies.push(...targets);
        }
    });
    return linked;
}

/**
 * Every resource group that holds the stack's VMs or scale sets carries Azure's built-in size policies,
 * assigned with a list the catalog agrees with.
 *
 * The pack only sees what a Pulumi preview of this stack sees. With Azure's "Allowed virtual machine size SKUs"
 * policies assigned at the group (policy/lib/azure-size-policies.ts), ARM itself refuses a wrong size from the
 * portal, the CLI or any other tool. The lists may hold no size the catalog refuses at the configured level
 * (the scale-set policy's `Mix`, the instance-mix marker, aside). A list that omits allowed sizes is stricter,
 * and passes.
 *
 * An assignment covers a group when its scope is the group (computed from the group's resource, or its id), or
 * the group's subscription.
 *
 * @severity high
 * @topics compute, x86-64-v3, governance
 * @link https://github.com/Azure/azure-policy/tree/master/built-in-policies/policyDefinitions/Compute
 */
import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { UnknownValueError } from "@pulumi/policy";
import * as authorization from "@pulumi/azure-native/authorization";
import * as compute from "@pulumi/azure-native/compute";
import * as resources from "@pulumi/azure-native/resources";
import { sizeVerdict } from "../catalog";
import { DEFAULT_MINIMUM_LEVEL, MinimumLevel } from "../catalog/types";
import { ALLOWED_SIZES_PARAMETER, AZURE_SIZE_POLICIES, AzureSizePolicy, definitionIdOf } from "../lib/azure-size-policies";
import { asList, describeValue, equalsIgnoreCase, field } from "../lib/props";
import { anyPasses, groupOf, scopeCoversGroup } from "../lib/references";
import { configWithDefaults, isOfType, minimumLevelConfigProperty } from "../lib/resource-types";

export interface AzureSizePolicyConfig {
    readonly minimumLevel: MinimumLevel;
}

const DEFAULTS: AzureSizePolicyConfig = { minimumLevel: DEFAULT_MINIMUM_LEVEL };

/** The entries of an assignment's list that the catalog refuses at `level` (the policy's own extra entries aside). */
function refusedEntries(assignment: PolicyResource, policy: AzureSizePolicy, level: MinimumLevel): string[] {
    const listed = asList(field(assignment.props, "parameters", ALLOWED_SIZES_PARAMETER, "value"));
    return listed.flatMap((entry) => {
        if (typeof entry === "string" && policy.alsoAllowed.some((extra) => equalsIgnoreCase(entry, extra))) return [];
        if (typeof entry !== "string") return [describeValue(entry)];
        return sizeVerdict(entry, { minimumLevel: level }).allowed ? [] : [entry];
    });
}

export const azureSizePolicyAssigned: StackValidationPolicy = {
    name: "azure-size-policy-assigned",
    description:
        "Every resource group with the stack's VMs or scale sets carries Azure's built-in allowed-size policies, listing only sizes the catalog allows.",
    enforcementLevel: "mandatory",
    severity: "high",
    configSchema: {
        properties: {
            minimumLevel: minimumLevelConfigProperty("The level the assigned lists are checked against."),
        },
    },
    validateStack: (args, reportViolation) => {
        const { minimumLevel } = configWithDefaults(args, DEFAULTS);
        const groups = args.resources.filter((resource) => isOfType(resource, resources.ResourceGroup));
        const assignments = args.resources.filter((resource) => isOfType(resource, authorization.PolicyAssignment));
        const assignmentsOf = (policy: AzureSizePolicy) =>
            assignments.filter((assignment) => equalsIgnoreCase(assignment.props.policyDefinitionId, definitionIdOf(policy)));

        let unknown: Error | undefined;
        for (const policy of AZURE_SIZE_POLICIES) {
            for (const assignment of assignmentsOf(policy)) {
                let refused: string[];
                try {
                    refused = refusedEntries(assignment, policy, minimumLevel);
                } catch (error) {
                    if (!(error instanceof UnknownValueError)) throw error;
                    unknown ??= error as Error;
                    continue;
                }
                if (refused.length > 0) {
                    reportViolation(
                        `Policy assignment "${assignment.name}" (${policy.displayName}) allows ${refused.slice(0, 5).join(", ")}${refused.length > 5 ? ` and ${refused.length - 5} more` : ""}, which the catalog refuses at ${minimumLevel}; list only allowed sizes (npm run sizes -- --list).`,
                        assignment.urn,
                    );
                }
            }
        }
        const machines = args.resources.filter((resource) => isOfType(resource, compute.VirtualMachineScaleSet) || isOfType(resource, compute.VirtualMachine));
        for (const resource of machines) {
            const group = groupOf(resource, groups);
            // An assignment that cannot be read during preview may be the one; only the known gaps are reported.
            const missing = AZURE_SIZE_POLICIES.filter((policy) => {
                const covered = anyPasses(assignmentsOf(policy), (assignment) => scopeCoversGroup(assignment, "scope", group));
                if (covered instanceof Error) unknown ??= covered;
                return covered === false;
            });
            if (missing.length > 0) {
                reportViolation(
                    `"${resource.name}" is in a resource group without Azure's ${missing.map((policy) => `"${policy.displayName}"`).join(" and ")} ${missing.length > 1 ? "policies" : "policy"}: assign ${missing.map(definitionIdOf).join(" and ")} at the group (components/size-policy.ts does) so that ARM refuses other sizes too.`,
                    resource.urn,
                );
            }
        }
        if (unknown !== undefined) throw unknown;
    },
};

import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import { MinimumLevel } from "../policy/catalog";
import { planSizePolicyAssignments } from "../lib/size-policy-plan";

export interface SizePolicyArgs {
    /** Where the assignments apply: the farm's resource group id. Required. */
    readonly scope: pulumi.Input<string>;
    /** The farm's level. Required. */
    readonly minimumLevel: MinimumLevel;
}

/**
 * Azure Policy's own refusal of every size the catalog refuses, at the farm's resource group: whatever creates a
 * VM or scale set there (portal, CLI, a script) is held to the catalog. Needs the deployer to hold
 * `Microsoft.Authorization/policyAssignments/write` on the group (Owner or Resource Policy Contributor).
 */
export class SizePolicy extends pulumi.ComponentResource {
    public readonly assignmentIds: pulumi.Output<string>[];

    constructor(name: string, args: SizePolicyArgs, opts?: pulumi.ComponentResourceOptions) {
        const plans = planSizePolicyAssignments(args.minimumLevel);
        super("buildfarm:policy:SizePolicy", name, {}, opts);
        const assignments = plans.map(
            (plan) =>
                new authorization.PolicyAssignment(
                    `${name}-${plan.key}`,
                    {
                        scope: args.scope,
                        policyDefinitionId: plan.policyDefinitionId,
                        displayName: plan.displayName,
                        description: plan.description,
                        enforcementMode: "Default",
                        parameters: { ...plan.parameters },
                        nonComplianceMessages: [{ message: plan.nonComplianceMessage }],
                    },
                    { parent: this },
                ),
        );
        this.assignmentIds = assignments.map((assignment) => assignment.id);
        this.registerOutputs({ assignmentIds: this.assignmentIds });
    }
}

import * as pulumi from "@pulumi/pulumi";

/** Where a component's resources go and how they are labelled; every farm component takes these. */
export interface PlacementArgs {
    /** The resource group for every resource of the component. Required. */
    readonly resourceGroupName: pulumi.Input<string>;
    /** Azure region. Default: the resource group's region. */
    readonly location?: pulumi.Input<string>;
    /** Tags for every resource that takes them (the policy pack advises `project` and `owner`). Default: none. */
    readonly tags?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
}

/** Just the placement fields of a component's args, to spread into a child's args. */
export function placementOf(args: PlacementArgs): PlacementArgs {
    return { resourceGroupName: args.resourceGroupName, location: args.location, tags: args.tags };
}

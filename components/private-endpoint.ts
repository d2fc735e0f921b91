import * as pulumi from "@pulumi/pulumi";
import * as network from "@pulumi/azure-native/network";
import { PlacementArgs } from "./placement";

/** What a PaaS resource needs to be reachable from the farm's network only. */
export interface PrivateEndpointArgs extends PlacementArgs {
    /** The subnet the endpoint's network interface goes into. */
    readonly subnetResourceId: pulumi.Input<string>;
    /** The storage account or Key Vault the endpoint connects to. */
    readonly targetResourceId: pulumi.Input<string>;
    /** The target's sub-resource: `blob` for a storage account's blob service, `vault` for Key Vault. */
    readonly groupId: "blob" | "vault";
    /** The `privatelink.*` zone the endpoint registers its address in, so the public name resolves privately. */
    readonly privateDnsZoneResourceId: pulumi.Input<string>;
}

/**
 * A private endpoint plus its DNS zone group. Shared by the artifact store and the Key Vault so both get the
 * same wiring; the children are parented to the calling component.
 */
export function addPrivateEndpoint(name: string, args: PrivateEndpointArgs, parent: pulumi.Resource): network.PrivateEndpoint {
    const endpoint = new network.PrivateEndpoint(
        name,
        {
            resourceGroupName: args.resourceGroupName,
            location: args.location,
            tags: args.tags,
            subnet: { id: args.subnetResourceId },
            privateLinkServiceConnections: [{ name, privateLinkServiceId: args.targetResourceId, groupIds: [args.groupId] }],
        },
        { parent },
    );
    new network.PrivateDnsZoneGroup(
        name,
        {
            resourceGroupName: args.resourceGroupName,
            privateEndpointName: endpoint.name,
            privateDnsZoneGroupName: "default",
            privateDnsZoneConfigs: [{ name: args.groupId, privateDnsZoneId: args.privateDnsZoneResourceId }],
        },
        { parent },
    );
    return endpoint;
}

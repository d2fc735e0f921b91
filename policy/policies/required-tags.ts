/**
 * Every taggable resource carries the farm's required tags.
 *
 * The compute is donated: the tags tell the donor's cost reports and a human in the portal whose resources
 * these are. Advisory, because a missing tag costs nothing at run time.
 *
 * Only the resource types this farm can register that ARM tracks (and so accept `tags`) are checked; child
 * resources such as security rules, blob containers, locks and role assignments cannot carry tags.
 *
 * @severity low
 * @topics tagging, cost
 */
import type { ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import * as azurefleet from "@pulumi/azure-native/azurefleet";
import * as batch from "@pulumi/azure-native/batch";
import * as compute from "@pulumi/azure-native/compute";
import * as computebulkactions from "@pulumi/azure-native/computebulkactions";
import * as containerservice from "@pulumi/azure-native/containerservice";
import * as keyvault from "@pulumi/azure-native/keyvault";
import * as managedidentity from "@pulumi/azure-native/managedidentity";
import * as monitor from "@pulumi/azure-native/monitor";
import * as network from "@pulumi/azure-native/network";
import * as privatedns from "@pulumi/azure-native/privatedns";
import * as resources from "@pulumi/azure-native/resources";
import * as storage from "@pulumi/azure-native/storage";
import { asRecord, PropertyRecord } from "../lib/props";
import { configWithDefaults, ResourceClass, validateResourcesOfTypes } from "../lib/resource-types";

export interface RequiredTagsConfig {
    /** Tag keys every taggable resource must carry with a non-empty value. */
    readonly requiredTags: readonly string[];
}

/** `project` says which farm, `owner` whom to ask; override with the policy pack config. */
const DEFAULTS: RequiredTagsConfig = { requiredTags: ["project", "owner"] };

const TAGGABLE_RESOURCE_CLASSES: readonly ResourceClass[] = [
    resources.ResourceGroup,
    network.VirtualNetwork,
    network.NetworkSecurityGroup,
    network.NatGateway,
    network.PublicIPAddress,
    network.PublicIPPrefix,
    network.NetworkInterface,
    network.PrivateEndpoint,
    privatedns.PrivateZone,
    storage.StorageAccount,
    keyvault.Vault,
    managedidentity.UserAssignedIdentity,
    compute.VirtualMachineScaleSet,
    compute.VirtualMachine,
    monitor.AutoscaleSetting,
    containerservice.ManagedCluster,
    containerservice.AgentPool,
    batch.Pool,
    azurefleet.Fleet,
    computebulkactions.BulkAction,
];

/** Azure tag keys are case-insensitive, so `Owner` satisfies `owner`. */
function missingTags(tags: PropertyRecord, requiredTags: readonly string[]): string[] {
    // Read only the required tags' values: an unrelated tag that is unknown during preview must not
    // make the whole check unverifiable.
    const keysByLowerCase = new Map(Object.keys(tags).map((key) => [key.toLowerCase(), key]));
    return requiredTags.filter((required) => {
        const key = keysByLowerCase.get(required.toLowerCase());
        const value = key === undefined ? undefined : tags[key];
        return typeof value !== "string" || value.trim() === "";
    });
}

function requiredTagMessages(props: PropertyRecord, args: ResourceValidationArgs): string[] {
    const { requiredTags } = configWithDefaults(args, DEFAULTS);
    const missing = missingTags(asRecord(props.tags) ?? {}, requiredTags);
    return missing.length === 0 ? [] : [`tags is missing ${missing.map((key) => `"${key}"`).join(", ")}.`];
}

export const requiredTags: ResourceValidationPolicy = {
    name: "required-tags",
    description: "Taggable resources must carry the required tags (default: project, owner) with non-empty values.",
    enforcementLevel: "advisory",
    severity: "low",
    configSchema: {
        properties: {
            requiredTags: {
                type: "array",
                items: { type: "string", minLength: 1 },
                default: [...DEFAULTS.requiredTags],
                description: "Tag keys every taggable resource must carry (case-insensitive, as in Azure).",
            },
        },
    },
    validateResource: validateResourcesOfTypes(TAGGABLE_RESOURCE_CLASSES.map((resourceType) => ({ resourceType, findViolations: requiredTagMessages }))),
};

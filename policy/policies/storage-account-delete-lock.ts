/**
 * Every storage account is covered by a `CanNotDelete` (or `ReadOnly`) management lock.
 *
 * The artifact store holds the builders' slot leases: without it no builder can claim a slot, and the farm
 * stops. Pulumi's `protect` stops `pulumi destroy`; the lock also stops a deletion from the portal, the CLI, or
 * another stack.
 *
 * A lock covers an account wherever ARM applies it (learn.microsoft.com/azure/azure-resource-manager/management/lock-resources,
 * "Lock inheritance"): on the account itself (`ManagementLockByScope` with the account as scope, or
 * `ManagementLockAtResourceLevel` naming it), on its resource group (`ManagementLockAtResourceGroupLevel`, or a
 * by-scope lock on the group), or on the subscription. `ReadOnly` also forbids deletion.
 *
 * @severity high
 * @topics storage, resilience
 */
import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import * as authorization from "@pulumi/azure-native/authorization";
import * as resources from "@pulumi/azure-native/resources";
import * as storage from "@pulumi/azure-native/storage";
import { equalsIgnoreCase } from "../lib/props";
import { anyPasses, groupOf, refersTo, scopeCoversGroup } from "../lib/references";
import { isOfType } from "../lib/resource-types";
import { CLASSIC } from "../lib/classic-types";

/** `level`, or the classic provider's `lockLevel`. */
const preventsDeletion = (lock: PolicyResource) =>
    ["CanNotDelete", "ReadOnly"].some((level) => equalsIgnoreCase(lock.props.level ?? lock.props.lockLevel, level));

/** Whether two resources name the same resource group: computed from the same group resource, or the same name. */
function sameGroup(first: PolicyResource, second: PolicyResource): boolean {
    const groupsOf = (resource: PolicyResource) => (resource.propertyDependencies?.resourceGroupName ?? []).map((dependency) => dependency.urn);
    const [firstGroups, secondGroups] = [groupsOf(first), groupsOf(second)];
    if (firstGroups.length > 0 || secondGroups.length > 0) return firstGroups.some((urn) => secondGroups.includes(urn));
    return typeof first.props.resourceGroupName === "string" && equalsIgnoreCase(second.props.resourceGroupName, first.props.resourceGroupName);
}

/** Whether the lock sits where it covers the account (on it, its group or its subscription), whatever its level. */
function placedOver(lock: PolicyResource, account: PolicyResource, groups: readonly PolicyResource[]): boolean {
    if (isOfType(lock, authorization.ManagementLockByScope) || isOfType(lock, CLASSIC.management.Lock))
        return refersTo(lock, "scope", account) || scopeCoversGroup(lock, "scope", groupOf(account, groups));
    if (isOfType(lock, authorization.ManagementLockAtSubscriptionLevel)) return true;
    if (isOfType(lock, authorization.ManagementLockAtResourceGroupLevel)) return sameGroup(lock, account);
    if (isOfType(lock, authorization.ManagementLockAtResourceLevel)) {
        const namesAccount =
            (lock.propertyDependencies?.resourceName ?? []).some((dependency) => dependency.urn === account.urn) ||
            (typeof account.props.name === "string" && equalsIgnoreCase(lock.props.resourceName, account.props.name));
        return (
            equalsIgnoreCase(lock.props.resourceProviderNamespace, "Microsoft.Storage") &&
            equalsIgnoreCase(lock.props.resourceType, "storageAccounts") &&
            namesAccount &&
            sameGroup(lock, account)
        );
    }
    return false;
}

// Where first, then the level: a lock on another account whose level is unknown during preview says nothing of this one.
const covers = (lock: PolicyResource, account: PolicyResource, groups: readonly PolicyResource[]): boolean =>
    placedOver(lock, account, groups) && preventsDeletion(lock);

const LOCK_TYPES = [
    CLASSIC.management.Lock,
    authorization.ManagementLockByScope,
    authorization.ManagementLockAtResourceLevel,
    authorization.ManagementLockAtResourceGroupLevel,
    authorization.ManagementLockAtSubscriptionLevel,
];

export const storageAccountDeleteLock: StackValidationPolicy = {
    name: "storage-account-delete-lock",
    description:
        "Every storage account must be covered by a CanNotDelete (or ReadOnly) management lock: on the account, its resource group or its subscription.",
    enforcementLevel: "mandatory",
    severity: "high",
    validateStack: (args, reportViolation) => {
        const locks = args.resources.filter((resource) => LOCK_TYPES.some((type) => isOfType(resource, type)));
        const groups = args.resources.filter((resource) => isOfType(resource, resources.ResourceGroup));
        // An account whose locks cannot all be read during preview is left to the engine; the others are judged.
        let unknown: Error | undefined;
        for (const account of args.resources.filter((resource) => isOfType(resource, storage.StorageAccount) || isOfType(resource, CLASSIC.storage.Account))) {
            const covered = anyPasses(locks, (lock) => covers(lock, account, groups));
            if (covered instanceof Error) unknown ??= covered;
            else if (!covered) {
                reportViolation(
                    `Storage account "${account.name}" has no CanNotDelete lock: add an azure-native:authorization:ManagementLockByScope with scope set to the account's id and level "CanNotDelete".`,
                    account.urn,
                );
            }
        }
        if (unknown !== undefined) throw unknown;
    },
};

/**
 * Every storage account is covered by a `CanNotDelete` management lock.
 *
 * The artifact store holds the builders' slot leases: without it no builder can claim a slot, and the farm
 * stops. Pulumi's `protect` stops `pulumi destroy`; the lock also stops a deletion from the portal, the CLI, or
 * another stack.
 *
 * Counts locks of type `azure-native:authorization:ManagementLockByScope` whose `scope` is the account
 * (a lock inherited from the resource group is not recognized; lock the account itself).
 *
 * @severity high
 * @topics storage, resilience
 */
import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import * as authorization from "@pulumi/azure-native/authorization";
import * as storage from "@pulumi/azure-native/storage";
import { equalsIgnoreCase } from "../lib/props";
import { refersTo } from "../lib/references";
import { isOfType } from "../lib/resource-types";

function isDeleteLock(resource: PolicyResource): boolean {
    return isOfType(resource, authorization.ManagementLockByScope) && equalsIgnoreCase(resource.props.level, "CanNotDelete");
}

export const storageAccountDeleteLock: StackValidationPolicy = {
    name: "storage-account-delete-lock",
    description: "Every storage account must be the scope of a CanNotDelete management lock.",
    enforcementLevel: "mandatory",
    severity: "high",
    validateStack: (args, reportViolation) => {
        const locks = args.resources.filter(isDeleteLock);
        for (const account of args.resources.filter((resource) => isOfType(resource, storage.StorageAccount))) {
            if (!locks.some((lock) => refersTo(lock, "scope", account))) {
                reportViolation(
                    `Storage account "${account.name}" has no CanNotDelete lock: add an azure-native:authorization:ManagementLockByScope with scope set to the account's id and level "CanNotDelete".`,
                    account.urn,
                );
            }
        }
    },
};

/**
 * The policies of the buildfarm pack, in one list. Tests and the plan command import this module; only
 * `policy/index.ts` serves them (constructing a PolicyPack starts a gRPC server).
 */
import type { Policies } from "@pulumi/policy";
import { azureSizePolicyAssigned } from "./azure-size-policy-assigned";
import { keyVaultRbacPurgeProtection } from "./key-vault-rbac-purge-protection";
import { noPublicIpOnNics } from "./no-public-ip-on-nics";
import { nsgNoInboundFromInternet } from "./nsg-no-inbound-from-internet";
import { requiredTags } from "./required-tags";
import { spotEvictionDelete } from "./spot-eviction-delete";
import { sshKeysOnly } from "./ssh-keys-only";
import { storageAccountDeleteLock } from "./storage-account-delete-lock";
import { storageAccountSecureAccess } from "./storage-account-secure-access";
import { vcpuBudget } from "./vcpu-budget";
import { vmSizesX8664V3 } from "./vm-sizes-x86-64-v3";

export const buildfarmPolicies: Policies = [
    vmSizesX8664V3,
    noPublicIpOnNics,
    sshKeysOnly,
    spotEvictionDelete,
    storageAccountSecureAccess,
    keyVaultRbacPurgeProtection,
    nsgNoInboundFromInternet,
    requiredTags,
    vcpuBudget,
    storageAccountDeleteLock,
    azureSizePolicyAssigned,
];

/**
 * Storage accounts accept HTTPS only, TLS 1.2 or newer, no anonymous blob access, and no shared-key access.
 *
 * The artifact store holds the slot leases that decide which VM is which Koji host. Builders reach it with
 * Entra ID (managed identity) tokens, so account keys and SAS tokens signed with them are not needed, and
 * leaving them on would make one leaked key enough to break a lease and take over a host's identity.
 *
 * @severity high
 * @topics storage, encryption
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import * as storage from "@pulumi/azure-native/storage";
import { describeValue, equalsIgnoreCase, PropertyRecord } from "../lib/props";
import { apiVersionOf, checkParts, validateResourcesOfTypes } from "../lib/resource-types";
import { CLASSIC } from "../lib/classic-types";

/** TLS versions at or above 1.2, as the storage API spells them. */
const ACCEPTED_TLS_VERSIONS = ["TLS1_2", "TLS1_3"];

interface SettingRule {
    readonly property: string;
    /** `apiVersion`: the version the resource's token names, undefined for the SDK's default (2024-01-01 in azure-native 3). */
    readonly complies: (value: unknown, apiVersion: string | undefined) => boolean;
    readonly requirement: string;
}

/**
 * The storage API's default for `allowBlobPublicAccess` is false from version 2023-01-01 (azure-native 3's
 * StorageAccountArgs, on 2024-01-01: "The default interpretation is false for this property"); before it, an
 * account left it open. So leaving it out is as good as false, unless the token pins an older API version.
 */
const PUBLIC_ACCESS_OFF_BY_DEFAULT_FROM = "20230101";

const STORAGE_ACCOUNT_RULES: readonly SettingRule[] = [
    {
        // Azure's default is true; only an explicit false opens plain HTTP.
        property: "enableHttpsTrafficOnly",
        complies: (value) => value !== false,
        requirement: "must not be false (HTTPS only)",
    },
    {
        // The storage API's default is TLS 1.0, so the version must be set.
        property: "minimumTlsVersion",
        complies: (value) => ACCEPTED_TLS_VERSIONS.some((version) => equalsIgnoreCase(value, version)),
        requirement: `must be one of ${ACCEPTED_TLS_VERSIONS.join(", ")}`,
    },
    {
        property: "allowBlobPublicAccess",
        complies: (value, apiVersion) =>
            value === false || (value === undefined && (apiVersion === undefined || apiVersion >= PUBLIC_ACCESS_OFF_BY_DEFAULT_FROM)),
        requirement: "must be false (no anonymous blob access)",
    },
    {
        // Unset means allowed.
        property: "allowSharedKeyAccess",
        complies: (value) => value === false,
        requirement: "must be false (Entra ID authorization only)",
    },
];

function storageAccountMessages(props: PropertyRecord, args: { readonly type: string }): string[] {
    return ruleMessages(STORAGE_ACCOUNT_RULES, props, apiVersionOf(args.type));
}

/**
 * The classic provider's account (@pulumi/azure 6.40.0): its own names and defaults. HTTPS only defaults to true and
 * TLS to 1.2; nested items may be public and shared keys work unless turned off.
 */
const CLASSIC_ACCOUNT_RULES: readonly SettingRule[] = [
    { property: "httpsTrafficOnlyEnabled", complies: (value) => value !== false, requirement: "must not be false (HTTPS only)" },
    { property: "minTlsVersion", complies: (value) => value === undefined || equalsIgnoreCase(value, "TLS1_2"), requirement: "must be TLS1_2 (its default)" },
    {
        property: "allowNestedItemsToBePublic",
        complies: (value) => value === false,
        requirement: "must be false (no anonymous blob access; the provider's default is true)",
    },
    { property: "sharedAccessKeyEnabled", complies: (value) => value === false, requirement: "must be false (Entra ID authorization only)" },
];

/** Each setting on its own, so that one unknown during preview does not hide another's known violation. */
const ruleMessages = (rules: readonly SettingRule[], props: PropertyRecord, apiVersion: string | undefined): string[] =>
    checkParts(
        rules.map(
            ({ property, complies, requirement }) =>
                () =>
                    complies(props[property], apiVersion) ? [] : [`${property} ${requirement}; it is ${describeValue(props[property])}.`],
        ),
    );

export const storageAccountSecureAccess: ResourceValidationPolicy = {
    name: "storage-account-secure-access",
    description: "Storage accounts must allow HTTPS only with TLS 1.2 or newer, forbid anonymous blob access, and disable shared-key access.",
    enforcementLevel: "mandatory",
    severity: "high",
    validateResource: validateResourcesOfTypes([
        { resourceType: storage.StorageAccount, findViolations: storageAccountMessages },
        { resourceType: CLASSIC.storage.Account, findViolations: (props) => ruleMessages(CLASSIC_ACCOUNT_RULES, props, undefined) },
    ]),
};

/**
 * Limits, each from the rule that sets it, and the defaults Fedora's production values give. Part of the stack
 * configuration (./index.ts).
 */
import { MAX_POOL_NAME_LENGTH } from "../azure-pool-rules";
import { BUILDER_NETWORK_DEFAULTS, SMALLEST_SUBNET_PREFIX } from "../builder-network-plan";
import { SLOT_NUMBER_WIDTH } from "../slots";

export const NAMESPACE = "buildfarm";
export const LOCATION_KEY = "azure-native:location";

/** Azure keeps the first four addresses and the last of every subnet. */
export const AZURE_RESERVED_ADDRESSES = 5;
export { SMALLEST_SUBNET_PREFIX };
export const DNS_LABEL_MAX = 63;
export const DNS_NAME_MAX = 253;
/**
 * A pool name must leave room for its slots `<pool>-NNNN` in one DNS label (numbers padded to the width of
 * 1000, see lib/slots.ts): 58; and for its VMs' names, `<pool>-vmss` plus Pulumi's suffix plus the scale set's
 * `_` and 8 characters, in Azure's 64 (the pool rule "names"): 42.
 */
export const POOL_NAME_MAX = Math.min(DNS_LABEL_MAX - "-".length - SLOT_NUMBER_WIDTH, MAX_POOL_NAME_LENGTH);
/** Azure tag limits: 50 per resource; names 128 characters (storage accounts' limit), values 256. */
export const MAX_TAGS = 50;
export const TAG_NAME_MAX = 128;
export const TAG_VALUE_MAX = 256;

/** Fedora production values (fedora-infra/ansible: kojid.conf's `server` and `topurl`, krb5.conf.j2's realm and KdcProxy). */
export const FEDORA_KOJI = {
    hubUrl: "https://koji.fedoraproject.org/kojihub",
    topUrls: ["https://kojipkgs.fedoraproject.org/", "https://kojipkgs01.fedoraproject.org", "https://kojipkgs02.fedoraproject.org"],
    realm: "FEDORAPROJECT.ORG",
    kdcProxyUrl: "https://id.fedoraproject.org/KdcProxy",
} as const;

/** The farm's default address plan (lib/builder-network-plan.ts): the `network.*` keys carry the plan's names. */
export const DEFAULT_NETWORK = {
    addressSpace: BUILDER_NETWORK_DEFAULTS.addressSpace,
    builderSubnet: BUILDER_NETWORK_DEFAULTS.builderSubnet,
    endpointSubnet: BUILDER_NETWORK_DEFAULTS.endpointSubnet,
    cacheSubnet: BUILDER_NETWORK_DEFAULTS.cacheSubnet,
} as const;

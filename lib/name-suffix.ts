/**
 * Length of the random suffix on names that must be unique across Azure (components/name-suffix.ts makes it);
 * storage account and vault name limits (24) leave room for a 15-16 character prefix.
 */
export const NAME_SUFFIX_LENGTH = 8;

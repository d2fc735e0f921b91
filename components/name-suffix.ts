import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";

/** Length of the suffix; storage account and vault name limits (24) leave room for a 15-16 character prefix. */
export const NAME_SUFFIX_LENGTH = 8;

/**
 * A random suffix of lowercase letters and digits for names that must be unique across Azure (storage
 * accounts, vaults). It is kept in state, so the name stays the same on every later deployment.
 */
export function randomNameSuffix(name: string, parent: pulumi.Resource): pulumi.Output<string> {
    return new random.RandomString(`${name}-suffix`, {
        length: NAME_SUFFIX_LENGTH,
        lower: true,
        upper: false,
        numeric: true,
        special: false,
    }, { parent }).result;
}

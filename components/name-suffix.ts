import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { NAME_SUFFIX_LENGTH } from "../lib/name-suffix";

/**
 * A random suffix of lowercase letters and digits for names that must be unique across Azure (storage
 * accounts, vaults). It is kept in state, so the name stays the same on every later deployment.
 */
export function randomNameSuffix(name: string, parent: pulumi.Resource): pulumi.Output<string> {
    return new random.RandomString(
        `${name}-suffix`,
        {
            length: NAME_SUFFIX_LENGTH,
            lower: true,
            upper: false,
            numeric: true,
            special: false,
        },
        { parent },
    ).result;
}

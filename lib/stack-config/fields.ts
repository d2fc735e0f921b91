/** Field schemas: URLs, counts, DNS names, CIDRs, SSH keys (checked in lib/ssh-public-key.ts), lists. Part of the stack configuration (./index.ts). */
import { z } from "zod";
import { MAX_POOL_VMS as MAX_POOL_COUNT } from "../builder-pool-plan";
import { checkIpv4Range, Ipv4Range, parseIpv4Range } from "../ip-ranges";
import { DNS_NAME_MAX } from "./limits";
import { sshPublicKeyProblem } from "../ssh-public-key";

export const httpsUrl = z.url({ protocol: /^https$/, error: "must be an https:// URL" });

/** A VM count from `minimum` to a Flexible scale set's limit. */
export const count = (minimum: number, why = "") =>
    z
        .int()
        .min(minimum, { error: (issue) => `must be at least ${minimum}${why}, got ${issue.input}` })
        .max(MAX_POOL_COUNT, { error: (issue) => `must be at most ${MAX_POOL_COUNT} (one three-digit slot per VM), got ${issue.input}` });

/** Lower-case DNS name of at least two labels. */
export const dnsName = z
    .string()
    .max(DNS_NAME_MAX)
    .regex(
        /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/,
        "must be a lower-case DNS name such as builders.example.org",
    );

/** Koji's default `RegexNameInternal` for channel names. */
export const kojiName = z.string().regex(/^[A-Za-z0-9/_.+-]+$/, "use letters, digits and / _ . + - only");

/** `final`: checks of the enclosing object, which need this value to be right, are skipped. */
export function addIssue(ctx: z.RefinementCtx, path: (string | number)[], message: string, final = false): void {
    ctx.addIssue({ code: "custom", path, message, continue: !final });
}

/** An IPv4 address or CIDR range, read by the one address rule (lib/ip-ranges.ts); what a range may be is its user's rule. */
export const ipv4Range = z.string().superRefine((text, ctx) => {
    const parsed = checkIpv4Range(text);
    if ("problem" in parsed) addIssue(ctx, [], parsed.problem);
});

/** A range the schema has already checked. */
export const rangeOf = (text: string): Ipv4Range => parseIpv4Range(text, "range");

/** The admin key, judged by lib/ssh-public-key.ts. */
export const sshPublicKey = z.string().superRefine((text, ctx) => {
    const problem = sshPublicKeyProblem(text);
    if (problem !== null) addIssue(ctx, [], problem);
});

/**
 * A list of at least `min` and at most `max` items. The lengths are checked here rather than with zod's own
 * `.min`/`.max`, which also run on a string's length when the value is not a list at all.
 */
export function list<T extends z.ZodType>(item: T, min: number, max = Infinity, tooMany = `takes at most ${max} entries`) {
    return z.array(item).superRefine((items, ctx) => {
        if (items.length < min) addIssue(ctx, [], `needs at least ${min} ${min === 1 ? "entry" : "entries"}`);
        if (items.length > max) addIssue(ctx, [], tooMany);
    });
}

/** Returns the entries that occur more than once, each with the index of its first occurrence. */
export function duplicates<T>(items: readonly T[]): { index: number; first: number }[] {
    return items.flatMap((item, index) => {
        const first = items.indexOf(item);
        return first < index ? [{ index, first }] : [];
    });
}

export function noDuplicates<T>(what: string) {
    return (items: readonly T[], ctx: z.RefinementCtx) => {
        for (const { index, first } of duplicates(items)) {
            addIssue(ctx, [index], `${what} ${JSON.stringify(items[index])} is already at [${first}]; remove one`);
        }
    };
}

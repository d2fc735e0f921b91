/** Field schemas: URLs, counts, DNS names, CIDRs, SSH keys, lists. Part of the stack configuration (./index.ts). */
import { z } from "zod";
import { MAX_POOL_VMS as MAX_POOL_COUNT } from "../builder-pool-plan";
import { checkIpv4Range, Ipv4Range, parseIpv4Range } from "../ip-ranges";
import { DNS_NAME_MAX } from "./limits";

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

/** Key types Azure Linux VMs accept; ECDSA is OpenSSH but Azure refuses it. */
export const SSH_KEY_TYPES = ["ssh-ed25519", "ssh-rsa"];
export const MIN_RSA_BITS = 2048;

/** Reads the SSH wire format's length-prefixed strings (RFC 4251 section 5). */
export function sshStrings(blob: Buffer): Buffer[] | null {
    const parts: Buffer[] = [];
    let offset = 0;
    while (offset < blob.length) {
        if (offset + 4 > blob.length) return null;
        const length = blob.readUInt32BE(offset);
        if (offset + 4 + length > blob.length) return null;
        parts.push(blob.subarray(offset + 4, offset + 4 + length));
        offset += 4 + length;
    }
    return parts;
}

/** Why `text` is not a public key Azure accepts, or null. */
export function sshPublicKeyProblem(text: string): string | null {
    const [type, base64] = text.trim().split(/\s+/);
    const expected = `an OpenSSH public key line such as "ssh-ed25519 AAAAC3Nz... you@host" (the .pub file)`;
    if (text.includes("PRIVATE KEY")) return `this is a private key; give the contents of the .pub file instead`;
    if (text.trim().includes("\n")) return `give one key on one line: ${expected}`;
    if (base64 === undefined) return `expected ${expected}`;
    if (type.startsWith("ecdsa-sha2-") || type.startsWith("sk-")) {
        return `Azure Linux VMs accept ssh-ed25519 and ssh-rsa keys only, not ${type}; make one with ssh-keygen -t ed25519`;
    }
    if (!SSH_KEY_TYPES.includes(type)) return `unknown key type "${type}"; expected ${expected}`;
    const blob = Buffer.from(base64, "base64");
    const parts = /^[A-Za-z0-9+/]+={0,2}$/.test(base64) ? sshStrings(blob) : null;
    if (parts === null || parts.length === 0) return `the key data after "${type}" is not valid base64 key data`;
    const embedded = parts[0].toString("latin1");
    if (embedded !== type) return `the key data is a ${embedded} key but the line says ${type}; copy the .pub file unchanged`;
    if (type === "ssh-ed25519" && (parts.length !== 2 || parts[1].length !== 32)) {
        return `the ssh-ed25519 key data is truncated or corrupt; copy the .pub file unchanged`;
    }
    if (type === "ssh-rsa") {
        if (parts.length !== 3) return `the ssh-rsa key data is truncated or corrupt; copy the .pub file unchanged`;
        // The third string is the modulus, a big-endian mpint.
        const bits = BigInt(`0x${parts[2].toString("hex") || "0"}`).toString(2).length;
        if (bits < MIN_RSA_BITS) return `a ${bits}-bit RSA key is too short for Azure (${MIN_RSA_BITS} or more); use ssh-keygen -t ed25519`;
    }
    return null;
}

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

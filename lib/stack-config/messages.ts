/** One line per mistake: zod issues turned into messages with key paths. Part of the stack configuration (./index.ts). */
import { closest, distance } from "fastest-levenshtein";
import { z } from "zod";
import { ConfigError } from "./types";

export const TYPE_NAMES: Record<string, string> = {
    string: "text",
    number: "a number",
    int: "a whole number",
    boolean: "true or false",
    array: "a list",
    object: "a map of keys to values",
    record: "a map of keys to values",
};

export function shown(value: unknown): string {
    const text = JSON.stringify(value) ?? String(value);
    const kind = Array.isArray(value)
        ? "a list"
        : value === null
          ? "null"
          : typeof value === "object"
            ? "a map"
            : typeof value === "string"
              ? "text"
              : typeof value;
    return `${text.length > 60 ? `${text.slice(0, 57)}...` : text} (${kind})`;
}

/**
 * A did-you-mean for a misspelt key or value: the closest candidate (ignoring case) within one edit per three
 * letters, so a one-letter value such as a zone never gets a guess; else the only candidate the word begins.
 */
export function likely(word: string, candidates: readonly string[]): string | undefined {
    const lower = candidates.map((candidate) => candidate.toLowerCase());
    const typed = word.toLowerCase();
    const best = closest(typed, lower);
    if (distance(typed, best) <= Math.floor(word.length / 3)) return candidates[lower.indexOf(best)];
    const extended = candidates.filter((_, index) => word.length >= 3 && lower[index].startsWith(typed));
    return extended.length === 1 ? extended[0] : undefined;
}

/** zod's per-parse message hook: one sentence per issue, plain words, with what to do. */
export function describeIssue(issue: z.core.$ZodRawIssue): string | undefined {
    switch (issue.code) {
        case "invalid_type": {
            if (issue.input === undefined) {
                const description = issue.inst && z.globalRegistry.get(issue.inst as z.core.$ZodType)?.description;
                return description === undefined ? "is required" : `is required: ${description}`;
            }
            // z.int() reports a string as "expected number"; its definition says it wants a whole one.
            const integer = issue.inst !== undefined && "format" in issue.inst._zod.def && issue.inst._zod.def.format === "safeint";
            return `expected ${TYPE_NAMES[integer ? "int" : issue.expected] ?? issue.expected}, got ${shown(issue.input)}`;
        }
        case "too_small":
            if (issue.origin === "string") return "must not be empty";
            return `must be at least ${issue.minimum}, got ${issue.input}`;
        case "too_big":
            if (issue.origin === "string") return `must be at most ${issue.maximum} characters`;
            return `must be at most ${issue.maximum}, got ${issue.input}`;
        case "invalid_value": {
            const options = issue.values.map((value) => JSON.stringify(value)).join(", ");
            const guess = typeof issue.input === "string" ? likely(issue.input, issue.values.map(String)) : undefined;
            return `must be one of ${options}, got ${shown(issue.input)}${guess === undefined ? "" : `; did you mean "${guess}"?`}`;
        }
        case "invalid_key":
            // A record key's own checks have already been worded.
            return issue.issues.map((inner) => inner.message).join("; ");
        default:
            return undefined;
    }
}

export function keyPath(root: string, path: readonly PropertyKey[]): string {
    return path.reduce<string>(
        (text, segment) =>
            typeof segment === "number"
                ? `${text}[${segment}]`
                : /^[A-Za-z_][A-Za-z0-9_]*$/.test(String(segment))
                  ? `${text}.${String(segment)}`
                  : `${text}[${JSON.stringify(String(segment))}]`,
        root,
    );
}

/** Parses one value; issues are appended to `errors` under `root`. */
export function check<S extends z.core.$ZodType>(schema: S, value: unknown, root: string, errors: ConfigError[]): z.output<S> | undefined {
    const result = z.safeParse(schema, value, { error: describeIssue });
    if (result.success) return result.data;
    errors.push(...result.error.issues.map((issue) => ({ key: keyPath(root, issue.path), message: issue.message })));
    return undefined;
}

/** Keys of an object the schema does not know, each with its likely meaning. */
export function unknownKeys(value: unknown, known: readonly string[], root: string): ConfigError[] {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return [];
    return Object.keys(value)
        .filter((key) => !known.includes(key))
        .map((key) => {
            const guess = likely(key, known);
            return {
                key: keyPath(root, [key]),
                message: guess === undefined ? `unknown key; the keys here are ${known.join(", ")}` : `unknown key; did you mean "${guess}"?`,
                meant: guess === undefined ? undefined : keyPath(root, [guess]),
            };
        });
}

/**
 * Pulumi's raw configuration: the flat map of strings a program is handed, and the stack file it comes from.
 * Part of the stack configuration (./index.ts).
 */
import type { ConfigType } from "./keys";

/**
 * The raw map Pulumi would hand the program for a parsed `Pulumi.<stack>.yaml` document: structured values as
 * JSON text, scalars as their text. Lets the tests and offline tools read a stack file as `pulumi` would.
 */
export function rawConfigFromStackFile(document: unknown): Record<string, string> {
    const config = (document as { config?: Record<string, unknown> } | null)?.config ?? {};
    return Object.fromEntries(
        Object.entries(config).map(([key, value]) => [key, typeof value === "object" && value !== null ? JSON.stringify(value) : String(value)]),
    );
}

/** Structured values arrive as JSON; anything that does not parse is kept as text so the type check names it. */
export function decode(text: string | undefined, type: ConfigType): unknown {
    if (text === undefined || type === "string") return text;
    try {
        return JSON.parse(text);
    } catch {
        return text;
    }
}

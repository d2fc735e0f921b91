/**
 * Small, pure renderers for the flat `key = value` files the builder needs: kojid.conf (read by Python's
 * configparser), systemd units and drop-ins, and the scripts' environment file. Each refuses values that
 * would change the file's structure (a newline starts a new key; a leading `[` a new section), so a
 * setting can never smuggle a line into a file.
 */

/**
 * A value: a string, a number, a boolean, a list joined with spaces (as systemd and kojid both read them), or
 * `{ each: [...] }`: the key repeated once per value, as systemd wants for `ExecStartPre=` or `ListenStream=`.
 */
export type IniValue = string | number | boolean | readonly string[] | { readonly each: readonly string[] };

/** Section name → key → value; keys keep their insertion order. */
export type IniSections = Readonly<Record<string, Readonly<Record<string, IniValue>>>>;

export interface IniStyle {
    /** What stands between key and value: `" = "` for configparser files, `"="` for systemd. */
    readonly separator: string;
}

function checkLine(what: string, text: string): string {
    if (/[\r\n\0]/.test(text)) {
        throw new Error(`${what} must be a single line, got ${JSON.stringify(text)}`);
    }
    return text;
}

function valueTexts(value: IniValue): readonly string[] {
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
        return [String(value)];
    }
    return "each" in value ? value.each : [value.join(" ")];
}

/** Renders sections in order; an empty section still gets its header. */
export function renderIni(sections: IniSections, style: IniStyle = { separator: " = " }): string {
    return Object.entries(sections)
        .map(([section, entries]) => {
            const lines = Object.entries(entries).flatMap(([key, value]) => {
                if (!/^[A-Za-z0-9_.-]+$/.test(key)) {
                    throw new Error(`[${section}]: key ${JSON.stringify(key)} is not a plain name`);
                }
                return valueTexts(value).map((text) => `${key}${style.separator}${checkLine(`[${section}] ${key}`, text)}`);
            });
            return [`[${checkLine("section name", section)}]`, ...lines].join("\n");
        })
        .join("\n\n")
        .concat("\n");
}

/**
 * An environment file for systemd's `EnvironmentFile=` that bash can also read line by line: values are
 * written unquoted, so they may not contain whitespace, quotes, `$`, backslashes or backticks.
 */
export function renderEnvironmentFile(variables: Readonly<Record<string, string | number>>): string {
    return Object.entries(variables)
        .map(([name, value]) => {
            const text = String(value);
            if (!/^[A-Z_][A-Z0-9_]*$/.test(name)) {
                throw new Error(`environment variable name ${JSON.stringify(name)} is not valid`);
            }
            if (/[\s"'`$\\]/.test(text)) {
                throw new Error(`${name}: value ${JSON.stringify(text)} must not contain whitespace, quotes or $`);
            }
            return `${name}=${text}\n`;
        })
        .join("");
}

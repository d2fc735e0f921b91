/**
 * Reads a stack's configuration file into the raw map Pulumi hands a program, with Pulumi.yaml's project
 * defaults under it as the CLI applies them, or says in one line why it cannot.
 */
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { parse, parseDocument } from "yaml";
import { rawConfigFromStackFile } from "../../lib/stack-config";

export const PROJECT_ROOT = path.resolve(__dirname, "..", "..");

export interface StackFile {
    readonly stack: string;
    readonly path: string;
    readonly config: Record<string, string>;
}

/** `Pulumi.<stack>.yaml` beside Pulumi.yaml, or any file given by path (whose stack name is its base name). */
export function readStackFile(choice: { readonly stack?: string; readonly configFile?: string }): StackFile {
    const file = choice.configFile ? path.resolve(choice.configFile) : path.join(PROJECT_ROOT, `Pulumi.${choice.stack ?? "dev"}.yaml`);
    const stack =
        choice.stack ??
        path
            .basename(file)
            .replace(/^Pulumi\./, "")
            .replace(/\.ya?ml$/, "");
    if (!existsSync(file)) {
        throw new Error(`no stack file ${path.relative(process.cwd(), file) || file}; name an existing stack (--stack dev) or file (--config-file PATH)`);
    }
    const document = parseDocument(readFileSync(file, "utf8"));
    if (document.errors.length > 0) {
        const [first] = document.errors;
        throw new Error(`${path.basename(file)} is not valid YAML (line ${first.linePos?.[0].line ?? "?"}): ${first.message.split("\n")[0]}`);
    }
    return { stack, path: file, config: { ...projectDefaults(), ...rawConfigFromStackFile(document.toJS()) } };
}

/** `buildfarm:<key>` -> default, for every key Pulumi.yaml declares with a `default`, in the stack file's raw form. */
export function projectDefaults(): Record<string, string> {
    const project = parse(readFileSync(path.join(PROJECT_ROOT, "Pulumi.yaml"), "utf8")) as { name: string; config?: Record<string, { default?: unknown }> };
    const declared = Object.entries(project.config ?? {}).filter(([, declaration]) => declaration.default !== undefined);
    return rawConfigFromStackFile({ config: Object.fromEntries(declared.map(([key, declaration]) => [`${project.name}:${key}`, declaration.default])) });
}

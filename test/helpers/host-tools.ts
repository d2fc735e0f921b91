/**
 * Tests that need a host tool (cloud-init, shellcheck, python3, openssl, curl, jq): under CI they must
 * fail when it is missing (CI installs them in .ci/run), elsewhere they are skipped with a clear reason.
 */
import { spawnSync } from "child_process";
import { expect, it } from "vitest";

export function hasTool(tool: string): boolean {
    return spawnSync("sh", ["-c", `command -v ${tool}`], { stdio: "ignore" }).status === 0;
}

/** `it`, guarded by the tools the test runs. */
export function itWithTools(tools: readonly string[], name: string, fn: () => unknown | Promise<unknown>, timeout?: number): void {
    const missing = tools.filter((tool) => !hasTool(tool));
    if (missing.length === 0) {
        it(name, fn, timeout);
    } else if (process.env.CI === "true") {
        it(name, () => {
            throw new Error(`missing host tools under CI: ${missing.join(", ")} (install the Debian packages in .ci/run)`);
        });
    } else {
        it.skip(`${name} [skipped: ${missing.join(", ")} not installed; apt-get install them to run it]`, fn);
    }
}

/** Runs a command; returns its exit status and output (never throws on a non-zero status). */
export function run(command: string, args: readonly string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}) {
    const result = spawnSync(command, args, { input: options.input, env: options.env ?? process.env, encoding: "utf8" });
    return { status: result.status, stdout: result.stdout ?? "", stderr: result.stderr ?? "" };
}

/** Runs Python code that reads `input` on stdin and prints one JSON value; returns that value. */
export function pythonJson(lines: readonly string[], input: string): unknown {
    const result = run("python3", ["-c", ["import json, sys", ...lines].join("\n")], { input });
    expect(result.stderr).toBe("");
    return JSON.parse(result.stdout);
}

/** configparser's view of an INI text (section → key → value), as kojid (Python) will read it. */
export function configparser(text: string): Record<string, Record<string, string>> {
    return pythonJson(
        [
            "import configparser",
            "parser = configparser.ConfigParser()",
            "parser.optionxform = str",
            "parser.read_string(sys.stdin.read())",
            "print(json.dumps({s: dict(parser[s]) for s in parser.sections()}))",
        ],
        text,
    ) as Record<string, Record<string, string>>;
}

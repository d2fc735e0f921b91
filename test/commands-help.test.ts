/** Every command answers --help with its usage on stdout and exit 0, before doing any work. */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import * as path from "node:path";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);

describe("--help", () => {
    it.each(["plan", "policy-config", "bench", "bench:cache", "size-properties", "sizes"])(
        "npm run %s -- --help",
        async (command) => {
            const { stdout } = await run("npm", ["run", "-s", command, "--", "--help"], { cwd: path.join(__dirname, "..") });
            expect(stdout.split("\n")[0]).toMatch(new RegExp(`^usage: npm run (-s )?${command}`));
        },
        60_000,
    );
});

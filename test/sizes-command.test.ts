import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { runSizesCommand } from "../scripts/sizes";

const TODAY = new Date("2026-11-24");
const run = (...argv: string[]) => runSizesCommand(argv, TODAY);

describe("sizes command", () => {
    it("answers --json in input order with the documented fields", () => {
        const result = run("--json", "Standard_D16as_v5", "Standard_A2_v2", "Standard_D4ps_v6");
        const verdicts = JSON.parse(result.stdout);
        expect(verdicts.map((v: { size: string; status: string }) => [v.size, v.status])).toEqual([
            ["Standard_D16as_v5", "allowed"],
            ["Standard_A2_v2", "below-minimum-level"],
            ["Standard_D4ps_v6", "arm64"],
        ]);
        expect(Object.keys(verdicts[0])).toEqual([
            "size",
            "status",
            "allowed",
            "level",
            "arch",
            "series",
            "vcpus",
            "quotaVcpus",
            "reason",
            "capabilities",
            "asPool",
        ]);
        expect(verdicts[0].capabilities).toMatchObject({ tempDiskGib: 0, localDisk: "none", premiumStorage: true, trustedLaunch: true });
        expect(verdicts[0].asPool).toEqual({ regular: "ok", spot: "ok" });
        expect(result.exitCode).toBe(1);
    });

    it("exits 0 only when every size is allowed", () => {
        expect(run("Standard_D16as_v5", "Standard_E8-4ds_v5").exitCode).toBe(0);
        expect(run("Standard_D16as_v5", "Standard_Nope_v1").exitCode).toBe(1);
    });

    it("prints a readable table with a reason per size", () => {
        const { stdout } = run("Standard_D16as_v5", "Standard_D3");
        expect(stdout).toMatch(/^SIZE\s+STATUS\s+LEVEL/);
        expect(stdout).toMatch(/Standard_D3\s+below-minimum-level\s+x86-64-v2/);
        expect(stdout).toContain("NO   Standard_D3: the D-series v1");
    });

    it("honours --as-of and --min-level", () => {
        expect(JSON.parse(run("--json", "--as-of", "2026-09-29", "Standard_NV12s_v3").stdout)[0].status).toBe("allowed");
        expect(JSON.parse(run("--json", "--as-of", "2026-09-30", "Standard_NV12s_v3").stdout)[0].status).toBe("retired");
        expect(run("--min-level", "x86-64-v4", "Standard_D16as_v5").exitCode).toBe(1);
        expect(run("--min-level", "x86-64-v4", "Standard_D16as_v6").exitCode).toBe(0);
    });

    it("lists the catalog", () => {
        const list = JSON.parse(run("--list", "--json").stdout);
        expect(list.length).toBeGreaterThan(90);
        expect(list.find((entry: { series: string }) => entry.series === "Dasv5 / Dadsv5")).toMatchObject({ status: "allowed", level: "x86-64-v3" });
        expect(run("--list").stdout).toMatch(/^SERIES\s+STATUS/);
    });

    it("lists every documented size with its verdict and capabilities", () => {
        const sizes = JSON.parse(run("--size-list", "--json").stdout);
        expect(sizes.length).toBeGreaterThan(1500);
        expect(sizes.find((entry: { size: string }) => entry.size === "Standard_E16-4ads_v5")).toMatchObject({
            status: "allowed",
            vcpus: 4,
            quotaVcpus: 16,
            capabilities: { localDisk: "resource" },
        });
        expect(run("--size-list").stdout).toMatch(/^SIZE\s+STATUS\s+LEVEL\s+VCPUS\s+QUOTA/);
    });

    it("says what the pool plan would say of a size, regular and Spot", () => {
        const [burstable, confidential] = JSON.parse(run("--json", "Standard_B16as_v2", "Standard_DC8as_v5").stdout);
        expect(burstable.asPool).toEqual({ regular: "ok", spot: expect.stringContaining('Azure rule "spot-no-b-series"') });
        expect(confidential.asPool.regular).toContain('Azure rule "trusted-launch"');
        expect(run("Standard_D16sa_v5").stdout).toContain("did you mean Standard_D16as_v5?");
    });

    it.each([
        [["--as-of", "2026-02-30", "Standard_D4s_v5"], /--as-of "2026-02-30" is not a date/],
        [["--min-level", "x86-64-v2", "Standard_D4s_v5"], /--min-level "x86-64-v2" is not one of x86-64-v3, x86-64-v4/],
        [[], /name at least one size/],
        [["--frobnicate", "Standard_D4s_v5"], /Unknown option '--frobnicate'/],
        [["--list", "Standard_D4s_v5"], /--list takes no size names/],
        [["--size-list", "Standard_D4s_v5"], /--size-list takes no size names/],
        [["--list", "--size-list"], /--list and --size-list are two listings; give one/],
    ])("exits 2 with one clear line on bad arguments %j", (argv, message) => {
        const result = run(...argv);
        expect(result.exitCode).toBe(2);
        expect(result.stdout).toBe("");
        expect(result.stderr.split("\n")[0]).toMatch(message);
        expect(result.stderr).not.toMatch(/\n\s+at /);
    });

    it("runs as `npm run sizes` with the documented exit codes", async () => {
        const npmRun = (...args: string[]) =>
            promisify(execFile)("npm", ["run", "-s", "sizes", "--", ...args], { cwd: `${__dirname}/..` }).then(
                ({ stdout }) => ({ stdout, code: 0 }),
                (error: { stdout: string; code: number }) => ({ stdout: error.stdout, code: error.code }),
            );
        const allowed = await npmRun("--json", "Standard_D16as_v5");
        expect(allowed.code).toBe(0);
        expect(JSON.parse(allowed.stdout)[0].status).toBe("allowed");
        expect((await npmRun("Standard_A2_v2")).code).toBe(1);
        expect((await npmRun("--min-level", "v9", "Standard_A2_v2")).code).toBe(2);
    });
});

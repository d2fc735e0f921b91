/**
 * The builder's systemd units, checked by the real `systemd-analyze verify` (Debian's systemd) in a root that holds
 * the host's own system units, the rendered unit files and stand-ins for the binaries they run.
 *
 * One allowance, stated: `NFTSet=` exists from systemd 255 (systemd.resource-control(5)); Fedora 40 and later ship
 * 255+, Debian 12's systemd is 252. Where the verifying systemd is older than 255, exactly its "Unknown key
 * 'NFTSet'" warnings are set aside; any other line fails the test.
 */
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { afterAll, describe, expect } from "vitest";
import { MockDiskPlacement, renderBuilderCloudInit } from "../lib/cloud-init";
import { fedoraBuilderSettings, parseUserData } from "./helpers/builder-settings";
import { itWithTools, run } from "./helpers/host-tools";

const work = mkdtempSync(path.join(tmpdir(), "builder-units-test-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const NFTSET_SYSTEMD = 255;

function systemdVersion(): number {
    return Number(/systemd (\d+)/.exec(run("systemd-analyze", ["--version"]).stdout)?.[1] ?? 0);
}

/** A root with the host's system units, the rendered files, and executables for every path the units run. */
function unitRoot(mockDisk: MockDiskPlacement): { root: string; units: string[] } {
    const root = path.join(work, mockDisk);
    const { config } = parseUserData(renderBuilderCloudInit(fedoraBuilderSettings({ mockDisk })));
    const hostUnits = ["/usr/lib/systemd/system", "/lib/systemd/system"].find(existsSync)!;
    mkdirSync(path.join(root, "usr/lib/systemd"), { recursive: true });
    cpSync(hostUnits, path.join(root, "usr/lib/systemd/system"), { recursive: true, dereference: false });
    const units: string[] = [];
    for (const entry of config.write_files) {
        if (!entry.path.startsWith("/etc/systemd/system/") && !entry.path.startsWith("/usr/local/sbin/")) continue;
        const target = path.join(root, entry.path);
        mkdirSync(path.dirname(target), { recursive: true });
        writeFileSync(target, entry.content);
        chmodSync(target, Number.parseInt(entry.permissions, 8));
        if (/^\/etc\/systemd\/system\/[^/]+\.(service|socket)$/.test(entry.path)) units.push(target);
    }
    // Stand-ins for what the Fedora packages provide: kojid's own unit (koji's builder/kojid.service runs
    // /usr/sbin/kojid) and azure-vm-utils' disk setup unit, plus the binaries the rendered units run.
    const system = path.join(root, "etc/systemd/system");
    writeFileSync(path.join(system, "kojid.service"), "[Unit]\nDescription=kojid stand-in\n\n[Service]\nExecStart=/usr/sbin/kojid --fg --force-lock --verbose\nExecReload=/bin/kill -USR1 $MAINPID\n");
    writeFileSync(path.join(system, "azure-ephemeral-disk-setup.service"), "[Unit]\nDescription=stand-in\n\n[Service]\nType=oneshot\nExecStart=/usr/bin/true\n");
    units.push(path.join(system, "kojid.service"));
    for (const binary of ["usr/sbin/kojid", "usr/sbin/nft", "usr/bin/install", "usr/bin/true", "bin/kill"]) {
        mkdirSync(path.dirname(path.join(root, binary)), { recursive: true });
        writeFileSync(path.join(root, binary), "#!/bin/sh\n");
        chmodSync(path.join(root, binary), 0o755);
    }
    return { root, units };
}

describe("the builder's units", () => {
    for (const mockDisk of ["nvme", "data-disk"] as const) {
        itWithTools(["systemd-analyze"], `pass systemd-analyze verify (${mockDisk})`, () => {
            const { root, units } = unitRoot(mockDisk);
            const result = run("systemd-analyze", ["verify", `--root=${root}`, ...units]);
            const lines = (result.stdout + result.stderr).split("\n").filter(Boolean);
            const older = systemdVersion() < NFTSET_SYSTEMD;
            const unexpected = lines.filter((line) => !(older && /: Unknown key '?NFTSet'? in section \[(Service|Slice)\], ignoring\.$/.test(line)));
            expect(unexpected).toEqual([]);
            expect(result.status).toBe(0);
            // The check does read the units: the allowance above is used where systemd is older, and only there.
            expect(lines.some((line) => /NFTSet/.test(line))).toBe(older);
        });
    }
});

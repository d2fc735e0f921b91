/**
 * `systemd-analyze verify` on rendered units: a root that holds the host's own system units, the user data's unit
 * files and scripts, stand-ins for the units the Fedora packages ship, and executables for every path they run.
 *
 * One allowance, stated: `NFTSet=` exists from systemd 255 (systemd.resource-control(5)); Fedora 40 and later ship
 * 255+, Debian 12's systemd is 252. Where the verifying systemd is older than 255, exactly its "Unknown key
 * 'NFTSet'" warnings are set aside; any other line is reported.
 */
import { chmodSync, cpSync, existsSync, mkdirSync, writeFileSync } from "fs";
import * as path from "path";
import { parseUserData } from "./builder-settings";
import { run } from "./host-tools";

const NFTSET_SYSTEMD = 255;

export function systemdVersion(): number {
    return Number(/systemd (\d+)/.exec(run("systemd-analyze", ["--version"]).stdout)?.[1] ?? 0);
}

export interface UnitRootParts {
    /** Unit files the packages would ship (name → text), verified with the rendered ones. */
    readonly packagedUnits: Readonly<Record<string, string>>;
    /** Paths (inside the root) the units run, created as executables. */
    readonly binaries: readonly string[];
}

/** Builds the root under `root`; returns the unit files to verify. */
export function unitRoot(root: string, userData: string, parts: UnitRootParts): string[] {
    const { config } = parseUserData(userData);
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
    const system = path.join(root, "etc/systemd/system");
    for (const [name, text] of Object.entries(parts.packagedUnits)) {
        writeFileSync(path.join(system, name), text);
        units.push(path.join(system, name));
    }
    for (const binary of parts.binaries) {
        mkdirSync(path.dirname(path.join(root, binary)), { recursive: true });
        writeFileSync(path.join(root, binary), "#!/bin/sh\n");
        chmodSync(path.join(root, binary), 0o755);
    }
    return units;
}

/** Runs the verifier; returns its status, every line, and the lines the stated allowance does not cover. */
export function verifyUnits(root: string, units: readonly string[]) {
    const result = run("systemd-analyze", ["verify", `--root=${root}`, ...units]);
    const lines = (result.stdout + result.stderr).split("\n").filter(Boolean);
    const older = systemdVersion() < NFTSET_SYSTEMD;
    const unexpected = lines.filter((line) => !(older && /: Unknown key '?NFTSet'? in section \[(Service|Slice)\], ignoring\.$/.test(line)));
    return { status: result.status, lines, unexpected, older };
}

/**
 * The builder's systemd units, checked by the real `systemd-analyze verify` (Debian's systemd; the root and the
 * NFTSet= allowance are test/helpers/unit-root.ts's).
 */
import { mkdtempSync, rmSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { afterAll, describe, expect } from "vitest";
import { MockDiskPlacement, renderBuilderCloudInit } from "../lib/cloud-init";
import { fedoraBuilderSettings } from "./helpers/builder-settings";
import { itWithTools } from "./helpers/host-tools";
import { unitRoot, verifyUnits } from "./helpers/unit-root";

const work = mkdtempSync(path.join(tmpdir(), "builder-units-test-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The builder's units with stand-ins for kojid's own unit (koji's builder/kojid.service runs /usr/sbin/kojid) and azure-vm-utils' disk setup unit. */
function builderUnitRoot(mockDisk: MockDiskPlacement): { root: string; units: string[] } {
    const root = path.join(work, mockDisk);
    const units = unitRoot(root, renderBuilderCloudInit(fedoraBuilderSettings({ mockDisk })), {
        packagedUnits: {
            "kojid.service":
                "[Unit]\nDescription=kojid stand-in\n\n[Service]\nExecStart=/usr/sbin/kojid --fg --force-lock --verbose\nExecReload=/bin/kill -USR1 $MAINPID\n",
            "azure-ephemeral-disk-setup.service": "[Unit]\nDescription=stand-in\n\n[Service]\nType=oneshot\nExecStart=/usr/bin/true\n",
        },
        binaries: ["usr/sbin/kojid", "usr/sbin/nft", "usr/bin/install", "usr/bin/true", "bin/kill"],
    });
    return { root, units };
}

describe("the builder's units", () => {
    for (const mockDisk of ["nvme", "data-disk"] as const) {
        itWithTools(["systemd-analyze"], `pass systemd-analyze verify (${mockDisk})`, () => {
            const { root, units } = builderUnitRoot(mockDisk);
            const { status, lines, unexpected, older } = verifyUnits(root, units);
            expect(unexpected).toEqual([]);
            expect(status).toBe(0);
            // The check does read the units: the allowance above is used where systemd is older, and only there.
            expect(lines.some((line) => /NFTSet/.test(line))).toBe(older);
        });
    }
});

/**
 * The SDK-derived table of VM-size inputs: it matches what the installed @pulumi/azure-native says (so an SDK
 * upgrade that adds a size property fails here until the table is regenerated and the row classified), and the
 * size policy refuses a size below v3 at every checked row's path and passes a v3 size there.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { NOT_VM_SIZES, SIZE_PROPERTY_TABLE, SizePropertyRow, valuesAt } from "../policy/lib/size-properties";
import { vmSizesX8664V3 } from "../policy/policies/vm-sizes-x86-64-v3";
import { renderTable, TABLE_FILE } from "../scripts/size-properties";
import { runResourcePolicies } from "./helpers/policy-harness";
import { OFFLINE_STATE_SDK_VERSION } from "../scripts/plan/offline-state";

const V3 = "Standard_D16as_v5";
const BELOW = "Standard_A2_v2";

/** Inputs with `value` at a table path (lists of one element), as a program would write them. */
function inputsWith(tablePath: string, value: string): Record<string, unknown> {
    const build = (segments: readonly string[]): unknown => {
        if (segments.length === 0) return value;
        const [segment, ...rest] = segments;
        const list = segment.endsWith("[]");
        const inner = build(rest);
        return { [list ? segment.slice(0, -2) : segment]: list ? [inner] : inner };
    };
    return build(tablePath.split(".")) as Record<string, unknown>;
}

const checkedRows = SIZE_PROPERTY_TABLE.rows.filter((row) => !row.properties.every((property) => property in NOT_VM_SIZES));
const concretePath = (row: SizePropertyRow) => row.path.replace(/\[\]/g, "[0]");

describe("the SDK-derived size property table", () => {
    it("is what the installed @pulumi/azure-native's types say (npm run size-properties regenerates it)", () => {
        expect(readFileSync(TABLE_FILE, "utf8")).toBe(renderTable());
        const installed = JSON.parse(readFileSync(path.join(__dirname, "..", "node_modules/@pulumi/azure-native/package.json"), "utf8")).version;
        expect(SIZE_PROPERTY_TABLE.sdkVersion).toBe(installed);
    }, 60_000);

    it("the plan's offline Azure was read from the same SDK release", () => {
        const installed = JSON.parse(readFileSync(path.join(__dirname, "..", "node_modules/@pulumi/azure-native/package.json"), "utf8")).version;
        expect(OFFLINE_STATE_SDK_VERSION).toBe(installed);
    });

    it("finds the sizes the pack knew before it, and the ones it did not", () => {
        const rows = SIZE_PROPERTY_TABLE.rows.map((row) => `${row.type} ${row.path}`);
        expect(rows).toEqual(
            expect.arrayContaining([
                "azure-native:compute:VirtualMachine hardwareProfile.vmSize",
                "azure-native:containerservice:ManagedCluster agentPoolProfiles[].vmSize",
                "azure-native:batch:Pool vmSize",
                "azure-native:hdinsight:Cluster properties.computeProfile.roles[].hardwareProfile.vmSize",
                "azure-native:machinelearningservices:Compute properties.properties.vmSize",
                "azure-native:virtualmachineimages:VirtualMachineImageTemplate vmProfile.vmSize",
                "azure-native:devtestlab:VirtualMachine size",
                "azure-native:compute:VirtualMachineScaleSetVM hardwareProfile.vmSize",
            ]),
        );
    });

    it("names a reason for every row it does not check, and only for rows the table has", () => {
        const properties = new Set(SIZE_PROPERTY_TABLE.rows.flatMap((row) => row.properties));
        for (const [property, why] of Object.entries(NOT_VM_SIZES)) {
            expect(properties.has(property), property).toBe(true);
            expect(why.length).toBeGreaterThan(10);
        }
    });

    it("reads a path through lists to each value that is set", () => {
        const props = {
            properties: { computeProfile: { roles: [{ hardwareProfile: { vmSize: "a" } }, { hardwareProfile: {} }, { hardwareProfile: { vmSize: "c" } }] } },
        };
        expect(valuesAt(props, "properties.computeProfile.roles[].hardwareProfile.vmSize")).toEqual([
            { path: "properties.computeProfile.roles[0].hardwareProfile.vmSize", value: "a" },
            { path: "properties.computeProfile.roles[2].hardwareProfile.vmSize", value: "c" },
        ]);
    });
});

describe("vm-sizes-x86-64-v3 at every checked row of the table", () => {
    const sizeMessages = async (row: SizePropertyRow, size: string) =>
        (await runResourcePolicies([{ type: row.type, name: "subject", inputs: inputsWith(row.path, size) }], {}, [vmSizesX8664V3])).map(
            (violation) => violation.message,
        );

    it.each(checkedRows.map((row) => [`${row.type} ${row.path}`, row] as const))("%s", async (_name, row) => {
        expect(await sizeMessages(row, BELOW)).toContainEqual(expect.stringContaining(`${concretePath(row)}: `));
        expect((await sizeMessages(row, V3)).filter((message) => message.startsWith(`${concretePath(row)}: `))).toEqual([]);
    });
});

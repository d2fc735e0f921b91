/**
 * The SDK-derived table of azure-native inputs that carry a VM size (size-property-table.json, written by
 * `npm run size-properties` from @pulumi/azure-native's own type definitions, with the SDK version it was read
 * from), and which of them the size policy checks. A test regenerates the table from the installed SDK and fails
 * when an upgrade adds a row, so a new place for a size cannot go unchecked unnoticed.
 *
 * Every row is checked wherever it is set, except the properties below that hold something other than an Azure
 * VM size that runs the farm's kind of compute (each with why). A row's size is judged only when present: the
 * resources with dedicated checks (vm-size-locations.ts) are the ones where a missing size lets Azure choose.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { asList, field, LocatedValue } from "./props";
import { canonicalType } from "./resource-types";

export interface SizePropertyRow {
    readonly type: string;
    /** Dotted path in the resource's inputs; `[]` marks a list. */
    readonly path: string;
    readonly properties: readonly string[];
}

export interface SizePropertyTable {
    readonly sdk: string;
    readonly sdkVersion: string;
    readonly rows: readonly SizePropertyRow[];
}

export const SIZE_PROPERTY_TABLE: SizePropertyTable = JSON.parse(fs.readFileSync(path.join(__dirname, "size-property-table.json"), "utf8"));

/** Properties the scan finds that are not Azure VM sizes of compute this pack governs, and why. */
export const NOT_VM_SIZES: Readonly<Record<string, string>> = {
    "signalrservice.ResourceSkuArgs.name": "a SignalR service tier (Free_F1, Standard_S1, Premium_P1), not a VM size",
    "webpubsub.ResourceSkuArgs.name": "a Web PubSub service tier (Free_F1, Standard_S1, Premium_P1), not a VM size",
    "dbformysql.MySQLServerSkuArgs.name": "a MySQL compute tier (GP_Gen5_2), not a VM size",
    "machinelearningservices.SynapseSparkPropertiesArgs.nodeSize": "a Spark node size (Small, Medium, Large), not a VM size",
    "azurestackhci.VirtualMachineInstancePropertiesHardwareProfileArgs.vmSize": "an Azure Local VM on the customer's own hardware, not Azure compute",
    "networkcloud.AgentPoolArgs.vmSkuName": "an Operator Nexus SKU on the operator's own hardware, not Azure compute",
    "networkcloud.ControlPlaneNodeConfigurationArgs.vmSkuName": "an Operator Nexus SKU on the operator's own hardware, not Azure compute",
    "networkcloud.InitialAgentPoolConfigurationArgs.vmSkuName": "an Operator Nexus SKU on the operator's own hardware, not Azure compute",
    "compute.ProximityPlacementGroupPropertiesIntentArgs.vmSizes": "the sizes a placement group is meant for: it creates no VM",
};

const checked = (row: SizePropertyRow) => !row.properties.every((property) => property in NOT_VM_SIZES);

/** The checked rows by type. */
const ROWS_BY_TYPE: ReadonlyMap<string, readonly SizePropertyRow[]> = SIZE_PROPERTY_TABLE.rows.filter(checked).reduce((byType, row) => {
    byType.set(row.type, [...(byType.get(row.type) ?? []), row]);
    return byType;
}, new Map<string, SizePropertyRow[]>());

/** Every type the table has a checked size for. */
export const TABLE_TYPES: readonly string[] = [...ROWS_BY_TYPE.keys()];

/** The values present at a table path, each with its concrete path (`roles[1].hardwareProfile.vmSize`). */
export function valuesAt(props: unknown, tablePath: string): LocatedValue[] {
    const walk = (value: unknown, segments: readonly string[], at: string): LocatedValue[] => {
        if (segments.length === 0) return value === undefined || value === null ? [] : [{ path: at, value }];
        const [segment, ...rest] = segments;
        const list = segment.endsWith("[]");
        const key = list ? segment.slice(0, -2) : segment;
        const here = at === "" ? key : `${at}.${key}`;
        const child = field(value, key);
        return list ? asList(child).flatMap((element, index) => walk(element, rest, `${here}[${index}]`)) : walk(child, rest, here);
    };
    return walk(props, tablePath.split("."), "");
}

/** The table's checked rows for a resource of `type` (any API version). */
export const tableRowsOf = (type: string): readonly SizePropertyRow[] => ROWS_BY_TYPE.get(canonicalType(type)) ?? [];

/**
 * Finds, in @pulumi/azure-native's own type definitions, every resource input that carries a VM size: the
 * resource classes' `<Resource>Args` and the input types they reach (`types/input.d.ts`), read with the
 * TypeScript compiler's parser. Used by `npm run size-properties` (which writes the table the pack reads) and by
 * the test that fails when an SDK upgrade adds a size property the table does not have.
 *
 * A property carries a VM size when its name is one the SDK uses for sizes, its type is text (or a list of
 * text), and its documentation speaks of a virtual machine's (or VM's, or node's) size or SKU, or gives an
 * Azure size as its example (`Standard_…`).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import type { SizePropertyRow, SizePropertyTable } from "../../policy/lib/size-properties";

const SIZE_NAMES = /^(vmSize|vmSizes|size|virtualMachineSize|targetVmSize|agentVmSize|proxyVmSize|vmSkuName|nodeSku|nodeSize|sku|name|allowedVMSizes)$/;
const SIZE_DOC = /(virtual machine|\bVMs?\b|\bnodes?\b)[^.]{0,40}\b(size|sku)s?\b|\b(size|sku)s?\b[^.]{0,40}(virtual machine|\bVMs?\b)|Standard_[A-Z]/i;
const MAX_DEPTH = 8;

interface Member {
    readonly name: string;
    readonly typeText: string;
    readonly doc: string;
}

function docOf(node: ts.Node): string {
    return ts
        .getJSDocCommentsAndTags(node)
        .map((doc) => (typeof (doc as { comment?: unknown }).comment === "string" ? (doc as { comment: string }).comment : ""))
        .join(" ");
}

function membersOf(node: ts.InterfaceDeclaration, source: ts.SourceFile): Member[] {
    return node.members.filter(ts.isPropertySignature).map((member) => ({
        name: member.name.getText(source).replace(/^"|"$/g, ""),
        typeText: member.type?.getText(source) ?? "",
        doc: docOf(member),
    }));
}

/** `module.Interface` → its members, for every interface of `types/input.d.ts`. */
function inputInterfaces(sdkRoot: string): Map<string, Member[]> {
    const source = ts.createSourceFile("input.d.ts", fs.readFileSync(path.join(sdkRoot, "types/input.d.ts"), "utf8"), ts.ScriptTarget.Latest, true);
    const found = new Map<string, Member[]>();
    const visit = (node: ts.Node, namespace: string[]) => {
        if (ts.isModuleDeclaration(node) && node.body !== undefined) {
            const inner = [...namespace, node.name.getText(source)];
            if (ts.isModuleBlock(node.body)) node.body.statements.forEach((statement) => visit(statement, inner));
            else visit(node.body, inner);
            return;
        }
        if (ts.isInterfaceDeclaration(node)) found.set([...namespace, node.name.text].join("."), membersOf(node, source));
        ts.forEachChild(node, (child) => visit(child, namespace));
    };
    visit(source, []);
    return found;
}

const isText = (typeText: string) => /\bstring\b/.test(typeText) && !/inputs\./.test(typeText);
const isSizeProperty = (member: Member) => SIZE_NAMES.test(member.name) && isText(member.typeText) && SIZE_DOC.test(member.doc);

/** The input types a property's type refers to (`inputs.compute.HardwareProfileArgs`), and whether it is a list. */
function referencedInputs(typeText: string): { names: string[]; list: boolean } {
    const names = [...typeText.matchAll(/inputs\.([A-Za-z0-9_]+\.[A-Za-z0-9_]+)/g)].map((match) => match[1]);
    return { names, list: /\[\]/.test(typeText) };
}

/** The size properties reachable from one resource's args (`argsName` names them in `properties`). */
function rowsOf(type: string, argsName: string, args: readonly Member[], inputs: Map<string, Member[]>): SizePropertyRow[] {
    const rows: SizePropertyRow[] = [];
    const walk = (members: readonly Member[], owner: string, prefix: string, seen: ReadonlySet<string>, depth: number) => {
        for (const member of members) {
            const here = `${prefix}${member.name}`;
            if (isSizeProperty(member))
                rows.push({ type, path: `${here}${/\[\]/.test(member.typeText) ? "[]" : ""}`, properties: [`${owner}.${member.name}`] });
            if (depth >= MAX_DEPTH) continue;
            const { names, list } = referencedInputs(member.typeText);
            for (const name of names) {
                const nested = inputs.get(name);
                if (nested === undefined || seen.has(name)) continue;
                walk(nested, name, `${here}${list ? "[]" : ""}.`, new Set([...seen, name]), depth + 1);
            }
        }
    };
    walk(args, argsName, "", new Set(), 0);
    // One row per path: a union type (one property, several input types) reaches the same path more than once.
    const byPath = new Map<string, SizePropertyRow>();
    for (const row of rows) {
        const known = byPath.get(row.path);
        byPath.set(row.path, known === undefined ? row : { ...known, properties: [...new Set([...known.properties, ...row.properties])].sort() });
    }
    return [...byPath.values()];
}

/** Scans an installed @pulumi/azure-native. Rows sorted by type, then path. */
export function scanSizeProperties(sdkRoot: string): SizePropertyTable {
    const inputs = inputInterfaces(sdkRoot);
    const rows: SizePropertyRow[] = [];
    const modules = fs
        .readdirSync(sdkRoot, { withFileTypes: true })
        .filter((entry) => entry.isDirectory() && !["types", "enums", "node_modules"].includes(entry.name));
    for (const module of modules) {
        const dir = path.join(sdkRoot, module.name);
        for (const file of fs.readdirSync(dir).filter((name) => name.endsWith(".js"))) {
            const token = /__pulumiType = '([^']+)'/.exec(fs.readFileSync(path.join(dir, file), "utf8"))?.[1];
            const declarations = path.join(dir, file.replace(/\.js$/, ".d.ts"));
            if (token === undefined || !fs.existsSync(declarations)) continue;
            const resourceName = token.split(":")[2];
            const source = ts.createSourceFile(declarations, fs.readFileSync(declarations, "utf8"), ts.ScriptTarget.Latest, true);
            const argsNode = source.statements.find(
                (statement): statement is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(statement) && statement.name.text === `${resourceName}Args`,
            );
            if (argsNode === undefined) continue;
            rows.push(...rowsOf(token, `${module.name}.${resourceName}Args`, membersOf(argsNode, source), inputs));
        }
    }
    rows.sort((a, b) => (a.type === b.type ? a.path.localeCompare(b.path) : a.type.localeCompare(b.type)));
    const version = JSON.parse(fs.readFileSync(path.join(sdkRoot, "package.json"), "utf8")).version as string;
    return { sdk: "@pulumi/azure-native", sdkVersion: version, rows };
}

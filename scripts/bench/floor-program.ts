/**
 * The benchmark's floor: a program that imports the same SDK modules as the farm and registers the same number
 * of resources of the same types (read from BENCH_FLOOR_SHAPE), with trivial inputs and no logic. What the
 * real plan costs above this is what the farm's own code costs.
 */
import { readFileSync } from "node:fs";
import * as pulumi from "@pulumi/pulumi";
// The modules the farm's components import, for their load cost (types are registered by token below).
import "@pulumi/azure-native/authorization";
import "@pulumi/azure-native/compute";
import "@pulumi/azure-native/keyvault";
import "@pulumi/azure-native/managedidentity";
import "@pulumi/azure-native/monitor";
import "@pulumi/azure-native/network";
import "@pulumi/azure-native/privatedns";
import "@pulumi/azure-native/resources";
import "@pulumi/azure-native/storage";
import "@pulumi/random";

interface ShapeEntry {
    readonly type: string;
    readonly custom: boolean;
}

/** A resource of any type token with no inputs to speak of: the SDK's own cost of one registration. */
class TrivialResource extends pulumi.CustomResource {
    constructor(type: string, name: string, index: number) {
        super(type, name, { trivial: index });
    }
}

class TrivialComponent extends pulumi.ComponentResource {
    constructor(type: string, name: string) {
        super(type, name);
        this.registerOutputs({});
    }
}

const shape = JSON.parse(readFileSync(process.env.BENCH_FLOOR_SHAPE as string, "utf8")) as ShapeEntry[];
shape.forEach(({ type, custom }, index) => {
    if (type === "pulumi:pulumi:Stack") return; // the runtime registers the stack itself
    const name = `floor-${index}`;
    if (custom) {
        new TrivialResource(type, name, index);
    } else {
        new TrivialComponent(type, name);
    }
});

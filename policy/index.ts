/**
 * The buildfarm's CrossGuard policy pack: `pulumi preview --policy-pack policy`.
 *
 * Constructing the pack starts its gRPC server, so this module does nothing else; the policies live in
 * `./policies` where tests import them.
 */
// First, so that every module after it is compiled once and then read from Node's compile cache.
import "./lib/compile-cache";
import { PolicyPack } from "@pulumi/policy";
import { buildfarmPolicies } from "./policies";

new PolicyPack("buildfarm-x86-64-v3", {
    description:
        "Fedora x86_64-v3 Koji build farm on Azure: only x86-64-v3-capable VM sizes, within the donated vCPU quota, on a locked-down network, store and vault.",
    policies: buildfarmPolicies,
});

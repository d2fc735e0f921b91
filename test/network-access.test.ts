import { describe, expect, it } from "vitest";
import { isPrivateRange, parseIpv4Range, rangeContains, rangesOverlap } from "../lib/ip-ranges";
import { publicEndpointAccess } from "../lib/admin-access";

describe("ip-ranges", () => {
    it("parses addresses as /32 and CIDRs", () => {
        const described = (text: string) => {
            const range = parseIpv4Range(text, "x");
            return `${range.network.toString()}/${range.prefixLength}`;
        };
        expect(described("203.0.113.7")).toBe("203.0.113.7/32");
        expect(described("10.60.0.0/16")).toBe("10.60.0.0/16");
        expect(() => parseIpv4Range("10.60.0.1/16", "x")).toThrow(/host bits set; did you mean 10.60.0.0\/16\?/);
    });

    it.each(["10.0.0", "256.0.0.0", "10.0.0.0/33", "10.0.0.0/8 ", "a.b.c.d"])("rejects %j, naming the argument", (text) => {
        expect(() => parseIpv4Range(text, "adminIps[2]")).toThrow(/^adminIps\[2\]: /);
    });

    it("answers containment and overlap", () => {
        const space = parseIpv4Range("10.60.0.0/16", "x");
        expect(rangeContains(space, parseIpv4Range("10.60.255.0/24", "x"))).toBe(true);
        expect(rangeContains(space, parseIpv4Range("10.61.0.0/24", "x"))).toBe(false);
        expect(rangesOverlap(parseIpv4Range("10.60.0.0/20", "x"), parseIpv4Range("10.60.15.0/24", "x"))).toBe(true);
        expect(rangesOverlap(parseIpv4Range("10.60.0.0/20", "x"), parseIpv4Range("10.60.16.0/24", "x"))).toBe(false);
        expect(isPrivateRange(parseIpv4Range("172.20.1.0/24", "x"))).toBe(true);
        expect(isPrivateRange(parseIpv4Range("203.0.113.0/24", "x"))).toBe(false);
    });
});

describe("publicEndpointAccess", () => {
    it("switches the public endpoint off when no admin range is listed", () => {
        expect(publicEndpointAccess([], "adminSourceCidrs")).toEqual({ publicNetworkAccess: "Disabled", allowedIpRules: [] });
    });

    it("lets listed public ranges in, writing /32 as a bare address as Azure Storage requires", () => {
        expect(publicEndpointAccess(["203.0.113.7/32", "198.51.100.0/28"], "a")).toEqual({
            publicNetworkAccess: "Enabled",
            allowedIpRules: ["203.0.113.7", "198.51.100.0/28"],
        });
    });

    it("refuses private ranges and /31", () => {
        expect(() => publicEndpointAccess(["10.1.2.3"], "adminSourceCidrs")).toThrow(/adminSourceCidrs\[0\]: "10.1.2.3" is a private range/);
        expect(() => publicEndpointAccess(["203.0.113.6/31"], "a")).toThrow(/\/31/);
    });
});

import { describe, expect, it } from "vitest";
import { nameBasedUuid } from "../lib/name-based-uuid";
import { BUILT_IN_ROLES, roleDefinitionResourceId } from "../lib/azure-roles";

describe("nameBasedUuid", () => {
    it("is a version 5 UUID, stable for the same parts and different for others", () => {
        const uuid = nameBasedUuid("scope", "role", "principal");
        expect(uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        expect(nameBasedUuid("scope", "role", "principal")).toBe(uuid);
        expect(nameBasedUuid("scope", "role", "other")).not.toBe(uuid);
        // Parts are separated, so moving text between them changes the result.
        expect(nameBasedUuid("ab", "c")).not.toBe(nameBasedUuid("a", "bc"));
    });

    it("refuses empty input", () => {
        expect(() => nameBasedUuid()).toThrow();
        expect(() => nameBasedUuid("scope", "")).toThrow();
    });
});

describe("roleDefinitionResourceId", () => {
    it("builds the subscription-level id of a built-in role", () => {
        expect(roleDefinitionResourceId("sub", "keyVaultSecretsUser")).toBe(
            `/subscriptions/sub/providers/Microsoft.Authorization/roleDefinitions/${BUILT_IN_ROLES.keyVaultSecretsUser}`,
        );
    });
});

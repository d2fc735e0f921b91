export * from "../../test/helpers/policy-pack-server";

/**
 * The farm's default address plan, one place for the network component and the stack configuration. No Fedora
 * value exists; a /20 leaves room for 4091 builders (Azure keeps 5 addresses of every subnet), and a /24 each
 * for the private endpoints and for the package cache (split per zone like the builders').
 */
export const NETWORK_DEFAULTS = {
    addressSpace: "10.20.0.0/16",
    builderSubnetPrefix: "10.20.0.0/20",
    privateEndpointSubnetPrefix: "10.20.16.0/24",
    packageCacheSubnetPrefix: "10.20.17.0/24",
} as const;

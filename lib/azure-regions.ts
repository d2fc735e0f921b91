/**
 * Azure's regions, as Microsoft lists them, and where Fedora's Cloud images can be booted.
 *
 * Regions: MicrosoftDocs/azure-docs `articles/reliability/regions-list.md` at 04495fc0 (ms.date 03/21/2025,
 * learn.microsoft.com/azure/reliability/regions-list), with each region's availability-zone support and whether
 * access is restricted (granted on request) or the region is still coming. The programmatic name is the display
 * name in lower case without spaces, as ARM spells `location`.
 *
 * Fedora's images: a community gallery image can only be used in the regions it is replicated to. Fedora's
 * cloud-image-uploader replicates every image to `azure_image_regions` in fedora-infra/ansible
 * `playbooks/openshift-apps/cloud-image-uploader.yml` at 01ace515.
 *
 * Refresh: read both files again and update the two lists; the tests check that every Fedora region is listed.
 */

export type RegionAccess = "open" | "restricted" | "coming-soon";

export interface AzureRegion {
    /** The `location` value, e.g. `eastus2`. */
    readonly name: string;
    readonly displayName: string;
    readonly availabilityZones: boolean;
    readonly access: RegionAccess;
}

const region = (displayName: string, availabilityZones: boolean, access: RegionAccess = "open"): AzureRegion => ({
    name: displayName.toLowerCase().replace(/ /g, ""),
    displayName,
    availabilityZones,
    access,
});

export const AZURE_REGIONS: readonly AzureRegion[] = [
    region("Australia Central", false),
    region("Australia Central 2", false, "restricted"),
    region("Australia East", true),
    region("Australia Southeast", false),
    region("Austria East", false, "coming-soon"),
    region("Brazil South", true),
    region("Brazil Southeast", false, "restricted"),
    region("Canada Central", true),
    region("Canada East", false),
    region("Central India", true),
    region("Central US", true),
    region("East Asia", true),
    region("East US", true),
    region("East US 2", true),
    region("France Central", true),
    region("France South", false, "restricted"),
    region("Germany North", false, "restricted"),
    region("Germany West Central", true),
    region("Indonesia Central", true, "coming-soon"),
    region("Israel Central", true),
    region("Italy North", true),
    region("Japan East", true),
    region("Japan West", true),
    region("Korea Central", true),
    region("Korea South", false, "restricted"),
    region("Mexico Central", true),
    region("New Zealand North", true),
    region("North Central US", false),
    region("North Europe", true),
    region("Norway East", true),
    region("Norway West", false, "restricted"),
    region("Poland Central", true),
    region("Qatar Central", true),
    region("South Africa North", true),
    region("South Africa West", false, "restricted"),
    region("South Central US", true),
    region("South India", false),
    region("Southeast Asia", true),
    region("Spain Central", true),
    region("Sweden Central", true),
    region("Switzerland North", true),
    region("Switzerland West", false, "restricted"),
    region("UAE Central", false, "restricted"),
    region("UAE North", true),
    region("UK South", true),
    region("UK West", false),
    region("West Central US", false),
    region("West Europe", true),
    region("West India", false),
    region("West US", false),
    region("West US 2", true),
    region("West US 3", true),
];

/** The regions Fedora replicates its Cloud images to: where the default image can boot. */
export const FEDORA_IMAGE_REGIONS: readonly string[] = [
    "australiaeast",
    "brazilsouth",
    "canadacentral",
    "centralindia",
    "centralus",
    "eastasia",
    "eastus",
    "eastus2",
    "francecentral",
    "germanywestcentral",
    "israelcentral",
    "italynorth",
    "japaneast",
    "koreacentral",
    "mexicocentral",
    "northeurope",
    "norwayeast",
    "polandcentral",
    "qatarcentral",
    "southafricanorth",
    "southcentralus",
    "southeastasia",
    "spaincentral",
    "swedencentral",
    "switzerlandnorth",
    "uaenorth",
    "uksouth",
    "westeurope",
    "westus2",
    "westus3",
];

export function findRegion(name: string): AzureRegion | undefined {
    return AZURE_REGIONS.find((candidate) => candidate.name === name);
}

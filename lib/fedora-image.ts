/**
 * Fedora Cloud on Azure: the community gallery that Fedora's cloud-image-uploader publishes to, and the image
 * the builders boot. Sources: the fedoraproject.org cloud download page's launch section (fedora-websites-3.0
 * components/partials/CloudLaunchSection.vue: gallery public name, image definitions `Fedora-Cloud-<N>-x64`, Gen2
 * with Trusted Launch for x64) and Azure/azure-vm-utils selftest/test_images.py (version `latest`).
 */
import { InputPropertyError } from "./input-property-error";

/** The public name of Fedora's community gallery in Azure. */
export const FEDORA_COMMUNITY_GALLERY = "Fedora-5e266ba4-2250-406d-adad-5d73860d958f";

/**
 * The Fedora release builders run, set in this one place. Fedora's builders run a stable release, not Rawhide
 * (fedora-infra/ansible inventory/group_vars/buildvm_rdu3 `ks_repo` is a releases/ tree, not Rawhide); 44 is the
 * newest release certain to be published on the date this was written.
 */
export const FEDORA_CLOUD_RELEASE = 44;

/** `communityGalleryImageId` of Fedora Cloud x64 for a release, always its latest image version. */
export function fedoraCloudImageId(release: number = FEDORA_CLOUD_RELEASE): string {
    if (!Number.isInteger(release) || release < 40) {
        throw new InputPropertyError("image.fedoraRelease", `Fedora release must be a whole number >= 40 (images in the gallery), got ${release}`);
    }
    return `/CommunityGalleries/${FEDORA_COMMUNITY_GALLERY}/Images/Fedora-Cloud-${release}-x64/Versions/latest`;
}

/**
 * The classic `@pulumi/azure` provider's type tokens the pack checks, read from @pulumi/azure 6.40.0's own
 * modules (`__pulumiType`). The pack does not depend on that provider, so it names them here, once.
 */
export const CLASSIC = {
    batch: {
        Pool: "azure:batch/pool:Pool",
    },
    compute: {
        LinuxVirtualMachine: "azure:compute/linuxVirtualMachine:LinuxVirtualMachine",
        LinuxVirtualMachineScaleSet: "azure:compute/linuxVirtualMachineScaleSet:LinuxVirtualMachineScaleSet",
        OrchestratedVirtualMachineScaleSet: "azure:compute/orchestratedVirtualMachineScaleSet:OrchestratedVirtualMachineScaleSet",
        ScaleSet: "azure:compute/scaleSet:ScaleSet",
        VirtualMachine: "azure:compute/virtualMachine:VirtualMachine",
        WindowsVirtualMachine: "azure:compute/windowsVirtualMachine:WindowsVirtualMachine",
        WindowsVirtualMachineScaleSet: "azure:compute/windowsVirtualMachineScaleSet:WindowsVirtualMachineScaleSet",
    },
    containerservice: {
        KubernetesCluster: "azure:containerservice/kubernetesCluster:KubernetesCluster",
        KubernetesClusterNodePool: "azure:containerservice/kubernetesClusterNodePool:KubernetesClusterNodePool",
    },
    devtest: {
        LinuxVirtualMachine: "azure:devtest/linuxVirtualMachine:LinuxVirtualMachine",
        WindowsVirtualMachine: "azure:devtest/windowsVirtualMachine:WindowsVirtualMachine",
    },
    keyvault: {
        KeyVault: "azure:keyvault/keyVault:KeyVault",
    },
    machinelearning: {
        ComputeCluster: "azure:machinelearning/computeCluster:ComputeCluster",
        ComputeInstance: "azure:machinelearning/computeInstance:ComputeInstance",
    },
    management: {
        Lock: "azure:management/lock:Lock",
    },
    monitoring: {
        AutoscaleSetting: "azure:monitoring/autoscaleSetting:AutoscaleSetting",
    },
    network: {
        NetworkInterface: "azure:network/networkInterface:NetworkInterface",
        NetworkSecurityGroup: "azure:network/networkSecurityGroup:NetworkSecurityGroup",
        NetworkSecurityRule: "azure:network/networkSecurityRule:NetworkSecurityRule",
    },
    storage: {
        Account: "azure:storage/account:Account",
    },
} as const;

/** How pods get the role: IRSA (service account annotation + OIDC trust) or EKS Pod Identity. */
export const AwsIdentityMode = { Irsa: "irsa", PodIdentity: "podIdentity" } as const;
export type AwsIdentityMode = (typeof AwsIdentityMode)[keyof typeof AwsIdentityMode];

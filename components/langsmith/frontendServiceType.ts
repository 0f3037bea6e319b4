/** `frontend.service.type` of the chart (an `as const` object so the package schema lists it as an enum). */
export const FrontendServiceType = {
    ClusterIP: "ClusterIP",
    LoadBalancer: "LoadBalancer",
    NodePort: "NodePort",
} as const;
export type FrontendServiceType = (typeof FrontendServiceType)[keyof typeof FrontendServiceType];

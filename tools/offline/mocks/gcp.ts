/** GCP: resources and look-ups the GCP path calls. */
import type { InvokeMock, ResourceMock } from "./shared";

export const GCP_RESOURCE_MOCKS: Record<string, ResourceMock> = {};

export const GCP_INVOKE_MOCKS: Record<string, InvokeMock> = {};

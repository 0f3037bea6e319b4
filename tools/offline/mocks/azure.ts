/** AZURE: resources and look-ups the AZURE path calls. */
import type { InvokeMock, ResourceMock } from "./shared";

export const AZURE_RESOURCE_MOCKS: Record<string, ResourceMock> = {};

export const AZURE_INVOKE_MOCKS: Record<string, InvokeMock> = {};

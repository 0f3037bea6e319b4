/**
 * The offline preview's mocked world: the package's mocks (`langsmith-iam/testing`, which answer every
 * cloud API the components touch and fail loudly on anything else) in the world this repository's
 * stack files describe.
 */
import { CloudMocks as PackageMocks, DEFAULT_WORLD as PACKAGE_WORLD, type MockWorld } from "../../components/testing";

export { MOCK_ACCOUNT_ID, stableHex, type MockWorld } from "../../components/testing";

export const DEFAULT_WORLD: MockWorld = {
    ...PACKAGE_WORLD,
    // The gcp-prod stack's cluster runs on a Shared VPC, as its `langsmith:gcp.network` describes it.
    gkeClusterNetworks: {
        "acme-langsmith-prod/platform-prod": "projects/acme-network-host/global/networks/shared-vpc",
    },
};

/** The package's mocks for one mocked world (default: this repository's). */
export class CloudMocks extends PackageMocks {
    constructor(world: MockWorld = DEFAULT_WORLD) {
        super({ world });
    }
}

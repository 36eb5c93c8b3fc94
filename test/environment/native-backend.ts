/**
 * Tests that need tfjs-node, the optional native backend, use describeWithNative: jest runs them where
 * tfjs-node loads (after scripts/tfjs-node-offline.sh) and lists them as skipped elsewhere.
 */

function nativeBackendLoads(): boolean {
  try {
    require("@tensorflow/tfjs-node");
    return true;
  } catch {
    return false;
  }
}

export const describeWithNative = nativeBackendLoads() ? describe : describe.skip;

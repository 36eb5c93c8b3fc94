// A jest environment whose tests share Node's typed array constructors. jest-environment-node gives each
// test file its own realm but already passes in Node's ArrayBuffer and Uint8Array. tfjs-node's native
// addon creates Float32Array and Int32Array objects in Node's realm, and tfjs-core checks data with
// `instanceof Float32Array` in the test's realm, so saving a model fails there with "Unsupported
// TypedArray subtype". The kernel's executor loads TensorFlow.js in Node's realm, where the check passes.
const { TestEnvironment } = require("jest-environment-node");

const SHARED = [
  "Int8Array",
  "Uint8ClampedArray",
  "Int16Array",
  "Uint16Array",
  "Int32Array",
  "Uint32Array",
  "Float32Array",
  "Float64Array",
  "BigInt64Array",
  "BigUint64Array",
  "DataView",
];

class SharedTypedArraysEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    for (const name of SHARED) this.global[name] = globalThis[name];
  }
}

module.exports = SharedTypedArraysEnvironment;

// The diagnosis engine's public surface: everything else in this folder is an implementation detail.
export { diagnoseCall, type AdvertisedTool, type CallDiagnosis, type DiagnosisContext, type RawToolCall } from "./diagnose-call.js";
export { parseArguments, type ParsedArguments, type ParseOptions } from "./parse-arguments.js";
export { validateArguments, type ArgumentValidation } from "./validate-arguments.js";
export { findUnexpectedArguments } from "./unexpected-keys.js";
export { diffSchemas } from "./schema-drift.js";
export { closestName, nameDistance } from "./closest-name.js";
export { orderFindings } from "./finding-order.js";
export * from "./finding.js";

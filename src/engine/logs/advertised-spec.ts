import type { ToolSpec } from "../../tools/tool-spec.js";
import type { AdvertisedTool } from "./log-events.js";

/**
 * A tool a log advertised, as a spec to diagnose against. Marked executable because with no
 * executor in view only the arguments are judged, not whether anything is registered.
 */
export function advertisedSpec(advertised: AdvertisedTool): ToolSpec {
  return {
    name: advertised.name,
    ...(advertised.description ? { description: advertised.description } : {}),
    parameters: advertised.parameters,
    executable: true,
    sideEffects: false,
    shape: "advertised",
    source: { module: "(log)", exportName: advertised.name },
  };
}

import { useCallback, useSyncExternalStore } from "react";
import type { Workbench, WorkbenchState } from "../../engine/workbench/workbench-contract.js";

export function useWorkbenchState(workbench: Workbench): WorkbenchState {
  const subscribe = useCallback((listener: () => void) => workbench.subscribe(listener), [workbench]);
  const snapshot = useCallback(() => workbench.getState(), [workbench]);
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}

import { useCallback, useRef, useState } from "react";
import type { ScrollHandler } from "./use-workbench-keys.js";

interface ScrollState {
  /** Which row the detail offset belongs to: selecting another row starts it at the top. */
  detailKey: string;
  detail: number;
  help: number;
}

export interface ViewScroll {
  detail: number;
  help: number;
  onScroll: ScrollHandler;
}

/** View-only scroll offsets (not workbench state: they change nothing but what is on screen). */
export function useViewScroll(detailKey: string, detailMax: number, helpMax: number): ViewScroll {
  const [scroll, setScroll] = useState<ScrollState>({ detailKey, detail: 0, help: 0 });
  const limits = useRef({ detailKey, detailMax, helpMax });
  limits.current = { detailKey, detailMax, helpMax };
  const onScroll = useCallback<ScrollHandler>((target, delta) => {
    setScroll((previous) => {
      const { detailKey: key, detailMax: dMax, helpMax: hMax } = limits.current;
      if (target === "help") return { ...previous, help: Math.min(hMax, Math.max(0, previous.help + delta)) };
      const base = previous.detailKey === key ? previous.detail : 0;
      return { ...previous, detailKey: key, detail: Math.min(dMax, Math.max(0, base + delta)) };
    });
  }, []);
  return { detail: scroll.detailKey === detailKey ? Math.min(scroll.detail, detailMax) : 0, help: Math.min(scroll.help, helpMax), onScroll };
}

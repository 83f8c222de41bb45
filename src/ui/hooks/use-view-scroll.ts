import { useCallback, useEffect, useRef, useState } from "react";
import type { ScrollHandler } from "./use-workbench-keys.js";

interface ScrollState {
  /** Which row the detail offset belongs to: selecting another row starts it at the top. */
  detailKey: string;
  detail: number;
  help: number;
  /** The last change the detail scrolled to (see DetailView.focus). */
  focusKey: string | undefined;
}

export interface ViewScroll {
  detail: number;
  help: number;
  onScroll: ScrollHandler;
}

/** View-only scroll offsets (not workbench state: they change nothing but what is on screen). */
export function useViewScroll(detailKey: string, detailMax: number, helpMax: number, focus?: { key: string; line: number }): ViewScroll {
  const [scroll, setScroll] = useState<ScrollState>({ detailKey, detail: 0, help: 0, focusKey: focus?.key });
  const focusKey = focus?.key;
  const focusLine = focus?.line;
  // A new selection starts at the top; a change on the same row (fix, editor, result) scrolls to it once.
  useEffect(() => {
    setScroll((previous) => {
      if (previous.detailKey !== detailKey) return { ...previous, detailKey, detail: 0, focusKey };
      if (previous.focusKey === focusKey) return previous;
      return { ...previous, focusKey, detail: focusLine === undefined ? previous.detail : Math.min(detailMax, Math.max(0, focusLine - 1)) };
    });
  }, [detailKey, focusKey, focusLine, detailMax]);
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

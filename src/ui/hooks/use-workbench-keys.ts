import { useEffect, useRef } from "react";
import { useStdin } from "ink";
import type { Workbench } from "../../engine/workbench/workbench-contract.js";
import type { CommandEffect } from "../commands.js";
import { parseKeyInput, type KeyPress } from "../keys.js";
import { activeScope, resolveKey } from "../resolve-key.js";

export type ScrollHandler = (target: "detail" | "help", delta: number) => void;

/** Run one key against the workbench's latest state (never a render's closure). */
export function handleKey(workbench: Workbench, key: KeyPress, onScroll: ScrollHandler): void {
  const state = workbench.getState();
  // Outside text fields a burst of characters is keys typed fast, one command each.
  if (key.paste && key.text !== undefined && activeScope(state) !== "editor" && activeScope(state) !== "filter") {
    for (const char of key.text) handleKey(workbench, { name: char, text: char }, onScroll);
    return;
  }
  for (const effect of resolveKey(state, key).effects) apply(workbench, effect, onScroll);
}

function apply(workbench: Workbench, effect: CommandEffect, onScroll: ScrollHandler): void {
  switch (effect.kind) {
    case "dispatch":
      workbench.dispatch(effect.action);
      return;
    case "scroll":
      onScroll(effect.target, effect.delta);
      return;
    case "none":
      return;
  }
}

/**
 * The one input hook. It listens to Ink's parsed input events (one per escape sequence, one per
 * run of text) rather than useInput, so Backspace and Delete keep their own names.
 */
export function useWorkbenchKeys(workbench: Workbench, onScroll: ScrollHandler): void {
  const { internal_eventEmitter: events, setRawMode, isRawModeSupported } = useStdin();
  const scrollRef = useRef(onScroll);
  useEffect(() => {
    scrollRef.current = onScroll;
  }, [onScroll]);
  useEffect(() => {
    if (!isRawModeSupported) return;
    setRawMode(true);
    return () => setRawMode(false);
  }, [isRawModeSupported, setRawMode]);
  useEffect(() => {
    const onInput = (raw: string) => {
      const key = parseKeyInput(raw);
      if (key) handleKey(workbench, key, (target, delta) => scrollRef.current(target, delta));
    };
    events.on("input", onInput);
    return () => {
      events.off("input", onInput);
    };
  }, [events, workbench]);
}

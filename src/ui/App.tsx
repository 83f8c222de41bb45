import { useEffect, useMemo } from "react";
import { Box } from "ink";
import type { Workbench } from "../engine/workbench/workbench-contract.js";
import { useTerminalSize, type TerminalSize } from "./hooks/use-terminal-size.js";
import { useViewScroll } from "./hooks/use-view-scroll.js";
import { useWorkbenchKeys } from "./hooks/use-workbench-keys.js";
import { useWorkbenchState } from "./hooks/use-workbench-state.js";
import { computeLayout, footerLines, timelineRowsWanted } from "./layout.js";
import { CallDetail } from "./panes/CallDetail.js";
import { detailView } from "./panes/detail-lines.js";
import { Footer } from "./panes/Footer.js";
import { Header } from "./panes/Header.js";
import { helpLines } from "./panes/help-lines.js";
import { Overlay } from "./panes/Overlay.js";
import { Timeline } from "./panes/Timeline.js";
import { PaletteContext } from "./shared/palette-context.js";
import { maxScroll } from "./shared/scroll-window.js";
import { paletteFor } from "./theme.js";

export interface AppProps {
  workbench: Workbench;
  noColor?: boolean;
}

/** Tell the workbench the terminal's size so its paging matches what is drawn. */
function useReportSize(workbench: Workbench, size: TerminalSize): void {
  useEffect(() => {
    workbench.dispatch({ type: "resize", columns: size.columns, rows: size.rows });
  }, [workbench, size.columns, size.rows]);
}

export function App({ workbench, noColor = false }: AppProps) {
  const state = useWorkbenchState(workbench);
  const size = useTerminalSize();
  useReportSize(workbench, size);
  const footer = footerLines(state);
  const timelineRows = Math.min(64, timelineRowsWanted(state));
  // Keyed on what the layout depends on, so the detail below is rebuilt only when it must be.
  const layout = useMemo(() => computeLayout(size, footer, timelineRows), [size, footer, timelineRows]);
  const palette = paletteFor(noColor);
  const view = useMemo(() => detailView(state, layout, palette.enabled), [state, layout, palette.enabled]);
  const detail = view.lines;
  const helpTotal = state.overlay?.kind === "help" ? helpLines(state.mode, layout.columns).length : 0;
  const scroll = useViewScroll(String(state.visible[state.cursor] ?? -1), maxScroll(detail.length, layout.detail.height), maxScroll(helpTotal, layout.body), view.focus);
  useWorkbenchKeys(workbench, scroll.onScroll);
  const modal = state.overlay?.kind === "help" || state.overlay?.kind === "confirm";
  return (
    <PaletteContext.Provider value={palette}>
      {/* No overflow="hidden": every pane is already cut to its size, and a clip makes Ink re-slice each line every frame. */}
      <Box flexDirection="column" width={layout.columns} height={layout.height}>
        <Header state={state} width={layout.columns} />
        <Box flexDirection={layout.sideBySide ? "row" : "column"} height={layout.body}>
          {modal ? (
            <Overlay state={state} width={layout.columns} height={layout.body} helpOffset={scroll.help} />
          ) : (
            <>
              <Timeline state={state} width={layout.timeline.width} height={layout.timeline.height} />
              {layout.sideBySide ? <Box width={1} /> : null}
              <CallDetail lines={detail} offset={scroll.detail} width={layout.detail.width} height={layout.detail.height} />
            </>
          )}
        </Box>
        <Footer state={state} width={layout.columns} />
      </Box>
    </PaletteContext.Provider>
  );
}

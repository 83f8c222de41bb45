import { memo } from "react";
import { Box, Text } from "ink";
import { printable } from "../../engine/printable.js";
import type { Line, Segment } from "./line.js";
import { usePalette } from "./palette-context.js";

const sameStyle = (a: Segment, b: Segment): boolean => a.tone === b.tone && a.bold === b.bold && a.inverse === b.inverse && a.underline === b.underline;

/** Neighbours with one style become one node: fewer nodes for React and Ink to lay out each frame. */
function merged(line: Line, styled: boolean): Segment[] {
  if (!styled) return [{ text: printable(line.map((part) => part.text).join("")) }];
  const out: Segment[] = [];
  for (const part of line) {
    const last = out.at(-1);
    if (last && sameStyle(last, part)) out[out.length - 1] = { ...last, text: last.text + part.text };
    else out.push(part);
  }
  // What a pane shows comes from logs, models and tools: no control character of it reaches the terminal.
  for (let i = 0; i < out.length; i++) {
    const part = out[i] as Segment;
    const text = printable(part.text);
    if (text !== part.text) out[i] = { ...part, text };
  }
  return out;
}

function LineRow({ line }: { readonly line: Line }) {
  const palette = usePalette();
  const parts = merged(line, palette.enabled);
  if (parts.every((part) => part.text === "")) return <Text> </Text>;
  return (
    <Text wrap="truncate-end">
      {parts.map((part, index) =>
        palette.enabled && (part.tone || part.bold || part.inverse || part.underline) ? (
          <Text key={index} color={palette.color(part.tone)} bold={part.bold} inverse={part.inverse} underline={part.underline}>
            {part.text}
          </Text>
        ) : (
          part.text
        ),
      )}
    </Text>
  );
}

function sameLine(a: Line, b: Line): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  return a.every((part, i) => {
    const other = b[i];
    return other !== undefined && part.text === other.text && sameStyle(part, other);
  });
}

/** One terminal row per line; a row whose content did not change is not re-rendered. */
export const LineView = memo(LineRow, (previous, next) => sameLine(previous.line, next.line));

export function Lines({ lines, width }: { readonly lines: readonly Line[]; readonly width?: number }) {
  return (
    <Box flexDirection="column" width={width} flexShrink={0}>
      {lines.map((line, index) => (
        <LineView key={index} line={line} />
      ))}
    </Box>
  );
}

import { Box, Text } from "ink";
import type { Line } from "./line.js";
import { usePalette } from "./palette-context.js";

/** One terminal row per line. Styles are dropped entirely when the palette is off (NO_COLOR). */
export function LineView({ line }: { readonly line: Line }) {
  const palette = usePalette();
  const empty = line.every((part) => part.text === "");
  if (empty) return <Text> </Text>;
  return (
    <Text wrap="truncate-end">
      {line.map((part, index) =>
        palette.enabled ? (
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

export function Lines({ lines, width }: { readonly lines: readonly Line[]; readonly width?: number }) {
  return (
    <Box flexDirection="column" width={width} flexShrink={0}>
      {lines.map((line, index) => (
        <LineView key={index} line={line} />
      ))}
    </Box>
  );
}

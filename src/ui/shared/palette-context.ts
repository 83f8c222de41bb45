import { createContext, useContext } from "react";
import { colorPalette, type Palette } from "../theme.js";

export const PaletteContext = createContext<Palette>(colorPalette);
export const usePalette = (): Palette => useContext(PaletteContext);

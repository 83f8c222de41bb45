// Colour on for this test file even though stdout is not a terminal (chalk decides on import),
// so the NO_COLOR case is a real difference. Import before anything that imports ink.
process.env.FORCE_COLOR = "1";
export {};

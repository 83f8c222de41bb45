// Ink stops drawing frames when it thinks it runs in CI (it decides on import): tests want frames.
// Imported before anything that imports ink.
delete process.env.CI;
delete process.env.CONTINUOUS_INTEGRATION;
export {};

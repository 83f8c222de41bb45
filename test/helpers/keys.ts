/** Raw key sequences as a terminal sends them (the component tests and the pty tests both type them). */
export const KEY = {
  up: "\x1b[A",
  down: "\x1b[B",
  left: "\x1b[D",
  right: "\x1b[C",
  home: "\x1b[H",
  end: "\x1b[F",
  pageUp: "\x1b[5~",
  pageDown: "\x1b[6~",
  enter: "\r",
  escape: "\x1b",
  backspace: "\x7f",
  delete: "\x1b[3~",
  ctrlC: "\x03",
  ctrlS: "\x13",
} as const;

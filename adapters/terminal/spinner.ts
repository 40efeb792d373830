const frames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export interface Spinner {
  start(label: string): void;
  stop(): void;
}

/** A one-line spinner for TTYs; where colour and cursor control are off it prints nothing at all. */
export function createSpinner(output: NodeJS.WritableStream, enabled: boolean): Spinner {
  let timer: NodeJS.Timeout | undefined;
  let frame = 0;
  return {
    start(label) {
      if (!enabled || timer) return;
      const draw = () => {
        output.write(`\r${frames[frame % frames.length]} ${label}`);
        frame += 1;
      };
      draw();
      timer = setInterval(draw, 80);
      timer.unref();
    },
    stop() {
      if (!timer) return;
      clearInterval(timer);
      timer = undefined;
      output.write('\r\x1b[2K');
    },
  };
}

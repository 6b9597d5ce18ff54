/**
 * A progress line for long runs on a terminal: count, rate and ETA. Silent when stderr is not a TTY
 * or when CI is set, so piped output and logs stay clean.
 */
export interface Progress {
  update(done: number, bytes?: number): void;
  done(): void;
}

const NOOP: Progress = { update() {}, done() {} };

export function progressEnabled(): boolean {
  return Boolean(process.stderr.isTTY) && !process.env.CI;
}

export function createProgress(label: string, totalBytes?: number): Progress {
  if (!progressEnabled()) return NOOP;
  const start = Date.now();
  let last = 0;
  let drawn = false;
  const draw = (done: number, bytes = 0) => {
    const now = Date.now();
    if (now - last < 100) return;
    last = now;
    const secs = Math.max((now - start) / 1000, 0.001);
    const rate = done / secs;
    let bar = '';
    let eta = '';
    if (totalBytes && totalBytes > 0 && bytes > 0) {
      const frac = Math.min(bytes / totalBytes, 1);
      const width = 24;
      const filled = Math.round(frac * width);
      bar = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(frac * 100).toFixed(0).padStart(3)}% `;
      const remaining = frac > 0 ? secs * (1 / frac - 1) : 0;
      eta = ` ETA ${formatDuration(remaining)}`;
    }
    process.stderr.write(`\r${label} ${bar}${done} docs · ${rate.toFixed(0)} docs/s${eta}\x1b[K`);
    drawn = true;
  };
  return {
    update: draw,
    done() {
      if (drawn) process.stderr.write('\r\x1b[K');
    },
  };
}

export function formatDuration(secs: number): string {
  const s = Math.round(secs);
  const m = Math.floor(s / 60);
  return `${m}:${String(s % 60).padStart(2, '0')}`;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}

/**
 * Peak resident memory of the current process: the kernel's high-water mark
 * (process.resourceUsage().maxRSS) plus a sampled process.memoryUsage.rss() for a second opinion
 * (the sampler also shows whether the peak is a spike or a plateau).
 */
export interface RssReport {
  /** Kernel high-water mark, MB. */
  max_rss_mb: number;
  /** Highest sampled RSS, MB. */
  sampled_peak_mb: number;
  /** RSS at the end of the measured work, MB. */
  end_rss_mb: number;
}

const MB = 1024 * 1024;

export function startRssSampler(intervalMs = 100): { stop(): RssReport } {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    const r = process.memoryUsage.rss();
    if (r > peak) peak = r;
  }, intervalMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      const end = process.memoryUsage.rss();
      if (end > peak) peak = end;
      return {
        max_rss_mb: round1(process.resourceUsage().maxRSS / 1024),
        sampled_peak_mb: round1(peak / MB),
        end_rss_mb: round1(end / MB),
      };
    },
  };
}

/** Peak RSS (VmHWM) of another process from /proc, in MB; null where /proc is not available. */
export async function processPeakRssMb(pid: number): Promise<number | null> {
  try {
    const { readFile } = await import('node:fs/promises');
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const m = /^VmHWM:\s+(\d+)\s+kB/m.exec(status);
    return m ? round1(Number(m[1]) / 1024) : null;
  } catch {
    return null;
  }
}

export function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

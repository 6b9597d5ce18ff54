/**
 * An ECharts canvas. Tooltips use ECharts' rich-text mode (drawn on the canvas), so no label is
 * ever interpreted as HTML. The chart resizes with its box; `label` describes it for screen
 * readers (the numbers are also in the tables next to each chart).
 */
import { useEffect, useRef } from 'preact/hooks';
import type { EChartsCoreOption } from 'echarts/core';

type Echarts = typeof import('echarts/core');
let loader: Promise<Echarts> | null = null;
function loadEcharts(): Promise<Echarts> {
  return (loader ??= import('../charts.ts').then((m) => m.echarts));
}

export function EChart({ option, height = 320, label, testid }: { option: EChartsCoreOption; height?: number; label: string; testid?: string }) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<Echarts['init']> | null>(null);
  // The library loads asynchronously: initialise with the option current at that time.
  const latest = useRef(option);
  latest.current = option;

  useEffect(() => {
    let disposed = false;
    let ro: ResizeObserver | null = null;
    loadEcharts().then((echarts) => {
      if (disposed || !el.current) return;
      chart.current = echarts.init(el.current, undefined, { renderer: 'canvas' });
      chart.current.setOption(latest.current, true);
      ro = new ResizeObserver(() => chart.current?.resize());
      ro.observe(el.current);
      el.current.dataset.ready = 'true';
    });
    return () => {
      disposed = true;
      ro?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);

  return <div ref={el} class="chart" style={{ height: `${height}px` }} role="img" aria-label={label} data-testid={testid} />;
}

/**
 * The cooperation network (Cytoscape, loaded lazily): parties as nodes sized by their events,
 * pairs as edges weighted by shared events. Selecting a node opens its partner page. The same
 * parties are listed as links beside it, for keyboard and screen-reader users.
 */
import { useEffect, useRef } from 'preact/hooks';
import { navigate } from '../router.ts';
import type { Network } from '../types.ts';

/** Beyond this many parties the graph shows the most active ones only (readability, layout time). */
const MAX_NODES = 60;

export function NetworkGraph({ data, label, names }: { data: Network; label: string; names: (code: string) => string }) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let cy: { destroy(): void } | null = null;
    let cancelled = false;
    import('cytoscape').then(({ default: cytoscape }) => {
      if (cancelled || !el.current) return;
      const nodes = [...data.nodes].sort((a, b) => b.events - a.events).slice(0, MAX_NODES);
      const keep = new Set(nodes.map((n) => n.code));
      const maxN = Math.max(1, ...nodes.map((n) => n.events));
      const maxE = Math.max(1, ...data.edges.map((e) => e.events));
      const inst = cytoscape({
        container: el.current,
        elements: [
          ...nodes.map((n) => ({
            data: { id: n.code, label: n.code, title: names(n.code), size: 18 + 42 * Math.sqrt(n.events / maxN), kind: n.kind },
          })),
          ...data.edges
            .filter((e) => keep.has(e.source) && keep.has(e.target))
            .map((e) => ({ data: { id: `${e.source}~${e.target}`, source: e.source, target: e.target, w: 1 + 7 * (e.events / maxE) } })),
        ],
        style: [
          {
            selector: 'node',
            style: {
              width: 'data(size)',
              height: 'data(size)',
              label: 'data(label)',
              'font-size': 11,
              'text-valign': 'center',
              color: '#fff',
              'text-outline-width': 2,
              'text-outline-color': '#1f4e79',
              'background-color': '#1f4e79',
            },
          },
          { selector: 'node[kind = "organisation"]', style: { shape: 'round-rectangle', 'background-color': '#7a4d9c', 'text-outline-color': '#7a4d9c' } },
          { selector: 'edge', style: { width: 'data(w)', 'line-color': '#9bb3c9', 'curve-style': 'bezier', opacity: 0.8 } },
        ],
        layout: { name: nodes.length > 2 ? 'cose' : 'circle', animate: false, padding: 20 } as never,
        wheelSensitivity: 0.3,
        boxSelectionEnabled: false,
      });
      inst.on('tap', 'node', (evt) => navigate(`/partners/${encodeURIComponent(evt.target.id())}`));
      inst.on('mouseover', 'node', () => el.current && (el.current.style.cursor = 'pointer'));
      inst.on('mouseout', 'node', () => el.current && (el.current.style.cursor = ''));
      cy = inst;
      // Exposed for the browser tests, which click a node at its rendered position.
      (el.current as HTMLDivElement & { __cy?: unknown }).__cy = inst;
      el.current.dataset.ready = 'true';
    });
    return () => {
      cancelled = true;
      cy?.destroy();
    };
  }, [data]);
  return <div ref={el} class="network" role="img" aria-label={label} data-testid="network" />;
}

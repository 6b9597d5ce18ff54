/** Dev script: extract the five seeds, write /tmp/pred.jsonl, print events. Usage: node --import tsx test/extract/run-seeds.ts [--verbose] */
import { writeFileSync } from 'node:fs';
import { loadKnowledgeBase, extractDocument } from '../../src/extract/index.ts';
import { goldDocs, seedDocument, records } from './helpers.ts';
const kb = loadKnowledgeBase();
const lines: string[] = [];
const verbose = process.argv.includes('--verbose');
for (const g of goldDocs()) {
  const doc = seedDocument(g);
  const x = extractDocument(doc, kb);
  for (const r of records(doc, x)) lines.push(JSON.stringify(r));
  if (verbose) {
    console.log(`\n=== ${g.file} domains=${x.domains.join(',')}`);
    for (const e of x.events) console.log(`  EV ${e.event} ${e.modality} ${e.cameo} A=${e.actor.map((a) => a.code + ':' + a.raw_text).join('|')} R=${e.recipient.map((a) => a.code + ':' + a.raw_text).join('|')} dom=${e.domains.join(',')} :: ${e.event_text.slice(0, 110)}`);
    for (const c of x.commitments) console.log(`  CM ${c.status} q=${c.quantity} ${c.unit} d=${c.deadline} A=${c.actor.map((a) => a.code).join(',')} what=${c.what.slice(0, 60)} :: ${c.event_text.slice(0, 80)}`);
    for (const p of x.policies) console.log(`  PO ${p.status} ${p.jurisdiction} ${p.name}`);
    for (const en of x.entities.filter((e) => e.kind === 'person')) console.log(`  PE ${en.name} [${en.aliases.join('; ')}] ${en.country} ${en.role} x${en.mentions.length}`);
  }
}
writeFileSync('/tmp/pred.jsonl', lines.join('\n') + '\n');

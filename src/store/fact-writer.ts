/**
 * Writing and deleting one document's facts. Statements are prepared once per connection; the
 * caller (SqliteStore) wraps each replace/clear in a transaction.
 *
 * Every fact row keeps the full output record as JSON in `record`, so what is read back and
 * exported is exactly what the extractor produced; the other columns exist for filtering. An
 * entity's mentions (sentence, offsets, text) live only in its record: nothing filters on them.
 */
import type Database from 'better-sqlite3';
import type { CommitmentRecord, EntityRecord, EventRecord, Extraction, PolicyRecord } from '../types.ts';
import type { FactRecordsJson } from './store.ts';

function uniq(xs: readonly string[] | undefined): string[] {
  return [...new Set(xs ?? [])];
}

/** The codes of a commitments.actor_codes value (' VNM CHN ' → VNM, CHN). */
export function actorCodes(padded: string): string[] {
  return padded.split(' ').filter((c) => c !== '');
}

export class FactWriter {
  private readonly del: Database.Statement[];
  private readonly insEvent: Database.Statement;
  private readonly insParty: Database.Statement;
  private readonly insCommitment: Database.Statement;
  private readonly insActor: Database.Statement;
  private readonly insPolicy: Database.Statement;
  private readonly insEntity: Database.Statement;
  private readonly insDomain: Database.Statement;
  private readonly setDocFacts: Database.Statement;
  private readonly docPublished: Database.Statement;
  /** The published date of the document being written: the fallback of each fact's eff_date. */
  private published: string | null = null;

  constructor(db: Database.Database) {
    // Children first, so correctness does not depend on ON DELETE CASCADE being enabled.
    this.del = [
      'DELETE FROM event_parties WHERE event_id IN (SELECT id FROM events WHERE doc_seq = ?)',
      'DELETE FROM commitment_actors WHERE doc_seq = ?',
      'DELETE FROM events WHERE doc_seq = ?',
      'DELETE FROM commitments WHERE doc_seq = ?',
      'DELETE FROM policies WHERE doc_seq = ?',
      'DELETE FROM entities WHERE doc_seq = ?',
      'DELETE FROM fact_domains WHERE doc_seq = ?',
    ].map((s) => db.prepare(s));
    this.insEvent = db.prepare(`INSERT INTO events (id, doc_seq, event, mode, modality, date, date_precision, cameo, goldstein,
      confidence, sentence_idx, start_offset, end_offset, event_text, extractor_version, record, eff_date)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.insParty = db.prepare('INSERT INTO event_parties (event_id, role, code, name, sector) VALUES (?, ?, ?, ?, ?)');
    this.insCommitment = db.prepare(`INSERT INTO commitments (id, doc_seq, actor_codes, what, quantity, unit, deadline,
      deadline_precision, status, confidence, sentence_idx, start_offset, end_offset, event_text, extractor_version, record, eff_date)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.insActor = db.prepare('INSERT INTO commitment_actors (commitment_id, doc_seq, code) VALUES (?, ?, ?)');
    this.insPolicy = db.prepare(`INSERT INTO policies (id, doc_seq, name, jurisdiction, status, date, date_precision,
      confidence, sentence_idx, start_offset, end_offset, event_text, extractor_version, record, eff_date)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.insEntity = db.prepare(`INSERT INTO entities (id, doc_seq, kind, name, country, role, sector, extractor_version, record)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.insDomain = db.prepare('INSERT INTO fact_domains (fact_id, fact_type, doc_seq, domain) VALUES (?, ?, ?, ?)');
    this.setDocFacts = db.prepare('UPDATE documents SET domains = ?, extractor_version = ? WHERE seq = ?');
    this.docPublished = db.prepare('SELECT published FROM documents WHERE seq = ?').pluck();
  }

  /** Delete every fact row of the document and reset its domains / extractor version. */
  clear(docSeq: number): void {
    for (const s of this.del) s.run(docSeq);
    this.setDocFacts.run('[]', null, docSeq);
  }

  /**
   * Delete, then insert the extraction's facts. Run inside a transaction. `fresh`: the caller
   * knows the document has no fact rows yet (never extracted), so the deletes are skipped.
   * `json`: the records already serialised (by an ingest worker), stored as given.
   */
  replace(docSeq: number, docId: string, x: Extraction, fresh = false, json?: FactRecordsJson): void {
    if (
      json &&
      (json.events.length !== x.events.length || json.commitments.length !== x.commitments.length ||
        json.policies.length !== x.policies.length || json.entities.length !== x.entities.length)
    ) {
      throw new Error(`replaceFacts: serialised records do not match the extraction of "${docId}"`);
    }
    if (!fresh) for (const s of this.del) s.run(docSeq);
    // Each fact row carries its effective date (events / policies: own date, else the article's;
    // commitments: the article's). documents.published is set once, when the row is inserted (an
    // edited article replaces the whole document row), so the copy cannot go stale.
    this.published = (this.docPublished.get(docSeq) as string | null | undefined) ?? null;
    const docDomains = uniq(x.domains);
    this.setDocFacts.run(JSON.stringify(docDomains), x.extractor_version, docSeq);
    for (const d of docDomains) this.insDomain.run(`doc:${docId}`, 'document', docSeq, d);
    this.guard(() => {
      x.events.forEach((e, i) => this.event(docSeq, e, json?.events[i]));
      x.commitments.forEach((c, i) => this.commitment(docSeq, c, json?.commitments[i]));
      x.policies.forEach((p, i) => this.policy(docSeq, p, json?.policies[i]));
      x.entities.forEach((e, i) => this.entity(docSeq, e, json?.entities[i]));
    });
  }

  /** A fact id clash is an extractor bug; say which id instead of a bare constraint error. */
  private current = '';
  private guard(fn: () => void): void {
    try {
      fn();
    } catch (e) {
      if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
        throw new Error(`fact id "${this.current}" is already stored (twice in this extraction, or for another document); fact ids must be unique`);
      }
      throw e;
    }
  }

  private domains(docSeq: number, id: string, type: string, ds: readonly string[] | undefined): void {
    for (const d of uniq(ds)) this.insDomain.run(id, type, docSeq, d);
  }

  private event(docSeq: number, e: EventRecord, json?: string): void {
    this.current = e.id;
    const t = e.text_info;
    this.insEvent.run(e.id, docSeq, e.event, e.mode ?? null, e.modality, e.date ?? null, e.date_precision ?? null, e.cameo ?? null,
      e.goldstein ?? null, e.confidence, t.sequence, t.start, t.end, e.event_text, e.extractor_version, json ?? JSON.stringify(e),
      e.date ?? this.published);
    for (const p of e.actor ?? []) this.insParty.run(e.id, 'actor', p.code, p.name ?? null, p.sector ?? null);
    for (const p of e.recipient ?? []) this.insParty.run(e.id, 'recipient', p.code, p.name ?? null, p.sector ?? null);
    this.domains(docSeq, e.id, 'event', e.domains);
  }

  private commitment(docSeq: number, c: CommitmentRecord, json?: string): void {
    this.current = c.id;
    const t = c.text_info;
    const codes = uniq((c.actor ?? []).map((p) => p.code));
    const padded = codes.length ? ` ${codes.join(' ')} ` : '';
    this.insCommitment.run(c.id, docSeq, padded, c.what, c.quantity ?? null, c.unit ?? null,
      c.deadline ?? null, c.deadline_precision ?? null, c.status, c.confidence, t.sequence, t.start, t.end, c.event_text,
      c.extractor_version, json ?? JSON.stringify(c), this.published);
    for (const code of actorCodes(padded)) this.insActor.run(c.id, docSeq, code);
    this.domains(docSeq, c.id, 'commitment', c.domains);
  }

  private policy(docSeq: number, p: PolicyRecord, json?: string): void {
    this.current = p.id;
    const t = p.text_info;
    this.insPolicy.run(p.id, docSeq, p.name, p.jurisdiction ?? null, p.status, p.date ?? null, p.date_precision ?? null,
      p.confidence, t.sequence, t.start, t.end, p.event_text, p.extractor_version, json ?? JSON.stringify(p), p.date ?? this.published);
    this.domains(docSeq, p.id, 'policy', p.domains);
  }

  private entity(docSeq: number, e: EntityRecord, json?: string): void {
    this.current = e.id;
    this.insEntity.run(e.id, docSeq, e.kind, e.name, e.country ?? null, e.role ?? null, e.sector ?? null, e.extractor_version,
      json ?? JSON.stringify(e));
  }
}

/** Response types of the API: the server's own types (type-only imports, erased at build). */
import type { PartnerListItem, PartnerSummary as Summary, Network as Net } from '../../src/store/analytics.ts';

export type {
  CommitmentItem,
  DocumentListItem,
  KeyCount,
  Matrix,
  OverviewTotals,
  Page,
  SearchFacets,
  Timeline,
} from '../../src/store/analytics.ts';
export type { CommitmentRecord, EntityRecord, EventRecord, Party, PolicyRecord } from '../../src/types.ts';
export type { SearchHit, Stats, StoredDocumentDetail } from '../../src/store/store.ts';

export interface Names {
  en: string;
  fr: string;
  vi: string;
}
export type PartyKind = 'country' | 'organisation';

export type PartnerItem = PartnerListItem & { kind: PartyKind; names: Names };
export type PartnerSummary = Summary & { parties: { code: string; kind: PartyKind; names: Names }[] };
export interface Network {
  nodes: (Net['nodes'][number] & { kind: PartyKind; names: Names })[];
  edges: Net['edges'];
}
export interface DomainLabel {
  id: string;
  label: Names;
}

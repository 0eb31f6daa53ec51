/**
 * FEC bulk-file layouts (reference/fec.md §2). The pipe files have no header row, so the column
 * order below is the contract; it follows the FEC `*_header_file.csv` files exactly.
 */

/** Kinds of FEC input this module reads. */
export type FecKind = 'itcont' | 'itoth' | 'itpas2' | 'cm' | 'cn' | 'ccl' | 'ie';

/** The 21 columns of `itcont.txt` and `itoth.txt`. */
export const TRANSACTION_COLUMNS = [
  'CMTE_ID', 'AMNDT_IND', 'RPT_TP', 'TRANSACTION_PGI', 'IMAGE_NUM', 'TRANSACTION_TP', 'ENTITY_TP',
  'NAME', 'CITY', 'STATE', 'ZIP_CODE', 'EMPLOYER', 'OCCUPATION', 'TRANSACTION_DT', 'TRANSACTION_AMT',
  'OTHER_ID', 'TRAN_ID', 'FILE_NUM', 'MEMO_CD', 'MEMO_TEXT', 'SUB_ID',
] as const;

/** The 22 columns of `itpas2.txt`: the transaction columns with CAND_ID inserted at position 17. */
export const PAS2_COLUMNS = [
  ...TRANSACTION_COLUMNS.slice(0, 16), 'CAND_ID', ...TRANSACTION_COLUMNS.slice(16),
] as const;

export const CM_COLUMNS = [
  'CMTE_ID', 'CMTE_NM', 'TRES_NM', 'CMTE_ST1', 'CMTE_ST2', 'CMTE_CITY', 'CMTE_ST', 'CMTE_ZIP', 'CMTE_DSGN',
  'CMTE_TP', 'CMTE_PTY_AFFILIATION', 'CMTE_FILING_FREQ', 'ORG_TP', 'CONNECTED_ORG_NM', 'CAND_ID',
] as const;

export const CN_COLUMNS = [
  'CAND_ID', 'CAND_NAME', 'CAND_PTY_AFFILIATION', 'CAND_ELECTION_YR', 'CAND_OFFICE_ST', 'CAND_OFFICE',
  'CAND_OFFICE_DISTRICT', 'CAND_ICI', 'CAND_STATUS', 'CAND_PCC', 'CAND_ST1', 'CAND_ST2', 'CAND_CITY',
  'CAND_ST', 'CAND_ZIP',
] as const;

export const CCL_COLUMNS = [
  'CAND_ID', 'CAND_ELECTION_YR', 'FEC_ELECTION_YR', 'CMTE_ID', 'CMTE_TP', 'CMTE_DSGN', 'LINKAGE_ID',
] as const;

/** Header of the independent-expenditure CSV (comma-delimited, header row, UTF-8). */
export const IE_COLUMNS = [
  'cand_id', 'cand_name', 'spe_id', 'spe_nam', 'ele_type', 'can_office_state', 'can_office_dis', 'can_office',
  'cand_pty_aff', 'exp_amo', 'exp_date', 'agg_amo', 'sup_opp', 'pur', 'pay', 'file_num', 'amndt_ind', 'tran_id',
  'image_num', 'receipt_dat', 'fec_election_yr', 'prev_file_num', 'dissem_dt',
] as const;

/** Zero-based positions of the fields the screener reads in a transaction layout. */
export interface TransactionLayout {
  kind: 'itcont' | 'itoth' | 'itpas2';
  fields: number;
  cmte: number;
  amndt: number;
  rptTp: number;
  imageNum: number;
  tranTp: number;
  entityTp: number;
  name: number;
  city: number;
  state: number;
  zip: number;
  employer: number;
  occupation: number;
  date: number;
  amount: number;
  otherId: number;
  /** -1 where the layout has no CAND_ID. */
  candId: number;
  tranId: number;
  fileNum: number;
  memoCd: number;
  memoText: number;
  subId: number;
}

function layoutOf(kind: TransactionLayout['kind'], columns: readonly string[]): TransactionLayout {
  const at = (name: string) => columns.indexOf(name);
  return {
    kind,
    fields: columns.length,
    cmte: at('CMTE_ID'),
    amndt: at('AMNDT_IND'),
    rptTp: at('RPT_TP'),
    imageNum: at('IMAGE_NUM'),
    tranTp: at('TRANSACTION_TP'),
    entityTp: at('ENTITY_TP'),
    name: at('NAME'),
    city: at('CITY'),
    state: at('STATE'),
    zip: at('ZIP_CODE'),
    employer: at('EMPLOYER'),
    occupation: at('OCCUPATION'),
    date: at('TRANSACTION_DT'),
    amount: at('TRANSACTION_AMT'),
    otherId: at('OTHER_ID'),
    candId: at('CAND_ID'),
    tranId: at('TRAN_ID'),
    fileNum: at('FILE_NUM'),
    memoCd: at('MEMO_CD'),
    memoText: at('MEMO_TEXT'),
    subId: at('SUB_ID'),
  };
}

/** Layouts of the three transaction files. */
export const LAYOUTS: Record<TransactionLayout['kind'], TransactionLayout> = {
  itcont: layoutOf('itcont', TRANSACTION_COLUMNS),
  itoth: layoutOf('itoth', TRANSACTION_COLUMNS),
  itpas2: layoutOf('itpas2', PAS2_COLUMNS),
};

/** Field counts of the pipe files. */
export const FIELD_COUNTS: Record<Exclude<FecKind, 'ie'>, number> = {
  itcont: TRANSACTION_COLUMNS.length,
  itoth: TRANSACTION_COLUMNS.length,
  itpas2: PAS2_COLUMNS.length,
  cm: CM_COLUMNS.length,
  cn: CN_COLUMNS.length,
  ccl: CCL_COLUMNS.length,
};

/**
 * The kind of an FEC file from its (member) name: `itcont.txt`, `itcont_2024_…txt` (by_date parts),
 * `cm.txt` (also `cm24.zip`, `cm_subset.txt`), `cn.txt`, `ccl.txt`, `itoth.txt`, `itpas2.txt`,
 * `independent_expenditure_2024.csv`.
 * Zip names map through their stems (`indiv24.zip` → itcont). Returns undefined when unknown.
 */
export function kindFromName(name: string): FecKind | undefined {
  const base = name.split(/[\\/]/).pop()!.toLowerCase();
  if (/^independent_expenditure.*\.csv$/.test(base)) return 'ie';
  if (/^itcont.*\.txt$/.test(base) || /^indiv\d{2}\.zip$/.test(base)) return 'itcont';
  if (/^itoth.*\.txt$/.test(base) || /^oth\d{2}\.zip$/.test(base)) return 'itoth';
  if (/^itpas2.*\.txt$/.test(base) || /^pas2\d{2}\.zip$/.test(base)) return 'itpas2';
  if (/^cm(\d{2})?([_-][\w-]*)?\.(txt|zip)$/.test(base)) return 'cm';
  if (/^cn(\d{2})?([_-][\w-]*)?\.(txt|zip)$/.test(base)) return 'cn';
  if (/^ccl(\d{2})?([_-][\w-]*)?\.(txt|zip)$/.test(base)) return 'ccl';
  return undefined;
}

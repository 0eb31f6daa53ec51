#!/usr/bin/env bash
# The Vigil demo: the seed case (CA-35, 2022, as publicly reported) and a fictional scenario
# (Veradia, OH-19), carried from raw files to a report. Run from the repository root after
# `npm run build`, or simply `npm run demo`. Writes everything under demo-out/ (or $OUT).
set -euo pipefail
cd "$(dirname "$0")/.."
OUT="${OUT:-demo-out}"
DB="$OUT/vigil.db"
rm -rf "$OUT"
mkdir -p "$OUT"
# The demo signs its ledger checkpoints with a key of its own: it recreates its store on every run, and a
# remembered checkpoint of the last run's store would (rightly) read as a rewritten ledger.
export VIGIL_KEY_DIR="${VIGIL_KEY_DIR:-$OUT/keys}"
vigil() { node dist/cli/index.js "$@"; }
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "vigil init: a starter watchlist to edit (the demo uses demo/watchlist.yaml)"
vigil init --out "$OUT/starter-watchlist.yaml"

step "vigil ingest: the seed case, fictional X API v2 pages (two broken records on purpose) and news reports"
vigil ingest --db "$DB" demo/data/seed-case.jsonl demo/data/veradia-x-pages.jsonl demo/data/news.csv

step "vigil ingest again: nothing is stored twice"
vigil ingest --db "$DB" demo/data/veradia-x-pages.jsonl

step "vigil quarantine: what could not be stored, and why"
vigil quarantine --db "$DB"

step "vigil classify: the stable per-post interface for evaluation"
vigil classify --watch demo/watchlist.yaml --input demo/data/seed-case.jsonl

step "vigil money screen: fictional FEC contributions to the OH-19 committees"
vigil money screen --db "$DB" --watch demo/watchlist.yaml --input demo/data/fec --out "$OUT/money-findings.jsonl"

step "vigil analyze: detectors, coordination, attribution, incidents (posts and money), evidence ledger"
vigil analyze --db "$DB" --watch demo/watchlist.yaml

step "vigil leads: news reports (text, HTML) turned into leads: allegation, accused, race, quoted posts, responses"
vigil leads --db "$DB" --watch demo/watchlist.yaml demo/data/articles/

step "vigil leads --confirm: the seed-case lead joins the incident of El Salvador's government in CA-35"
SEED_LEAD=$(vigil leads --db "$DB" --watch demo/watchlist.yaml --input demo/data/articles/seed-ca35-2022.txt --json 2>/dev/null \
  | node -e 'let s="";process.stdin.on("data",(d)=>(s+=d)).on("end",()=>console.log(JSON.parse(s.split("\n")[0]).id))')
vigil leads --db "$DB" --watch demo/watchlist.yaml --confirm "$SEED_LEAD" --note "quoted post found in the archive" >/dev/null
vigil leads --db "$DB" --watch demo/watchlist.yaml --export stix --out "$OUT/leads"
vigil leads --db "$DB" --watch demo/watchlist.yaml --export csv --out "$OUT/leads"

step "vigil report: one self-contained HTML report per race"
vigil report --db "$DB" --watch demo/watchlist.yaml --out "$OUT/reports"

step "vigil verify: the evidence ledger's hash chain"
vigil verify --db "$DB"

printf '\nReports: %s\n' "$(ls "$OUT"/reports/*.html | tr '\n' ' ')"

#!/usr/bin/env bash
# Builds the trimmed ICU data package that core links in (native and wasm alike), from Debian's
# full icudt72l.dat: only the items core reads, and inside the big bundles only the keys it reads.
#   make_trimmed_dat.sh <full icudt72l.dat> <res_subset binary> <work dir> <output .dat>
# Keep this list in step with core/src/text.cpp, money.cpp and declaration.cpp (what ICU loads).
set -euo pipefail
FULL=$1; SUBSET=$2; WORK=$3; OUT=$4
# The locales messages are rendered in (datasets/messages/*.json); root is their fallback.
LOCALES="root en fr de es zh ja ar"
rm -rf "$WORK"; mkdir -p "$WORK/x" "$WORK/src/translit" "$WORK/src/curr" "$WORK/src/loc" "$WORK/src/lcurr" \
  "$WORK/pkg/translit" "$WORK/pkg/curr" "$WORK/pkg/brkitr"

# Items copied whole.
cat > "$WORK/whole.txt" <<'LIST'
nfkc_cf.nrm
brkitr/root.res
brkitr/word.brk
currencyNumericCodes.res
plurals.res
pluralRanges.res
numberingSystems.res
LIST
# Items cut down to some keys (rebuilt with genrb).
cat > "$WORK/cut.txt" <<'LIST'
translit/root.res
curr/supplementalData.res
supplementalData.res
metadata.res
LIST
# Locale bundles for MessageFormat: number symbols and patterns, currency symbols.
for l in $LOCALES; do echo "$l.res" >> "$WORK/cut.txt"; echo "curr/$l.res" >> "$WORK/cut.txt"; done
cat "$WORK/whole.txt" "$WORK/cut.txt" > "$WORK/extract.txt"
# The pools are only read while cutting (the rebuilt bundles are standalone).
cp "$WORK/extract.txt" "$WORK/extract-read.txt"
printf 'pool.res\ncurr/pool.res\n' >> "$WORK/extract-read.txt"
icupkg -x "$WORK/extract-read.txt" -d "$WORK/x" "$FULL"

"$SUBSET" "$WORK/x/translit/" root RuleBasedTransliteratorIDs/Latin-ASCII > "$WORK/src/translit/root.txt"
"$SUBSET" "$WORK/x/curr/" supplementalData CurrencyMap CurrencyMeta > "$WORK/src/curr/supplementalData.txt"
"$SUBSET" "$WORK/x/" supplementalData codeMappings idValidity/region territoryContainment > "$WORK/src/supplementalData.txt"
"$SUBSET" "$WORK/x/" metadata alias/territory > "$WORK/src/metadata.txt"

for l in $LOCALES; do
  "$SUBSET" --fallback "$WORK/x/" "$l" NumberElements > "$WORK/src/loc/$l.txt"
  "$SUBSET" --fallback "$WORK/x/curr/" "$l" Currencies currencySpacing > "$WORK/src/lcurr/$l.txt"
done
(cd "$WORK/src/loc" && genrb -q -s . -d "$WORK/pkg" $(for l in $LOCALES; do echo "$l.txt"; done))
(cd "$WORK/src/lcurr" && genrb -q -s . -d "$WORK/pkg/curr" $(for l in $LOCALES; do echo "$l.txt"; done))
genrb -q -s "$WORK/src" -d "$WORK/pkg" supplementalData.txt metadata.txt
genrb -q -s "$WORK/src/translit" -d "$WORK/pkg/translit" root.txt
genrb -q -s "$WORK/src/curr" -d "$WORK/pkg/curr" supplementalData.txt
while read -r item; do cp "$WORK/x/$item" "$WORK/pkg/$item"; done < "$WORK/whole.txt"

rm -f "$OUT"
icupkg -tl --ignore-deps --toc_prefix icudt72l -s "$WORK/pkg" -a "$WORK/extract.txt" new "$OUT"

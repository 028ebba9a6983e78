// Grouping a comparison's changed rows into the "fixed" and "broken" galleries. Pure.
//
// Classification changes carry `flip` (`fixed`: A wrong, B right; `broken`: the reverse). Detection
// changes carry only B − A deltas of true positives, false positives and missed objects, so a row
// counts as fixed when its errors (FP + FN) went down and as broken when they went up; a row whose
// errors did not change (only its TP moved) is in neither.

/**
 * @param {{key: string, flip?: string, true_positives?: number, false_positives?: number, false_negatives?: number}[]} changes
 * @returns {{fixed: object[], broken: object[]}} each in the API's order
 */
export function flippedRows(changes) {
  const fixed = [];
  const broken = [];
  for (const change of changes ?? []) {
    if (change.flip === 'fixed') fixed.push(change);
    else if (change.flip === 'broken') broken.push(change);
    else if (change.flip === undefined) {
      const delta = errorDelta(change);
      if (delta < 0) fixed.push(change);
      else if (delta > 0) broken.push(change);
    }
  }
  return { fixed, broken };
}

/**
 * The change in a detection row's errors, B − A: ΔFP + ΔFN (absent deltas count 0).
 * @param {{false_positives?: number, false_negatives?: number}} change
 * @returns {number}
 */
export function errorDelta(change) {
  return (change.false_positives ?? 0) + (change.false_negatives ?? 0);
}

import { compareCodePoints, type LabelSet, sortLabelNames } from '@tocsin/model';

/**
 * Alertmanager's `AlertSlice.Less` as a comparator: by the `job` label, then `instance` (an
 * alert that has the label sorts before one that lacks it), then by the whole label set
 * (`LabelSet.Before`). Notifications list their alerts in this order, and `max_alerts` keeps
 * the first ones.
 */
export function compareAlertLabels(a: Readonly<LabelSet>, b: Readonly<LabelSet>): number {
  for (const name of ['job', 'instance']) {
    const x = a[name];
    const y = b[name];
    if (x === undefined && y === undefined) continue;
    if (x === undefined) return 1;
    if (y === undefined) return -1;
    if (x !== y) return compareCodePoints(x, y);
  }
  return compareLabelSets(a, b);
}

// `LabelSet.Before`: fewer labels first; otherwise the first differing pair in the sorted union
// of names decides, a set lacking that name coming first.
function compareLabelSets(a: Readonly<LabelSet>, b: Readonly<LabelSet>): number {
  const sizeA = Object.keys(a).length;
  const sizeB = Object.keys(b).length;
  if (sizeA !== sizeB) return sizeA - sizeB;
  const names = sortLabelNames([...new Set([...Object.keys(a), ...Object.keys(b)])]);
  for (const name of names) {
    const x = a[name];
    const y = b[name];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (x !== y) return compareCodePoints(x, y);
  }
  return 0;
}

// Arrivals per quarter hour as bars: heights scaled to the busiest slot.
// Pure, tested in bars.test.ts.
import type { ArrivalSlot } from '../../api/desk';
import { formatTime } from '../../lib/format';

export interface Bar {
  label: string;
  count: number;
  /** 0 to 1, relative to the busiest quarter hour. */
  height: number;
}

export function arrivalBars(slots: ArrivalSlot[], locale?: string): Bar[] {
  const max = Math.max(1, ...slots.map((s) => s.count));
  return slots.map((s) => ({ label: formatTime(s.start, locale), count: s.count, height: s.count / max }));
}

/** "42 %" of expected, or an empty string when nobody is expected. */
export function share(part: number, whole: number): string {
  if (whole <= 0) return '';
  return `${Math.round((part / whole) * 100)} %`;
}

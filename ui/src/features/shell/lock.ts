// Whether a name typed on the lock screen is the volunteer's at the desk
// (issue 9): case, accents and spaces aside. Pure, tested in lock.test.ts.
// This is a privacy screen for a desk left for a minute, not a lead's
// permission: a lead unlocks with the PIN, checked in Rust.

function fold(name: string): string {
  return name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().split(/\s+/u).filter((w) => w !== '').join(' ');
}

/** Whether `typed` names the operator of the open shift. */
export function isOperator(typed: string, operator: string | null): boolean {
  if (!operator) return false;
  const t = fold(typed);
  return t !== '' && t === fold(operator);
}

// The desk's words for the cash box's data: payment methods and ledger
// entry kinds, as the api names them (`cash`, `pay_out`); a name the desk
// does not know yet is shown as it came. Pure, tested in words.test.ts.
import { isMessageKey, type Translator } from '../../lib/i18n/translator';

/** A payment method in the desk's language ("Card", "Karte"). */
export function methodName(method: string, tr: Translator): string {
  const key = `cash.method.${method}`;
  return isMessageKey(key) ? tr.t(key) : method;
}

/** A ledger entry's kind in the desk's language ("Paid out", "Entnahme"). */
export function kindName(kind: string, tr: Translator): string {
  const key = `cash.kind.${kind}`;
  return isMessageKey(key) ? tr.t(key) : kind;
}

// PIN rules as the backend has them (4 to 12 digits), to say so before sending.

export function pinProblem(pin: string, again?: string): string | null {
  if (!/^\d{4,12}$/.test(pin)) return 'A PIN is 4 to 12 digits.';
  if (again !== undefined && again !== pin) return 'The two PINs differ.';
  return null;
}

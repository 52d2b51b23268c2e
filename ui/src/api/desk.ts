// The only module that talks to the Tauri backend (invariant 4 in
// ARCHITECTURE.md). Every call returns the DTO or throws an ApiError.
import { invoke } from '@tauri-apps/api/core';
import type {
  ApiError,
  AttendeeCard,
  CheckInReceipt,
  CheckInRequest,
  DeskInfo,
  ErrorCode,
} from './bindings';

export type * from './bindings';

const CODES: readonly ErrorCode[] = [
  'already_checked_in',
  'unknown_code',
  'ticket_cancelled',
  'amount_due',
  'unknown_attendee',
  'no_operator',
  'invalid_input',
  'import_needs_mapping',
  'event_exists',
  'no_event',
  'not_a_lanyard_database',
  'database_too_new',
  'database_damaged',
  'storage',
  'internal',
];

/** Turns whatever a failed call rejected with into an ApiError. */
export function toApiError(raw: unknown): ApiError {
  if (typeof raw === 'object' && raw !== null) {
    const r = raw as Record<string, unknown>;
    if (typeof r.code === 'string' && typeof r.message === 'string' && CODES.includes(r.code as ErrorCode)) {
      return raw as ApiError;
    }
  }
  const message = raw instanceof Error ? raw.message : String(raw);
  return { code: 'internal', message };
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (raw) {
    throw toApiError(raw);
  }
}

export const desk = {
  info: () => call<DeskInfo>('desk_info'),
  startShift: (operator: string, deskName: string | null) =>
    call<DeskInfo>('start_shift', { operator, deskName }),
  search: (query: string) => call<AttendeeCard[]>('search', { query }),
  checkIn: (request: CheckInRequest) => call<CheckInReceipt>('check_in', { request }),
  ready: () => call<void>('app_ready'),
};

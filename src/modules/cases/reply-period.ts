import { WorkingDayCalendar } from '../calendar/working-days';
import { Flag } from '../flags/flag.entity';
import { FlagCaseState, FlagStatus } from '../flags/flag.enums';

/** Working days a platform has to reply before a reviewer may decide its case without a reply. */
export const REPLY_WORKING_DAYS = 10;

/**
 * When the platform's reply period ends: 23:59:59 China time on the 10th working day (on the association's
 * calendar) after the case opened: when the flag was raised, or when a reviewer last reopened it. Null once
 * the platform has replied, the case is decided or closed, or the flag no longer stands (superseded or resolved; a
 * case carried over runs on in the new flag).
 */
export function replyDueAt(flag: Pick<Flag, 'status' | 'caseState' | 'caseChangedAt' | 'raisedAt'>, calendar: WorkingDayCalendar): Date | null {
  if (flag.status !== FlagStatus.OPEN || flag.caseState !== FlagCaseState.OPEN) return null;
  return calendar.deadlineAfter(flag.caseChangedAt ?? flag.raisedAt, REPLY_WORKING_DAYS);
}

/**
 * The connection notices, locally: what the SNS topic would mail (lib/constructs/connection-notices.ts) is
 * rendered from the same parts as EventBridge's input transformer, kept in memory for the tests, and written
 * to the log (`npm start` prints it) with the address it would go to.
 */
import { CONNECTION_NOTICES, renderNotice } from '../../lambdas/app/connection-notices';
import { EVENT_SOURCE } from '../../lambdas/app/topology';
import type { DomainEventType } from '../../lambdas/core/events/event-contracts';
import type { LocalLog } from '../log';
import type { BusEventRecord } from './event-bus';

export interface Notice {
  eventId: string;
  detailType: DomainEventType;
  /** who it would be mailed to; null when no address is configured (NOTICE_EMAIL) */
  to: string | null;
  text: string;
}

const KEPT = 200;

export function noticeMailer(o: { to: string | null; log: LocalLog }) {
  const sent: Notice[] = [];
  return {
    handle(record: BusEventRecord): void {
      const { envelope } = record;
      const detailType = envelope['detail-type'] as DomainEventType;
      const parts = envelope.source === EVENT_SOURCE ? CONNECTION_NOTICES[detailType] : undefined;
      // a replay resends events to the connector's own rules only, as in AWS
      if (!parts || envelope['replay-name']) return;
      const notice = {
        eventId: envelope.id,
        detailType,
        to: o.to,
        text: renderNotice(parts, envelope as unknown as Record<string, unknown>),
      };
      sent.push(notice);
      if (sent.length > KEPT) sent.shift();
      o.log.info('notice', `${o.to ? `to ${o.to}` : 'no NOTICE_EMAIL set'}: ${notice.text}`);
    },
    sent: (): Notice[] => [...sent],
  };
}

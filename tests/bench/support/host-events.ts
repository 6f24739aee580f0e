import type { Page } from '@playwright/test';
import type { BenchWindow } from './page-types';

/**
 * Delivers a host event (contract/api.ts HostEvent) on the page's own EventSource, exactly as if the host
 * had sent it over Server-Sent Events: the renderer's HttpTransport handler runs unchanged. The host has
 * no way to send `return-to-attract` on request, and the idle timer takes ≥ 1 s per reset.
 */
export async function deliverHostEvent(page: Page, event: { type: string } & Record<string, unknown>): Promise<void> {
  const delivered = await page.evaluate((data) => {
    const sources = (window as unknown as BenchWindow).__bench?.eventSources ?? [];
    for (const source of sources) source.dispatchEvent(new MessageEvent('message', { data }));
    return sources.length;
  }, JSON.stringify(event));
  if (delivered === 0) throw new Error('the page has no EventSource to deliver host events on');
}

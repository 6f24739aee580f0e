import { test } from '@playwright/test';
import { openKiosk, wakeToMap, waitForAppEvent } from './support/app';
import { startKioskServer } from './support/kiosk-server';
test('debug', async ({ page }) => {
  const kiosk = await startKioskServer({ idleSeconds: 12 });
  try {
    await openKiosk(page, kiosk.url);
    await wakeToMap(page);
    await waitForAppEvent(page, 'idle-warning');
    const info = await page.evaluate(() => {
      const b = document.querySelector('.idle .more')!;
      const r = b.getBoundingClientRect();
      const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
      const app = document.getElementById('app')!;
      return { r: [r.x, r.y, r.width, r.height], hit: hit?.outerHTML.slice(0, 120), app: getComputedStyle(app).containerType, appRect: JSON.stringify(app.getBoundingClientRect()), vh: innerHeight };
    });
    console.log(JSON.stringify(info));
  } finally { await kiosk.stop(); }
});

import { expect, test, type Page } from '@playwright/test';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyPair } from '../../electron/core/bundle/index';
import { buildNewsletterDocx, colourPng, NEWSLETTER } from '../support/docx-documents';
import { openKiosk, screenshot, wakeToMap, waitForScreen } from './support/app';
import { startEditorServer } from './support/editor-server';
import { startKioskServer } from './support/kiosk-server';

// The whole staff journey, as issue #8 names it: a Word document becomes a story, the checklist says what
// is missing and leads to the fields, a picture gets its alt text, the live preview shows the story in both
// orientations and languages, "Gem til USB" writes a signed bundle to a folder standing in for a stick,
// and a running kiosk watching that folder installs it and shows the new story.

const STORY_ID = 'nyt-fra-osted-bylaug';

async function checklistItem(page: Page, text: string | RegExp) {
  return page.locator('[data-checklist-item]', { hasText: text });
}

test('staff journey: Word document → checklist → picture → preview → Gem til USB → the kiosk shows it', async ({ page }) => {
  test.setTimeout(240_000);
  const root = await mkdtemp(join(tmpdir(), 'vores-sted-editor-'));
  const stick = join(root, 'stick');
  await mkdir(stick);
  const keys = await generateKeyPair(join(root, 'keys'));
  if (!keys.ok) throw new Error('no keys');
  await writeFile(join(root, 'editor-config.json'), JSON.stringify({ dataDir: join(root, 'staff-pc'), editor: { port: 0 } }));
  const editor = await startEditorServer({ VORES_STED_CONFIG: join(root, 'editor-config.json'), VORES_STED_EDITOR_STICKS: stick });
  await writeFile(
    join(root, 'kiosk-config.json'),
    JSON.stringify({ dataDir: join(root, 'kiosk'), bundles: { trustedKeys: [await readFile(keys.publicKeyPath, 'utf8')], extraBundleFolder: stick } }),
  );
  const kiosk = await startKioskServer({ env: { VORES_STED_CONFIG: join(root, 'kiosk-config.json') } });
  try {
    await page.setViewportSize({ width: 1600, height: 1000 });
    await page.goto(editor.pageUrl);
    // Without the municipality's key nothing can be saved to a stick, and the checklist says whom to ask.
    await expect(page.locator('[data-checklist]')).toContainText('IT skal først vælge kommunens nøglefil');

    // IT sets the key once.
    await page.getByRole('button', { name: 'Indstillinger' }).click();
    await page.getByLabel('Sti til kommunens nøglefil').fill(keys.privateKeyPath);
    await page.getByRole('dialog').getByRole('button', { name: 'Gem' }).click();
    await expect(page.getByRole('dialog')).toContainText('Nøglefilen virker.');
    await page.getByRole('dialog').getByRole('button', { name: 'Luk' }).click();
    await expect(page.locator('[data-checklist]')).toContainText('Alt er klar til USB.');

    // A Word document becomes a story draft; what could not come along is said in Danish.
    await page.locator('[data-file-input="docx"]').setInputFiles({
      name: 'Nyhedsbrev Osted.docx',
      mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      buffer: await buildNewsletterDocx(),
    });
    const notice = page.locator('[data-notice]');
    await expect(notice).toContainText('er blevet til en ny historie');
    await expect(notice).toContainText('Tekstfeltet »Husk tilmelding senest 1. juni«');
    await expect(page.locator('#title\\.da')).toHaveValue(NEWSLETTER.title);
    await expect(page.locator('[data-field="body.da"]')).toContainText(NEWSLETTER.sections[0] ?? '');
    await screenshot(page, 'editor-after-word-import');

    // The checklist lists what stops the story from reaching a kiosk, and each item leads to its field.
    const noTask = await checklistItem(page, 'Vælg mindst én kerneopgave');
    await expect(noTask).toHaveCount(1);
    const noCredit = await checklistItem(page, 'Medie 1: Kreditering mangler');
    await expect(noCredit).toHaveCount(1);
    await noCredit.getByRole('button').click();
    await expect(page.locator('[data-field="media.0.credit"]')).toBeFocused();
    await page.keyboard.type('Illustration: Vores Sted-projektet, CC BY 4.0');
    await noTask.getByRole('button').click();
    await page.getByLabel('Fællesskab og fritid').check();
    await page.locator('circle[data-village="Osted"]').click();
    await expect(page.getByRole('list', { name: 'Valgte byer' })).toContainText('Osted');
    await expect(page.locator('[data-checklist-item="error"]')).toHaveCount(0);

    // A picture of our own, with the alt text and credit the checklist asks for.
    await page.locator('[data-file-input="media"]').setInputFiles({ name: 'Grøn plads i Osted.png', mimeType: 'image/png', buffer: await colourPng(2400, 1600, '#5c8a3a') });
    await expect(page.locator('[data-medium="media/groen-plads-i-osted.png"]')).toBeVisible();
    await expect(await checklistItem(page, 'Medie 2: Alt-tekst (dansk)')).toHaveCount(1);
    await expect(page.locator('[data-field="media.1.alt.da"]')).toBeFocused();
    await page.keyboard.type('Den grønne plads midt i Osted en sommerdag');
    await page.locator('[data-field="media.1.credit"]').fill('Illustration: Vores Sted-projektet, CC BY 4.0');
    await expect(page.locator('[data-checklist-item="error"]')).toHaveCount(0);
    await expect(page.locator('[data-save-status]')).toHaveAttribute('data-save-status', 'saved');

    // Undo takes back the credit just typed, redo brings it back.
    await page.locator('body').click({ position: { x: 5, y: 500 } });
    await page.keyboard.press('Control+z');
    await expect(page.locator('[data-field="media.1.credit"]')).toHaveValue('');
    await page.keyboard.press('Control+y');
    await expect(page.locator('[data-field="media.1.credit"]')).toHaveValue('Illustration: Vores Sted-projektet, CC BY 4.0');

    // The live preview is the real kiosk: landscape and portrait, Danish and English (missing English marked).
    const preview = page.frameLocator('iframe[title="Forhåndsvisning af kiosken"]');
    await expect(preview.locator('h1', { hasText: NEWSLETTER.title })).toBeVisible({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Stående 1080 × 1920' }).click();
    await expect(page.locator('iframe[data-preview="portrait"]')).toHaveAttribute('height', '1920');
    await expect(preview.locator('h1', { hasText: NEWSLETTER.title })).toBeVisible({ timeout: 30_000 });
    await page.getByRole('button', { name: 'English' }).click();
    await expect(preview.locator('h1', { hasText: `[mangler på engelsk] ${NEWSLETTER.title}` })).toBeVisible({ timeout: 30_000 });
    await screenshot(page, 'editor-preview-portrait-english');

    // Gem til USB: one sentence says when the stick can be pulled.
    await page.locator('[data-open-save]').click();
    const dialog = page.locator('[data-save-dialog]');
    // The folder standing in for the stick is offered (beside any drive this machine has mounted).
    await dialog.locator(`input[type="radio"][value="${stick}"]`).check();
    await dialog.getByRole('button', { name: 'Gem på stikket' }).click();
    await expect(notice).toContainText('du kan tage stikket ud nu', { timeout: 60_000 });
    const onStick = (await readdir(stick)).filter((name) => name.endsWith('.vsb'));
    expect(onStick).toHaveLength(1);

    // The kiosk watching the stick installs it and shows the new story under its core task.
    await openKiosk(page, kiosk.url);
    await expect(page.locator('[data-staff-notice]')).toContainText('Du kan tage USB-stikket ud.', { timeout: 60_000 });
    await wakeToMap(page);
    await page.locator('button[data-task="faellesskab-og-fritid"]').click();
    await waitForScreen(page, 'task');
    await expect(page.locator(`button[data-story="${STORY_ID}"]`)).toContainText(NEWSLETTER.title);
    await page.locator(`button[data-story="${STORY_ID}"]`).click();
    await waitForScreen(page, 'story');
    await expect(page.locator('img[alt="Den grønne plads midt i Osted en sommerdag"]')).toHaveCount(1);
    await screenshot(page, 'kiosk-shows-story-from-editor');
  } finally {
    await kiosk.stop();
    await editor.stop();
  }
});

test('closing the browser right after typing loses nothing: the last words are saved as the page goes', async ({ page, context }) => {
  test.setTimeout(90_000);
  const root = await mkdtemp(join(tmpdir(), 'vores-sted-editor-close-'));
  await writeFile(join(root, 'editor-config.json'), JSON.stringify({ dataDir: join(root, 'staff-pc'), editor: { port: 0 } }));
  const editor = await startEditorServer({ VORES_STED_CONFIG: join(root, 'editor-config.json') });
  try {
    await page.goto(editor.pageUrl);
    const title = page.locator('#title\\.da');
    await expect(title).toHaveValue(/.+/);
    // Typed and gone within the autosave's pause: only the save on the way out can keep it.
    await title.fill('Skrevet lige før browseren blev lukket');
    await page.close({ runBeforeUnload: true });

    const again = await context.newPage();
    // Either the save on the way out lands (after the page is gone: the page opened again can load first, so
    // it is opened again until it shows the words, up to 20 s), or — on a busy machine the browser may close
    // the page without running its pagehide at all — the page's own journal puts the words back and saves them.
    await expect(async () => {
      await again.goto(editor.pageUrl);
      await expect(again.locator('#title\\.da')).toHaveValue('Skrevet lige før browseren blev lukket', { timeout: 2_000 });
    }).toPass({ timeout: 20_000 });
    await expect(again.locator('[data-save-status]')).toHaveAttribute('data-save-status', 'saved');
  } finally {
    await editor.stop();
  }
});

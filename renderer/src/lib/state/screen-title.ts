import type { ContentSnapshot, LocalizedText } from '../../../../contract/content';
import type { MessageKey } from '../i18n/catalogue';
import type { Locale } from '../i18n/locale.svelte';
import type { Screen } from './kiosk.svelte';
import type { Spoken } from './read-aloud.svelte';

/** What a screen is called, as its top bar says it: read aloud when the screen appears in read-aloud mode. */
export function screenTitle(screen: Screen, content: ContentSnapshot | null, locale: Locale): Spoken | null {
  const own = (key: MessageKey): Spoken => ({ text: locale.t(key), lang: locale.lang });
  const shown = (value: LocalizedText): Spoken => ({ text: locale.text(value), lang: locale.langOf(value) });
  switch (screen.name) {
    case 'attract':
      return content ? shown(content.texts.attract.title) : null;
    case 'map':
      return own('map.title');
    case 'task': {
      const task = content?.coreTasks.find((t) => t.id === screen.taskId);
      return task ? shown(task.title) : null;
    }
    case 'story': {
      const story = content?.stories.find((s) => s.id === screen.storyId);
      return story ? shown(story.title) : null;
    }
    case 'places':
      return own('places.title');
    case 'credits':
      return own('credits.title');
    case 'problem':
      return own('problem.title');
    case 'closed':
      // The kiosk is closing for the day: nobody is to be talked to.
      return null;
  }
}

import '@fontsource/atkinson-hyperlegible/400.css';
import '@fontsource/atkinson-hyperlegible/700.css';
import '../src/styles/tokens.css';
import '../src/styles/utilities.css';
import './editor.css';
import { mount } from 'svelte';
import EditorApp from './EditorApp.svelte';
import { EditorClient } from './lib/editor-client';
import { EditorState } from './lib/editor-state.svelte';

// Composition root of the staff editor page. The launch token comes in the address the editor opened
// (a new one every launch, so an old address from the history opens nothing).
const token = new URLSearchParams(window.location.search).get('token') ?? '';
const state = new EditorState(new EditorClient(token));
const target = document.getElementById('editor');
if (!target) throw new Error('#editor missing from editor.html');
mount(EditorApp, { target, props: { editor: state } });
// Closing the tab or the browser: what was typed in the last moment is sent before the page goes.
window.addEventListener('pagehide', () => void state.flush(true));
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'hidden') void state.flush(true);
});
void state.load();

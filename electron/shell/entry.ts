// The packaged app's entry: `vores-sted --editor` (the "Vores Sted – redigér indhold" shortcut on a staff
// PC) starts the staff editor, served on 127.0.0.1 and opened in the default browser, with no kiosk window;
// anything else starts the kiosk. Two separate modules, so the editor never takes the kiosk's
// single-instance lock and the kiosk never loads editor code.
if (process.argv.includes('--editor')) await import('../editor/start.js');
else await import('./main.js');

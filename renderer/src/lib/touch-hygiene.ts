/**
 * What CSS alone cannot stop: the long-press menu, image drags, ctrl+wheel / gesture zoom, multi-finger
 * browser gestures and drops of files onto the page. The map canvas still gets its own pointer events.
 */
export function installTouchHygiene(doc: Document): void {
  const stop = (event: Event): void => event.preventDefault();
  doc.addEventListener('contextmenu', stop);
  doc.addEventListener('dragstart', stop);
  doc.addEventListener('dragover', stop);
  doc.addEventListener('drop', stop);
  doc.addEventListener('selectstart', stop);
  doc.addEventListener(
    'wheel',
    (event) => {
      if (event.ctrlKey) event.preventDefault();
    },
    { passive: false },
  );
  doc.addEventListener(
    'touchmove',
    (event) => {
      // Pinch on anything but the map would zoom the page in some browsers.
      const onMap = event.target instanceof Element && event.target.closest('[data-map-surface]');
      if (event.touches.length > 1 && !onMap) event.preventDefault();
    },
    { passive: false },
  );
  doc.addEventListener('keydown', (event) => {
    // Browser zoom shortcuts would leave the kiosk at a size it was not designed for.
    if ((event.ctrlKey || event.metaKey) && ['+', '-', '=', '0'].includes(event.key)) event.preventDefault();
  });
}

import { reachBand, type Band, type ScreenMounting, type Viewport } from '../../../../contract/reach';

/**
 * Low-reach mode: on a screen that reaches above (or below) what a visitor in a wheelchair can touch, the
 * whole kiosk moves into the band that is within reach. The band follows the config's mounting and the
 * window's size; the mode is the visitor's choice for one session, or the config's default.
 */
export class ReachLayout {
  mounting = $state.raw<ScreenMounting | null>(null);
  viewport = $state.raw<Viewport>({ width: 0, height: 0 });
  /** The visitor's choice for this session (the config's default when it starts). */
  active = $state(false);

  /** The window's band within reach; null without a mounting or when (too little of) the screen is in reach. */
  readonly band: Band | null = $derived.by(() => (this.mounting ? reachBand(this.mounting, this.viewport) : null));

  /** Part of the screen is out of reach and enough of it within: the mode would move something. */
  readonly offered: boolean = $derived.by(() => {
    const band = this.band;
    return band !== null && (band.top > 0.5 || band.bottom < this.viewport.height - 0.5);
  });

  /** The top of the screen (and so the top bar's "Visning") is out of reach: the switch needs a place within. */
  readonly topOutOfReach: boolean = $derived(this.band !== null && this.band.top > 0.5);

  /** Mounted so that too little of the screen is within reach: a config problem for the staff screen. */
  readonly unreachable: boolean = $derived(this.mounting !== null && this.viewport.height > 0 && this.band === null);

  /** The band the kiosk is drawn into now; null = the whole window. */
  readonly applied: Band | null = $derived(this.active && this.offered ? this.band : null);

  configure(mounting: ScreenMounting | null): void {
    this.mounting = mounting;
    this.reset();
  }

  setViewport(width: number, height: number): void {
    if (width !== this.viewport.width || height !== this.viewport.height) this.viewport = { width, height };
  }

  toggle(): void {
    this.active = !this.active;
  }

  /** A new session starts as the config says. */
  reset(): void {
    this.active = this.mounting?.lowReachByDefault ?? false;
  }
}

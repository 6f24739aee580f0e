import type { Page } from '@playwright/test';
import { mapStats, waitForMapRest } from '../support/page-probes';
import type { BenchWindow, MapStats } from '../support/page-types';
import { median, percentile, seededRandom, shuffle } from '../support/stats';
import { allVillageIds, flyOnce, measureFlightWindow, measureFloor, rapidFlights, type FlightWindow } from './map-frames';

export interface FrameFigures {
  frames: number;
  medianMs: number;
  p95Ms: number;
}

export interface MapFigures {
  floor: FrameFigures;
  /** The whole chained-flight tour (≥ 5 s, until the scale settles), adaptive scale on: it starts at 1. */
  flight: FrameFigures & { settledScale: number; flights: number; durationMs: number };
  /** Only the frames drawn after the scale stopped changing. */
  flightSettled: FrameFigures & { scale: number };
  /** A tour of the same length with the render scale held at 1 (MapView.lockRenderScale). */
  flightFullResolution: FrameFigures;
  drawCalls: number;
  triangles: number;
  canvas: FlightWindow['canvas'];
  memoryAfter1Flight: Pick<MapStats, 'geometries' | 'textures'>;
  memoryAfter100Flights: Pick<MapStats, 'geometries' | 'textures'>;
  flightsFlown: number;
}

function frameFigures(intervals: number[]): FrameFigures {
  return { frames: intervals.length, medianMs: median(intervals), p95Ms: percentile(intervals, 95) };
}

/** Which render scale each interval's frame was drawn at: the one in force before that frame ran. */
function withScaleDrawnAt(tour: FlightWindow): { intervalMs: number; scale: number }[] {
  return tour.samples
    .map((sample, i) => ({ ...sample, scale: i === 0 ? 1 : (tour.samples[i - 1]?.renderScale ?? 1) }))
    .filter((sample) => sample.rendered >= 1);
}

const memory = (stats: MapStats): Pick<MapStats, 'geometries' | 'textures'> => ({ geometries: stats.geometries, textures: stats.textures });

const FULL_RESOLUTION_TOUR = { minMs: 4_000, settledMs: 0, settledFrames: 0, maxMs: 4_000 };

export async function measureMap(page: Page, totalFlights = 100): Promise<MapFigures> {
  const random = seededRandom(7);
  const ids = shuffle(await allVillageIds(page), random);
  if (ids.length < 2) throw new Error('the map has fewer than two villages to fly between');

  await waitForMapRest(page, 30);
  const floorIntervals = (await measureFloor(page)).slice(5); // the first frames include context start-up

  await waitForMapRest(page, 30);
  const after1 = await flyOnce(page, ids[0] as number);
  await waitForMapRest(page, 30); // the scale's restore frame, so the window starts at scale 1
  const tour = await measureFlightWindow(page, ids.slice(1));
  const drawn = withScaleDrawnAt(tour);
  const settledScale = tour.finalStats.renderScale;
  const firstSettled = drawn.findIndex((s, i) => drawn.slice(i).every((t) => t.scale === settledScale));
  const settled = firstSettled < 0 ? [] : drawn.slice(firstSettled);

  // The full-resolution figure beside it: the same tour with the render scale held at 1.
  await waitForMapRest(page, 30);
  await page.evaluate(() => (window as unknown as BenchWindow).__voresStedTest?.debug.map?.lockRenderScale(1));
  const fullTour = await measureFlightWindow(page, ids.slice(1).reverse(), 700, FULL_RESOLUTION_TOUR);
  await page.evaluate(() => (window as unknown as BenchWindow).__voresStedTest?.debug.map?.lockRenderScale(null));
  const full = fullTour.samples.filter((s) => s.rendered >= 1).map((s) => s.intervalMs);

  const flown = 1 + tour.flights + fullTour.flights;
  await rapidFlights(page, ids, Math.max(0, totalFlights - flown), 1);
  const after100 = await mapStats(page);

  return {
    floor: frameFigures(floorIntervals),
    flight: { ...frameFigures(drawn.map((s) => s.intervalMs)), settledScale, flights: tour.flights, durationMs: tour.samples.at(-1)?.at ?? 0 },
    flightSettled: { ...frameFigures(settled.map((s) => s.intervalMs)), scale: settledScale },
    flightFullResolution: frameFigures(full),
    drawCalls: tour.finalStats.drawCalls,
    triangles: tour.finalStats.triangles,
    canvas: tour.canvas,
    memoryAfter1Flight: memory(after1),
    memoryAfter100Flights: memory(after100),
    flightsFlown: Math.max(totalFlights, flown),
  };
}

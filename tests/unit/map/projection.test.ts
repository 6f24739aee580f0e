import { describe, expect, it } from 'vitest';
import { haversineMetres, located, projection } from './fixtures';

describe('map projection', () => {
  it('has real villages to test with', () => {
    expect(located.length).toBeGreaterThanOrEqual(40);
  });

  it('round-trips every village coordinate to the scene and back within 1 m', () => {
    for (const village of located) {
      const back = projection.toLonLat(projection.toScene(village.lonLat));
      expect(haversineMetres(village.lonLat, back), village.name).toBeLessThan(1);
    }
  });

  it('puts the origin at scene (0, 0)', () => {
    const [x, z] = projection.toScene(projection.origin);
    expect(Math.hypot(x, z)).toBeLessThan(1e-6);
  });

  it('keeps scene distances within 1 % of great-circle distances between every pair of villages', () => {
    for (const [i, a] of located.entries()) {
      for (const b of located.slice(i + 1)) {
        const [ax, az] = projection.toScene(a.lonLat);
        const [bx, bz] = projection.toScene(b.lonLat);
        const truth = haversineMetres(a.lonLat, b.lonLat);
        expect(Math.abs(Math.hypot(bx - ax, bz - az) - truth) / truth, `${a.name}–${b.name}`).toBeLessThan(0.01);
      }
    }
  });

  it('points x east and z south', () => {
    const [x0, z0] = projection.toScene([12, 55.6]);
    const [xEast, zEast] = projection.toScene([12.01, 55.6]);
    const [xNorth, zNorth] = projection.toScene([12, 55.61]);
    expect(xEast - x0).toBeGreaterThan(500);
    expect(Math.abs(zEast - z0)).toBeLessThan(50);
    expect(z0 - zNorth).toBeGreaterThan(1000);
    expect(Math.abs(xNorth - x0)).toBeLessThan(50);
  });
});
